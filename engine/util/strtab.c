/* SPDX-License-Identifier: Apache-2.0 */
/*
 * util/strtab.c: exact-match hash indexes over the engine's static word tables (legal forms and
 * other word classes, name variants, token frequencies). Preparing a name looks every token up
 * in each of them, and every list name is prepared at freeze time: one hash probe replaces a
 * bisection of string comparisons.
 */
#include <string.h>

#include "util/strtab.h"

/* FNV-1a: short keys, no setup. */
static uint32_t str_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static const char *rec_key(const nsc__strtab *t, size_t i)
{
    return t->key((const char *)t->base + i * t->stride);
}

static int key_is(const char *key, const char *s, size_t n)
{
    return strncmp(key, s, n) == 0 && key[n] == '\0';
}

const char *nsc__strtab_first_key(const void *rec) { return *(const char *const *)rec; }

int nsc__strtab_init(nsc__strtab *t, uint16_t *slots, size_t nslots, const void *base, size_t n,
                     size_t stride, const char *(*key)(const void *rec))
{
    if (nslots & (nslots - 1) || n * 2 > nslots || n >= UINT16_MAX) return NSC_EINVAL;
    memset(slots, 0, nslots * sizeof *slots);
    t->slot = slots;
    t->mask = nslots - 1;
    t->base = base;
    t->stride = stride;
    t->key = key;
    for (size_t i = 0; i < n; i++) {
        const char *k = rec_key(t, i);
        size_t len = strlen(k);
        size_t h = str_hash(k, len) & t->mask;
        int seen = 0; /* only the first record of a key is indexed */
        for (; slots[h] && !seen; h = (h + 1) & t->mask)
            seen = key_is(rec_key(t, slots[h] - 1u), k, len);
        if (!seen) slots[h] = (uint16_t)(i + 1);
    }
    return 0;
}

long nsc__strtab_find(const nsc__strtab *t, const char *s, size_t n)
{
    if (!t->slot) return -1; /* never built (nsc__strtab_init refused its slots) */
    for (size_t h = str_hash(s, n) & t->mask; t->slot[h]; h = (h + 1) & t->mask)
        if (key_is(rec_key(t, t->slot[h] - 1u), s, n)) return (long)t->slot[h] - 1;
    return -1;
}
