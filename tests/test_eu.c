/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_eu.c: the EU Financial Sanctions Files XML loader. The verbatim EU excerpt
 * (tests/data/formats/eu_fsf_sample.xml) and a synthetic fixture (tests/data/eu) cover names in
 * several languages and scripts, weak aliases, partial and circa birth dates, citizenship,
 * documents, addresses, programmes, UN cross-references, and the load errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "api/engine.h"
#include "formats/format.h"
#include "formats/parsers.h"
#include "model/country.h"
#include "model/date.h"
#include "model/list.h"
#include "util/csvrec.h"
#include "util/mem.h"

#define FIX NSC_TEST_DATA "/eu/"
#define FORMAT "eu"

#include "parser_check.h"

/* ---- tests -------------------------------------------------------------------------------- */

static void test_official_sample(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(NSC_TEST_DATA "/formats/eu_fsf_sample.xml");
    nsc_list_info info = { .version = NSC_LIST_INFO_VERSION };
    assert_int_equal(nsc_engine_list_info(&info, eng, 0), 0);
    assert_string_equal(info.name, "eu");
    assert_string_equal(info.published, "2018-12-21");
    assert_int_equal(info.entries, 2);
    assert_int_equal(info.names, 20); /* 1 + 19 nameAlias */

    const nsc__entity *e = entity(eng, "1");
    assert_int_equal(e->type, NSC_TYPE_PERSON);
    assert_string_equal(e->names->text, "Robert Gabriel Mugabe");
    assert_int_equal(count_names(e), 1);
    assert_int_equal(e->gender, NSC_GENDER_MALE);
    expect_dobs(e, "1924-02-21");
    expect_countries(e, ""); /* countryIso2Code="00" is unknown, not a country */
    assert_non_null(e->idents);
    assert_int_equal(e->idents->type, NSC_ID_PASSPORT);
    assert_string_equal(e->idents->value, "AD001095");
    assert_null(e->idents->country);
    assert_string_equal(e->idents->label, "National passport");
    assert_string_equal(e->programs->text, "ZWE");

    e = entity(eng, "207");
    assert_int_equal(e->type, NSC_TYPE_ORGANIZATION);
    assert_int_equal(count_names(e), 19);
    assert_string_equal(e->names->text, "\xC4\xB0slami B\xC3\xBCy\xC3\xBCk Do\xC4\x9Fu "
                                        "Ak\xC4\xB1nc\xC4\xB1lar Cephesi");
    expect_name(e, "Great Islamic Eastern Warriors Front", NSC_NAME_ALIAS, 0);
    expect_name(e, "IBDA-C", NSC_NAME_ALIAS, 0);
    /* Bulgarian (Cyrillic) and Greek names are flagged as original script */
    expect_name(e,
                "\xD0\xA4\xD1\x80\xD0\xBE\xD0\xBD\xD1\x82 \xD0\xBD\xD0\xB0 "
                "\xD0\xB2\xD0\xB5\xD0\xBB\xD0\xB8\xD0\xBA\xD0\xB8\xD1\x82\xD0\xB5 "
                "\xD0\xB8\xD1\x81\xD0\xBB\xD1\x8F\xD0\xBC\xD1\x81\xD0\xBA\xD0\xB8 "
                "\xD0\xB8\xD0\xB7\xD1\x82\xD0\xBE\xD1\x87\xD0\xBD\xD0\xB8 "
                "\xD0\xB2\xD0\xBE\xD0\xB8\xD0\xBD\xD0\xB8",
                NSC_NAME_ALIAS, NSC_NAMEF_ORIGINAL_SCRIPT);
    size_t original = 0;
    for (const nsc__name *n = e->names; n; n = n->next)
        original += (n->flags & NSC_NAMEF_ORIGINAL_SCRIPT) != 0;
    assert_int_equal(original, 2);
    assert_string_equal(e->programs->text, "TERR");
    nsc_engine_free(eng);
}

static void test_synthetic_fields(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(FIX "eu_small.xml");
    nsc_list_info info = { .version = NSC_LIST_INFO_VERSION };
    assert_int_equal(nsc_engine_list_info(&info, eng, 0), 0);
    assert_string_equal(info.published, "2025-06-30");
    assert_int_equal(info.entries, 2);
    assert_int_equal(info.warnings, 0);

    const nsc__entity *e = entity(eng, "5001");
    assert_string_equal(e->names->text, "Ivan Testov");
    assert_int_equal(e->names->kind, NSC_NAME_PRIMARY);
    expect_name(e,
                "\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD \xD0\xA2\xD0\xB5\xD1\x81\xD1\x82\xD0\xBE\xD0\xB2",
                NSC_NAME_ALIAS, NSC_NAMEF_ORIGINAL_SCRIPT);
    expect_name(e, "Vanya", NSC_NAME_WEAK_ALIAS, 0);       /* strong="false" */
    expect_name(e, "Ioann P. Testoff", NSC_NAME_ALIAS, 0); /* built from the name parts */
    assert_int_equal(count_names(e), 4);
    expect_dobs(e, "~1965 1966-07-05");    /* year + circa; day/month/year */
    expect_countries(e, "3:ru 1:ru 2:ru"); /* birth, citizenship, address */
    const nsc__ident *id = e->idents;
    assert_non_null(id);
    assert_int_equal(id->type, NSC_ID_PASSPORT);
    assert_string_equal(id->value, "7512345678");
    assert_string_equal(id->country, "RU");
    assert_non_null(id->next);
    assert_int_equal(id->next->type, NSC_ID_TAX);
    assert_string_equal(e->programs->text, "TAQA");
    assert_non_null(e->xrefs);
    assert_string_equal(e->xrefs->text, "un:QDi.900");
    assert_string_equal(e->addresses->text, "Tverskaya 1, Moscow, 125009, RUSSIA");
    assert_non_null(e->birthplaces); /* city and country; the unknown country ("00") is left out */
    assert_string_equal(e->birthplaces->text, "Moscow, RUSSIA");
    assert_null(e->birthplaces->next);
    assert_null(e->listed); /* this file has no designationDate */
    assert_string_equal(e->remarks, "UNSC RESOLUTION 1267");

    e = entity(eng, "5002");
    assert_int_equal(e->type, NSC_TYPE_ORGANIZATION);
    assert_string_equal(e->names->text, "OOO Test Trading & Shipping");
    assert_string_equal(e->listed, "2022-02-25"); /* designationDate */
    assert_string_equal(e->programs->text, "UKR");
    assert_string_equal(e->programs->next->text, "RUS");
    assert_null(e->xrefs);
    nsc_engine_free(eng);
}

static void test_errors(void **state)
{
    (void)state;
    char msg[NSC__ERRMSG_CAP];
    assert_int_equal(load_err(FIX "no_logical_id.xml", msg, sizeof msg), NSC_EFORMAT);
    if (!strstr(msg, "no_logical_id.xml:7: <sanctionEntity> has no logicalId"))
        fail_msg("message: %s", msg);
    assert_int_equal(
        load_err(NSC_LISTS_DIR "/un/2026-02-27_66b392a40908/consolidated.xml", msg, sizeof msg),
        NSC_EFORMAT);
    assert_non_null(strstr(msg, "root element is <CONSOLIDATED_LIST>"));
    assert_int_equal(load_err(NSC_TEST_DATA "/un/truncated.xml", msg, sizeof msg), NSC_EFORMAT);
    assert_non_null(strstr(msg, "truncated.xml:15: invalid XML"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_official_sample),
        cmocka_unit_test(test_synthetic_fields),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
