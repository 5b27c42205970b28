/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/retrieve.h: interface of match/retrieve.c, candidate retrieval over the frozen index:
 * the lnames that may reach the threshold against a query side, found with exact recall (the
 * proof is in match/retrieve.c), and an upper bound of a candidate's score from what retrieval
 * leaves in the match scratch.
 */
#ifndef NSC_MATCH_RETRIEVE_H
#define NSC_MATCH_RETRIEVE_H

#include <stdint.h>

#include "match/index.h"
#include "match/score.h"

/* Collects into ms->cands every lname that may score at or above `floor` against the query
 * side q (a superset of them: see the argument in match/retrieve.c), each once, in no set
 * order, and stores in ms->memo every nonzero similarity between q's units and the dictionary,
 * marking the memo complete. */
int nsc__index_candidates(const nsc__frozen *fz, nsc__match_scratch *ms, const nsc__side *q,
                          double floor, double threshold, double max_bonus);
/* After nsc__index_candidates: an upper bound of the final score of candidate i (lname
 * ms->cands[i]), max_bonus being the most the order and the query's evidence can add (the
 * proof is with it). A candidate whose bound is below the threshold cannot hit. */
double nsc__candidate_bound(const nsc__frozen *fz, nsc__match_scratch *ms, size_t i,
                            double max_bonus);
/* Prefetches what scoring the candidates after ms->cands[i] will read; call it before each
 * candidate in order. Candidates are scattered over the index: it fetches ahead the names
 * first, then their tokens and weights, then the slots of their tokens' bests. Inline, as it is
 * called for every candidate. */
static inline void nsc__candidate_prefetch(const nsc__frozen *fz, const nsc__match_scratch *ms,
                                           size_t i)
{
    if (i + 16 < ms->n_cands) __builtin_prefetch(&fz->lnames[ms->cands[i + 16]]);
    if (i + 8 < ms->n_cands) {
        const nsc__lname *ahead = &fz->lnames[ms->cands[i + 8]];
        __builtin_prefetch(&fz->ltok[ahead->tok_off]);
        __builtin_prefetch(&fz->lweight[ahead->tok_off]);
        if (ms->run_ents) __builtin_prefetch(&fz->lrun[ahead->run_off]);
    }
    if (i + 4 < ms->n_cands) {
        const nsc__lname *ahead = &fz->lnames[ms->cands[i + 4]];
        for (int j = 0; j < ahead->ntok && j < 4; j++)
            __builtin_prefetch(nsc__best_addr(ms, fz->ltok[ahead->tok_off + (uint32_t)j]));
    }
}

#endif /* NSC_MATCH_RETRIEVE_H */
