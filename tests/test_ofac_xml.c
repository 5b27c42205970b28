/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_ofac_xml.c: OFAC's ADVANCED and ENHANCED XML loaders (formats/ofac_adv.c, ofac_enh.c).
 * The complete CONS_ADVANCED file of 2020-03-17 is checked against the bundled cons_prim.csv
 * (ids, types, primary names) and for resolved reference values; the ENHANCED sample for its
 * names, dates and documents; original-script fixtures through the public screening API; and
 * format detection, wrong roots, truncated files and dangling references.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "api/engine.h"
#include "formats/ofac_xml.h"
#include "model/date.h"
#include "model/list.h"
#include "util/mem.h"

#define FIX NSC_TEST_DATA "/ofac_xml/"
#define COMPLETE FIX "cons_advanced_2020-03-17.xml"
#define ENHANCED FIX "ofac_cons_enhanced_sample.xml"
#define SDN_SAMPLE FIX "ofac_sdn_advanced_sample.xml"
#define HAN FIX "sdn_advanced_han.xml"

static nsc_engine *load_fmt(const char *path, const char *format)
{
    nsc_engine *eng = NULL;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = format;
    int rc = nsc_engine_load(eng, path, &o);
    if (rc != 0) fail_msg("loading %s: %s: %s", path, nsc_errname(rc), nsc_engine_errmsg(eng));
    return eng;
}

static int load_err(const char *path, const char *format, char *msg, size_t cap)
{
    nsc_engine *eng = NULL;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = format;
    int rc = nsc_engine_load(eng, path, &o);
    snprintf(msg, cap, "%s", nsc_engine_errmsg(eng));
    assert_int_equal(nsc_engine_list_count(eng), 0);
    nsc_engine_free(eng);
    return rc;
}

static const nsc__list *list0(const nsc_engine *eng)
{
    const nsc__list *l = nsc__engine_list_at(eng, 0);
    assert_non_null(l);
    return l;
}

static const nsc__entity *entity(const nsc_engine *eng, const char *id)
{
    const nsc__entity *e = nsc__list_find(list0(eng), id, strlen(id));
    if (!e) fail_msg("entity %s not loaded", id);
    return e;
}

static const nsc__name *name_of(const nsc__entity *e, const char *text)
{
    for (const nsc__name *n = e->names; n; n = n->next)
        if (strcmp(n->text, text) == 0) return n;
    fail_msg("%s has no name '%s'", e->id, text);
    return NULL;
}

static const char *dobs(const nsc__entity *e, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (const nsc__dob *d = e->dobs; d; d = d->next) {
        char b[32];
        nsc__date_format(b, &d->date);
        size_t n = strlen(buf);
        snprintf(buf + n, cap - n, "%s%s", n ? " " : "", b);
    }
    return buf;
}

static const char *detail(const nsc__entity *e, const char *key)
{
    for (const nsc__detail *d = e->details; d; d = d->next)
        if (strcmp(d->key, key) == 0) return d->value;
    return NULL;
}

static int has_country(const nsc__entity *e, int role, const char *code)
{
    for (const nsc__country *c = e->countries; c; c = c->next)
        if (c->role == role && strcmp(c->code, code) == 0) return 1;
    return 0;
}

static int has_text(const nsc__text *t, const char *want)
{
    for (; t; t = t->next)
        if (strcmp(t->text, want) == 0) return 1;
    return 0;
}

static const nsc__ident *ident(const nsc__entity *e, const char *value)
{
    for (const nsc__ident *i = e->idents; i; i = i->next)
        if (strcmp(i->value, value) == 0) return i;
    fail_msg("%s has no identifier '%s'", e->id, value);
    return NULL;
}

/* ---- the complete file against cons_prim.csv ---------------------------------------------- */

/* The two files are of different dates (the XML of 2020-03-17, cons_prim.csv of 2025-12-19),
 * so the lists differ by what OFAC added and removed between them; the sets below are that
 * difference, computed once from the two files and fixed here so that any other difference
 * (a wrong id, type or name from the parser) fails. */
static const char *const only_in_xml_want = /* delisted after 2020-03-17 */
    "17526 17527 17530 17531 17532 18293 18713 18717 20320 26182";
static const char *const only_in_csv_want = /* listed after 2020-03-17 */
    "27016 30882 30902 30923 30924 30925 30926 30927 30928 30929 30930 30932 30933 30934 30936 "
    "30937 30938 30939 30942 30944 30946 30947 30949 30950 30951 30954 30956 30957 30958 30959 "
    "31693 31694 31695 32028 32052 32053 32055 32056 32069 32072 32073 32077 32078 32079 32082 "
    "32084 32085 32087 32088 32089 32090 32091 32100 32101 32102 32103 32106 32107 32128 32129 "
    "32130 32131 32153 33091 33111 33112 33113 33114 33893 33894 33895 33896 34556 34578 34736 "
    "46072 50476";
/* Renamed since: the Russian companies' new legal forms ("VTB BANK OAO" -> "VTB BANK PUBLIC
 * JOINT STOCK COMPANY", "OJSC GAZPROM NEFT" -> "PUBLIC JOINT STOCK COMPANY GAZPROM NEFT",
 * "SBERBANK INVESTMENTS LLC" -> "LIMITED LIABILITY COMPANY SBERBANK INVESTMENTS"), spellings
 * ("NOVGORODNEFTEPRODUKT OOO" -> "NOVGORODNEFTEPRODUCT OOO") and case ("TNK Trading
 * International S.A." -> "TNK TRADING INTERNATIONAL S.A."); every one checked by hand against
 * the two files. */
static const char *const renamed_want =
    "17013 17014 17015 17016 17017 17018 17022 17143 17250 17254 17260 18268 18272 18273 18281 "
    "18284 18669 18708 18709 18710 18714 18715 18721 18722 18723 18724 18725 18726 18729 18730 "
    "18731 18733 18734 18736 18737 18739 18740 18743 18744 18748 18749 18750 18751 18753 18769 "
    "18770 18772 18774 18779 18784 18788 19468 20675 23562 23577 28603";

static void append(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, "%s%s", n ? " " : "", s);
}

static void test_complete_against_csv(void **state)
{
    (void)state;
    nsc_engine *x = load_fmt(COMPLETE, "ofac-advanced");
    nsc_engine *c = load_fmt(NSC_BUNDLED_CONS_PRIM, "ofac");
    const nsc__list *xl = list0(x), *cl = list0(c);
    static char only_x[16384], only_c[16384], renamed[16384];
    only_x[0] = only_c[0] = renamed[0] = '\0';
    size_t both = 0;
    for (size_t i = 0; i < xl->n_entities; i++) {
        const nsc__entity *xe = xl->entities[i];
        const nsc__entity *ce = nsc__list_find(cl, xe->id, strlen(xe->id));
        if (!ce) {
            append(only_x, sizeof only_x, xe->id);
            continue;
        }
        both++;
        if (xe->type != ce->type)
            fail_msg("%s: type %d in the XML, %d in the CSV", xe->id, xe->type, ce->type);
        assert_non_null(xe->names);
        assert_int_equal(xe->names->kind, NSC_NAME_PRIMARY);
        if (strcmp(xe->names->text, ce->names->text) != 0)
            append(renamed, sizeof renamed, xe->id);
        else if (xe->names->flags != ce->names->flags)
            fail_msg("%s: name flags %u in the XML, %u in the CSV", xe->id, xe->names->flags,
                     ce->names->flags);
    }
    for (size_t i = 0; i < cl->n_entities; i++)
        if (!nsc__list_find(xl, cl->entities[i]->id, strlen(cl->entities[i]->id)))
            append(only_c, sizeof only_c, cl->entities[i]->id);
    assert_string_equal(only_x, only_in_xml_want);
    assert_string_equal(only_c, only_in_csv_want);
    assert_string_equal(renamed, renamed_want);
    assert_int_equal(both, 365); /* of 375 in the XML, 442 in the CSV */
    nsc_engine_free(x);
    nsc_engine_free(c);
}

/* ---- reference values resolved ------------------------------------------------------------ */

static void test_complete_resolved(void **state)
{
    (void)state;
    nsc_engine *eng = load_fmt(COMPLETE, NULL); /* detected */
    const nsc__list *l = list0(eng);
    assert_string_equal(l->format, "ofac-advanced");
    assert_string_equal(l->name, "ofac-cons"); /* its entries are on the Consolidated List */
    assert_string_equal(l->published, "2020-03-17");
    assert_int_equal(l->n_entities, 375);
    assert_int_equal(l->n_warnings, 0);
    /* streamed through the checksum: the same as sha256sum of the file */
    assert_string_equal(l->sha256_hex,
                        "f7a1d6c896dbd096bb54a5ab615c77488578be49449728244d9f3a1456020c8c");
    char b[256];
    const nsc__entity *e = entity(eng, "9639");
    assert_int_equal(e->type, NSC_TYPE_PERSON);
    assert_string_equal(e->names->text, "HANIYA, Ismail Abdul Salah");
    assert_int_equal(e->names->flags, NSC_NAMEF_SURNAME_FIRST);
    /* parts typed through NamePartGroups -> NamePartTypeValues */
    assert_int_equal(e->names->parts->type, NSC_PART_FAMILY);
    assert_string_equal(e->names->parts->text, "HANIYA");
    assert_int_equal(e->names->parts->next->type, NSC_PART_GIVEN);
    assert_int_equal(name_of(e, "HANIYYA, Ismaeel")->kind, NSC_NAME_ALIAS);
    assert_string_equal(dobs(e, b, sizeof b), "1962"); /* the span 1962-01-01..1962-12-31 */
    assert_true(has_text(e->birthplaces, "Shati"));
    assert_true(has_text(e->programs, "NS-PLC")); /* SanctionsMeasure of type Program */
    assert_string_equal(e->listed, "2006-04-12"); /* the earlier of its two entries */
    /* citizenship through VersionLocation -> Location (a bare "Switzerland") */
    assert_true(has_country(entity(eng, "17526"), NSC_COUNTRY_CITIZENSHIP, "ch"));
    /* documents joined by IdentityID; country through CountryValues */
    const nsc__entity *vtb = entity(eng, "17013");
    assert_int_equal(vtb->type, NSC_TYPE_ORGANIZATION);
    const nsc__ident *id = ident(vtb, "1027739609391");
    assert_int_equal(id->type, NSC_ID_REGISTRATION);
    assert_string_equal(id->label, "Registration ID");
    assert_string_equal(id->country, "Russia");
    assert_int_equal(ident(vtb, "7702070139")->type, NSC_ID_TAX);
    assert_int_equal(ident(vtb, "VTBRRUMM")->type, NSC_ID_BIC); /* a SWIFT/BIC feature */
    assert_non_null(detail(vtb, "Website"));
    assert_true(has_text(vtb->programs, "UKRAINE-EO13662"));
    nsc_engine_free(eng);
}

/* ---- the ENHANCED sample ------------------------------------------------------------------ */

static void test_enhanced_sample(void **state)
{
    (void)state;
    nsc_engine *eng = load_fmt(ENHANCED, NULL);
    const nsc__list *l = list0(eng);
    assert_string_equal(l->format, "ofac-enhanced");
    assert_string_equal(l->name, "ofac-cons"); /* publicationInfo: Consolidated List */
    assert_string_equal(l->published, "2025-01-10");
    assert_int_equal(l->n_entities, 5);
    assert_int_equal(l->n_names, 11);
    assert_int_equal(l->n_warnings, 0);
    char b[256];
    const nsc__entity *m = entity(eng, "50476");
    assert_int_equal(m->type, NSC_TYPE_PERSON);
    assert_string_equal(m->names->text, "MARTELLY, Michel Joseph");
    assert_int_equal(m->names->kind, NSC_NAME_PRIMARY);
    assert_int_equal(m->names->flags, NSC_NAMEF_SURNAME_FIRST);
    assert_int_equal(name_of(m, "Sweet Micky")->kind, NSC_NAME_WEAK_ALIAS); /* isLowQuality */
    assert_int_equal(name_of(m, "Sweet Micky")->parts->type, NSC_PART_NICKNAME);
    assert_int_equal(name_of(m, "MARTELLY, Michael")->kind, NSC_NAME_ALIAS);
    assert_string_equal(dobs(m, b, sizeof b), "1961-02-12");
    assert_int_equal(m->gender, NSC_GENDER_MALE);
    assert_true(has_country(m, NSC_COUNTRY_NATIONALITY, "ht"));
    assert_true(has_country(m, NSC_COUNTRY_BIRTH, "ht")); /* "Port-au-Prince, Haiti" */
    assert_true(has_text(m->birthplaces, "Port-au-Prince, Haiti"));
    assert_true(has_text(m->addresses, "Miami, FL, United States"));
    assert_true(has_text(m->programs, "ILLICIT-DRUGS-EO14059"));
    assert_string_equal(m->listed, "2024-08-20");
    const nsc__ident *id = ident(m, "0032768386");
    assert_int_equal(id->type, NSC_ID_NATIONAL);
    assert_string_equal(id->label, "National ID No.");
    assert_string_equal(id->country, "Haiti");
    /* a year-only date of birth is the span 1951-01-01 .. 1951-12-31 */
    const nsc__entity *a = entity(eng, "9640");
    assert_string_equal(dobs(a, b, sizeof b), "1951");
    assert_string_equal(a->names->text, "ABU TEIR, Mohammed");
    assert_string_equal(a->listed, "2006-04-12");
    /* the Chinese translation of an entity's name */
    const nsc__name *han = name_of(entity(eng, "33893"), "依图科技有限公司");
    assert_int_equal(han->kind, NSC_NAME_ALIAS);
    assert_int_equal(han->flags, NSC_NAMEF_ORIGINAL_SCRIPT);
    assert_string_equal(han->script, "Hans");
    const nsc__name *cyr = name_of(entity(eng, "31693"), "ФОНД НАЦИОНАЛЬНОГО БЛАГОСОСТОЯНИЯ");
    assert_int_equal(cyr->flags, NSC_NAMEF_ORIGINAL_SCRIPT);
    assert_string_equal(cyr->script, "Cyrl");
    /* a relationship: linked to the other entity, by name */
    assert_true(has_text(entity(eng, "19996")->links, "BM BANK JSC"));
    nsc_engine_free(eng);
}

/* The same entry in both formats gives the same entity. */
static void test_formats_agree(void **state)
{
    (void)state;
    nsc_engine *x = load_fmt(COMPLETE, "ofac-advanced");
    nsc_engine *n = load_fmt(ENHANCED, "ofac-enhanced");
    const nsc__entity *a = entity(x, "9640"), *b = entity(n, "9640");
    assert_int_equal(a->type, b->type);
    const nsc__name *na = a->names, *nb = b->names;
    for (; na && nb; na = na->next, nb = nb->next) {
        assert_string_equal(na->text, nb->text);
        assert_int_equal(na->kind, nb->kind);
        assert_int_equal(na->flags, nb->flags);
    }
    assert_null(na);
    assert_null(nb);
    char d1[64], d2[64];
    assert_string_equal(dobs(a, d1, sizeof d1), dobs(b, d2, sizeof d2));
    assert_string_equal(a->birthplaces->text, b->birthplaces->text);
    nsc_engine_free(x);
    nsc_engine_free(n);
}

/* ---- original scripts, through the public API --------------------------------------------- */

static void screen_expect(const char *path, const char *query, const char *want_id,
                          const char *want_matched)
{
    nsc_engine *eng = NULL;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    assert_int_equal(nsc_engine_load(eng, path, NULL), 0);
    assert_int_equal(nsc_engine_freeze(eng), 0);
    nsc_query q = NSC_QUERY_INIT;
    q.name = query;
    nsc_hits *hits = NULL;
    assert_int_equal(nsc_screen(&hits, eng, &q, NULL), 0);
    assert_true(nsc_hits_count(hits) >= 1);
    const nsc_hit *h = nsc_hits_get(hits, 0);
    assert_string_equal(nsc_hit_entity_id(h), want_id);
    assert_string_equal(nsc_hit_matched_name(h), want_matched);
    nsc_hits_free(hits);
    nsc_engine_free(eng);
}

static void test_original_script(void **state)
{
    (void)state;
    screen_expect(HAN, "倪高彬", "47818", "倪高彬");
    screen_expect(HAN, "武汉晓睿智科技有限责任公司", "47800", "武汉晓睿智科技有限责任公司");
    screen_expect(ENHANCED, "依图科技有限公司", "33893", "依图科技有限公司");
    nsc_engine *eng = load_fmt(HAN, NULL);
    assert_string_equal(list0(eng)->name, "ofac-sdn"); /* its entries are on the SDN List */
    const nsc__entity *ni = entity(eng, "47818");
    assert_string_equal(ni->names->text, "NI, Gaobin");
    const nsc__name *n = name_of(ni, "倪高彬"); /* Han parts joined without a space */
    assert_int_equal(n->kind, NSC_NAME_ALIAS);
    assert_int_equal(n->flags, NSC_NAMEF_ORIGINAL_SCRIPT);
    assert_string_equal(n->script, "Hans");
    assert_string_equal(n->parts->text, "倪");
    assert_int_equal(n->parts->type, NSC_PART_FAMILY);
    char b[64];
    assert_string_equal(dobs(ni, b, sizeof b), "1985-10-27");
    assert_string_equal(ni->listed, "2024-03-25");
    assert_true(has_text(ni->programs, "CYBER2"));
    nsc_engine_free(eng);
}

/* ---- detection and errors ----------------------------------------------------------------- */

static void test_detect(void **state)
{
    (void)state;
    assert_string_equal(nsc_detect_format(COMPLETE), "ofac-advanced");
    assert_string_equal(nsc_detect_format(HAN), "ofac-advanced");
    assert_string_equal(nsc_detect_format(SDN_SAMPLE), "ofac-advanced"); /* no namespace */
    assert_string_equal(nsc_detect_format(ENHANCED), "ofac-enhanced");
    assert_string_equal(nsc_detect_format(FIX "other_root.xml"), "un");
}

static void test_wrong_root(void **state)
{
    (void)state;
    char msg[1024];
    assert_int_equal(load_err(ENHANCED, "ofac-advanced", msg, sizeof msg), NSC_EFORMAT);
    assert_non_null(strstr(msg, "ofac_cons_enhanced_sample.xml:2: "));
    assert_non_null(
        strstr(msg, "root element <sanctionsData> (OFAC enhanced XML), not <Sanctions>"));
    assert_int_equal(load_err(COMPLETE, "ofac-enhanced", msg, sizeof msg), NSC_EFORMAT);
    assert_non_null(strstr(msg, "cons_advanced_2020-03-17.xml:2: root element <Sanctions> (OFAC "
                                "advanced XML), not <sanctionsData>"));
    assert_int_equal(load_err(FIX "other_root.xml", "ofac-advanced", msg, sizeof msg), NSC_EFORMAT);
    assert_non_null(strstr(msg, "root element <CONSOLIDATED_LIST> (UN XML), not <Sanctions>"));
}

static void test_truncated(void **state)
{
    (void)state;
    char msg[1024];
    assert_int_equal(load_err(FIX "truncated_advanced.xml", "ofac-advanced", msg, sizeof msg),
                     NSC_EFORMAT);
    /* the file ends inside a party: the error names the file and the last line */
    assert_non_null(strstr(msg, "truncated_advanced.xml:"));
    assert_non_null(strstr(msg, ": invalid XML: "));
    assert_int_equal(load_err(FIX "missing.xml", "ofac-enhanced", msg, sizeof msg), NSC_EIO);
    assert_int_equal(load_err(FIX "empty.xml", "ofac-advanced", msg, sizeof msg), NSC_EFORMAT);
    assert_non_null(strstr(msg, "file is empty"));
}

static void test_dangling(void **state)
{
    (void)state;
    nsc_engine *eng = load_fmt(FIX "dangling_advanced.xml", NULL);
    const nsc__list *l = list0(eng);
    static const char *const want[] = {
        "1 references to ReferenceValueSets resolve to nothing; ignored (first at line",
        "1 profile ids name no <DistinctParty>; ignored (first at line",
        "1 <IDRegDocument>s name an IdentityID no party has; ignored",
    };
    assert_int_equal(l->n_warnings, 3);
    for (size_t i = 0; i < 3; i++) {
        if (!strstr(l->warnings[i], want[i]))
            fail_msg("warning %zu '%s', want '%s'", i, l->warnings[i], want[i]);
        assert_non_null(strstr(l->warnings[i], "dangling_advanced.xml: "));
    }
    /* the entry whose profile is missing gave nothing; the others are whole */
    assert_null(entity(eng, "47818")->programs);
    assert_true(has_text(entity(eng, "47800")->programs, "CYBER2"));
    nsc_engine_free(eng);
    /* the excerpt of OFAC's SDN file lacks its tables: built-in numbering, with warnings */
    eng = load_fmt(SDN_SAMPLE, NULL);
    l = list0(eng);
    assert_int_equal(l->n_entities, 2);
    assert_true(l->n_warnings >= 1);
    assert_non_null(strstr(l->warnings[l->n_warnings - 1], "no <ReferenceValueSets>"));
    assert_int_equal(name_of(entity(eng, "25057"), "al-Rawi, 'Adnan Muhammad Amin")->kind,
                     NSC_NAME_PRIMARY);
    nsc_engine_free(eng);
}

/* An external entity is never loaded: the party's Comment, &x; = file:///etc/passwd, stays
 * empty. */
static void test_no_external_entity(void **state)
{
    (void)state;
    nsc_engine *eng = load_fmt(FIX "external_entity.xml", NULL);
    assert_null(entity(eng, "1")->remarks);
    nsc_engine_free(eng);
}

/* Vessel and aircraft features (the 2020 file has none): the details, identifiers, countries
 * and links they give, the same as sdn.csv's columns and remarks give. */
static void test_vessel_features(void **state)
{
    (void)state;
    nsc__list *l = nsc__list_new(nsc__mem_default());
    assert_non_null(l);
    nsc__entity *v = nsc__list_add_entity(l, "9999", 4, NSC_TYPE_VESSEL);
    assert_non_null(v);
    static const char *const f[][2] = {
        { "Vessel Call Sign", "EPBZ8" },
        { "Vessel Type", "Crude Oil Tanker" },
        { "Vessel Flag", "Iran" },
        { "Vessel Owner", "NATIONAL IRANIAN TANKER COMPANY" },
        { "Vessel Tonnage", "150,000" },
        { "Vessel Gross Registered Tonnage", "156,000" },
        { "VESSEL YEAR OF BUILD", "2002" },
        { "Vessel Registration Identification", "IMO 9187629" },
        { "MMSI", "422027300" },
        { "Aircraft Model", "A340-642" },
        { "Aircraft Operator", "MAHAN AIR" },
        { "Aircraft Manufacturer's Serial Number (MSN)", "1234" },
        { "Some Feature OFAC Adds Later", "a value" },
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        assert_int_equal(nsc__ofac_feature(l, v, f[i][0], f[i][1], strlen(f[i][1]), NULL, NULL), 0);
    nsc__date d;
    const int s[3] = { 2002, 5, 1 }, e[3] = { 2002, 5, 1 };
    assert_int_equal(nsc__ofac_span_date(&d, s, e, 0), 0);
    assert_int_equal(nsc__ofac_feature(l, v, "Aircraft Manufacture Date", "", 0, NULL, &d), 0);
    assert_string_equal(detail(v, NSC_DETAIL_CALL_SIGN), "EPBZ8");
    assert_string_equal(detail(v, NSC_DETAIL_VESSEL_TYPE), "Crude Oil Tanker");
    assert_string_equal(detail(v, NSC_DETAIL_VESSEL_FLAG), "Iran");
    assert_string_equal(detail(v, NSC_DETAIL_VESSEL_OWNER), "NATIONAL IRANIAN TANKER COMPANY");
    assert_string_equal(detail(v, NSC_DETAIL_TONNAGE), "150,000");
    assert_string_equal(detail(v, NSC_DETAIL_GRT), "156,000");
    assert_string_equal(detail(v, NSC_DETAIL_VESSEL_BUILT), "2002");
    assert_string_equal(detail(v, NSC_DETAIL_AIRCRAFT_MODEL), "A340-642");
    assert_string_equal(detail(v, NSC_DETAIL_AIRCRAFT_OPERATOR), "MAHAN AIR");
    assert_string_equal(detail(v, NSC_DETAIL_AIRCRAFT_SERIAL), "1234");
    assert_string_equal(detail(v, NSC_DETAIL_AIRCRAFT_BUILT), "2002-05-01");
    assert_string_equal(detail(v, "Some Feature OFAC Adds Later"), "a value");
    assert_int_equal(ident(v, "9187629")->type, NSC_ID_IMO); /* "IMO " dropped */
    assert_int_equal(ident(v, "422027300")->type, NSC_ID_MMSI);
    assert_string_equal(ident(v, "EPBZ8")->label, "Call Sign"); /* as sdn.csv's Call_Sign */
    assert_true(has_country(v, NSC_COUNTRY_OTHER, "ir"));       /* as sdn.csv's Vess_flag */
    assert_true(has_text(v->links, "NATIONAL IRANIAN TANKER COMPANY"));
    nsc__list_free(l);
}

/* ---- out of memory ------------------------------------------------------------------------ */

/* An allocator that fails its n-th call and counts the blocks alive. */
typedef struct failing {
    long calls, fail_at, live;
} failing;

static void *f_malloc(void *ctx, size_t n)
{
    failing *f = ctx;
    if (++f->calls == f->fail_at) return NULL;
    size_t *p = malloc(n + sizeof(max_align_t));
    if (!p) return NULL;
    *p = n; /* the block's size, for realloc */
    f->live++;
    return (char *)p + sizeof(max_align_t);
}

static void f_free(void *ctx, void *ptr);

/* A new block and a copy, so that every reallocation can fail too. */
static void *f_realloc(void *ctx, void *ptr, size_t n)
{
    if (!ptr) return f_malloc(ctx, n);
    void *q = f_malloc(ctx, n);
    if (!q) return NULL;
    size_t old = *(const size_t *)(const void *)((char *)ptr - sizeof(max_align_t));
    memcpy(q, ptr, old < n ? old : n);
    f_free(ctx, ptr);
    return q;
}

static void f_free(void *ctx, void *ptr)
{
    failing *f = ctx;
    if (!ptr) return;
    f->live--;
    free((char *)ptr - sizeof(max_align_t));
}

/* Every allocation of a load failing in turn: NSC_ENOMEM, nothing left allocated, and the
 * engine loads the file afterwards. (test_oom does the same sweep, slower, for every step.) */
static void oom_sweep(const char *path, const char *format)
{
    int done = 0;
    for (long n = 1; !done; n++) {
        failing f = { 0, n, 0 };
        nsc_engine_options eo = NSC_ENGINE_OPTIONS_INIT;
        eo.allocator.malloc = f_malloc;
        eo.allocator.realloc = f_realloc;
        eo.allocator.free = f_free;
        eo.allocator.ctx = &f;
        nsc_engine *eng = NULL;
        if (nsc_engine_new(&eng, &eo) != 0) continue; /* the engine's own set-up failed */
        nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
        o.format = format;
        int rc = nsc_engine_load(eng, path, &o);
        if (rc == 0) {
            done = f.calls < n; /* no allocation of the load failed: every one was tried */
        } else {
            if (rc != NSC_ENOMEM)
                fail_msg("%s, allocation %ld: %s", path, n, nsc_engine_errmsg(eng));
            assert_int_equal(nsc_engine_list_count(eng), 0);
            f.fail_at = 0;
            assert_int_equal(nsc_engine_load(eng, path, &o), 0); /* still usable */
        }
        nsc_engine_free(eng);
        assert_int_equal(f.live, 0);
    }
}

static void test_out_of_memory(void **state)
{
    (void)state;
    oom_sweep(HAN, "ofac-advanced");
    oom_sweep(ENHANCED, "ofac-enhanced");
}

/* ---- dates and the legacy CSV's details --------------------------------------------------- */

static void test_span_dates(void **state)
{
    (void)state;
    static const struct {
        int s[3], e[3], approx;
        const char *want;
    } cases[] = {
        { { 1985, 10, 27 }, { 1985, 10, 27 }, 0, "1985-10-27" },
        { { 1962, 1, 1 }, { 1962, 12, 31 }, 0, "1962" },
        { { 1960, 1, 1 }, { 1962, 12, 31 }, 0, "1960..1962" },
        { { 1960, 1, 1 }, { 1962, 12, 31 }, 1, "~1960..1962" },
        { { 1970, 2, 1 }, { 1970, 2, 28 }, 0, "1970-02" },
        { { 1972, 0, 0 }, { 0, 0, 0 }, 0, "1972" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nsc__date d;
        char b[32];
        assert_int_equal(nsc__ofac_span_date(&d, cases[i].s, cases[i].e, cases[i].approx), 0);
        nsc__date_format(b, &d);
        assert_string_equal(b, cases[i].want);
    }
    nsc__date d;
    const int none[3] = { 0, 0, 0 };
    assert_int_equal(nsc__ofac_span_date(&d, none, none, 0), NSC_EINVAL);
}

static void test_csv_details(void **state)
{
    (void)state;
    nsc_engine *eng = load_fmt(FIX "sdn.csv", "ofac");
    const nsc__entity *e = entity(eng, "4238");
    assert_string_equal(detail(e, NSC_DETAIL_CALL_SIGN), "CL2192");
    assert_string_equal(detail(e, NSC_DETAIL_VESSEL_TYPE), "Tug");
    assert_string_equal(detail(e, NSC_DETAIL_GRT), "212");
    assert_string_equal(detail(e, NSC_DETAIL_VESSEL_FLAG), "Cuba");
    assert_string_equal(detail(e, NSC_DETAIL_VESSEL_OWNER), "Samir de Navegacion S.A.");
    assert_null(detail(e, NSC_DETAIL_TONNAGE)); /* "-0- " */
    nsc_engine_free(eng);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_complete_against_csv),
        cmocka_unit_test(test_complete_resolved),
        cmocka_unit_test(test_enhanced_sample),
        cmocka_unit_test(test_formats_agree),
        cmocka_unit_test(test_original_script),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_wrong_root),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_dangling),
        cmocka_unit_test(test_span_dates),
        cmocka_unit_test(test_csv_details),
        cmocka_unit_test(test_no_external_entity),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_vessel_features),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
