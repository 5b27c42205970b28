/*
 * main.c: the namescreen command-line tool (query, screen, compare, lists, diff), built on the
 * public header alone. It parses the command line, loads the lists given with --list or the
 * bundled ones named in lists/MANIFEST.csv (checking their SHA-256), and drives screening,
 * over several threads for `screen`, writing results in input order. Exit status: 0 no hit,
 * 1 at least one hit (query, screen), 2 usage or input error with a message on stderr.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "namescreen/csv.h"

#define PROG "namescreen"
#define EXIT_HIT 1
#define EXIT_ERR 2
/* nsc_screen() refuses longer names (NSC_ETOOLONG); screen checks rows before any output. */
#define MAX_NAME_BYTES 4096
#define MAX_THREADS 256
/* Rows screened per batch and thread before the batch is written out, in input order. */
#define ROWS_PER_THREAD_BATCH 512

static const char *const known_formats[] = { "ofac", "un", "uk", "eu", "ftm", "os-csv", "csv", NULL };

static const char usage_text[] =
    "usage:\n"
    "  namescreen query   [--list SPEC]... [--threshold T] [--limit N] [--type TYPE]\n"
    "                     [--format text|csv|jsonl] [--exhaustive] NAME...\n"
    "  namescreen screen  [--list SPEC]... [--column COL] [--dob-column C] [--country-column C]\n"
    "                     [--threshold T] [--threads N] [--format csv|jsonl] [--output FILE]\n"
    "                     [--changed-since OLD_SPEC] [--exhaustive] [FILE|-]\n"
    "  namescreen compare [--threshold T] [--format text|csv|jsonl] NAME1 NAME2\n"
    "  namescreen compare [--threshold T] --pairs FILE [--format csv|jsonl]\n"
    "  namescreen lists   [--list SPEC]...\n"
    "  namescreen diff    [--format text|jsonl] OLD_SPEC NEW_SPEC\n"
    "  namescreen --version | --help\n"
    "\n"
    "SPEC is PATH or FORMAT:PATH, FORMAT one of ofac, un, uk, eu, ftm, os-csv, csv (detected from\n"
    "the file when left out). Without --list the bundled lists of lists/MANIFEST.csv are loaded and\n"
    "their SHA-256 checked (NAMESCREEN_LISTS=DIR selects another lists directory).\n"
    "\n"
    "query    screens each NAME; text output by default.\n"
    "screen   screens the name column (--column, default 'name') of a CSV file with a header\n"
    "         (standard input when FILE is '-' or absent); columns dob and country/nationality\n"
    "         are used as evidence when present. One output line per hit (csv by default, or\n"
    "         jsonl); a row without a hit produces no line. Every other column passes through.\n"
    "         The whole input is read and checked before anything is written: a malformed row\n"
    "         stops the tool with exit status 2, its row and line number, and no output.\n"
    "         --changed-since OLD_SPEC screens only against entries added or changed since\n"
    "         that older version of a list.\n"
    "compare  scores two names, or each name1,name2 row of a CSV file (--pairs); exit 0.\n"
    "lists    describes the loaded lists: files, date, counts, checksums, warnings.\n"
    "diff     compares two versions of a list: added, removed and changed entries.\n"
    "\n"
    "--threshold T  report hits scoring at least T (0..1, default 0.80)\n"
    "--limit N      at most N hits per name (default 10; 0 = no limit)\n"
    "--type TYPE    person, organization, vessel or aircraft only\n"
    "--threads N    screening threads (default: the number of online CPUs); output is the same\n"
    "--exhaustive   score every list name instead of the candidate index (slow, for reference)\n"
    "\n"
    "Exit status: query, screen: 0 no hit, 1 at least one hit; compare, lists, diff: 0;\n"
    "2 on a usage or input error (message on standard error).\n";

/* ---------------------------------------------------------------------------------------------
 * Messages
 * ------------------------------------------------------------------------------------------- */

static void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(PROG ": ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(PROG ": ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\nTry 'namescreen --help'.\n", stderr);
    va_end(ap);
    return EXIT_ERR;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (p == NULL) {
        errorf("out of memory");
        exit(EXIT_ERR);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (p == NULL) {
        errorf("out of memory");
        exit(EXIT_ERR);
    }
    return p;
}

static int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb || ca == 0)
            return ca - cb;
    }
}

static int is_blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

/* ---------------------------------------------------------------------------------------------
 * Command-line options
 * ------------------------------------------------------------------------------------------- */

enum {
    OPT_LIST = 1u << 0,
    OPT_THRESHOLD = 1u << 1,
    OPT_LIMIT = 1u << 2,
    OPT_TYPE = 1u << 3,
    OPT_FORMAT = 1u << 4,
    OPT_EXHAUSTIVE = 1u << 5,
    OPT_COLUMN = 1u << 6,
    OPT_DOB_COLUMN = 1u << 7,
    OPT_COUNTRY_COLUMN = 1u << 8,
    OPT_THREADS = 1u << 9,
    OPT_OUTPUT = 1u << 10,
    OPT_CHANGED_SINCE = 1u << 11,
    OPT_PAIRS = 1u << 12
};

static const struct opt_def {
    const char *name;
    unsigned bit;
    int has_arg;
} opt_defs[] = {
    { "--list", OPT_LIST, 1 },
    { "--threshold", OPT_THRESHOLD, 1 },
    { "--limit", OPT_LIMIT, 1 },
    { "--type", OPT_TYPE, 1 },
    { "--format", OPT_FORMAT, 1 },
    { "--exhaustive", OPT_EXHAUSTIVE, 0 },
    { "--column", OPT_COLUMN, 1 },
    { "--dob-column", OPT_DOB_COLUMN, 1 },
    { "--country-column", OPT_COUNTRY_COLUMN, 1 },
    { "--threads", OPT_THREADS, 1 },
    { "--output", OPT_OUTPUT, 1 },
    { "--changed-since", OPT_CHANGED_SINCE, 1 },
    { "--pairs", OPT_PAIRS, 1 },
};

typedef struct cli_opts {
    const char *cmd;
    unsigned seen;
    const char **lists;
    size_t n_lists;
    double threshold;          /* NSC_DEFAULT_THRESHOLD unless --threshold */
    long limit;                /* -1: the engine's default */
    nsc_entity_type type;
    cli_format format;
    int exhaustive;
    const char *column, *dob_column, *country_column;
    long threads;              /* 0: online CPUs */
    const char *output, *changed_since, *pairs;
    const char **pos;
    size_t n_pos;
} cli_opts;

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

static int parse_format(cli_format *out, const char *s)
{
    if (strcmp(s, "text") == 0)
        *out = CLI_TEXT;
    else if (strcmp(s, "csv") == 0)
        *out = CLI_CSV;
    else if (strcmp(s, "jsonl") == 0)
        *out = CLI_JSONL;
    else
        return usage_error("unknown output format '%s' for --format (text, csv or jsonl)", s);
    return 0;
}

static int set_option(cli_opts *o, const struct opt_def *d, const char *v)
{
    switch (d->bit) {
    case OPT_LIST: o->lists[o->n_lists++] = v; return 0;
    case OPT_THRESHOLD: return parse_double01(&o->threshold, d->name, v);
    case OPT_LIMIT: return parse_long(&o->limit, d->name, v, 0, 1000000);
    case OPT_TYPE:
        if (nsc_entity_type_parse(&o->type, v) != 0)
            return usage_error("unknown entity type '%s' for --type "
                               "(person, organization, vessel, aircraft)", v);
        return 0;
    case OPT_FORMAT: return parse_format(&o->format, v);
    case OPT_EXHAUSTIVE: o->exhaustive = 1; return 0;
    case OPT_COLUMN: o->column = v; return 0;
    case OPT_DOB_COLUMN: o->dob_column = v; return 0;
    case OPT_COUNTRY_COLUMN: o->country_column = v; return 0;
    case OPT_THREADS: return parse_long(&o->threads, d->name, v, 1, MAX_THREADS);
    case OPT_OUTPUT: o->output = v; return 0;
    case OPT_CHANGED_SINCE: o->changed_since = v; return 0;
    case OPT_PAIRS: o->pairs = v; return 0;
    }
    return EXIT_ERR;
}

/* Parses argv[2..] of command `cmd`, accepting the options in `allowed`; options and operands
 * may be mixed, "--" ends the options, "-" is an operand. Returns 0, EXIT_ERR, or -1 for
 * --help (printed). */
static int parse_args(cli_opts *o, const char *cmd, unsigned allowed, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->cmd = cmd;
    o->threshold = NSC_DEFAULT_THRESHOLD;
    o->limit = -1;
    o->type = NSC_TYPE_UNKNOWN;
    o->format = CLI_TEXT;
    o->lists = xcalloc((size_t)argc, sizeof *o->lists);
    o->pos = xcalloc((size_t)argc, sizeof *o->pos);
    int only_operands = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (only_operands || a[0] != '-' || a[1] == '\0') {
            o->pos[o->n_pos++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_operands = 1;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage_text, stdout);
            return -1;
        }
        const char *eq = strchr(a, '=');
        size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
        const struct opt_def *d = NULL;
        for (size_t k = 0; k < sizeof opt_defs / sizeof opt_defs[0]; k++)
            if (strlen(opt_defs[k].name) == nlen && strncmp(opt_defs[k].name, a, nlen) == 0)
                d = &opt_defs[k];
        if (d == NULL || !(allowed & d->bit))
            return usage_error("%s: unknown option '%.*s'", cmd, (int)nlen, a);
        if (d->bit != OPT_LIST && (o->seen & d->bit))
            return usage_error("%s: %s given twice", cmd, d->name);
        o->seen |= d->bit;
        const char *v = NULL;
        if (d->has_arg) {
            if (eq)
                v = eq + 1;
            else if (i + 1 < argc)
                v = argv[++i];
            else
                return usage_error("%s: option %s needs a value", cmd, d->name);
        } else if (eq) {
            return usage_error("%s: option %s takes no value", cmd, d->name);
        }
        int rc = set_option(o, d, v);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static void opts_free(cli_opts *o)
{
    free(o->lists);
    free(o->pos);
}

/* ---------------------------------------------------------------------------------------------
 * Loading lists
 * ------------------------------------------------------------------------------------------- */

static int is_known_format(const char *s, size_t n)
{
    for (size_t i = 0; known_formats[i]; i++)
        if (strlen(known_formats[i]) == n && strncmp(known_formats[i], s, n) == 0)
            return 1;
    return 0;
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Splits SPEC into format (into fmt, "" when none) and path. A prefix before the first ':' is a
 * format only when it is a known format name; one that looks like a format name but is not
 * known is an error, unless SPEC as a whole names an existing file. */
static int split_spec(char fmt[16], const char **path, const char *spec)
{
    const char *colon = strchr(spec, ':');
    fmt[0] = '\0';
    *path = spec;
    if (colon != NULL) {
        size_t n = (size_t)(colon - spec);
        if (is_known_format(spec, n)) {
            memcpy(fmt, spec, n);
            fmt[n] = '\0';
            *path = colon + 1;
        } else if (n > 0 && n < 16 && strspn(spec, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n &&
                   !file_exists(spec)) {
            errorf("unknown list format '%.*s' in '%s' (known formats: ofac, un, uk, eu, ftm, "
                   "os-csv, csv)", (int)n, spec, spec);
            return EXIT_ERR;
        }
    }
    if (**path == '\0') {
        errorf("empty list path in '%s'", spec);
        return EXIT_ERR;
    }
    return 0;
}

static int report_load_error(nsc_engine *eng, int rc, const char *what, const char *fmt)
{
    const char *msg = nsc_engine_errmsg(eng);
    if (msg == NULL || *msg == '\0')
        msg = nsc_strerror(rc);
    errorf("cannot load list %s: %s (%s)%s", what, msg, nsc_errname(rc),
           rc == NSC_EUNKNOWNFMT && *fmt == '\0'
               ? "; name the format as FORMAT:PATH (ofac, un, uk, eu, ftm, os-csv, csv)"
               : "");
    return EXIT_ERR;
}

static int load_spec(nsc_engine *eng, const char *spec)
{
    char fmt[16];
    const char *path;
    if (split_spec(fmt, &path, spec) != 0)
        return EXIT_ERR;
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = fmt[0] ? fmt : NULL;
    int rc = nsc_engine_load(eng, path, &lo);
    if (rc != 0) {
        char what[1024];
        snprintf(what, sizeof what, "'%s'", spec);
        return report_load_error(eng, rc, what, fmt);
    }
    return 0;
}

static char *path_join(const char *dir, const char *rel)
{
    if (rel[0] == '/')
        return xstrdup(rel);
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = xcalloc(n, 1);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

static int has_manifest(const char *dir)
{
    char *m = path_join(dir, "MANIFEST.csv");
    int ok = access(m, R_OK) == 0;
    free(m);
    return ok;
}

/* The bundled lists directory: $NAMESCREEN_LISTS, else the source tree's lists/, else
 * <dir of the binary>/../share/namescreen/lists, else the installed data directory. */
static char *find_lists_dir(void)
{
    const char *env = getenv("NAMESCREEN_LISTS");
    if (env != NULL && *env != '\0') {
        if (has_manifest(env))
            return xstrdup(env);
        errorf("NAMESCREEN_LISTS=%s: no readable MANIFEST.csv in that directory", env);
        return NULL;
    }
#ifdef NSC_SOURCE_LISTS_DIR
    if (has_manifest(NSC_SOURCE_LISTS_DIR))
        return xstrdup(NSC_SOURCE_LISTS_DIR);
#endif
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            char *dir = path_join(exe, "../share/namescreen/lists");
            if (has_manifest(dir))
                return dir;
            free(dir);
        }
    }
#ifdef NSC_INSTALL_LISTS_DIR
    if (has_manifest(NSC_INSTALL_LISTS_DIR))
        return xstrdup(NSC_INSTALL_LISTS_DIR);
#endif
    errorf("cannot find the bundled lists (lists/MANIFEST.csv); give lists with --list SPEC or "
           "set NAMESCREEN_LISTS to the lists directory");
    return NULL;
}

static long header_index(nsc_csv *csv, const char *name)
{
    size_t n = nsc_csv_nfields(csv);
    for (size_t i = 0; i < n; i++)
        if (strcmp(nsc_csv_field(csv, i, NULL), name) == 0)
            return (long)i;
    return -1;
}

static int hex_equal(const char *a, const char *b)
{
    return strlen(a) == strlen(b) && ascii_casecmp(a, b) == 0;
}

/* Loads one manifest row and checks its checksum against what the engine read. */
static int load_manifest_row(nsc_engine *eng, const char *dir, const char *manifest, long line,
                             const char *const f[5])
{
    const char *list = f[0], *format = f[1], *path = f[2], *published = f[3], *sha = f[4];
    if (*list == '\0' || *path == '\0' || *sha == '\0') {
        errorf("%s line %ld: list, path and sha256 must not be empty", manifest, line);
        return EXIT_ERR;
    }
    char *full = path_join(dir, path);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = *format ? format : NULL;
    lo.name = list;
    lo.published = *published ? published : NULL;
    int rc = nsc_engine_load(eng, full, &lo);
    free(full);
    if (rc != 0) {
        char what[512];
        snprintf(what, sizeof what, "'%s' (%s line %ld)", list, manifest, line);
        return report_load_error(eng, rc, what, format);
    }
    nsc_list_info info = { .version = NSC_LIST_INFO_VERSION };
    if (nsc_engine_list_info(&info, eng, nsc_engine_list_count(eng) - 1) != 0 ||
        info.sha256 == NULL || !hex_equal(info.sha256, sha)) {
        errorf("bundled list '%s': the SHA-256 of its files (%s) is %s, but %s says %s: the list "
               "files were modified or replaced; restore them, or update MANIFEST.csv after "
               "checking the new files (see SOURCES.md)",
               list, info.files ? info.files : path, info.sha256 ? info.sha256 : "unknown",
               manifest, sha);
        return EXIT_ERR;
    }
    return 0;
}

static int load_manifest(nsc_engine *eng)
{
    char *dir = find_lists_dir();
    if (dir == NULL)
        return EXIT_ERR;
    char *manifest = path_join(dir, "MANIFEST.csv");
    nsc_csv *csv = NULL;
    int ret = EXIT_ERR, rc = nsc_csv_open(&csv, manifest, ',');
    if (rc != 0) {
        errorf("cannot open %s: %s", manifest, nsc_strerror(rc));
        goto done;
    }
    if (nsc_csv_next(csv) != 1) {
        errorf("%s: no header line", manifest);
        goto done;
    }
    static const char *const cols[5] = { "list", "format", "path", "published", "sha256" };
    long idx[5];
    for (size_t i = 0; i < 5; i++) {
        idx[i] = header_index(csv, cols[i]);
        if (idx[i] < 0) {
            errorf("%s: no column '%s' in its header", manifest, cols[i]);
            goto done;
        }
    }
    size_t loaded = 0;
    while ((rc = nsc_csv_next(csv)) == 1) {
        if (nsc_csv_nfields(csv) == 1 && is_blank(nsc_csv_field(csv, 0, NULL)))
            continue;
        const char *f[5];
        for (size_t i = 0; i < 5; i++) {
            f[i] = nsc_csv_field(csv, (size_t)idx[i], NULL);
            if (f[i] == NULL) {
                errorf("%s line %ld: missing column '%s'", manifest, nsc_csv_line(csv), cols[i]);
                goto done;
            }
        }
        if (load_manifest_row(eng, dir, manifest, nsc_csv_line(csv), f) != 0)
            goto done;
        loaded++;
    }
    if (rc < 0) {
        errorf("%s: %s", manifest, nsc_csv_error(csv));
        goto done;
    }
    if (loaded == 0) {
        errorf("%s names no list", manifest);
        goto done;
    }
    ret = 0;
done:
    nsc_csv_close(csv);
    free(manifest);
    free(dir);
    return ret;
}

static int load_lists(nsc_engine *eng, const cli_opts *o)
{
    if (o->n_lists == 0)
        return load_manifest(eng);
    for (size_t i = 0; i < o->n_lists; i++)
        if (load_spec(eng, o->lists[i]) != 0)
            return EXIT_ERR;
    return 0;
}

static int engine_create(nsc_engine **out, const cli_opts *o)
{
    nsc_engine_options eo;
    nsc_engine_options_init(&eo, NSC_ENGINE_OPTIONS_VERSION);
    eo.threshold = o->threshold;
    if (o->limit >= 0)
        eo.max_hits = (size_t)o->limit;
    eo.exhaustive = o->exhaustive;
    int rc = nsc_engine_new(out, &eo);
    if (rc != 0) {
        errorf("cannot create the engine: %s", nsc_strerror(rc));
        return EXIT_ERR;
    }
    return 0;
}

/* A new engine holding the lists of the options, frozen when `freeze`. */
static int engine_open(nsc_engine **out, const cli_opts *o, int freeze)
{
    if (engine_create(out, o) != 0)
        return EXIT_ERR;
    if (load_lists(*out, o) != 0)
        goto fail;
    if (freeze) {
        int rc = nsc_engine_freeze(*out);
        if (rc != 0) {
            errorf("cannot build the index: %s", nsc_strerror(rc));
            goto fail;
        }
    }
    return 0;
fail:
    nsc_engine_free(*out);
    *out = NULL;
    return EXIT_ERR;
}

static int finish_stdout(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        errorf("error writing to standard output: %s", strerror(errno));
        return EXIT_ERR;
    }
    return status;
}

static int write_out(const cli_buf *b)
{
    if (b->oom) {
        errorf("out of memory");
        return EXIT_ERR;
    }
    if (cli_buf_write(b, stdout) != 0) {
        errorf("error writing to standard output: %s", strerror(errno));
        return EXIT_ERR;
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Input tables (screen, compare --pairs): the whole CSV file, checked, in memory
 * ------------------------------------------------------------------------------------------- */

typedef struct table {
    const char *display;       /* the file name for messages */
    size_t ncols;
    char **header;
    size_t nrows, caprows;
    size_t *offs;              /* nrows * ncols offsets into text */
    long *lines;               /* line on which each row starts */
    char *text;
    size_t text_len, text_cap;
} table;

static void table_free(table *t)
{
    for (size_t i = 0; i < t->ncols; i++)
        free(t->header[i]);
    free(t->header);
    free(t->offs);
    free(t->lines);
    free(t->text);
}

static const char *table_cell(const table *t, size_t row, size_t col)
{
    return t->text + t->offs[row * t->ncols + col];
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (p == NULL) {
        errorf("out of memory");
        exit(EXIT_ERR);
    }
    return p;
}

static size_t table_add_text(table *t, const char *s, size_t n)
{
    while (t->text_len + n + 1 > t->text_cap) {
        t->text_cap = t->text_cap ? t->text_cap * 2 : 65536;
        t->text = xrealloc(t->text, t->text_cap);
    }
    size_t off = t->text_len;
    memcpy(t->text + off, s, n);
    t->text[off + n] = '\0';
    t->text_len += n + 1;
    return off;
}

static int table_add_row(table *t, nsc_csv *csv)
{
    size_t nf = nsc_csv_nfields(csv);
    if (nf == 1 && t->ncols > 1 && *nsc_csv_field(csv, 0, NULL) == '\0')
        return 0; /* an empty line carries no data */
    if (nf != t->ncols) {
        errorf("%s line %ld (data row %zu): %zu field%s, but the header has %zu columns",
               t->display, nsc_csv_line(csv), t->nrows + 1, nf, nf == 1 ? "" : "s", t->ncols);
        return EXIT_ERR;
    }
    if (t->nrows == t->caprows) {
        t->caprows = t->caprows ? t->caprows * 2 : 1024;
        t->offs = xrealloc(t->offs, t->caprows * t->ncols * sizeof *t->offs);
        t->lines = xrealloc(t->lines, t->caprows * sizeof *t->lines);
    }
    for (size_t i = 0; i < nf; i++) {
        size_t len;
        const char *f = nsc_csv_field(csv, i, &len);
        t->offs[t->nrows * t->ncols + i] = table_add_text(t, f, len);
    }
    t->lines[t->nrows++] = nsc_csv_line(csv);
    return 0;
}

/* Reads a whole CSV file with a header; a malformed row is an error naming its row and line. */
static int table_read(table *t, const char *path)
{
    memset(t, 0, sizeof *t);
    t->display = strcmp(path, "-") == 0 ? "standard input" : path;
    nsc_csv *csv = NULL;
    errno = 0;
    int rc = nsc_csv_open(&csv, path, ',');
    if (rc != 0) {
        errorf("cannot open %s: %s%s%s", t->display, nsc_strerror(rc), errno ? ": " : "",
               errno ? strerror(errno) : "");
        return EXIT_ERR;
    }
    int ret = EXIT_ERR;
    rc = nsc_csv_next(csv);
    if (rc <= 0) {
        if (rc == 0)
            errorf("%s: empty file; expected a header line", t->display);
        else
            errorf("%s: header: %s", t->display, nsc_csv_error(csv));
        goto done;
    }
    t->ncols = nsc_csv_nfields(csv);
    t->header = xcalloc(t->ncols, sizeof *t->header);
    for (size_t i = 0; i < t->ncols; i++)
        t->header[i] = xstrdup(nsc_csv_field(csv, i, NULL));
    while ((rc = nsc_csv_next(csv)) == 1)
        if (table_add_row(t, csv) != 0)
            goto done;
    if (rc < 0) {
        errorf("%s: malformed data row %zu: %s; nothing was screened", t->display, t->nrows + 1,
               nsc_csv_error(csv));
        goto done;
    }
    ret = 0;
done:
    nsc_csv_close(csv);
    return ret;
}

/* The column called `name` (exactly, else ignoring ASCII case), or -1. */
static long table_col(const table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->header[i], name) == 0)
            return (long)i;
    for (size_t i = 0; i < t->ncols; i++)
        if (ascii_casecmp(t->header[i], name) == 0)
            return (long)i;
    return -1;
}

static int missing_column(const table *t, const char *name, const char *why)
{
    fprintf(stderr, PROG ": %s: no column '%s'%s; the header has:", t->display, name, why);
    for (size_t i = 0; i < t->ncols; i++)
        fprintf(stderr, "%s '%s'", i ? "," : "", t->header[i]);
    fputc('\n', stderr);
    return EXIT_ERR;
}

/* The column given by an option (must exist), else the first of the default names present. */
static int pick_column(long *out, const table *t, const char *opt_value, const char *opt_name,
                       const char *const *defaults)
{
    if (opt_value != NULL) {
        *out = table_col(t, opt_value);
        if (*out < 0) {
            char why[64];
            snprintf(why, sizeof why, " (%s)", opt_name);
            return missing_column(t, opt_value, why);
        }
        return 0;
    }
    *out = -1;
    for (size_t i = 0; defaults[i] && *out < 0; i++)
        *out = table_col(t, defaults[i]);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * query
 * ------------------------------------------------------------------------------------------- */

static int screen_error(const char *what, const char *name, int rc)
{
    if (rc == NSC_EENCODING) /* do not echo the invalid bytes */
        errorf("%s: a NAME is not valid UTF-8 (%s)", what, nsc_errname(rc));
    else
        errorf("%s '%s': %s (%s)", what, name,
               rc == NSC_EINVAL ? "empty name" : nsc_strerror(rc), nsc_errname(rc));
    return EXIT_ERR;
}

static int cmd_query(cli_opts *o)
{
    if (o->n_pos == 0)
        return usage_error("query: no NAME given");
    for (size_t i = 0; i < o->n_pos; i++)
        if (is_blank(o->pos[i]))
            return usage_error("query: NAME %zu is empty", i + 1);
    nsc_engine *eng;
    if (engine_open(&eng, o, 1) != 0)
        return EXIT_ERR;
    cli_buf out;
    cli_buf_init(&out);
    cli_row r = { 0 };
    int status = 0;
    if (o->format == CLI_CSV)
        cli_hit_csv_header(&out, &r);
    for (size_t i = 0; i < o->n_pos && status != EXIT_ERR; i++) {
        nsc_query q = NSC_QUERY_INIT;
        q.name = o->pos[i];
        q.type = o->type;
        nsc_hits *hits;
        int rc = nsc_screen(&hits, eng, &q, NULL);
        if (rc != 0) {
            status = screen_error("query", o->pos[i], rc);
            break;
        }
        size_t n = nsc_hits_count(hits);
        if (n > 0)
            status = EXIT_HIT;
        r.query = o->pos[i];
        if (o->format == CLI_TEXT)
            cli_hits_text(&out, o->pos[i], hits, o->threshold);
        for (size_t k = 0; k < n && o->format != CLI_TEXT; k++) {
            if (o->format == CLI_CSV)
                cli_hit_csv(&out, &r, nsc_hits_get(hits, k));
            else
                cli_hit_jsonl(&out, &r, nsc_hits_get(hits, k));
        }
        nsc_hits_free(hits);
    }
    if (status != EXIT_ERR && write_out(&out) != 0)
        status = EXIT_ERR;
    cli_buf_free(&out);
    nsc_engine_free(eng);
    return finish_stdout(status);
}

/* ---------------------------------------------------------------------------------------------
 * screen
 * ------------------------------------------------------------------------------------------- */

typedef struct screen_job {
    const nsc_engine *eng;
    const nsc_screen_options *so;
    const table *t;
    cli_format format;
    size_t name_col;
    long dob_col, country_col;
    size_t n_pt;                 /* pass-through columns */
    const size_t *pt_cols;
    const char *const *pt_names;
    int skip_all;                /* --changed-since found nothing to screen against */
    /* the current batch */
    size_t begin, end;
    cli_buf *outs;
    int *errs;
    int *hit;
    pthread_mutex_t mu;
    size_t next;
} screen_job;

static void screen_row(screen_job *j, size_t row, const char **vals)
{
    const table *t = j->t;
    size_t slot = row - j->begin;
    const char *name = table_cell(t, row, j->name_col);
    if (j->skip_all || is_blank(name))
        return;
    nsc_query q = NSC_QUERY_INIT;
    q.name = name;
    if (j->dob_col >= 0 && *table_cell(t, row, (size_t)j->dob_col) != '\0')
        q.dob = table_cell(t, row, (size_t)j->dob_col);
    if (j->country_col >= 0 && *table_cell(t, row, (size_t)j->country_col) != '\0')
        q.country = table_cell(t, row, (size_t)j->country_col);
    nsc_hits *hits;
    int rc = nsc_screen(&hits, j->eng, &q, j->so);
    if (rc != 0) {
        j->errs[slot] = rc;
        return;
    }
    for (size_t i = 0; i < j->n_pt; i++)
        vals[i] = table_cell(t, row, j->pt_cols[i]);
    cli_row r = { 1, (long)row + 1, name, j->n_pt, j->pt_names, vals };
    size_t n = nsc_hits_count(hits);
    for (size_t k = 0; k < n; k++) {
        const nsc_hit *h = nsc_hits_get(hits, k);
        if (j->format == CLI_JSONL)
            cli_hit_jsonl(&j->outs[slot], &r, h);
        else
            cli_hit_csv(&j->outs[slot], &r, h);
    }
    j->hit[slot] = n > 0;
    if (j->outs[slot].oom)
        j->errs[slot] = NSC_ENOMEM;
    nsc_hits_free(hits);
}

static void *screen_worker(void *arg)
{
    screen_job *j = arg;
    const char **vals = calloc(j->n_pt ? j->n_pt : 1, sizeof *vals);
    for (;;) {
        pthread_mutex_lock(&j->mu);
        size_t row = j->next < j->end ? j->next++ : j->end;
        pthread_mutex_unlock(&j->mu);
        if (row >= j->end)
            break;
        if (vals == NULL)
            j->errs[row - j->begin] = NSC_ENOMEM;
        else
            screen_row(j, row, vals);
    }
    free(vals);
    return NULL;
}

/* Screens rows [begin, end) on nthreads threads into j->outs. */
static void screen_batch(screen_job *j, size_t begin, size_t end, long nthreads)
{
    j->begin = begin;
    j->end = end;
    j->next = begin;
    pthread_t tids[MAX_THREADS];
    long started = 0;
    for (long i = 1; i < nthreads && (size_t)i < end - begin; i++) {
        if (pthread_create(&tids[started], NULL, screen_worker, j) != 0)
            break; /* fewer threads: same output, just slower */
        started++;
    }
    screen_worker(j);
    for (long i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
}

/* Checks the names before anything is screened, so that a bad row stops the tool before any
 * output. Empty names are counted and reported; they cannot hit. */
static int check_names(const table *t, size_t name_col)
{
    size_t empty = 0;
    long first_empty = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *name = table_cell(t, r, name_col);
        size_t len = strlen(name);
        if (len > MAX_NAME_BYTES) {
            errorf("%s line %ld (data row %zu): the name is %zu bytes long, more than %d; nothing "
                   "was screened", t->display, t->lines[r], r + 1, len, MAX_NAME_BYTES);
            return EXIT_ERR;
        }
        if (is_blank(name) && empty++ == 0)
            first_empty = (long)r + 1;
    }
    if (empty > 0)
        errorf("warning: %s: %zu row%s with an empty name (first: data row %ld) not screened",
               t->display, empty, empty == 1 ? "" : "s", first_empty);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* --changed-since: the ids added or changed in the current version of OLD_SPEC's list, sorted
 * by strcmp, into so->list / only_ids. Sets *none when there is nothing to screen against. */
static int changed_ids(nsc_screen_options *so, char ***ids_out, char **name_out,
                       const nsc_engine *cur, const cli_opts *o, int *none)
{
    nsc_engine *old;
    nsc_diff *d = NULL;
    char **ids = NULL;
    int ret = EXIT_ERR;
    if (nsc_engine_new(&old, NULL) != 0) {
        errorf("cannot create the engine");
        return EXIT_ERR;
    }
    if (load_spec(old, o->changed_since) != 0)
        goto done;
    nsc_list_info info = { .version = NSC_LIST_INFO_VERSION };
    if (nsc_engine_list_info(&info, old, 0) != 0 || info.name == NULL)
        goto done;
    int rc = nsc_diff_lists(&d, old, cur, info.name);
    if (rc != 0) {
        if (rc == NSC_ENOTFOUND) {
            fprintf(stderr, PROG ": --changed-since: the lists screened against have no list "
                            "named '%s' (the name of '%s'); loaded:", info.name, o->changed_since);
            for (size_t i = 0; i < nsc_engine_list_count(cur); i++) {
                nsc_list_info ci = { .version = NSC_LIST_INFO_VERSION };
                if (nsc_engine_list_info(&ci, cur, i) == 0)
                    fprintf(stderr, "%s %s", i ? "," : "", ci.name);
            }
            fputc('\n', stderr);
        } else {
            errorf("--changed-since: %s", nsc_strerror(rc));
        }
        goto done;
    }
    size_t n = nsc_diff_count(d), k = 0, added = 0, changed = 0;
    ids = xcalloc(n + 1, sizeof *ids);
    for (size_t i = 0; i < n; i++) {
        nsc_diff_kind kind;
        const char *id;
        if (nsc_diff_get(d, i, &kind, &id, NULL, NULL) != 0 || kind == NSC_DIFF_REMOVED)
            continue;
        ids[k++] = xstrdup(id);
        if (kind == NSC_DIFF_ADDED)
            added++;
        else
            changed++;
    }
    qsort(ids, k, sizeof *ids, cmp_str);
    *name_out = xstrdup(info.name);
    so->list = *name_out;
    so->only_ids = (const char *const *)ids;
    so->n_only_ids = k;
    *none = k == 0;
    errorf("--changed-since: screening against the %zu added and %zu changed entries of '%s'",
           added, changed, info.name);
    ret = 0;
done:
    *ids_out = ids;
    nsc_diff_free(d);
    nsc_engine_free(old);
    return ret;
}

static int screen_write_batch(screen_job *j, FILE *out, const char *out_name, int *any_hit)
{
    int ret = 0;
    for (size_t i = 0; i < j->end - j->begin; i++) {
        if (ret == 0 && j->errs[i] != 0) {
            errorf("%s line %ld (data row %zu): cannot screen '%s': %s; output stopped here and "
                   "is incomplete", j->t->display, j->t->lines[j->begin + i], j->begin + i + 1,
                   table_cell(j->t, j->begin + i, j->name_col), nsc_strerror(j->errs[i]));
            ret = EXIT_ERR;
        }
        if (ret == 0 && cli_buf_write(&j->outs[i], out) != 0) {
            errorf("error writing to %s: %s", out_name, strerror(errno));
            ret = EXIT_ERR;
        }
        *any_hit |= j->hit[i];
        cli_buf_free(&j->outs[i]);
        j->errs[i] = 0;
        j->hit[i] = 0;
    }
    return ret;
}

static long online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : n;
}

static int screen_run(screen_job *j, const table *t, FILE *out, const char *out_name, long nthreads)
{
    size_t batch = (size_t)nthreads * ROWS_PER_THREAD_BATCH;
    j->outs = xcalloc(batch, sizeof *j->outs);
    j->errs = xcalloc(batch, sizeof *j->errs);
    j->hit = xcalloc(batch, sizeof *j->hit);
    pthread_mutex_init(&j->mu, NULL);
    cli_buf head;
    cli_buf_init(&head);
    if (j->format == CLI_CSV) {
        cli_row r = { 1, 0, NULL, j->n_pt, j->pt_names, NULL };
        cli_hit_csv_header(&head, &r);
    }
    int any_hit = 0, ret = cli_buf_write(&head, out) == 0 ? 0 : EXIT_ERR;
    if (ret != 0)
        errorf("error writing to %s: %s", out_name, strerror(errno));
    cli_buf_free(&head);
    for (size_t b = 0; b < t->nrows && ret == 0; b += batch) {
        size_t e = t->nrows - b < batch ? t->nrows : b + batch;
        screen_batch(j, b, e, nthreads);
        ret = screen_write_batch(j, out, out_name, &any_hit);
    }
    pthread_mutex_destroy(&j->mu);
    free(j->outs);
    free(j->errs);
    free(j->hit);
    return ret != 0 ? ret : any_hit ? EXIT_HIT : 0;
}

static int screen_prepare(screen_job *j, const table *t, const cli_opts *o, size_t **pt_cols,
                          const char ***pt_names)
{
    static const char *const dob_defaults[] = { "dob", NULL };
    static const char *const country_defaults[] = { "country", "nationality", NULL };
    const char *name_opt = o->column ? o->column : "name";
    long name_col = table_col(t, name_opt);
    if (name_col < 0)
        return missing_column(t, name_opt, o->column ? " (--column)" : " (the default name column; "
                                                                      "choose one with --column)");
    if (pick_column(&j->dob_col, t, o->dob_column, "--dob-column", dob_defaults) != 0 ||
        pick_column(&j->country_col, t, o->country_column, "--country-column",
                    country_defaults) != 0)
        return EXIT_ERR;
    j->t = t;
    j->name_col = (size_t)name_col;
    j->format = o->format;
    *pt_cols = xcalloc(t->ncols, sizeof **pt_cols);
    *pt_names = xcalloc(t->ncols, sizeof **pt_names);
    for (size_t i = 0; i < t->ncols; i++)
        if (i != j->name_col) {
            (*pt_cols)[j->n_pt] = i;
            (*pt_names)[j->n_pt++] = t->header[i];
        }
    j->pt_cols = *pt_cols;
    j->pt_names = *pt_names;
    return check_names(t, j->name_col);
}

static int cmd_screen(cli_opts *o)
{
    if (!(o->seen & OPT_FORMAT))
        o->format = CLI_CSV;
    if (o->format == CLI_TEXT)
        return usage_error("screen: --format must be csv or jsonl");
    if (o->n_pos > 1)
        return usage_error("screen: one input FILE at most (got %zu)", o->n_pos);
    const char *in = o->n_pos ? o->pos[0] : "-";
    table t;
    screen_job j;
    memset(&j, 0, sizeof j);
    size_t *pt_cols = NULL;
    const char **pt_names = NULL;
    char **ids = NULL, *list_name = NULL;
    nsc_engine *eng = NULL;
    nsc_screen_options so = NSC_SCREEN_OPTIONS_INIT;
    FILE *out = NULL;
    int status = EXIT_ERR;
    if (table_read(&t, in) != 0)
        goto done;
    if (screen_prepare(&j, &t, o, &pt_cols, &pt_names) != 0)
        goto done;
    if (engine_open(&eng, o, 1) != 0)
        goto done;
    if (o->changed_since && changed_ids(&so, &ids, &list_name, eng, o, &j.skip_all) != 0)
        goto done;
    j.eng = eng;
    j.so = &so;
    out = o->output ? fopen(o->output, "w") : stdout;
    if (out == NULL) {
        errorf("cannot write %s: %s", o->output, strerror(errno));
        goto done;
    }
    status = screen_run(&j, &t, out, o->output ? o->output : "standard output",
                        o->threads ? o->threads : online_cpus());
    if (o->output) {
        if (fclose(out) != 0 && status != EXIT_ERR) {
            errorf("error writing to %s: %s", o->output, strerror(errno));
            status = EXIT_ERR;
        }
        if (status == EXIT_ERR)
            remove(o->output); /* never leave an incomplete result that looks complete */
    } else {
        status = finish_stdout(status);
    }
done:
    if (ids != NULL) {
        for (size_t i = 0; ids[i] != NULL; i++)
            free(ids[i]);
        free(ids);
    }
    free(list_name);
    free(pt_cols);
    free(pt_names);
    nsc_engine_free(eng);
    table_free(&t);
    return status;
}

/* ---------------------------------------------------------------------------------------------
 * compare
 * ------------------------------------------------------------------------------------------- */

static int compare_one(const nsc_hit **hit, nsc_hits **hits, const nsc_engine *eng,
                       const char *n1, const char *n2)
{
    nsc_query q = NSC_QUERY_INIT;
    q.name = n1;
    int rc = nsc_compare(hits, eng, &q, n2);
    if (rc == 0 && (*hit = nsc_hits_get(*hits, 0)) == NULL) {
        nsc_hits_free(*hits);
        rc = NSC_ENOTFOUND;
    }
    if (rc != 0) {
        errorf("compare '%s' with '%s': %s (%s)", n1, n2,
               rc == NSC_EINVAL ? "empty name" : nsc_strerror(rc), nsc_errname(rc));
        return EXIT_ERR;
    }
    return 0;
}

static int compare_pairs(const cli_opts *o, const nsc_engine *eng, cli_buf *out)
{
    table t;
    if (table_read(&t, o->pairs) != 0)
        return EXIT_ERR;
    int ret = EXIT_ERR;
    long c1 = table_col(&t, "name1"), c2 = table_col(&t, "name2");
    size_t npt = 0;
    const char **names = xcalloc(t.ncols, sizeof *names);
    const char **vals = xcalloc(t.ncols, sizeof *vals);
    if (c1 < 0 || c2 < 0) {
        missing_column(&t, c1 < 0 ? "name1" : "name2", " (--pairs needs name1 and name2)");
        goto done;
    }
    for (size_t i = 0; i < t.ncols; i++)
        if ((long)i != c1 && (long)i != c2)
            names[npt++] = t.header[i];
    cli_row r = { 1, 0, NULL, npt, names, vals };
    if (o->format == CLI_CSV)
        cli_compare_csv_header(out, &r);
    for (size_t row = 0; row < t.nrows; row++) {
        const char *n1 = table_cell(&t, row, (size_t)c1), *n2 = table_cell(&t, row, (size_t)c2);
        if (is_blank(n1) || is_blank(n2)) {
            errorf("%s line %ld (data row %zu): empty %s", t.display, t.lines[row], row + 1,
                   is_blank(n1) ? "name1" : "name2");
            goto done;
        }
        size_t k = 0;
        for (size_t i = 0; i < t.ncols; i++)
            if ((long)i != c1 && (long)i != c2)
                vals[k++] = table_cell(&t, row, i);
        nsc_hits *hits;
        const nsc_hit *h;
        if (compare_one(&h, &hits, eng, n1, n2) != 0)
            goto done;
        r.row = (long)row + 1;
        r.query = n1;
        if (o->format == CLI_CSV)
            cli_compare_csv(out, &r, n2, h, o->threshold);
        else
            cli_compare_jsonl(out, &r, n2, h, o->threshold);
        nsc_hits_free(hits);
    }
    ret = 0;
done:
    free(names);
    free(vals);
    table_free(&t);
    return ret;
}

static int cmd_compare(cli_opts *o)
{
    if (o->pairs) {
        if (o->n_pos != 0)
            return usage_error("compare: give either NAME1 NAME2 or --pairs FILE, not both");
        if (!(o->seen & OPT_FORMAT))
            o->format = CLI_CSV;
        if (o->format == CLI_TEXT)
            return usage_error("compare --pairs: --format must be csv or jsonl");
    } else if (o->n_pos != 2) {
        return usage_error("compare: expected two names (NAME1 NAME2), got %zu", o->n_pos);
    }
    nsc_engine *eng;
    if (engine_create(&eng, o) != 0)
        return EXIT_ERR;
    int status = EXIT_ERR;
    cli_buf out;
    cli_buf_init(&out);
    int rc = nsc_engine_freeze(eng);
    if (rc != 0) {
        errorf("cannot prepare the engine: %s", nsc_strerror(rc));
        goto done;
    }
    if (o->pairs) {
        if (compare_pairs(o, eng, &out) != 0)
            goto done;
    } else {
        nsc_hits *hits;
        const nsc_hit *h;
        if (compare_one(&h, &hits, eng, o->pos[0], o->pos[1]) != 0)
            goto done;
        cli_row r = { 0, 0, o->pos[0], 0, NULL, NULL };
        if (o->format == CLI_TEXT)
            cli_compare_text(&out, o->pos[0], o->pos[1], h, o->threshold);
        else if (o->format == CLI_CSV) {
            cli_compare_csv_header(&out, &r);
            cli_compare_csv(&out, &r, o->pos[1], h, o->threshold);
        } else
            cli_compare_jsonl(&out, &r, o->pos[1], h, o->threshold);
        nsc_hits_free(hits);
    }
    status = write_out(&out);
done:
    cli_buf_free(&out);
    nsc_engine_free(eng);
    return finish_stdout(status);
}

/* ---------------------------------------------------------------------------------------------
 * lists and diff
 * ------------------------------------------------------------------------------------------- */

static int cmd_lists(cli_opts *o)
{
    if (o->n_pos != 0)
        return usage_error("lists: unexpected operand '%s' (use --list SPEC)", o->pos[0]);
    nsc_engine *eng;
    if (engine_open(&eng, o, 0) != 0)
        return EXIT_ERR;
    cli_buf out;
    cli_buf_init(&out);
    size_t n = nsc_engine_list_count(eng);
    for (size_t i = 0; i < n; i++) {
        nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
        if (nsc_engine_list_info(&li, eng, i) != 0)
            continue;
        cli_buf_printf(&out,
                       "%s%s\n  format     %s\n  files      %s\n  published  %s\n"
                       "  entries    %zu\n  names      %zu\n  sha256     %s\n  xxh128     %s\n"
                       "  warnings   %zu\n",
                       i ? "\n" : "", li.name, li.format, li.files,
                       li.published && *li.published ? li.published : "unknown", li.entries,
                       li.names, li.sha256, li.xxh128, li.warnings);
        const char *w;
        for (size_t k = 0; (w = nsc_engine_list_warning(eng, i, k)) != NULL; k++)
            cli_buf_printf(&out, "    %s\n", w);
    }
    int status = write_out(&out);
    cli_buf_free(&out);
    nsc_engine_free(eng);
    return finish_stdout(status);
}

static const char *diff_kind_name(nsc_diff_kind k)
{
    return k == NSC_DIFF_ADDED ? "added" : k == NSC_DIFF_REMOVED ? "removed" : "changed";
}

static void diff_format(cli_buf *out, const nsc_diff *d, const char *list, cli_format fmt)
{
    size_t count[3] = { 0, 0, 0 }, n = nsc_diff_count(d);
    for (size_t i = 0; i < n; i++) {
        nsc_diff_kind kind;
        const char *id = NULL, *name = NULL, *fields = NULL;
        if (nsc_diff_get(d, i, &kind, &id, &name, &fields) != 0)
            continue;
        count[kind]++;
        if (fmt == CLI_JSONL) {
            cli_buf_puts(out, "{\"list\":");
            cli_json_str(out, list);
            cli_buf_puts(out, ",\"change\":");
            cli_json_str(out, diff_kind_name(kind));
            cli_buf_puts(out, ",\"entity_id\":");
            cli_json_str(out, id ? id : "");
            cli_buf_puts(out, ",\"primary_name\":");
            cli_json_str(out, name ? name : "");
            cli_buf_puts(out, ",\"fields\":");
            cli_json_str(out, fields ? fields : "");
            cli_buf_puts(out, "}\n");
        } else {
            cli_buf_printf(out, "%s %s %s", diff_kind_name(kind), id ? id : "", name ? name : "");
            if (kind == NSC_DIFF_CHANGED && fields && *fields)
                cli_buf_printf(out, " (%s)", fields);
            cli_buf_puts(out, "\n");
        }
    }
    if (fmt == CLI_TEXT)
        cli_buf_printf(out, "%zu added, %zu removed, %zu changed\n", count[NSC_DIFF_ADDED],
                       count[NSC_DIFF_REMOVED], count[NSC_DIFF_CHANGED]);
}

static int cmd_diff(cli_opts *o)
{
    if (o->format == CLI_CSV)
        return usage_error("diff: --format must be text or jsonl");
    if (o->n_pos != 2)
        return usage_error("diff: expected OLD_SPEC NEW_SPEC, got %zu operand%s", o->n_pos,
                           o->n_pos == 1 ? "" : "s");
    nsc_engine *old = NULL, *cur = NULL;
    nsc_diff *d = NULL;
    cli_buf out;
    cli_buf_init(&out);
    int status = EXIT_ERR;
    if (nsc_engine_new(&old, NULL) != 0 || nsc_engine_new(&cur, NULL) != 0) {
        errorf("cannot create the engine");
        goto done;
    }
    if (load_spec(old, o->pos[0]) != 0 || load_spec(cur, o->pos[1]) != 0)
        goto done;
    int rc = nsc_diff_lists(&d, old, cur, NULL);
    if (rc != 0) {
        errorf("diff: %s (%s)", nsc_strerror(rc), nsc_errname(rc));
        goto done;
    }
    nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
    nsc_engine_list_info(&li, cur, 0);
    diff_format(&out, d, li.name ? li.name : "", o->format);
    status = write_out(&out);
done:
    cli_buf_free(&out);
    nsc_diff_free(d);
    nsc_engine_free(old);
    nsc_engine_free(cur);
    return finish_stdout(status);
}

/* ---------------------------------------------------------------------------------------------
 * main
 * ------------------------------------------------------------------------------------------- */

static const struct command {
    const char *name;
    unsigned allowed;
    int (*run)(cli_opts *o);
} commands[] = {
    { "query", OPT_LIST | OPT_THRESHOLD | OPT_LIMIT | OPT_TYPE | OPT_FORMAT | OPT_EXHAUSTIVE,
      cmd_query },
    { "screen", OPT_LIST | OPT_COLUMN | OPT_DOB_COLUMN | OPT_COUNTRY_COLUMN | OPT_THRESHOLD |
                    OPT_LIMIT | OPT_THREADS | OPT_FORMAT | OPT_OUTPUT | OPT_CHANGED_SINCE |
                    OPT_EXHAUSTIVE,
      cmd_screen },
    { "compare", OPT_THRESHOLD | OPT_FORMAT | OPT_PAIRS, cmd_compare },
    { "lists", OPT_LIST, cmd_lists },
    { "diff", OPT_FORMAT, cmd_diff },
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_ERR;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return finish_stdout(0);
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("namescreen %s (library %s, scoring %s)\n", NSC_VERSION_STRING, nsc_version(),
               nsc_scoring_version());
        return finish_stdout(0);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(cmd, commands[i].name) != 0)
            continue;
        cli_opts o;
        int rc = parse_args(&o, cmd, commands[i].allowed, argc, argv);
        if (rc == 0)
            rc = commands[i].run(&o);
        else if (rc < 0)
            rc = finish_stdout(0);
        opts_free(&o);
        return rc;
    }
    return usage_error("unknown command '%s' (query, screen, compare, lists, diff)", cmd);
}
