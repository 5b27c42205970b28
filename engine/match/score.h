/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/score.h: interface of match/score.c, the name score. Two sides (prepared names as the
 * scorer sees them) align regardless of order, a token may meet a run written apart on the other
 * side, and the score is the weighted mean of the pair similarities; and a query side's memo.
 */
/* Unmatched tokens and contradictions count in the score (match/params.h); the memo keeps the
 * similarities of one query side against the dictionary. */
#ifndef NSC_MATCH_SCORE_H
#define NSC_MATCH_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "match/params.h"
#include "match/sim.h"
#include "util/mem.h"

/* One side of a comparison: scored tokens (legal forms left out) and joined runs of 2..3
 * adjacent tokens. `id` values are dictionary ids (index.c) or NSC_NOID; they key the
 * similarity memo. */
#define NSC_NOID UINT32_MAX
#define NSC_MAX_RUNS (NSC_MAX_TOKENS * (NSC_MAX_RUN - 1))

typedef struct nsc__run {
    uint8_t start, len;
    const nsc__tokinfo *ti;
    uint32_t id;
} nsc__run;

typedef struct nsc__side {
    const nsc__tokinfo *tok[NSC_MAX_TOKENS];
    uint32_t id[NSC_MAX_TOKENS];
    int n;
    nsc__run run[NSC_MAX_RUNS];
    int nrun;
    uint32_t paren; /* tokens of a qualifier in parentheses (nsc__pname.paren); 0 for a list's */
} nsc__side;

/* A similarity memo for one query side: keyed by (query token or run, list dictionary id). */
typedef struct nsc__memo nsc__memo;

nsc__memo *nsc__memo_new(const nsc__mem *mem);
void nsc__memo_free(nsc__memo *m);
/* Empties the memo for a new query side (and marks it incomplete). */
void nsc__memo_reset(nsc__memo *m);
/* Stores a similarity; NSC_ENOMEM when the memo cannot grow. */
int nsc__memo_put(nsc__memo *m, uint32_t qi, uint32_t lid, nsc__sim v);
/* Stores a similarity in the row of dictionary id lid, for a complete memo; NSC_ENOMEM when it
 * cannot grow. The rows take memory by the ids the side meets, not by the dictionary. */
int nsc__memo_add(nsc__memo *m, uint32_t unit, uint32_t lid, nsc__sim v);
/* Declares that every nonzero similarity of the side is in the rows (retrieval found them all),
 * except, with implicit_initials, those of a query initial with a list word (a token that is
 * neither an initial nor a number) of its letter, NSC_SIM_INITIAL each, which the scorer adds
 * itself: an initial meets thousands of words. */
void nsc__memo_set_complete(nsc__memo *m, int complete, int implicit_initials);
/* Memo keys of query units: token i is i, run r is NSC_MAX_TOKENS + r, and token i against
 * list runs (joined similarity) is NSC_MEMO_JOIN(i). */
#define NSC_MEMO_RUN(r) ((uint32_t)(NSC_MAX_TOKENS + (r)))
#define NSC_MEMO_JOIN(i) ((uint32_t)(NSC_MAX_TOKENS + NSC_MAX_RUNS + (i)))

/* The share of its weight an unmatched query token t (at position i) counts with, given the
 * query tokens that pairs match by a name word (neither particle, stop word, generic word nor
 * initial): NSC_QUERY_INNER_FACTOR for a word between two of those (a middle name, or a link
 * of a name chain, that the other name leaves out), NSC_QUERY_UNMATCHED_FACTOR otherwise and
 * for numbers and generic words, which tell sister companies apart wherever they stand. A
 * qualifier in parentheses (paren set) counts as inner wherever it stands. The first and last
 * query tokens are never inner otherwise: retrieval bounds the score with that
 * (match/retrieve.c, nsc__query_floor_factor). */
#define NSC_INNER_KEEPS (NSC_TOKF_NUMBER | NSC_TOKF_GENERIC)
#define NSC_INNER_WEAK (NSC_TOKF_PARTICLE | NSC_TOKF_STOP | NSC_TOKF_GENERIC | NSC_TOKF_INITIAL)
/* Whether token t is distinctive: left unmatched on both sides, such tokens contradict the
 * names (NSC_CONTRADICTION_CAP). */
static inline int nsc__distinctive(const nsc__tokinfo *t)
{
    const unsigned weak =
        NSC_TOKF_PARTICLE | NSC_TOKF_GENERIC | NSC_TOKF_STOP | NSC_TOKF_INITIAL | NSC_TOKF_LEGAL;
    return !(t->flags & weak) && t->weight >= NSC_W_MIN_DISTINCTIVE;
}
static inline double nsc__query_unmatched_factor(uint32_t words, int i, const nsc__tokinfo *t,
                                                 int paren)
{
    if (t->flags & NSC_INNER_KEEPS) return NSC_QUERY_UNMATCHED_FACTOR;
    if (paren) return NSC_QUERY_INNER_FACTOR;
    if (!words) return NSC_QUERY_UNMATCHED_FACTOR;
    int lo = __builtin_ctz(words), hi = 31 - __builtin_clz(words);
    return i > lo && i < hi ? NSC_QUERY_INNER_FACTOR : NSC_QUERY_UNMATCHED_FACTOR;
}

/* The least share of its weight query token t, at position i of n, counts with, matched or
 * not: the bound of nsc__query_unmatched_factor for every alignment. */
static inline double nsc__query_floor_factor(int i, int n, const nsc__tokinfo *t, int paren)
{
    if (t->flags & NSC_INNER_KEEPS) return NSC_QUERY_UNMATCHED_FACTOR;
    return paren || (i > 0 && i < n - 1) ? NSC_QUERY_INNER_FACTOR : NSC_QUERY_UNMATCHED_FACTOR;
}

/* One pairing in a scored match, for the explanation. */
typedef struct nsc__pair {
    uint8_t q0, qn; /* query tokens q0 .. q0+qn-1 (qn = 0: none) */
    uint8_t l0, ln; /* list tokens */
    uint8_t kind;
    uint8_t edits;
    double s;
    double w; /* weight this pairing carries */
} nsc__pair;

typedef struct nsc__match {
    double score;  /* name score before evidence, 0..1 */
    int all_exact; /* every token on both sides matched exactly */
    int in_order;
    nsc__pair pair[2 * NSC_MAX_TOKENS];
    int npair;
} nsc__match;

/* One candidate pairing while an alignment is formed (score.c). */
typedef struct nsc__cand {
    double s, w;
    uint8_t q0, qn, l0, ln, kind, edits;
} nsc__cand;

/* The scratch of one alignment: room for every pairing of two sides. */
typedef struct nsc__score_scratch {
    nsc__cand c[NSC_MAX_TOKENS * NSC_MAX_TOKENS + 2 * NSC_MAX_RUNS * NSC_MAX_TOKENS];
} nsc__score_scratch;

/* Builds a side from a prepared name: legal forms left out, runs built in `runs` (room for
 * NSC_MAX_RUNS). Pointers into p and runs. */
int nsc__side_from_pname(nsc__side *side, const nsc__pname *p, nsc__qtok *runs);

/* Scores query side q against list side l (order-free alignment) in scratch sc. memo may be
 * NULL. */
void nsc__score_sides(nsc__match *out, const nsc__side *q, const nsc__side *l, nsc__memo *memo,
                      nsc__score_scratch *sc);

#endif /* NSC_MATCH_SCORE_H */
