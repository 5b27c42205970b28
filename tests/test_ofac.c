/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_ofac.c: the OFAC legacy CSV loader. Small fixtures (tests/data/ofac) exercise each quirk
 * of the format (CRLF, 0x1A, "-0- ", quoted commas, orphan companion rows, every remarks item,
 * every load error and its message); the bundled lists are checked for counts and known entries.
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

#define FIX NSC_TEST_DATA "/ofac/"

/* engine/list/ofac.c; not (yet) in model.h */
const char *nsc__ofac_default_list_name(const char *path);

/* ---- helpers ------------------------------------------------------------------------------ */

static nsc_engine *load_ok(const char *path, const char *published)
{
    nsc_engine *eng = NULL;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = "ofac";
    o.published = published;
    int rc = nsc_engine_load(eng, path, &o);
    if (rc != 0) fail_msg("loading %s: %s: %s", path, nsc_errname(rc), nsc_engine_errmsg(eng));
    return eng;
}

static const nsc__list *list0(const nsc_engine *eng)
{
    const nsc__list *l = nsc__engine_list_at(eng, 0);
    assert_non_null(l);
    return l;
}

static const nsc__entity *entity(const nsc__list *l, const char *id)
{
    const nsc__entity *e = nsc__list_find(l, id, strlen(id));
    if (!e) fail_msg("entity %s not loaded", id);
    return e;
}

static const nsc__name *name_of(const nsc__entity *e, const char *text)
{
    for (const nsc__name *n = e->names; n; n = n->next)
        if (strcmp(n->text, text) == 0) return n;
    return NULL;
}

static void expect_name(const nsc__entity *e, const char *text, int kind, unsigned flags)
{
    const nsc__name *n = name_of(e, text);
    if (!n) fail_msg("entity %s has no name '%s'", e->id, text);
    if (n->kind != kind || n->flags != flags)
        fail_msg("entity %s name '%s': kind %d flags %u, want kind %d flags %u", e->id, text,
                 n->kind, n->flags, kind, flags);
}

static size_t count_names(const nsc__entity *e)
{
    size_t k = 0;
    for (const nsc__name *n = e->names; n; n = n->next) k++;
    return k;
}

static const nsc__ident *ident_of(const nsc__entity *e, int type, const char *value)
{
    for (const nsc__ident *i = e->idents; i; i = i->next)
        if (i->type == type && strcmp(i->value, value) == 0) return i;
    fail_msg("entity %s has no identifier %d '%s'", e->id, type, value);
    return NULL;
}

static int has_country(const nsc__entity *e, int role, const char *text)
{
    for (const nsc__country *c = e->countries; c; c = c->next)
        if (c->role == role && strcmp(c->text, text) == 0) return 1;
    return 0;
}

static size_t count_countries(const nsc__entity *e, int role)
{
    size_t k = 0;
    for (const nsc__country *c = e->countries; c; c = c->next) k += c->role == role;
    return k;
}

static int has_text(const nsc__text *t, const char *text)
{
    for (; t; t = t->next)
        if (strcmp(t->text, text) == 0) return 1;
    return 0;
}

static size_t count_text(const nsc__text *t)
{
    size_t k = 0;
    for (; t; t = t->next) k++;
    return k;
}

static int has_dob(const nsc__entity *e, const char *formatted)
{
    char buf[32];
    for (const nsc__dob *d = e->dobs; d; d = d->next) {
        nsc__date_format(buf, &d->date);
        if (strcmp(buf, formatted) == 0) return 1;
    }
    return 0;
}

/* The warning of list 0 that contains `needle`, or fails. */
static const char *warning_with(const nsc_engine *eng, const char *needle)
{
    const char *w;
    for (size_t i = 0; (w = nsc_engine_list_warning(eng, 0, i)) != NULL; i++)
        if (strstr(w, needle)) return w;
    fail_msg("no warning contains '%s'", needle);
    return NULL;
}

/* ---- the fixture with every quirk ------------------------------------------------------------ */

static void test_fixture_list_info(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(FIX "good/sdn.csv", "2024-05-03");
    nsc_list_info info;
    info.version = NSC_LIST_INFO_VERSION;
    assert_int_equal(nsc_engine_list_info(&info, eng, 0), 0);
    assert_string_equal(info.name, "ofac-sdn");
    assert_string_equal(info.format, "ofac");
    assert_string_equal(info.files, "sdn.csv, alt.csv, add.csv, sdn_comments.csv");
    assert_string_equal(info.published, "2024-05-03");
    assert_int_equal(info.entries, 7);
    assert_int_equal(strlen(info.sha256), 64);
    /* orphan rows: one warning per file, with row count, distinct ent_nums and first line */
    assert_string_equal(warning_with(eng, "alt.csv: "),
                        "alt.csv: 3 alias rows name 2 ent_nums not in sdn.csv "
                        "(first at line 8, ent_num 900)");
    assert_string_equal(warning_with(eng, "add.csv: "),
                        "add.csv: 1 address rows name 1 ent_nums not in sdn.csv "
                        "(first at line 4, ent_num 950)");
    assert_string_equal(warning_with(eng, "sdn_comments.csv: "),
                        "sdn_comments.csv: 1 comment rows name 1 ent_nums not in sdn.csv "
                        "(first at line 2, ent_num 999)");
    assert_non_null(strstr(warning_with(eng, "SDN_Type"), "(first at line 6, SDN_Type 'ship')"));
    assert_non_null(strstr(warning_with(eng, "cut off"), "(first at line 5, ent_num 104)"));
    assert_non_null(strstr(warning_with(eng, "DOB items"), "(first at line 7, DOB 'sometime')"));
    assert_non_null(strstr(warning_with(eng, "alt_type"), "(first at line 7, alt_type 'xka')"));
    assert_int_equal(info.warnings, 7);
    nsc_engine_free(eng);
}

static void test_fixture_organization(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(FIX "good/sdn.csv", NULL);
    const nsc__entity *e = entity(list0(eng), "100");
    assert_int_equal(e->type, NSC_TYPE_ORGANIZATION);
    /* quoted commas, primary first, no surname-first flag for an organization */
    assert_string_equal(e->names->text, "ALPHA TRADING CO., LTD.");
    assert_int_equal(e->names->kind, NSC_NAME_PRIMARY);
    assert_int_equal(e->names->flags, 0);
    /* alt.csv strong "ALPHA", quoted in the remarks: the weaker kind is kept */
    expect_name(e, "ALPHA", NSC_NAME_WEAK_ALIAS, 0);
    /* remarks "ALPHA TRADING COMPANY" deduped case-insensitively against alt.csv */
    expect_name(e, "Alpha Trading Company", NSC_NAME_ALIAS, 0);
    assert_null(name_of(e, "ALPHA TRADING COMPANY"));
    expect_name(e, "ALPHA OLD NAME", NSC_NAME_FORMER, 0);
    expect_name(e, "OLD ALPHA", NSC_NAME_FORMER, 0);
    expect_name(e, "NEW ALPHA", NSC_NAME_ALIAS, 0);
    assert_int_equal(count_names(e), 6);
    /* "SDGT] [IRGC" */
    assert_int_equal(count_text(e->programs), 2);
    assert_string_equal(e->programs->text, "SDGT");
    assert_string_equal(e->programs->next->text, "IRGC");
    const nsc__ident *id = ident_of(e, NSC_ID_REGISTRATION, "12345");
    assert_string_equal(id->country, "Iran");
    assert_string_equal(id->label, "Registration Number");
    ident_of(e, NSC_ID_BIC, "ALPHIRTH");
    assert_string_equal(ident_of(e, NSC_ID_TAX, "998877")->country, "Iran");
    assert_string_equal(ident_of(e, NSC_ID_CRYPTO, "1A2b3C4d5E")->label,
                        "Digital Currency Address - XBT");
    assert_string_equal(ident_of(e, NSC_ID_CRYPTO, "0xabc123")->label,
                        "Digital Currency Address - ETH");
    /* Linked To: another entity, not an alias */
    assert_true(has_text(e->links, "BETA HOLDING, LTD."));
    assert_null(name_of(e, "BETA HOLDING, LTD."));
    /* addresses: the text joined, the country once per role */
    assert_int_equal(count_text(e->addresses), 2);
    assert_true(has_text(e->addresses, "Street 1, Building 2, Tehran, Iran"));
    assert_true(has_text(e->addresses, "Isfahan, Iran"));
    assert_int_equal(count_countries(e, NSC_COUNTRY_ADDRESS), 1);
    /* the whole remarks text is kept, unknown items included */
    assert_non_null(e->remarks);
    assert_non_null(strstr(e->remarks, "Website www.alpha.example"));
    assert_int_equal(e->remarks[strlen(e->remarks) - 1], '.');
    nsc_engine_free(eng);
}

static void test_fixture_person(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(FIX "good/sdn.csv", NULL);
    const nsc__entity *e = entity(list0(eng), "101");
    assert_int_equal(e->type, NSC_TYPE_PERSON);
    assert_int_equal(e->gender, NSC_GENDER_MALE);
    expect_name(e, "DOE, John Quincy", NSC_NAME_PRIMARY, NSC_NAMEF_SURNAME_FIRST);
    expect_name(e, "DOE, Johnny", NSC_NAME_ALIAS, NSC_NAMEF_SURNAME_FIRST);
    expect_name(e, "DOE, J.", NSC_NAME_ALIAS, NSC_NAMEF_SURNAME_FIRST); /* nka */
    expect_name(e, "JD", NSC_NAME_WEAK_ALIAS, 0);                       /* alt_remarks weak */
    expect_name(e, "JOHNNY", NSC_NAME_WEAK_ALIAS, 0);
    assert_true(has_dob(e, "1970-01-12"));
    assert_true(has_dob(e, "~1968"));
    assert_true(has_dob(e, "1965..1970"));
    assert_true(has_country(e, NSC_COUNTRY_BIRTH, "Iran"));
    assert_true(has_country(e, NSC_COUNTRY_NATIONALITY, "Iran"));
    assert_true(has_country(e, NSC_COUNTRY_CITIZENSHIP, "Russia"));
    assert_true(has_country(e, NSC_COUNTRY_CITIZENSHIP, "Germany"));
    assert_true(has_country(e, NSC_COUNTRY_ADDRESS, "Iran"));
    assert_string_equal(ident_of(e, NSC_ID_PASSPORT, "X123456")->country, "Iran");
    assert_string_equal(ident_of(e, NSC_ID_NATIONAL, "0012345678")->label, "National ID No.");
    assert_non_null(strstr(e->remarks, "Some Unknown Item 42"));
    nsc_engine_free(eng);
}

static void test_fixture_vessel_aircraft(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(FIX "good/sdn.csv", NULL);
    const nsc__list *l = list0(eng);
    const nsc__entity *v = entity(l, "102");
    assert_int_equal(v->type, NSC_TYPE_VESSEL);
    assert_true(has_country(v, NSC_COUNTRY_OTHER, "Panama"));  /* Vess_flag */
    assert_true(has_country(v, NSC_COUNTRY_OTHER, "Liberia")); /* Nationality of Registration */
    assert_int_equal(count_countries(v, NSC_COUNTRY_NATIONALITY), 0);
    ident_of(v, NSC_ID_OTHER, "9HXY7"); /* Call_Sign */
    assert_string_equal(ident_of(v, NSC_ID_IMO, "9187629")->label,
                        "Vessel Registration Identification IMO");
    ident_of(v, NSC_ID_MMSI, "355123000");
    assert_true(has_text(v->links, "NITC")); /* Vess_owner */
    assert_true(has_text(v->links, "NATIONAL IRANIAN TANKER COMPANY"));
    assert_int_equal(count_names(v), 1);

    /* remarks cut off in sdn.csv and completed by sdn_comments.csv */
    const nsc__entity *a = entity(l, "103");
    assert_int_equal(a->type, NSC_TYPE_AIRCRAFT);
    ident_of(a, NSC_ID_AIRCRAFT, "1234");
    assert_string_equal(ident_of(a, NSC_ID_REGISTRATION, "EP-ABC")->country, "Iran");
    expect_name(a, "SKYBIRD", NSC_NAME_WEAK_ALIAS, 0);
    assert_string_equal(a->remarks, "Aircraft Manufacturer's Serial Number (MSN) 1234; "
                                    "Registration Number EP-ABC (Iran); a.k.a. 'SKYBIRD'.");
    nsc_engine_free(eng);
}

static void test_fixture_odd_rows(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(FIX "good/sdn.csv", NULL);
    const nsc__list *l = list0(eng);
    /* cut-off remarks: the items before the cut are read, the cut one is not */
    const nsc__entity *e = entity(l, "104");
    assert_int_equal(e->gender, NSC_GENDER_FEMALE);
    assert_true(has_dob(e, "1980-02-01"));
    assert_int_equal(count_names(e), 1);
    assert_non_null(strstr(e->remarks, "a.k.a. 'JANIE"));
    /* unknown SDN_Type; unknown alt_type loads as an alias */
    e = entity(l, "105");
    assert_int_equal(e->type, NSC_TYPE_UNKNOWN);
    expect_name(e, "GAMMA X", NSC_NAME_ALIAS, 0);
    assert_null(e->remarks); /* "-0- " */
    /* a DOB that is not a date stays text; the other items still count */
    e = entity(l, "106");
    assert_null(e->dobs);
    expect_name(e, "DELTA", NSC_NAME_ALIAS, 0);
    /* entities come in file order */
    assert_string_equal(l->entities[0]->id, "100");
    assert_string_equal(l->entities[6]->id, "106");
    nsc_engine_free(eng);
}

static void test_plain_name_has_no_companions(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(FIX "plain/sdn_2024-01-01.csv", NULL);
    nsc_list_info info;
    info.version = NSC_LIST_INFO_VERSION;
    assert_int_equal(nsc_engine_list_info(&info, eng, 0), 0);
    assert_string_equal(info.files, "sdn_2024-01-01.csv");
    assert_string_equal(info.name, "ofac-sdn");
    assert_int_equal(info.entries, 1);
    assert_int_equal(info.warnings, 0);
    nsc_engine_free(eng);
}

static void test_default_list_name(void **state)
{
    (void)state;
    assert_string_equal(
        nsc__ofac_default_list_name("lists/ofac-sdn/2024-05-03_b29c8d60c3a5/sdn.csv"), "ofac-sdn");
    assert_string_equal(
        nsc__ofac_default_list_name("lists/ofac-cons/2025-12-19_8c11b5ad7560/cons_prim.csv"),
        "ofac-cons");
    assert_string_equal(nsc__ofac_default_list_name("cons_prim_2025.csv"), "ofac-cons");
    assert_string_equal(nsc__ofac_default_list_name("/x/cons/sdn.csv"), "ofac-sdn");
}

/* ---- errors ------------------------------------------------------------------------------- */

typedef struct error_case {
    const char *file;
    int code;
    const char *where; /* file and line as the message names them */
    const char *what;
} error_case;

static const error_case errors[] = {
    { "err_fields.csv", NSC_EFORMAT, "err_fields.csv:2:", "record has 11 fields, expected 12" },
    { "err_entnum.csv", NSC_EFORMAT, "err_entnum.csv:2:", "ent_num '12a' is not a number" },
    { "err_dup.csv", NSC_EFORMAT, "err_dup.csv:3:", "duplicate ent_num 100 (first on line 1)" },
    { "err_utf8.csv", NSC_EENCODING, "err_utf8.csv:2:", "invalid UTF-8 (byte 0xFF" },
    { "err_quote.csv", NSC_EFORMAT, "err_quote.csv:2:", "unterminated quoted field" },
    { "err_empty.csv", NSC_EFORMAT, "err_empty.csv", "file is empty" },
    { "err_eofonly.csv", NSC_EFORMAT, "err_eofonly.csv", "no records" },
    { "err_noname.csv", NSC_EFORMAT, "err_noname.csv:2:", "SDN_Name of ent_num 101 is empty" },
    { "bad_alt/sdn.csv", NSC_EFORMAT, "alt.csv:2:", "record has 4 fields, expected 5" },
    { "missing/sdn.csv", NSC_EIO, "sdn.csv", "cannot open" },
};

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        const error_case *c = &errors[i];
        char path[512];
        snprintf(path, sizeof path, "%s%s", FIX, c->file);
        nsc_engine *eng = NULL;
        assert_int_equal(nsc_engine_new(&eng, NULL), 0);
        nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
        o.format = "ofac";
        int rc = nsc_engine_load(eng, path, &o);
        const char *msg = nsc_engine_errmsg(eng);
        if (rc != c->code || !strstr(msg, c->where) || !strstr(msg, c->what))
            fail_msg("%s: got %s '%s', want %s with '%s' and '%s'", c->file, nsc_errname(rc), msg,
                     nsc_errname(c->code), c->where, c->what);
        assert_int_equal(nsc_engine_list_count(eng), 0); /* all or nothing */
        nsc_engine_free(eng);
    }
}

static void test_bad_published_date(void **state)
{
    (void)state;
    nsc_engine *eng = NULL;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = "ofac";
    o.published = "2024-13-01";
    assert_int_equal(nsc_engine_load(eng, FIX "plain/sdn_2024-01-01.csv", &o), NSC_EINVAL);
    assert_non_null(strstr(nsc_engine_errmsg(eng), "2024-13-01"));
    nsc_engine_free(eng);
}

/* ---- the bundled lists ------------------------------------------------------------------- */

static void test_bundled_sdn(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(NSC_LISTS_DIR "/ofac-sdn/2024-05-03_b29c8d60c3a5/sdn.csv", NULL);
    nsc_list_info info;
    info.version = NSC_LIST_INFO_VERSION;
    assert_int_equal(nsc_engine_list_info(&info, eng, 0), 0);
    assert_string_equal(info.name, "ofac-sdn");
    assert_int_equal(info.entries, 14965);
    assert_string_equal(info.files, "sdn.csv, alt.csv, add.csv");
    assert_string_equal(warning_with(eng, "alt.csv: "),
                        "alt.csv: 2727 alias rows name 1724 ent_nums not in sdn.csv "
                        "(first at line 5795, ent_num 17016)");
    assert_non_null(strstr(warning_with(eng, "add.csv: "),
                           "add.csv: 5598 address rows name 4894 ent_nums not in sdn.csv"));

    const nsc__list *l = list0(eng);
    const nsc__entity *e = entity(l, "47800");
    assert_int_equal(e->type, NSC_TYPE_ORGANIZATION);
    assert_string_equal(e->names->text, "WUHAN XIAORUIZHI SCIENCE AND TECHNOLOGY COMPANY, LIMITED");
    assert_true(has_text(e->programs, "CYBER2"));
    assert_int_equal(count_text(e->programs), 1);
    ident_of(e, NSC_ID_REGISTRATION, "91420100551956105K");

    e = entity(l, "47818");
    assert_int_equal(e->type, NSC_TYPE_PERSON);
    expect_name(e, "NI, Gaobin", NSC_NAME_PRIMARY, NSC_NAMEF_SURNAME_FIRST);
    assert_true(has_dob(e, "1985-10-27"));
    assert_int_equal(e->gender, NSC_GENDER_MALE);
    assert_true(has_country(e, NSC_COUNTRY_BIRTH, "China"));
    ident_of(e, NSC_ID_NATIONAL, "421003198510272917");

    /* 306: weak alias from the remarks, strong alias from alt.csv, four addresses */
    e = entity(l, "306");
    expect_name(e, "BNC", NSC_NAME_WEAK_ALIAS, 0);
    expect_name(e, "NATIONAL BANK OF CUBA", NSC_NAME_ALIAS, 0);
    assert_true(count_text(e->addresses) >= 3);
    nsc_engine_free(eng);
}

static void test_bundled_cons(void **state)
{
    (void)state;
    nsc_engine *eng = NULL;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    /* no options: format detected, list name from the file name */
    int rc = nsc_engine_load(eng, NSC_LISTS_DIR "/ofac-cons/2025-12-19_8c11b5ad7560/cons_prim.csv",
                             NULL);
    if (rc != 0) fail_msg("%s", nsc_engine_errmsg(eng));
    nsc_list_info info;
    info.version = NSC_LIST_INFO_VERSION;
    assert_int_equal(nsc_engine_list_info(&info, eng, 0), 0);
    assert_string_equal(info.name, "ofac-cons");
    assert_string_equal(info.format, "ofac");
    assert_int_equal(info.entries, 442);
    assert_string_equal(info.files, "cons_prim.csv, cons_alt.csv, cons_add.csv, cons_comments.csv");
    /* cons_comments.csv completes the cut-off remarks of 17018 */
    const nsc__entity *e = entity(list0(eng), "17018");
    assert_non_null(strstr(e->remarks, "a.k.a. 'SBERBANK MUMBAI'."));
    expect_name(e, "SBERBANK MUMBAI", NSC_NAME_WEAK_ALIAS, 0);
    nsc_engine_free(eng);
}

static void test_history_file(void **state)
{
    (void)state;
    nsc_engine *eng = load_ok(NSC_TEST_DATA "/history/sdn_2024-03-22.csv", NULL);
    nsc_list_info info;
    info.version = NSC_LIST_INFO_VERSION;
    assert_int_equal(nsc_engine_list_info(&info, eng, 0), 0);
    assert_int_equal(info.entries, 14507);
    assert_string_equal(info.files, "sdn_2024-03-22.csv");
    nsc_engine_free(eng);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_list_info),
        cmocka_unit_test(test_fixture_organization),
        cmocka_unit_test(test_fixture_person),
        cmocka_unit_test(test_fixture_vessel_aircraft),
        cmocka_unit_test(test_fixture_odd_rows),
        cmocka_unit_test(test_plain_name_has_no_companions),
        cmocka_unit_test(test_default_list_name),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_bad_published_date),
        cmocka_unit_test(test_bundled_sdn),
        cmocka_unit_test(test_bundled_cons),
        cmocka_unit_test(test_history_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
