/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_ftm.c: the OpenSanctions FollowTheMoney JSON-lines loader, on synthetic fixtures
 * (tests/data/ftm) written after the format description: schemas and their types, name kinds,
 * properties, Sanction and Passport helpers resolved in a second pass, skipped entities counted
 * in warnings, and the error for a malformed line.
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

#define FIX NSC_TEST_DATA "/ftm/"
#define FORMAT "ftm"

#include "parser_check.h"

static const nsc__ident *ident(const nsc__entity *e, const char *value)
{
    for (const nsc__ident *i = e->idents; i; i = i->next)
        if (strcmp(i->value, value) == 0) return i;
    fail_msg("%s has no identifier %s", e->id, value);
    return NULL;
}

static int has_warning(const nsc_engine *eng, const char *needle)
{
    for (size_t w = 0;; w++) {
        const char *m = nsc_engine_list_warning(eng, 0, w);
        if (!m) return 0;
        if (strstr(m, needle)) return 1;
    }
}

/* ---- tests -------------------------------------------------------------------------------- */

static void test_entities(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(FIX "entities.ftm.json");
    nsc_list_info info = { .version = NSC_LIST_INFO_VERSION };
    assert_int_equal(nsc_engine_list_info(&info, eng, 0), 0);
    assert_string_equal(info.name, "opensanctions");
    assert_string_equal(info.format, "ftm");
    assert_int_equal(info.entries, 4); /* Person, Company, Vessel, Airplane targets */
    assert_int_equal(info.warnings, 3);
    assert_true(has_warning(eng, "2 non-target entities"));
    assert_true(has_warning(
        eng, "1 target entities of schemas that are not screened skipped (e.g. CryptoWallet)"));
    assert_true(has_warning(
        eng, "1 Sanction/Passport/Identification entities refer to entities not loaded"));

    const nsc__entity *e = entity(eng, "NK-test-person-1");
    assert_int_equal(e->type, NSC_TYPE_PERSON);
    assert_int_equal(e->gender, NSC_GENDER_MALE);
    assert_string_equal(e->names->text, "Ivan Petrovich Testov"); /* the caption */
    assert_int_equal(e->names->kind, NSC_NAME_PRIMARY);
    expect_name(e,
                "\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD \xD0\x9F\xD0\xB5\xD1\x82\xD1\x80"
                "\xD0\xBE\xD0\xB2\xD0\xB8\xD1\x87 \xD0\xA2\xD0\xB5\xD1\x81\xD1\x82"
                "\xD0\xBE\xD0\xB2",
                NSC_NAME_ALIAS, NSC_NAMEF_ORIGINAL_SCRIPT);
    expect_name(e, "Vanya Testov", NSC_NAME_ALIAS, 0);
    expect_name(e, "Vanya", NSC_NAME_WEAK_ALIAS, 0);
    expect_name(e, "Ivan Oldname", NSC_NAME_FORMER, 0);
    assert_int_equal(count_names(e), 5);
    expect_dobs(e, "1961-02-12 1962");
    expect_countries(e, "0:ru 1:cy 4:ru");
    assert_int_equal(ident(e, "750000001")->type, NSC_ID_PASSPORT);
    assert_int_equal(ident(e, "770000000001")->type, NSC_ID_TAX);
    const nsc__ident *pp = ident(e, "P-777"); /* from the Passport helper, line 7 */
    assert_int_equal(pp->type, NSC_ID_PASSPORT);
    assert_string_equal(pp->country, "ru");
    assert_string_equal(e->programs->text, "EU-UKR");
    assert_string_equal(e->programs->next->text, "GB-RUS");
    assert_string_equal(e->remarks, "Synthetic person for tests.");

    e = entity(eng, "NK-test-company-2");
    assert_int_equal(e->type, NSC_TYPE_ORGANIZATION);
    expect_name(e, "TSL", NSC_NAME_WEAK_ALIAS, 0);
    assert_int_equal(ident(e, "REG-42")->type, NSC_ID_REGISTRATION);
    assert_int_equal(ident(e, "TAX-42")->type, NSC_ID_TAX);
    assert_string_equal(e->addresses->text, "1 Harbour Road, Dubai");
    assert_string_equal(e->programs->text, "TEST-PROG"); /* from the Sanction helper */
    expect_countries(e, "4:ae");

    e = entity(eng, "NK-test-vessel-3");
    assert_int_equal(e->type, NSC_TYPE_VESSEL);
    expect_name(e, "OCEAN TESTER", NSC_NAME_FORMER, 0);
    assert_int_equal(ident(e, "IMO9999999")->type, NSC_ID_IMO);

    e = entity(eng, "NK-test-plane-4");
    assert_int_equal(e->type, NSC_TYPE_AIRCRAFT);
    assert_int_equal(ident(e, "EP-TST")->type, NSC_ID_AIRCRAFT);

    const nsc__list *l = nsc__engine_list_at(eng, 0);
    assert_null(nsc__list_find(l, "NK-test-relative-5", 18)); /* target: false */
    assert_null(nsc__list_find(l, "test-wallet-6", 13));
    assert_null(nsc__list_find(l, "test-address-1", 14));
    nsc_engine_free(eng);
}

static void test_malformed_line(void **state)
{
    (void)state;
    char msg[NSC__ERRMSG_CAP];
    assert_int_equal(load_err(FIX "malformed.ftm.json", msg, sizeof msg), NSC_EFORMAT);
    if (!strstr(msg, "malformed.ftm.json:3: malformed JSON")) fail_msg("message: %s", msg);
}

static void test_other_errors(void **state)
{
    (void)state;
    char msg[NSC__ERRMSG_CAP];
    /* an XML file is not JSON lines: line 1 is reported */
    assert_int_equal(load_err(NSC_TEST_DATA "/eu/eu_small.xml", msg, sizeof msg), NSC_EFORMAT);
    assert_non_null(strstr(msg, "eu_small.xml:1: malformed JSON"));
    assert_int_equal(load_err(FIX "missing.ftm.json", msg, sizeof msg), NSC_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_malformed_line),
        cmocka_unit_test(test_other_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
