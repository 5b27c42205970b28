/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_report.c: `namescreen report SUMMARY.json HITS.jsonl -o FILE` run as a user would, on the
 * fixture run of tests/data/report: a page that loads nothing from the network, carries the run
 * id and every hit, and never lets a name's markup out of its data block; a page without hits;
 * and the errors (malformed summary, malformed line, a row of another run) naming file and line.
 * What the page does in a browser is tests/report_browser_test.py's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-c/json.h>

#define DATA NSC_TEST_DATA "/report"
#define SUMMARY DATA "/summary.json"
#define HITS DATA "/hits.jsonl"

extern char **environ;

typedef struct run_result {
    int status; /* exit status, or -1 when killed by a signal */
    char *out, *err;
} run_result;

static char *slurp_path(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    assert_non_null(buf);
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            char *more = realloc(buf, cap *= 2);
            assert_non_null(more);
            buf = more;
        }
    }
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static char tmpdir[64];

static void tmp_path(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", tmpdir, name);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* Runs the tool with args (NULL-terminated, without argv[0]); stdout and stderr to files. */
static void run_args(run_result *r, const char *const *args)
{
    const char *argv[32];
    size_t n = 0;
    argv[n++] = NSC_CLI;
    for (; *args && n < 31; args++) argv[n++] = *args;
    argv[n] = NULL;
    char out[128], err[128];
    tmp_path(out, sizeof out, "stdout");
    tmp_path(err, sizeof err, "stderr");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid;
    int rc = posix_spawn(&pid, NSC_CLI, &fa, NULL, (char *const *)(uintptr_t)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    assert_int_equal(rc, 0);
    int ws;
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
    r->out = slurp_path(out);
    r->err = slurp_path(err);
    assert_non_null(r->out);
    assert_non_null(r->err);
}

#define RUN(r, ...) run_args((r), (const char *const[]){ __VA_ARGS__, NULL })

static void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

static void expect(const run_result *r, int status, const char *in_err)
{
    if (r->status != status || (in_err && strstr(r->err, in_err) == NULL))
        print_message("exit %d (expected %d)\n--- stderr ---\n%s\nexpected in it: %s\n", r->status,
                      status, r->err, in_err ? in_err : "");
    assert_int_equal(r->status, status);
    if (in_err) assert_non_null(strstr(r->err, in_err));
}

static void expect_in(const char *hay, const char *needle, int present)
{
    if ((strstr(hay, needle) != NULL) != present)
        print_message("expected %s the page: %s\n", present ? "in" : "not in", needle);
    assert_int_equal(strstr(hay, needle) != NULL, present);
}

/* The data block of a page, parsed. */
static json_object *page_data(const char *page)
{
    const char *open = "<script type=\"application/json\" id=\"nsc-data\">";
    const char *p = strstr(page, open);
    assert_non_null(p);
    p += strlen(open);
    const char *end = strstr(p, "</script>");
    assert_non_null(end);
    char *json = strndup(p, (size_t)(end - p));
    json_object *o = json_tokener_parse(json);
    free(json);
    assert_non_null(o);
    return o;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/nsc_test_report_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---------------------------------------------------------------------------------------------
 * The page of the fixture run
 * ------------------------------------------------------------------------------------------- */

static void test_fixture_page(void **state)
{
    (void)state;
    char html[128], partial[160];
    tmp_path(html, sizeof html, "report.html");
    snprintf(partial, sizeof partial, "%s.partial", html);
    run_result r;
    RUN(&r, "report", SUMMARY, HITS, "-o", html);
    expect(&r, 0, NULL);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "");
    run_free(&r);
    assert_int_equal(access(partial, F_OK), -1);
    char *page = slurp_path(html);
    assert_non_null(page);

    /* self-contained: nothing fetched, no external script or style */
    expect_in(page, "http://", 0);
    expect_in(page, "https://", 0);
    expect_in(page, "<script src", 0);
    expect_in(page, "<link href=", 0);
    expect_in(page, "@import", 0);
    expect_in(page, "<!DOCTYPE html>", 1);

    /* the run id and every hit's entity id; the names' markup only in escaped form */
    expect_in(page, "nsc-fixture-20261202-a1b2c3", 1);
    char *jsonl = slurp_path(HITS);
    assert_non_null(jsonl);
    size_t hits = 0;
    for (char *line = strtok(jsonl, "\n"); line; line = strtok(NULL, "\n")) {
        json_object *row = json_tokener_parse(line), *hit, *id;
        assert_non_null(row);
        if (json_object_object_get_ex(row, "hit", &hit) && hit != NULL) {
            assert_true(json_object_object_get_ex(hit, "entity_id", &id));
            char needle[64];
            snprintf(needle, sizeof needle, "\"entity_id\":\"%s\"", json_object_get_string(id));
            expect_in(page, needle, 1);
            hits++;
        }
        json_object_put(row);
    }
    free(jsonl);
    assert_int_equal(hits, 6);
    expect_in(page, "nscPwned=1</script>", 0);
    expect_in(page, "<script>nscPwned", 0);
    expect_in(page, "<i>", 0);
    expect_in(page, "<b>&amp;", 0);
    expect_in(page, "\\u003c/script\\u003e\\u003cscript\\u003enscPwned=1", 1);
    expect_in(page, "倪高彬", 1);

    /* the data block is JSON: the summary as given, the hit rows only (not the clear one) */
    json_object *data = page_data(page), *rows, *summary, *meta, *v;
    assert_true(json_object_object_get_ex(data, "rows", &rows));
    assert_int_equal(json_object_array_length(rows), hits);
    assert_true(json_object_object_get_ex(data, "summary", &summary));
    assert_true(json_object_object_get_ex(summary, "lists", &v));
    assert_int_equal(json_object_array_length(v), 2);
    assert_true(json_object_object_get_ex(data, "meta", &meta));
    assert_true(json_object_object_get_ex(meta, "clear_rows", &v));
    assert_int_equal(json_object_get_int(v), 1);
    json_object_put(data);

    /* the same bytes on standard output */
    RUN(&r, "report", SUMMARY, HITS);
    expect(&r, 0, NULL);
    assert_string_equal(r.out, page);
    run_free(&r);
    free(page);
}

static void test_no_hits(void **state)
{
    (void)state;
    char empty[128], html[128];
    tmp_path(empty, sizeof empty, "empty.jsonl");
    tmp_path(html, sizeof html, "empty.html");
    write_text(empty, "");
    run_result r;
    RUN(&r, "report", SUMMARY, empty, "--output", html);
    expect(&r, 0, NULL);
    run_free(&r);
    char *page = slurp_path(html);
    assert_non_null(page);
    expect_in(page, "\"rows\":[]", 1);
    expect_in(page, "No hits in this run.", 1);
    free(page);
}

static void test_help(void **state)
{
    (void)state;
    run_result r, alias;
    RUN(&r, "report", "--help");
    RUN(&alias, "help", "report");
    expect(&r, 0, NULL);
    expect_in(r.out, "usage: namescreen report ", 1);
    expect_in(r.out, "\n  -o, --output FILE ", 1);
    assert_string_equal(alias.out, r.out);
    run_free(&r);
    run_free(&alias);
    RUN(&r, "--help");
    expect_in(r.out, "\n  report ", 1);
    run_free(&r);
    RUN(&r, "--man");
    expect_in(r.out, "\n.SS report\n", 1);
    run_free(&r);
}

/* ---------------------------------------------------------------------------------------------
 * Errors: exit status 2, the file and line, and no page left behind
 * ------------------------------------------------------------------------------------------- */

/* Runs report on summary_text (NULL: the fixture's) and hits_text (NULL: the fixture's) and
 * expects status 2, `msg` on standard error, and no output file. */
static void expect_failure(const char *summary_text, const char *hits_text, const char *msg)
{
    char summary[128], hits[128], html[128], partial[160];
    tmp_path(summary, sizeof summary, "bad_summary.json");
    tmp_path(hits, sizeof hits, "bad_hits.jsonl");
    tmp_path(html, sizeof html, "bad.html");
    snprintf(partial, sizeof partial, "%s.partial", html);
    if (summary_text) write_text(summary, summary_text);
    if (hits_text) write_text(hits, hits_text);
    run_result r;
    RUN(&r, "report", summary_text ? summary : SUMMARY, hits_text ? hits : HITS, "-o", html);
    expect(&r, 2, msg);
    run_free(&r);
    assert_int_equal(access(html, F_OK), -1);
    assert_int_equal(access(partial, F_OK), -1);
}

#define ROW(run, n)                                                                                \
    "{\"run_id\":\"" run "\",\"row\":" #n ",\"status\":\"clear\",\"query\":\"x\",\"hit\":null}\n"
#define RID "nsc-fixture-20261202-a1b2c3"

static void test_errors(void **state)
{
    (void)state;
    /* the summary: not JSON (line of the fault), cut short, not a run summary */
    expect_failure("{\"run_id\": \"a\",\n \"complete\": true,\n \"lists\": [,]}\n", NULL,
                   "bad_summary.json line 3: the run summary is not valid JSON");
    expect_failure("{\"run_id\": \"a\",\n \"complete\": true", NULL,
                   "bad_summary.json line 2: the run summary is cut short");
    expect_failure("{\"complete\": true, \"lists\": []}", NULL, "bad_summary.json: no \"run_id\"");
    expect_failure("[1, 2]", NULL, "bad_summary.json: the run summary is not a JSON object");
    expect_failure("\n", NULL, "bad_summary.json: the file is empty: not a run summary");
    expect_failure("{\"run_id\": \"a\", \"complete\": true, \"lists\": []} {}", NULL,
                   "bad_summary.json line 1: text after the end of the run summary");

    /* the rows: a malformed line, a row of another run, a hit row without its hit */
    expect_failure(NULL, ROW(RID, 1) ROW(RID, 2) "{\"run_id\":\"" RID "\",\"row\":3,\n",
                   "bad_hits.jsonl line 3: the row is cut short");
    expect_failure(NULL, ROW(RID, 1) "\n" ROW(RID, 2) "{\"run_id\":\"" RID "\",\"row\":3,}\n",
                   "bad_hits.jsonl line 4: the row is not valid JSON");
    expect_failure(NULL, ROW(RID, 1) ROW("another-run", 2),
                   "bad_hits.jsonl line 2: run_id \"another-run\" is not the summary's \"" RID
                   "\": a row of another run");
    expect_failure(NULL,
                   "{\"run_id\":\"" RID
                   "\",\"row\":1,\"status\":\"hit\",\"query\":\"x\",\"hit\":null}\n",
                   "bad_hits.jsonl line 1: a row of status \"hit\" without a \"hit\" object");
    expect_failure(NULL,
                   "{\"run_id\":\"" RID "\",\"row\":1,\"status\":\"maybe\",\"query\":\"x\"}\n",
                   "bad_hits.jsonl line 1: \"status\" must be");
    expect_failure(NULL,
                   "{\"run_id\":\"" RID "\",\"row\":1,\"status\":\"clear\",\"query\":\"\xff\"}\n",
                   "bad_hits.jsonl line 1: the row is not valid JSON");

    /* files and operands */
    run_result r;
    RUN(&r, "report", DATA "/no-such.json", HITS);
    expect(&r, 2, "cannot open " DATA "/no-such.json");
    run_free(&r);
    RUN(&r, "report", SUMMARY);
    expect(&r, 2, "report: expected SUMMARY.json HITS.jsonl, got 1 operand");
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_page),
        cmocka_unit_test(test_no_hits),
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
