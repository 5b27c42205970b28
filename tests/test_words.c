/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_words.c: the word tables of organization names (text/words.c) by mechanism, each as a
 * table: legal forms recognized and stripped, in every script and in the position they stand;
 * no legal form in a person's name; abbreviations and the other written forms of a generic word
 * equal to the word; generic words of other languages equal to their English; and pairs of
 * organization names that must or must not meet at the default threshold.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "api/ctx.h"
#include "api/engine.h"
#include "text/tokenize.h"

#include "compare_fixture.h"

/* Prepares a name with options opts (NSC_PREP_*) and writes variant v's tokens as
 * "tok/FLAGS ..." (L legal form, G generic word, S stop word); "" when there is no variant v. */
static const char *tokens_of(const char *name, unsigned opts, int v)
{
    static char out[1024];
    nsc__ctx *ctx;
    assert_int_equal(nsc__ctx_acquire(engine, &ctx), 0);
    assert_int_equal(nsc__prepare(&ctx->text, &ctx->query, name, strlen(name), opts), 0);
    out[0] = '\0';
    if (v < ctx->query.nv) {
        size_t w = 0;
        const nsc__pname *p = &ctx->query.v[v];
        for (int i = 0; i < p->n; i++) {
            unsigned fl = p->tok[i].ti.flags;
            w +=
                (size_t)snprintf(out + w, sizeof out - w, "%s%s%s%s%s", i ? " " : "", p->tok[i].s,
                                 fl & NSC_TOKF_LEGAL ? "/L" : "", fl & NSC_TOKF_GENERIC ? "/G" : "",
                                 fl & NSC_TOKF_STOP ? "/S" : "");
        }
    }
    nsc__ctx_release(engine, ctx);
    return out;
}

/* The tokens left once legal forms are dropped, as the scorer sees them. */
static const char *kept_of(const char *name, unsigned opts)
{
    static char out[1024];
    nsc__ctx *ctx;
    assert_int_equal(nsc__ctx_acquire(engine, &ctx), 0);
    assert_int_equal(nsc__prepare(&ctx->text, &ctx->query, name, strlen(name), opts), 0);
    size_t w = 0;
    out[0] = '\0';
    const nsc__pname *p = &ctx->query.v[0];
    for (int i = 0; i < p->n; i++)
        if (!(p->tok[i].ti.flags & NSC_TOKF_LEGAL))
            w += (size_t)snprintf(out + w, sizeof out - w, "%s%s", w ? " " : "", p->tok[i].s);
    nsc__ctx_release(engine, ctx);
    return out;
}

/* Every legal form is recognized and stripped from an organization's name: what is left is
 * the name alone. Forms of one token and of several, abbreviated and spelled out, in the
 * scripts they are written in, before and after the name. */
static void test_legal_forms_stripped(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "Acme Co., Ltd.", "acme" },
        { "Acme Company Limited", "acme" },
        { "Acme Co Limited", "acme" },
        { "Acme LLC", "acme" },
        { "Acme L.L.C.", "acme" },
        { "Acme Limited Liability Company", "acme" },
        { "Acme Inc.", "acme" },
        { "Acme Corp.", "acme" },
        { "Acme PLC", "acme" },
        { "Acme Pte. Ltd.", "acme" },
        { "Acme Pvt Ltd", "acme" },
        { "Acme Pty Ltd", "acme" },
        { "Acme Sdn. Bhd.", "acme" },
        { "PT Acme Tbk", "acme" },
        { "Acme GmbH", "acme" },
        { "Acme G.m.b.H.", "acme" },
        { "Acme GmbH & Co. KG", "acme" },
        { "Acme AG", "acme" },
        { "Acme KG", "acme" },
        { "Acme S.A.", "acme" },
        { "Acme SA", "acme" },
        { "Acme S.A.S.", "acme" },
        { "Acme SARL", "acme" },
        { "Acme S.A.R.L.", "acme" },
        { "Acme S.p.A.", "acme" },
        { "Acme S.r.l.", "acme" },
        { "Acme S.L.", "acme" },
        { "Acme S.A. de C.V.", "acme" },
        { "Acme S. de R.L. de C.V.", "acme" },
        { "Acme Ltda.", "acme" },
        { "Acme B.V.", "acme" },
        { "Acme N.V.", "acme" },
        { "Acme BVBA", "acme" },
        { "Acme AB", "acme" },
        { "Acme AB (publ)", "acme" },
        { "Acme AS", "acme" },
        { "Acme ASA", "acme" },
        { "Acme ApS", "acme" },
        { "Acme Oy", "acme" },
        { "Acme Oyj", "acme" },
        { "Acme Sp. z o.o.", "acme" },
        { "Acme Kft.", "acme" },
        { "Acme Zrt.", "acme" },
        { "Acme s.r.o.", "acme" },
        { "Acme spol. s r.o.", "acme" },
        { "Acme d.o.o.", "acme" },
        { "Acme EOOD", "acme" },
        { "Acme A.Ş.", "acme" },
        { "Acme Anonim Şirketi", "acme" },
        { "Acme Ltd. Şti.", "acme" },
        { "Acme Limited Şirketi", "acme" },
        { "OOO Acme", "acme" },
        { "ООО Акме", "akme" },
        { "ЗАО Акме", "akme" },
        { "АО Акме", "akme" },
        { "ПАО Акме", "akme" },
        { "ТОВ Акме", "akme" },
        { "ТОО Акме", "akme" },
        { "Акционерное общество Акме", "akme" },
        { "Acme JSC", "acme" },
        { "Acme PJSC", "acme" },
        { "Acme Kabushiki Kaisha", "acme" },
        { "Acme K.K.", "acme" },
        { "Acme Jusik Hoesa", "acme" },
        { "Acme FZE", "acme" },
        { "Acme FZ-LLC", "acme" },
        { "Acme W.L.L.", "acme" },
        { "Acme S.A.O.G.", "acme" },
        { "Sharikat Acme", "acme" },
        { "Acme Sherkat Sahami Khas", "acme" },
        { "Acme Q.S.C.", "acme" },
        { "Acme S.A.L.", "acme" },
        { "华为有限公司", "hua wei" },
        { "华为有限责任公司", "hua wei" },
        { "华为股份有限公司", "hua wei" },
        { "華為有限公司", "hua wei" },
        { "ソニー株式会社", "soni" },
        { "삼성주식회사", "sam seong" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = kept_of(cases[i][0], NSC_PREP_ORG);
        if (strcmp(got, cases[i][1]) != 0)
            fail_msg("\"%s\" keeps \"%s\", want \"%s\"", cases[i][0], got, cases[i][1]);
    }
}

/* Where a legal form is one. A person's name has none; a form that is also a name (Sa, Ag,
 * Co, Pat) or a phrase of initials ("a b" of A.B.C.) is one only among the legal forms that
 * end a name, or first when it is written first (PT, OOO). Rows: name, options, the first
 * variant's tokens. */
static void test_legal_form_position(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        unsigned opts;
        const char *want;
    } cases[] = {
        { "Maria Sa", NSC_PREP_PERSON, "maria sa" },
        { "Hans Ag", NSC_PREP_PERSON, "hans ag" },
        { "Co Van Thanh", NSC_PREP_PERSON, "co van thanh" },
        { "Pat Limited", NSC_PREP_PERSON, "pat limited" },
        { "Sa Ding Ding", 0, "sa ding ding" },
        { "Ag Thomas Holm", 0, "ag thomas holm" },
        { "Maria Sa", 0, "maria sa/L" },
        { "Acme SA", NSC_PREP_ORG, "acme sa/L" },
        { "Sa Acme Trading", NSC_PREP_ORG, "sa acme trading/G" },
        { "A.B.C. Company", NSC_PREP_ORG, "a b c company/L" },
        { "A.B.C. Company", 0, "a b c company/L" },
        { "PT Bank Acme", 0, "pt/L bank/G acme" },
        { "Acme PT", 0, "acme pt/L" },
        { "Acme Trading Co. Ltd.", 0, "acme trading/G co/L ltd/L" },
        { "Acme AG & Co. KG", 0, "acme ag/L and/L co/L kg/L" },
        { "Acme Ltd Holding", 0, "acme ltd/L holding/G" },
        /* a phrase that ends the name may have its last word cut off by a field's length, to
         * five letters or more; not elsewhere, and not to fewer */
        { "Acme Joint Stock Compan", NSC_PREP_ORG, "acme joint/L/G stock/L/G compan/L" },
        { "Acme Limited Liability Compa", NSC_PREP_ORG, "acme limited/L liability/L compa/L" },
        { "Acme Joint Stock Comp", NSC_PREP_ORG, "acme joint/G stock/G comp" },
        { "Acme Joint Stock Compan Trading", NSC_PREP_ORG,
          "acme joint/G stock/G compan trading/G" },
        { "Acme Joint Stock Companies", NSC_PREP_ORG, "acme joint/G stock/G companies" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = tokens_of(cases[i].name, cases[i].opts, 0);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("\"%s\" (opts %u): \"%s\", want \"%s\"", cases[i].name, cases[i].opts, got,
                     cases[i].want);
    }
    /* a name of unknown type that took a weak form as a legal form is also read without it */
    assert_string_equal(tokens_of("Maria Sa", 0, 1), "maria sa");
    assert_string_equal(tokens_of("Acme SA", NSC_PREP_ORG, 1), "");
    assert_string_equal(tokens_of("Acme Ltd", 0, 1), "");
}

/* Every written form of a generic word becomes the word: abbreviations, plurals and
 * adjectives, and the words of other languages. Rows: the word, what it is written as. */
static void test_generic_forms(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "Sci", "science" },
        { "Sciences", "science" },
        { "Scientific", "science" },
        { "Tech", "technology" },
        { "Technol", "technology" },
        { "Technologies", "technology" },
        { "SciTech", "science technology" },
        { "Sci-Tech", "science technology" },
        { "S&T", "science and/S technology" },
        { "R&D", "research and/S development" },
        { "Engg", "engineering" },
        { "Intl", "international" },
        { "Int'l", "international" },
        { "Internacional", "international" },
        { "Natl", "national" },
        { "Mfg", "manufacturing" },
        { "Mgmt", "management" },
        { "Mgt", "management" },
        { "Svcs", "services" },
        { "Service", "services" },
        { "Grp", "group" },
        { "Groupe", "group" },
        { "Hldgs", "holding" },
        { "Holdings", "holding" },
        { "Invt", "investment" },
        { "Investments", "investment" },
        { "Devt", "development" },
        { "Indl", "industry" },
        { "Industries", "industry" },
        { "Industrial", "industry" },
        { "Bros", "brothers" },
        { "Assoc", "association" },
        { "Trdg", "trading" },
        { "Trade", "trading" },
        /* Turkish */
        { "Ticaret", "trading" },
        { "Sanayi", "industry" },
        { "Bankası", "bank" },
        { "Uluslararası", "international" },
        { "Yatırım", "investment" },
        { "Mühendislik", "engineering" },
        { "Teknoloji", "technology" },
        { "Denizcilik", "shipping" },
        /* Russian and Ukrainian, in Cyrillic and in Latin letters */
        { "Торговый", "trading" },
        { "Torgovyy", "trading" },
        { "Промышленная", "industry" },
        { "Promyshlennaya", "industry" },
        { "Международный", "international" },
        { "Mezhdunarodnyy", "international" },
        { "Инвестиционная", "investment" },
        { "Научно", "science" },
        { "Технологии", "technology" },
        { "Инжиниринг", "engineering" },
        { "Группа", "group" },
        { "Холдинг", "holding" },
        { "Развития", "development" },
        { "Нефтяная", "petroleum" },
        { "Судоходная", "shipping" },
        { "Міжнародний", "international" },
        { "Торговельна", "trading" },
        { "Науковий", "science" },
        { "Розвитку", "development" },
        /* Persian and Arabic, in Latin letters */
        { "Tejarat", "trading" },
        { "Bazargani", "trading" },
        { "Sanaye", "industry" },
        { "Beynolmelal", "international" },
        { "Mohandesi", "engineering" },
        { "Kashtirani", "shipping" },
        { "Tijariya", "trading" },
        { "Istithmar", "investment" },
        { "Handasa", "engineering" },
        { "Tanmiya", "development" },
        /* Arabic and Persian script, Chinese */
        { "التجارية", "trading" },
        { "للتجارة", "trading" },
        { "الدولية", "international" },
        { "للاستثمار", "investment" },
        { "بازرگانی", "trading" },
        { "کشتیرانی", "shipping" },
        { "科学", "science" },
        { "工程", "engineering" },
        { "海运", "shipping" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[128], want[256];
        /* in a company's name: every word but the last is generic unless a stop word */
        snprintf(name, sizeof name, "Zorblat %s", cases[i][0]);
        const char *got = kept_of(name, NSC_PREP_ORG);
        snprintf(want, sizeof want, "zorblat %s", cases[i][1]);
        /* kept_of writes no flags: drop the /S of the wanted string */
        char *s = strstr(want, "/S");
        if (s) memmove(s, s + 2, strlen(s + 2) + 1);
        if (strcmp(got, want) != 0) fail_msg("\"%s\": \"%s\", want \"%s\"", cases[i][0], got, want);
    }
    /* the written-out words are generic words */
    assert_string_equal(tokens_of("Zorblat Sci Tech", NSC_PREP_ORG, 0),
                        "zorblat science/G technology/G");
}

/* A word that is also a name (Dev, Ind, Eng) is written out only in an organization's name;
 * a person's name keeps every word as written. */
static void test_abbreviations_not_in_persons(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        unsigned opts;
        const char *want;
    } cases[] = {
        { "Dev Patel", NSC_PREP_PERSON, "dev patel" },
        { "Dev Patel", 0, "dev patel" },
        { "Acme Dev Co", 0, "acme development/G co/L" },
        { "Acme Dev", NSC_PREP_ORG, "acme development/G" },
        { "Eng Kah Hock", NSC_PREP_PERSON, "eng/S kah hock" },
        { "Acme Eng Ltd", 0, "acme engineering/G ltd/L" },
        { "Tech Sam", NSC_PREP_PERSON, "tech/G sam" },
        { "Ind Singh", 0, "ind singh" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = tokens_of(cases[i].name, cases[i].opts, 0);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("\"%s\" (opts %u): \"%s\", want \"%s\"", cases[i].name, cases[i].opts, got,
                     cases[i].want);
    }
}

/* Organization names that must meet at the default threshold (the same company written with
 * other legal forms, abbreviations or languages) and that must not (another company with the
 * same generic words). Made-up names. */
static void test_organization_pairs(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        int match;
    } cases[] = {
        { "Wuhan Xiaoruizhi Sci Tech Co Ltd",
          "WUHAN XIAORUIZHI SCIENCE AND TECHNOLOGY COMPANY, LIMITED", 1 },
        { "Wuhan Xiaoruizhi Sci-Tech Co., Ltd.", "Wuhan Xiaoruizhi Science & Technology Co Ltd",
          1 },
        { "Zorblat S&T Co., Ltd.", "Zorblat Science and Technology Company Limited", 1 },
        { "Zorblat Intl Trdg LLC", "ZORBLAT INTERNATIONAL TRADING L.L.C.", 1 },
        { "Zorblat Mfg Grp", "Zorblat Manufacturing Group", 1 },
        { "Zorblat Hldgs Pte Ltd", "Zorblat Holdings Private Limited", 1 },
        { "Zorblat Engg Svcs", "Zorblat Engineering Services", 1 },
        { "Zorblat Industries", "Zorblat Industrial", 1 },
        { "Zorblat GmbH", "Zorblat AG", 1 },
        { "Zorblat Sp. z o.o.", "Zorblat", 1 },
        { "OOO Zorblat", "Zorblat LLC", 1 },
        { "ООО Зорблат", "Zorblat LLC", 1 },
        { "PT Zorblat Tbk", "Zorblat", 1 },
        { "Zorblat İnşaat Sanayi ve Ticaret A.Ş.", "Zorblat Construction Industry and Trade", 1 },
        { "Zorblat Bankası", "Zorblat Bank", 1 },
        { "Torgovyy Dom Zorblat", "Торговый Дом Зорблат", 1 },
        { "Sherkat Tejarat Zorblat", "Zorblat Trading Company", 1 },
        { "شركة زوربلات للتجارة", "Zorblat Trading Company", 1 },
        { "زوربلات للتجارة ذ.م.م", "Zorblat Trading LLC", 1 },
        { "Zorblat Science and Technology Co Ltd", "Quintavo Science and Technology Co Ltd", 0 },
        { "Zorblat Intl Trdg LLC", "Quintavo International Trading LLC", 0 },
        { "Zorblat Bank", "Quintavo Bank", 0 },
        { "Zorblat Ticaret A.Ş.", "Quintavo Ticaret A.Ş.", 0 },
        { "Zorblat Holding", "Zorblat Quintavo Motors Holding", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double s = compare_typed(cases[i].a, cases[i].b, NSC_TYPE_ORGANIZATION, NULL);
        double u = compare_typed(cases[i].a, cases[i].b, NSC_TYPE_UNKNOWN, NULL);
        int ok = cases[i].match ? s >= NSC_DEFAULT_THRESHOLD && u >= NSC_DEFAULT_THRESHOLD
                                : s < NSC_DEFAULT_THRESHOLD && u < NSC_DEFAULT_THRESHOLD;
        if (!ok)
            fail_msg("\"%s\" / \"%s\": %.4f (organization), %.4f (unknown), want %s", cases[i].a,
                     cases[i].b, s, u, cases[i].match ? "a match" : "no match");
    }
}

/* Person names with a token that is also a legal form score as they are written. */
static void test_person_pairs(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        int match;
    } cases[] = {
        { "Maria Sa", "Maria Sa", 1 },
        { "Joao Sa", "Joao Silva", 0 },
        { "Hans Ag", "Hans Ag", 1 },
        { "Pat Co", "Pat Co", 1 },
        { "Maria Sa Ferreira", "Maria Ferreira", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double s = compare_typed(cases[i].a, cases[i].b, NSC_TYPE_PERSON, NULL);
        int ok = cases[i].match ? s >= NSC_DEFAULT_THRESHOLD : s < NSC_DEFAULT_THRESHOLD;
        if (!ok)
            fail_msg("\"%s\" / \"%s\": %.4f, want %s", cases[i].a, cases[i].b, s,
                     cases[i].match ? "a match" : "no match");
    }
    /* a person named Sa is no company: the name is not reduced to its given name */
    assert_true(compare_typed("Maria Sa", "Maria", NSC_TYPE_PERSON, NULL) < 1.0);
}

/* A qualifier in parentheses or brackets (a country, a branch, an acronym) that the other name
 * leaves out costs half as much as another word; numbers and generic words there count in full. */
static void test_parenthesized_qualifiers(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        int match;
    } cases[] = {
        { "Acme Bank (Suisse) AG", "Acme Bank AG", 1 },
        { "Kestrel Shipping [Malta] Ltd", "Kestrel Shipping Ltd", 1 },
        { "Tehrik-e Taliban Pakistan (TTP)", "Tehrik-e Taliban Pakistan", 1 },
        { "Acme Bank Suisse AG", "Acme Bank AG", 0 },
        { "Kestrel Fund (2) Ltd", "Kestrel Fund Ltd", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double s = compare_typed(cases[i].a, cases[i].b, NSC_TYPE_ORGANIZATION, NULL);
        int ok = cases[i].match ? s >= NSC_DEFAULT_THRESHOLD : s < NSC_DEFAULT_THRESHOLD;
        if (!ok)
            fail_msg("\"%s\" / \"%s\": %.4f, want %s", cases[i].a, cases[i].b, s,
                     cases[i].match ? "a match" : "no match");
    }
    /* the parentheses are not text: the normalized form has none, unbalanced ones do no harm */
    char out[256];
    assert_true(nsc_normalize(out, sizeof out, engine, "Acme Bank (Suisse) AG") > 0);
    assert_string_equal(out, "acme bank suisse ag");
    assert_true(nsc_normalize(out, sizeof out, engine, "((Acme)) ) Bank (") > 0);
    assert_string_equal(out, "acme bank");
    assert_true(compare_typed("((Acme)) ) Bank (", "Acme Bank", NSC_TYPE_ORGANIZATION, NULL) >=
                NSC_DEFAULT_THRESHOLD);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_legal_forms_stripped),
        cmocka_unit_test(test_legal_form_position),
        cmocka_unit_test(test_generic_forms),
        cmocka_unit_test(test_abbreviations_not_in_persons),
        cmocka_unit_test(test_organization_pairs),
        cmocka_unit_test(test_person_pairs),
        cmocka_unit_test(test_parenthesized_qualifiers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
