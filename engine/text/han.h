/* SPDX-License-Identifier: Apache-2.0 */
/*
 * text/han.h: readings of Han characters and Hangul syllables from tables generated out of
 * Unihan (text/han_data.h, tools/unihan/gen_han.py): Mandarin pinyin and Wade-Giles, Cantonese
 * Jyutping and Hong Kong spellings, Korean (Hangul, then Revised Romanization), Japanese kun
 * and on readings. Simplified and traditional characters read alike.
 */
#ifndef NSC_TEXT_HAN_H
#define NSC_TEXT_HAN_H

#include <stddef.h>
#include <stdint.h>

/* The readings a Han character can be given. */
enum {
    NSC_HAN_PINYIN = 0,
    NSC_HAN_WADE_GILES,
    NSC_HAN_JYUTPING,
    NSC_HAN_HONG_KONG,
    NSC_HAN_KOREAN,       /* Revised Romanization, the initial-sound rule applied */
    NSC_HAN_KOREAN_NORTH, /* Revised Romanization of the reading as written in the North */
    NSC_HAN_JA_KUN,
    NSC_HAN_JA_ON,
    NSC_HAN_READINGS
};

/* c folded to its traditional form when it is a simplified character (张 -> 張), else c. */
uint32_t nsc__han_fold(uint32_t c);

/* Reading `which` (NSC_HAN_*) of Han character c as lower-case ASCII into out (cap bytes).
 * word_start: c begins a word (Korean readings change there). A Japanese reading falls back
 * to the other one, a Korean one to none. Returns the length, 0 when the table has none. */
size_t nsc__han_reading(uint32_t c, int which, int word_start, char *out, size_t cap);

/* The Revised Romanization of Hangul syllable c (U+AC00..U+D7A3), final consonants as at the
 * end of a word; word_start applies the initial-sound rule (리 -> i, 로 -> no) when
 * initial_rule is set. Returns the length, 0 when c is no Hangul syllable. */
size_t nsc__hangul_rr(uint32_t c, int word_start, int initial_rule, char *out, size_t cap);

/* Whether s[0..len) (lower case) is a syllable of pinyin, Wade-Giles, Jyutping or a Hong Kong
 * spelling of one character. */
int nsc__han_is_syllable(const char *s, size_t len);

#endif /* NSC_TEXT_HAN_H */
