/* SPDX-License-Identifier: Apache-2.0 */
/*
 * model/checksum.c: SHA-256 and XXH3-128 over the bytes of a list's files, in one pass.
 */
#include <stdint.h>
#include <stdio.h>

#define XXH_STATIC_LINKING_ONLY
#include <nettle/sha2.h>
#include <xxhash.h>

#include "model/checksum.h"

struct nsc__checksum {
    struct sha256_ctx sha;
    /* XXH3 state needs 64-byte alignment; the hook's allocations promise less, so the state
     * is placed at the first aligned address of this room */
    unsigned char xxh_room[sizeof(XXH3_state_t) + 64];
};

static XXH3_state_t *xxh_state(nsc__checksum *c)
{
    uintptr_t p = ((uintptr_t)c->xxh_room + 63u) & ~(uintptr_t)63u;
    return (XXH3_state_t *)p;
}

nsc__checksum *nsc__checksum_new(const nsc__mem *mem)
{
    nsc__checksum *c = nsc__malloc(mem, sizeof *c);
    if (!c) return NULL;
    sha256_init(&c->sha);
    XXH3_128bits_reset(xxh_state(c));
    return c;
}

void nsc__checksum_update(nsc__checksum *c, const void *bytes, size_t n)
{
    sha256_update(&c->sha, n, bytes);
    XXH3_128bits_update(xxh_state(c), bytes, n);
}

void nsc__checksum_hex(nsc__checksum *c, char sha256_hex[65], char xxh128_hex[33])
{
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&c->sha, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++) snprintf(sha256_hex + 2 * i, 3, "%02x", d[i]);
    XXH128_hash_t h = XXH3_128bits_digest(xxh_state(c));
    snprintf(xxh128_hex, 33, "%016llx%016llx", (unsigned long long)h.high64,
             (unsigned long long)h.low64);
}

void nsc__checksum_free(const nsc__mem *mem, nsc__checksum *c) { nsc__free(mem, c); }
