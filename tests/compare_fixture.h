/* SPDX-License-Identifier: Apache-2.0 */
/*
 * compare_fixture.h: for the tests that compare or prepare names without lists (test_match,
 * test_words, test_arabic, test_cjk): an engine with no list, which nsc_compare and the text
 * layer need only for its tables, the CMocka setup and teardown that make and free it, and the
 * score of one pair with its explanation. Include after cmocka.h and namescreen.h.
 */
#ifndef NSC_TESTS_COMPARE_FIXTURE_H
#define NSC_TESTS_COMPARE_FIXTURE_H

#include <stdio.h>

static nsc_engine *engine;

static int setup(void **state)
{
    (void)state;
    if (nsc_engine_new(&engine, NULL) != 0 || nsc_engine_freeze(engine) != 0) return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    nsc_engine_free(engine);
    return 0;
}

/* The score of query name a, of entity type `type`, against name b; when expl is set, *expl
 * is the hit's explanation, kept until the next call. */
static double compare_typed(const char *a, const char *b, nsc_entity_type type, const char **expl)
{
    nsc_query q = NSC_QUERY_INIT;
    q.name = a;
    q.type = type;
    nsc_hits *h = NULL;
    assert_int_equal(nsc_compare(&h, engine, &q, b), 0);
    assert_int_equal(nsc_hits_count(h), 1);
    double s = nsc_hit_score(nsc_hits_get(h, 0));
    static char saved[2048];
    snprintf(saved, sizeof saved, "%s", nsc_hit_explanation(nsc_hits_get(h, 0)));
    if (expl) *expl = saved;
    nsc_hits_free(h);
    return s;
}

/* compare_typed for a query of unknown type. */
static inline double compare(const char *a, const char *b, const char **expl)
{
    return compare_typed(a, b, NSC_TYPE_UNKNOWN, expl);
}

#endif /* NSC_TESTS_COMPARE_FIXTURE_H */
