/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_detect.c: format detection from a file's first 8 KB, on the real bundled lists, the
 * format samples and the fixtures; files that are not clearly one format are refused (NULL),
 * and a generic CSV is never guessed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "api/engine.h"
#include "formats/format.h"
#include "formats/parsers.h"
#include "model/country.h"
#include "model/date.h"
#include "model/list.h"
#include "util/csvrec.h"
#include "util/mem.h"
#include "namescreen.h"

typedef struct detect_case {
    const char *path;
    const char *want; /* NULL: refused */
} detect_case;

static const detect_case cases[] = {
    /* real bundled lists */
    { NSC_LISTS_DIR "/ofac-sdn/2024-05-03_b29c8d60c3a5/sdn.csv", "ofac" },
    { NSC_LISTS_DIR "/ofac-cons/2025-12-19_8c11b5ad7560/cons_prim.csv", "ofac" },
    { NSC_LISTS_DIR "/un/2026-02-27_66b392a40908/consolidated.xml", "un" },
    { NSC_LISTS_DIR "/uk/2025-08-11_4f4eb695fcd6/uk_sanctions_list_summary.csv", "uk" },
    { NSC_TEST_DATA "/history/sdn_2024-03-22.csv", "ofac" },
    /* OFAC companion files are not lists by themselves */
    { NSC_LISTS_DIR "/ofac-sdn/2024-05-03_b29c8d60c3a5/alt.csv", NULL },
    { NSC_LISTS_DIR "/ofac-sdn/2024-05-03_b29c8d60c3a5/add.csv", NULL },
    { NSC_LISTS_DIR "/ofac-cons/2025-12-19_8c11b5ad7560/cons_comments.csv", NULL },
    { NSC_TEST_DATA "/formats/sdn_comments_2025-12-24.csv", NULL },
    /* real-format samples */
    { NSC_TEST_DATA "/formats/uk_sanctions_list_sample.csv", "uk" },
    { NSC_TEST_DATA "/formats/eu_fsf_sample.xml", "eu" },
    { NSC_TEST_DATA "/formats/ofac_enhanced_xml.xsd", NULL },
    /* fixtures */
    { NSC_TEST_DATA "/uk/uk_full.csv", "uk" },
    { NSC_TEST_DATA "/oscsv/targets_new.csv", "os-csv" },
    { NSC_TEST_DATA "/oscsv/targets_old.csv", "os-csv" },
    { NSC_TEST_DATA "/oscsv/synthetic.ftm.json", "ftm" },
    { NSC_TEST_DATA "/csv/mixed.csv", NULL },
    { NSC_TEST_DATA "/generic/custom_cols.csv", NULL },
    { NSC_TEST_DATA "/generic/conventional.csv", NULL },
    { NSC_TEST_DATA "/generic/almost_oscsv.csv", NULL },
    { NSC_TEST_DATA "/generic/ofac_like_11_fields.csv", NULL },
    { NSC_TEST_DATA "/generic/ambiguous.xml", NULL },
    { NSC_TEST_DATA "/generic/empty.csv", NULL },
    /* not files */
    { NSC_TEST_DATA "/generic", NULL },
    { NSC_TEST_DATA "/generic/does_not_exist.csv", NULL },
};

static void test_detect(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = nsc_detect_format(cases[i].path);
        const char *want = cases[i].want;
        if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0))
            fail_msg("%s: detected %s, expected %s", cases[i].path, got ? got : "NULL",
                     want ? want : "NULL");
        /* the internal entry point agrees, and every detected format is registered */
        assert_true(nsc__format_detect(cases[i].path) == got);
        if (got) assert_non_null(nsc__format_find(got));
    }
    assert_null(nsc_detect_format(NULL));
}

static void test_registry(void **state)
{
    (void)state;
    static const char *const names[] = { "ofac", "un", "uk", "eu", "ftm", "os-csv", "csv" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const nsc__format *f = nsc__format_find(names[i]);
        assert_non_null(f);
        assert_string_equal(f->name, names[i]);
        assert_non_null(f->parse);
    }
    assert_string_equal(nsc__format_find("uk")->default_list, "uk");
    assert_string_equal(nsc__format_find("os-csv")->default_list, "opensanctions");
    assert_null(nsc__format_find("csv")->default_list); /* derived from the file name */
    assert_null(nsc__format_find("UK"));
    assert_null(nsc__format_find("xlsx"));
    assert_null(nsc__format_find(NULL));
}

/* A load without a format refuses a file that detection cannot place. */
static void test_load_refuses_generic(void **state)
{
    (void)state;
    nsc_engine *eng;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    assert_int_equal(nsc_engine_load(eng, NSC_TEST_DATA "/generic/custom_cols.csv", NULL),
                     NSC_EUNKNOWNFMT);
    assert_int_equal(nsc_engine_list_count(eng), 0);
    nsc_engine_free(eng);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_load_refuses_generic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
