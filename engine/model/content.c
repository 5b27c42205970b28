/* SPDX-License-Identifier: Apache-2.0 */
/*
 * model/content.c: the content hash of an entity, the same whatever file format or order its
 * list came in.
 *
 * Each field is a multiset of canonical items: the type; the names as written; the dates of
 * birth; the countries (ISO code, else the text), once each whatever their roles; the
 * identifier values; the programs. Name kinds, country roles and identifier types stay out:
 * formats assign them differently. Every item is hashed alone (XXH3-128 over its parts, separated by a byte
 * that UTF-8 text never holds) and the item hashes of a field are added lane by lane, modulo
 * 2^64, so that the order the file gives them in does not count; the field sums and counts are
 * then hashed together in a fixed field order. Nothing is allocated, so it cannot fail.
 */
#define XXH_STATIC_LINKING_ONLY
#include <stdio.h>
#include <string.h>
#include <xxhash.h>

#include "model/list.h"

enum { F_TYPE, F_NAMES, F_DOBS, F_COUNTRIES, F_IDENTS, F_PROGRAMS, F_COUNT };

typedef struct acc {
    uint64_t lo, hi, n;
} acc;

/* Hashes the NUL-separated parts of one item and adds it to a. */
static void add_item(acc *a, const char *const *parts, size_t n)
{
    XXH3_state_t st;
    XXH3_INITSTATE(&st);
    XXH3_128bits_reset(&st);
    static const unsigned char sep = 0xFF;
    for (size_t i = 0; i < n; i++) {
        if (i) XXH3_128bits_update(&st, &sep, 1);
        const char *p = parts[i] ? parts[i] : "";
        XXH3_128bits_update(&st, p, strlen(p));
    }
    XXH128_hash_t h = XXH3_128bits_digest(&st);
    a->lo += h.low64;
    a->hi += h.high64;
    a->n++;
}

void nsc__entity_content_hash(const nsc__entity *e, uint8_t out[16])
{
    acc f[F_COUNT];
    memset(f, 0, sizeof f);
    char num[24];
    snprintf(num, sizeof num, "%u", (unsigned)e->type);
    add_item(&f[F_TYPE], (const char *const[]){ num }, 1);
    for (const nsc__name *n = e->names; n; n = n->next)
        add_item(&f[F_NAMES], (const char *const[]){ n->text }, 1);
    for (const nsc__dob *d = e->dobs; d; d = d->next) {
        char b[32];
        nsc__date_format(b, &d->date);
        add_item(&f[F_DOBS], (const char *const[]){ b }, 1);
    }
    /* A country counts once whatever its roles (formats assign roles differently). */
    for (const nsc__country *c = e->countries; c; c = c->next) {
        const char *v = c->code[0] ? c->code : c->text;
        int seen = 0;
        for (const nsc__country *p = e->countries; p != c && !seen; p = p->next)
            seen = strcmp(p->code[0] ? p->code : p->text, v) == 0;
        if (!seen) add_item(&f[F_COUNTRIES], (const char *const[]){ v }, 1);
    }
    for (const nsc__ident *i = e->idents; i; i = i->next)
        add_item(&f[F_IDENTS], (const char *const[]){ i->value }, 1);
    for (const nsc__text *t = e->programs; t; t = t->next)
        add_item(&f[F_PROGRAMS], (const char *const[]){ t->text }, 1);
    /* the sums as little-endian bytes, so the hash is the same on every machine */
    unsigned char buf[F_COUNT * 24];
    size_t w = 0;
    for (int i = 0; i < F_COUNT; i++) {
        const uint64_t v[3] = { f[i].lo, f[i].hi, f[i].n };
        for (int k = 0; k < 3; k++)
            for (int b = 0; b < 8; b++) buf[w++] = (unsigned char)(v[k] >> (8 * b));
    }
    XXH128_hash_t h = XXH3_128bits(buf, w);
    for (int b = 0; b < 8; b++) {
        out[b] = (uint8_t)(h.high64 >> (56 - 8 * b));
        out[8 + b] = (uint8_t)(h.low64 >> (56 - 8 * b));
    }
}

void nsc__hash_hex(char hex[33], const uint8_t h[16])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        hex[2 * i] = digits[h[i] >> 4];
        hex[2 * i + 1] = digits[h[i] & 15];
    }
    hex[32] = '\0';
}
