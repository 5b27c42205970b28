/* SPDX-License-Identifier: Apache-2.0 */
/*
 * util/mem.h: the allocator hook every allocation of namescreen's own code goes through
 * (zstd's customMem, cmark's cmark_mem), growth of arrays, and a bump arena for many small
 * objects freed together.
 */
#ifndef NSC_UTIL_MEM_H
#define NSC_UTIL_MEM_H

#include <stddef.h>

#include "namescreen.h"

typedef struct nsc__mem {
    nsc_allocator a; /* never has NULL fields */
} nsc__mem;

/* The C library allocator, for code that has no engine (the public CSV reader). */
const nsc__mem *nsc__mem_default(void);
/* Fills *m from a user allocator, any NULL field falling back to the C library. */
void nsc__mem_from(nsc__mem *m, const nsc_allocator *a);

void *nsc__malloc(const nsc__mem *m, size_t n);
void *nsc__calloc(const nsc__mem *m, size_t count, size_t size); /* overflow-checked */
void *nsc__realloc(const nsc__mem *m, void *p, size_t n);
void nsc__free(const nsc__mem *m, void *p);
char *nsc__strndup(const nsc__mem *m, const char *s, size_t n);

/* Grows *arr (of element size `size`) so that it holds at least `need` elements; doubles.
 * Returns 0 or NSC_ENOMEM (leaving *arr and *cap untouched). */
int nsc__grow(const nsc__mem *m, void **arr, size_t *cap, size_t need, size_t size);

/* As nsc__grow, but to need plus a quarter (at least 1024 elements): for the per-thread
 * candidate arrays, the largest of a thread's scratch against a large list, whose size follows
 * the query that reaches most names; doubling would hold up to twice what it used. */
int nsc__grow_quarter(const nsc__mem *m, void **arr, size_t *cap, size_t need, size_t size);

/* Per-thread scratch after a pathological query: whether a table of cap slots, of which the
 * query (or query side, or unit) just ended used n, is to be given back, freed and made again at
 * its first size when next needed. A table of at most `keep` slots stays; a larger one goes once
 * NSC_SCRATCH_SHRINK_AFTER uses in a row took at most an eighth of it (*idle counts them): a
 * service thread keeps a huge table for that many queries at most, and queries alternating
 * between large and small regrow it at most once per that many. */
#define NSC_SCRATCH_SHRINK_AFTER 64
static inline int nsc__scratch_oversized(unsigned *idle, size_t n, size_t cap, size_t keep)
{
    if (cap <= keep || n * 8 > cap) {
        *idle = 0;
        return 0;
    }
    if (++*idle < NSC_SCRATCH_SHRINK_AFTER) return 0;
    *idle = 0;
    return 1;
}

/* A bump allocator: many small objects freed together. Blocks come from `mem`. */
typedef struct nsc__arena_block nsc__arena_block;
typedef struct nsc__arena {
    const nsc__mem *mem;
    nsc__arena_block *head;
    size_t used, cap;
    size_t total; /* bytes handed out, for statistics */
} nsc__arena;

void nsc__arena_init(nsc__arena *a, const nsc__mem *mem);
void *nsc__arena_alloc(nsc__arena *a, size_t n); /* 8-byte aligned, zeroed; NULL on ENOMEM */
char *nsc__arena_strndup(nsc__arena *a, const char *s, size_t n); /* unaligned, packed */
char *nsc__arena_strdup(nsc__arena *a, const char *s);
void nsc__arena_free(nsc__arena *a);

#endif /* NSC_UTIL_MEM_H */
