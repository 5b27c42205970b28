/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_oom.c: out-of-memory behaviour through nsc_engine_options.allocator. A failing allocator
 * fails the Nth allocation and counts live blocks; for N = 1, 2, 3, ... until a run completes,
 * engine creation, loading of a small fixture of each format, freezing, screening and compare
 * must return NSC_ENOMEM or succeed, leave the engine usable (a retry without failures works)
 * and leak nothing (the live count returns to 0 once the engine and hit sets are freed).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lists_fixture.h"
#include "namescreen.h"

/* Every block carries a header so that a free() of memory that did not come from this
 * allocator (or a double free) is caught at once. */
#define OOM_MAGIC 0x6e73636f6f6d2121ull
typedef struct block_head {
    uint64_t magic;
    size_t size;
} block_head;
#define HEAD_SIZE 16

typedef struct failing_alloc {
    atomic_long calls;   /* allocations attempted (malloc and realloc) */
    atomic_long fail_at; /* the call number that fails; 0 = never */
    atomic_long live;    /* blocks allocated and not freed */
    atomic_long failed;  /* allocations refused */
} failing_alloc;

static int should_fail(failing_alloc *fa)
{
    long n = atomic_fetch_add(&fa->calls, 1) + 1;
    long at = atomic_load(&fa->fail_at);
    if (at > 0 && n == at) {
        atomic_fetch_add(&fa->failed, 1);
        return 1;
    }
    return 0;
}

static void *fa_malloc(void *ctx, size_t size)
{
    failing_alloc *fa = ctx;
    if (should_fail(fa) || size > SIZE_MAX - HEAD_SIZE) return NULL;
    block_head *h = malloc(HEAD_SIZE + size);
    if (h == NULL) return NULL;
    h->magic = OOM_MAGIC;
    h->size = size;
    atomic_fetch_add(&fa->live, 1);
    return (char *)h + HEAD_SIZE;
}

static block_head *head_of(void *p)
{
    block_head *h = (block_head *)(void *)((char *)p - HEAD_SIZE);
    if (h->magic != OOM_MAGIC) {
        fprintf(stderr, "test_oom: free or realloc of a block not from the allocator hook\n");
        abort();
    }
    return h;
}

static void *fa_realloc(void *ctx, void *p, size_t size)
{
    failing_alloc *fa = ctx;
    if (p == NULL) return fa_malloc(ctx, size);
    block_head *h = head_of(p);
    if (should_fail(fa) || size > SIZE_MAX - HEAD_SIZE) return NULL;
    block_head *n = realloc(h, HEAD_SIZE + size);
    if (n == NULL) return NULL;
    n->size = size;
    return (char *)n + HEAD_SIZE;
}

static void fa_free(void *ctx, void *p)
{
    failing_alloc *fa = ctx;
    if (p == NULL) return;
    block_head *h = head_of(p);
    h->magic = 0;
    atomic_fetch_sub(&fa->live, 1);
    free(h);
}

static void fa_reset(failing_alloc *fa, long fail_at)
{
    atomic_store(&fa->calls, 0);
    atomic_store(&fa->fail_at, fail_at);
    atomic_store(&fa->failed, 0);
}

/* One fixture per parser: format, path. */
static const struct oom_case {
    const char *format;
    const char *path;
} oom_cases[] = {
    { "ofac", NSC_TEST_DATA "/ofac/good/sdn.csv" },
    { "ofac-advanced", NSC_TEST_DATA "/ofac_xml/sdn_advanced_han.xml" },
    { "ofac-enhanced", NSC_TEST_DATA "/ofac_xml/ofac_cons_enhanced_sample.xml" },
    { "un", NSC_TEST_DATA "/un/small.xml" },
    { "uk", NSC_TEST_DATA "/uk/uk_full.csv" },
    { "eu", NSC_TEST_DATA "/eu/eu_small.xml" },
    { "ftm", NSC_TEST_DATA "/ftm/entities.ftm.json" },
    { "os-csv", NSC_TEST_DATA "/oscsv/targets_new.csv" },
    { "csv", NSC_TEST_DATA "/generic/conventional.csv" },
};

/* What a run without failures gives, to compare successful runs against. */
typedef struct reference {
    size_t lists, hits, compare_hits;
    char top_id[128];
    double top_score, compare_score;
} reference;

static const char *const query_name = "Mohammed Ali Hassan";

/* The first primary name of the fixture is screened: it hits for every format. */
static void first_name_of(char *buf, size_t cap, const struct oom_case *c)
{
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = c->format;
    int rc = nsc_engine_load(e, c->path, &lo);
    if (rc != 0) print_error("%s: %s\n", c->path, nsc_engine_errmsg(e));
    assert_int_equal(rc, 0);
    assert_int_equal(nsc_engine_freeze(e), 0);
    /* Any hit at threshold 0 gives a list name to screen for. */
    nsc_query q = NSC_QUERY_INIT;
    q.name = query_name;
    nsc_screen_options so = NSC_SCREEN_OPTIONS_INIT;
    so.threshold = 0.0;
    so.max_hits = 1;
    nsc_hits *h;
    assert_int_equal(nsc_screen(&h, e, &q, &so), 0);
    if (nsc_hits_count(h) > 0)
        snprintf(buf, cap, "%s", nsc_hit_matched_name(nsc_hits_get(h, 0)));
    else
        snprintf(buf, cap, "%s", query_name);
    nsc_hits_free(h);
    nsc_engine_free(e);
}

/* One pass: every step may fail with NSC_ENOMEM (then it is retried without failures, which
 * must work) or succeed. Returns 1 when no allocation was refused. */
static int one_run(failing_alloc *fa, const struct oom_case *c, const char *name, long fail_at,
                   reference *ref)
{
    nsc_engine_options opts = NSC_ENGINE_OPTIONS_INIT;
    opts.allocator.malloc = fa_malloc;
    opts.allocator.realloc = fa_realloc;
    opts.allocator.free = fa_free;
    opts.allocator.ctx = fa;
    fa_reset(fa, fail_at);

    nsc_engine *eng = (nsc_engine *)(uintptr_t)1;
    int rc = nsc_engine_new(&eng, &opts);
    if (rc != 0) {
        assert_int_equal(rc, NSC_ENOMEM);
        assert_null(eng);
        assert_int_equal(atomic_load(&fa->live), 0);
        return 0;
    }

    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = c->format;
    rc = nsc_engine_load(eng, c->path, &lo);
    if (rc != 0) {
        if (rc != NSC_ENOMEM)
            print_error("N=%ld: load: %s: %s\n", fail_at, nsc_errname(rc), nsc_engine_errmsg(eng));
        assert_int_equal(rc, NSC_ENOMEM);
        assert_int_equal(nsc_engine_list_count(eng), 0); /* all or nothing */
        atomic_store(&fa->fail_at, 0);
        rc = nsc_engine_load(eng, c->path, &lo); /* still usable */
        if (rc != 0)
            print_error("N=%ld: load retry: %s: %s\n", fail_at, nsc_errname(rc),
                        nsc_engine_errmsg(eng));
        assert_int_equal(rc, 0);
    }
    assert_int_equal(nsc_engine_list_count(eng), 1);

    rc = nsc_engine_freeze(eng);
    if (rc != 0) {
        if (rc != NSC_ENOMEM)
            print_error("N=%ld (%s): freeze: %s, want NSC_ENOMEM\n", fail_at, c->format,
                        nsc_errname(rc));
        assert_int_equal(rc, NSC_ENOMEM);
        atomic_store(&fa->fail_at, 0);
        rc = nsc_engine_freeze(eng);
        if (rc != 0)
            print_error("N=%ld: freeze retry after ENOMEM: %s\n", fail_at, nsc_errname(rc));
        assert_int_equal(rc, 0);
    }

    rc = nsc_engine_prepare_threads(eng, 2);
    if (rc != 0) { /* what it built is kept or freed; a later call or the queries finish it */
        if (rc != NSC_ENOMEM)
            print_error("N=%ld (%s): prepare: %s, want NSC_ENOMEM\n", fail_at, c->format,
                        nsc_errname(rc));
        assert_int_equal(rc, NSC_ENOMEM);
        atomic_store(&fa->fail_at, 0);
        assert_int_equal(nsc_engine_prepare_threads(eng, 2), 0);
    }

    nsc_query q = NSC_QUERY_INIT;
    q.name = name;
    nsc_screen_options so = NSC_SCREEN_OPTIONS_INIT;
    so.threshold = 0.5;
    nsc_hits *hits = (nsc_hits *)(uintptr_t)1;
    rc = nsc_screen(&hits, eng, &q, &so);
    if (rc != 0) {
        assert_int_equal(rc, NSC_ENOMEM);
        assert_null(hits);
        atomic_store(&fa->fail_at, 0);
        assert_int_equal(nsc_screen(&hits, eng, &q, &so), 0);
    }
    size_t n = nsc_hits_count(hits);
    const nsc_hit *top = nsc_hits_get(hits, 0);
    if (ref->lists == 0) {
        ref->lists = 1;
        ref->hits = n;
        snprintf(ref->top_id, sizeof ref->top_id, "%s", top ? nsc_hit_entity_id(top) : "");
        ref->top_score = top ? nsc_hit_score(top) : -1.0;
    } else {
        assert_int_equal(n, ref->hits);
        assert_string_equal(top ? nsc_hit_entity_id(top) : "", ref->top_id);
        assert_true((top ? nsc_hit_score(top) : -1.0) == ref->top_score);
    }

    nsc_hits *cmp = (nsc_hits *)(uintptr_t)1;
    rc = nsc_compare(&cmp, eng, &q, "Muhammad Aly Hasan");
    if (rc != 0) {
        assert_int_equal(rc, NSC_ENOMEM);
        assert_null(cmp);
        atomic_store(&fa->fail_at, 0);
        assert_int_equal(nsc_compare(&cmp, eng, &q, "Muhammad Aly Hasan"), 0);
    }
    assert_int_equal(nsc_hits_count(cmp), 1);
    double cs = nsc_hit_score(nsc_hits_get(cmp, 0));
    if (ref->compare_hits == 0) {
        ref->compare_hits = 1;
        ref->compare_score = cs;
    } else {
        assert_true(cs == ref->compare_score);
    }

    nsc_hits_free(cmp);
    nsc_hits_free(hits);
    nsc_engine_free(eng);
    if (atomic_load(&fa->live) != 0)
        print_error("N=%ld (%s): %ld blocks leaked\n", fail_at, c->format, atomic_load(&fa->live));
    assert_int_equal(atomic_load(&fa->live), 0);
    return atomic_load(&fa->failed) == 0;
}

static void test_oom_case(void **state)
{
    const struct oom_case *c = *state;
    failing_alloc fa;
    memset(&fa, 0, sizeof fa);
    char name[512];
    first_name_of(name, sizeof name, c);
    reference ref;
    memset(&ref, 0, sizeof ref);
    /* The reference run, without failures; it also counts the allocations of a whole run. */
    assert_int_equal(one_run(&fa, c, name, 0, &ref), 1);
    long total = atomic_load(&fa.calls);
    assert_true(total > 0); /* the hook is used at all */
    long n;
    for (n = 1; n < 1000000; n++)
        if (one_run(&fa, c, name, n, &ref)) break;
    print_message("%s: %ld allocations in a full run, failed each of them in turn\n", c->format,
                  total);
    assert_true(n > total); /* each of them was failed once */
}

/* An engine with a NULL-field allocator uses the C library; a partial one is refused or
 * ignored but never used half. */
static void test_partial_allocator(void **state)
{
    (void)state;
    failing_alloc fa;
    memset(&fa, 0, sizeof fa);
    nsc_engine_options opts = NSC_ENGINE_OPTIONS_INIT;
    opts.allocator.malloc = fa_malloc;
    opts.allocator.ctx = &fa;
    nsc_engine *e = NULL;
    int rc = nsc_engine_new(&e, &opts);
    assert_true(rc == 0 || rc == NSC_EINVAL);
    nsc_engine_free(e);
    assert_int_equal(atomic_load(&fa.live), 0);
}

/* Loading a lists directory (two lists, a checked.csv) with the Nth allocation failed, for every
 * N: NSC_ENOMEM and nothing loaded, or success; nothing leaks either way. */
static void test_lists_dir(void **state)
{
    (void)state;
    char root[64], v[64];
    fx_root(root);
    fx_sources(root, "list,format,url\nun,un,x\nmini,csv,y\n");
    fx_version(v, root, "un", "un", NSC_TEST_DATA "/un/small.xml", "consolidated.xml", "",
               "2026-01-01T00:00:00Z", 1);
    fx_version(v, root, "mini", "csv", NSC_TEST_DATA "/generic/conventional.csv", "mini.csv",
               "2026-01-02", "2026-01-02T00:00:00Z", 1);
    fx_checked(root, "un", "2026-01-03T00:00:00Z");
    failing_alloc fa;
    memset(&fa, 0, sizeof fa);
    nsc_engine_options opts = NSC_ENGINE_OPTIONS_INIT;
    opts.allocator = (nsc_allocator){ fa_malloc, fa_realloc, fa_free, &fa };
    long n;
    for (n = 1; n < 100000; n++) {
        fa_reset(&fa, 0);
        nsc_engine *e;
        assert_int_equal(nsc_engine_new(&e, &opts), 0);
        atomic_store(&fa.fail_at, atomic_load(&fa.calls) + n);
        int rc = nsc_engine_load_dir(e, root);
        int failed = atomic_load(&fa.failed) != 0;
        if (failed) {
            if (rc != NSC_ENOMEM) print_error("N=%ld: %d %s\n", n, rc, nsc_engine_errmsg(e));
            assert_int_equal(rc, NSC_ENOMEM);
            assert_int_equal(nsc_engine_list_count(e), 0);
        } else {
            assert_int_equal(rc, 0);
            assert_int_equal(nsc_engine_list_count(e), 2);
            nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
            assert_int_equal(nsc_engine_list_info(&li, e, 0), 0);
            assert_string_equal(li.checked, "2026-01-03T00:00:00Z");
        }
        nsc_engine_free(e);
        assert_int_equal(atomic_load(&fa.live), 0);
        if (!failed) break;
    }
    print_message("lists dir: failed each of %ld allocations in turn\n", n - 1);
    assert_true(n > 10);
    fx_rm(root);
}

int main(void)
{
    struct CMUnitTest tests[sizeof oom_cases / sizeof oom_cases[0] + 2];
    size_t n = 0;
    for (size_t i = 0; i < sizeof oom_cases / sizeof oom_cases[0]; i++) {
        struct CMUnitTest t =
            cmocka_unit_test_prestate(test_oom_case, (void *)(uintptr_t)&oom_cases[i]);
        t.name = oom_cases[i].format;
        tests[n++] = t;
    }
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_partial_allocator);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_lists_dir);
    return _cmocka_run_group_tests("oom", tests, n, NULL, NULL);
}
