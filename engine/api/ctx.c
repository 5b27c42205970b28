/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/ctx.c: the per-thread contexts of an engine: made, pooled, prepared and freed here
 * only. A thread gets back the context it used last, so its scratch stays in its core's
 * caches (a context moving between cores at every query halves the speed of two threads).
 */
#include <string.h>

#include "api/ctx.h"
#include "api/engine.h"

int nsc__ctx_new(const nsc_engine *e, nsc__ctx **out)
{
    nsc__ctx *c = nsc__calloc(&e->mem, 1, sizeof *c);
    if (!c) return NSC_ENOMEM;
    c->engine = e;
    nsc__text_scratch_init(&c->text, e->tl);
    *out = c;
    return 0;
}

void nsc__ctx_free(nsc__ctx *c)
{
    if (!c) return;
    const nsc__mem *m = &c->engine->mem;
    nsc__text_scratch_clear(&c->text);
    nsc__match_scratch_clear(&c->match, m);
    nsc__free(m, c->ent_slot);
    nsc__free(m, c->ent_stamp);
    nsc__free(m, c);
}

int nsc__ctx_acquire(const nsc_engine *ce, nsc__ctx **out)
{
    nsc_engine *e = (nsc_engine *)(uintptr_t)ce; /* the pool is the one mutable part */
    pthread_t self = pthread_self();
    pthread_mutex_lock(&e->ctx_lock);
    if (e->n_ctx_free) {
        size_t k = e->n_ctx_free - 1;
        for (size_t i = 0; i < e->n_ctx_free; i++)
            if (pthread_equal(e->ctx_free[i]->owner, self)) k = i;
        *out = e->ctx_free[k];
        e->ctx_free[k] = e->ctx_free[--e->n_ctx_free];
        pthread_mutex_unlock(&e->ctx_lock);
        (*out)->owner = self;
        return 0;
    }
    pthread_mutex_unlock(&e->ctx_lock);
    int rc = nsc__ctx_new(e, out);
    if (rc == 0) (*out)->owner = self;
    return rc;
}

void nsc__ctx_release(const nsc_engine *ce, nsc__ctx *ctx)
{
    nsc_engine *e = (nsc_engine *)(uintptr_t)ce;
    pthread_mutex_lock(&e->ctx_lock);
    if (nsc__grow(&e->mem, (void **)&e->ctx_free, &e->cap_ctx_free, e->n_ctx_free + 1,
                  sizeof *e->ctx_free) == 0) {
        e->ctx_free[e->n_ctx_free++] = ctx;
        ctx = NULL;
    }
    pthread_mutex_unlock(&e->ctx_lock);
    nsc__ctx_free(ctx); /* no room to keep it: out of memory */
}

int nsc__ctx_ent_slots(const nsc_engine *e, nsc__ctx *ctx)
{
    size_t need = e->fz.n_gentities + 1;
    if (ctx->ent_cap < need) {
        uint32_t *slot = nsc__malloc(&e->mem, need * sizeof *slot);
        uint32_t *stamp = nsc__calloc(&e->mem, need, sizeof *stamp);
        if (!slot || !stamp) {
            nsc__free(&e->mem, slot);
            nsc__free(&e->mem, stamp);
            return NSC_ENOMEM;
        }
        nsc__free(&e->mem, ctx->ent_slot);
        nsc__free(&e->mem, ctx->ent_stamp);
        ctx->ent_slot = slot;
        ctx->ent_stamp = stamp;
        ctx->ent_cap = need;
    }
    if (++ctx->ent_serial == 0) {
        memset(ctx->ent_stamp, 0, ctx->ent_cap * sizeof *ctx->ent_stamp);
        ctx->ent_serial = 1;
    }
    return 0;
}

int nsc__ctx_memo(const nsc_engine *e, nsc__ctx *ctx)
{
    if (!ctx->match.memo && !(ctx->match.memo = nsc__memo_new(&e->mem))) return NSC_ENOMEM;
    return 0;
}

int nsc__ctx_prepare(const nsc_engine *e, nsc__ctx *ctx)
{
    int rc;
    if ((rc = nsc__ctx_memo(e, ctx)) || (rc = nsc__ctx_ent_slots(e, ctx)) ||
        (rc = nsc__index_prepare(&ctx->match, &e->fz)))
        return rc;
    memset(ctx->ent_stamp, 0, ctx->ent_cap * sizeof *ctx->ent_stamp); /* pages written now */
    memset(ctx->ent_slot, 0, ctx->ent_cap * sizeof *ctx->ent_slot);
    return nsc__translit_prepare(&ctx->text);
}
