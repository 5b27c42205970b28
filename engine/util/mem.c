/* SPDX-License-Identifier: Apache-2.0 */
/*
 * util/mem.c: the per-engine allocator hook and the small memory helpers built on it (growth of
 * arrays, a bump arena). Every allocation of namescreen's own code passes through here, which
 * is what makes out-of-memory paths testable with a failing allocator.
 */
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

static void *libc_malloc(void *ctx, size_t n)
{
    (void)ctx;
    return malloc(n);
}

static void *libc_realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    return realloc(p, n);
}

static void libc_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static const nsc__mem default_mem = { { libc_malloc, libc_realloc, libc_free, NULL } };

const nsc__mem *nsc__mem_default(void) { return &default_mem; }

void nsc__mem_from(nsc__mem *m, const nsc_allocator *a)
{
    *m = default_mem;
    if (a && a->malloc && a->realloc && a->free) {
        m->a = *a;
    }
}

void *nsc__malloc(const nsc__mem *m, size_t n) { return m->a.malloc(m->a.ctx, n ? n : 1); }

void *nsc__calloc(const nsc__mem *m, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) return NULL;
    size_t total = count * size;
    void *p = nsc__malloc(m, total);
    if (p && total) memset(p, 0, total);
    return p;
}

void *nsc__realloc(const nsc__mem *m, void *p, size_t n)
{
    return m->a.realloc(m->a.ctx, p, n ? n : 1);
}

void nsc__free(const nsc__mem *m, void *p)
{
    if (p) m->a.free(m->a.ctx, p);
}

char *nsc__strndup(const nsc__mem *m, const char *s, size_t n)
{
    char *d = nsc__malloc(m, n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

int nsc__grow(const nsc__mem *m, void **arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / size) return NSC_ENOMEM;
        ncap *= 2;
    }
    void *p = nsc__realloc(m, *arr, ncap * size);
    if (!p) return NSC_ENOMEM;
    *arr = p;
    *cap = ncap;
    return 0;
}

int nsc__grow_quarter(const nsc__mem *m, void **arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t ncap = need < 1024 ? 1024 : need + need / 4;
    if (ncap < need || ncap > SIZE_MAX / size) return NSC_ENOMEM;
    void *p = nsc__realloc(m, *arr, ncap * size);
    if (!p) return NSC_ENOMEM;
    *arr = p;
    *cap = ncap;
    return 0;
}

/* ---- arena: blocks of at least 64 KiB; a larger request gets a block of its own ---------- */

struct nsc__arena_block {
    nsc__arena_block *next;
    size_t size;
    /* data follows, 8-byte aligned */
};

#define ARENA_BLOCK (64u * 1024u)
#define ARENA_HDR ((sizeof(nsc__arena_block) + 7u) & ~(size_t)7u)

void nsc__arena_init(nsc__arena *a, const nsc__mem *mem)
{
    memset(a, 0, sizeof *a);
    a->mem = mem;
}

/* n bytes at the given alignment (1 or 8), zeroed. Objects are 8-byte aligned; strings need
 * no alignment, so that a short string costs its bytes and no padding. */
static void *arena_take(nsc__arena *a, size_t n, size_t align)
{
    size_t at = (a->used + align - 1) & ~(align - 1);
    if (!a->head || at > a->cap || a->cap - at < n) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        nsc__arena_block *b = nsc__malloc(a->mem, ARENA_HDR + size);
        if (!b) return NULL;
        b->size = size;
        b->next = a->head;
        a->head = b;
        a->cap = size;
        at = 0;
    }
    char *p = (char *)a->head + ARENA_HDR + at;
    a->used = at + n;
    a->total += n;
    memset(p, 0, n);
    return p;
}

void *nsc__arena_alloc(nsc__arena *a, size_t n) { return arena_take(a, (n + 7u) & ~(size_t)7u, 8); }

char *nsc__arena_strndup(nsc__arena *a, const char *s, size_t n)
{
    char *d = arena_take(a, n + 1, 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *nsc__arena_strdup(nsc__arena *a, const char *s)
{
    return nsc__arena_strndup(a, s, strlen(s));
}

void nsc__arena_free(nsc__arena *a)
{
    nsc__arena_block *b = a->head;
    while (b) {
        nsc__arena_block *next = b->next;
        nsc__free(a->mem, b);
        b = next;
    }
    a->head = NULL;
    a->used = a->cap = a->total = 0;
}
