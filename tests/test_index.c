/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_index.c: the index finds exactly the hits of the exhaustive path. A property test over
 * generated queries (list names with typos, transpositions, dropped, added and reordered tokens,
 * split and joined tokens, original-script names, clean names), with and without evidence and
 * at several thresholds, on all bundled lists: every hit (list, id, score, matched name) of the
 * indexed engine equals the exhaustive engine's, with the scratch tables of small lists (dense)
 * and with those of large ones (sparse, which lists of about a million names take). Also checks
 * the constant that the retrieval relies on (no similarity is positive and below
 * NSC_SIM_MIN_NONZERO).
 */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "api/engine.h"
#include "match/index.h"
#include "match/params.h"
#include "match/sim.h"

#ifndef NSC_INDEX_QUERIES
#define NSC_INDEX_QUERIES 1200
#endif

static nsc_engine *indexed, *sparse, *exhaustive;
static char **queries;
static size_t n_queries;

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void) /* splitmix64: the same queries on every run */
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static nsc_engine *load_all(int exhaustive_path)
{
    nsc_engine_options o = NSC_ENGINE_OPTIONS_INIT;
    o.exhaustive = exhaustive_path;
    o.max_hits = 0;
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, &o), 0);
    static const char *const lists[][3] = {
        { "ofac", "ofac-sdn", "/ofac-sdn/2024-05-03_b29c8d60c3a5/sdn.csv" },
        { "ofac", "ofac-cons", "/ofac-cons/2025-12-19_8c11b5ad7560/cons_prim.csv" },
        { "un", "un", "/un/2026-02-27_66b392a40908/consolidated.xml" },
        { "uk", "uk", "/uk/2025-08-11_4f4eb695fcd6/uk_sanctions_list_summary.csv" },
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s%s", NSC_LISTS_DIR, lists[i][2]);
        nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
        lo.format = lists[i][0];
        lo.name = lists[i][1];
        if (nsc_engine_load(e, path, &lo) != 0) fail_msg("%s", nsc_engine_errmsg(e));
    }
    assert_int_equal(nsc_engine_freeze(e), 0);
    return e;
}

static void add_query(const char *s) { queries[n_queries++] = strdup(s); }

/* One perturbation of a name, ASCII letters only touched. */
static void perturb(char *out, size_t cap, const char *name)
{
    char tok[16][64];
    int n = 0;
    const char *p = name;
    while (*p && n < 16) {
        while (*p == ' ' || *p == ',') p++;
        size_t k = 0;
        while (*p && *p != ' ' && *p != ',' && k < 63) tok[n][k++] = *p++;
        while (*p && *p != ' ' && *p != ',') p++;
        tok[n][k] = '\0';
        if (k) n++;
    }
    if (n == 0) {
        snprintf(out, cap, "%s", name);
        return;
    }
    int t = (int)(rnd() % (uint64_t)n);
    size_t len = strlen(tok[t]);
    switch (rnd() % 9) {
    case 0: /* substitution */
        if (len) tok[t][rnd() % len] = (char)('a' + rnd() % 26);
        break;
    case 1: /* deletion */
        if (len > 1) {
            size_t i = rnd() % len;
            memmove(tok[t] + i, tok[t] + i + 1, len - i);
        }
        break;
    case 2: /* insertion */
        if (len < 60) {
            size_t i = rnd() % (len + 1);
            memmove(tok[t] + i + 1, tok[t] + i, len - i + 1);
            tok[t][i] = (char)('a' + rnd() % 26);
        }
        break;
    case 3: /* transposition */
        if (len > 1) {
            size_t i = rnd() % (len - 1);
            char c = tok[t][i];
            tok[t][i] = tok[t][i + 1];
            tok[t][i + 1] = c;
        }
        break;
    case 4: /* drop a token */
        if (n > 1) {
            memmove(tok[t], tok[t + 1], sizeof tok[0] * (size_t)(n - t - 1));
            n--;
        }
        break;
    case 5: /* add a token */
        if (n < 16) snprintf(tok[n++], sizeof tok[0], "%s", (rnd() & 1) ? "Hassan" : "Limited");
        break;
    case 6: /* reorder */
        if (n > 1) {
            char tmp[64];
            memcpy(tmp, tok[0], sizeof tmp);
            memcpy(tok[0], tok[n - 1], sizeof tmp);
            memcpy(tok[n - 1], tmp, sizeof tmp);
        }
        break;
    case 7: /* a token written as its initial, with or without a full stop */
        if (len > 1) {
            tok[t][1] = (rnd() & 1) ? '.' : '\0';
            tok[t][2] = '\0';
        }
        break;
    default: /* join two tokens, or split one */
        if (n > 1 && t + 1 < n && strlen(tok[t]) + strlen(tok[t + 1]) < 63) {
            strcat(tok[t], tok[t + 1]);
            memmove(tok[t + 1], tok[t + 2], sizeof tok[0] * (size_t)(n - t - 2));
            n--;
        } else if (len > 4 && n < 16) {
            memmove(tok[t + 1], tok[t], sizeof tok[0] * (size_t)(n - t));
            n++;
            tok[t][len / 2] = '\0';
            memmove(tok[t + 1], tok[t + 1] + len / 2, len - len / 2 + 1);
        }
        break;
    }
    size_t w = 0;
    for (int i = 0; i < n && w + 1 < cap; i++)
        w += (size_t)snprintf(out + w, cap - w, "%s%s", i ? " " : "", tok[i]);
}

static size_t wanted_queries(void)
{
    const char *env = getenv("NSC_INDEX_QUERIES"); /* the sanitizer runs ask for fewer */
    long n = env ? atol(env) : 0;
    return n > 0 && n <= NSC_INDEX_QUERIES ? (size_t)n : NSC_INDEX_QUERIES;
}

static int setup(void **state)
{
    (void)state;
    size_t want = wanted_queries();
    indexed = load_all(0);
    /* a small shared unit cache: the private caches then take the later units, so that both
     * paths are compared with the exhaustive engine */
    nsc__engine_set_shared_units(indexed, 1024);
    sparse = load_all(0);
    nsc__engine_set_dense_ids(sparse, 1); /* every table sized by what a query touches */
    exhaustive = load_all(1);
    queries = calloc(NSC_INDEX_QUERIES + 64, sizeof *queries);
    /* names of the lists, perturbed; original-script names as they are */
    size_t originals = 0;
    while (n_queries < want) {
        const nsc__list *l = nsc__engine_list_at(indexed, rnd() % nsc_engine_list_count(indexed));
        const nsc__entity *ent = l->entities[rnd() % l->n_entities];
        const nsc__name *nm = ent->names;
        for (uint64_t k = rnd() % 3; k && nm && nm->next; k--) nm = nm->next;
        if (!nm) continue;
        if (nm->flags & NSC_NAMEF_ORIGINAL_SCRIPT) {
            if (originals++ < want / 10) add_query(nm->text);
            continue;
        }
        char buf[512];
        perturb(buf, sizeof buf, nm->text);
        if (rnd() % 4 == 0) { /* a second perturbation */
            char buf2[512];
            perturb(buf2, sizeof buf2, buf);
            add_query(buf2);
        } else {
            add_query(buf);
        }
    }
    static const char *const extra[] = { "Maria Alice Nathan Leão",
                                         "倪高彬",
                                         "武汉晓睿智科技有限责任公司",
                                         "Александр Петров",
                                         "김정은",
                                         "محمد حمزة زبيدي",
                                         "J Smith",
                                         "Bank of China",
                                         "Hsi Chin-ping",
                                         "Ni Gao Bin",
                                         "M. A. Kartseva",
                                         "V Putin",
                                         "Gaobin N" };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++) add_query(extra[i]);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < n_queries; i++) free(queries[i]);
    free(queries);
    nsc_engine_free(indexed);
    nsc_engine_free(sparse);
    nsc_engine_free(exhaustive);
    return 0;
}

typedef struct job {
    size_t from, step;
    size_t compared, hits, mismatches;
    char first[512];
} job;

/* Whether hit lists a and b (and their return codes) are the same. */
static int same_hits(int ra, const nsc_hits *a, int rb, const nsc_hits *b)
{
    int same = ra == rb && nsc_hits_count(a) == nsc_hits_count(b);
    for (size_t i = 0; same && i < nsc_hits_count(a); i++) {
        const nsc_hit *x = nsc_hits_get(a, i), *y = nsc_hits_get(b, i);
        same = strcmp(nsc_hit_list(x), nsc_hit_list(y)) == 0 &&
               strcmp(nsc_hit_entity_id(x), nsc_hit_entity_id(y)) == 0 &&
               nsc_hit_score(x) == nsc_hit_score(y) &&
               strcmp(nsc_hit_matched_name(x), nsc_hit_matched_name(y)) == 0;
    }
    return same;
}

static void compare_one(job *j, size_t qi)
{
    static const double thresholds[] = { 0.8, 0.7, 0.9 };
    nsc_query q = NSC_QUERY_INIT;
    q.name = queries[qi];
    if (qi % 5 == 1) q.dob = "1970";
    if (qi % 7 == 2) q.country = "ru";
    nsc_screen_options so = NSC_SCREEN_OPTIONS_INIT;
    so.threshold = thresholds[qi % 3];
    nsc_hits *a = NULL, *s = NULL, *b = NULL;
    int ra = nsc_screen(&a, indexed, &q, &so), rs = nsc_screen(&s, sparse, &q, &so),
        rb = nsc_screen(&b, exhaustive, &q, &so);
    int same_dense = same_hits(ra, a, rb, b), same_sparse = same_hits(rs, s, rb, b);
    j->compared++;
    j->hits += nsc_hits_count(b);
    if ((!same_dense || !same_sparse) && j->mismatches++ == 0)
        snprintf(j->first, sizeof j->first,
                 "query \"%s\" (threshold %.2f): indexed %zu hits (%s tables), "
                 "exhaustive %zu hits",
                 queries[qi], so.threshold, nsc_hits_count(same_dense ? s : a),
                 same_dense ? "sparse" : "dense", nsc_hits_count(b));
    nsc_hits_free(a);
    nsc_hits_free(s);
    nsc_hits_free(b);
}

static void *run_job(void *arg)
{
    job *j = arg;
    for (size_t i = j->from; i < n_queries; i += j->step) compare_one(j, i);
    return NULL;
}

static void test_indexed_equals_exhaustive(void **state)
{
    (void)state;
    job jobs[2];
    pthread_t th[2];
    for (int i = 0; i < 2; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].from = (size_t)i;
        jobs[i].step = 2;
        assert_int_equal(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
    }
    size_t compared = 0, hits = 0, mismatches = 0;
    for (int i = 0; i < 2; i++) {
        pthread_join(th[i], NULL);
        compared += jobs[i].compared;
        hits += jobs[i].hits;
        mismatches += jobs[i].mismatches;
        if (jobs[i].mismatches) print_error("first mismatch: %s\n", jobs[i].first);
    }
    printf("compared %zu queries, %zu hits, %zu mismatches\n", compared, hits, mismatches);
    assert_int_equal(compared, n_queries);
    assert_true(hits > compared / 4); /* the queries do hit: the comparison means something */
    assert_int_equal(mismatches, 0);
}

/* The smallest positive similarities, checked against NSC_SIM_MIN_NONZERO. */
static void test_min_nonzero_similarity(void **state)
{
    (void)state;
    double lowest = 1.0;
    /* the fuzzy similarity at every edit count up to the budget, for every length, with an
     * edit in the first letters (the lowest case) */
    for (size_t n = 1; n <= NSC_MAX_TOKLEN; n++)
        for (int d = 1; d <= nsc__edit_budget(n); d++) {
            double s = NSC_FOLD_FUZZY_FACTOR * nsc__fuzzy_sim(d, n, 1);
            if (s > 0 && s < lowest) lowest = s;
        }
    if (NSC_SIM_INITIAL < lowest) lowest = NSC_SIM_INITIAL;
    if (NSC_SIM_SKELETON - 0.10 < lowest) lowest = NSC_SIM_SKELETON - 0.10;
    assert_true(lowest >= NSC_SIM_MIN_NONZERO - 1e-12);
    /* and the constant is not needlessly low (retrieval keeps every pair at it) */
    assert_true(lowest < NSC_SIM_MIN_NONZERO + 0.01);
}

/* nsc__float_up gives the least float not below its argument: the bounds of retrieval (pair
 * weights and best similarities kept as floats) never fall below the doubles they bound. */
static void test_float_up(void **state)
{
    (void)state;
    const double xs[] = { 0.0,     1e-45, 1e-40, 0.1,  0.2,    1.0 / 3.0, 0.5,   0.8,
                          0.99999, 1.0,   2.5,   1e30, 3.5e38, -0.1,      -1e-40 };
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        float f = nsc__float_up(xs[i]);
        assert_true((double)f >= xs[i]);
        /* the float below f is below x: f is the least */
        assert_true((double)nextafterf(f, -INFINITY) < xs[i]);
        assert_true(f == nextafterf(nextafterf(f, -INFINITY), INFINITY));
    }
    assert_true(nsc__float_up(0.5) == 0.5f); /* exact: unchanged */
    assert_true(isinf(nsc__float_up(1e300)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_min_nonzero_similarity),
        cmocka_unit_test(test_float_up),
        cmocka_unit_test(test_indexed_equals_exhaustive),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
