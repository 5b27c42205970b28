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
    uint32_t *ent_slot, *ent_stamp; /* per entity across lists */
    size_t ent_cap;
    uint32_t ent_serial;
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
/* Sizes the per-entity slots of ctx for e and stamps them with a fresh serial. */
int nsc__ctx_ent_slots(const nsc_engine *e, nsc__ctx *ctx);
/* Makes sure ctx has its similarity memo. */
int nsc__ctx_memo(const nsc_engine *e, nsc__ctx *ctx);

#endif /* NSC_API_CTX_H */
