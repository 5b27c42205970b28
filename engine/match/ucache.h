/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/ucache.h: interface of match/ucache.c, the caches of retrieval results of distinct
 * query units: one private to each thread's scratch, one shared by all threads without locks
 * for its readers (the frozen index holds it).
 */
#ifndef NSC_MATCH_UCACHE_H
#define NSC_MATCH_UCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "match/sim.h"
#include "util/mem.h"

/* One dictionary entry that retrieval found for a unit. */
typedef struct nsc__uhit {
    uint32_t id;
    float pairw; /* the index's pair weight of the entry, rounded up (the padding holds it) */
    nsc__sim v;
} nsc__uhit;

/* A unit's result depends on the unit's string and flags, on its kind (run * 2 + joined: see
 * fill_unit in match/retrieve.c) and on tau, the similarity retrieval keeps entries from. */
uint64_t nsc__unit_hash(const nsc__tokinfo *u, int kind);

/* ---- the private cache ----------------------------------------------------------------------
 * Retrieval results of distinct query units (a token or a joined run, with its flags), kept per
 * context across queries: a large counterparty file repeats most of its tokens, so each
 * distinct one is looked up once. Emptied when it grows past its bounds. It also holds the
 * buffers of the unit being retrieved (tmp, pat), which retrieval fills. */
typedef struct nsc__uslot {
    uint64_t h;
    uint32_t key_off, off, n; /* its hits: hits[off .. off + n) */
    uint16_t flags;
    uint8_t key_len;
    uint8_t kind : 7, used : 1;
} nsc__uslot;

typedef struct nsc__ucache {
    const nsc__mem *mem;
    double tau;
    nsc__uslot *slot;
    size_t cap, n;
    char *keys;
    size_t nkeys, capkeys;
    nsc__uhit *hits;
    size_t nhits, caphits;
    nsc__uhit *tmp; /* the unit being retrieved */
    size_t ntmp, captmp;
    nsc__osa_pat pat[2]; /* its string and fold, for the fuzzy tests */
} nsc__ucache;

/* The cache *cp, made when *cp is NULL, emptied when it was filled at another tau or has grown
 * past its bounds; NULL when out of memory. */
nsc__ucache *nsc__ucache_get(nsc__ucache **cp, const nsc__mem *mem, double tau);
void nsc__ucache_free(nsc__ucache *c);
/* The slot of unit u of that kind, h = nsc__unit_hash(u, kind), or NULL. */
nsc__uslot *nsc__ucache_find(const nsc__ucache *c, const nsc__tokinfo *u, uint64_t h, int kind);
/* Keeps c->tmp[0 .. c->ntmp) as the result of unit u; NULL when out of memory (the caller then
 * uses tmp directly, uncached). */
nsc__uslot *nsc__ucache_store(nsc__ucache *c, const nsc__tokinfo *u, uint64_t h, int kind);

/* ---- the shared cache (see match/ucache.c for its memory ordering) --------------------------- */
typedef struct nsc__ushared nsc__ushared;

nsc__ushared *nsc__ushared_new(const nsc__mem *mem);
void nsc__ushared_free(nsc__ushared *sh);
/* Caps the units it takes (tests use it to exercise the private caches, which take over when
 * it is full). */
void nsc__ushared_set_units(nsc__ushared *sh, size_t units);
/* The hits of unit u when the cache holds it (*n of them; a unit without hits gives an empty
 * list, not NULL), else NULL. Takes no lock. */
const nsc__uhit *nsc__ushared_find(nsc__ushared *sh, const nsc__tokinfo *u, uint64_t h, int kind,
                                   double tau, uint32_t *n);
/* Keeps hits[0..n) as the result of unit u; returns the kept copy, or NULL when the cache is
 * full there or memory ran out (the caller keeps its private copy instead). */
const nsc__uhit *nsc__ushared_store(nsc__ushared *sh, const nsc__tokinfo *u, uint64_t h, int kind,
                                    double tau, const nsc__uhit *hits, uint32_t n);

#endif /* NSC_MATCH_UCACHE_H */
