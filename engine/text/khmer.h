/* SPDX-License-Identifier: Apache-2.0 */
/*
 * text/khmer.h: romanization of Khmer script, which ICU has no transliterator for: the
 * UNGEGN/BGN-PCGN system in ASCII, with the spellings Cambodian names take in Latin lists.
 */
#ifndef NSC_TEXT_KHMER_H
#define NSC_TEXT_KHMER_H

#include <stddef.h>
#include <stdint.h>

/* Whether c is a character of the Khmer block (U+1780..U+17FF) or of Khmer symbols
 * (U+19E0..U+19FF). */
int nsc__is_khmer(uint32_t c);

/* Romanizes the run of Khmer characters that starts in[0] (UTF-16, n units) as lower-case
 * ASCII into out (cap bytes, at least 1), cutting the output where it would not fit; signs that
 * end a phrase (khan, bariyoosan) become spaces. Sets *used to the UTF-16 units read (at least
 * 1 when in[0] is Khmer, 0 when it is not) and returns the length written. */
size_t nsc__khmer_romanize(const uint16_t *in, size_t n, size_t *used, char *out, size_t cap);

#endif /* NSC_TEXT_KHMER_H */
