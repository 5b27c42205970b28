/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_api.c: the public API's life cycle and contracts, through namescreen.h alone: versions,
 * error codes and their names, options and struct versions, load errors with their messages
 * and the all-or-nothing rule, freezing, screening options (threshold, limit, types, list,
 * only_ids), evidence, hit accessors, NULL-safety of destructors and accessors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "namescreen.h"
#include "namescreen/csv.h"

static char sdn[1024], un[1024];

static nsc_engine *engine_with(const char *path, const char *format, const char *name)
{
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = format;
    o.name = name;
    if (nsc_engine_load(e, path, &o) != 0) fail_msg("%s", nsc_engine_errmsg(e));
    return e;
}

static void test_versions_and_errors(void **state)
{
    (void)state;
    assert_string_equal(nsc_version(), NSC_VERSION_STRING);
    assert_string_equal(nsc_scoring_version(), NSC_SCORING_VERSION);
    assert_string_equal(nsc_strerror(0), "success");
    assert_string_equal(nsc_strerror(NSC_ENOMEM), "out of memory");
    assert_string_equal(nsc_errname(NSC_EFROZEN), "NSC_EFROZEN");
    assert_string_equal(nsc_strerror(-999), "unknown error");
    assert_string_equal(nsc_errname(-999), "NSC_UNKNOWN");
    /* every code in the map has a distinct name and message */
    static const int codes[] = { NSC_ENOMEM,      NSC_EINVAL,    NSC_EIO,        NSC_EFORMAT,
                                 NSC_EUNKNOWNFMT, NSC_EFROZEN,   NSC_ENOTFROZEN, NSC_EVERSION,
                                 NSC_EENCODING,   NSC_EICU,      NSC_ENOLISTS,   NSC_EDUPLICATE,
                                 NSC_ETOOLONG,    NSC_ENOTFOUND, NSC_ESTALE,     NSC_ECORRUPT };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        for (size_t j = i + 1; j < sizeof codes / sizeof codes[0]; j++) {
            assert_string_not_equal(nsc_errname(codes[i]), nsc_errname(codes[j]));
            assert_string_not_equal(nsc_strerror(codes[i]), nsc_strerror(codes[j]));
        }
    nsc_entity_type t;
    assert_int_equal(nsc_entity_type_parse(&t, "Individual"), 0);
    assert_int_equal(t, NSC_TYPE_PERSON);
    assert_int_equal(nsc_entity_type_parse(&t, "spaceship"), NSC_EINVAL);
    assert_string_equal(nsc_entity_type_name(NSC_TYPE_VESSEL), "vessel");
    assert_string_equal(nsc_name_kind_name(NSC_NAME_WEAK_ALIAS), "weak alias");
    assert_string_equal(nsc_match_kind_name(NSC_MATCH_JOINED), "joined");
}

static void test_options(void **state)
{
    (void)state;
    nsc_engine_options o;
    assert_int_equal(nsc_engine_options_init(&o, NSC_ENGINE_OPTIONS_VERSION), 0);
    assert_true(o.threshold == NSC_DEFAULT_THRESHOLD);
    assert_int_equal(nsc_engine_options_init(&o, 999), NSC_EVERSION);
    nsc_engine *e = (nsc_engine *)&o;
    o.version = 999;
    assert_int_equal(nsc_engine_new(&e, &o), NSC_EVERSION);
    assert_null(e);
    nsc_engine_options_init(&o, NSC_ENGINE_OPTIONS_VERSION);
    o.threshold = 1.5;
    assert_int_equal(nsc_engine_new(&e, &o), NSC_EINVAL);
    assert_int_equal(nsc_engine_new(NULL, NULL), NSC_EINVAL);
    /* destructors accept NULL; accessors of NULL answer harmlessly */
    nsc_engine_free(NULL);
    nsc_hits_free(NULL);
    nsc_diff_free(NULL);
    nsc_csv_close(NULL);
    assert_int_equal(nsc_hits_count(NULL), 0);
    assert_null(nsc_hits_get(NULL, 0));
    assert_string_equal(nsc_hit_list(NULL), "");
    assert_int_equal(nsc_engine_list_count(NULL), 0);
}

static void test_lifecycle(void **state)
{
    (void)state;
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    nsc_query q = NSC_QUERY_INIT;
    q.name = "Gaobin Ni";
    nsc_hits *h = (nsc_hits *)e;
    assert_int_equal(nsc_screen(&h, e, &q, NULL), NSC_ENOTFROZEN);
    assert_null(h);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = "ofac";
    assert_int_equal(nsc_engine_load(e, sdn, &lo), 0);
    assert_string_equal(nsc_engine_errmsg(e), "");
    assert_int_equal(nsc_engine_load(e, sdn, &lo), NSC_EDUPLICATE); /* same list name */
    assert_non_null(strstr(nsc_engine_errmsg(e), "ofac-sdn"));
    assert_int_equal(nsc_engine_list_count(e), 1); /* the failed load left nothing behind */
    assert_int_equal(nsc_engine_freeze(e), 0);
    assert_int_equal(nsc_engine_freeze(e), 0); /* idempotent */
    assert_int_equal(nsc_engine_load(e, un, NULL), NSC_EFROZEN);
    assert_non_null(strstr(nsc_engine_errmsg(e), "frozen"));

    nsc_list_info li;
    li.version = NSC_LIST_INFO_VERSION;
    assert_int_equal(nsc_engine_list_info(&li, e, 0), 0);
    assert_string_equal(li.name, "ofac-sdn");
    assert_string_equal(li.format, "ofac");
    assert_int_equal(li.entries, 14965);
    assert_int_equal(strlen(li.sha256), 64);
    assert_int_equal(strlen(li.xxh128), 32);
    assert_non_null(strstr(li.files, "sdn.csv"));
    assert_non_null(strstr(li.files, "alt.csv"));
    assert_true(li.warnings >= 1);
    int orphan = 0;
    for (size_t w = 0; w < li.warnings; w++)
        if (strstr(nsc_engine_list_warning(e, 0, w), "2727 alias rows")) orphan = 1;
    assert_true(orphan);
    assert_null(nsc_engine_list_warning(e, 0, li.warnings));
    assert_int_equal(nsc_engine_list_info(&li, e, 1), NSC_EINVAL);
    li.version = 99;
    assert_int_equal(nsc_engine_list_info(&li, e, 0), NSC_EVERSION);

    /* a hit carries everything the header promises */
    assert_int_equal(nsc_screen(&h, e, &q, NULL), 0);
    assert_true(nsc_hits_count(h) >= 1);
    const nsc_hit *hit = nsc_hits_get(h, 0);
    assert_string_equal(nsc_hit_entity_id(hit), "47818");
    assert_string_equal(nsc_hit_list(hit), "ofac-sdn");
    assert_int_equal(nsc_hit_entity_type(hit), NSC_TYPE_PERSON);
    assert_string_equal(nsc_hit_matched_name(hit), "NI, Gaobin");
    assert_string_equal(nsc_hit_primary_name(hit), "NI, Gaobin");
    assert_int_equal(nsc_hit_name_kind(hit), NSC_NAME_PRIMARY);
    assert_string_equal(nsc_hit_programs(hit), "CYBER2");
    assert_string_equal(nsc_hit_list_version(hit), li.xxh128);
    assert_string_equal(nsc_hit_scoring_version(hit), NSC_SCORING_VERSION);
    assert_true(nsc_hit_score(hit) == 1.0);
    assert_true(nsc_hit_token_count(hit) >= 2);
    nsc_hits_free(h);

    /* versions and arguments of a query */
    q.version = 77;
    assert_int_equal(nsc_screen(&h, e, &q, NULL), NSC_EVERSION);
    q.version = NSC_QUERY_VERSION;
    q.name = NULL;
    assert_int_equal(nsc_screen(&h, e, &q, NULL), NSC_EINVAL);
    q.given = "Gaobin";
    q.family = "Ni";
    assert_int_equal(nsc_screen(&h, e, &q, NULL), 0); /* the name in parts */
    assert_string_equal(nsc_hit_entity_id(nsc_hits_get(h, 0)), "47818");
    nsc_hits_free(h);
    q.given = q.family = NULL;
    q.name = "\xC3\x28";
    assert_int_equal(nsc_screen(&h, e, &q, NULL), NSC_EENCODING);
    nsc_engine_free(e);
}

static void test_screen_options(void **state)
{
    (void)state;
    nsc_engine *e = engine_with(sdn, "ofac", NULL);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = "un";
    assert_int_equal(nsc_engine_load(e, un, &lo), 0);
    assert_int_equal(nsc_engine_freeze(e), 0);
    nsc_query q = NSC_QUERY_INIT;
    q.name = "Mohammed Ali";
    nsc_screen_options so = NSC_SCREEN_OPTIONS_INIT;
    so.max_hits = 3;
    nsc_hits *h;
    assert_int_equal(nsc_screen(&h, e, &q, &so), 0);
    assert_int_equal(nsc_hits_count(h), 3);
    assert_true(nsc_hits_truncated(h));
    /* sorted by score, then list load order, then id */
    for (size_t i = 1; i < nsc_hits_count(h); i++)
        assert_true(nsc_hit_score(nsc_hits_get(h, i - 1)) >= nsc_hit_score(nsc_hits_get(h, i)));
    nsc_hits_free(h);

    so.max_hits = 0;
    so.list = "un";
    assert_int_equal(nsc_screen(&h, e, &q, &so), 0);
    for (size_t i = 0; i < nsc_hits_count(h); i++)
        assert_string_equal(nsc_hit_list(nsc_hits_get(h, i)), "un");
    nsc_hits_free(h);
    so.list = "nope";
    assert_int_equal(nsc_screen(&h, e, &q, &so), NSC_ENOTFOUND);

    /* a type filter */
    so.list = NULL;
    q.name = "Wuhan Xiaoruizhi Science and Technology";
    q.type = NSC_TYPE_PERSON;
    assert_int_equal(nsc_screen(&h, e, &q, &so), 0);
    assert_int_equal(nsc_hits_count(h), 0);
    nsc_hits_free(h);
    q.type = NSC_TYPE_ORGANIZATION;
    assert_int_equal(nsc_screen(&h, e, &q, &so), 0);
    assert_string_equal(nsc_hit_entity_id(nsc_hits_get(h, 0)), "47800");
    nsc_hits_free(h);

    /* only some ids (sorted), as `screen --changed-since` uses */
    static const char *const only[] = { "47814", "47818" };
    q.type = NSC_TYPE_UNKNOWN;
    q.name = "Ni Gaobin";
    so.only_ids = only;
    so.n_only_ids = 2;
    assert_int_equal(nsc_screen(&h, e, &q, &so), 0);
    assert_int_equal(nsc_hits_count(h), 1);
    nsc_hits_free(h);
    so.only_ids = NULL;
    so.n_only_ids = 0;

    /* evidence: an agreeing date of birth raises, a contradicting one lowers, and says so
     * (on a partial name, whose score is below the 0.99 cap of inexact matches) */
    q.name = "Gaobin Nie";
    so.threshold = 0.3;
    assert_int_equal(nsc_screen(&h, e, &q, &so), 0);
    assert_string_equal(nsc_hit_entity_id(nsc_hits_get(h, 0)), "47818");
    double plain = nsc_hit_score(nsc_hits_get(h, 0));
    nsc_hits_free(h);
    q.dob = "1985-10-27";
    assert_int_equal(nsc_screen(&h, e, &q, &so), 0);
    const nsc_hit *hit = nsc_hits_get(h, 0);
    assert_true(nsc_hit_score(hit) > plain);
    int dob = 0;
    for (size_t i = 0; i < nsc_hit_evidence_count(hit); i++)
        if (nsc_hit_evidence(hit, i)->kind == NSC_EVIDENCE_DOB &&
            nsc_hit_evidence(hit, i)->delta > 0)
            dob = 1;
    assert_true(dob);
    nsc_hits_free(h);
    q.dob = "1950";
    assert_int_equal(nsc_screen(&h, e, &q, &so), 0);
    const nsc_hit *contra = NULL;
    for (size_t i = 0; i < nsc_hits_count(h); i++)
        if (strcmp(nsc_hit_entity_id(nsc_hits_get(h, i)), "47818") == 0)
            contra = nsc_hits_get(h, i);
    assert_non_null(contra);
    assert_true(nsc_hit_score(contra) < plain);
    assert_non_null(strstr(nsc_hit_explanation(contra), "contradicts"));
    nsc_hits_free(h);
    nsc_engine_free(e);
}

static void test_load_errors(void **state)
{
    (void)state;
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    assert_int_equal(nsc_engine_load(e, "/nonexistent/sdn.csv", NULL), NSC_EIO);
    assert_non_null(strstr(nsc_engine_errmsg(e), "/nonexistent/sdn.csv"));
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = "klingon";
    assert_int_equal(nsc_engine_load(e, sdn, &lo), NSC_EUNKNOWNFMT);
    assert_non_null(strstr(nsc_engine_errmsg(e), "klingon"));
    lo.format = "un"; /* a wrong format is an error, not garbage */
    assert_true(nsc_engine_load(e, sdn, &lo) < 0);
    assert_non_null(strstr(nsc_engine_errmsg(e), "sdn.csv"));
    assert_int_equal(nsc_engine_list_count(e), 0);
    assert_int_equal(nsc_engine_load(e, NSC_TEST_DATA, NULL), NSC_EIO); /* a directory */
    assert_non_null(strstr(nsc_engine_errmsg(e), "directory"));
    assert_string_equal(nsc_detect_format(sdn), "ofac");
    assert_string_equal(nsc_detect_format(un), "un");
    nsc_engine_free(e);
}

int main(void)
{
    snprintf(sdn, sizeof sdn, "%s/ofac-sdn/2024-05-03_b29c8d60c3a5/sdn.csv", NSC_LISTS_DIR);
    snprintf(un, sizeof un, "%s/un/2026-02-27_66b392a40908/consolidated.xml", NSC_LISTS_DIR);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_versions_and_errors), cmocka_unit_test(test_options),
        cmocka_unit_test(test_lifecycle),           cmocka_unit_test(test_screen_options),
        cmocka_unit_test(test_load_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
