/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/retrieve.h: interface of match/retrieve.c, candidate retrieval over the frozen index:
 * the lnames that may reach the threshold against a query side, found with exact recall (the
 * proof is in match/retrieve.c), and the state it leaves in the match scratch.
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
/* The query weight of the tokens in a reach mask. */
double nsc__mask_weight(const nsc__match_scratch *ms, uint32_t mask);

#endif /* NSC_MATCH_RETRIEVE_H */
