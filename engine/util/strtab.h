/* SPDX-License-Identifier: Apache-2.0 */
/*
 * util/strtab.h: exact-match hash indexes over static tables of records (the word tables,
 * name variants, token frequencies): one probe instead of a bisection of string compares.
 */
#ifndef NSC_UTIL_STRTAB_H
#define NSC_UTIL_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#include "namescreen.h"

/* key(rec) gives a record's NUL-terminated key; slots (a power of two, at least twice the
 * records) hold record index + 1. Of records with equal keys, the first is found. */
typedef struct nsc__strtab {
    uint16_t *slot;
    size_t mask;
    const void *base;
    size_t stride;
    const char *(*key)(const void *rec);
} nsc__strtab;

int nsc__strtab_init(nsc__strtab *t, uint16_t *slots, size_t nslots, const void *base, size_t n,
                     size_t stride, const char *(*key)(const void *rec));
/* The key of a record whose first member is its key (a const char *). */
const char *nsc__strtab_first_key(const void *rec);
/* The index of the first record whose key is s[0..n), or -1 (also on a zeroed table that
 * nsc__strtab_init refused). */
long nsc__strtab_find(const nsc__strtab *t, const char *s, size_t n);

#endif /* NSC_UTIL_STRTAB_H */
