/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_arabic.c: Arabic-script names against their romanizations, as tables. Names of public
 * figures and common given names in Arabic, Persian, Urdu and Pashto spelling, against their
 * BGN/PCGN romanizations and the spellings of the international press (compound names joined,
 * apart and with the article assimilated; Persian, Urdu and Pashto letters; hamza and alif
 * seats, alif maksura, ta marbuta), must reach the default threshold; distinct names sharing a
 * part must stay below it. Then the folds that make the compound forms meet, and the alignment
 * and legal-form rules they rely on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "api/ctx.h"
#include "api/engine.h"
#include "text/tokenize.h"

#include "compare_fixture.h"

/* name in Arabic script, a romanization, whether they name the same person */
static const struct {
    const char *script, *latin;
    int same;
} pairs[] = {
    { "محمد", "Muhammad", 1 },
    { "محمد", "Mohammed", 1 },
    { "عبد الرحمن", "Abd al-Rahman", 1 },
    { "عبد الرحمن", "Abdul Rahman", 1 },
    { "عبد الرحمن", "Abdurrahman", 1 },
    { "عبدالرحمن", "Abderrahmane", 1 },
    { "عبدالرحمن", "Abd ar-Rahman", 1 },
    { "نصر الدين", "Nasr al-Din", 1 },
    { "نصرالدين", "Nasruddin", 1 },
    { "نصر الدين", "Nasreddine", 1 },
    { "صلاح الدين", "Salahuddin", 1 },
    { "صلاح الدين", "Salah ad-Din", 1 },
    { "عبد الله", "Abdullah", 1 },
    { "عبدالله", "Abd Allah", 1 },
    { "أبو بكر", "Abu Bakr", 1 },
    { "أبو بكر", "Abubakar", 1 },
    { "جمال عبد الناصر", "Jamal Abd al-Nasir", 1 },
    { "حسن نصر الله", "Hassan Nasrallah", 1 },
    { "حسن نصرالله", "Hasan Nasrullah", 1 },
    { "ياسر عرفات", "Yasser Arafat", 1 },
    { "أنور السادات", "Anwar Sadat", 1 },
    { "أنور السادات", "Anwar as-Sadat", 1 },
    { "محمد مرسي", "Mohamed Morsi", 1 },
    { "عبد العزيز بوتفليقة", "Abdelaziz Bouteflika", 1 },
    { "پرویز مشرف", "Pervez Musharraf", 1 },
    { "نواز شریف", "Nawaz Sharif", 1 },
    { "عمران خان", "Imran Khan", 1 },
    { "بینظیر بھٹو", "Benazir Bhutto", 1 },
    { "حامد کرزی", "Hamid Karzai", 1 },
    { "اشرف غني", "Ashraf Ghani", 1 },
    { "ګلبدین حکمتیار", "Gulbuddin Hekmatyar", 1 },
    { "ملا محمد عمر", "Mullah Mohammed Omar", 1 },
    { "فاطمة", "Fatima", 1 },
    { "إبراهيم", "Ibrahim", 1 },
    { "آمنة", "Amina", 1 },
    { "مصطفى", "Mustafa", 1 },
    { "موسى", "Musa", 1 },
    { "نجیب الله", "Najibullah", 1 },
    { "ډاکټر", "Daktar", 1 },
    /* z before h: the script writes no vowel between them, Latin spellings do */
    { "زهير", "Zuhair", 1 },
    { "زهراء", "Zahra", 1 },
    { "ظاهر", "Zahir", 1 },
    { "ژاله", "Zhaleh", 1 },
    { "ژاله", "Jaleh", 1 },
    { "فتحي", "Fathi", 1 },
    /* ta marbuta spelt a or ah */
    { "فاطمة", "Fatima", 1 },
    { "فاطمة", "Fatimah", 1 },
    { "حمزة", "Hamzah", 1 },
    { "طلحة", "Talhah", 1 },
    { "خديجة", "Khadijah", 1 },
    { "عائشة رحمة", "Aishah Rahmah", 1 },
    { "عائشة رحمة", "Aisha Rahma", 1 },
    /* the Persian and Urdu reading of ض ذ ظ as z and ث as s, beside the Arabic one */
    { "فضل ربيع", "Fazl Rabi", 1 },
    { "فضل ربيع", "Fadl Rabi", 1 },
    { "عثمان", "Usman", 1 },
    { "عثمان", "Uthman", 1 },
    { "ذاكر", "Zakir", 1 },
    { "ذاكر", "Dhakir", 1 },
    { "ثناء", "Sana", 1 },
    { "ضياء", "Ziya", 1 },
    { "عثمان", "Usama", 0 },
    { "ضياء", "Zakariya", 0 },
    /* movements and groups, translated or romanized */
    { "حركة المجاهدين", "Harakat ul-Mujahidin", 1 },
    { "حركة المجاهدين", "Mujahidin Movement", 1 },
    { "تحریک طالبان", "Tehreek-e-Taliban", 1 },
    { "جماعة الأحرار", "Jamaat ul-Ahrar", 1 },
    /* the article before a sun letter, joined to the word before as that letter */
    { "أهل السنة", "Ahlus Sunnah", 1 },
    { "أهل السنة", "Ahl as-Sunna", 1 },
    { "أنصار الشريعة", "Ansarush Sharia", 1 },
    { "أنصار الشريعة", "Ansar al-Sharia", 1 },
    { "دار السلام", "Darussalam", 1 },
    { "بيت المقدس", "Baitul Maqdis", 1 },
    { "أنصار الشريعة", "Ansarul Islam", 0 },
    { "دار السلام", "Darul Aman", 0 },
    /* a silent final heh (Persian, Urdu, Pashto) and ta marbuta written as heh, spelt with a
     * final vowel or h; Allah and a heh after a long vowel keep their h */
    { "حسن زاده", "Hassan Zada", 1 },
    { "حسن زاده", "Hassan Zadeh", 1 },
    { "خواجہ آصف", "Khawaja Asif", 1 },
    { "سلسله", "Silsila", 1 },
    { "سلسله", "Silsilah", 1 },
    { "عبده", "Abdo", 1 },
    { "وجيه", "Wajih", 1 },
    { "شاه", "Shah", 1 },
    { "فقيه", "Faqih", 1 },
    { "حسن زاده", "Hassan Zaki", 0 },
    /* English words of Urdu and Pashto company names */
    { "ستارہ کمپنی لمیٹڈ", "Sitara Company Limited", 1 },
    { "ستارہ کمپنی", "Sitara Company", 1 },
    { "پاک ٹریڈنگ پرائیویٹ لمیٹڈ", "Pak Trading Private Limited", 1 },
    { "محمد", "Ahmad", 0 },
    { "عبد الرحمن", "Abd al-Rahim", 0 },
    { "نصر الدين", "Nur al-Din", 0 },
    { "جمال", "Kamal", 0 },
    { "خالد", "Khalil", 0 },
    { "عبد الله", "Abd al-Aziz", 0 },
    { "صلاح الدين", "Jalaluddin", 0 },
    { "ياسر عرفات", "Yasser Abbas", 0 },
    { "عمران خان", "Imran Farooq", 0 },
};

static void test_script_pairs(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const char *expl;
        double s = compare(pairs[i].script, pairs[i].latin, &expl);
        if ((s >= NSC_DEFAULT_THRESHOLD) != pairs[i].same) {
            print_error("\"%s\" / \"%s\" scored %.4f, want %s the threshold\n  %s\n",
                        pairs[i].script, pairs[i].latin, s, pairs[i].same ? "at or above" : "below",
                        expl);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* Romanizations of one compound name, each group folded to one form. */
static const char *const compounds[][6] = {
    { "abdulrahman", "abdurrahman", "abdelrahman", "abderrahmane", "abdalrahman", NULL },
    { "abdullah", "abdallah", "abdellah", NULL },
    { "abdulaziz", "abdelaziz", "abdalaziz", "abdulazeez", NULL },
    { "abdelkader", "abdulkader", "abdalkader", "abdoulkader", NULL },
    { "nasruddin", "nasreddin", "nasraddin", "nasraldin", "nasroddin", NULL },
    { "salahuddin", "salaheddine", "salahaldin", "salahuddeen", NULL },
    { "nasrullah", "nasrallah", "nasrollah", NULL },
};

static void test_compound_folds(void **state)
{
    (void)state;
    for (size_t g = 0; g < sizeof compounds / sizeof compounds[0]; g++) {
        char want[NSC_MAX_TOKLEN + 1], got[NSC_MAX_TOKLEN + 1];
        nsc__skeleton(want, compounds[g][0], strlen(compounds[g][0]));
        for (size_t k = 1; compounds[g][k]; k++) {
            nsc__skeleton(got, compounds[g][k], strlen(compounds[g][k]));
            if (strcmp(got, want) != 0)
                fail_msg("skeleton(%s) = %s, skeleton(%s) = %s", compounds[g][k], got,
                         compounds[g][0], want);
        }
    }
    /* the fold too, where only the compound's link differs */
    static const char *const folds[][2] = {
        { "abdurrahman", "abdalrahman" },
        { "abdelaziz", "abdalasis" },
        { "abdullah", "abdala" },
        { "nasreddin", "nasrdin" },
        { "nasrollah", "nasrala" },
        { "gulbuddin", "gulbdin" },
        /* names that only look like compounds keep their fold */
        { "abduh", "abdu" },
        { "abdi", "abdi" },
        { "saladin", "saladin" },
        { "mullah", "mula" },
        { "geraldine", "geraldine" },
    };
    for (size_t k = 0; k < sizeof folds / sizeof folds[0]; k++) {
        char got[NSC_MAX_TOKLEN + 1];
        nsc__fold_token(got, folds[k][0], strlen(folds[k][0]));
        if (strcmp(got, folds[k][1]) != 0)
            fail_msg("fold(%s) = %s, want %s", folds[k][0], got, folds[k][1]);
    }
}

/* An abjad token that is a Latin one without its short vowels (ahmd = ahmad, mhmwd = mahmud) is
 * closer than one that only shares its consonants (bshyr = bachir); a skeleton keeps the same
 * consonant written twice with a vowel between (Habib: hbb), as the script does. */
static void test_vowels_and_skeleton(void **state)
{
    (void)state;
    const char *expl;
    double voweled = compare("بشير", "Bashir", &expl), other = compare("بشير", "Bachir", &expl);
    if (!(voweled > other)) fail_msg("bshyr/bashir %.4f, bshyr/bachir %.4f", voweled, other);
    assert_true(voweled >= 0.95 - 1e-9 && voweled < 1.0);
    assert_true(compare("احمد", "Ahmad", &expl) >= 0.95 - 1e-9);
    assert_true(compare("محمود", "Mahmud", &expl) >= 0.95 - 1e-9); /* و: a long u */
    static const char *const skels[][2] = {
        { "habib", "hbb" }, { "lolal", "lll" }, { "mohammed", "mhmd" }, { "hbyb", "hbb" },
        { "nunu", "nn" },   { "zahra", "shr" }, { "abbas", "bs" },
    };
    for (size_t k = 0; k < sizeof skels / sizeof skels[0]; k++) {
        char got[NSC_MAX_TOKLEN + 1];
        nsc__skeleton(got, skels[k][0], strlen(skels[k][0]));
        if (strcmp(got, skels[k][1]) != 0)
            fail_msg("skeleton(%s) = %s, want %s", skels[k][0], got, skels[k][1]);
    }
}

/* A middle name or a link of a name chain that one name leaves out costs half as much as a
 * part at either end; a number or a generic word in the middle counts in full. */
static void test_inner_omission(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        int same;
    } cases[] = {
        { "Karim Yusuf Haddad", "Karim Haddad", 1 },
        { "Karim bin Yusuf Haddad", "Karim Haddad", 1 },
        { "John Fitzgerald Kowalczyk", "John Kowalczyk", 1 },
        { "Acme 2 Holdings", "Acme Holdings", 0 },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *expl;
        double s = compare(cases[k].a, cases[k].b, &expl);
        if ((s >= NSC_DEFAULT_THRESHOLD) != cases[k].same)
            fail_msg("\"%s\" / \"%s\" scored %.4f: %s", cases[k].a, cases[k].b, s, expl);
    }
    /* the inner token costs less than the same token at the end */
    const char *expl;
    double inner = compare("Karim Yusuf Haddad", "Karim Haddad", &expl);
    double end = compare("Karim Haddad Yusuf", "Karim Haddad", &expl);
    if (!(inner > end)) fail_msg("inner %.4f, end %.4f", inner, end);
}

/* A name chain read the other way round (X bin Y against Y bin X: a father and his son) stays
 * below the threshold however many tokens agree; the same chain meets itself. */
static void test_crossed_chain(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        int same;
    } cases[] = {
        { "Karim bin Yusuf al-Haddad", "Yusuf bin Karim al-Haddad", 0 },
        { "Salim ibn Nasir al-Qadiri", "Nasir ibn Salim al-Qadiri", 0 },
        { "Karim bin Yusuf al-Haddad", "Karim bin Yusuf al-Haddad", 1 },
        { "Karim bin Yusuf al-Haddad", "AL-HADDAD, Karim bin Yusuf", 1 },
        { "كريم بن يوسف الحداد", "Karim bin Yusuf al-Haddad", 1 },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *expl;
        double s = compare(cases[k].a, cases[k].b, &expl);
        if ((s >= NSC_DEFAULT_THRESHOLD) != cases[k].same)
            fail_msg("\"%s\" / \"%s\" scored %.4f: %s", cases[k].a, cases[k].b, s, expl);
    }
}

/* The flags of the tokens of a name's first variant, prepared as a list prepares names
 * (surname_first), as "tok/L tok/P". */
static const char *tokens(const char *name, int surname_first)
{
    static char out[1024];
    nsc__ctx *ctx;
    assert_int_equal(nsc__ctx_acquire(engine, &ctx), 0);
    assert_int_equal(nsc__prepare(&ctx->text, &ctx->query, name, strlen(name), surname_first), 0);
    size_t w = 0;
    const nsc__pname *p = &ctx->query.v[0];
    for (int i = 0; i < p->n; i++) {
        unsigned fl = p->tok[i].ti.flags;
        w += (size_t)snprintf(out + w, sizeof out - w, "%s%s%s%s", i ? " " : "", p->tok[i].s,
                              fl & NSC_TOKF_LEGAL ? "/L" : "", fl & NSC_TOKF_PARTICLE ? "/P" : "");
    }
    nsc__ctx_release(engine, ctx);
    return out;
}

/* The alignment takes the pairs with the best score, not the closest pair first: the particle
 * al must not take el from the run abd + el + halim, which the joined token needs. */
static void test_alignment_by_gain(void **state)
{
    (void)state;
    const char *expl;
    double s = compare("صلاح الدين عبدالحليم", "SALAHALDIN ABD EL HALIM", &expl);
    if (s < NSC_DEFAULT_THRESHOLD) fail_msg("scored %.4f: %s", s, expl);
}

/* No legal form inside a person's name: a "SURNAME, Given" name of a list keeps AS, SA, AB as
 * words; an assimilated article is the particle al; a company keeps its legal forms. */
static void test_no_legal_form_in_person(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        { "SA, Khalid", "1", "khalid sa" },
        { "AB, Ahmad Kamal", "1", "ahmad kamal ab" },
        { "Muhammad as-Sayyid", "0", "muhammad al/P sayyid" },
        { "Nasr ad-Din", "0", "nasr al/P din" },
        { "Acme Trading S.A.", "0", "acme trading s/L a/L" },
        { "اس خالد", "0", "as khald" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *got = tokens(cases[k][0], cases[k][1][0] == '1');
        if (strcmp(got, cases[k][2]) != 0)
            fail_msg("\"%s\" gave \"%s\", want \"%s\"", cases[k][0], got, cases[k][2]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_script_pairs),        cmocka_unit_test(test_compound_folds),
        cmocka_unit_test(test_alignment_by_gain),   cmocka_unit_test(test_no_legal_form_in_person),
        cmocka_unit_test(test_vowels_and_skeleton), cmocka_unit_test(test_inner_omission),
        cmocka_unit_test(test_crossed_chain),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
