/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/index_impl.h: the index module's private interface, for match/index.c, which builds
 * the dictionary's lookup structures, and match/retrieve.c, which reads them. Nothing outside
 * match/ includes it.
 */
#ifndef NSC_MATCH_INDEX_IMPL_H
#define NSC_MATCH_INDEX_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <xxhash.h>

#include "match/index.h"
#include "match/params.h"
#include "match/ucache.h"
#include "util/mem.h"

/* A directory over records grouped by the top bits of a 64-bit hash: off[b] is the first record
 * whose hash has the top bits b, so a lookup reads one slot pair and a few records instead of
 * searching millions (the hashes are uniform: about two records a slot). */
struct hdir {
    uint32_t *off;
    int shift;
};

struct nsc__index {
    nsc__arena arena;
    nsc__tokinfo *dict;
    size_t n, cap;
    uint64_t *hslots; /* while building: the hash table that interns entries (index.c) */
    size_t hcap;
    uint32_t *post_off, *post;
    uint32_t *by_first; /* ids grouped by their first byte (an initial meets them) */
    uint32_t first_off[257];
    /* the most list weight a pair with the entry can carry: its own weight as a single token,
     * the sum of its tokens' weights as a joined run (the larger when it is both) */
    double *pairw;
    double letter_pairw[26]; /* the largest pair weight of a word of each first letter */
    /* ids grouped by the hash of their string, fold and skeleton: equality lookups. The
     * directory holds the top bits of a 64-bit hash, a record its low 32 bits (a lookup may
     * meet an entry whose hash differs in between: one more candidate, which the similarity
     * rejects like any other hash collision) */
    struct hpair {
        uint32_t h;
        uint32_t id;
    } * eq[4];
    size_t n_eq[4];
    struct hdir eq_dir[4];
    /* the single tokens (fuzzy pairs are single tokens only) bucketed by length, raw and
     * folded, each with the filters of scan_fuzzy: its letter mask, its letter counts, and its
     * first and last four bytes */
    struct bucket {
        uint32_t *ids;
        uint64_t *mask;
        uint8_t *cnt; /* NSC_CNT_BINS a token */
        uint32_t *head, *tail;
        uint32_t off[NSC_MAX_TOKLEN + 2];
    } b[2]; /* [folded] */
    /* deletion neighbourhoods of the single tokens (see find_deletions): [zone][folded], zone
     * 0 the one-deletion keys of tokens of DEL1_MINLEN to DEL1_MAXLEN bytes, zone 1 the
     * up-to-two-deletion keys of tokens of DEL2_MINLEN to DEL2_MAXLEN bytes; (hash of a key,
     * entry id, entry length) sorted by hash */
    struct delpair {
        uint64_t h;
        uint32_t id;
        uint32_t len;
    } * del[2][2];
    size_t n_del[2][2];
    struct hdir del_dir[2][2];
    /* retrieval results of distinct query units, shared by all screening threads */
    nsc__ushared *shared;
    /* a snapshot's read-only mapping (match/snapshot.c) that the arrays above point into, or
     * NULL for an index built here */
    const char *map;
    size_t map_len;
};

/* The records of slot h: [*lo, return value). */
static inline size_t nsc__dir_range(const struct hdir *d, uint64_t h, size_t *lo)
{
    size_t b = (size_t)(h >> d->shift);
    *lo = d->off[b];
    return d->off[b + 1];
}

/* The first and last four bytes of s (zero-padded), for the d = 1 filter of the fuzzy scan. */
static inline uint32_t nsc__pack_head(const char *s, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < 4; i++) v = (v << 8) | (i < n ? (unsigned char)s[i] : 0u);
    return v;
}

static inline uint32_t nsc__pack_tail(const char *s, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < 4; i++) v = (v << 8) | (i < n ? (unsigned char)s[n - 1 - i] : 0u);
    return v;
}

/* Letter counts: how often each letter occurs, digits and other bytes sharing the last bins.
 * One edit changes at most two counts by one each (a substitution; an insertion or deletion
 * one; a swap none), so strings within d edits have counts within 2d in sum of absolute
 * differences; merged bins only lower that sum. */
#define NSC_CNT_BINS 32

/* The letter counts of s into out[0 .. NSC_CNT_BINS). */
static inline void nsc__letter_counts(uint8_t *out, const char *s, size_t n)
{
    memset(out, 0, NSC_CNT_BINS);
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        unsigned bin = c >= 'a' && c <= 'z'   ? c - 'a'
                       : c >= '0' && c <= '9' ? 26 + (c - '0') % 5
                                              : 31;
        out[bin]++;
    }
}

/* Deletion neighbourhoods. Strings within d edits (OSA) share a key among the strings made by
 * deleting at most d bytes from each: a substitution or a transposition is one deletion on both
 * sides, an insertion one deletion on the other side. The edit budget depends on the longer
 * string's length M (nsc__edit_budget, match/params.h): one edit for NSC_BUDGET_1 <= M <
 * NSC_BUDGET_2 (zone 0, where the shorter string has at least NSC_BUDGET_1 - 1 bytes), two for
 * NSC_BUDGET_2 <= M < NSC_BUDGET_3 (zone 1, the shorter string at least NSC_BUDGET_2 - 2).
 * Those pairs are found through the keys; only M >= NSC_BUDGET_3 is left to the length-bucket
 * scan. Keys are 64-bit hashes: a collision only adds a candidate that the similarity then
 * rejects. Only single tokens are indexed: joined runs meet without edits. */
#define DEL1_MINLEN (NSC_BUDGET_1 - 1)
#define DEL1_MAXLEN (NSC_BUDGET_2 - 1)
#define DEL2_MINLEN (NSC_BUDGET_2 - 2)
#define DEL2_MAXLEN (NSC_BUDGET_3 - 1)
#define DEL_MAXKEYS (1 + DEL2_MAXLEN + DEL2_MAXLEN * (DEL2_MAXLEN - 1) / 2)
#if NSC_BUDGET_1 < 2 || NSC_BUDGET_2 <= NSC_BUDGET_1 || NSC_BUDGET_3 <= NSC_BUDGET_2
#error "the deletion zones assume 2 <= NSC_BUDGET_1 < NSC_BUDGET_2 < NSC_BUDGET_3"
#endif

/* The hashes of s with 0..maxdel bytes deleted, s itself first, made distinct when dedupe is
 * set (the index keeps one pair per key; a query may look a key up twice, which only repeats a
 * test that retrieval skips). Returns their count, at most DEL_MAXKEYS. */
static inline size_t nsc__deletion_keys(uint64_t *out, const char *s, size_t n, int maxdel,
                                        int dedupe)
{
    char buf[DEL2_MAXLEN + 2];
    size_t k = 0;
    out[k++] = XXH3_64bits(s, n);
    for (size_t i = 0; i < n && maxdel >= 1; i++) {
        if (i > 0 && s[i] == s[i - 1]) continue; /* the same deletion as at i - 1 */
        memcpy(buf, s, i);
        memcpy(buf + i, s + i + 1, n - i - 1);
        out[k++] = XXH3_64bits(buf, n - 1);
        for (size_t j = i; j + 1 < n && maxdel >= 2; j++) { /* then byte j of buf */
            char b2[DEL2_MAXLEN + 2];
            memcpy(b2, buf, j);
            memcpy(b2 + j, buf + j + 1, n - 2 - j);
            out[k++] = XXH3_64bits(b2, n - 2);
        }
    }
    if (!dedupe) return k;
    for (size_t i = 1; i < k; i++) { /* insertion sort: a few dozen keys */
        uint64_t x = out[i];
        size_t j = i;
        for (; j > 0 && out[j - 1] > x; j--) out[j] = out[j - 1];
        out[j] = x;
    }
    size_t w = 0;
    for (size_t i = 0; i < k; i++)
        if (!w || out[w - 1] != out[i]) out[w++] = out[i];
    return w;
}

#endif /* NSC_MATCH_INDEX_IMPL_H */
