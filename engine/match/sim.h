/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/sim.h: the similarity of two tokens as the scorer sees it (exact, folded, name
 * variant, skeleton, initial, fuzzy within an edit budget), and the optimal string alignment
 * distance behind fuzzy matches, plain and bit-parallel.
 */
#ifndef NSC_MATCH_SIM_H
#define NSC_MATCH_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "match/params.h"
#include "text/tokenize.h"

/* Similarity of a pair and how it was found. */
typedef struct nsc__sim {
    double s;
    uint8_t kind; /* nsc_match_kind */
    uint8_t edits;
} nsc__sim;

/* Similarity of two tokens (or joined runs) as the scorer sees it: the best of exact, folded,
 * name-variant, skeleton, fuzzy and initial matching; exactly 0 when nothing applies. A pure
 * function of the two tokinfos: the index relies on that (retrieve.c). */
nsc__sim nsc__token_sim(const nsc__tokinfo *q, const nsc__tokinfo *l);
/* With joined set: the similarity of a token against a joined run of tokens (or of a joined
 * run against a token), which must meet without edits: exact, folded, name variant or
 * skeleton ("vanderbilt" = "van der bilt"); initials and fuzzy matches do not count. */
nsc__sim nsc__token_sim_mode(const nsc__tokinfo *q, const nsc__tokinfo *l, int joined);

/* A word, as initials meet it (an initial against a word of its letter, NSC_SIM_INITIAL):
 * starts with a letter, is neither an initial nor a number. The scorer and the index must agree
 * on it. */
static inline int nsc__is_word(const nsc__tokinfo *t)
{
    return t->s[0] >= 'a' && t->s[0] <= 'z' && !(t->flags & (NSC_TOKF_INITIAL | NSC_TOKF_NUMBER));
}

/* The edit budget for a token of length n: edits beyond it make the similarity 0. */
int nsc__edit_budget(size_t n);
/* Optimal string alignment distance, or budget+1 when it exceeds `budget`. */
int nsc__osa(const char *a, size_t alen, const char *b, size_t blen, int budget);
/* A token prepared for bit-parallel OSA distance (Hyyrö 2003): for every byte value, the bit
 * set of its positions in the token. NSC_MAX_TOKLEN < 64, so one word holds a token. */
typedef struct nsc__osa_pat {
    uint64_t peq[256];
    size_t len;
} nsc__osa_pat;
/* Prepares p for token a; nsc__osa_pat_clear undoes it (p must start zeroed). */
void nsc__osa_pat_set(nsc__osa_pat *p, const char *a, size_t alen);
void nsc__osa_pat_clear(nsc__osa_pat *p, const char *a, size_t alen);
/* nsc__osa(a, alen, b, blen, budget) for the token a that p was prepared with. */
int nsc__osa_bp(const nsc__osa_pat *p, const char *b, size_t blen, int budget);
/* nsc__token_sim_mode with q's string and fold prepared in pat[0] and pat[1] (retrieval tests
 * thousands of entries against one query token). */
nsc__sim nsc__token_sim_pat(const nsc__tokinfo *q, const nsc__osa_pat *pat, const nsc__tokinfo *l,
                            int joined);
/* Similarity of a fuzzy match with `edits` edits, the longer token maxlen bytes long, head set
 * when an edit falls in the first NSC_FUZZY_HEAD letters (see match/params.h): positive up to
 * the edit budget, 0 beyond it. */
double nsc__fuzzy_sim(int edits, size_t maxlen, int head);
/* Whether a and b differ within their first NSC_FUZZY_HEAD bytes (a shorter string differs),
 * unless their first two bytes are swapped (a typing slip that keeps the first letters). */
int nsc__edit_in_head(const char *a, size_t alen, const char *b, size_t blen);

#endif /* NSC_MATCH_SIM_H */
