/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/ctx.h: the per-thread context that screening borrows from the engine's pool. It embeds
 * each layer's own scratch (the text layer's transliterators and buffers, the match layer's
 * retrieval and scoring state) and screening's own, all allocated through the engine's
 * allocator hook; nothing of it is thread-local storage.
 */
#ifndef NSC_API_CTX_H
#define NSC_API_CTX_H

#include <pthread.h>

#include "match/index.h"
#include "text/translit.h"

typedef struct nsc__ctx {
    const nsc_engine *engine;
    pthread_t owner; /* the thread that acquired it last */
    nsc__text_scratch text;
    nsc__match_scratch match;
    /* screening (api/screen.c) */
    nsc__prepared query, other;
    nsc__qtok runs[NSC_MAX_VARIANTS][NSC_MAX_RUNS]; /* the query variants' joined runs */
    nsc__side sides[NSC_MAX_VARIANTS];              /* and their sides */
    nsc__qtok oruns[2][NSC_MAX_RUNS];               /* nsc_compare: the other name's runs */
    nsc__side osides[2];
    /* the entities the current query hit (gentity -> its index among screen.c's hits): an
     * open-addressing table at most half full, a slot belonging to the query when its stamp is
     * ent_serial, sized by the hits of a query rather than by the entities of the lists (8
     * bytes an entity were 8 MB a thread at 2M list names) */
    struct nsc__ent_slot {
        uint32_t gentity, stamp, found;
    } * ent;
    size_t ent_cap, n_ent;
    uint32_t ent_serial;
    unsigned ent_idle; /* queries in a row that used little of a large table */
} nsc__ctx;

/* Borrows a context from the engine's pool (the one this thread used last when it is free),
 * or makes one. Returns 0 or NSC_ENOMEM. */
int nsc__ctx_acquire(const nsc_engine *e, nsc__ctx **out);
/* Gives a context back to the pool. */
void nsc__ctx_release(const nsc_engine *e, nsc__ctx *ctx);
/* A new context of engine e. */
int nsc__ctx_new(const nsc_engine *e, nsc__ctx **out);
/* Builds everything a context's queries would otherwise build on first use: transliterator
 * clones of every script, the index's and screening's scratch, written through. For
 * nsc_engine_prepare_threads(). */
int nsc__ctx_prepare(const nsc_engine *e, nsc__ctx *ctx);
void nsc__ctx_free(nsc__ctx *ctx);
/* Empties the entity slots of ctx for a new query (a fresh serial), giving back a table a
 * pathological query left large. Returns 0 or NSC_ENOMEM. */
int nsc__ctx_ent_slots(const nsc_engine *e, nsc__ctx *ctx);
/* The slot of entity g: when the current query has one for it, *fresh = 0 and its found index
 * as set before; else a new one (*fresh = 1, found to be set by the caller). NULL when the
 * table cannot grow. */
struct nsc__ent_slot *nsc__ctx_ent_put(const nsc_engine *e, nsc__ctx *ctx, uint32_t g, int *fresh);
/* Makes sure ctx has its similarity memo. */
int nsc__ctx_memo(const nsc_engine *e, nsc__ctx *ctx);

#endif /* NSC_API_CTX_H */
