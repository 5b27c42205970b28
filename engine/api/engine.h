/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/engine.h: the engine object behind the public nsc_engine handle: options, the loaded
 * lists, the frozen index, the transliterator prototypes and the pool of per-thread contexts.
 */
#ifndef NSC_API_ENGINE_H
#define NSC_API_ENGINE_H

#include <pthread.h>

#include "api/ctx.h"
#include "api/listsdir.h"
#include "match/index.h"
#include "model/list.h"
#include "text/translit.h"
#include "util/mem.h"

struct nsc_engine {
    _Atomic unsigned long refs; /* nsc_engine_ref/unref; hit sets hold one each */
    nsc__mem mem;
    nsc_engine_options opts;
    nsc__list **lists;
    size_t n_lists, cap_lists;
    /* facts[i]: where list i came from when loaded from a lists directory, else NULL; the
     * array may be shorter than n_lists (n_facts) */
    nsc__dirfacts **facts;
    size_t n_facts, cap_facts;
    int frozen;
    char errmsg[NSC__ERRMSG_CAP];
    nsc__frozen fz;    /* built by freeze */
    nsc__translit *tl; /* transliterator prototypes, cloned into contexts */
    /* per-thread contexts: a free list guarded by a mutex */
    pthread_mutex_t ctx_lock;
    nsc__ctx **ctx_free;
    size_t n_ctx_free, cap_ctx_free;
};

/* Takes and drops a reference on behalf of a hit set (the engine is const to screening). */
void nsc__engine_hold(const nsc_engine *e);
void nsc__engine_release(const nsc_engine *e);

/* List i of e in load order, or NULL (tests and tools read lists through it). */
const nsc__list *nsc__engine_list_at(const nsc_engine *e, size_t i);
/* The list named `name` of e, or NULL (name NULL: the first list). */
const nsc__list *nsc__engine_find_list(const nsc_engine *e, const char *name);
/* Caps the shared unit cache of a frozen engine (tests: nsc__index_set_shared_units). */
void nsc__engine_set_shared_units(nsc_engine *e, size_t units);
/* Makes the scratch tables over more than `ids` ids those of large lists, before any screening
 * (tests: nsc__index_set_dense_ids; 0 restores the default). */
void nsc__engine_set_dense_ids(nsc_engine *e, size_t ids);

#endif /* NSC_API_ENGINE_H */
