/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_reload.c: replacing the engine of a long-running host while threads screen on it:
 * reference counts, engine slots, and hits that outlive the engine they came from.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>

#include "namescreen.h"

#define DIR NSC_TEST_DATA "/entity/"
#define THREADS 4
#define ROUNDS 400 /* per thread */

static nsc_engine *open_list(const char *path, int freeze)
{
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = "csv";
    lo.name = "l";
    assert_int_equal(nsc_engine_load(e, path, &lo), 0);
    if (freeze) assert_int_equal(nsc_engine_freeze(e), 0);
    return e;
}

static void test_refs(void **state)
{
    (void)state;
    nsc_engine *e = open_list(DIR "generic.csv", 0);
    nsc_engine_slot *slot = (nsc_engine_slot *)1;
    assert_int_equal(nsc_engine_slot_new(&slot, e), NSC_ENOTFROZEN);
    assert_null(slot);
    assert_int_equal(nsc_engine_slot_new(&slot, NULL), NSC_EINVAL);
    assert_int_equal(nsc_engine_freeze(e), 0);
    /* two extra references: the engine survives two unrefs and still screens */
    assert_ptr_equal(nsc_engine_ref(e), e);
    assert_ptr_equal(nsc_engine_ref(e), e);
    nsc_engine_unref(e);
    nsc_engine_free(e);
    nsc_query q = NSC_QUERY_INIT;
    q.name = "Ivan Primerov";
    nsc_hits *hits;
    assert_int_equal(nsc_screen(&hits, e, &q, NULL), 0);
    assert_int_equal(nsc_hits_count(hits), 1);
    nsc_engine_unref(e); /* the caller's last: the hit set still holds one */
    assert_string_equal(nsc_entity_id(nsc_hit_entity(nsc_hits_get(hits, 0))), "E1");
    nsc_hits_free(hits); /* frees the engine (ASan and valgrind see a leak otherwise) */
    nsc_engine_unref(NULL);
    assert_null(nsc_engine_ref(NULL));
    assert_null(nsc_engine_slot_acquire(NULL));
    nsc_engine_slot_free(NULL);
}

typedef struct shared {
    nsc_engine_slot *slot;
    atomic_int started;
    atomic_int swapped;
    int failures;
    pthread_mutex_t lock;
} shared;

/* Screens "Example Trading LLC", an alias only the second engine has, over and over: the hit
 * appears when the swap happened, and once seen it never goes away (the swap is one-way). */
static void *worker(void *arg)
{
    shared *sh = arg;
    int seen_new = 0, bad = 0;
    nsc_hits *kept = NULL; /* a hit set of the old engine, read after the swap */
    /* at least ROUNDS, and on until the new engine shows (bounded, for a slow machine) */
    for (long r = 0; r < ROUNDS || (!seen_new && r < 2L * 1000 * 1000); r++) {
        nsc_engine *e = nsc_engine_slot_acquire(sh->slot);
        nsc_query q = NSC_QUERY_INIT;
        q.name = "Example Trading LLC";
        nsc_hits *hits;
        if (nsc_screen(&hits, e, &q, NULL) != 0) bad++;
        size_t n = nsc_hits_count(hits);
        if (n == 1 && strcmp(nsc_hit_entity_id(nsc_hits_get(hits, 0)), "E2") == 0)
            seen_new = 1;
        else if (n == 0 && seen_new)
            bad++; /* the old engine after the new one */
        else if (n > 1)
            bad++;
        nsc_hits_free(hits);
        if (!kept && !seen_new) {
            q.name = "Ivan Primerov";
            if (nsc_screen(&kept, e, &q, NULL) != 0) bad++;
        }
        nsc_engine_unref(e);
        if (r == 10) atomic_fetch_add(&sh->started, 1);
    }
    if (!seen_new) bad++;
    /* the old engine's hits are intact whatever happened to it */
    if (kept && (nsc_hits_count(kept) != 1 ||
                 strcmp(nsc_entity_primary_name(nsc_hit_entity(nsc_hits_get(kept, 0))),
                        "Ivan Testovich Primerov") != 0))
        bad++;
    nsc_hits_free(kept);
    pthread_mutex_lock(&sh->lock);
    sh->failures += bad;
    pthread_mutex_unlock(&sh->lock);
    return NULL;
}

static void test_swap_under_load(void **state)
{
    (void)state;
    shared sh;
    memset(&sh, 0, sizeof sh);
    pthread_mutex_init(&sh.lock, NULL);
    assert_int_equal(nsc_engine_slot_new(&sh.slot, open_list(DIR "generic.csv", 1)), 0);
    nsc_engine *fresh = open_list(DIR "changed.csv", 1);
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) assert_int_equal(pthread_create(&t[i], NULL, worker, &sh), 0);
    /* swap once every thread has screened a few names on the old engine (bounded wait) */
    for (long spin = 0; atomic_load(&sh.started) < THREADS && spin < 2000000000L; spin++)
        sched_yield();
    assert_int_equal(nsc_engine_slot_swap(sh.slot, fresh), 0);
    for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
    assert_int_equal(sh.failures, 0);
    nsc_engine *e = open_list(DIR "generic.csv", 0);
    assert_int_equal(nsc_engine_slot_swap(sh.slot, e), NSC_ENOTFROZEN);
    nsc_engine_free(e);
    nsc_engine_slot_free(sh.slot);
    pthread_mutex_destroy(&sh.lock);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refs),
        cmocka_unit_test(test_swap_under_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
