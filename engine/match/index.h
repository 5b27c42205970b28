/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/index.h: interface of match/index.c, the frozen index of every list name (lnames, whose
 * tokens and runs are ids in a dictionary of distinct token forms) and the per-thread match
 * scratch sized for it, which retrieval (match/retrieve.h) and scoring fill.
 */
#ifndef NSC_MATCH_INDEX_H
#define NSC_MATCH_INDEX_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "match/score.h"
#include "model/list.h"
#include "text/tokenize.h"

/* A list name variant as the index keeps it: its tokens and runs as dictionary ids. */
typedef struct nsc__lname {
    uint32_t list;     /* list index */
    uint32_t entity;   /* entity index within the list */
    uint32_t gentity;  /* entity number across all lists */
    uint32_t distinct; /* its distinctive tokens (bit j: token j, nsc__distinctive) */
    const nsc__name *name;
    uint32_t tok_off, run_off;
    uint8_t ntok, nrun;
    uint8_t lossy;
    uint8_t etype; /* the entity's type, kept here so that filters touch no entity */
} nsc__lname;

typedef struct nsc__lrun {
    uint8_t start, len;
    uint32_t id;
} nsc__lrun;

/* The dictionary's lookup structures (match/index_impl.h). */
typedef struct nsc__index nsc__index;

/* The frozen index of a set of lists: every lname and the dictionary of their tokens. */
typedef struct nsc__frozen {
    const nsc__mem *mem;
    nsc__list *const *lists; /* the lists indexed, in load order */
    size_t n_lists;
    nsc__index *index;
    nsc__lname *lnames;
    size_t n_lnames;
    uint32_t *ltok;  /* dictionary ids of lname tokens */
    uint8_t *lfirst; /* beside them: the first letter of a word (not an initial, not a
                            number), which query initials meet; 0 for other tokens */
    double *lweight; /* their weights, beside them for the candidate bound */
    /* per lname, for the candidate conditions (retrieve.c): the sum of its token weights,
     * rounded up (a bound), and the first letters (bit c - 'a') of its words and of its
     * initials, which initials meet; 12 bytes, five to a cache line, as the filter reads them
     * for every lname it reaches */
    struct nsc__lmeta {
        float wsum;
        uint32_t words, initials;
    } * lmeta;
    nsc__lrun *lrun;          /* runs of lname tokens */
    const nsc__tokinfo *dict; /* the dictionary: distinct tokens and runs */
    size_t n_dict;
    size_t n_gentities; /* entities across all lists */
    /* the scratch tables over at most this many ids are dense (0: NSC_SCRATCH_DENSE_IDS; tests
     * lower it to take the other tables against small lists) */
    size_t dense_ids;
    size_t *list_base; /* gentity of each list's first entity */
} nsc__frozen;

/* One query unit: a token (full similarity against single tokens, or joined similarity
 * against runs) or a run of tokens (joined similarity against single tokens). */
struct nsc__uhit;
typedef struct nsc__qunit {
    uint32_t key; /* memo key */
    const nsc__tokinfo *u;
    int run, joined;
    unsigned role;
    uint8_t t0, tn;                 /* the query tokens it covers */
    const struct nsc__uhit *shared; /* its hits in the shared cache, or NULL: */
    uint32_t off, n;                /* its hits in the private unit cache */
    double pairw;                   /* the largest pairw of the hits fill_unit counts */
} nsc__qunit;

/* A set of lnames, emptied in O(1) by a new serial: a slot belongs to the set when its stamp is
 * the set's serial. Against a large index it is an open-addressing table sized by the ids a
 * query puts in it (at most 3/4 full), not by the index, whose stamps take the top bits of the
 * word of the mask (serials 1 to 2^NSC_IDSET_STAMP_BITS - 1, the table cleared when they
 * wrap: a clear every 127 query sides, for a third less memory a slot); against a small one (at
 * most NSC_SCRATCH_DENSE_IDS ids: a few MiB) it is dense, slot id holding id, which saves the
 * probing, and keeps a mask with each id. */
#define NSC_IDSET_STAMP_BITS 7
#define NSC_IDSET_MASK_BITS (32 - NSC_IDSET_STAMP_BITS)
#define NSC_IDSET_MASK ((1u << NSC_IDSET_MASK_BITS) - 1u)
typedef struct nsc__idset {
    struct nsc__idslot {
        uint32_t stamp;
        uint32_t mask; /* kept with the id by its user (retrieve.c: the query tokens met) */
    } * slot;          /* dense: slot id is id's (8 bytes a slot, for the cache) */
    struct nsc__idsslot {
        uint32_t id;
        /* the stamp in the top NSC_IDSET_STAMP_BITS bits; below them, a mask kept with the id
         * by its user (retrieve.c: what the walks met), NSC_IDSET_MASK_BITS bits */
        uint32_t tag;
    } * sslot;     /* not dense: an open-addressing table, at most 3/4 full (8 bytes a slot) */
    size_t cap, n; /* cap: a power of two, or 0; when dense, the ids of the index */
    uint32_t serial;
    int dense;
    /* not dense: NSC_IDSET_HINT_WORDS words where its user sets the hint bits (nsc__hint_bit) of
     * ids it holds, a filter that spares most probes of ids it does not hold (32 KiB: it stays
     * in cache) */
    uint64_t *hint;
} nsc__idset;

/* A set of dictionary entries as bits, one per entry (an eighth of a byte per entry: about
 * 0.3 MB per million list names, against 24 bytes a member for a hash set, which a short token's
 * fuzzy retrieval filling with hundreds of thousands of entries made the largest scratch of
 * all). It is emptied by clearing the words it set when they were few, else the whole map. */
#define NSC_BITSET_TOUCHED 1024
typedef struct nsc__bitset {
    uint64_t *w;
    size_t nw; /* words */
    size_t nt; /* touched[0..nt): the words made nonzero, unless overflow */
    int overflow;
    uint32_t touched[NSC_BITSET_TOUCHED];
} nsc__bitset;

/* Adds id (below 64 * nw) to b: 1 when it was not there, 0 when it was. */
static inline int nsc__bitset_add(nsc__bitset *b, uint32_t id)
{
    uint64_t *w = &b->w[id >> 6], bit = 1ull << (id & 63);
    if (*w & bit) return 0;
    if (!*w) {
        if (b->nt < NSC_BITSET_TOUCHED)
            b->touched[b->nt++] = id >> 6;
        else
            b->overflow = 1;
    }
    *w |= bit;
    return 1;
}

/* Empties b. */
static inline void nsc__bitset_clear(nsc__bitset *b)
{
    if (b->overflow)
        memset(b->w, 0, b->nw * sizeof *b->w);
    else
        for (size_t i = 0; i < b->nt; i++) b->w[b->touched[i]] = 0;
    b->nt = 0;
    b->overflow = 0;
}

/* A hint: a small table of 2^bits bits where each id put in sets the bit its hash picks, so
 * that a clear bit says the id was never put in (a filter in front of a larger table). */
#define NSC_IDSET_HINT_BITS 18 /* nsc__idset.hint: 32 KiB */
#define NSC_BEST_HINT_BITS 16  /* nsc__match_scratch.best_hint: 8 KiB */
#define NSC_IDSET_HINT_WORDS (1u << (NSC_IDSET_HINT_BITS - 6))
#define NSC_BEST_HINT_WORDS (1u << (NSC_BEST_HINT_BITS - 6))

/* The bit of id in a hint of 2^bits bits. */
static inline uint32_t nsc__hint_bit(uint32_t id, int bits)
{
    return (uint32_t)(((uint64_t)id * 0xD6E8FEB86659FD93ull) >> (64 - bits));
}
static inline void nsc__hint_set(uint64_t *hint, uint32_t bit)
{
    hint[bit >> 6] |= 1ull << (bit & 63);
}
static inline int nsc__hint_test(const uint64_t *hint, uint32_t bit)
{
    return (int)(hint[bit >> 6] >> (bit & 63) & 1);
}

/* The most ids an index may have for the scratch tables over them to be dense (slot = id): the
 * three tables then take at most 10 MiB, and lists of about a million names and more get the
 * tables sized by what a query touches. */
#define NSC_SCRATCH_DENSE_IDS (1u << 18)

/* The slot of an id in a table of cap slots (a power of two): Fibonacci hashing, which spreads
 * the consecutive ids that postings and dictionary neighbours hold. */
static inline size_t nsc__id_slot(uint32_t id, size_t cap)
{
    return (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
}

/* The slots of the memo of set weights (nsc__match_scratch.setw): a power of two. */
#define NSC_SETW_SLOTS 64

/* One thread's retrieval and scoring scratch. Its tables are sized by what the queries touch
 * (the entries they meet, the lnames they reach), not by the index: a few MiB at any list size. */
typedef struct nsc__match_scratch {
    uint32_t serial;    /* the current query side's, for best */
    nsc__idset reached; /* the lnames the current query side reached (retrieve.c) */
    nsc__bitset tested; /* the entries the current unit tested (retrieve.c) */
    uint32_t *cands;    /* candidate lnames of the current query */
    /* beside them, for the bound: the query tokens T each meets (cap_cmask may be below
     * cap_cands: it grows with the candidates kept, not with those the walks reached) */
    uint32_t *cmask;
    size_t n_cands, cap_cands, cap_cmask;
    /* the weights of the sets of query tokens the current side's candidates meet (a query meets
     * few distinct sets): a direct-mapped memo, keyed by the set with bit 32 set (0: empty),
     * emptied for each query side; the candidate filter and the bound read the same values */
    struct nsc__setw {
        uint64_t key;
        double wt, unmet, fw; /* the set's weight, unmet floor weight and floor weight */
    } setw[NSC_SETW_SLOTS];
    nsc__memo *memo;
    /* per dictionary entry the current query side met: its best similarity to any query unit
     * and the query tokens it meets (qmask: but as an initial against a word, see
     * initial_tokens in retrieve.c; wmask: in any way), for the candidate conditions and
     * nsc__candidate_bound, valid where stamp is the serial. Against a small index (best_dense)
     * slot id of best holds entry id; else kbest is an open-addressing table keyed by id, at
     * most half full. v is a similarity rounded up to a float (nsc__best_raise): it serves
     * only as an upper bound, and 16 bytes a slot keep more of the table in cache. */
    struct nsc__best {
        uint32_t stamp, qmask, wmask;
        float v;
    } * best;
    struct nsc__best_keyed {
        struct nsc__best b;
        uint32_t id;
    } * kbest;
    size_t best_cap, n_best;
    int best_dense; /* best is dense: slot id holds entry id (see nsc__idset) */
    /* not dense: NSC_BEST_HINT_WORDS words with the hint bit (nsc__hint_bit) set for every entry
     * of kbest this side, so that most lookups of entries the side did not meet end without a
     * probe of kbest, which is larger than the first-level cache (8 KiB) */
    uint64_t *best_hint;
    int run_hits; /* some query token met a list run (its best is set) */
    int run_ents; /* some entry met is a list run (NSC_ROLE_RUN): runs have bests to look up */
    /* the letters of the query's initials (bit c - 'a') whose pairs with words are implicit
     * (nsc__memo_set_complete): their bests are not in best[], the bound adds them */
    uint32_t implicit_letters;
    /* the query tokens that meet an lname through its letters (initial_tokens, retrieve.c):
     * by_letter[c], the query initials of letter c; word_letter[c], the query words (not
     * numbers) starting with c; letters and word_letters, the letters present in each */
    struct nsc__initials {
        uint32_t letters, word_letters;
        uint32_t by_letter[26], word_letter[26];
    } ini;
    uint32_t *ents; /* the entries met by the current query side (their best is set) */
    size_t n_ents, cap_ents;
    double qw[NSC_MAX_TOKENS];  /* the weights of its tokens */
    double qweight;             /* total weight of the query side */
    double qfw[NSC_MAX_TOKENS]; /* their floor weights (nsc__query_floor_factor, score.h) */
    int qn;                     /* the number of its tokens */
    uint32_t qwords;            /* its name words (NSC_INNER_WEAK: none of those flags) */
    uint32_t qdistinct;         /* its distinctive tokens (nsc__distinctive) */
    uint32_t qnonstop;          /* its tokens that are no stop words */
    uint32_t qparen;            /* its tokens in parentheses (nsc__side.paren) */
    double qunit_wmax;          /* the largest weight one query token or run carries */
    struct nsc__ucache *ucache; /* retrieval results of distinct query units (match/ucache.h) */
    nsc__qunit units[2 * NSC_MAX_TOKENS + NSC_MAX_RUNS]; /* the current query side's units */
    nsc__score_scratch score;                            /* for nsc__score_sides */
} nsc__match_scratch;

/* Builds the index of lists[0..n_lists) into *fz (zeroed), preparing every name in the text
 * scratch ts. On failure *fz holds what was built, for nsc__index_free. Returns 0, NSC_ENOMEM
 * or NSC_EICU. */
int nsc__index_build(nsc__frozen *fz, const nsc__mem *mem, nsc__list *const *lists, size_t n_lists,
                     nsc__text_scratch *ts);
void nsc__index_free(nsc__frozen *fz);
/* Caps the units the shared unit cache of a frozen index takes (tests use it to exercise the
 * private caches, which take over when it is full). */
void nsc__index_set_shared_units(nsc__frozen *fz, size_t units);
/* Sets fz->dense_ids (tests: the scratch tables of large lists against small ones). */
void nsc__index_set_dense_ids(nsc__frozen *fz, size_t ids);
/* Builds the side of lname `ln` (pointers into the dictionary). */
void nsc__lname_side(const nsc__frozen *fz, uint32_t ln, nsc__side *out);

/* Takes a new query serial for the scratch (clearing the stamps when it wraps) and gives it
 * its first tables. Returns 0 or NSC_ENOMEM. */
int nsc__match_scratch_fit(nsc__match_scratch *ms, const nsc__frozen *fz);
/* Gives the scratch tables for the index and writes their pages, so that the first queries
 * take no page faults for them. */
int nsc__index_prepare(nsc__match_scratch *ms, const nsc__frozen *fz);
/* The slot where the best of entry id is, or where its probing starts (for prefetches). */
static inline const void *nsc__best_addr(const nsc__match_scratch *ms, uint32_t id)
{
    return ms->best_dense ? (const void *)&ms->best[id]
                          : (const void *)&ms->kbest[nsc__id_slot(id, ms->best_cap)];
}
/* The best of dictionary entry id for the current query side, or NULL when it met nothing. */
static inline const struct nsc__best *nsc__best_find(const nsc__match_scratch *ms, uint32_t id)
{
    if (ms->best_dense) {
        const struct nsc__best *b = &ms->best[id];
        return b->stamp == ms->serial ? b : NULL;
    }
    if (!nsc__hint_test(ms->best_hint, nsc__hint_bit(id, NSC_BEST_HINT_BITS))) return NULL;
    size_t m = ms->best_cap - 1;
    for (size_t i = nsc__id_slot(id, ms->best_cap);; i = (i + 1) & m) {
        const struct nsc__best_keyed *k = &ms->kbest[i];
        if (k->b.stamp != ms->serial) return NULL;
        if (k->id == id) return &k->b;
    }
}
/* The least float not below x. When the conversion rounded down, a float f >= 0 is followed by
 * the float whose bits are f's plus one (IEEE 754 orders non-negative floats as their bits);
 * a negative one takes nextafterf. */
static inline float nsc__float_up(double x)
{
    float f = (float)x;
    if (!((double)f < x)) return f;
    if (f < 0.0f) return nextafterf(f, INFINITY);
    uint32_t b;
    memcpy(&b, &f, sizeof b);
    b++;
    memcpy(&f, &b, sizeof f);
    return f;
}
/* Raises best b to similarity s, rounded up so that b->v stays an upper bound of every
 * similarity it took. */
static inline void nsc__best_raise(struct nsc__best *b, double s)
{
    if ((double)b->v < s) b->v = nsc__float_up(s);
}
/* The best of entry id, added (zero, no tokens) when the current side has none yet; NULL when
 * the table cannot grow. */
struct nsc__best *nsc__best_get_keyed(nsc__match_scratch *ms, const nsc__mem *mem, uint32_t id);
static inline struct nsc__best *nsc__best_get(nsc__match_scratch *ms, const nsc__mem *mem,
                                              uint32_t id)
{
    if (!ms->best_dense) return nsc__best_get_keyed(ms, mem, id);
    struct nsc__best *b = &ms->best[id];
    if (b->stamp != ms->serial) {
        *b = (struct nsc__best){ .stamp = ms->serial };
        ms->n_best++;
    }
    return b;
}
/* Empties set s (a new serial; the stamps cleared when it wraps). */
void nsc__idset_reset(nsc__idset *s);
/* Moves the ids of a set that is not dense into a table of twice its slots (the first table
 * when it has none); -1 when it cannot. */
int nsc__idset_grow(nsc__idset *s, const nsc__mem *mem);
/* Adds id to a set that is not dense, with mask (within NSC_IDSET_MASK) or'ed into its mask:
 * 1 when it was not there, 0 when it was, -1 when the table cannot grow. */
static inline int nsc__idset_add_sparse(nsc__idset *s, const nsc__mem *mem, uint32_t id,
                                        uint32_t mask)
{
    if ((s->n + 1) * 4 > s->cap * 3 && nsc__idset_grow(s, mem)) return -1;
    size_t m = s->cap - 1;
    for (size_t i = nsc__id_slot(id, s->cap);; i = (i + 1) & m) {
        struct nsc__idsslot *sl = &s->sslot[i];
        if (sl->tag >> NSC_IDSET_MASK_BITS != s->serial) {
            *sl = (struct nsc__idsslot){ .id = id, .tag = s->serial << NSC_IDSET_MASK_BITS | mask };
            s->n++;
            return 1;
        }
        if (sl->id == id) {
            sl->tag |= mask;
            return 0;
        }
    }
}
/* Whether id may be in a set that is not dense, by the hint its user filled (0: surely not). */
static inline int nsc__idset_may_hold(const nsc__idset *s, uint32_t id)
{
    return nsc__hint_test(s->hint, nsc__hint_bit(id, NSC_IDSET_HINT_BITS));
}
/* The slot of id in a set that is not dense, or NULL when the set does not hold it (its mask:
 * tag & NSC_IDSET_MASK). */
static inline struct nsc__idsslot *nsc__idset_find_sparse(const nsc__idset *s, uint32_t id)
{
    size_t m = s->cap - 1;
    for (size_t i = nsc__id_slot(id, s->cap);; i = (i + 1) & m) {
        struct nsc__idsslot *sl = &s->sslot[i];
        if (sl->tag >> NSC_IDSET_MASK_BITS != s->serial) return NULL;
        if (sl->id == id) return sl;
    }
}
/* Whether a dense set s holds id, its slot then, else NULL. */
static inline struct nsc__idslot *nsc__idset_find(const nsc__idset *s, uint32_t id)
{
    return s->slot[id].stamp == s->serial ? &s->slot[id] : NULL;
}
/* Frees what the scratch holds (not the scratch itself); mem is the index's. */
void nsc__match_scratch_clear(nsc__match_scratch *ms, const nsc__mem *mem);

#endif /* NSC_MATCH_INDEX_H */
