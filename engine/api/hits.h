/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/hits.h: the hit sets screening hands out: each hit with its list entry, score, token
 * pairings, evidence and one-line explanation, all in the hit set's own arena.
 */
#ifndef NSC_API_HITS_H
#define NSC_API_HITS_H

#include "api/evidence.h"
#include "match/score.h"
#include "model/list.h"

struct nsc_hit {
    const nsc__entity *entity; /* NULL for nsc_compare() */
    double score;
    const char *list, *id, *matched, *primary, *programs, *version, *xrefs, *explanation;
    nsc_entity_type type;
    nsc_name_kind kind;
    nsc_token_match *tokens;
    size_t ntok;
    nsc_evidence *ev;
    size_t nev;
};

struct nsc_hits {
    const struct nsc_engine *engine; /* held: the hits' entities and memory live in it */
    const nsc__mem *mem;
    nsc__arena arena;
    nsc_hit *hit;
    size_t n;
    int truncated;
};

/* A new hit set with room for n hits, holding a reference to the engine; NULL on ENOMEM. */
nsc_hits *nsc__hits_new(const struct nsc_engine *e, size_t n);
/* The texts joined by "; " in the hit set's arena ("" for none); NULL on ENOMEM. */
const char *nsc__hits_join(nsc_hits *hs, const nsc__text *t);
/* Fills the token pairings, evidence and explanation of hit h from the match m of query side q
 * against list side l. Returns 0 or NSC_ENOMEM. */
int nsc__hit_fill(nsc_hits *hs, nsc_hit *h, const nsc__side *q, const nsc__side *l,
                  const nsc__match *m, const nsc__evidence_item *ev, int nev, double score);

#endif /* NSC_API_HITS_H */
