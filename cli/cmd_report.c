/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cmd_report.c: `namescreen report SUMMARY.json HITS.jsonl [-o FILE]` turns the record of a
 * screening run (its summary and its JSON lines) into one self-contained HTML page for the
 * analysts who review the hits. The files are checked here, line by line; the page itself
 * (report_template.html, embedded at build time) renders the data with its own script.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cmd.h"
#include "common.h"
#include "report_template.h"

/* Where the template takes the run's data: inside <script type="application/json">. */
#define DATA_MARKER "@NSC_REPORT_DATA@"

/* A file being read: its name for messages and the line being checked. */
typedef struct src {
    const char *path;
    long line;
} src;

static int src_error(const src *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int src_error(const src *s, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (s->line > 0)
        errorf("report: %s line %ld: %s", s->path, s->line, msg);
    else
        errorf("report: %s: %s", s->path, msg);
    return EXIT_ERR;
}

/* ---------------------------------------------------------------------------------------------
 * Parsing: strict JSON, valid UTF-8, one value and nothing after it
 * ------------------------------------------------------------------------------------------- */

/* The line (1-based, counted from first_line) of byte offset `off` of text. */
static long line_of(const char *text, size_t off, long first_line)
{
    long line = first_line;
    for (size_t i = 0; i < off && text[i]; i++)
        if (text[i] == '\n') line++;
    return line;
}

/* Parses text (len bytes) as one JSON object; NULL after a message naming s's file and the
 * line of the fault, with cut_hint when the text ends inside the object. */
static json_object *parse_object(src *s, const char *text, size_t len, const char *what,
                                 const char *cut_hint)
{
    if (len > INT_MAX) { /* json-c takes an int */
        src_error(s, "%s is larger than 2 GiB", what);
        return NULL;
    }
    json_tokener *tok = json_tokener_new();
    if (tok == NULL) {
        errorf("out of memory");
        return NULL;
    }
    /* trailing text is checked below, for a message of its own */
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_ALLOW_TRAILING_CHARS |
                                    JSON_TOKENER_VALIDATE_UTF8);
    json_object *o = json_tokener_parse_ex(tok, text, (int)len);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    size_t end = json_tokener_get_parse_end(tok);
    long first = s->line > 0 ? s->line : 1;
    json_tokener_free(tok);
    if (jerr == json_tokener_continue) {
        size_t last = len; /* the last line with text on it */
        while (last > 0 && strchr(" \t\r\n", text[last - 1])) last--;
        s->line = line_of(text, last, first);
        src_error(s, "%s is cut short (%s)", what, cut_hint);
    } else if (o == NULL) {
        s->line = line_of(text, end, first);
        src_error(s, "%s is not valid JSON: %s", what, json_tokener_error_desc(jerr));
    } else if (end < len && text[end + strspn(text + end, " \t\r\n")] != '\0') {
        s->line = line_of(text, end, first);
        src_error(s, "text after the end of %s", what);
    } else if (!json_object_is_type(o, json_type_object)) {
        src_error(s, "%s is not a JSON object", what);
    } else {
        return o;
    }
    json_object_put(o);
    return NULL;
}

static json_object *member(json_object *o, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(o, key, &v) ? v : NULL;
}

static const char *member_str(json_object *o, const char *key)
{
    json_object *v = member(o, key);
    return json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

/* Reads a whole file into a NUL-terminated buffer; NULL after a message. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        errorf("report: cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = xcalloc(cap, 1);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) buf = xrealloc(buf, cap *= 2);
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        errorf("report: error reading %s", path);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* ---------------------------------------------------------------------------------------------
 * The summary and the rows, checked against their format (README.md, "The nightly run")
 * ------------------------------------------------------------------------------------------- */

static json_object *read_summary(const char *path)
{
    src s = { path, 0 };
    size_t len = 0;
    char *text = read_file(path, &len);
    if (text == NULL) return NULL;
    if (strlen(text) != len) {
        src_error(&s, "the file holds a NUL byte: not a run summary");
        free(text);
        return NULL;
    }
    if (is_blank(text)) {
        src_error(&s, "the file is empty: not a run summary");
        free(text);
        return NULL;
    }
    json_object *o = parse_object(&s, text, len, "the run summary", "the JSON ends in the middle");
    free(text);
    if (o == NULL) return NULL;
    const char *run_id = member_str(o, "run_id");
    json_object *lists = member(o, "lists");
    if (run_id == NULL || *run_id == '\0')
        src_error(&s, "no \"run_id\" (a non-empty string): not a run summary of namescreen screen");
    else if (!json_object_is_type(member(o, "complete"), json_type_boolean))
        src_error(&s, "no \"complete\" (true or false)");
    else if (!json_object_is_type(lists, json_type_array))
        src_error(&s, "no \"lists\" (an array of the lists screened against)");
    else {
        size_t n = json_object_array_length(lists);
        for (size_t i = 0; i < n; i++)
            if (member_str(json_object_array_get_idx(lists, i), "name") == NULL) {
                src_error(&s, "list %zu of \"lists\" has no \"name\"", i + 1);
                goto fail;
            }
        return o;
    }
fail:
    json_object_put(o);
    return NULL;
}

static int is_status(const char *s)
{
    static const char *const statuses[] = { "hit", "clear", "suppressed", "lapsed" };
    for (size_t i = 0; s && i < sizeof statuses / sizeof statuses[0]; i++)
        if (strcmp(s, statuses[i]) == 0) return 1;
    return 0;
}

/* Checks one row; 0 or EXIT_ERR after a message naming its line. */
static int check_row(const src *s, json_object *row, const char *run_id)
{
    const char *rid = member_str(row, "run_id"), *status = member_str(row, "status");
    json_object *n = member(row, "row"), *hit = member(row, "hit");
    if (rid == NULL) return src_error(s, "no \"run_id\" (a string)");
    if (strcmp(rid, run_id) != 0)
        return src_error(s,
                         "run_id \"%.100s\" is not the summary's \"%.100s\": a row of another run",
                         rid, run_id);
    if (!json_object_is_type(n, json_type_int) || json_object_get_int64(n) < 1)
        return src_error(s, "no \"row\" (a data row number, 1 or more)");
    if (!is_status(status))
        return src_error(s, "\"status\" must be \"hit\", \"clear\", \"suppressed\" or \"lapsed\"");
    if (member_str(row, "query") == NULL) return src_error(s, "no \"query\" (a string)");
    if (strcmp(status, "clear") == 0) return 0;
    if (!json_object_is_type(hit, json_type_object))
        return src_error(s, "a row of status \"%s\" without a \"hit\" object", status);
    json_object *score = member(hit, "score");
    if (!json_object_is_type(score, json_type_double) && !json_object_is_type(score, json_type_int))
        return src_error(s, "the hit has no \"score\" (a number)");
    if (member_str(hit, "list") == NULL || member_str(hit, "entity_id") == NULL)
        return src_error(s, "the hit has no \"list\" or \"entity_id\" (strings)");
    return 0;
}

/* Reads the rows of path into `rows` (hits only; clear rows are counted in *clear). */
static int read_rows(json_object *rows, long *clear, const char *path, const char *run_id)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        errorf("report: cannot open %s: %s", path, strerror(errno));
        return EXIT_ERR;
    }
    src s = { path, 0 };
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int status = 0;
    while (status == 0 && (len = getline(&line, &cap, f)) >= 0) {
        s.line++;
        if ((size_t)len != strlen(line)) {
            status = src_error(&s, "the line holds a NUL byte");
            break;
        }
        if (is_blank(line)) continue;
        json_object *row = parse_object(&s, line, (size_t)len, "the row",
                                        "it ends with its line: a hits file holds one JSON "
                                        "object per line");
        if (row == NULL) {
            status = EXIT_ERR;
        } else if ((status = check_row(&s, row, run_id)) != 0) {
            json_object_put(row);
        } else if (strcmp(member_str(row, "status"), "clear") == 0) {
            ++*clear;
            json_object_put(row);
        } else {
            json_object_array_add(rows, row);
        }
    }
    if (status == 0 && ferror(f)) status = src_error(&s, "read error: %s", strerror(errno));
    free(line);
    fclose(f);
    return status;
}

/* ---------------------------------------------------------------------------------------------
 * The page
 * ------------------------------------------------------------------------------------------- */

/* JSON text inside <script>: every '<', '>' and '&' (only ever inside strings) as \u escapes,
 * so that no "</script>" or "<!--" in a name can end the block or change how it is read. */
static void put_script_json(cli_buf *b, const char *json)
{
    for (const char *p = json; *p;) {
        size_t n = strcspn(p, "<>&");
        cli_buf_put(b, p, n);
        p += n;
        if (*p) cli_buf_printf(b, "\\u%04x", (unsigned)(unsigned char)*p++);
    }
}

static int build_page(cli_buf *b, json_object *data)
{
    const char *mark = strstr(cli_report_template, DATA_MARKER);
    if (mark == NULL) {
        errorf("report: the embedded page template has no %s", DATA_MARKER);
        return EXIT_ERR;
    }
    cli_buf_put(b, cli_report_template, (size_t)(mark - cli_report_template));
    put_script_json(b, json_object_to_json_string_ext(data, JSON_C_TO_STRING_PLAIN |
                                                                JSON_C_TO_STRING_NOSLASHESCAPE));
    cli_buf_puts(b, mark + strlen(DATA_MARKER));
    if (b->oom) {
        errorf("out of memory");
        return EXIT_ERR;
    }
    return 0;
}

/* Writes the page to `path` through path.partial, renamed when complete, so that a report that
 * is there is whole; NULL path: standard output. */
static int write_page(const cli_buf *b, const char *path)
{
    if (path == NULL) return finish_stdout(write_out(b));
    size_t n = strlen(path) + sizeof ".partial";
    char *tmp = xcalloc(n, 1);
    snprintf(tmp, n, "%s.partial", path);
    int status = 0;
    FILE *f = fopen(tmp, "wb");
    if (f == NULL) {
        errorf("report: cannot write %s: %s", tmp, strerror(errno));
        status = EXIT_ERR;
    } else {
        int bad = cli_buf_write(b, f) != 0;
        if (fclose(f) != 0) bad = 1;
        if (bad) {
            errorf("report: error writing %s: %s", tmp, strerror(errno));
            status = EXIT_ERR;
        } else if (rename(tmp, path) != 0) {
            errorf("report: cannot rename %s to %s: %s", tmp, path, strerror(errno));
            status = EXIT_ERR;
        }
        if (status != 0) remove(tmp);
    }
    free(tmp);
    return status;
}

static json_object *meta_object(const cli_opts *o, long clear)
{
    json_object *m = json_object_new_object();
    json_object_object_add(m, "summary_file", json_object_new_string(o->pos[0]));
    json_object_object_add(m, "hits_file", json_object_new_string(o->pos[1]));
    json_object_object_add(m, "clear_rows", json_object_new_int64(clear));
    json_object_object_add(m, "generator",
                           json_object_new_string("namescreen " NSC_VERSION_STRING));
    return m;
}

static int run(cli_opts *o)
{
    if (o->n_pos != 2)
        return usage_error("report: expected SUMMARY.json HITS.jsonl, got %zu operand%s", o->n_pos,
                           o->n_pos == 1 ? "" : "s");
    json_object *summary = read_summary(o->pos[0]);
    if (summary == NULL) return EXIT_ERR;
    json_object *rows = json_object_new_array();
    long clear = 0;
    int status = read_rows(rows, &clear, o->pos[1], member_str(summary, "run_id"));
    if (status != 0) {
        json_object_put(summary);
        json_object_put(rows);
        return status;
    }
    json_object *data = json_object_new_object();
    json_object_object_add(data, "summary", summary);
    json_object_object_add(data, "rows", rows);
    json_object_object_add(data, "meta", meta_object(o, clear));
    cli_buf page;
    cli_buf_init(&page);
    status = build_page(&page, data);
    json_object_put(data);
    if (status == 0) status = write_page(&page, o->output);
    cli_buf_free(&page);
    return status;
}

static const char *const forms[] = { "SUMMARY.json HITS.jsonl", NULL };

const cli_cmd cli_cmd_report = {
    .name = "report",
    .bit = CLI_REPORT,
    .forms = forms,
    .summary = "write the review page of a screening run (HTML)",
    .description =
        "Reads the summary of a screening run (screen --summary) and its hits (screen --format "
        "jsonl) and writes one self-contained HTML page for the analysts who review them: the "
        "run (input file and checksum, options, every list with its publication date, last "
        "check and checksum), then each hit with the input name and the list name side by "
        "side, the matched tokens marked by kind, the score as a bar, the list entry's details "
        "and the input's evidence, with filters by list, program, score band and status and "
        "sorting by score, row, list and name. The page loads nothing from the network. A "
        "malformed summary or line, or a row of another run (its run_id differs from the "
        "summary's), is an error naming the file and line; an empty hits file gives a page "
        "without hits.",
    .hit_status = 0,
    .run = run,
};
