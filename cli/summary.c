/* SPDX-License-Identifier: Apache-2.0 */
/*
 * summary.c: the run summary of `screen` (--summary) as JSON in the schema of README.md, "The
 * nightly run", the run id, and the output sink that hashes what it writes. Times appear only
 * here, never in the output rows, so that the same run gives the same output bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "common.h"
#include "output.h"
#include "summary.h"

static void hex_of(char *hex, const unsigned char *d, size_t n)
{
    for (size_t i = 0; i < n; i++) snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

void cli_sha256_hex(char hex[65], const void *p, size_t n)
{
    struct sha256_ctx c;
    unsigned char d[SHA256_DIGEST_SIZE];
    sha256_init(&c);
    sha256_update(&c, n, p);
    sha256_digest(&c, sizeof d, d);
    hex_of(hex, d, sizeof d);
}

void cli_utc_today(char out[11])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

void cli_sink_init(cli_sink *s, FILE *f, const char *name)
{
    s->f = f;
    s->name = name;
    s->bytes = 0;
    sha256_init(&s->sha);
}

int cli_sink_write(cli_sink *s, const char *p, size_t n)
{
    if (n == 0) return 0;
    if (fwrite(p, 1, n, s->f) != n) return -1;
    sha256_update(&s->sha, n, (const uint8_t *)p);
    s->bytes += (long long)n;
    return 0;
}

void cli_sink_digest(cli_sink *s, char hex[65])
{
    unsigned char d[SHA256_DIGEST_SIZE];
    sha256_digest(&s->sha, sizeof d, d); /* resets the context */
    hex_of(hex, d, sizeof d);
}

/* ---------------------------------------------------------------------------------------------
 * The run id
 * ------------------------------------------------------------------------------------------- */

static const char *format_name(cli_format f)
{
    return f == CLI_CSV ? "csv" : f == CLI_JSONL ? "jsonl" : "text";
}

static const char *or_empty(const char *s) { return s ? s : ""; }

/* One line per fact that decides the output bytes; --threads, --output, --summary and times do
 * not. Each value is written as key=value\n, so no two option sets give the same text. */
static void run_id_text(cli_buf *b, const cli_summary *s)
{
    const cli_opts *o = s->o;
    cli_buf_printf(b, "namescreen=%s\nscoring=%s\n", nsc_version(), nsc_scoring_version());
    cli_buf_printf(b, "threshold=%.6f\nlimit=%ld\ntype=%s\nformat=%s\nall=%d\nexhaustive=%d\n",
                   o->threshold, o->limit,
                   o->type == NSC_TYPE_UNKNOWN ? "" : nsc_entity_type_name(o->type),
                   format_name(o->format), o->all, o->exhaustive);
    cli_buf_printf(b, "column=%s\ndob_column=%s\ncountry_column=%s\nchanged_since=%s\n",
                   or_empty(o->column), or_empty(o->dob_column), or_empty(o->country_column),
                   or_empty(o->changed_since));
    cli_buf_printf(b, "given_column=%s\nfamily_column=%s\nid_column=%s\ntype_column=%s\n",
                   or_empty(o->given_column), or_empty(o->family_column), or_empty(o->id_column),
                   or_empty(o->type_column));
    cli_buf_printf(b, "date_format=%s\nencoding=%s\ndelimiter=%d\nheader=%d\nskip_bad_rows=%d\n",
                   or_empty(s->date_format), or_empty(s->encoding), s->delimiter, s->header,
                   o->skip_bad_rows);
    if (o->allowlist)
        cli_buf_printf(b, "allowlist=%s\nas_of=%s\n", s->allowlist_sha256, or_empty(s->as_of));
    for (size_t i = 0; s->eng && i < nsc_engine_list_count(s->eng); i++) {
        nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
        if (nsc_engine_list_info(&li, s->eng, i) == 0)
            cli_buf_printf(b, "list=%s %s\n", li.name, li.xxh128);
    }
    cli_buf_printf(b, "input=%s\n", s->input_sha256);
}

void cli_summary_run_id(cli_summary *s)
{
    cli_buf b;
    cli_buf_init(&b);
    run_id_text(&b, s);
    char hex[65];
    cli_sha256_hex(hex, b.p ? b.p : "", b.len);
    cli_buf_free(&b);
    memcpy(s->run_id, hex, 32);
    s->run_id[32] = '\0';
}

/* ---------------------------------------------------------------------------------------------
 * The summary
 * ------------------------------------------------------------------------------------------- */

static void kv_str(cli_buf *b, const char *key, const char *v, int comma)
{
    cli_buf_printf(b, "%s\"%s\":", comma ? "," : "", key);
    cli_json_str(b, v);
}

static void kv_long(cli_buf *b, const char *key, long v, int comma)
{
    cli_buf_printf(b, "%s\"%s\":%ld", comma ? "," : "", key, v);
}

/* "" -> null, else the string. */
static void kv_opt(cli_buf *b, const char *key, const char *v, int comma)
{
    kv_str(b, key, v && *v ? v : NULL, comma);
}

static void put_command_line(cli_buf *b, const cli_opts *o)
{
    cli_buf_puts(b, ",\"command_line\":[");
    for (int i = 0; i < o->argc; i++) {
        if (i) cli_buf_puts(b, ",");
        cli_json_str(b, o->argv[i]);
    }
    cli_buf_puts(b, "]");
}

static void put_input(cli_buf *b, const cli_summary *s)
{
    char delim[2] = { (char)s->delimiter, '\0' };
    cli_buf_puts(b, ",\"input\":{");
    kv_str(b, "path", s->input_path, 0);
    if (s->input_size >= 0)
        cli_buf_printf(b, ",\"size\":%lld", s->input_size);
    else
        cli_buf_puts(b, ",\"size\":null");
    kv_opt(b, "sha256", s->input_sha256, 1);
    kv_str(b, "encoding", s->encoding ? s->encoding : "utf-8", 1);
    kv_str(b, "delimiter", s->delimiter ? delim : ",", 1);
    cli_buf_printf(b, ",\"header\":%s}", s->header ? "true" : "false");
}

static void put_options(cli_buf *b, const cli_summary *s)
{
    const cli_opts *o = s->o;
    cli_buf_puts(b, ",\"options\":{\"threshold\":");
    cli_num4(b, o->threshold);
    if (o->limit >= 0)
        kv_long(b, "limit", o->limit, 1);
    else
        cli_buf_puts(b, ",\"limit\":null");
    if (o->type != NSC_TYPE_UNKNOWN) {
        cli_buf_puts(b, ",\"types\":[");
        cli_json_str(b, nsc_entity_type_name(o->type));
        cli_buf_puts(b, "]");
    } else {
        cli_buf_puts(b, ",\"types\":null");
    }
    kv_str(b, "date_format", s->date_format ? s->date_format : "auto", 1);
    kv_str(b, "as_of", s->as_of, 1);
    cli_buf_printf(b, ",\"all\":%s", o->all ? "true" : "false");
    if (o->allowlist) {
        cli_buf_puts(b, ",\"allowlist\":{");
        kv_str(b, "path", o->allowlist, 0);
        kv_opt(b, "sha256", s->allowlist_sha256, 1);
        kv_long(b, "entries", s->allowlist_entries, 1);
        cli_buf_puts(b, "}");
    } else {
        cli_buf_puts(b, ",\"allowlist\":null");
    }
    cli_buf_printf(b, ",\"skip_bad_rows\":%s", o->skip_bad_rows ? "true" : "false");
    kv_long(b, "threads", s->threads, 1);
    cli_buf_printf(b, ",\"validate_first\":%s", o->validate_first ? "true" : "false");
    kv_opt(b, "changed_since", o->changed_since, 1);
    cli_buf_puts(b, "}");
}

static void put_lists(cli_buf *b, const nsc_engine *eng)
{
    cli_buf_puts(b, ",\"lists\":[");
    for (size_t i = 0; eng && i < nsc_engine_list_count(eng); i++) {
        nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
        if (nsc_engine_list_info(&li, eng, i) != 0) continue;
        cli_buf_puts(b, i ? ",{" : "{");
        kv_str(b, "name", li.name, 0);
        kv_str(b, "format", li.format, 1);
        kv_opt(b, "published", li.published, 1);
        kv_opt(b, "checked", li.checked, 1);
        kv_opt(b, "version", li.version_dir, 1);
        cli_buf_printf(b, ",\"entities\":%zu", li.entries);
        kv_str(b, "sha256", li.sha256, 1);
        kv_str(b, "xxh128", li.xxh128, 1);
        cli_buf_puts(b, "}");
    }
    cli_buf_puts(b, "]");
}

static void put_counts(cli_buf *b, const cli_run_stats *st)
{
    cli_buf_printf(b,
                   ",\"rows\":{\"read\":%ld,\"screened\":%ld,\"skipped\":%ld,\"with_hits\":%ld,"
                   "\"clear\":%ld,\"cut\":%ld}",
                   st->rows_read, st->rows_screened, st->rows_skipped, st->rows_with_hits,
                   st->rows_clear, st->rows_cut);
    cli_buf_printf(b, ",\"hits\":{\"written\":%ld,\"suppressed\":%ld,\"lapsed\":%ld}",
                   st->hits_written, st->hits_suppressed, st->hits_lapsed);
    cli_buf_printf(b, ",\"dates\":{\"ambiguous\":%ld,\"unparsed\":%ld}", st->dates_ambiguous,
                   st->dates_unparsed);
}

static void summary_json(cli_buf *b, const cli_summary *s)
{
    const cli_opts *o = s->o;
    cli_buf_puts(b, "{");
    kv_str(b, "run_id", s->run_id, 0);
    cli_buf_printf(b, ",\"complete\":%s", s->complete ? "true" : "false");
    if (!s->complete) kv_long(b, "incomplete_after_row", s->incomplete_after_row, 1);
    kv_str(b, "started", s->started, 1);
    kv_str(b, "finished", s->finished, 1);
    put_command_line(b, o);
    kv_str(b, "namescreen_version", nsc_version(), 1);
    kv_str(b, "scoring_version", nsc_scoring_version(), 1);
    put_input(b, s);
    put_options(b, s);
    put_lists(b, s->eng);
    put_counts(b, &s->st);
    cli_buf_puts(b, ",\"output\":{");
    kv_str(b, "path", o->output ? o->output : "-", 0);
    kv_str(b, "format", format_name(o->format), 1);
    kv_opt(b, "sha256", s->output_sha256, 1);
    cli_buf_puts(b, "},\"rejects\":{");
    kv_str(b, "path", s->reject_path, 0);
    kv_long(b, "rows", s->st.rows_skipped, 1);
    cli_buf_puts(b, "}}\n");
}

int cli_summary_write(const cli_summary *s, const char *path)
{
    cli_buf b;
    cli_buf_init(&b);
    summary_json(&b, s);
    /* through path.partial and a rename, but for a device or FIFO, which a rename would
     * replace with a file */
    struct stat sb;
    int special = stat(path, &sb) == 0 && !S_ISREG(sb.st_mode);
    size_t n = strlen(path) + sizeof ".partial";
    char *tmp = xcalloc(n, 1);
    snprintf(tmp, n, special ? "%s" : "%s.partial", path);
    FILE *f = fopen(tmp, "w");
    int ok = f != NULL && !b.oom && fwrite(b.p, 1, b.len, f) == b.len;
    if (f != NULL && fclose(f) != 0) ok = 0;
    if (ok && !special && rename(tmp, path) != 0) ok = 0;
    if (!ok) {
        errorf("cannot write the summary %s: %s", path, b.oom ? "out of memory" : strerror(errno));
        if (!special) remove(tmp);
    }
    free(tmp);
    cli_buf_free(&b);
    return ok ? 0 : EXIT_ERR;
}
