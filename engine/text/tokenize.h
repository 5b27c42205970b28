/* SPDX-License-Identifier: Apache-2.0 */
/*
 * text/tokenize.h: names prepared for matching. A name is romanized (text/translit.h) into up
 * to NSC_MAX_VARIANTS ASCII variants, each cut into tokens that carry their flags (legal
 * form, generic word, particle, number, initial ...), folded form, consonant skeleton,
 * name-variant classes and weight. The matcher (match/) sees names only as these tokens.
 */
#ifndef NSC_TEXT_TOKENIZE_H
#define NSC_TEXT_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "text/translit.h"
#include "text/words.h" /* a token's flags (NSC_TOKF_*) and name-variant classes */

#define NSC_MAX_TOKENS 24 /* tokens kept per prepared name; the rest are dropped */
#define NSC_MAX_TOKLEN 63 /* bytes per token (ASCII after romanization); longer is cut */
#define NSC_MAX_RUN 3     /* tokens joined at most into one (van der bilt = vanderbilt) */

/* What the scorer knows of a token: its forms, filters and weight. The same struct describes
 * query tokens, list tokens and joined runs of tokens (the dictionary in index.c). */
typedef struct nsc__tokinfo {
    const char *s, *fold, *skel; /* normalized ASCII; romanization-folded; consonant skeleton */
    uint8_t len, flen, sklen;
    uint16_t flags;       /* NSC_TOKF_* (for a run: the union of its tokens' flags) */
    uint64_t mask, fmask; /* letters and digits present in s / fold (filters) */
    uint16_t nick[2];     /* name-variant classes (text/words.h), 0 = none */
    uint8_t role;         /* dictionary entries: NSC_ROLE_SINGLE and/or NSC_ROLE_RUN */
    double weight;
} nsc__tokinfo;

#define NSC_ROLE_SINGLE 1u
#define NSC_ROLE_RUN 2u

/* A token with its own storage (query side and name preparation). */
typedef struct nsc__qtok {
    nsc__tokinfo ti;
    char s[NSC_MAX_TOKLEN + 1], fold[NSC_MAX_TOKLEN + 1], skel[NSC_MAX_TOKLEN + 1];
} nsc__qtok;

/* One romanization of a name, tokenized; legal forms are kept but flagged. */
typedef struct nsc__pname {
    nsc__qtok tok[NSC_MAX_TOKENS];
    int n;
    int lossy; /* a romanization that folds distinctions (Korean eo/o): two lossy variants
                  never meet, or 김종은 would equal 김정은 */
    /* the tokens written in parentheses or brackets (bit i: token i): a qualifier of the name
     * (a country, a branch, an acronym: Acme Bank (Suisse) AG, Tehrik-e Taliban (TTP)) */
    uint32_t paren;
} nsc__pname;

/* A name prepared for matching: up to NSC_MAX_VARIANTS (text/translit.h) romanizations. */
typedef struct nsc__prepared {
    nsc__pname v[NSC_MAX_VARIANTS];
    int nv;
} nsc__prepared;

/* Options of nsc__prepare. */
#define NSC_PREP_SURNAME_FIRST 1u /* a comma marks "SURNAME, Given" */
#define NSC_PREP_PERSON 2u        /* the name is a person's: no legal forms, no abbreviations */
#define NSC_PREP_ORG 4u           /* the name is an organization's (a company, an authority) */

/* The NSC_PREP_PERSON or NSC_PREP_ORG of an entity type (nsc_entity_type), 0 when unknown. */
#define NSC_PREP_OF_TYPE(t)                                                                        \
    ((t) == NSC_TYPE_PERSON ? NSC_PREP_PERSON : (t) == NSC_TYPE_ORGANIZATION ? NSC_PREP_ORG : 0u)

/* Prepares `name` (valid UTF-8) into *out: romanization variants (romanized in the text
 * scratch ts), tokens, flags, folded forms, skeletons, weights. opts: NSC_PREP_* (0 for a name
 * of unknown type): a comma in a name of a person written "SURNAME, Given" moves the given
 * names first (NSC_PREP_SURNAME_FIRST); the kind of name decides where legal forms are
 * recognized and which abbreviations are written out. Returns 0 or a negative code. */
int nsc__prepare(nsc__text_scratch *ts, nsc__prepared *out, const char *name, size_t len,
                 unsigned opts);

/* Fills the derived fields of a token whose text is in t->s (fold, skeleton, masks,
 * nickname classes, flags from the tables, weight). extra_flags are ORed in. */
void nsc__qtok_finish(nsc__qtok *t, unsigned extra_flags);

/* Fills the derived fields of a joined run of tokens whose text is in t->s ("vanderbilt"),
 * with the script flags (NSC_TOKF_ABJAD, NSC_TOKF_ROMAN) of its tokens. */
void nsc__qtok_finish_run(nsc__qtok *t, unsigned script);
/* Whether the article t (al) of a name in Arabic script, between the tokens before and next, is
 * also written as next's first letter where a run joins it to before: before a sun letter
 * (Biladis Sudan, Ahlus Sunnah). Runs with it so are formed beside the others (match/score.c). */
int nsc__article_assimilates(const nsc__tokinfo *before, const nsc__tokinfo *t,
                             const nsc__tokinfo *next);

/* The romanization fold of a token (kh = h, w = v, y = i, doubled letters once ...) into out
 * (NSC_MAX_TOKLEN + 1 bytes); returns its length. */
size_t nsc__fold_token(char *out, const char *tok, size_t len);
/* The consonant skeleton of a token (its fold, a final h kept, without vowels, y and v: for
 * romanizations of Arabic and Hebrew) into out (NSC_MAX_TOKLEN + 1 bytes); returns its length. */
size_t nsc__skeleton(char *out, const char *tok, size_t len);
/* The letters and digits of s[0..len), one bit each (bit 63: any other byte). */
uint64_t nsc__charmask(const char *s, size_t len);
/* The weight of a token with flags NSC_TOKF_*: by its flags, else by its frequency. */
double nsc__token_weight(const char *tok, size_t len, unsigned flags);

#endif /* NSC_TEXT_TOKENIZE_H */
