/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_cli.c: runs the built namescreen tool (NSC_CLI) as a user would and checks its standard
 * output, standard error and exit status: query examples on the bundled lists, screening of the
 * sample counterparty file (with 1 and 2 threads), compare, lists, diff, the usage errors, each
 * command's --help and the manual page against an option list of its own, and that a copy of
 * the binary outside the build tree does not read the source tree's lists. JSON lines are
 * parsed with json-c, so invalid JSON fails the tests.
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

#include "cli_run.h"
#include "lists_fixture.h"
#include "namescreen.h"

extern char **environ;

#define DATA NSC_TEST_DATA "/cli"
#define SAMPLE NSC_LISTS_DIR "/samples/counterparties.csv"
#define MINI "csv:" DATA "/mini_list.csv"

static void run_in(run_result *r, const char *extra_env, const char *stdin_path,
                   const char *const *args)
{
    run_prog(r, NSC_CLI, extra_env, stdin_path, args);
}

static void run_env(run_result *r, const char *extra_env, const char *const *args)
{
    run_in(r, extra_env, NULL, args);
}

#define RUN(r, ...) run_env((r), NULL, (const char *const[]){ __VA_ARGS__, NULL })

/* Parses JSON lines into an array of objects; every line must be a JSON object. */
static size_t parse_jsonl(const char *text, json_object **objs, size_t cap)
{
    size_t n = 0;
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        assert_non_null(nl); /* every line ends with a newline */
        char *line = strndup(p, (size_t)(nl - p));
        json_object *o = json_tokener_parse(line);
        if (o == NULL || !json_object_is_type(o, json_type_object))
            print_message("not a JSON object: %s\n", line);
        assert_non_null(o);
        assert_true(json_object_is_type(o, json_type_object));
        free(line);
        assert_true(n < cap);
        objs[n++] = o;
        p = nl + 1;
    }
    return n;
}

static const char *jstr(json_object *o, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* The "hit" object of a hit line (the library's nsc_hit_json), NULL when there is none. */
static json_object *jhit(json_object *o)
{
    json_object *v;
    if (!json_object_object_get_ex(o, "hit", &v) || !json_object_is_type(v, json_type_object))
        return NULL;
    return v;
}

static void free_objs(json_object **objs, size_t n)
{
    for (size_t i = 0; i < n; i++) json_object_put(objs[i]);
}

/* ---------------------------------------------------------------------------------------------
 * query on the bundled lists
 * ------------------------------------------------------------------------------------------- */

static const struct query_case {
    const char *query;
    const char *id;      /* expected id of the first ofac-sdn hit */
    const char *primary; /* or its primary name */
} query_cases[] = {
    { "武汉晓睿智科技有限责任公司", "47800", NULL },
    { "倪高彬", "47818", NULL },
    { "Gaobin Ni", "47818", NULL },
    { "赵光宗", "47814", NULL },
    { "Vladimir Putin", NULL, "PUTIN, Vladimir Vladimirovich" },
};

/* All examples in one run (the bundled lists load once), which also checks that a query's
 * result does not depend on the queries before it. */
static void test_query_examples(void **state)
{
    (void)state;
    size_t nc = sizeof query_cases / sizeof query_cases[0];
    const char *args[16] = { "query", "--format", "jsonl" };
    for (size_t i = 0; i < nc; i++) args[3 + i] = query_cases[i].query;
    run_result r;
    run_env(&r, NULL, args);
    expect_status(&r, 1);
    json_object *objs[256];
    size_t n = parse_jsonl(r.out, objs, 256);
    for (size_t i = 0; i < nc; i++) {
        const struct query_case *c = &query_cases[i];
        json_object *first = NULL;
        for (size_t k = 0; k < n && first == NULL; k++) {
            const char *list = jstr(jhit(objs[k]), "list");
            assert_null(jstr(objs[k], "row")); /* no row for query */
            if (strcmp(jstr(objs[k], "query"), c->query) == 0 && list &&
                strcmp(list, "ofac-sdn") == 0)
                first = jhit(objs[k]);
        }
        print_message("query %s\n", c->query);
        if (first == NULL) show(&r);
        assert_non_null(first);
        if (c->id) assert_string_equal(jstr(first, "entity_id"), c->id);
        if (c->primary) assert_string_equal(jstr(first, "primary_name"), c->primary);
        assert_string_equal(jstr(first, "scoring_version"), NSC_SCORING_VERSION);
        assert_non_null(jstr(first, "explanation"));
        assert_non_null(jstr(first, "list_version"));
        json_object *ent; /* the entity's details ride along, keyed by its content hash */
        assert_true(json_object_object_get_ex(first, "entity", &ent));
        assert_string_equal(jstr(ent, "id"), jstr(first, "entity_id"));
        assert_string_equal(jstr(ent, "content_hash"), jstr(first, "content_hash"));
        assert_int_equal(strlen(jstr(first, "content_hash")), 32);
    }
    free_objs(objs, n);
    run_free(&r);
}

static void test_query_no_hit(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "query", "--format", "jsonl", "Maria Alice Nathan Leão");
    expect_status(&r, 0);
    assert_string_equal(r.out, "");
    run_free(&r);
}

static void test_query_text_and_csv(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "query", "--list", MINI, "John Quincy Doe", "Nobody Atall");
    expect_status(&r, 1);
    expect_contains(&r, r.out, "query \"John Quincy Doe\": 1 hit");
    expect_contains(&r, r.out, "DOE, John Quincy");
    expect_contains(&r, r.out, "query \"Nobody Atall\": no hit");
    run_free(&r);

    RUN(&r, "query", "--list", MINI, "--format", "csv", "John Quincy Doe");
    expect_status(&r, 1);
    assert_true(strncmp(r.out, "query,score,list,entity_id,entity_type,matched_name,", 52) == 0);
    expect_contains(&r, r.out, "\nJohn Quincy Doe,");
    expect_contains(&r, r.out, ",M2,person,\"DOE, John Quincy\",primary,");
    run_free(&r);
}

/* ---------------------------------------------------------------------------------------------
 * screen
 * ------------------------------------------------------------------------------------------- */

/* Screens the sample file on `threads` threads: the APT31 rows must hit, clean row C0001 not. */
static void screen_sample(const char *threads)
{
    run_result r;
    RUN(&r, "screen", "--threads", threads, "--format", "jsonl", SAMPLE);
    print_message("screen --threads %s\n", threads);
    expect_status(&r, 1);
    json_object *objs[512];
    size_t n = parse_jsonl(r.out, objs, 512);
    int apt31[3] = { 0, 0, 0 };
    static const char *const apt_rows[3] = { "C0002", "C0005", "C0009" };
    long last_row = 0;
    for (size_t k = 0; k < n; k++) {
        json_object *row, *input;
        assert_true(json_object_object_get_ex(objs[k], "row", &row));
        long rn = (long)json_object_get_int64(row);
        assert_true(rn >= last_row); /* input order */
        last_row = rn;
        assert_true(json_object_object_get_ex(objs[k], "input", &input));
        const char *id = jstr(input, "id");
        assert_non_null(id);
        assert_non_null(jstr(input, "account")); /* pass-through */
        assert_null(jstr(input, "name"));        /* the name is the query */
        assert_string_not_equal(id, "C0001");    /* Maria Alice Nathan Leão is clean */
        for (int a = 0; a < 3; a++)
            if (strcmp(id, apt_rows[a]) == 0) apt31[a] = 1;
    }
    for (int a = 0; a < 3; a++) {
        if (!apt31[a]) {
            print_message("APT31 row %s did not hit\n", apt_rows[a]);
            show(&r);
        }
        assert_true(apt31[a]);
    }
    free_objs(objs, n);
    run_free(&r);
}

static void test_screen_sample(void **state)
{
    (void)state;
    screen_sample("1");
    screen_sample("2");
}

/* Results must not depend on what was screened before on the same engine and thread. */
static void test_query_sequence_independent(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "query", "--format", "csv", "倪高彬", "倪高彬", "Guangzong Zhao");
    expect_status(&r, 1);
    expect_contains(&r, r.out, ",ofac-sdn,47814,person,"); /* Guangzong Zhao */
    run_free(&r);
}

static void test_screen_threads_identical(void **state)
{
    (void)state;
    run_result r1, r2;
    RUN(&r1, "screen", "--threads", "1", SAMPLE);
    RUN(&r2, "screen", "--threads", "2", SAMPLE);
    expect_status(&r1, 1);
    expect_status(&r2, 1);
    assert_true(strncmp(r1.out, "id,dob,country,account,row,query,score,", 39) == 0);
    assert_true(strlen(r1.out) > 200);
    assert_string_equal(r1.out, r2.out);
    run_free(&r1);
    run_free(&r2);
}

static void test_screen_output_file_and_escaping(void **state)
{
    (void)state;
    char out_path[] = "/tmp/nsc_test_cli_out_XXXXXX";
    int fd = mkstemp(out_path);
    assert_true(fd >= 0);
    close(fd);
    run_result r;
    RUN(&r, "screen", "--list", MINI, "--format", "jsonl", "--output", out_path,
        DATA "/escape.csv");
    expect_status(&r, 1);
    assert_string_equal(r.out, "");
    FILE *f = fopen(out_path, "rb");
    assert_non_null(f);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    unlink(out_path);
    json_object *objs[8];
    size_t no = parse_jsonl(buf, objs, 8);
    assert_int_equal(no, 1); /* E2 "Jane Roe" produces no line */
    json_object *input;
    assert_true(json_object_object_get_ex(objs[0], "input", &input));
    assert_string_equal(jstr(input, "note"), "two\nlines, a \"quote\", a tab\tand a backslash \\");
    assert_non_null(strstr(buf, "\\u000a")); /* control characters as \uXXXX */
    assert_non_null(strstr(buf, "\\u0009"));
    free_objs(objs, no);
    run_free(&r);

    /* the same rows as CSV: the note field quoted, quotes doubled */
    RUN(&r, "screen", "--list", MINI, DATA "/escape.csv");
    expect_status(&r, 1);
    expect_contains(&r, r.out, "E1,\"two\nlines, a \"\"quote\"\", a tab\tand a backslash \\\",1,");
    run_free(&r);
}

static void test_screen_stdin(void **state)
{
    (void)state;
    run_result a, b;
    /* the same run id: by default a file's includes its checksum, standard input's cannot */
    RUN(&a, "screen", "--list", MINI, "--format", "jsonl", "--run-id", "r1", DATA "/escape.csv");
    run_in(&b, NULL, DATA "/escape.csv",
           (const char *const[]){ "screen", "--list", MINI, "--format", "jsonl", "--run-id", "r1",
                                  NULL });
    expect_status(&a, 1);
    expect_status(&b, 1);
    assert_string_equal(a.out, b.out);
    run_free(&a);
    run_free(&b);
}

static void test_screen_changed_since(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "screen", "--list", "ofac:" NSC_TEST_DATA "/history/sdn_2024-03-25.csv",
        "--changed-since", "ofac:" NSC_TEST_DATA "/history/sdn_2024-03-22.csv", "--format", "jsonl",
        SAMPLE);
    expect_status(&r, 1);
    expect_contains(&r, r.err, "23 added and 0 changed");
    json_object *objs[256];
    size_t n = parse_jsonl(r.out, objs, 256);
    int seen47800 = 0;
    for (size_t k = 0; k < n; k++) {
        const char *id = jstr(jhit(objs[k]), "entity_id");
        /* only entries designated on 2024-03-25 may hit: not Deripaska (24283), Bout (8279) */
        assert_string_not_equal(id, "24283");
        assert_string_not_equal(id, "8279");
        assert_string_not_equal(id, "6861");
        if (strcmp(id, "47800") == 0) seen47800 = 1;
    }
    if (!seen47800) show(&r);
    assert_true(seen47800);
    free_objs(objs, n);
    run_free(&r);
}

/* ---------------------------------------------------------------------------------------------
 * compare, lists, diff
 * ------------------------------------------------------------------------------------------- */

static void test_compare(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "compare", "Gaobin Ni", "NI, Gaobin");
    expect_status(&r, 0);
    expect_contains(&r, r.out, "score        ");
    expect_contains(&r, r.out, "match        true");
    expect_contains(&r, r.out, "explanation  ");
    expect_contains(&r, r.out, "tokens:\n  ");
    run_free(&r);

    RUN(&r, "compare", "--format", "jsonl", "John Smith", "Maria Leão");
    expect_status(&r, 0); /* compare always exits 0 */
    json_object *objs[2];
    size_t n = parse_jsonl(r.out, objs, 2);
    assert_int_equal(n, 1);
    json_object *m;
    assert_true(json_object_object_get_ex(objs[0], "match", &m));
    assert_false(json_object_get_boolean(m));
    assert_string_equal(jstr(objs[0], "name2"), "Maria Leão");
    free_objs(objs, n);
    run_free(&r);

    RUN(&r, "compare", "--pairs", DATA "/pairs.csv");
    expect_status(&r, 0);
    assert_true(strncmp(r.out, "pair_id,note,row,name1,name2,score,match,", 41) == 0);
    expect_contains(&r, r.out, "\nP1,same person,1,Gaobin Ni,\"NI, Gaobin\",");
    expect_contains(&r, r.out, ",true,");
    expect_contains(&r, r.out, "\nP2,different people,2,John Smith,Maria Leão,");
    expect_contains(&r, r.out, ",false,");
    run_free(&r);
}

static void test_lists(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "lists");
    expect_status(&r, 0);
    static const char *const names[] = { "ofac-sdn\n", "\nofac-cons\n", "\nun\n", "\nuk\n" };
    for (size_t i = 0; i < 4; i++) expect_contains(&r, r.out, names[i]);
    expect_contains(&r, r.out, "published  2024-05-03");
    expect_contains(&r, r.out,
                    "sha256     b29c8d60c3a5e01b96685b27972ec2e63e62cb1d637fc94f8461c726e4aaf139");
    expect_contains(&r, r.out, "files      ");
    expect_contains(&r, r.out, "xxh128     ");
    /* the orphan-alias warning of alt.csv (2,727 rows name entities newer than sdn.csv) */
    const char *w = strstr(r.out, "    alt.csv: 2727 ");
    if (w == NULL) show(&r);
    assert_non_null(w);
    run_free(&r);
}

/* A lists directory with mini (two versions: the current one has entry M9 more) and un, in a
 * new temporary directory root; the current versions' folders into mv and unv. */
static void make_lists_dir(char *root, char mv[64], char unv[64])
{
    char old[64], path[1024], text[4096];
    fx_root(root);
    fx_sources(root, "list,format,url\nmini,csv,file:///x/mini.csv\nun,un,https://un.example/x\n"
                     "eu,eu,https://eu.example/x\n");
    fx_version(old, root, "mini", "csv", DATA "/mini_list.csv", "mini.csv", "2026-01-10",
               "2026-01-10T08:00:00Z", 0);
    FILE *in = fopen(DATA "/mini_list.csv", "rb");
    assert_non_null(in);
    size_t n = fread(text, 1, sizeof text - 100, in);
    fclose(in);
    text[n] = '\0';
    strcat(text, "M9,ACME TRADING COMPANY LIMITED BRANCH,,organization,,,TEST\n");
    snprintf(path, sizeof path, "%s/grown.csv", root);
    fx_write(path, text);
    fx_version(mv, root, "mini", "csv", path, "mini.csv", "2026-02-01", "2026-02-01T08:00:00Z", 1);
    unlink(path);
    fx_version(unv, root, "un", "un", NSC_TEST_DATA "/un/small.xml", "consolidated.xml", "",
               "2026-02-01T08:00:00Z", 1);
}

static void test_lists_tampered(void **state)
{
    (void)state;
    char root[64], mv[64], unv[64], env[128], path[1024];
    make_lists_dir(root, mv, unv);
    snprintf(path, sizeof path, "%s/un/%s/consolidated.xml", root, unv);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fputc('X', f);
    fclose(f);
    snprintf(env, sizeof env, "NAMESCREEN_LISTS=%s", root);
    run_result r;
    run_env(&r, env, (const char *const[]){ "lists", NULL });
    expect_status(&r, 2);
    expect_contains(&r, r.err, "list 'un': file ");
    expect_contains(&r, r.err, "consolidated.xml: its SHA-256 is ");
    assert_string_equal(r.out, "");
    run_free(&r);
    /* the old layout: a message saying what is expected */
    run_env(&r, "NAMESCREEN_LISTS=" DATA "/old_layout", (const char *const[]){ "lists", NULL });
    expect_status(&r, 2);
    expect_contains(&r, r.err, "old layout");
    run_free(&r);
    fx_rm(root);
}

static void test_lists_check(void **state)
{
    (void)state;
    char root[64], mv[64], unv[64], path[1024], line[2048];
    make_lists_dir(root, mv, unv);
    run_result r;
    RUN(&r, "lists", "--check", "--lists", root);
    expect_status(&r, 0);
    snprintf(line, sizeof line, "ok   mini %s: 4 entities, 6 names, 1 file\n", mv);
    expect_contains(&r, r.out, line);
    snprintf(line, sizeof line, "ok   un %s: ", unv);
    expect_contains(&r, r.out, line);
    run_free(&r);
    /* the bundled snapshots pass */
    RUN(&r, "lists", "--check");
    expect_status(&r, 0);
    expect_contains(&r, r.out, "ok   ofac-sdn 2024-05-03_b29c8d60c3a5: 14965 entities");
    expect_contains(&r, r.out, "ok   uk 2025-08-11_4f4eb695fcd6: ");
    run_free(&r);
    /* a shorter file fails, naming list and file; the other list is still checked */
    snprintf(path, sizeof path, "%s/mini/%s/mini.csv", root, mv);
    assert_int_equal(truncate(path, 20), 0);
    RUN(&r, "lists", "--check", "--lists", root);
    expect_status(&r, 2);
    snprintf(line, sizeof line, "FAIL mini %s: list 'mini': file %s has 20 bytes", mv, path);
    expect_contains(&r, r.out, line);
    snprintf(line, sizeof line, "ok   un %s: ", unv);
    expect_contains(&r, r.out, line);
    expect_contains(&r, r.err, "lists --check: list mini: ");
    run_free(&r);
    RUN(&r, "lists", "--check", "--lists", "/nonexistent/lists");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "cannot open the lists directory /nonexistent/lists");
    run_free(&r);
    fx_rm(root);
}

static void test_lists_dir_facts_and_precedence(void **state)
{
    (void)state;
    char root[64], mv[64], unv[64], env[512], xdg[128], upd[256];
    make_lists_dir(root, mv, unv);
    run_result r;
    RUN(&r, "lists", "--lists", root);
    expect_status(&r, 0);
    char line[256];
    snprintf(line, sizeof line, "mini\n  format     csv\n");
    expect_contains(&r, r.out, line);
    snprintf(line, sizeof line, "  version    %s\n", mv);
    expect_contains(&r, r.out, line);
    expect_contains(&r, r.out, "  checked    never\n");
    expect_contains(&r, r.out, "\neu\n  not fetched (source https://eu.example/x)");
    run_free(&r);
    /* --lists over NAMESCREEN_LISTS over the updated directory over the bundled snapshots */
    snprintf(xdg, sizeof xdg, "%s/xdg", root);
    snprintf(upd, sizeof upd, "%s/namescreen", xdg);
    mkdir(xdg, 0700);
    mkdir(upd, 0700);
    snprintf(upd, sizeof upd, "%s/namescreen/lists", xdg);
    assert_int_equal(symlink(root, upd), 0);
    snprintf(env, sizeof env, "XDG_DATA_HOME=%s", xdg);
    run_env(&r, env, (const char *const[]){ "lists", NULL });
    expect_status(&r, 0);
    expect_contains(&r, r.out, "mini\n");
    run_free(&r);
    snprintf(env, sizeof env, "XDG_DATA_HOME=%s\nNAMESCREEN_LISTS=%s", xdg, NSC_LISTS_DIR);
    run_env(&r, env, (const char *const[]){ "lists", NULL });
    expect_status(&r, 0);
    expect_contains(&r, r.out, "ofac-sdn\n");
    assert_null(strstr(r.out, "mini\n"));
    run_free(&r);
    run_env(&r, env, (const char *const[]){ "lists", "--lists", root, NULL });
    expect_status(&r, 0);
    expect_contains(&r, r.out, "mini\n");
    run_free(&r);
    /* --list over everything */
    run_env(&r, env, (const char *const[]){ "lists", "--lists", root, "--list", MINI, NULL });
    expect_status(&r, 0);
    expect_contains(&r, r.out, "mini_list\n");
    assert_null(strstr(r.out, "\nun\n"));
    run_free(&r);
    fx_rm(root);
}

static void test_staleness_warnings(void **state)
{
    (void)state;
    char root[64], mv[64], unv[64], t[32];
    make_lists_dir(root, mv, unv);
    /* mini checked an hour ago: fresh; un checked 12 days ago: stale */
    fx_utc(t, time(NULL) - 3600);
    fx_checked(root, "mini", t);
    fx_utc(t, time(NULL) - 12 * 86400 - 60);
    fx_checked(root, "un", t);
    run_result r;
    RUN(&r, "query", "--lists", root, "--format", "csv", "Acme Trading Company Limited");
    expect_status(&r, 1);
    char line[256];
    snprintf(line, sizeof line,
             "namescreen: warning: list un was last checked %s (12 days ago; default 2d since the "
             "last check); published 2025-01-31\n",
             t);
    expect_contains(&r, r.err, line);
    assert_null(strstr(r.err, "list mini"));
    run_free(&r);
    RUN(&r, "query", "--lists", root, "--max-age", "2w", "Acme Trading Company Limited");
    expect_status(&r, 1);
    assert_string_equal(r.err, "");
    run_free(&r);
    RUN(&r, "query", "--lists", root, "--require-fresh", "Acme Trading Company Limited");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "namescreen: error: list un was last checked");
    expect_contains(&r, r.err, "--require-fresh: 1 of 2 lists are not fresh");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(&r, "screen", "--lists", root, "--max-age", "36h", "--require-fresh", SAMPLE);
    expect_status(&r, 2);
    expect_contains(&r, r.err, "(12 days ago; --max-age 36h)");
    run_free(&r);
    /* the bundled snapshots: one line each, saying what they are; an error when fresh lists
     * are required */
    RUN(&r, "query", "Gaobin Ni");
    expect_status(&r, 1);
    expect_contains(&r, r.err,
                    "namescreen: warning: list ofac-sdn is a bundled snapshot "
                    "published 2024-05-03 (");
    size_t lines = 0;
    for (const char *p = r.err; (p = strchr(p, '\n')) != NULL; p++) lines++;
    assert_int_equal(lines, 4);
    run_free(&r);
    RUN(&r, "query", "--require-fresh", "Gaobin Ni");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "--require-fresh: 4 of 4 lists are not fresh");
    run_free(&r);
    /* a --list file: judged by its date; mini_list.csv has none, so only --require-fresh says */
    RUN(&r, "query", "--list", MINI, "--require-fresh", "Acme Trading Company Limited");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "has no publication date and was never checked");
    run_free(&r);
    RUN(&r, "query", "--max-age", "2x", "Acme");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "bad duration for --max-age: '2x'");
    run_free(&r);
    fx_rm(root);
}

static void test_named_versions(void **state)
{
    (void)state;
    char root[64], mv[64], unv[64];
    make_lists_dir(root, mv, unv);
    run_result r;
    RUN(&r, "diff", "--lists", root, "mini@previous", "mini");
    expect_status(&r, 0);
    expect_contains(&r, r.out, "added M9 ACME TRADING COMPANY LIMITED BRANCH\n");
    expect_contains(&r, r.out, "\n1 added, 0 removed, 0 changed\n");
    run_free(&r);
    RUN(&r, "diff", "--lists", root, "mini@2026-01-31", "mini@2026-02-01");
    expect_status(&r, 0);
    expect_contains(&r, r.out, "\n1 added, 0 removed, 0 changed\n");
    run_free(&r);
    RUN(&r, "diff", "--lists", root, "mini@2025-01-01", "mini");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "no version published on or before that date");
    run_free(&r);
    char input[1024];
    snprintf(input, sizeof input, "%s/input.csv", root);
    fx_write(input, "name\nAcme Trading Company Limited Branch\nAcme Trading Company Limited\n");
    RUN(&r, "screen", "--lists", root, "--changed-since", "mini@previous", "--format", "jsonl",
        input);
    expect_status(&r, 1);
    expect_contains(&r, r.err, "screening against the 1 added and 0 changed entries of 'mini'");
    expect_contains(&r, r.out, "\"entity_id\":\"M9\"");
    assert_null(strstr(r.out, "\"entity_id\":\"M1\""));
    run_free(&r);
    fx_rm(root);
}

static void test_diff(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "diff", "ofac:" NSC_TEST_DATA "/history/sdn_2024-03-22.csv",
        "ofac:" NSC_TEST_DATA "/history/sdn_2024-03-25.csv");
    expect_status(&r, 0);
    expect_contains(&r, r.out, "added 47800 WUHAN XIAORUIZHI");
    expect_contains(&r, r.out, "added 47814 ZHAO, Guangzong\n");
    expect_contains(&r, r.out, "\n23 added, 0 removed, 0 changed\n");
    run_free(&r);

    RUN(&r, "diff", "--format", "jsonl", "ofac:" NSC_TEST_DATA "/history/sdn_2024-03-22.csv",
        "ofac:" NSC_TEST_DATA "/history/sdn_2024-03-25.csv");
    expect_status(&r, 0);
    json_object *objs[64];
    size_t n = parse_jsonl(r.out, objs, 64);
    assert_int_equal(n, 23);
    for (size_t i = 0; i < n; i++) assert_string_equal(jstr(objs[i], "change"), "added");
    free_objs(objs, n);
    run_free(&r);
}

static void test_version_help(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "--version");
    expect_status(&r, 0);
    expect_contains(&r, r.out, NSC_VERSION_STRING);
    expect_contains(&r, r.out, NSC_SCORING_VERSION);
    run_free(&r);
    RUN(&r, "--help");
    expect_status(&r, 0);
    expect_contains(&r, r.out, "\n  screen ");
    run_free(&r);
    RUN(&r, "screen", "--help");
    expect_status(&r, 0);
    expect_contains(&r, r.out, "usage: namescreen screen ");
    run_free(&r);
}

/* ---------------------------------------------------------------------------------------------
 * Help and manual page: every command's options, written out here independently of the tool's
 * option table, must be in its --help and its manual entry, be accepted by the parser, and be
 * the only ones there
 * ------------------------------------------------------------------------------------------- */

#define CHANGED_SPEC "ofac:" NSC_TEST_DATA "/history/sdn_2024-03-22.csv"

typedef struct opt_case {
    const char *name;
    const char *value; /* a valid value; NULL for an option without one */
} opt_case;

static const struct cmd_case {
    const char *name;
    opt_case opts[32]; /* ended by a NULL name; --help is implied */
} cmd_cases[] = {
    { "query",
      { { "--list", MINI },
        { "--lists", NSC_LISTS_DIR },
        { "--max-age", "36h" },
        { "--require-fresh", NULL },
        { "--threshold", "0.9" },
        { "--limit", "3" },
        { "--type", "person" },
        { "--format", "csv" },
        { "--exhaustive", NULL } } },
    { "screen",
      { { "--list", MINI },
        { "--lists", NSC_LISTS_DIR },
        { "--max-age", "2d" },
        { "--require-fresh", NULL },
        { "--column", "name" },
        { "--dob-column", "dob" },
        { "--country-column", "country" },
        { "--given-column", "given" },
        { "--family-column", "family" },
        { "--id-column", "id" },
        { "--type-column", "type" },
        { "--date-format", "mdy" },
        { "--delimiter", "tab" },
        { "--no-header", NULL },
        { "--input-encoding", "cp1252" },
        { "--skip-bad-rows", NULL },
        { "--reject-file", "/dev/null" },
        { "--threshold", "0.9" },
        { "--limit", "3" },
        { "--threads", "2" },
        { "--format", "jsonl" },
        { "--output", "/dev/null" },
        { "--changed-since", CHANGED_SPEC },
        { "--type", "person" },
        { "--summary", "/dev/null" },
        { "--run-id", "nightly-1" },
        { "--allowlist", "/dev/null" },
        { "--as-of", "2026-12-02" },
        { "--all", NULL },
        { "--validate-first", NULL },
        { "--exhaustive", NULL } } },
    { "compare",
      { { "--threshold", "0.9" }, { "--format", "csv" }, { "--pairs", DATA "/pairs.csv" } } },
    { "lists",
      { { "--list", MINI },
        { "--lists", NSC_LISTS_DIR },
        { "--check", NULL },
        { "--compile", NULL },
        { "--max-age", "1w" } } },
    { "diff", { { "--format", "jsonl" }, { "--lists", NSC_LISTS_DIR } } },
};
#define N_CMDS (sizeof cmd_cases / sizeof cmd_cases[0])

static int takes(const struct cmd_case *c, const char *opt, size_t len)
{
    if (len == 6 && strncmp(opt, "--help", 6) == 0) return 1;
    for (const opt_case *o = c->opts; o->name; o++)
        if (strlen(o->name) == len && strncmp(o->name, opt, len) == 0) return 1;
    return 0;
}

/* The options named at the start of the help's option lines ("  --x ARG  ...",
 * "  -h, --help  ..."), each in c's list. Returns how many lines there were. */
static size_t check_option_lines(const run_result *r, const struct cmd_case *c)
{
    const char *opts = strstr(r->out, "\nOptions:\n");
    assert_non_null(opts);
    size_t n = 0;
    for (const char *p = strchr(opts + 1, '\n') + 1; strncmp(p, "  -", 3) == 0; n++) {
        const char *name = strstr(p, "--");
        size_t len = strcspn(name, " \n");
        if (!takes(c, name, len)) {
            print_message("%s --help lists %.*s, which the test does not expect\n", c->name,
                          (int)len, name);
            show(r);
        }
        assert_true(takes(c, name, len));
        do /* the option's help may take more lines, indented further */
            p = strchr(p, '\n') + 1;
        while (strncmp(p, "    ", 4) == 0);
    }
    return n;
}

/* "\n  --name" followed by a space or the end of the line: the option has a line of its own. */
static void expect_option_line(const run_result *r, const char *name)
{
    char needle[64];
    snprintf(needle, sizeof needle, "\n  %s", name);
    const char *p = r->out;
    while ((p = strstr(p, needle)) != NULL && p[strlen(needle)] != ' ' && p[strlen(needle)] != '\n')
        p++;
    if (p == NULL) expect_contains(r, r->out, needle);
}

static void test_help_per_command(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_CMDS; i++) {
        const struct cmd_case *c = &cmd_cases[i];
        char usage[64];
        snprintf(usage, sizeof usage, "usage: namescreen %s ", c->name);
        print_message("%s --help\n", c->name);
        run_result r, h, alias;
        RUN(&r, c->name, "--help");
        expect_status(&r, 0);
        assert_string_equal(r.err, "");
        assert_true(strncmp(r.out, usage, strlen(usage) - 1) == 0);
        size_t n_opts = 0;
        for (const opt_case *o = c->opts; o->name; o++, n_opts++) expect_option_line(&r, o->name);
        expect_contains(&r, r.out, "\n  -h, --help ");
        assert_int_equal(check_option_lines(&r, c), n_opts + 1);
        RUN(&h, c->name, "-h");
        RUN(&alias, "help", c->name);
        expect_status(&h, 0);
        expect_status(&alias, 0);
        assert_string_equal(h.out, r.out);
        assert_string_equal(alias.out, r.out);
        run_free(&r);
        run_free(&h);
        run_free(&alias);
    }
}

/* The parser takes every option of a command's list (the valid value given, then --help, which
 * stops before anything runs) and refuses the other commands' options and unknown ones, naming
 * them, with exit status 2. */
static void test_options_parsed(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_CMDS; i++) {
        const struct cmd_case *c = &cmd_cases[i];
        for (size_t k = 0; k < N_CMDS; k++)
            for (const opt_case *o = cmd_cases[k].opts; o->name; o++) {
                run_result r;
                const char *args[] = { c->name, o->name, o->value ? o->value : "--help", "--help",
                                       NULL };
                print_message("%s %s\n", c->name, o->name);
                run_env(&r, NULL, args);
                if (takes(c, o->name, strlen(o->name))) {
                    expect_status(&r, 0);
                } else {
                    char msg[96];
                    snprintf(msg, sizeof msg, "%s: unknown option '%s'", c->name, o->name);
                    expect_status(&r, 2);
                    expect_contains(&r, r.err, msg);
                }
                run_free(&r);
            }
        static const char *const unknown[] = { "--frobnicate", "--frobnicate=1", "-x" };
        for (size_t k = 0; k < sizeof unknown / sizeof unknown[0]; k++) {
            run_result r;
            char msg[96];
            snprintf(msg, sizeof msg, "%s: unknown option '%.*s'", c->name,
                     (int)strcspn(unknown[k], "="), unknown[k]);
            run_env(&r, NULL, (const char *const[]){ c->name, unknown[k], "--help", NULL });
            expect_status(&r, 2);
            expect_contains(&r, r.err, msg);
            assert_string_equal(r.out, "");
            run_free(&r);
        }
    }
}

static void test_help_top(void **state)
{
    (void)state;
    run_result r, alias, none;
    RUN(&r, "--help");
    RUN(&alias, "help");
    run_env(&none, NULL, (const char *const[]){ NULL });
    expect_status(&r, 0);
    expect_status(&alias, 0);
    expect_status(&none, 2); /* no command: the help on standard error */
    assert_string_equal(alias.out, r.out);
    assert_string_equal(none.err, r.out);
    for (size_t i = 0; i < N_CMDS; i++) {
        char line[64];
        snprintf(line, sizeof line, "\n  %s ", cmd_cases[i].name);
        expect_contains(&r, r.out, line);
    }
    expect_contains(&r, r.out, "\n  -V, --version ");
    assert_null(strstr(r.out, "--man")); /* hidden */
    run_free(&r);
    run_free(&alias);
    run_free(&none);

    RUN(&r, "help", "frobnicate");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "unknown command 'frobnicate'");
    run_free(&r);
}

/* The part of the manual page from `from` to the next line starting with `end` (or the end). */
static char *man_part(const run_result *r, const char *from, const char *end)
{
    const char *p = strstr(r->out, from);
    if (p == NULL) print_message("no '%s' in the manual page\n", from);
    assert_non_null(p);
    const char *q = p + strlen(from);
    while ((q = strchr(q, '\n')) != NULL && strncmp(q + 1, end, strlen(end)) != 0) q++;
    return strndup(p, q ? (size_t)(q - p) : strlen(p));
}

/* "--list" as the manual page's roff writes it: \fB\-\-list\fR. */
static void expect_man_option(const run_result *r, const char *part, const char *name)
{
    char roff[64] = "\\fB";
    for (const char *s = name; *s; s++)
        strncat(roff, *s == '-' ? "\\-" : (char[]){ *s, 0 }, sizeof roff - strlen(roff) - 1);
    strncat(roff, "\\fR", sizeof roff - strlen(roff) - 1);
    expect_contains(r, part, roff);
}

static void test_man_page(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "--man");
    expect_status(&r, 0);
    assert_string_equal(r.err, "");
    expect_contains(&r, r.out, "\n.TH NAMESCREEN 1 ");
    static const char *const sections[] = { "NAME",        "SYNOPSIS",    "DESCRIPTION", "COMMANDS",
                                            "EXIT STATUS", "ENVIRONMENT", "FILES" };
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        char sh[32];
        snprintf(sh, sizeof sh, "\n.SH %s\n", sections[i]);
        expect_contains(&r, r.out, sh);
    }
    expect_contains(&r, r.out, "\n.B NAMESCREEN_LISTS\n");
    for (size_t i = 0; i < N_CMDS; i++) {
        const struct cmd_case *c = &cmd_cases[i];
        char ss[32], synopsis[64];
        snprintf(ss, sizeof ss, "\n.SS %s\n", c->name);
        snprintf(synopsis, sizeof synopsis, "\\fBnamescreen %s\\fR", c->name);
        char *part = man_part(&r, ss, ".S");
        expect_contains(&r, part, synopsis);
        for (const opt_case *o = c->opts; o->name; o++) expect_man_option(&r, part, o->name);
        expect_man_option(&r, part, "--help");
        free(part);
    }
    run_free(&r);
}

/* ---------------------------------------------------------------------------------------------
 * Where the bundled lists come from: only the binary in its build directory reads the source
 * tree's lists; a copy elsewhere needs NAMESCREEN_LISTS or <its dir>/../share/namescreen/lists
 * ------------------------------------------------------------------------------------------- */

static void copy_file(const char *from, const char *to, mode_t mode)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) assert_int_equal(fwrite(buf, 1, n, out), n);
    assert_int_equal(fclose(in), 0);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(chmod(to, mode), 0);
}

static void test_copied_binary_lists(void **state)
{
    (void)state;
    if (access(NSC_INSTALL_LISTS_DIR "/sources.csv", F_OK) == 0) {
        print_message("lists installed in %s: a copy would find them\n", NSC_INSTALL_LISTS_DIR);
        skip();
    }
    char root[] = "/tmp/nsc_test_cli_copy_XXXXXX", bin[64], exe[80], share[64], nsdir[80],
         lists[96];
    assert_non_null(mkdtemp(root));
    snprintf(bin, sizeof bin, "%s/bin", root);
    snprintf(exe, sizeof exe, "%s/namescreen", bin);
    snprintf(share, sizeof share, "%s/share", root);
    snprintf(nsdir, sizeof nsdir, "%s/namescreen", share);
    snprintf(lists, sizeof lists, "%s/lists", nsdir);
    assert_int_equal(mkdir(bin, 0700), 0);
    copy_file(NSC_CLI, exe, 0700);

    run_result r;
    run_prog(&r, exe, NULL, NULL, (const char *const[]){ "lists", NULL });
    expect_status(&r, 2); /* no ../share/namescreen/lists, and the source lists are not used */
    expect_contains(&r, r.err, "cannot find the bundled lists");
    assert_string_equal(r.out, "");
    run_free(&r);

    const char *env = "NAMESCREEN_LISTS=" NSC_LISTS_DIR;
    run_prog(&r, exe, env, NULL, (const char *const[]){ "lists", NULL });
    expect_status(&r, 0);
    expect_contains(&r, r.out, "ofac-sdn\n");
    run_free(&r);
    run_prog(&r, exe, env, NULL,
             (const char *const[]){ "query", "--format", "csv", "Gaobin Ni", NULL });
    expect_status(&r, 1);
    expect_contains(&r, r.out, ",ofac-sdn,47818,person,");
    run_free(&r);

    /* <exe dir>/../share/namescreen/lists, here a link to the source lists */
    assert_int_equal(mkdir(share, 0700), 0);
    assert_int_equal(mkdir(nsdir, 0700), 0);
    assert_int_equal(symlink(NSC_LISTS_DIR, lists), 0);
    run_prog(&r, exe, NULL, NULL, (const char *const[]){ "lists", NULL });
    expect_status(&r, 0);
    expect_contains(&r, r.out, "ofac-sdn\n");
    run_free(&r);

    unlink(lists);
    rmdir(nsdir);
    rmdir(share);
    unlink(exe);
    rmdir(bin);
    rmdir(root);
}

/* ---------------------------------------------------------------------------------------------
 * Usage and input errors: exit 2, a message naming the problem, nothing on stdout
 * ------------------------------------------------------------------------------------------- */

static const struct error_case {
    const char *args[12];
    const char *message; /* must appear on stderr */
} error_cases[] = {
    { { "frobnicate" }, "unknown command 'frobnicate'" },
    { { "query", "--threshold", "abc", "x" }, "bad number for --threshold: 'abc'" },
    { { "query", "--threshold", "1.5", "x" }, "bad number for --threshold: '1.5'" },
    { { "query", "--limit", "-3", "x" }, "bad number for --limit" },
    { { "screen", "--threads", "0", SAMPLE }, "bad number for --threads" },
    { { "query", "--bogus", "x" }, "unknown option '--bogus'" },
    { { "query" }, "no NAME" },
    { { "query", "--list", MINI, "John Doe", " " }, "NAME 2 is empty" },
    { { "query", "--list", MINI, "\xff\xfe" }, "not valid UTF-8" },
    { { "query", "--type", "dragon", "x" }, "unknown entity type 'dragon'" },
    { { "query", "--format", "xml", "x" }, "unknown output format 'xml'" },
    { { "query", "--list", DATA "/no_such_list.csv", "x" }, "no_such_list.csv" },
    { { "query", "--list", "ofac:" DATA "/no_such_dir/sdn.csv", "x" }, "sdn.csv" },
    { { "query", "--list", "bogus:" DATA "/mini_list.csv", "x" }, "unknown list format 'bogus'" },
    { { "screen", "--list", MINI, DATA "/no_name_column.csv" }, "no column 'name'" },
    { { "screen", "--list", MINI, "--column", "nom", SAMPLE }, "no column 'nom'" },
    { { "screen", "--list", MINI, "--dob-column", "born", SAMPLE }, "no column 'born'" },
    { { "screen", "--list", MINI, DATA "/malformed.csv" },
      "line 3 (data row 2): quote inside an unquoted field" },
    { { "screen", "--list", MINI, DATA "/unterminated.csv" },
      "line 3 (data row 2): unterminated quoted field" },
    { { "screen", "--list", MINI, DATA "/short_row.csv" }, "line 3 (data row 2): 3 fields" },
    { { "screen", "--list", MINI, DATA "/no_such_input.csv" }, "no_such_input.csv" },
    { { "screen", "--list", MINI, "--format", "text", SAMPLE }, "--format must be csv or jsonl" },
    { { "compare", "only one" }, "expected two names" },
    { { "compare", "--threshold", "x", "a", "b" }, "bad number for --threshold" },
    { { "diff", DATA "/mini_list.csv" }, "expected OLD_SPEC NEW_SPEC" },
    { { "lists", "--list", "un:" DATA "/mini_list.csv" }, "mini_list.csv" },
};

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++) {
        const struct error_case *c = &error_cases[i];
        print_message("case %zu: %s %s\n", i, c->args[0], c->args[1] ? c->args[1] : "");
        run_result r;
        run_env(&r, NULL, c->args);
        expect_status(&r, 2);
        expect_contains(&r, r.err, c->message);
        if (r.out[0] != '\0') show(&r);
        assert_string_equal(r.out, ""); /* no partial output */
        run_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_help),
        cmocka_unit_test(test_help_top),
        cmocka_unit_test(test_help_per_command),
        cmocka_unit_test(test_options_parsed),
        cmocka_unit_test(test_man_page),
        cmocka_unit_test(test_copied_binary_lists),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_query_text_and_csv),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_diff),
        cmocka_unit_test(test_screen_output_file_and_escaping),
        cmocka_unit_test(test_screen_stdin),
        cmocka_unit_test(test_screen_changed_since),
        cmocka_unit_test(test_query_examples),
        cmocka_unit_test(test_query_no_hit),
        cmocka_unit_test(test_query_sequence_independent),
        cmocka_unit_test(test_screen_sample),
        cmocka_unit_test(test_screen_threads_identical),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_lists_tampered),
        cmocka_unit_test(test_lists_check),
        cmocka_unit_test(test_lists_dir_facts_and_precedence),
        cmocka_unit_test(test_staleness_warnings),
        cmocka_unit_test(test_named_versions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
