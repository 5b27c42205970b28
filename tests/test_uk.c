/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_uk.c: the UK Sanctions List parser: the bundled summary CSV (counts from the real
 * file), the full 58-column layout (tests/data/uk/uk_full.csv: merged rows, name parts,
 * aliases, weak alias, non-Latin names, DOB placeholders, UN reference, short rows) and errors.
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

#define UK_SUMMARY NSC_LISTS_DIR "/uk/2025-08-11_4f4eb695fcd6/uk_sanctions_list_summary.csv"

static nsc_engine *load_ok(const char *path, const char *format, const char *published,
                           nsc_list_info *info)
{
    nsc_engine *eng;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = format;
    o.published = published;
    int rc = nsc_engine_load(eng, path, &o);
    if (rc != 0) fail_msg("load %s: %s", path, nsc_engine_errmsg(eng));
    info->version = NSC_LIST_INFO_VERSION;
    assert_int_equal(nsc_engine_list_info(info, eng, 0), 0);
    return eng;
}

static const nsc__entity *entity(const nsc_engine *eng, const char *id)
{
    const nsc__entity *e = nsc__list_find(nsc__engine_list_at(eng, 0), id, strlen(id));
    if (!e) fail_msg("no entity %s", id);
    return e;
}

static const nsc__name *name_at(const nsc__entity *e, int i)
{
    const nsc__name *n = e->names;
    while (n && i-- > 0) n = n->next;
    assert_non_null(n);
    return n;
}

static int count_names(const nsc__entity *e)
{
    int k = 0;
    for (const nsc__name *n = e->names; n; n = n->next) k++;
    return k;
}

/* "1945; 1970-06; 1971-03-12" */
static void dobs_string(char *out, size_t cap, const nsc__entity *e)
{
    out[0] = '\0';
    for (const nsc__dob *d = e->dobs; d; d = d->next) {
        char b[32];
        nsc__date_format(b, &d->date);
        if (out[0]) strncat(out, "; ", cap - strlen(out) - 1);
        strncat(out, b, cap - strlen(out) - 1);
    }
}

static void texts_string(char *out, size_t cap, const nsc__text *t)
{
    out[0] = '\0';
    for (; t; t = t->next) {
        if (out[0]) strncat(out, "; ", cap - strlen(out) - 1);
        strncat(out, t->text, cap - strlen(out) - 1);
    }
}

static const nsc__country *country_with_role(const nsc__entity *e, int role)
{
    for (const nsc__country *c = e->countries; c; c = c->next)
        if (c->role == role) return c;
    return NULL;
}

static void test_summary_counts(void **state)
{
    (void)state;
    nsc_list_info info;
    nsc_engine *eng = load_ok(UK_SUMMARY, "uk", NULL, &info);
    assert_string_equal(info.name, "uk");
    assert_string_equal(info.format, "uk");
    assert_int_equal(info.entries, 5302);
    /* one name per designation, except two whose Name cell is blank in the real file */
    assert_int_equal(info.names, 5300);
    assert_int_equal(info.warnings, 1);
    assert_string_equal(nsc_engine_list_warning(eng, 0, 0),
                        "uk_sanctions_list_summary.csv: 2 designations have no name and cannot "
                        "match (BEL0174, RUS1467)");
    assert_string_equal(info.published, ""); /* the summary carries no date */
    const nsc__list *l = nsc__engine_list_at(eng, 0);
    const nsc__entity *afg = nsc__list_find(l, "AFG0001", 7);
    assert_non_null(afg);
    assert_string_equal(afg->listed, "2012-06-29"); /* Date Designated 29-06-2012 */
    size_t by_type[5] = { 0 };
    for (size_t i = 0; i < l->n_entities; i++) by_type[l->entities[i]->type]++;
    assert_int_equal(by_type[NSC_TYPE_PERSON], 3754);
    assert_int_equal(by_type[NSC_TYPE_ORGANIZATION], 1087);
    assert_int_equal(by_type[NSC_TYPE_VESSEL], 461);
    assert_int_equal(by_type[NSC_TYPE_UNKNOWN], 0);

    const nsc__entity *e = entity(eng, "AFG0006");
    assert_string_equal(e->names->text, "AKHUND MOHAMMAD HASSAN");
    assert_int_equal(e->names->kind, NSC_NAME_PRIMARY);
    assert_string_equal(e->programs->text, "Afghanistan");
    assert_string_equal(e->xrefs->text, "ofsi:7172");
    e = entity(eng, "AFG0001");
    assert_int_equal(e->type, NSC_TYPE_ORGANIZATION);
    assert_string_equal(e->names->text, "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE");
    nsc_engine_free(eng);
}

static void test_summary_detected_and_dated(void **state)
{
    (void)state;
    nsc_list_info info;
    nsc_engine *eng = load_ok(UK_SUMMARY, NULL, "2026-02-27", &info);
    assert_string_equal(info.format, "uk");
    assert_string_equal(info.published, "2026-02-27");
    assert_int_equal(info.entries, 5302);
    nsc_engine_free(eng);
}

static void test_full_layout(void **state)
{
    (void)state;
    nsc_list_info info;
    nsc_engine *eng = load_ok(NSC_TEST_DATA "/uk/uk_full.csv", "uk", "1999-01-01", &info);
    assert_string_equal(info.name, "uk");
    assert_int_equal(info.entries, 3);
    assert_int_equal(info.names, 8);
    assert_string_equal(info.published, "2026-03-05"); /* the banner wins over the option */
    assert_int_equal(info.warnings, 1);
    const char *w = nsc_engine_list_warning(eng, 0, 0);
    assert_non_null(w);
    assert_non_null(strstr(w, "uk_full.csv: 1 rows have fewer fields than the header's 58"));
    assert_non_null(strstr(w, "line 10"));

    /* four rows merged; the primary name came second and is moved in front */
    const nsc__entity *e = entity(eng, "TST0001");
    assert_int_equal(e->type, NSC_TYPE_PERSON);
    assert_int_equal(count_names(e), 4);
    assert_string_equal(name_at(e, 0)->text, "Abdul Rahim Al SAMPLEMAN");
    assert_non_null(e->birthplaces); /* Town of birth (empty here), Country of birth */
    assert_string_equal(e->birthplaces->text, "Pakistan");
    assert_null(e->listed); /* no Date Designated in its rows */
    assert_int_equal(name_at(e, 0)->kind, NSC_NAME_PRIMARY);
    assert_string_equal(name_at(e, 1)->text, "Omar EXAMPLE");
    assert_int_equal(name_at(e, 1)->kind, NSC_NAME_ALIAS);
    assert_string_equal(name_at(e, 2)->text, "عبد الرحيم");
    assert_int_equal(name_at(e, 2)->kind, NSC_NAME_ALIAS);
    assert_int_equal(name_at(e, 2)->flags & NSC_NAMEF_ORIGINAL_SCRIPT, NSC_NAMEF_ORIGINAL_SCRIPT);
    assert_string_equal(name_at(e, 3)->text, "Abu Testa");
    assert_int_equal(name_at(e, 3)->kind, NSC_NAME_WEAK_ALIAS);
    char buf[512];
    dobs_string(buf, sizeof buf, e);
    assert_string_equal(buf, "1945; 1970-06; 1971-03-12");
    texts_string(buf, sizeof buf, e->xrefs);
    assert_string_equal(buf, "un:QDi.901; ofsi:90001");
    texts_string(buf, sizeof buf, e->programs);
    assert_string_equal(buf, "The Testland (Sanctions) (EU Exit) Regulations 2020");
    assert_non_null(e->idents);
    assert_int_equal(e->idents->type, NSC_ID_PASSPORT);
    assert_string_equal(e->idents->value, "P1234567");
    assert_null(e->idents->next);
    assert_int_equal(e->gender, NSC_GENDER_MALE);
    assert_string_equal(e->remarks, "Line one, with comma\nLine two \"quoted\"");
    const nsc__country *c = country_with_role(e, NSC_COUNTRY_NATIONALITY);
    assert_non_null(c);
    assert_string_equal(c->text, "Afghanistan");
    assert_string_equal(c->code, "af");
    assert_null(c->next && c->next->role == NSC_COUNTRY_NATIONALITY ? c->next : NULL);
    c = country_with_role(e, NSC_COUNTRY_BIRTH);
    assert_non_null(c);
    assert_string_equal(c->code, "pk");

    e = entity(eng, "TST0002");
    assert_int_equal(e->type, NSC_TYPE_ORGANIZATION);
    assert_int_equal(count_names(e), 2);
    assert_string_equal(name_at(e, 0)->text, "TESTING TRADING COMPANY LLC");
    assert_string_equal(name_at(e, 1)->text, "TESTING TRADING CO");
    assert_int_equal(name_at(e, 1)->kind, NSC_NAME_ALIAS);
    texts_string(buf, sizeof buf, e->addresses);
    assert_string_equal(buf, "1 Sample Street, Kabul, Afghanistan");
    assert_int_equal(e->idents->type, NSC_ID_REGISTRATION);
    assert_non_null(country_with_role(e, NSC_COUNTRY_ADDRESS));
    texts_string(buf, sizeof buf, e->xrefs);
    assert_string_equal(buf, "ofsi:90002");

    e = entity(eng, "TST0003");
    assert_int_equal(e->type, NSC_TYPE_VESSEL);
    assert_string_equal(name_at(e, 0)->text, "SEA EXAMPLE");
    assert_string_equal(name_at(e, 1)->text, "МОРСКОЙ ПРИМЕР");
    assert_int_equal(e->idents->type, NSC_ID_IMO);
    assert_string_equal(e->idents->value, "9123456");
    nsc_engine_free(eng);
}

/* The moov-io sample of the real layout (edited values); its last row is one field short. */
static void test_real_layout_sample(void **state)
{
    (void)state;
    nsc_list_info info;
    nsc_engine *eng =
        load_ok(NSC_TEST_DATA "/formats/uk_sanctions_list_sample.csv", NULL, NULL, &info);
    assert_string_equal(info.format, "uk");
    assert_int_equal(info.entries, 2);
    assert_int_equal(info.names, 4);
    assert_string_equal(info.published, "2026-02-13");
    assert_int_equal(info.warnings, 1);
    assert_non_null(strstr(nsc_engine_list_warning(eng, 0, 0), "fewer fields"));
    const nsc__entity *e = entity(eng, "AFG0006");
    assert_string_equal(e->names->text, "MOHAMMAD HASSAN AKHUND");
    assert_string_equal(e->xrefs->text, "un:TAi.002");
    char buf[256];
    dobs_string(buf, sizeof buf, e);
    assert_string_equal(buf, "1958-01-01");
    e = entity(eng, "AFG0001");
    assert_int_equal(e->type, NSC_TYPE_ORGANIZATION);
    texts_string(buf, sizeof buf, e->addresses);
    assert_string_equal(buf, "Chaman Central Bazaar, Chaman, Shah Zada Market, "
                             "Baluchistan Province, 12345, Pakistan");
    nsc_engine_free(eng);
}

typedef struct err_case {
    const char *file;
    int rc;
    const char *msg; /* a part of nsc_engine_errmsg() */
} err_case;

static void test_errors(void **state)
{
    (void)state;
    static const err_case cases[] = {
        { NSC_TEST_DATA "/uk/unterminated.csv", NSC_EFORMAT,
          ":4: unterminated quoted field (opened on line 4)" },
        { NSC_TEST_DATA "/uk/bad_header.csv", NSC_EFORMAT, "'Unique ID'" },
        { NSC_TEST_DATA "/uk/bad_utf8.csv", NSC_EENCODING, ":3: invalid UTF-8 (byte 0xFF)" },
        { NSC_TEST_DATA "/uk/does_not_exist.csv", NSC_EIO, "does_not_exist.csv" },
        { NSC_TEST_DATA "/uk/banner_only.csv", NSC_EFORMAT,
          "no header line after the report date" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nsc_engine *eng;
        assert_int_equal(nsc_engine_new(&eng, NULL), 0);
        nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
        o.format = "uk";
        int rc = nsc_engine_load(eng, cases[i].file, &o);
        const char *msg = nsc_engine_errmsg(eng);
        if (rc != cases[i].rc || !strstr(msg, cases[i].msg))
            fail_msg("%s: rc %d, message '%s'", cases[i].file, rc, msg);
        assert_int_equal(nsc_engine_list_count(eng), 0);
        nsc_engine_free(eng);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_counts), cmocka_unit_test(test_summary_detected_and_dated),
        cmocka_unit_test(test_full_layout),    cmocka_unit_test(test_real_layout_sample),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
