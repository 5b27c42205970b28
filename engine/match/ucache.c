/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/ucache.c: the caches of retrieval results of distinct query units, private to a thread
 * (a hash table of slots over a key and a hit array) and shared by all threads (striped tables
 * that readers probe without a lock). A result is a pure function of the unit, its kind and tau.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include <xxhash.h>

#include "match/ucache.h"

/* ---- the private cache ---------------------------------------------------------------------- */

/* Bounds of each thread's cache, after which it is emptied: they, and the shared cache's
 * below, bound the memory screening takes whatever the number of names screened (a nightly
 * file of millions of distinct names) and whatever the size of the list (a unit meets more
 * entries in a bigger list, so against millions of names the hits fill first). 32,768 units
 * and 131,072 hits (24 bytes each) with their slots and keys keep a thread's cache within
 * about 5 MB (tests/test_nightly_memory.c and bench/nightly_memory.sh measure the whole
 * process; the index_large test bounds a second thread's scratch). */
#define UCACHE_MAX_UNITS (1u << 15)
#define UCACHE_MAX_HITS (1u << 17)

void nsc__ucache_free(nsc__ucache *c)
{
    if (!c) return;
    nsc__free(c->mem, c->slot);
    nsc__free(c->mem, c->keys);
    nsc__free(c->mem, c->hits);
    nsc__free(c->mem, c->tmp);
    nsc__free(c->mem, c);
}

static void ucache_clear(nsc__ucache *c)
{
    if (c->slot) memset(c->slot, 0, c->cap * sizeof *c->slot);
    c->n = c->nkeys = c->nhits = 0;
}

nsc__ucache *nsc__ucache_get(nsc__ucache **cp, const nsc__mem *mem, double tau)
{
    nsc__ucache *c = *cp;
    if (!c) {
        c = nsc__calloc(mem, 1, sizeof *c);
        if (!c) return NULL;
        c->mem = mem;
        c->cap = 1024;
        c->slot = nsc__calloc(mem, c->cap, sizeof *c->slot);
        if (!c->slot) {
            nsc__free(mem, c);
            return NULL;
        }
        c->tau = tau;
        *cp = c;
    }
    if (c->tau != tau || c->n >= UCACHE_MAX_UNITS || c->nhits >= UCACHE_MAX_HITS) {
        ucache_clear(c);
        c->tau = tau;
    }
    return c;
}

uint64_t nsc__unit_hash(const nsc__tokinfo *u, int kind)
{
    return XXH3_64bits(u->s, u->len) ^ ((uint64_t)u->flags * 0x9E3779B97F4A7C15ull) ^
           (uint64_t)(kind + 1);
}

nsc__uslot *nsc__ucache_find(const nsc__ucache *c, const nsc__tokinfo *u, uint64_t h, int kind)
{
    size_t i = h & (c->cap - 1);
    while (c->slot[i].used) {
        nsc__uslot *sl = &c->slot[i];
        if (sl->h == h && sl->key_len == u->len && sl->flags == u->flags && sl->kind == kind &&
            memcmp(c->keys + sl->key_off, u->s, u->len) == 0)
            return sl;
        i = (i + 1) & (c->cap - 1);
    }
    return NULL;
}

nsc__uslot *nsc__ucache_store(nsc__ucache *c, const nsc__tokinfo *u, uint64_t h, int kind)
{
    const nsc__mem *mem = c->mem;
    if ((c->n + 1) * 2 > c->cap) {
        size_t ncap = c->cap * 2;
        nsc__uslot *ns = nsc__calloc(mem, ncap, sizeof *ns);
        if (!ns) return NULL;
        for (size_t i = 0; i < c->cap; i++) {
            if (!c->slot[i].used) continue;
            size_t k = c->slot[i].h & (ncap - 1);
            while (ns[k].used) k = (k + 1) & (ncap - 1);
            ns[k] = c->slot[i];
        }
        nsc__free(mem, c->slot);
        c->slot = ns;
        c->cap = ncap;
    }
    if (nsc__grow(mem, (void **)&c->keys, &c->capkeys, c->nkeys + u->len, 1) ||
        nsc__grow(mem, (void **)&c->hits, &c->caphits, c->nhits + c->ntmp, sizeof *c->hits))
        return NULL;
    size_t i = h & (c->cap - 1);
    while (c->slot[i].used) i = (i + 1) & (c->cap - 1);
    nsc__uslot *sl = &c->slot[i];
    sl->h = h;
    sl->key_off = (uint32_t)c->nkeys;
    sl->key_len = u->len;
    sl->flags = u->flags;
    sl->used = 1;
    sl->kind = (uint8_t)kind;
    sl->off = (uint32_t)c->nhits;
    sl->n = (uint32_t)c->ntmp;
    memcpy(c->keys + c->nkeys, u->s, u->len);
    c->nkeys += u->len;
    if (c->ntmp) memcpy(c->hits + c->nhits, c->tmp, c->ntmp * sizeof *c->tmp);
    c->nhits += c->ntmp;
    c->n++;
    return sl;
}

/* ---- the shared cache ----------------------------------------------------------------------- */

/* The shared unit cache. A unit's retrieval result is a pure function of the unit, its kind
 * and tau, so every thread may use what any thread found: a file split over threads then
 * retrieves each distinct unit once, not once per thread. The hash picks a stripe; each stripe
 * has a slot table, an arena and a lock that only writers take. Readers take no lock, so that
 * threads looking up units write nothing shared (a lock word written by every lookup would move
 * between the cores' caches at nearly every one):
 * - a slot's hash is written, then its record (in the arena, complete) is published by a
 *   release store of the slot's pointer; a reader that sees the pointer by an acquire load
 *   sees the hash and the record, and neither changes once published;
 * - a table that grows is replaced, by a release store of the stripe's table pointer, with a
 *   larger copy; the old one is kept (on the new one's `older` chain) until the engine is
 *   freed, since a reader may still be probing it, and it keeps a free slot, so probes end;
 * - the arenas never move what they hold, so a hit list a reader found stays readable.
 * A full stripe takes no more units (the private caches take over); nothing is ever removed
 * while the engine lives. */
#define USHARED_STRIPES 64
/* 65,536 units and 1,048,576 hits in all (at most about 8 MB with few hits a unit): the first
 * units seen, which in a large file are mostly its common tokens; later ones go to the private
 * caches. */
#define USHARED_STRIPE_UNITS ((1u << 16) / USHARED_STRIPES)
#define USHARED_STRIPE_HITS ((1u << 20) / USHARED_STRIPES)

/* A unit's result, in the stripe's arena. */
struct srec {
    double tau;
    const nsc__uhit *hits;
    uint32_t n;
    uint16_t flags;
    uint8_t key_len, kind;
    char key[];
};

/* 16 bytes: four to a cache line for the probes */
struct sslot {
    uint64_t h;
    _Atomic(const struct srec *) rec; /* stored last (release); NULL: a free slot */
};

struct stable {
    size_t cap; /* a power of two, at least twice the units it holds */
    struct stable *older;
    struct sslot slot[];
};

struct ustripe {
    _Atomic(struct stable *) table;
    /* writers only, under lock: */
    pthread_mutex_t lock;
    size_t n, nhits, max_units;
    nsc__arena arena;
};

struct nsc__ushared {
    const nsc__mem *mem;
    struct ustripe s[USHARED_STRIPES];
};

static struct stable *stable_new(const nsc__mem *mem, size_t cap)
{
    struct stable *t = nsc__calloc(mem, 1, sizeof *t + cap * sizeof t->slot[0]);
    if (t) t->cap = cap;
    return t;
}

static void stable_free(const nsc__mem *mem, struct stable *t)
{
    while (t) {
        struct stable *older = t->older;
        nsc__free(mem, t);
        t = older;
    }
}

nsc__ushared *nsc__ushared_new(const nsc__mem *mem)
{
    nsc__ushared *sh = nsc__calloc(mem, 1, sizeof *sh);
    if (!sh) return NULL;
    sh->mem = mem;
    int i = 0;
    for (; i < USHARED_STRIPES; i++) {
        struct ustripe *st = &sh->s[i];
        struct stable *t = stable_new(mem, 64);
        if (!t) break;
        if (pthread_mutex_init(&st->lock, NULL) != 0) {
            nsc__free(mem, t);
            break;
        }
        atomic_init(&st->table, t);
        st->max_units = USHARED_STRIPE_UNITS;
        nsc__arena_init(&st->arena, mem);
    }
    if (i == USHARED_STRIPES) return sh;
    while (i-- > 0) {
        pthread_mutex_destroy(&sh->s[i].lock);
        stable_free(mem, atomic_load_explicit(&sh->s[i].table, memory_order_relaxed));
    }
    nsc__free(mem, sh);
    return NULL;
}

void nsc__ushared_free(nsc__ushared *sh)
{
    if (!sh) return;
    for (int i = 0; i < USHARED_STRIPES; i++) {
        pthread_mutex_destroy(&sh->s[i].lock);
        stable_free(sh->mem, atomic_load_explicit(&sh->s[i].table, memory_order_relaxed));
        nsc__arena_free(&sh->s[i].arena);
    }
    nsc__free(sh->mem, sh);
}

void nsc__ushared_set_units(nsc__ushared *sh, size_t units)
{
    for (int i = 0; i < USHARED_STRIPES; i++) sh->s[i].max_units = units / USHARED_STRIPES;
}

static struct ustripe *stripe_of(nsc__ushared *sh, uint64_t h)
{
    return &sh->s[h >> 58]; /* the top bits: the slot index uses the low ones */
}

/* The published record of unit u in table t, or NULL. */
static const struct srec *stable_find(const struct stable *t, const nsc__tokinfo *u, uint64_t h,
                                      int kind, double tau)
{
    const struct srec *r;
    for (size_t i = h & (t->cap - 1);
         (r = atomic_load_explicit(&t->slot[i].rec, memory_order_acquire)) != NULL;
         i = (i + 1) & (t->cap - 1)) {
        if (t->slot[i].h == h && r->tau == tau && r->key_len == u->len && r->flags == u->flags &&
            r->kind == kind && memcmp(r->key, u->s, u->len) == 0)
            return r;
    }
    return NULL;
}

static const nsc__uhit shared_none[1]; /* the hit list of a unit without hits */

const nsc__uhit *nsc__ushared_find(nsc__ushared *sh, const nsc__tokinfo *u, uint64_t h, int kind,
                                   double tau, uint32_t *n)
{
    struct ustripe *st = stripe_of(sh, h);
    const struct stable *t = atomic_load_explicit(&st->table, memory_order_acquire);
    const struct srec *r = stable_find(t, u, h, kind, tau);
    *n = r ? r->n : 0;
    return r ? (r->n ? r->hits : shared_none) : NULL;
}

const nsc__uhit *nsc__ushared_store(nsc__ushared *sh, const nsc__tokinfo *u, uint64_t h, int kind,
                                    double tau, const nsc__uhit *hits, uint32_t n)
{
    struct ustripe *st = stripe_of(sh, h);
    const nsc__uhit *kept = NULL;
    pthread_mutex_lock(&st->lock);
    struct stable *t = atomic_load_explicit(&st->table, memory_order_relaxed); /* ours */
    const struct srec *found = stable_find(t, u, h, kind, tau);
    if (found) { /* another thread kept it meanwhile: the same result */
        kept = found->n ? found->hits : shared_none;
        goto done;
    }
    if (st->n >= st->max_units || st->nhits + n > USHARED_STRIPE_HITS) goto done;
    if ((st->n + 1) * 2 > t->cap) {
        struct stable *nt = stable_new(sh->mem, t->cap * 2);
        if (!nt) goto done;
        for (size_t i = 0; i < t->cap; i++) { /* nt is not yet visible to readers */
            const struct srec *r = atomic_load_explicit(&t->slot[i].rec, memory_order_relaxed);
            if (!r) continue;
            size_t k = t->slot[i].h & (nt->cap - 1);
            while (atomic_load_explicit(&nt->slot[k].rec, memory_order_relaxed))
                k = (k + 1) & (nt->cap - 1);
            nt->slot[k].h = t->slot[i].h;
            atomic_store_explicit(&nt->slot[k].rec, r, memory_order_relaxed);
        }
        nt->older = t;
        atomic_store_explicit(&st->table, nt, memory_order_release);
        t = nt;
    }
    struct srec *r = nsc__arena_alloc(&st->arena, sizeof *r + u->len);
    nsc__uhit *copy = n ? nsc__arena_alloc(&st->arena, n * sizeof *copy) : NULL;
    if (!r || (n && !copy)) goto done;
    if (n) memcpy(copy, hits, n * sizeof *copy);
    r->tau = tau;
    r->hits = copy;
    r->n = n;
    r->key_len = u->len;
    r->flags = u->flags;
    r->kind = (uint8_t)kind;
    memcpy(r->key, u->s, u->len);
    size_t i = h & (t->cap - 1);
    while (atomic_load_explicit(&t->slot[i].rec, memory_order_relaxed)) i = (i + 1) & (t->cap - 1);
    t->slot[i].h = h;
    atomic_store_explicit(&t->slot[i].rec, r, memory_order_release);
    st->n++;
    st->nhits += n;
    kept = n ? copy : shared_none;
done:
    pthread_mutex_unlock(&st->lock);
    return kept;
}
