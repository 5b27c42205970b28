/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_diff.c: comparing two versions of a list (nsc_diff_*): two real OFAC SDN issues three
 * days apart (tests/data/history) and a small FtM fixture pair with one entity added, removed
 * and changed each; order, field names, errors and argument checks.
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

#define HIST NSC_TEST_DATA "/history/"
#define FTM NSC_TEST_DATA "/ftm/"

static nsc_engine *load(const char *path, const char *format, const char *name)
{
    nsc_engine *eng = NULL;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = format;
    o.name = name;
    int rc = nsc_engine_load(eng, path, &o);
    if (rc != 0) fail_msg("loading %s: %s: %s", path, nsc_errname(rc), nsc_engine_errmsg(eng));
    return eng;
}

static void test_sdn_history(void **state)
{
    (void)state;
    nsc_engine *old_eng = load(HIST "sdn_2024-03-22.csv", "ofac", "ofac-sdn");
    nsc_engine *new_eng = load(HIST "sdn_2024-03-25.csv", "ofac", "ofac-sdn");
    nsc_diff *d = NULL;
    assert_int_equal(nsc_diff_lists(&d, old_eng, new_eng, "ofac-sdn"), 0);
    assert_non_null(d);
    size_t added = 0, removed = 0, changed = 0;
    int seen_47800 = 0, seen_47814 = 0, seen_47818 = 0;
    long prev = -1;
    for (size_t i = 0; i < nsc_diff_count(d); i++) {
        nsc_diff_kind kind;
        const char *id, *name, *fields;
        assert_int_equal(nsc_diff_get(d, i, &kind, &id, &name, &fields), 0);
        if (kind == NSC_DIFF_ADDED) {
            added++;
            assert_string_equal(fields, "");
            assert_true(name[0] != '\0');
            long v = strtol(id, NULL, 10);
            assert_true(v > prev); /* numeric ids in value order */
            prev = v;
        }
        removed += kind == NSC_DIFF_REMOVED;
        changed += kind == NSC_DIFF_CHANGED;
        seen_47800 |= strcmp(id, "47800") == 0;
        seen_47814 |= strcmp(id, "47814") == 0;
        seen_47818 |= strcmp(id, "47818") == 0;
    }
    assert_int_equal(added, 23);
    assert_int_equal(removed, 0);
    assert_int_equal(changed, 0);
    assert_true(seen_47800 && seen_47814 && seen_47818);
    nsc_diff_free(d);

    /* the same list against itself: no entries; NULL name = the first list */
    assert_int_equal(nsc_diff_lists(&d, new_eng, new_eng, NULL), 0);
    assert_int_equal(nsc_diff_count(d), 0);
    nsc_diff_free(d);

    /* reversed: the 23 are removed */
    assert_int_equal(nsc_diff_lists(&d, new_eng, old_eng, "ofac-sdn"), 0);
    assert_int_equal(nsc_diff_count(d), 23);
    nsc_diff_kind kind;
    const char *id;
    assert_int_equal(nsc_diff_get(d, 0, &kind, &id, NULL, NULL), 0);
    assert_int_equal(kind, NSC_DIFF_REMOVED);
    nsc_diff_free(d);

    nsc_engine_free(old_eng);
    nsc_engine_free(new_eng);
}

static void test_fixture_diff(void **state)
{
    (void)state;
    nsc_engine *old_eng = load(FTM "diff_old.ftm.json", "ftm", NULL);
    nsc_engine *new_eng = load(FTM "diff_new.ftm.json", "ftm", NULL);
    nsc_diff *d = NULL;
    assert_int_equal(nsc_diff_lists(&d, old_eng, new_eng, "opensanctions"), 0);
    static const struct {
        nsc_diff_kind kind;
        const char *id, *name, *fields;
    } want[] = {
        { NSC_DIFF_ADDED, "e-3", "Added Person", "" },
        { NSC_DIFF_REMOVED, "e-2", "Removed Person", "" },
        /* natural order: e-9 before e-10; e-1 is only reordered in the file, not changed */
        { NSC_DIFF_CHANGED, "e-9", "Renamed Person", "names" },
        { NSC_DIFF_CHANGED, "e-10", "Changing Company", "programs" },
    };
    assert_int_equal(nsc_diff_count(d), sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        nsc_diff_kind kind;
        const char *id, *name, *fields;
        assert_int_equal(nsc_diff_get(d, i, &kind, &id, &name, &fields), 0);
        assert_int_equal(kind, want[i].kind);
        assert_string_equal(id, want[i].id);
        assert_string_equal(name, want[i].name);
        assert_string_equal(fields, want[i].fields);
    }
    assert_int_equal(nsc_diff_get(d, 4, NULL, NULL, NULL, NULL), NSC_EINVAL);
    nsc_diff_free(d);

    /* errors */
    d = (nsc_diff *)1;
    assert_int_equal(nsc_diff_lists(&d, old_eng, new_eng, "no-such-list"), NSC_ENOTFOUND);
    assert_null(d);
    assert_int_equal(nsc_diff_lists(NULL, old_eng, new_eng, NULL), NSC_EINVAL);
    assert_int_equal(nsc_diff_lists(&d, NULL, new_eng, NULL), NSC_EINVAL);
    nsc_engine *empty = NULL;
    assert_int_equal(nsc_engine_new(&empty, NULL), 0);
    assert_int_equal(nsc_diff_lists(&d, empty, new_eng, NULL), NSC_ENOTFOUND);
    nsc_engine_free(empty);
    assert_int_equal(nsc_diff_count(NULL), 0);
    nsc_diff_free(NULL);

    nsc_engine_free(old_eng);
    nsc_engine_free(new_eng);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sdn_history),
        cmocka_unit_test(test_fixture_diff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
