/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/slot.c: the engine slot of a long-running host: the engine that serves now, handed out
 * by reference, and replaced while threads keep screening on the one they hold.
 */
#include <pthread.h>

#include "api/engine.h"

struct nsc_engine_slot {
    pthread_mutex_t lock; /* guards cur against a swap between reading it and taking a ref */
    nsc_engine *cur;
    nsc__mem mem;
};

int nsc_engine_slot_new(nsc_engine_slot **out, nsc_engine *engine)
{
    if (!out) return NSC_EINVAL;
    *out = NULL;
    if (!engine) return NSC_EINVAL;
    if (!engine->frozen) return NSC_ENOTFROZEN;
    nsc_engine_slot *s = nsc__calloc(&engine->mem, 1, sizeof *s);
    if (!s) return NSC_ENOMEM;
    if (pthread_mutex_init(&s->lock, NULL) != 0) {
        nsc__free(&engine->mem, s);
        return NSC_ENOMEM;
    }
    s->mem = engine->mem;
    s->cur = engine;
    *out = s;
    return 0;
}

nsc_engine *nsc_engine_slot_acquire(nsc_engine_slot *s)
{
    if (!s) return NULL;
    pthread_mutex_lock(&s->lock);
    nsc_engine *e = nsc_engine_ref(s->cur);
    pthread_mutex_unlock(&s->lock);
    return e;
}

int nsc_engine_slot_swap(nsc_engine_slot *s, nsc_engine *engine)
{
    if (!s || !engine) return NSC_EINVAL;
    if (!engine->frozen) return NSC_ENOTFROZEN;
    pthread_mutex_lock(&s->lock);
    nsc_engine *old = s->cur;
    s->cur = engine;
    pthread_mutex_unlock(&s->lock);
    nsc_engine_unref(old); /* outside the lock: freeing a large engine takes a while */
    return 0;
}

void nsc_engine_slot_free(nsc_engine_slot *s)
{
    if (!s) return;
    nsc_engine_unref(s->cur);
    pthread_mutex_destroy(&s->lock);
    nsc__mem m = s->mem;
    nsc__free(&m, s);
}
