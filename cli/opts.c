/* SPDX-License-Identifier: Apache-2.0 */
/*
 * opts.c: the table of every option of the namescreen tool and the parser that reads a command's
 * options through it. help.c prints the help and the manual page from the same table.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "dates.h"
#include "opts.h"

#define FORMAT_CMDS (CLI_QUERY | CLI_SCREEN | CLI_COMPARE | CLI_DIFF)

/* In the order of the help. Rows sharing an id describe one option for different commands. */
const cli_opt_def cli_opt_table[] = {
    { OPT_LIST, "--list", NULL, "SPEC", CLI_QUERY | CLI_SCREEN | CLI_LISTS, CLI_OPT_REPEAT,
      "load this list file instead of a lists directory; repeat it for several lists" },
    { OPT_LISTS_DIR, "--lists", NULL, "DIR", CLI_QUERY | CLI_SCREEN | CLI_LISTS | CLI_DIFF, 0,
      "load the lists of the lists directory DIR (default: $NAMESCREEN_LISTS, else the updated "
      "directory ~/.local/share/namescreen/lists when it holds a list, else the bundled "
      "snapshots)" },
    { OPT_CHECK, "--check", NULL, NULL, CLI_LISTS, 0,
      "verify every current list of the lists directory against its manifest (file sizes, "
      "checksums, parse, entity counts): one line per list, exit status 2 on any mismatch" },
    { OPT_COMPILE, "--compile", NULL, NULL, CLI_LISTS, 0,
      "build the index of the lists of the lists directory and write it as a snapshot into "
      "the version folder fetched last (index-KEY.nsx), which later commands on the same lists "
      "map instead of building the index: a fast start for big lists" },
    { OPT_MAX_AGE, "--max-age", NULL, "DURATION", CLI_QUERY | CLI_SCREEN | CLI_LISTS, 0,
      "a list is stale when its last check, or for a list never checked its publication, is "
      "older than DURATION (36h, 2d, 1w; default 2d since the last check, 30d since "
      "publication); each stale list gets a warning" },
    { OPT_REQUIRE_FRESH, "--require-fresh", NULL, NULL, CLI_QUERY | CLI_SCREEN, 0,
      "a stale list, or one whose age is unknown, is an error (exit status 2)" },
    { OPT_COLUMN, "--column", NULL, "COLUMN", CLI_SCREEN, 0,
      "the column holding the names (default: name)" },
    { OPT_DOB_COLUMN, "--dob-column", NULL, "COLUMN", CLI_SCREEN, 0,
      "the column of dates of birth, used as evidence (default: dob, when present)" },
    { OPT_COUNTRY_COLUMN, "--country-column", NULL, "COLUMN", CLI_SCREEN, 0,
      "the column of countries, used as evidence (default: country or nationality, when "
      "present)" },
    { OPT_GIVEN_COLUMN, "--given-column", NULL, "COLUMN", CLI_SCREEN, 0,
      "the column of given names, for names split in two columns (instead of --column); the "
      "scorer knows which part is which" },
    { OPT_FAMILY_COLUMN, "--family-column", NULL, "COLUMN", CLI_SCREEN, 0,
      "the column of family names, with --given-column" },
    { OPT_ID_COLUMN, "--id-column", NULL, "COLUMN", CLI_SCREEN, 0,
      "the column of the counterparty key (your own id for the row)" },
    { OPT_TYPE_COLUMN, "--type-column", NULL, "COLUMN", CLI_SCREEN, 0,
      "the column of entity types (person, organization, vessel, aircraft; empty: any): each "
      "row hits entries of its type only; an unknown type is a bad row" },
    { OPT_DATE_FORMAT, "--date-format", NULL, "ORDER", CLI_SCREEN, 0,
      "how numeric dates of birth with the year last are read: auto (default: day-first or "
      "month-first when only one reading is a date; 01/02/1968 is ambiguous and not used), "
      "dmy, mdy or ymd; ISO dates and month names are always read" },
    { OPT_DELIMITER, "--delimiter", NULL, "CHAR", CLI_SCREEN, 0,
      "the field delimiter of the input: ',' ';' tab ('\\t' or 'tab') or '|' (default: the "
      "one found most often outside quotes in the first line)" },
    { OPT_NO_HEADER, "--no-header", NULL, NULL, CLI_SCREEN, 0,
      "the input has no header line: its columns are named 1, 2, 3 ... (--column 2)" },
    { OPT_INPUT_ENCODING, "--input-encoding", NULL, "ENC", CLI_SCREEN, 0,
      "the input's character set: utf-8 (default; invalid UTF-8 is a bad row), latin1 or "
      "cp1252 (Windows-1252), converted to UTF-8" },
    { OPT_SKIP_BAD_ROWS, "--skip-bad-rows", NULL, NULL, CLI_SCREEN, 0,
      "write bad rows (ragged, broken quotes, invalid UTF-8, unknown types) to the reject file "
      "and go on, instead of stopping with exit status 2" },
    { OPT_REJECT_FILE, "--reject-file", NULL, "FILE", CLI_SCREEN, 0,
      "the reject file of --skip-bad-rows, a CSV of row,line,reason,raw (default: OUTPUT"
      ".rejects.csv with --output, else rejects.csv)" },
    { OPT_THRESHOLD, "--threshold", NULL, "T", CLI_QUERY | CLI_SCREEN, 0,
      "report hits scoring at least T (0..1, default 0.80)" },
    { OPT_THRESHOLD, "--threshold", NULL, "T", CLI_COMPARE, 0,
      "the names match when they score at least T (0..1, default 0.80)" },
    { OPT_LIMIT, "--limit", NULL, "N", CLI_QUERY, 0,
      "at most N hits per name (default 10; 0 = no limit)" },
    { OPT_LIMIT, "--limit", NULL, "N", CLI_SCREEN, 0,
      "at most N hits per row (default: every hit); a row whose hits were cut says so (cut)" },
    { OPT_TYPE, "--type", NULL, "TYPE", CLI_QUERY | CLI_SCREEN, 0,
      "hits of this entity type only: person, organization, vessel or aircraft" },
    { OPT_THREADS, "--threads", NULL, "N", CLI_SCREEN, 0,
      "screening threads (1..256, default: the number of online CPUs); the output is the same "
      "for any N" },
    { OPT_FORMAT, "--format", NULL, "FORMAT", CLI_QUERY, 0, "text (default), csv or jsonl" },
    { OPT_FORMAT, "--format", NULL, "FORMAT", CLI_SCREEN, 0, "csv (default) or jsonl" },
    { OPT_FORMAT, "--format", NULL, "FORMAT", CLI_COMPARE, 0,
      "text (default), csv or jsonl; with --pairs csv (default) or jsonl" },
    { OPT_FORMAT, "--format", NULL, "FORMAT", CLI_DIFF, 0, "text (default) or jsonl" },
    { OPT_OUTPUT, "--output", NULL, "FILE", CLI_SCREEN, 0,
      "write the results to FILE.partial as rows are screened, renamed to FILE when the run is "
      "complete; on an error FILE.partial is removed, so that no incomplete result is left" },
    { OPT_SUMMARY, "--summary", NULL, "FILE", CLI_SCREEN, 0,
      "write the run summary (JSON: run id, times, input checksum, options, lists, counts, "
      "output checksum) to FILE, also when the run fails" },
    { OPT_RUN_ID, "--run-id", NULL, "ID", CLI_SCREEN, 0,
      "the run id every output row carries (default: a hash of the options, the list versions "
      "and the input's SHA-256; pass one for piped input)" },
    { OPT_ALLOWLIST, "--allowlist", NULL, "FILE", CLI_SCREEN, 0,
      "suppress the hits an analyst cleared: a CSV with columns id, list, entity_id, "
      "content_hash, cleared_by, cleared_on and optional expires (needs --id-column); a "
      "clearance whose list entry changed or whose expiry passed lapses and its hit is written "
      "with status lapsed" },
    { OPT_AS_OF, "--as-of", NULL, "DATE", CLI_SCREEN, 0,
      "judge allowlist expiry dates at DATE (YYYY-MM-DD, default: today, UTC)" },
    { OPT_ALL, "--all", NULL, NULL, CLI_SCREEN, 0,
      "write one line for each row without a hit too, with status clear" },
    { OPT_VALIDATE_FIRST, "--validate-first", NULL, NULL, CLI_SCREEN, 0,
      "read and check the whole input before screening anything: a bad row stops the run "
      "before any output" },
    { OPT_CHANGED_SINCE, "--changed-since", NULL, "OLD_SPEC", CLI_SCREEN, 0,
      "screen only against the entries added or changed since OLD_SPEC, an older version of "
      "one of the lists: a file, or LIST@previous, LIST@YYYY-MM-DD or LIST@FOLDER of the lists "
      "directory" },
    { OPT_PAIRS, "--pairs", NULL, "FILE", CLI_COMPARE, 0,
      "score each row of the CSV file FILE, whose columns name1 and name2 hold the names; its "
      "other columns pass through" },
    { OPT_LISTS_DIR, "--lists", NULL, "DIR", CLI_UPDATE, 0,
      "the lists directory to update (default: $NAMESCREEN_LISTS, else "
      "${XDG_DATA_HOME:-$HOME/.local/share}/namescreen/lists); created when missing, and given a "
      "copy of the bundled sources.csv when it has none" },
    { OPT_FROM_FILE, "--from-file", NULL, "LIST", CLI_UPDATE, 0,
      "install the local file FILE (the first operand; the others are its companion files) as a "
      "new version of LIST, for hosts without internet; the format is LIST's in sources.csv, or "
      "detected" },
    { OPT_TIMEOUT, "--timeout", NULL, "SECONDS", CLI_UPDATE, 0,
      "give up a download after SECONDS (default 300); connecting, or a transfer stalled under "
      "1 byte/s, fails after at most 30 s" },
    { OPT_RETRIES, "--retries", NULL, "N", CLI_UPDATE, 0,
      "try a download N more times after a connection error, a cut transfer, a timeout or an HTTP "
      "5xx, waiting 1 s, 2 s, 4 s ... between tries (default 3; NAMESCREEN_RETRY_DELAY_MS sets "
      "the first wait)" },
    { OPT_PROXY, "--proxy", NULL, "URL", CLI_UPDATE, 0,
      "the proxy to download through (default: the http_proxy, https_proxy and no_proxy "
      "environment variables)" },
    { OPT_CACERT, "--cacert", NULL, "FILE", CLI_UPDATE, 0,
      "the CA certificates (PEM) to verify servers with, instead of the system's; servers are "
      "always verified" },
    { OPT_MAX_BYTES, "--max-bytes", NULL, "N", CLI_UPDATE, 0,
      "refuse a download larger than N bytes (default 2147483648, 2 GiB)" },
    { OPT_MAX_DROP, "--max-drop", NULL, "SHARE", CLI_UPDATE, 0,
      "refuse a new version that has lost more than SHARE (0..1) of the current version's "
      "entities, as a probably broken export (default: the list's max_drop in sources.csv, else "
      "0.10)" },
    { OPT_KEEP, "--keep", NULL, "N", CLI_UPDATE, 0,
      "keep N versions of each list: the current one and the newest others (default 5); older "
      "version folders are deleted" },
    { OPT_WAIT, "--wait", NULL, "SECONDS", CLI_UPDATE, 0,
      "when another update holds the directory's lock, wait up to SECONDS for it (default: "
      "exit with status 2 at once)" },
    { OPT_EXHAUSTIVE, "--exhaustive", NULL, NULL, CLI_QUERY | CLI_SCREEN, 0,
      "score every list name instead of the candidate index (slow, for reference)" },
    { OPT_OUTPUT, "--output", "-o", "FILE", CLI_REPORT, 0,
      "write the page to FILE instead of standard output, through FILE.partial renamed to FILE "
      "when it is complete" },
    { OPT_HELP, "--help", "-h", NULL, CLI_ALL, 0, "print the help and exit" },
    { OPT_VERSION, "--version", "-V", NULL, CLI_TOP, 0,
      "print the versions of the tool, the library and the scoring, and exit" },
    { OPT_MAN, "--man", NULL, NULL, CLI_TOP, CLI_OPT_HIDDEN,
      "print the manual page (roff) and exit" },
    { 0, NULL, NULL, NULL, 0, 0, NULL },
};

static int name_is(const char *s, size_t len, const char *name)
{
    return name != NULL && strlen(name) == len && strncmp(name, s, len) == 0;
}

const cli_opt_def *cli_opt_find(const char *name, size_t len, unsigned cmd)
{
    for (const cli_opt_def *d = cli_opt_table; d->name; d++)
        if ((d->cmds & cmd) && (name_is(name, len, d->name) || name_is(name, len, d->alias)))
            return d;
    return NULL;
}

/* ---------------------------------------------------------------------------------------------
 * Values
 * ------------------------------------------------------------------------------------------- */

static int parse_double01(double *out, const char *opt, const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || errno != 0 || !isfinite(v) || v < 0.0 || v > 1.0)
        return usage_error("bad number for %s: '%s' (expected a number from 0 to 1)", opt, s);
    *out = v;
    return 0;
}

static int parse_long(long *out, const char *opt, const char *s, long lo, long hi)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi)
        return usage_error("bad number for %s: '%s' (expected an integer from %ld to %ld)", opt, s,
                           lo, hi);
    *out = v;
    return 0;
}

/* A duration: a positive integer and a unit, s, m, h, d or w ("36h", "2d"). */
static int parse_duration(long *out, const char *opt, const char *s)
{
    static const struct {
        char unit;
        long seconds;
    } units[] = { { 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 }, { 'w', 604800 } };
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*s >= '0' && *s <= '9' && errno == 0 && v > 0 && end[0] != '\0' && end[1] == '\0')
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
            if (*end == units[i].unit && v <= 3650L * 86400 / units[i].seconds) {
                *out = v * units[i].seconds;
                return 0;
            }
    return usage_error("bad duration for %s: '%s' (expected a number and a unit: 90m, 36h, 2d, "
                       "1w)",
                       opt, s);
}

static const char *const format_names[] = { "text", "csv", "jsonl" };

static int parse_format(cli_format *out, const char *s)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (strcmp(s, format_names[i]) == 0) {
            *out = (cli_format)i;
            return 0;
        }
    return usage_error("unknown output format '%s' for --format (text, csv or jsonl)", s);
}

static int parse_type(nsc_entity_type *out, const char *s)
{
    if (nsc_entity_type_parse(out, s) != 0)
        return usage_error("unknown entity type '%s' for --type "
                           "(person, organization, vessel, aircraft)",
                           s);
    return 0;
}

/* A run id goes into every output row: printable ASCII without quotes or commas, 1..64. */
static int parse_run_id(const char **out, const char *s)
{
    size_t n = strlen(s);
    int ok = n > 0 && n <= 64;
    for (size_t i = 0; ok && i < n; i++)
        ok = (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
             (s[i] >= 'A' && s[i] <= 'Z') || strchr("-_.:", s[i]) != NULL;
    if (!ok)
        return usage_error("bad run id for --run-id: '%s' (1 to 64 letters, digits, '-', '_', "
                           "'.', ':')",
                           s);
    *out = s;
    return 0;
}

/* YYYY-MM-DD, a real calendar day. */
static int parse_date(const char **out, const char *opt, const char *s)
{
    int y, m, d;
    char tail;
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && y >= 1900 && m >= 1 && m <= 12 &&
        d >= 1 && d <= mdays[m - 1] &&
        (m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))) {
        *out = s;
        return 0;
    }
    return usage_error("bad date for %s: '%s' (expected YYYY-MM-DD)", opt, s);
}

/* ',' ';' '|' and tab, as itself, "\t" or "tab" (a shell makes a real tab awkward). */
static int parse_delimiter(int *out, const char *s)
{
    static const struct {
        const char *name;
        int c;
    } tab[] = { { ",", ',' },     { ";", ';' },         { "|", '|' },
                { "\t", '\t' },   { "\\t", '\t' },      { "tab", '\t' },
                { "comma", ',' }, { "semicolon", ';' }, { "pipe", '|' } };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (ascii_casecmp(s, tab[i].name) == 0) {
            *out = tab[i].c;
            return 0;
        }
    return usage_error("unknown --delimiter '%s' (',', ';', '|', or tab as '\\t' or 'tab')", s);
}

static int set_option(cli_opts *o, const cli_opt_def *d, const char *v)
{
    switch (d->id) {
    case OPT_HELP: return CLI_PARSE_HELP;
    case OPT_LIST: o->lists[o->n_lists++] = v; return 0;
    case OPT_THRESHOLD: return parse_double01(&o->threshold, d->name, v);
    case OPT_LIMIT: return parse_long(&o->limit, d->name, v, 0, 1000000);
    case OPT_TYPE: return parse_type(&o->type, v);
    case OPT_FORMAT: return parse_format(&o->format, v);
    case OPT_EXHAUSTIVE: o->exhaustive = 1; return 0;
    case OPT_COLUMN: o->column = v; return 0;
    case OPT_DOB_COLUMN: o->dob_column = v; return 0;
    case OPT_COUNTRY_COLUMN: o->country_column = v; return 0;
    case OPT_THREADS: return parse_long(&o->threads, d->name, v, 1, MAX_THREADS);
    case OPT_OUTPUT: o->output = v; return 0;
    case OPT_CHANGED_SINCE: o->changed_since = v; return 0;
    case OPT_PAIRS: o->pairs = v; return 0;
    case OPT_LISTS_DIR: o->lists_dir = v; return 0;
    case OPT_FROM_FILE: o->from_file = v; return 0;
    case OPT_TIMEOUT: return parse_long(&o->timeout, d->name, v, 1, 86400);
    case OPT_RETRIES: return parse_long(&o->retries, d->name, v, 0, 10);
    case OPT_PROXY: o->proxy = v; return 0;
    case OPT_CACERT: o->cacert = v; return 0;
    case OPT_MAX_BYTES: {
        long n = 0;
        int rc = parse_long(&n, d->name, v, 1, LONG_MAX);
        o->max_bytes = n;
        return rc;
    }
    case OPT_MAX_DROP: return parse_double01(&o->max_drop, d->name, v);
    case OPT_KEEP: return parse_long(&o->keep, d->name, v, 1, 1000);
    case OPT_WAIT: return parse_long(&o->wait, d->name, v, 0, 86400);
    case OPT_MAX_AGE: o->max_age_arg = v; return parse_duration(&o->max_age, d->name, v);
    case OPT_REQUIRE_FRESH: o->require_fresh = 1; return 0;
    case OPT_CHECK: o->check = 1; return 0;
    case OPT_COMPILE: o->compile = 1; return 0;
    case OPT_SUMMARY: o->summary = v; return 0;
    case OPT_RUN_ID: return parse_run_id(&o->run_id, v);
    case OPT_ALLOWLIST: o->allowlist = v; return 0;
    case OPT_AS_OF: return parse_date(&o->as_of, d->name, v);
    case OPT_ALL: o->all = 1; return 0;
    case OPT_VALIDATE_FIRST: o->validate_first = 1; return 0;
    case OPT_GIVEN_COLUMN: o->given_column = v; return 0;
    case OPT_FAMILY_COLUMN: o->family_column = v; return 0;
    case OPT_ID_COLUMN: o->id_column = v; return 0;
    case OPT_TYPE_COLUMN: o->type_column = v; return 0;
    case OPT_DELIMITER: return parse_delimiter(&o->delimiter, v);
    case OPT_NO_HEADER: o->no_header = 1; return 0;
    case OPT_INPUT_ENCODING: o->input_encoding = v; return 0;
    case OPT_SKIP_BAD_ROWS: o->skip_bad_rows = 1; return 0;
    case OPT_REJECT_FILE: o->reject_file = v; return 0;
    case OPT_DATE_FORMAT: {
        cli_date_format f;
        if (cli_date_format_parse(&f, v) != 0)
            return usage_error("unknown --date-format '%s' (auto, dmy, mdy or ymd)", v);
        o->date_format = (int)f;
        return 0;
    }
    case OPT_COUNT: break;
    case OPT_VERSION:
    case OPT_MAN: break; /* before a command only: main.c */
    }
    return EXIT_ERR;
}

/* ---------------------------------------------------------------------------------------------
 * The parser
 * ------------------------------------------------------------------------------------------- */

static void opts_init(cli_opts *o, const cli_cmd *cmd, int argc)
{
    memset(o, 0, sizeof *o);
    o->cmd = cmd;
    o->threshold = NSC_DEFAULT_THRESHOLD;
    o->limit = -1;
    o->type = NSC_TYPE_UNKNOWN;
    o->format = CLI_TEXT;
    o->timeout = 300;
    o->retries = 3;
    o->keep = 5;
    o->max_bytes = 2147483648LL;
    o->max_drop = -1.0;
    o->max_age = -1;
    o->lists = xcalloc((size_t)argc, sizeof *o->lists);
    o->pos = xcalloc((size_t)argc, sizeof *o->pos);
}

/* One option at argv[*i], with its value (after '=' or the next argument). */
static int parse_option(cli_opts *o, int *i, int argc, char **argv)
{
    const char *a = argv[*i], *cmd = o->cmd->name;
    const char *eq = strchr(a, '=');
    size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
    const cli_opt_def *d = cli_opt_find(a, nlen, o->cmd->bit);
    if (d == NULL) return usage_error("%s: unknown option '%.*s'", cmd, (int)nlen, a);
    if (!(d->flags & CLI_OPT_REPEAT) && o->seen[d->id])
        return usage_error("%s: %s given twice", cmd, d->name);
    o->seen[d->id] = 1;
    const char *v = NULL;
    if (d->arg != NULL) {
        if (eq)
            v = eq + 1;
        else if (*i + 1 < argc)
            v = argv[++*i];
        else
            return usage_error("%s: option %s needs a value", cmd, d->name);
    } else if (eq) {
        return usage_error("%s: option %s takes no value", cmd, d->name);
    }
    return set_option(o, d, v);
}

int cli_opts_parse(cli_opts *o, const cli_cmd *cmd, int argc, char **argv)
{
    opts_init(o, cmd, argc);
    o->argc = argc;
    o->argv = argv;
    int only_operands = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (only_operands || a[0] != '-' || a[1] == '\0') {
            o->pos[o->n_pos++] = a;
        } else if (strcmp(a, "--") == 0) {
            only_operands = 1;
        } else {
            int rc = parse_option(o, &i, argc, argv);
            if (rc != 0) return rc;
        }
    }
    return 0;
}

void cli_opts_free(cli_opts *o)
{
    free(o->lists);
    free(o->pos);
}

int cli_opts_format(cli_opts *o, const char *what, cli_format dflt, cli_format refused)
{
    if (!o->seen[OPT_FORMAT]) o->format = dflt;
    if (o->format != refused) return 0;
    const char *a = NULL, *b = NULL;
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        // cppcheck-suppress knownConditionTrueFalse ; a is set in the first pass of the loop
        if (i != (size_t)refused) *(a == NULL ? &a : &b) = format_names[i];
    return usage_error("%s: --format must be %s or %s", what, a, b);
}
