/* SPDX-License-Identifier: Apache-2.0 */
/*
 * util/bits.h: bit and byte helpers of the hot paths, inline.
 */
#ifndef NSC_UTIL_BITS_H
#define NSC_UTIL_BITS_H

#include <stddef.h>
#include <stdint.h>

/* Whether n bytes are equal: for the short strings of tokens a loop beats a call of memcmp. */
static inline int nsc__same(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

/* SWAR population count: Debian's x86-64 baseline has no POPCNT instruction, and the libgcc
 * fallback is a call. */
static inline int nsc__popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (int)((x * 0x0101010101010101ull) >> 56);
}

#endif /* NSC_UTIL_BITS_H */
