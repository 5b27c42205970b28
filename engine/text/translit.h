/* SPDX-License-Identifier: Apache-2.0 */
/*
 * text/translit.h: normalization and romanization of names in every script ICU knows, with more
 * than one convention where usage differs (the only folder using ICU transforms). Prototypes
 * (nsc__translit) are opened once per engine and cloned into each thread's text scratch.
 */
#ifndef NSC_TEXT_TRANSLIT_H
#define NSC_TEXT_TRANSLIT_H

#include <stddef.h>

#include <unicode/utrans.h>

#include "namescreen.h"
#include "util/mem.h"

#define NSC_MAX_VARIANTS 8 /* a name in Han alone: its Chinese, Korean and Japanese readings */

/* The transliterators, by role. */
enum {
    NSC_TR_ANY = 0,
    NSC_TR_RU_BGN,
    NSC_TR_UK_BGN,
    NSC_TR_AR_BGN,
    NSC_TR_HE_BGN,
    NSC_TR_EL_UNGEGN,
    NSC_TR_HAN,
    NSC_TR_FA_BGN,
    NSC_TR_COUNT
};

#define NSC_UBUF 16384 /* UTF-16 units per buffer: a 4096-byte name grows at most 4x */
#define NSC_HAN_CACHE 1024

/* The transliterator prototypes of an engine, opened on first use, shared by its threads. */
typedef struct nsc__translit nsc__translit;

/* A new, empty set of prototypes; NULL on ENOMEM. Frees with nsc__translit_free. */
nsc__translit *nsc__translit_new(const nsc__mem *mem);
void nsc__translit_free(nsc__translit *tl);

/* One thread's text scratch, embedded in api/'s per-thread context: transliterator clones,
 * conversion buffers, a cache of Han syllables and the romanized variants of the name being
 * prepared. */
typedef struct nsc__text_scratch {
    nsc__translit *tl; /* the prototypes its clones come from */
    UTransliterator *tr[NSC_TR_COUNT];
    UChar ubuf[NSC_UBUF], ubuf2[NSC_UBUF];
    UChar unorm[NSC_UBUF]; /* a CJK name, normalized, read once per reading */
    char u8buf[4 * NSC_UBUF];
    UChar32 han_cp[NSC_HAN_CACHE];
    char han_py[NSC_HAN_CACHE][12];
    char var[NSC_MAX_VARIANTS][NSC_MAX_NAME_BYTES]; /* nsc__prepare's romanized variants */
} nsc__text_scratch;

/* Readies ts (zeroed memory) to clone from tl. */
void nsc__text_scratch_init(nsc__text_scratch *ts, nsc__translit *tl);
/* Closes the clones of ts (the memory of ts itself is the caller's). */
void nsc__text_scratch_clear(nsc__text_scratch *ts);
/* Clones every transliterator into ts now, instead of at its first use (a millisecond each).
 * Returns 0, NSC_ENOMEM or NSC_EICU. */
int nsc__translit_prepare(nsc__text_scratch *ts);

/* Normalizes and romanizes `name` (valid UTF-8) into up to `max` ASCII strings (tokens
 * separated by single spaces) written to out[i] (each NSC_MAX_NAME_BYTES). *flags receives
 * NSC_TOKF_ROMAN when another script was romanized, plus NSC_TOKF_ABJAD for Arabic or Hebrew
 * and NSC_TOKF_HAN for a name of Han or Hangul syllables alone;
 * bit i of *lossy_mask marks variant i as lossy (see nsc__pname).
 * Returns the number of variants (>= 1), or a negative code. */
int nsc__romanize(nsc__text_scratch *ts, const char *name, size_t len,
                  char out[][NSC_MAX_NAME_BYTES], int max, unsigned *flags, unsigned *lossy_mask);

#endif /* NSC_TEXT_TRANSLIT_H */
