/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_khmer.c: scripts ICU leaves as they are. Khmer words against their UNGEGN romanization
 * (consonant series, inherent and final consonants, clusters, nikahit and reahmuk, the signs
 * that shift the series), as tables; Khmer names of public figures against the spellings of
 * Latin lists, and distinct names sharing a part kept apart. Then the punctuation beyond ASCII
 * that romanization leaves in place, which must cut words as ASCII punctuation does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/ustring.h>

#include "api/ctx.h"
#include "api/engine.h"
#include "text/khmer.h"

#include "compare_fixture.h"

/* UTF-8 to UTF-16 by ICU, as the library converts names. */
static size_t utf16(uint16_t *out, size_t cap, const char *s)
{
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(out, (int32_t)cap, &n, s, -1, &st);
    assert_false(U_FAILURE(st));
    assert_true(n >= 0 && (size_t)n <= cap);
    return (size_t)n;
}

/* Khmer word, its romanization */
static const char *const words[][2] = {
    /* inherent vowel by series, final consonant without one */
    { "ពត", "pot" },
    { "ករ", "kar" },
    /* dependent vowels, first and second series */
    { "កា", "ka" },
    { "គា", "kea" },
    { "ជា", "chea" },
    { "សុខ", "sok" },
    { "ហុន", "hon" },
    { "សី", "sei" },
    { "ទី", "ti" },
    { "ខេង", "kheng" },
    { "នួន", "nuon" },
    { "អៀង", "ieng" },
    { "សារី", "sari" },
    { "ចៅ", "chau" },
    /* the series-shifting signs: muusikatoan (ប៉ is p), triisap */
    { "ប៉ុល", "pol" },
    { "ម៉ា", "ma" },
    { "ហ៊ុន", "hun" },
    { "ស៊ីម", "sim" },
    /* clusters: a second-series subscript that is no sonorant sets the series */
    { "ស្ពាន", "spean" },
    { "ស្រី", "srei" },
    { "ខ្មែរ", "khmaer" },
    /* nikahit and reahmuk */
    { "សំ", "sam" },
    { "ខាំ", "kham" },
    { "គាំ", "koam" },
    { "កាំង", "kang" },
    { "ទុំ", "tum" },
    { "ពះ", "peah" },
    { "កាះ", "kah" },
    /* independent vowels, the loan g, a silenced consonant, digits, the khan */
    { "ឥត", "et" },
    { "ឧត្តម", "ottam" },
    { "ហ្គា", "ga" },
    { "ចន្ទ៍", "chan" },
    { "១២៣", "123" },
    { "ក។ក", "ka ka" },
};

static void test_romanization(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        uint16_t u[64];
        size_t n = utf16(u, 64, words[k][0]), used = 0;
        char out[64];
        size_t len = nsc__khmer_romanize(u, n, &used, out, sizeof out);
        if (strcmp(out, words[k][1]) != 0 || len != strlen(out) || used != n)
            fail_msg("%s gave \"%s\" (%zu of %zu units read), want \"%s\"", words[k][0], out, used,
                     n, words[k][1]);
    }
    /* the run ends where Khmer does; output is cut to the buffer, never past it */
    uint16_t u[16];
    size_t n = utf16(u, 16, "ជា sim"), used = 0;
    char out[4];
    assert_int_equal(nsc__khmer_romanize(u, n, &used, out, sizeof out), 3);
    assert_string_equal(out, "che");
    assert_int_equal(used, 2);
    assert_int_equal(nsc__khmer_romanize(u + 2, n - 2, &used, out, sizeof out), 0);
    assert_int_equal(used, 0);
    assert_true(nsc__is_khmer(0x1780) && nsc__is_khmer(0x19E0) && !nsc__is_khmer(0x0E01));
}

/* name in Khmer script, a romanization, whether they name the same person */
static const struct {
    const char *script, *latin;
    int same;
} pairs[] = {
    { "ប៉ុល ពត", "Pol Pot", 1 },
    { "ហ៊ុន សែន", "Hun Sen", 1 },
    { "ហ៊ុន ម៉ាណែត", "Hun Manet", 1 },
    { "ជា ស៊ីម", "Chea Sim", 1 },
    { "សុខ អាន", "Sok An", 1 },
    { "នួន ជា", "Nuon Chea", 1 },
    { "អៀង សារី", "Ieng Sary", 1 },
    { "ខៀវ សំផន", "Khieu Samphan", 1 },
    { "ស ខេង", "Sar Kheng", 1 },
    { "ហ៊ុន ម៉ាណែត", "ហ៊ុន ម៉ាណាត", 1 },
    /* one family name, other given names */
    { "ហ៊ុន សែន", "Hun Manet", 0 },
    { "ជា ស៊ីម", "Chea Sophara", 0 },
    { "នួន ជា", "Nuon Paet", 0 },
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

/* Punctuation beyond ASCII that romanization keeps (the katakana middle dot between the words
 * of a foreign name, the Ethiopic word space, the Latin middle dot) cuts words. */
static void test_unicode_punctuation(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        { "バラク・オバマ", "Barack Obama", "obama" },
        { "ABEBE፡BIKILA", "Abebe Bikila", "bikila" },
        { "Anna·Kovacs", "Anna Kovacs", "kovacs" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *expl;
        double s = compare(cases[k][0], cases[k][1], &expl);
        char tok[32], tok2[32];
        snprintf(tok, sizeof tok, "%s~", cases[k][2]);
        snprintf(tok2, sizeof tok2, "%s=", cases[k][2]);
        if (!strstr(expl, tok) && !strstr(expl, tok2))
            fail_msg("\"%s\" / \"%s\" (%.4f): %s, want %s matched as a word", cases[k][0],
                     cases[k][1], s, expl, cases[k][2]);
    }
    const char *expl;
    assert_true(compare("バラク・オバマ", "Barack Obama", &expl) >= NSC_DEFAULT_THRESHOLD);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_romanization),
        cmocka_unit_test(test_script_pairs),
        cmocka_unit_test(test_unicode_punctuation),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
