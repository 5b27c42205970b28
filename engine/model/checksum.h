/* SPDX-License-Identifier: Apache-2.0 */
/*
 * model/checksum.h: the two running checksums of a list's files: SHA-256 (Nettle), the
 * tamper-evident one auditors compare with a manifest, and XXH3-128, the list version every
 * hit carries.
 */
#ifndef NSC_MODEL_CHECKSUM_H
#define NSC_MODEL_CHECKSUM_H

#include <stddef.h>

#include "util/mem.h"

typedef struct nsc__checksum nsc__checksum;

/* A new running checksum from mem; NULL on ENOMEM. */
nsc__checksum *nsc__checksum_new(const nsc__mem *mem);
void nsc__checksum_update(nsc__checksum *c, const void *bytes, size_t n);
/* Writes both digests as lower-case hex (NUL-terminated). */
void nsc__checksum_hex(nsc__checksum *c, char sha256_hex[65], char xxh128_hex[33]);
void nsc__checksum_free(const nsc__mem *mem, nsc__checksum *c);

#endif /* NSC_MODEL_CHECKSUM_H */
