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
    nsc__free(m, c->ent);
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

/* The first size of the entity table: more entities than most queries hit. */
#define ENT_FIRST_SLOTS 256u

static size_t ent_slot(uint32_t g, size_t cap)
{
    return (size_t)(((uint64_t)g * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
}

/* Moves the slots of the current query into a table of twice the slots (the first table when
 * there is none). */
static int ent_grow(const nsc_engine *e, nsc__ctx *ctx)
{
    size_t ncap = ctx->ent_cap ? ctx->ent_cap * 2 : ENT_FIRST_SLOTS;
    struct nsc__ent_slot *ns = nsc__calloc(&e->mem, ncap, sizeof *ns);
    if (!ns) return NSC_ENOMEM;
    for (size_t i = 0; i < ctx->ent_cap; i++) {
        if (ctx->ent[i].stamp != ctx->ent_serial) continue;
        size_t k = ent_slot(ctx->ent[i].gentity, ncap);
        while (ns[k].stamp == ctx->ent_serial) k = (k + 1) & (ncap - 1);
        ns[k] = ctx->ent[i];
    }
    nsc__free(&e->mem, ctx->ent);
    ctx->ent = ns;
    ctx->ent_cap = ncap;
    return 0;
}

int nsc__ctx_ent_slots(const nsc_engine *e, nsc__ctx *ctx)
{
    if (nsc__scratch_oversized(&ctx->ent_idle, ctx->n_ent, ctx->ent_cap, ENT_FIRST_SLOTS)) {
        nsc__free(&e->mem, ctx->ent);
        ctx->ent = NULL;
        ctx->ent_cap = 0;
    }
    ctx->n_ent = 0;
    if (++ctx->ent_serial == 0) { /* wrapped: clear the stamps for real */
        if (ctx->ent) memset(ctx->ent, 0, ctx->ent_cap * sizeof *ctx->ent);
        ctx->ent_serial = 1;
    }
    if (!ctx->ent && ent_grow(e, ctx)) return NSC_ENOMEM;
    return 0;
}

struct nsc__ent_slot *nsc__ctx_ent_put(const nsc_engine *e, nsc__ctx *ctx, uint32_t g, int *fresh)
{
    if ((ctx->n_ent + 1) * 2 > ctx->ent_cap && ent_grow(e, ctx)) return NULL;
    size_t m = ctx->ent_cap - 1;
    for (size_t i = ent_slot(g, ctx->ent_cap);; i = (i + 1) & m) {
        struct nsc__ent_slot *sl = &ctx->ent[i];
        if (sl->stamp != ctx->ent_serial) {
            *sl = (struct nsc__ent_slot){ .gentity = g, .stamp = ctx->ent_serial };
            ctx->n_ent++;
            *fresh = 1;
            return sl;
        }
        if (sl->gentity == g) {
            *fresh = 0;
            return sl;
        }
    }
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
    return nsc__translit_prepare(&ctx->text);
}
