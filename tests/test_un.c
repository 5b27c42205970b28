/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_un.c: the UN Security Council consolidated list XML loader. The bundled real file is
 * checked for counts and known records (aliases by QUALITY, original-script names, DOB forms);
 * small fixtures (tests/data/un) cover every field and each load error with its message.
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

#define FIX NSC_TEST_DATA "/un/"
#define UN_REAL NSC_LISTS_DIR "/un/2026-02-27_66b392a40908/consolidated.xml"

#define FORMAT "un"

#include "parser_check.h"

static void test_real_counts(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(UN_REAL);
    nsc_list_info info = { .version = NSC_LIST_INFO_VERSION };
    assert_int_equal(nsc_engine_list_info(&info, eng, 0), 0);
    assert_string_equal(info.name, "un");
    assert_string_equal(info.published, "2026-02-27");
    assert_int_equal(info.entries, 1003); /* 730 INDIVIDUAL + 273 ENTITY */
    const nsc__list *l = nsc__engine_list_at(eng, 0);
    size_t persons = 0, orgs = 0, weak = 0, former = 0, original = 0;
    for (size_t i = 0; i < l->n_entities; i++) {
        const nsc__entity *e = l->entities[i];
        persons += e->type == NSC_TYPE_PERSON;
        orgs += e->type == NSC_TYPE_ORGANIZATION;
        assert_non_null(e->names);
        assert_int_equal(e->names->kind, NSC_NAME_PRIMARY);
        assert_non_null(e->programs);
        for (const nsc__name *n = e->names; n; n = n->next) {
            weak += n->kind == NSC_NAME_WEAK_ALIAS;
            former += n->kind == NSC_NAME_FORMER;
            original += (n->flags & NSC_NAMEF_ORIGINAL_SCRIPT) != 0;
        }
    }
    assert_int_equal(persons, 730);
    assert_int_equal(orgs, 273);
    /* 615 QUALITY Low and 19 f.k.a. aliases in the file; a few repeat another name, and an
     * alias that packs several names with ';' adds each part as well. */
    assert_in_range(weak, 600, 640);
    assert_in_range(former, 15, 19);
    assert_in_range(original, 370, 378);
    /* Every country of the file maps except the placeholder "former Soviet Union". */
    for (size_t w = 0; w < info.warnings; w++) {
        const char *msg = nsc_engine_list_warning(eng, 0, w);
        assert_non_null(msg);
        if (strstr(msg, "not mapped")) assert_non_null(strstr(msg, "1 country names"));
    }
    nsc_engine_free(eng);
}

static void test_real_records(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(UN_REAL);

    const nsc__entity *e = entity(eng, "CDi.001");
    assert_int_equal(e->type, NSC_TYPE_PERSON);
    assert_string_equal(e->names->text, "ERIC BADEGE");
    assert_int_equal(count_names(e), 1); /* its one alias is empty */
    assert_int_equal(e->gender, NSC_GENDER_MALE);
    assert_string_equal(e->programs->text, "DRC");
    expect_dobs(e, "1971");
    expect_countries(e, "0:cd 2:rw");
    assert_string_equal(e->listed, "2012-12-31"); /* LISTED_ON */
    assert_non_null(e->remarks);
    assert_non_null(strstr(e->remarks, "He fled to Rwanda"));

    e = entity(eng, "IQi.001"); /* original script, a Low alias, an exact date */
    assert_string_equal(e->names->text, "SADDAM HUSSEIN AL-TIKRITI");
    expect_name(e,
                "\xD8\xB5\xD8\xAF\xD8\xA7\xD9\x85 \xD8\xAD\xD8\xB3\xD9\x8A\xD9\x86 "
                "\xD8\xA7\xD9\x84\xD8\xAA\xD9\x83\xD8\xB1\xD9\x8A\xD8\xAA\xD9\x8A",
                NSC_NAME_ALIAS, NSC_NAMEF_ORIGINAL_SCRIPT);
    expect_name(e, "Abu Ali", NSC_NAME_WEAK_ALIAS, 0);
    expect_dobs(e, "1937-04-28");
    expect_countries(e, "0:iq 3:iq");
    assert_string_equal(e->programs->text, "Iraq");

    e = entity(eng, "CDi.030"); /* DOB range, Good and Low aliases */
    expect_dobs(e, "1973..1974");
    expect_name(e, "Bosco Ntaganda", NSC_NAME_ALIAS, 0);
    expect_name(e, "Terminator", NSC_NAME_WEAK_ALIAS, 0);
    expect_name(e, "Tango Romeo", NSC_NAME_WEAK_ALIAS, 0);
    assert_int_equal(count_names(e), 9);

    e = entity(eng, "CDi.003");
    expect_name(e, "Rumuli", NSC_NAME_WEAK_ALIAS, 0);
    expect_name(e, "Victor Rumuri", NSC_NAME_ALIAS, 0);
    expect_dobs(e, "1948");

    e = entity(eng, "CDe.001"); /* entity: a.k.a. and f.k.a. */
    assert_int_equal(e->type, NSC_TYPE_ORGANIZATION);
    assert_string_equal(e->names->text, "ADF");
    expect_name(e, "Allied Democratic Forces", NSC_NAME_ALIAS, 0);
    expect_name(e, "NALU", NSC_NAME_FORMER, 0);
    expect_name(e, "ADF/NALU", NSC_NAME_FORMER, 0);
    assert_non_null(e->addresses);
    assert_string_equal(e->addresses->text, "North Kivu, Democratic Republic of the Congo");
    nsc_engine_free(eng);
}

/* ---- fixtures ----------------------------------------------------------------------------- */

static void test_fixture_fields(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(FIX "small.xml");
    nsc_list_info info = { .version = NSC_LIST_INFO_VERSION };
    assert_int_equal(nsc_engine_list_info(&info, eng, 0), 0);
    assert_int_equal(info.entries, 2);
    assert_string_equal(info.published, "2025-01-31");

    const nsc__entity *e = entity(eng, "QDi.900");
    assert_string_equal(e->names->text, "AHMAD BIN KARIM TESTER");
    assert_int_equal(e->names->kind, NSC_NAME_PRIMARY);
    expect_name(e,
                "\xD8\xA3\xD8\xAD\xD9\x85\xD8\xAF \xD8\xA8\xD9\x86 "
                "\xD9\x83\xD8\xB1\xD9\x8A\xD9\x85",
                NSC_NAME_ALIAS, NSC_NAMEF_ORIGINAL_SCRIPT);
    expect_name(e, "Abu Test", NSC_NAME_ALIAS, 0);
    expect_name(e, "Al-Tester", NSC_NAME_WEAK_ALIAS, 0);
    expect_name(e, "Ahmad Old Name", NSC_NAME_FORMER, 0);
    assert_int_equal(count_names(e), 5);
    expect_dobs(e, "1970-03-04 1968..1969 ~1971");
    expect_countries(e, "0:sy 0:tr 2:sy 3:sy");
    assert_int_equal(e->gender, NSC_GENDER_MALE);
    assert_string_equal(e->remarks, "Synthetic record for tests & fixtures.");
    assert_string_equal(e->addresses->text, "1 Test Street, Aleppo, Syrian Arab Republic");
    assert_non_null(e->birthplaces); /* INDIVIDUAL_PLACE_OF_BIRTH, its parts joined */
    assert_string_equal(e->birthplaces->text, "Aleppo, Syrian Arab Republic");
    assert_null(e->birthplaces->next);
    const nsc__ident *id = e->idents;
    assert_non_null(id);
    assert_int_equal(id->type, NSC_ID_PASSPORT);
    assert_string_equal(id->value, "N 0123456");
    assert_string_equal(id->country, "Syrian Arab Republic");
    assert_string_equal(id->label, "Passport");
    id = id->next;
    assert_non_null(id);
    assert_int_equal(id->type, NSC_ID_NATIONAL);
    assert_string_equal(id->value, "99-12345");
    assert_null(id->country);
    assert_string_equal(id->label, "National Identification Number (Civil ID)");
    assert_null(id->next); /* the passport without a NUMBER adds nothing */

    e = entity(eng, "CDe.900"); /* several names in FIRST_NAME, split on ';' */
    assert_string_equal(e->names->text, "TEST AIRLINES (TA) ; TEST AIR CARGO");
    expect_name(e, "TEST AIRLINES (TA)", NSC_NAME_ALIAS, 0);
    expect_name(e, "TEST AIR CARGO", NSC_NAME_ALIAS, 0);
    expect_name(e, "TA Cargo", NSC_NAME_ALIAS, 0);
    expect_countries(e, "2:cd");
    nsc_engine_free(eng);
}

static void test_truncated_xml(void **state)
{
    (void)state;
    char msg[NSC__ERRMSG_CAP];
    assert_int_equal(load_err(FIX "truncated.xml", msg, sizeof msg), NSC_EFORMAT);
    /* file, line and libxml2's own message */
    if (!strstr(msg, "truncated.xml:15: invalid XML: ")) fail_msg("message: %s", msg);
}

static void test_missing_reference(void **state)
{
    (void)state;
    char msg[NSC__ERRMSG_CAP];
    assert_int_equal(load_err(FIX "no_reference.xml", msg, sizeof msg), NSC_EFORMAT);
    assert_non_null(strstr(msg, "no_reference.xml:12:"));
    assert_non_null(strstr(msg, "<ENTITY> has no REFERENCE_NUMBER"));
}

static void test_bad_utf8(void **state)
{
    (void)state;
    char msg[NSC__ERRMSG_CAP];
    assert_int_equal(load_err(FIX "bad_utf8.xml", msg, sizeof msg), NSC_EENCODING);
    if (!strstr(msg, "bad_utf8.xml:5: invalid XML: ")) fail_msg("message: %s", msg);
}

static void test_not_un(void **state)
{
    (void)state;
    char msg[NSC__ERRMSG_CAP];
    assert_int_equal(load_err(NSC_TEST_DATA "/formats/eu_fsf_sample.xml", msg, sizeof msg),
                     NSC_EFORMAT);
    assert_non_null(strstr(msg, "root element is <export>"));
    assert_int_equal(load_err(FIX "does_not_exist.xml", msg, sizeof msg), NSC_EIO);
    assert_non_null(strstr(msg, "does_not_exist.xml"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_counts),
        cmocka_unit_test(test_real_records),
        cmocka_unit_test(test_fixture_fields),
        cmocka_unit_test(test_truncated_xml),
        cmocka_unit_test(test_missing_reference),
        cmocka_unit_test(test_bad_utf8),
        cmocka_unit_test(test_not_un),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
