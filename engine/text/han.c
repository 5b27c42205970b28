/* SPDX-License-Identifier: Apache-2.0 */
/*
 * text/han.c: lookups in the generated Han tables (han_data.h) and the Revised Romanization
 * of Hangul syllables (the Korean government's rules of 2000, syllable by syllable as names
 * are written: no assimilation across syllables).
 */
#include <string.h>

#include "text/han.h"
#include "text/han_data.h"

#define N_FOLD (sizeof nsc__han_fold_tab / sizeof nsc__han_fold_tab[0])
#define N_READINGS (sizeof nsc__han_readings / sizeof nsc__han_readings[0])
#define N_SYLLABLES (sizeof nsc__han_syllables / sizeof nsc__han_syllables[0])

uint32_t nsc__han_fold(uint32_t c)
{
    size_t lo = 0, hi = N_FOLD;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (nsc__han_fold_tab[mid][0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < N_FOLD && nsc__han_fold_tab[lo][0] == c ? nsc__han_fold_tab[lo][1] : c;
}

static const uint16_t *readings_of(uint32_t c)
{
    size_t lo = 0, hi = N_READINGS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (nsc__han_readings[mid][0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < N_READINGS && nsc__han_readings[lo][0] == c ? nsc__han_readings[lo] : NULL;
}

static size_t put(char *out, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (n >= cap) n = cap ? cap - 1 : 0;
    memcpy(out, s, n);
    if (cap) out[n] = '\0';
    return n;
}

/* Revised Romanization, by jamo index: initials, vowels, finals at the end of a word. */
static const char *const rr_initial[19] = { "g",  "kk", "n", "d",  "tt", "r", "m", "b", "pp", "s",
                                            "ss", "",   "j", "jj", "ch", "k", "t", "p", "h" };
static const char *const rr_vowel[21] = { "a",  "ae", "ya", "yae", "eo", "e",  "yeo",
                                          "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                          "wo", "we", "wi", "yu",  "eu", "ui", "i" };
static const char *const rr_final[28] = { "",  "k",  "k", "k", "n", "n", "n", "t", "l", "k",
                                          "m", "l",  "l", "l", "p", "l", "m", "p", "p", "t",
                                          "t", "ng", "t", "t", "k", "t", "p", "t" };

size_t nsc__hangul_rr(uint32_t c, int word_start, int initial_rule, char *out, size_t cap)
{
    if (c < 0xAC00 || c > 0xD7A3) return 0;
    unsigned s = c - 0xAC00, ini = s / 588, vow = (s / 28) % 21, fin = s % 28;
    if (word_start && initial_rule) {
        /* 두음법칙: an initial ㄹ is ㅇ before i and the y-vowels, ㄴ otherwise; an initial ㄴ
         * is ㅇ before i and the y-vowels */
        int iy =
            vow == 2 || vow == 3 || vow == 6 || vow == 7 || vow == 12 || vow == 17 || vow == 20;
        if (ini == 5) ini = iy ? 11 : 2;
        if (ini == 2 && iy) ini = 11;
    }
    char buf[16];
    size_t n = 0;
    for (const char *parts[3] = { rr_initial[ini], rr_vowel[vow], rr_final[fin] }, **p = parts;
         p < parts + 3; p++)
        for (const char *q = *p; *q; q++) buf[n++] = *q;
    buf[n] = '\0';
    return put(out, cap, buf);
}

size_t nsc__han_reading(uint32_t c, int which, int word_start, char *out, size_t cap)
{
    const uint16_t *r = readings_of(nsc__han_fold(c));
    if (cap) out[0] = '\0';
    if (!r) return 0;
    uint16_t off = NSC_HAN_NONE;
    switch (which) {
    case NSC_HAN_PINYIN:
    case NSC_HAN_WADE_GILES: off = r[1]; break;
    case NSC_HAN_JYUTPING:
    case NSC_HAN_HONG_KONG: off = r[2]; break;
    case NSC_HAN_KOREAN:
    case NSC_HAN_KOREAN_NORTH:
        return r[3] == NSC_HAN_NONE
                   ? 0
                   : nsc__hangul_rr(r[3], word_start, which == NSC_HAN_KOREAN, out, cap);
    case NSC_HAN_JA_KUN: off = r[4] != NSC_HAN_NONE ? r[4] : r[5]; break;
    case NSC_HAN_JA_ON: off = r[5] != NSC_HAN_NONE ? r[5] : r[4]; break;
    default: return 0;
    }
    if (off == NSC_HAN_NONE) return 0;
    const char *s = nsc__han_pool + off;
    if (which == NSC_HAN_WADE_GILES || which == NSC_HAN_HONG_KONG) s += strlen(s) + 1;
    return put(out, cap, s);
}

int nsc__han_is_syllable(const char *s, size_t len)
{
    size_t lo = 0, hi = N_SYLLABLES;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *t = nsc__han_pool + nsc__han_syllables[mid];
        int cmp = strncmp(t, s, len);
        if (cmp == 0 && t[len] != '\0') cmp = 1;
        if (cmp < 0)
            lo = mid + 1;
        else if (cmp > 0)
            hi = mid;
        else
            return 1;
    }
    return 0;
}
