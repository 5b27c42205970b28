/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_concurrency.c: screening from many threads on one frozen engine. 8 threads screen a few
 * hundred names each (the sample counterparties, list names and their variations) on the
 * bundled OFAC SDN and UN lists and must get exactly what one thread gets (list, id, score and
 * matched name of every hit); loading after freezing fails with NSC_EFROZEN; the CLI `screen`
 * output is byte-identical across runs and across --threads 1, 2 and 4. Run under TSan in CI.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "namescreen.h"
#include "namescreen/csv.h"

#define NTHREADS 8
#define MAX_NAMES 400
#define SAMPLE NSC_LISTS_DIR "/samples/counterparties.csv"

static nsc_engine *engine;
static char *names[MAX_NAMES];
static size_t n_names;
static char *expected[MAX_NAMES]; /* one thread's results, serialized */

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    assert_non_null(d);
    return d;
}

static void add_name(const char *s)
{
    if (n_names < MAX_NAMES && s[0] != '\0') names[n_names++] = xstrdup(s);
}

/* Reads column `col` of a CSV file, taking every `step`th row, at most `max` names. */
static void names_from_csv(const char *path, size_t col, size_t step, size_t max, int swap)
{
    nsc_csv *csv;
    assert_int_equal(nsc_csv_open(&csv, path, ','), 0);
    size_t row = 0, got = 0;
    int rc;
    while (got < max && (rc = nsc_csv_next(csv)) == 1) {
        if (row++ % step != 0 || nsc_csv_nfields(csv) <= col) continue;
        const char *s = nsc_csv_field(csv, col, NULL);
        if (strcmp(s, "name") == 0 || strcmp(s, "-0-") == 0) continue;
        add_name(s);
        got++;
        if (swap) { /* a variation: "LAST, First" → "First LAST", with one letter dropped */
            char buf[600];
            const char *comma = strchr(s, ',');
            if (comma != NULL && strlen(s) < 500)
                snprintf(buf, sizeof buf, "%s %.*s", comma[1] == ' ' ? comma + 2 : comma + 1,
                         (int)(comma - s), s);
            else
                snprintf(buf, sizeof buf, "%.500s", s);
            size_t len = strlen(buf);
            if (len > 6) memmove(buf + len / 2, buf + len / 2 + 1, len - len / 2);
            add_name(buf);
        }
    }
    nsc_csv_close(csv);
}

static void serialize(char **out, const nsc_hits *hits)
{
    size_t cap = 256, len = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    s[0] = '\0';
    for (size_t i = 0; i < nsc_hits_count(hits); i++) {
        const nsc_hit *h = nsc_hits_get(hits, i);
        char line[1024];
        int n = snprintf(line, sizeof line, "%s|%s|%.17g|%s|%s\n", nsc_hit_list(h),
                         nsc_hit_entity_id(h), nsc_hit_score(h), nsc_hit_matched_name(h),
                         nsc_hit_explanation(h));
        assert_true(n > 0);
        size_t ln = strlen(line);
        if (len + ln + 1 > cap) {
            cap = (len + ln + 1) * 2;
            char *grown = realloc(s, cap);
            assert_non_null(grown);
            s = grown;
        }
        memcpy(s + len, line, ln + 1);
        len += ln;
    }
    *out = s;
}

static int screen_one(char **out, size_t i)
{
    nsc_query q = NSC_QUERY_INIT;
    q.name = names[i];
    nsc_screen_options so = NSC_SCREEN_OPTIONS_INIT;
    so.threshold = 0.7;
    nsc_hits *hits;
    int rc = nsc_screen(&hits, engine, &q, &so);
    if (rc != 0) return rc;
    serialize(out, hits);
    nsc_hits_free(hits);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    /* NSC_CONCURRENCY_NAMES lowers the number of names per thread (slow sanitizer builds). */
    const char *env = getenv("NSC_CONCURRENCY_NAMES");
    size_t want = env ? (size_t)strtoul(env, NULL, 10) : 200;
    if (want < 16 || want > MAX_NAMES) want = 200;
    if (nsc_engine_new(&engine, NULL) != 0) return -1;
    static const char *const files[][2] = {
        { "ofac", NSC_LISTS_DIR "/ofac-sdn/2024-05-03_b29c8d60c3a5/sdn.csv" },
        { "un", NSC_LISTS_DIR "/un/2026-02-27_66b392a40908/consolidated.xml" }
    };
    for (size_t i = 0; i < 2; i++) {
        nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
        lo.format = files[i][0];
        if (nsc_engine_load(engine, files[i][1], &lo) != 0) {
            print_error("%s\n", nsc_engine_errmsg(engine));
            return -1;
        }
    }
    if (nsc_engine_freeze(engine) != 0) return -1;
    names_from_csv(SAMPLE, 1, 1, want / 4, 0);
    names_from_csv(NSC_LISTS_DIR "/ofac-sdn/2024-05-03_b29c8d60c3a5/sdn.csv", 1, 97,
                   (want - n_names) / 2, 1);
    static const char *const extra[] = {
        "倪高彬",         "Мухаммад Али",           "محمد علي", "Gaobin Ni",
        "Vladimir Putin", "BANCO NACIONAL DE CUBA", "x",        ""
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) add_name(extra[i]);
    for (size_t i = 0; i < n_names; i++)
        if (screen_one(&expected[i], i) != 0) return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < n_names; i++) {
        free(names[i]);
        free(expected[i]);
    }
    nsc_engine_free(engine);
    return 0;
}

typedef struct worker {
    size_t start;
    unsigned prepare; /* contexts to prepare first (nsc_engine_prepare_threads), or 0 */
    size_t mismatches, errors, first_bad;
    double compare_score;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    w->first_bad = SIZE_MAX;
    if (w->prepare && nsc_engine_prepare_threads(engine, w->prepare) != 0) w->errors++;
    for (size_t k = 0; k < n_names; k++) {
        size_t i = (w->start + k) % n_names; /* each thread in a different order */
        char *got;
        if (screen_one(&got, i) != 0) {
            w->errors++;
            continue;
        }
        if (strcmp(got, expected[i]) != 0) {
            if (w->mismatches++ == 0) w->first_bad = i;
        }
        free(got);
    }
    nsc_query q = NSC_QUERY_INIT;
    q.name = "Gaobin Ni";
    nsc_hits *h;
    if (nsc_compare(&h, engine, &q, "倪高彬") == 0) {
        w->compare_score = nsc_hit_score(nsc_hits_get(h, 0));
        nsc_hits_free(h);
    } else {
        w->errors++;
    }
    return NULL;
}

/* NTHREADS threads screen every name; with `prepare`, the engine is prepared for them first
 * and one of them prepares more contexts while the others screen. */
static void threads_agree(int prepare)
{
    assert_true(n_names >= 16);
    size_t with_hits = 0;
    for (size_t i = 0; i < n_names; i++) with_hits += expected[i][0] != '\0';
    assert_true(with_hits >= n_names / 4); /* the comparison is about something */
    pthread_t tid[NTHREADS];
    worker w[NTHREADS];
    memset(w, 0, sizeof w);
    if (prepare) assert_int_equal(nsc_engine_prepare_threads(engine, NTHREADS), 0);
    for (size_t t = 0; t < NTHREADS; t++) {
        w[t].start = t * n_names / NTHREADS;
        w[t].prepare = prepare && t == 1 ? NTHREADS + 2 : 0;
        assert_int_equal(pthread_create(&tid[t], NULL, work, &w[t]), 0);
    }
    for (size_t t = 0; t < NTHREADS; t++) assert_int_equal(pthread_join(tid[t], NULL), 0);
    for (size_t t = 0; t < NTHREADS; t++) {
        if (w[t].mismatches)
            print_error("thread %zu: %zu names differ from one thread's results, first '%s'\n", t,
                        w[t].mismatches, names[w[t].first_bad]);
        assert_int_equal(w[t].errors, 0);
        assert_int_equal(w[t].mismatches, 0);
        assert_true(w[t].compare_score == w[0].compare_score);
    }
    print_message("%d threads x %zu names (%zu with hits%s): identical\n", NTHREADS, n_names,
                  with_hits, prepare ? ", prepared engine" : "");
}

static void test_threads_agree(void **state)
{
    (void)state;
    threads_agree(0);
}

/* nsc_engine_prepare_threads: its errors, and screening on prepared contexts (some prepared
 * while other threads screen) gives exactly one thread's results. */
static void test_prepared_threads(void **state)
{
    (void)state;
    assert_int_equal(nsc_engine_prepare_threads(NULL, 2), NSC_EINVAL);
    assert_int_equal(nsc_engine_prepare_threads(engine, NSC_MAX_PREPARED_THREADS + 1), NSC_EINVAL);
    nsc_engine *loose;
    assert_int_equal(nsc_engine_new(&loose, NULL), 0);
    assert_int_equal(nsc_engine_prepare_threads(loose, 2), NSC_ENOTFROZEN);
    nsc_engine_free(loose);
    assert_int_equal(nsc_engine_prepare_threads(engine, 0), 0);
    threads_agree(1);
}

static void test_load_after_freeze(void **state)
{
    (void)state;
    size_t before = nsc_engine_list_count(engine);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = "ofac";
    lo.name = "another";
    assert_int_equal(nsc_engine_load(engine, NSC_TEST_DATA "/ofac/good/sdn.csv", &lo), NSC_EFROZEN);
    const char *msg = nsc_engine_errmsg(engine);
    assert_non_null(strstr(msg, "sdn.csv"));
    assert_non_null(strstr(msg, "frozen"));
    assert_int_equal(nsc_engine_list_count(engine), before);
    assert_int_equal(nsc_engine_freeze(engine), 0); /* idempotent */
    /* screening still works after the refused load */
    char *got;
    assert_int_equal(screen_one(&got, 0), 0);
    assert_string_equal(got, expected[0]);
    free(got);
}

/* Runs the CLI with args, standard output into a temporary file; returns its exit status and
 * the output in *out. Killed after 600 s (a hang fails the test). */
static int run_cli(char **out, const char *const *args)
{
    char path[] = "/tmp/nsc_conc_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    const char *argv[32];
    size_t n = 0;
    argv[n++] = NSC_CLI;
    for (; *args; args++) argv[n++] = *args;
    argv[n] = NULL;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(600);
        dup2(fd, 1);
        int dn = open("/dev/null", O_RDWR);
        dup2(dn, 0);
        dup2(dn, 2);
        unsetenv("NAMESCREEN_LISTS");
        execv(NSC_CLI, (char *const *)(uintptr_t)argv);
        _exit(127);
    }
    int ws;
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    struct stat st;
    assert_int_equal(fstat(fd, &st), 0);
    char *buf = malloc((size_t)st.st_size + 1);
    assert_non_null(buf);
    assert_int_equal(pread(fd, buf, (size_t)st.st_size, 0), st.st_size);
    buf[st.st_size] = '\0';
    close(fd);
    *out = buf;
    return WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
}

static void test_cli_deterministic(void **state)
{
    (void)state;
    /* csv with 1, 2 and 4 threads and a second run with 4; jsonl with 1 and 4 */
    static const char *const runs[][2] = { { "csv", "1" }, { "csv", "2" },   { "csv", "4" },
                                           { "csv", "4" }, { "jsonl", "1" }, { "jsonl", "4" } };
    char *first = NULL;
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        char *out;
        int st = run_cli(&out, (const char *const[]){ "screen", "--threads", runs[i][1], "--format",
                                                      runs[i][0], SAMPLE, NULL });
        assert_int_equal(st, 1); /* the sample has hits */
        assert_true(strlen(out) > 100);
        if (first == NULL || strcmp(runs[i][0], runs[i - 1][0]) != 0) {
            free(first);
            first = out;
            continue;
        }
        if (strcmp(first, out) != 0)
            print_error("screen --format %s --threads %s (run %zu) differs from the first run\n",
                        runs[i][0], runs[i][1], i + 1);
        assert_string_equal(first, out);
        free(out);
    }
    free(first);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_agree),
        cmocka_unit_test(test_prepared_threads),
        cmocka_unit_test(test_load_after_freeze),
        cmocka_unit_test(test_cli_deterministic),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
