/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_nightly.c: the nightly run of `namescreen screen` (issue 13), run as a user would: the
 * same bytes for any --threads, FILE.partial renamed on success and removed on an error
 * ("incomplete after data row N"), --validate-first, --limit and the cut field, --type, --all,
 * the run summary and run id, the allowlist (suppressed; lapsed by content hash and by date),
 * the exit status with skipped rows, and the progress line under a pseudo-terminal only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <pty.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cli_run.h"

extern char **environ;

#define DATA NSC_TEST_DATA "/nightly"
#define V1 "csv:" DATA "/v1/watch.csv"
#define V2 "csv:" DATA "/v2/watch.csv"
#define CLIENTS DATA "/clients.csv"
#define BAD_ROW DATA "/bad_row.csv"

/* Runs the tool with args (NULL-terminated), standard input /dev/null. */
static void run_args(run_result *r, const char *const *args)
{
    run_prog(r, NSC_CLI, NULL, NULL, args);
}

#define RUN(r, ...) run_args((r), (const char *const[]){ __VA_ARGS__, NULL })

/* A fresh temporary directory; path receives it. */
static void temp_dir(char path[64])
{
    snprintf(path, 64, "/tmp/nsc_nightly_XXXXXX");
    assert_non_null(mkdtemp(path));
}

static void path_in(char out[256], const char *dir, const char *name)
{
    snprintf(out, 256, "%s/%s", dir, name);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void rm_rf(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* JSON lines into objects; every line must be a JSON object. */
static size_t parse_jsonl(const char *text, json_object **objs, size_t cap)
{
    size_t n = 0;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        assert_non_null(nl);
        char *line = strndup(p, (size_t)(nl - p));
        json_object *o = json_tokener_parse(line);
        if (o == NULL) print_message("not JSON: %s\n", line);
        assert_non_null(o);
        free(line);
        assert_true(n < cap);
        objs[n++] = o;
        p = nl + 1;
    }
    return n;
}

static void free_objs(json_object **objs, size_t n)
{
    for (size_t i = 0; i < n; i++) json_object_put(objs[i]);
}

/* The value at a path of keys (JGET(o, "rows", "read")), or NULL. */
static json_object *jget_path(json_object *o, const char *const *keys)
{
    for (; o && *keys; keys++)
        if (!json_object_object_get_ex(o, *keys, &o)) o = NULL;
    return o;
}
#define JGET(o, ...) jget_path((o), (const char *const[]){ __VA_ARGS__, NULL })

static const char *jstr(json_object *o, const char *key)
{
    json_object *v = JGET(o, key);
    return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

static long jlong(json_object *o, const char *a, const char *b)
{
    json_object *v = b ? JGET(o, a, b) : JGET(o, a);
    if (v == NULL) print_message("no %s.%s in the summary\n", a, b ? b : "");
    assert_non_null(v);
    return (long)json_object_get_int64(v);
}

static json_object *read_json(const char *path)
{
    json_object *o = json_object_from_file(path);
    if (o == NULL) print_message("%s is not JSON\n", path);
    assert_non_null(o);
    return o;
}

/* The lines of rows whose "id" is id (hit lines of that counterparty). */
static size_t lines_of(json_object **objs, size_t n, const char *id, json_object **out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *v = jstr(objs[i], "id");
        if (v && strcmp(v, id) == 0 && k < cap) out[k++] = objs[i];
    }
    return k;
}

/* ---------------------------------------------------------------------------------------------
 * Streaming and order
 * ------------------------------------------------------------------------------------------- */

/* n rows of distinct names (combinations of given names and surnames), a few of them hits. */
static void write_generated(const char *path, long n)
{
    static const char *const given[] = { "Anna",  "Boris", "Carla", "Dmitri", "Elena", "Farid",
                                         "Greta", "Hugo",  "Irina", "Jonas",  "Katya", "Lukas" };
    static const char *const family[] = { "Adler",   "Brandt", "Costa", "Dorn",    "Engel",
                                          "Fischer", "Graf",   "Hahn",  "Iversen", "Jung" };
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("id,name,dob\n", f);
    for (long i = 0; i < n; i++) {
        if (i % 97 == 5)
            fprintf(f, "G%ld,Viktor Borodin,1961-03-04\n", i);
        else
            fprintf(f, "G%ld,%s %s %s-%ld,\n", i, given[i % 12], given[(i / 12) % 12],
                    family[(i / 144) % 10], i / 1440);
    }
    assert_int_equal(fclose(f), 0);
}

static void test_threads_identical(void **state)
{
    (void)state;
    char dir[64], in[256], out[3][256];
    temp_dir(dir);
    path_in(in, dir, "big.csv");
    write_generated(in, 6000); /* several windows of 512 rows per thread */
    static const char *const threads[3] = { "1", "2", "4" };
    char *text[3];
    for (int t = 0; t < 3; t++) {
        char name[32];
        snprintf(name, sizeof name, "out%s.jsonl", threads[t]);
        path_in(out[t], dir, name);
        run_result r;
        RUN(&r, "screen", "--list", V1, "--format", "jsonl", "--all", "--threads", threads[t],
            "--output", out[t], in);
        expect_status(&r, 1);
        run_free(&r);
        text[t] = slurp(out[t]);
        assert_non_null(text[t]);
    }
    assert_string_equal(text[0], text[1]);
    assert_string_equal(text[0], text[2]);
    json_object *objs[6100];
    size_t n = parse_jsonl(text[0], objs, 6100);
    assert_int_equal(n, 6000);     /* --all: one line per row, every row here one hit at most */
    for (size_t i = 0; i < n; i++) /* input order */
        assert_int_equal(jlong(objs[i], "row", NULL), (long)i + 1);
    free_objs(objs, n);
    for (int t = 0; t < 3; t++) free(text[t]);
    rm_rf(dir);
}

static void test_partial_and_incomplete(void **state)
{
    (void)state;
    char dir[64], out[256], partial[256], sum[256];
    temp_dir(dir);
    path_in(out, dir, "hits.jsonl");
    path_in(partial, dir, "hits.jsonl.partial");
    path_in(sum, dir, "summary.json");
    run_result r;
    RUN(&r, "screen", "--list", V1, "--format", "jsonl", "--output", out, CLIENTS);
    expect_status(&r, 1);
    assert_true(exists(out));
    assert_false(exists(partial));
    run_free(&r);
    remove(out);

    /* data row 3 is ragged: rows 1 and 2 were screened, then the run stops */
    RUN(&r, "screen", "--list", V1, "--format", "jsonl", "--output", out, "--summary", sum,
        BAD_ROW);
    expect_status(&r, 2);
    expect_contains(&r, r.err, "incomplete after data row 2");
    assert_false(exists(out));
    assert_false(exists(partial));
    json_object *s = read_json(sum);
    assert_false(json_object_get_boolean(JGET(s, "complete")));
    assert_int_equal(jlong(s, "incomplete_after_row", NULL), 2);
    json_object_put(s);
    run_free(&r);

    /* on standard output the rows before the bad one were streamed */
    RUN(&r, "screen", "--list", V1, "--format", "jsonl", BAD_ROW);
    expect_status(&r, 2);
    expect_contains(&r, r.err, "incomplete after data row 2");
    expect_contains(&r, r.out, "\"id\":\"C1\"");
    run_free(&r);

    /* --validate-first: nothing at all is written */
    RUN(&r, "screen", "--list", V1, "--format", "jsonl", "--validate-first", BAD_ROW);
    expect_status(&r, 2);
    assert_string_equal(r.out, "");
    expect_contains(&r, r.err, "row 3");
    run_free(&r);
    RUN(&r, "screen", "--list", V1, "--format", "jsonl", "--validate-first", CLIENTS);
    expect_status(&r, 1);
    expect_contains(&r, r.out, "\"id\":\"C1\"");
    run_free(&r);
    rm_rf(dir);
}

/* An --output that is not a regular file (a FIFO here; /dev/null alike) is written in place:
 * renaming FILE.partial over it would replace it with a file. */
static void test_output_fifo(void **state)
{
    (void)state;
    char dir[64], fifo[256], copy[256];
    temp_dir(dir);
    path_in(fifo, dir, "out.fifo");
    path_in(copy, dir, "copy.jsonl");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    pid_t reader = fork();
    assert_true(reader >= 0);
    if (reader == 0) { /* copies what comes through the FIFO */
        FILE *in = fopen(fifo, "r"), *out = fopen(copy, "w");
        int c;
        while (in && out && (c = getc(in)) != EOF) putc(c, out);
        _exit(in && out && fclose(out) == 0 ? 0 : 1);
    }
    run_result r;
    RUN(&r, "screen", "--list", V1, "--format", "jsonl", "--output", fifo, CLIENTS);
    expect_status(&r, 1);
    run_free(&r);
    int ws;
    assert_int_equal(waitpid(reader, &ws, 0), reader);
    struct stat st;
    assert_int_equal(stat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    char partial[300];
    snprintf(partial, sizeof partial, "%s.partial", fifo);
    assert_false(exists(partial));
    char *text = slurp(copy);
    assert_non_null(text);
    assert_non_null(strstr(text, "\"status\":\"hit\""));
    free(text);
    rm_rf(dir);
}

/* ---------------------------------------------------------------------------------------------
 * Output and evidence
 * ------------------------------------------------------------------------------------------- */

static void test_limit_type_all(void **state)
{
    (void)state;
    char dir[64], sum[256];
    temp_dir(dir);
    path_in(sum, dir, "summary.json");
    json_object *objs[64], *rows[8];
    run_result r;
    /* every hit by default: Muhammad Ali (C3) has three */
    RUN(&r, "screen", "--list", V1, "--format", "jsonl", "--id-column", "id", CLIENTS);
    expect_status(&r, 1);
    size_t n = parse_jsonl(r.out, objs, 64);
    assert_int_equal(lines_of(objs, n, "C3", rows, 8), 3);
    assert_false(json_object_get_boolean(JGET(rows[0], "cut")));
    assert_non_null(JGET(rows[0], "hit", "entity", "content_hash"));
    free_objs(objs, n);
    run_free(&r);

    RUN(&r, "screen", "--list", V1, "--format", "jsonl", "--id-column", "id", "--limit", "2",
        "--summary", sum, CLIENTS);
    expect_status(&r, 1);
    n = parse_jsonl(r.out, objs, 64);
    assert_int_equal(lines_of(objs, n, "C3", rows, 8), 2);
    assert_true(json_object_get_boolean(JGET(rows[0], "cut")));
    assert_int_equal(lines_of(objs, n, "C1", rows, 8), 1);
    assert_false(json_object_get_boolean(JGET(rows[0], "cut")));
    json_object *s = read_json(sum);
    assert_int_equal(jlong(s, "rows", "cut"), 2); /* C3 and C7 */
    json_object_put(s);
    free_objs(objs, n);
    run_free(&r);

    RUN(&r, "screen", "--list", V1, "--format", "jsonl", "--id-column", "id", "--type",
        "organization", CLIENTS);
    expect_status(&r, 1);
    n = parse_jsonl(r.out, objs, 64);
    assert_int_equal(n, 1);
    assert_string_equal(jstr(objs[0], "id"), "C4");
    free_objs(objs, n);
    run_free(&r);

    RUN(&r, "screen", "--list", V1, "--format", "jsonl", "--id-column", "id", "--all", CLIENTS);
    expect_status(&r, 1);
    n = parse_jsonl(r.out, objs, 64);
    assert_int_equal(lines_of(objs, n, "C2", rows, 8), 1);
    assert_string_equal(jstr(rows[0], "status"), "clear");
    assert_true(json_object_is_type(JGET(rows[0], "hit"), json_type_null));
    assert_int_equal(lines_of(objs, n, "C5", rows, 8), 1);
    assert_string_equal(jstr(JGET(rows[0], "date"), "note"), "ambiguous");
    assert_int_equal(lines_of(objs, n, "C7", rows, 8), 3);
    assert_string_equal(jstr(JGET(rows[0], "date"), "note"), "unparsed");
    free_objs(objs, n);
    run_free(&r);

    /* csv: today's columns, then the run's and the entity's */
    RUN(&r, "screen", "--list", V1, "--id-column", "id", CLIENTS);
    expect_status(&r, 1);
    expect_contains(&r, r.out,
                    ",evidence,run_id,status,counterparty_id,date_note,cut,content_hash,dobs,"
                    "countries,listed,lapse_reason\n");
    expect_contains(&r, r.out, ",1961-03-04,RU,");
    run_free(&r);
    rm_rf(dir);
}

static int is_hex(const char *s, size_t n)
{
    if (s == NULL || strlen(s) != n) return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789abcdef", s[i])) return 0;
    return 1;
}

/* The SHA-256 of a file by sha256sum(1), independent of the tool. */
static void sha256_file(char hex[65], const char *path)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "sha256sum '%s'", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    assert_int_equal(fscanf(p, "%64s", hex), 1);
    pclose(p);
}

static void test_summary(void **state)
{
    (void)state;
    char dir[64], out[256], sum[256], hex[65];
    temp_dir(dir);
    path_in(out, dir, "hits.jsonl");
    path_in(sum, dir, "summary.json");
    run_result r;
    RUN(&r, "screen", "--list", V1, "--format", "jsonl", "--id-column", "id", "--threads", "2",
        "--output", out, "--summary", sum, CLIENTS);
    expect_status(&r, 1);
    json_object *s = read_json(sum);
    assert_true(json_object_get_boolean(JGET(s, "complete")));
    assert_true(is_hex(jstr(s, "run_id"), 32));
    const char *started = jstr(s, "started");
    assert_non_null(started);
    assert_int_equal(strlen(started), 20);
    assert_int_equal(started[19], 'Z');
    assert_non_null(jstr(s, "finished"));
    assert_string_equal(jstr(s, "scoring_version"), "ns-score-10");
    assert_non_null(jstr(s, "namescreen_version"));
    assert_true(json_object_array_length(JGET(s, "command_line")) > 5);
    sha256_file(hex, CLIENTS);
    assert_string_equal(jstr(JGET(s, "input"), "sha256"), hex);
    struct stat st;
    assert_int_equal(stat(CLIENTS, &st), 0);
    assert_int_equal(jlong(s, "input", "size"), (long)st.st_size);
    sha256_file(hex, out);
    assert_string_equal(jstr(JGET(s, "output"), "sha256"), hex);
    json_object *list = json_object_array_get_idx(JGET(s, "lists"), 0);
    assert_string_equal(jstr(list, "name"), "watch");
    assert_int_equal(jlong(list, "entities", NULL), 5);
    assert_true(is_hex(jstr(list, "sha256"), 64));
    assert_int_equal(jlong(s, "rows", "read"), 7);
    assert_int_equal(jlong(s, "rows", "screened"), 7);
    assert_int_equal(jlong(s, "rows", "with_hits"), 5); /* C1 C3 C4 C6 C7 */
    assert_int_equal(jlong(s, "rows", "clear"), 2);
    assert_int_equal(jlong(s, "hits", "written"), 9);
    assert_int_equal(jlong(s, "dates", "ambiguous"), 1);
    assert_int_equal(jlong(s, "dates", "unparsed"), 1);
    assert_int_equal(jlong(s, "options", "threads"), 2);
    const char *as_of = jstr(JGET(s, "options"), "as_of"); /* today, UTC */
    assert_non_null(as_of);
    assert_int_equal(strncmp(as_of, started, 10), 0);
    json_object_put(s);
    run_free(&r);
    rm_rf(dir);
}

/* The run id of a run's first output line. */
static char *run_id_of(const char *const *args)
{
    run_result r;
    run_args(&r, args);
    expect_status(&r, 1);
    const char *p = strstr(r.out, "{\"run_id\":\"");
    if (p == NULL) show(&r);
    assert_non_null(p);
    char *id = strndup(p + 11, strcspn(p + 11, "\""));
    run_free(&r);
    return id;
}

static void test_run_id(void **state)
{
    (void)state;
    char *a = run_id_of((const char *const[]){ "screen", "--list", V1, "--format", "jsonl",
                                               "--threads", "1", CLIENTS, NULL });
    char *b = run_id_of((const char *const[]){ "screen", "--list", V1, "--format", "jsonl",
                                               "--threads", "4", CLIENTS, NULL });
    char *c = run_id_of((const char *const[]){ "screen", "--list", V1, "--format", "jsonl",
                                               "--threshold", "0.85", CLIENTS, NULL });
    char *d = run_id_of(
        (const char *const[]){ "screen", "--list", V2, "--format", "jsonl", CLIENTS, NULL });
    char *e = run_id_of((const char *const[]){ "screen", "--list", V1, "--format", "jsonl",
                                               "--run-id", "nightly-2026-12-02", CLIENTS, NULL });
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_string_not_equal(a, d);
    assert_string_equal(e, "nightly-2026-12-02");
    free(a);
    free(b);
    free(c);
    free(d);
    free(e);
}

/* ---------------------------------------------------------------------------------------------
 * The allowlist
 * ------------------------------------------------------------------------------------------- */

/* The content hash of the entity of C1's hit on W1 under list spec `list`. */
static char *c1_hash(const char *list)
{
    run_result r;
    RUN(&r, "screen", "--list", list, "--format", "jsonl", "--id-column", "id", CLIENTS);
    expect_status(&r, 1);
    json_object *objs[64], *rows[8];
    size_t n = parse_jsonl(r.out, objs, 64);
    assert_int_equal(lines_of(objs, n, "C1", rows, 8), 1);
    const char *h = jstr(JGET(rows[0], "hit", "entity"), "content_hash");
    assert_true(is_hex(h, 32));
    char *copy = strdup(h);
    free_objs(objs, n);
    run_free(&r);
    return copy;
}

/* Screens CLIENTS against `list` with the allowlist; the status of C1's line ("" when none)
 * into status (and the lapse reason into reason), the summary's counts returned. */
static void screen_allow(const char *list, const char *allow, const char *as_of, const char *dir,
                         char status[16], char reason[32], long *suppressed, long *lapsed)
{
    char sum[256];
    path_in(sum, dir, "summary.json");
    run_result r;
    RUN(&r, "screen", "--list", list, "--format", "jsonl", "--id-column", "id", "--allowlist",
        allow, "--as-of", as_of, "--summary", sum, CLIENTS);
    expect_status(&r, 1);
    json_object *objs[64], *rows[8];
    size_t n = parse_jsonl(r.out, objs, 64);
    status[0] = reason[0] = '\0';
    if (lines_of(objs, n, "C1", rows, 8) == 1) {
        const char *st = jstr(rows[0], "status");
        snprintf(status, 16, "%s", st ? st : "");
        const char *why = jstr(JGET(rows[0], "allowlist"), "reason");
        snprintf(reason, 32, "%s", why ? why : "");
    }
    assert_int_equal(lines_of(objs, n, "C6", rows, 8), 1); /* not cleared: still a hit */
    assert_string_equal(jstr(rows[0], "status"), "hit");
    json_object *s = read_json(sum);
    *suppressed = jlong(s, "hits", "suppressed");
    *lapsed = jlong(s, "hits", "lapsed");
    assert_int_equal(jlong(JGET(s, "options"), "allowlist", "entries"), 1);
    json_object_put(s);
    free_objs(objs, n);
    run_free(&r);
}

static void test_allowlist(void **state)
{
    (void)state;
    char dir[64], allow[256], text[512], status[16], reason[32];
    long sup, lap;
    temp_dir(dir);
    path_in(allow, dir, "allow.csv");
    char *h1 = c1_hash(V1), *h2 = c1_hash(V2);
    assert_string_not_equal(h1, h2); /* the DOB of W1 changed */
    snprintf(text, sizeof text,
             "id,list,entity_id,content_hash,cleared_by,cleared_on,expires\n"
             "C1,watch,W1,%s,alice,2026-11-01,2026-12-01\n",
             h1);
    write_text(allow, text);

    screen_allow(V1, allow, "2026-11-30", dir, status, reason, &sup, &lap);
    assert_string_equal(status, ""); /* suppressed */
    assert_int_equal(sup, 1);
    assert_int_equal(lap, 0);

    screen_allow(V2, allow, "2026-11-30", dir, status, reason, &sup, &lap);
    assert_string_equal(status, "lapsed");
    assert_string_equal(reason, "content changed");
    assert_int_equal(sup, 0);
    assert_int_equal(lap, 1);

    screen_allow(V1, allow, "2026-12-02", dir, status, reason, &sup, &lap);
    assert_string_equal(status, "lapsed");
    assert_string_equal(reason, "expired");
    assert_int_equal(lap, 1);

    /* --allowlist needs --id-column */
    run_result r;
    RUN(&r, "screen", "--list", V1, "--allowlist", allow, CLIENTS);
    expect_status(&r, 2);
    expect_contains(&r, r.err, "--id-column");
    run_free(&r);

    /* a malformed row: the file, line and field */
    write_text(allow, "id,list,entity_id,content_hash,cleared_by,cleared_on\n"
                      "C1,watch,W1,0123,alice,2026-11-01\n");
    RUN(&r, "screen", "--list", V1, "--id-column", "id", "--allowlist", allow, CLIENTS);
    expect_status(&r, 2);
    expect_contains(&r, r.err, "allow.csv line 2: field 'content_hash'");
    run_free(&r);
    free(h1);
    free(h2);
    rm_rf(dir);
}

/* ---------------------------------------------------------------------------------------------
 * Exit status with skipped rows, progress
 * ------------------------------------------------------------------------------------------- */

static void test_skipped_rows_status(void **state)
{
    (void)state;
    char dir[64], rej[256];
    temp_dir(dir);
    path_in(rej, dir, "rejects.csv");
    run_result r;
    RUN(&r, "screen", "--list", V1, "--format", "jsonl", "--skip-bad-rows", "--reject-file", rej,
        BAD_ROW);
    expect_status(&r, 5); /* hits (1) + rows skipped (4) */
    expect_contains(&r, r.out, "\"id\":\"C4\"");
    run_free(&r);
    rm_rf(dir);
}

/* Runs the tool with standard error on a pseudo-terminal; returns what the terminal showed. */
static char *run_on_pty(const char *const *args, int *status)
{
    int master;
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1); /* the output itself goes elsewhere: only stderr is the terminal */
        const char *argv[32];
        size_t n = 0;
        argv[n++] = NSC_CLI;
        for (; *args && n < 31; args++) argv[n++] = *args;
        argv[n] = NULL;
        char extra[16];
        execve(NSC_CLI, (char *const *)(uintptr_t)argv, test_env(NULL, extra, sizeof extra));
        _exit(127);
    }
    size_t len = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (;;) {
        ssize_t got = read(master, buf + len, cap - 1 - len);
        if (got <= 0) break; /* EIO once the child closed the terminal */
        len += (size_t)got;
        if (len + 1 >= cap) break;
    }
    buf[len] = '\0';
    close(master);
    int ws;
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    *status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
    return buf;
}

static void test_progress(void **state)
{
    (void)state;
    char dir[64], in[256];
    temp_dir(dir);
    path_in(in, dir, "big.csv");
    write_generated(in, 3000);
    int status;
    char *tty = run_on_pty(
        (const char *const[]){ "screen", "--list", V1, "--threads", "1", in, NULL }, &status);
    assert_int_equal(status, 1);
    if (strstr(tty, "rows/s") == NULL) print_message("terminal: %s\n", tty);
    assert_non_null(strstr(tty, "\rnamescreen: 3000 rows, "));
    assert_non_null(strstr(tty, "rows/s"));
    free(tty);
    run_result r; /* a pipe: no progress line */
    RUN(&r, "screen", "--list", V1, "--threads", "1", in);
    expect_status(&r, 1);
    assert_null(strstr(r.err, "rows/s"));
    run_free(&r);
    rm_rf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_identical), cmocka_unit_test(test_partial_and_incomplete),
        cmocka_unit_test(test_output_fifo),       cmocka_unit_test(test_limit_type_all),
        cmocka_unit_test(test_summary),           cmocka_unit_test(test_run_id),
        cmocka_unit_test(test_allowlist),         cmocka_unit_test(test_skipped_rows_status),
        cmocka_unit_test(test_progress),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
