/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/retrieve.c: candidate retrieval with exact recall: finding every dictionary entry
 * similar enough to a query unit (through the lookup structures of match/index_impl.h), and
 * from their postings the lnames that may reach the threshold.
 */

/*
 * Why retrieval never misses a hit that the scorer would give (the exhaustive path, which
 * scores every lname, is the reference and the tests compare both):
 * 1. A name score is a weighted mean of pair similarities, with unmatched tokens adding only
 *    to the denominator (score.c), so it never exceeds the largest pair similarity. Joined
 *    pairs are scaled by NSC_SIM_JOINED <= 1, caps and penalties only lower a score, and
 *    bonuses add at most the query's largest bonus B (the order bonus, plus the evidence bonuses
 *    of the evidence the query carries, at most NSC_BONUS_MAX). A hit at threshold T therefore
 *    has some pair of a query token or run and a list token or run with similarity >= T - B
 *    (the floor).
 * 2. Every list token and run is a dictionary entry, and token_sim is a pure function of the two
 *    tokinfos. For each query token and run we find every entry with token_sim >= floor by
 *    enumerating a superset of the ways token_sim can be positive and testing each with
 *    token_sim itself: equal strings, equal folds, shared name-variant classes, equal skeletons,
 *    initials (when NSC_SIM_INITIAL >= floor), and fuzzy matches of the raw and folded forms.
 *    For fuzzy matches, d edits need a length difference <= d and letter-set differences <= d
 *    each way (an edit adds at most one letter to each set difference); d is bounded by the
 *    edit budget and by the floor through nsc__fuzzy_sim.
 * 3. The postings of the entries found give the candidates (of those at the floor, or of those
 *    meeting a set of query tokens that every hit meets: reach_candidates); each candidate is
 *    then scored in full.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "match/index_impl.h"
#include "match/retrieve.h"
#include "util/bits.h"

/* Query sides of at most this many tokens choose the tokens candidates are walked from among
 * every subset (reach_candidates); longer ones take the set P. */
#define WALK_SEARCH_TOKENS 10
/* A walk at the floor of fewer postings than this is taken as it is, without looking for a
 * shorter one (either walk keeps every lname that can hit: a choice of speed only). */
#define WALK_MIN_POSTINGS 4096

typedef struct finder {
    const nsc__frozen *e;
    const nsc__index *ix;
    nsc__match_scratch *ctx;
    struct nsc__ucache *c;
    double tau;         /* keep every entry at or above it: min(floor, NSC_SIM_MIN_NONZERO) */
    int implicit;       /* initials below the floor: their pairs with words stay implicit */
    unsigned need_role; /* the role of the entries this retrieval is for */
    int joined;         /* joined similarity (no initials, no edits): nsc__token_sim_mode */
    int rc;
} finder;

/* The sum of absolute differences of two count vectors (SSE2's PSADBW where there is one). */
static inline unsigned counts_l1(const uint8_t *a, const uint8_t *b)
{
#if defined(__SSE2__)
    __m128i s0 =
        _mm_sad_epu8(_mm_loadu_si128((const __m128i *)a), _mm_loadu_si128((const __m128i *)b));
    __m128i s1 = _mm_sad_epu8(_mm_loadu_si128((const __m128i *)(a + 16)),
                              _mm_loadu_si128((const __m128i *)(b + 16)));
    __m128i s = _mm_add_epi64(s0, s1);
    return (unsigned)(_mm_cvtsi128_si32(s) + _mm_cvtsi128_si32(_mm_srli_si128(s, 8)));
#else
    unsigned d = 0;
    for (int i = 0; i < NSC_CNT_BINS; i++) d += (unsigned)abs((int)a[i] - (int)b[i]);
    return d;
#endif
}

/* Tests dictionary entry d against unit u once per unit; keeps it when similar enough. */
static void test(finder *f, const nsc__tokinfo *u, uint32_t d)
{
    if (f->rc) return;
    if (!nsc__bitset_add(&f->ctx->tested, d)) return;
    if (!(f->ix->dict[d].role & f->need_role)) return;
    nsc__sim v = nsc__token_sim_pat(u, f->joined ? NULL : f->c->pat, &f->ix->dict[d], f->joined);
    if (v.s <= 0.0 || v.s < f->tau - 1e-12) return;
    struct nsc__ucache *c = f->c;
    if (nsc__grow(c->mem, (void **)&c->tmp, &c->captmp, c->ntmp + 1, sizeof *c->tmp)) {
        f->rc = NSC_ENOMEM;
        return;
    }
    c->tmp[c->ntmp].id = d;
    c->tmp[c->ntmp].pairw = nsc__float_up(f->ix->pairw[d]); /* a bound: never lower */
    c->tmp[c->ntmp].v = v;
    c->ntmp++;
}

/* Tests every entry whose string starts with the letter c (an initial meets them). */
static void test_initial(finder *f, const nsc__tokinfo *u, char c)
{
    const nsc__index *ix = f->ix;
    unsigned char b = (unsigned char)c;
    for (uint32_t i = ix->first_off[b]; i < ix->first_off[b + 1] && !f->rc; i++)
        test(f, u, ix->by_first[i]);
}

/* Tests every entry whose form `field` hashes like key. */
static void test_eq(finder *f, const nsc__tokinfo *u, int field, const char *key, size_t klen)
{
    if (!klen) return;
    uint64_t h = XXH3_64bits(key, klen);
    const struct hpair *v = f->ix->eq[field];
    size_t lo, hi = nsc__dir_range(&f->ix->eq_dir[field], h, &lo);
    for (size_t i = lo; i < hi && !f->rc; i++)
        if (v[i].h == (uint32_t)h) test(f, u, v[i].id);
}

typedef struct nick_arg {
    finder *f;
    const nsc__tokinfo *u;
} nick_arg;

static void nick_member(void *arg, const char *tok)
{
    nick_arg *a = arg;
    test_eq(a->f, a->u, 0, tok, strlen(tok));
}

/* The largest edit count d <= budget whose similarity (times factor) can reach tau: with no
 * edit in the first letters, the most a fuzzy match with d edits scores. */
static int max_edits(size_t maxlen, double factor, double tau)
{
    int k = nsc__edit_budget(maxlen);
    while (k > 0 && factor * nsc__fuzzy_sim(k, maxlen, 0) < tau - 1e-12) k--;
    return k;
}

/* Common prefix and suffix lengths (up to 4) from the packed first and last bytes. */
static int common4(uint32_t a, uint32_t b)
{
    uint32_t x = a ^ b;
    if (!x) return 4;
    int n = 0;
    while (!(x & 0xFF000000u)) x <<= 8, n++;
    return n;
}

/* Fuzzy candidates of u among the entries of lengths within the edit budget. Filters, each
 * safe for OSA distance d: the length difference is at most d; each letter-set difference has
 * at most d letters; the letter counts differ by at most 2d (letter_counts); and for d = 1, the
 * one edit at position p of u leaves a common prefix of at least p and a common suffix of at
 * least len(u) - p - 2, so prefix + suffix >= len(u) - 2 (known only up to 4 each: a full 4
 * passes). */
static void scan_fuzzy(finder *f, const nsc__tokinfo *u, int fold)
{
    const struct bucket *bk = &f->ix->b[fold];
    size_t ulen = fold ? u->flen : u->len;
    const char *us = fold ? u->fold : u->s;
    uint64_t um = fold ? u->fmask : u->mask;
    uint8_t ucnt[NSC_CNT_BINS];
    nsc__letter_counts(ucnt, us, ulen);
    uint32_t uh = nsc__pack_head(us, ulen), ut = nsc__pack_tail(us, ulen);
    double factor = fold ? NSC_FOLD_FUZZY_FACTOR : 1.0;
    size_t lo = ulen > 3 ? ulen - 3 : 1, hi = ulen + 3 > NSC_MAX_TOKLEN ? NSC_MAX_TOKLEN : ulen + 3;
    for (size_t L = lo; L <= hi && !f->rc; L++) {
        size_t maxlen = L > ulen ? L : ulen;
        if (maxlen < NSC_BUDGET_3) continue; /* find_deletions covers these */
        int k = max_edits(maxlen, factor, f->tau);
        if (k <= 0 || (size_t)abs((int)L - (int)ulen) > (size_t)k) continue;
        for (uint32_t p = bk->off[L]; p < bk->off[L + 1] && !f->rc; p++) {
            if (counts_l1(ucnt, bk->cnt + (size_t)p * NSC_CNT_BINS) > 2u * (unsigned)k) continue;
            uint64_t m = bk->mask[p];
            if (nsc__popcount64(um & ~m) > k || nsc__popcount64(m & ~um) > k) continue;
            if (k == 1) {
                int cp = common4(uh, bk->head[p]), cs = common4(ut, bk->tail[p]);
                if (cp < 4 && cs < 4 && (size_t)(cp + cs) + 2 < ulen) continue;
            }
            test(f, u, bk->ids[p]);
        }
    }
}

/* Fuzzy candidates of u through the deletion neighbourhoods: zone 0 for pairs whose longer
 * string has NSC_BUDGET_1 to NSC_BUDGET_2 - 1 bytes (one edit), zone 1 for NSC_BUDGET_2 to
 * NSC_BUDGET_3 - 1 (two edits; see index_impl.h and build_deletions). */
static void find_deletions(finder *f, const nsc__tokinfo *u, int fold)
{
    size_t ulen = fold ? u->flen : u->len;
    const char *us = fold ? u->fold : u->s;
    for (int zone = 0; zone < 2 && !f->rc; zone++) {
        /* the longer string of a pair in the zone has mlo..mhi bytes; u, within the zone's
         * edits of an entry of the zone's lengths, has mlo - 1 - zone .. mhi */
        size_t mlo = zone ? NSC_BUDGET_2 : NSC_BUDGET_1;
        size_t mhi = (zone ? NSC_BUDGET_3 : NSC_BUDGET_2) - 1;
        if (ulen + 1 + (size_t)zone < mlo || ulen > mhi) continue;
        uint64_t keys[DEL_MAXKEYS];
        /* u itself can only equal a key of an entry within the zone's lengths */
        size_t nk = nsc__deletion_keys(keys, us, ulen, zone + 1, 0);
        const struct delpair *v = f->ix->del[zone][fold];
        const struct hdir *dir = &f->ix->del_dir[zone][fold];
        /* dozens of independent lookups: fetch all directory slots, then all records, before
         * reading any, so that their cache misses overlap */
        uint32_t rlo[DEL_MAXKEYS], rhi[DEL_MAXKEYS];
        for (size_t k = 0; k < nk; k++) __builtin_prefetch(&dir->off[keys[k] >> dir->shift]);
        for (size_t k = 0; k < nk; k++) {
            size_t lo, hi = nsc__dir_range(dir, keys[k], &lo);
            rlo[k] = (uint32_t)lo;
            rhi[k] = (uint32_t)hi;
            if (lo < hi) __builtin_prefetch(&v[lo]);
        }
        for (size_t k = 0; k < nk && !f->rc; k++) {
            for (size_t i = rlo[k]; i < rhi[k] && !f->rc; i++) {
                if (v[i].h != keys[k]) continue;
                size_t m = v[i].len > ulen ? v[i].len : ulen;
                if (m < mlo || m > mhi) continue;
                test(f, u, v[i].id);
            }
        }
    }
}

/* Every dictionary entry of role f->need_role with a similarity (nsc__token_sim_mode with
 * f->joined) of at least tau to u, into c->tmp. A joined similarity has no initials and no
 * edits, so its retrieval needs only the equality lookups. */
static void retrieve_unit(finder *f, const nsc__tokinfo *u)
{
    f->c->ntmp = 0;
    nsc__bitset_clear(&f->ctx->tested);
    test_eq(f, u, 0, u->s, u->len);
    if (u->flags & NSC_TOKF_NUMBER) return; /* numbers meet only their equal */
    if (!f->joined && NSC_SIM_INITIAL >= f->tau - 1e-12) {
        if (u->flags & NSC_TOKF_INITIAL)
            test_initial(f, u, u->s[0]);
        else
            test_eq(f, u, 0, u->s, 1);
    }
    if (u->flags & NSC_TOKF_INITIAL) return; /* an initial meets nothing else */
    test_eq(f, u, 1, u->fold, u->flen);
    nick_arg a = { .f = f, .u = u };
    for (int i = 0; i < 2 && u->nick[i]; i++) nsc__nick_members(u->nick[i], nick_member, &a);
    /* the skeleton rule needs a side romanized from an abjad: a query that is not meets only
     * the entries that are (field 3) */
    test_eq(f, u, (u->flags & NSC_TOKF_ABJAD) ? 2 : 3, u->skel, u->sklen);
    if (f->joined) return;
    find_deletions(f, u, 0);
    find_deletions(f, u, 1);
    scan_fuzzy(f, u, 0);
    scan_fuzzy(f, u, 1);
}

/* retrieve_unit with u prepared for the bit-parallel fuzzy tests */
static void retrieve(finder *f, const nsc__tokinfo *u)
{
    nsc__osa_pat *pat = f->c->pat;
    if (!f->joined) {
        nsc__osa_pat_set(&pat[0], u->s, u->len);
        nsc__osa_pat_set(&pat[1], u->fold, u->flen);
    }
    retrieve_unit(f, u);
    if (!f->joined) {
        nsc__osa_pat_clear(&pat[0], u->s, u->len);
        nsc__osa_pat_clear(&pat[1], u->fold, u->flen);
    }
}

typedef nsc__qunit qunit;

/* The hits of unit qu; NULL when it has none (a private cache may have no hits array yet, and
 * an offset from NULL is undefined). */
static const nsc__uhit *unit_hits(const finder *f, const qunit *qu)
{
    if (qu->shared) return qu->shared;
    return qu->n ? f->c->hits + qu->off : NULL;
}

static uint32_t unit_mask(const qunit *qu) { return ((1u << qu->tn) - 1u) << qu->t0; }

/* Retrieves unit qu (from the cache when it is there), fills the memo rows and the per-entry
 * bests. */
static void fill_unit(finder *f, qunit *qu)
{
    struct nsc__ucache *c = f->c;
    nsc__ushared *sh = f->ix->shared;
    int kind = qu->run * 2 + qu->joined;
    uint64_t h = nsc__unit_hash(qu->u, kind);
    nsc__uslot *sl = c->n ? nsc__ucache_find(c, qu->u, h, kind) : NULL; /* empty until sh fills */
    f->need_role = qu->role;
    f->joined = qu->joined;
    qu->shared = NULL;
    if (!sl && !(qu->shared = nsc__ushared_find(sh, qu->u, h, kind, f->tau, &qu->n))) {
        retrieve(f, qu->u);
        if (f->rc) return;
        if (!(qu->shared =
                  nsc__ushared_store(sh, qu->u, h, kind, f->tau, c->tmp, (uint32_t)c->ntmp)) &&
            !(sl = nsc__ucache_store(c, qu->u, h, kind))) {
            f->rc = NSC_ENOMEM;
            return;
        }
        qu->n = (uint32_t)c->ntmp;
    }
    if (sl) {
        qu->off = sl->off;
        qu->n = sl->n;
    }
    nsc__match_scratch *ctx = f->ctx;
    uint32_t um = unit_mask(qu);
    const nsc__uhit *hits = unit_hits(f, qu);
    if (qu->role == NSC_ROLE_RUN && qu->n) ctx->run_hits = 1;
    /* a query initial's pairs with words: implicit (see nsc__memo_set_complete), and their
     * share of the candidate conditions comes from letters (initial_mask, letter_pairw) */
    int skip_initials = f->implicit && (qu->u->flags & NSC_TOKF_INITIAL);
    double pairw = 0;
    for (uint32_t i = 0; i < qu->n && !f->rc; i++) {
        const nsc__uhit *hit = &hits[i];
        uint32_t d = hit->id;
        if (skip_initials && hit->v.kind == NSC_MATCH_INITIAL) continue;
        if (hit->pairw > pairw) pairw = hit->pairw;
        if (i + 8 < qu->n) __builtin_prefetch(nsc__best_addr(ctx, hit[8].id));
        if (nsc__memo_add(ctx->memo, qu->key, d, hit->v)) f->rc = NSC_ENOMEM;
        size_t had = ctx->n_best;
        struct nsc__best *b = nsc__best_get(ctx, f->e->mem, d);
        if (!b || nsc__grow(f->e->mem, (void **)&ctx->ents, &ctx->cap_ents, ctx->n_ents + 1,
                            sizeof *ctx->ents)) {
            f->rc = NSC_ENOMEM;
            return;
        }
        if (ctx->n_best != had) { /* new this side */
            ctx->ents[ctx->n_ents++] = d;
            if (!ctx->run_ents && (f->ix->dict[d].role & NSC_ROLE_RUN)) ctx->run_ents = 1;
        }
        nsc__best_raise(b, hit->v.s);
        if (hit->v.kind != NSC_MATCH_INITIAL) b->qmask |= um; /* see initial_tokens */
        b->wmask |= um;
    }
    qu->pairw = pairw;
}

/* The query weight of the tokens in mask (bit t: query token t). */
static double mask_weight(const nsc__match_scratch *ctx, uint32_t mask)
{
    double w = 0;
    for (; mask; mask &= mask - 1) w += ctx->qw[__builtin_ctz(mask)];
    return w;
}

/* The least weight the query tokens outside mask count with in the denominator of the score
 * of a name that meets the tokens of mask (T) and no other: they are unmatched, and inner
 * (NSC_QUERY_INNER_FACTOR, match/score.h) only when name words of T lie on both sides, since
 * the words that pairs match are within T, or when in parentheses; else at
 * NSC_QUERY_UNMATCHED_FACTOR. The tokens of T count at least their floor weight (ctx->qfw):
 * the floor weight of T adds them (reach_candidates). */
static double unmet_floor_weight(const nsc__match_scratch *ctx, uint32_t mask)
{
    double w = 0;
    uint32_t words = mask & ctx->qwords;
    int lo = words ? __builtin_ctz(words) : 0, hi = words ? 31 - __builtin_clz(words) : 0;
    for (int t = 0; t < ctx->qn; t++)
        if (!(mask >> t & 1))
            w += (t > lo && t < hi) || (ctx->qparen >> t & 1)
                     ? ctx->qfw[t]
                     : NSC_QUERY_UNMATCHED_FACTOR * ctx->qw[t];
    return w;
}

/* Pairs of an initial with a word (NSC_MATCH_INITIAL: one side a single letter, the other a
 * word, not a number, with that first letter) would reach a quarter of all lnames through the
 * postings; the query tokens they meet come from the lnames' letter sets instead (the tables
 * of struct nsc__initials, match/index.h). fill_unit leaves these pairs out of the entries'
 * query tokens (qmask). */
static void initial_tokens(struct nsc__initials *ini, const nsc__side *q)
{
    memset(ini, 0, sizeof *ini);
    for (int t = 0; t < q->n; t++) {
        const nsc__tokinfo *u = q->tok[t];
        unsigned c = (unsigned char)u->s[0];
        if (nsc__is_word(u)) {
            ini->word_letters |= 1u << (c - 'a');
            ini->word_letter[c - 'a'] |= 1u << t;
        } else if ((u->flags & NSC_TOKF_INITIAL) && c >= 'a' && c <= 'z') {
            ini->letters |= 1u << (c - 'a');
            ini->by_letter[c - 'a'] |= 1u << t;
        }
    }
}

/* The query tokens that meet an lname as initial against word or word against initial. */
static uint32_t initial_mask(const struct nsc__initials *ini, const struct nsc__lmeta *lm)
{
    uint32_t m = 0;
    for (uint32_t x = ini->letters & lm->words; x; x &= x - 1)
        m |= ini->by_letter[__builtin_ctz(x)];
    for (uint32_t x = ini->word_letters & lm->initials; x; x &= x - 1)
        m |= ini->word_letter[__builtin_ctz(x)];
    return m;
}

/* The query tokens T that lname ln meets (bit t: query token t): those of every entry among
 * its tokens and runs that met the query side (their qmask), and those it meets through its
 * letters (initial_mask). *at_floor says whether one of those entries has a similarity of at
 * least floor to some unit (condition A below). */
static uint32_t lname_tokens(const nsc__frozen *fz, const nsc__match_scratch *ms, uint32_t ln,
                             double floor, int *at_floor)
{
    const nsc__lname *l = &fz->lnames[ln];
    uint32_t m = initial_mask(&ms->ini, &fz->lmeta[ln]);
    int a = 0;
    for (int j = 0; j < l->ntok; j++) {
        const struct nsc__best *b = nsc__best_find(ms, fz->ltok[l->tok_off + (uint32_t)j]);
        if (!b) continue;
        m |= b->qmask;
        a |= b->v >= floor - 1e-12;
    }
    for (int r = 0; r < l->nrun && ms->run_ents; r++) {
        const struct nsc__best *b = nsc__best_find(ms, fz->lrun[l->run_off + (uint32_t)r].id);
        if (!b) continue;
        m |= b->qmask;
        a |= b->v >= floor - 1e-12;
    }
    *at_floor = a;
    return m;
}

/* The postings walk reads the reached set this many postings ahead. */
#define PREFETCH_AHEAD 16

/* Adds lname ln, met with the query tokens m, to a dense reached set (slot, serial), and to
 * the candidates cands[0..nc) when it is new there; the new count. */
static inline size_t reach_one(struct nsc__idslot *slot, uint32_t serial, uint32_t m, uint32_t ln,
                               uint32_t *cands, size_t nc)
{
    struct nsc__idslot *sl = &slot[ln];
    if (sl->stamp != serial) {
        *sl = (struct nsc__idslot){ .stamp = serial, .mask = m };
        cands[nc++] = ln;
    } else {
        sl->mask |= m;
    }
    return nc;
}

/* The weights of a set of query tokens, kept in the scratch's direct-mapped memo (setw), as
 * the candidates of a query meet few distinct sets. A miss recomputes them: the same values. */
static inline const struct nsc__setw *set_weights(nsc__match_scratch *ctx, uint32_t m)
{
    struct nsc__setw *sm = &ctx->setw[(m * 0x9E3779B1u) >> 26];
    if (sm->key != ((uint64_t)m | 1ull << 32)) {
        sm->key = (uint64_t)m | 1ull << 32;
        sm->wt = mask_weight(ctx, m);
        sm->unmet = unmet_floor_weight(ctx, m);
        double fw = sm->unmet; /* the floor weight of m: its tokens count their floor weight */
        for (uint32_t x = m; x; x &= x - 1) fw += ctx->qfw[__builtin_ctz(x)];
        sm->fw = fw;
    }
    return sm;
}
#if NSC_SETW_SLOTS != 64
#error "set_weights takes the slot from the top 6 bits of a 32-bit hash"
#endif

/* Beside the query tokens in the reached set's masks (bits 0..NSC_MAX_TOKENS - 1): an entry of
 * the lname has a similarity of at least the floor (condition A). */
#define WALK_AT_FLOOR (1u << NSC_MAX_TOKENS)
#if NSC_MAX_TOKENS >= NSC_IDSET_MASK_BITS
#error "the reached set's masks keep WALK_AT_FLOOR above the query tokens"
#endif

/* The query tokens an lname may meet (in T) without the wmask of one of its entries showing
 * it: query initials whose pairs with words stay implicit (fill_unit), and every token when
 * NSC_SIM_INITIAL is below tau (retrieve_unit then tests no word against an initial). Every
 * other token t of T comes from the qmask of an lname entry met by t's unit (so t is in its
 * wmask, which holds the qmask), or from the lname's letters (initial_mask): then t is an
 * initial meeting a word of the lname, or a word meeting one of its initials, and
 * retrieve_unit tested that word (test_initial) or that initial (test_eq on t's first letter)
 * against t's unit, token_sim giving the pair NSC_SIM_INITIAL >= tau, so t is in the wmask of
 * that entry. */
static uint32_t unseen_tokens(const finder *f, uint32_t qinitials, uint32_t all)
{
    if (NSC_SIM_INITIAL < f->tau - 1e-12) return all;
    return f->implicit ? qinitials : 0;
}

/* What an entry's walk marks the lnames it reaches with: the query tokens it meets in any way,
 * and WALK_AT_FLOOR when it is at the floor. */
static inline uint32_t walk_marks(const struct nsc__best *b, double floor)
{
    return b->wmask | (b->v >= floor - 1e-12 ? WALK_AT_FLOOR : 0);
}

/* Whether an entry is walked first (reach_candidates): the walk of P', or at the floor. */
static inline int first_walk(const struct nsc__best *b, double floor, int by_p, uint32_t walk)
{
    return by_p ? (b->wmask & walk) != 0 : b->v >= floor - 1e-12;
}

/* Whether an entry bears on condition A (at the floor) or B (met by a token of x). */
static inline int bears(const struct nsc__best *b, double floor, uint32_t x)
{
    return b->v >= floor - 1e-12 || (b->wmask & x);
}

/* A posting of the second walk costs a probe of a small table, in cache; the lookups it can
 * save cost a few cache misses a candidate: the walk is taken when its postings are fewer than
 * this many times the candidates (a choice of speed only). */
#define SIEVE_POSTINGS_PER_CAND 16

static int sieve_pays(const finder *f, double floor, int by_p, uint32_t walk, uint32_t x)
{
    const nsc__match_scratch *ctx = f->ctx;
    size_t cost = 0, budget = SIEVE_POSTINGS_PER_CAND * ctx->n_cands;
    for (size_t k = 0; k < ctx->n_ents && cost <= budget; k++) {
        uint32_t d = ctx->ents[k];
        const struct nsc__best *b = nsc__best_find(ctx, d);
        if (first_walk(b, floor, by_p, walk) || !bears(b, floor, x)) continue;
        cost += f->ix->post_off[d + 1] - f->ix->post_off[d];
    }
    return cost <= budget;
}

/* The second walk of a sparse reached set: the entries bearing on conditions A and B that the
 * first walk left add what they met to the lnames already reached (none is added: an lname the
 * first walk did not reach fails A or B). The set's hint, filled from the candidates, spares
 * the probes of most lnames it does not hold. */
static void second_walk(finder *f, double floor, int by_p, uint32_t walk, uint32_t x)
{
    nsc__match_scratch *ctx = f->ctx;
    const nsc__index *ix = f->ix;
    nsc__idset *reached = &ctx->reached;
    for (size_t i = 0; i < ctx->n_cands; i++)
        nsc__hint_set(reached->hint, nsc__hint_bit(ctx->cands[i], NSC_IDSET_HINT_BITS));
    for (size_t k = 0; k < ctx->n_ents; k++) {
        uint32_t d = ctx->ents[k];
        const struct nsc__best *b = nsc__best_find(ctx, d);
        if (first_walk(b, floor, by_p, walk) || !bears(b, floor, x)) continue;
        const uint32_t seen = walk_marks(b, floor);
        for (uint32_t p = ix->post_off[d]; p < ix->post_off[d + 1]; p++) {
            if (!nsc__idset_may_hold(reached, ix->post[p])) continue;
            struct nsc__idsslot *sl = nsc__idset_find_sparse(reached, ix->post[p]);
            if (sl) sl->tag |= seen;
        }
    }
    memset(reached->hint, 0, NSC_IDSET_HINT_WORDS * sizeof *reached->hint);
}

/* After the second walk: keeps in ctx->cands, in their order, the lnames that may meet
 * conditions A and B by what the walks met. Each entry of an lname at the floor, or met by a
 * token of P or walk, was walked, so every lname meeting A has WALK_AT_FLOOR, and its marks with
 * `unsure` (unseen_tokens) hold every token of T in P and in walk: only lnames failing A or B
 * are dropped. */
static size_t sieve(nsc__match_scratch *ctx, uint32_t pmask, uint32_t walk, uint32_t unsure)
{
    const nsc__idset *reached = &ctx->reached;
    uint32_t *cands = ctx->cands;
    size_t w = 0, n = ctx->n_cands;
    for (size_t i = 0; i < n; i++) {
        uint32_t seen = nsc__idset_find_sparse(reached, cands[i])->tag & NSC_IDSET_MASK;
        if (!(seen & WALK_AT_FLOOR)) continue;
        seen |= unsure;
        if (pmask && (!(seen & pmask) || !(seen & walk))) continue;
        cands[w++] = cands[i];
    }
    return w;
}

/* Condition C for candidate ln meeting the query tokens m: keeps it at cands[w] with its set
 * (ctx->cmask) when its bound reaches bar; the new count of kept candidates, or SIZE_MAX when
 * cmask cannot grow. */
static inline size_t keep_by_weight(nsc__match_scratch *ctx, const nsc__mem *mem,
                                    const struct nsc__lmeta *lmeta, uint32_t ln, uint32_t m,
                                    double bar, size_t w)
{
    const struct nsc__setw *sm = set_weights(ctx, m);
    double s = (double)lmeta[ln].wsum + sm->wt;
    if (s / (s + sm->unmet) < bar) return w;
    if (w == ctx->cap_cmask &&
        nsc__grow_quarter(mem, (void **)&ctx->cmask, &ctx->cap_cmask, w + 1, sizeof *ctx->cmask))
        return SIZE_MAX;
    ctx->cmask[w] = m;
    ctx->cands[w] = ln;
    return w + 1;
}

/* Candidates. An lname stays a candidate only when all three necessary conditions for a hit
 * hold, T being the query tokens it meets (lname_tokens: the query tokens of every entry of its
 * tokens and runs with a nonzero similarity to a query unit, all of which retrieval finds, and
 * those met through letters):
 * A. one of its entries has a similarity to some unit of at least the floor (the argument at the top);
 * B. T holds a token of the set P below;
 * C. with Wl its list weight, W_T the query weight of T, and F(S) the floor weight of a set S
 *    of query tokens (the sum of f_t w_t, f_t = nsc__query_floor_factor: every unmatched query
 *    token counts with at least f_t of its weight), (Wl + W_T) / (Wl + W_T + F(Q \ T)) + B >=
 *    threshold. The score is (sum of s (wq + wl) over pairs) / (sum of (wq + wl) over pairs +
 *    at least f_t w_t for each unmatched query token + at least nothing for the rest); with
 *    s <= 1, matched query tokens Y within T (a pair needs a nonzero similarity) and matched
 *    list weight X <= Wl, it is at most (X + w(Y)) / (X + w(Y) + F(Q \ Y)), which rises with X
 *    and with Y (adding a token adds w_t above and (1 - f_t) w_t <= w_t below). A token
 *    outside T is unmatched whatever the alignment, and can be inner only between name words
 *    of T (those of Y are within T), so unmet_floor_weight(T) counts it at
 *    NSC_QUERY_UNMATCHED_FACTOR elsewhere: F(Q \ T) is at least that sum.
 * P (condition B) is chosen so that a name meeting only the other tokens S cannot reach the
 * threshold: with W the query weight in S, X the most list weight pairs with S can carry (the
 * sum over S of the largest pairw among the hits of the units covering each token) and B the
 * query's largest bonus, such a name scores at most (W + X) / (F' + W + X) + B, since a pair's
 * numerator is at most its query weight plus its list weight and the denominator holds every
 * matched query token in full, every unmatched one at its floor weight or more, and every
 * matched list weight; F' = unmet_floor_weight(S), the least weight of the tokens outside S,
 * which are unmatched, and inner only between words of S (as condition C argues for T). P takes the tokens of largest
 * W + X share until that bound is below T (all tokens when it never is: no condition).
 * Each condition keeps every lname that the exhaustive path could report.
 *
 * The lnames tested are those of the postings of one of two sets of entries, whichever has the
 * fewer postings; each holds every lname meeting A and B, so either gives the same candidates:
 * - the entries at the floor: every lname meeting A holds one (an entry's postings are the
 *   lnames holding it as a token or a run);
 * - the entries met by a token of P in any way (wmask), when P is a condition and holds no
 *   query initial (and NSC_SIM_INITIAL reaches tau). An lname meeting B has a token t of P in
 *   T: either t is in the qmask of one of its entries, which wmask holds; or t comes from its
 *   letters, and as P holds no query initial, t is a query word whose first letter c is an
 *   initial of the lname (nsc__lmeta.initials: a one-letter token, NSC_TOKF_INITIAL). That
 *   initial is an entry with the string "c", which retrieve_unit tests against t's unit
 *   (test_eq on t's first letter: t is neither a number nor an initial, and NSC_SIM_INITIAL >=
 *   tau), and token_sim gives the pair NSC_SIM_INITIAL > 0, so it is among t's hits and t is in
 *   its wmask. (A query initial meets every word of its letter, a quarter of all lnames, and
 *   implicitly when below the floor: P holding one takes the first set.)
 * Common tokens (of low weight and long postings) are rarely in P, and so never walked: the
 * cost follows the candidates. The walk keeps each lname once (ms->reached), and lname_tokens
 * computes T and A by looking up the lname's own entries in ms->best. */
static void reach_candidates(finder *f, const nsc__side *q, qunit *units, int nu, double floor,
                             double threshold, double max_bonus)
{
    nsc__match_scratch *ctx = f->ctx;
    const nsc__index *ix = f->ix;
    const double *wq = ctx->qw; /* the query tokens' weights (nsc__index_candidates) */
    const double Q = ctx->qweight;
    double xl[NSC_MAX_TOKENS];
    int inp[NSC_MAX_TOKENS];
    for (int t = 0; t < q->n; t++) {
        xl[t] = 0;
        inp[t] = 0;
    }
    for (int k = 0; k < nu; k++) {
        int skip_initials = f->implicit && (units[k].u->flags & NSC_TOKF_INITIAL);
        double w = units[k].pairw; /* the largest pairw of its hits (fill_unit) */
        for (int t = units[k].t0; t < units[k].t0 + units[k].tn; t++)
            if (w > xl[t]) xl[t] = w;
        unsigned c = (unsigned char)units[k].u->s[0];
        if (skip_initials && c >= 'a' && c <= 'z') /* the words it meets implicitly */
            for (int t = units[k].t0; t < units[k].t0 + units[k].tn; t++)
                if (ix->letter_pairw[c - 'a'] > xl[t]) xl[t] = ix->letter_pairw[c - 'a'];
    }
    double W = Q, X = 0;
    for (int t = 0; t < q->n; t++) X += xl[t];
    uint32_t pmask = 0, qall = q->n >= 32 ? ~0u : (1u << q->n) - 1;
    for (;;) {
        /* the tokens outside S (those of P) are unmatched, inner only between words of S */
        double den = unmet_floor_weight(ctx, qall & ~pmask) + W + X;
        if (den <= 0 || (W + X) / den + max_bonus < threshold - 1e-12) break;
        int best = -1; /* move the token that brings the most to P */
        for (int t = 0; t < q->n; t++)
            if (!inp[t] && (best < 0 || wq[t] + xl[t] > wq[best] + xl[best])) best = t;
        if (best < 0) break;
        inp[best] = 1;
        pmask |= 1u << best;
        W -= wq[best];
        X -= xl[best];
    }
    struct nsc__initials *ini = &ctx->ini;
    initial_tokens(ini, q);
    ctx->implicit_letters = f->implicit ? ini->letters : 0; /* for nsc__candidate_bound */
    uint32_t qinitials = 0;
    for (uint32_t x = ini->letters; x; x &= x - 1) qinitials |= ini->by_letter[__builtin_ctz(x)];
    /* the set of entries to walk (see above): the postings at the floor (cost_a), or those of
     * the tokens of a set P' (the walk mask) with the fewest postings, P' being the
     * complement of a set S of tokens that cannot reach the threshold alone by the bound of
     * P (so that P' is a condition like P, of which the argument holds with P' for P); S holds
     * the query initials. Against a small index (dense scratch tables) the walk at the floor is
     * short and collects the tokens as it goes (below): no other walk is looked for. */
    size_t cost_a = 0, ct[NSC_MAX_TOKENS] = { 0 };
    for (size_t k = 0; !ctx->reached.dense && k < ctx->n_ents; k++) {
        uint32_t d = ctx->ents[k];
        const struct nsc__best *b = nsc__best_find(ctx, d);
        size_t len = ix->post_off[d + 1] - ix->post_off[d];
        if (b->v >= floor - 1e-12) cost_a += len;
        for (uint32_t x = b->wmask; x; x &= x - 1) ct[__builtin_ctz(x)] += len;
    }
    uint32_t all = q->n >= 32 ? ~0u : (1u << q->n) - 1, walk = pmask; /* walk: a P' */
    size_t cost_p = 0;
    /* the search costs up to 2^n bounds: worth it only when the walk at the floor is long */
    if (cost_a > WALK_MIN_POSTINGS && q->n <= WALK_SEARCH_TOKENS) { /* every S: they are few */
        size_t best_cost = SIZE_MAX;
        for (uint32_t sm = 0; sm <= all; sm++) {
            if ((sm & qinitials) != qinitials || sm == all) continue;
            double ws = 0, xs = 0;
            size_t c = 0;
            for (int t = 0; t < q->n; t++)
                if (sm >> t & 1) {
                    ws += wq[t];
                    xs += xl[t];
                } else {
                    c += ct[t];
                }
            double den = unmet_floor_weight(ctx, sm) + ws + xs;
            if (c >= best_cost || (den > 0 && (ws + xs) / den + max_bonus >= threshold - 1e-12))
                continue;
            best_cost = c;
            walk = all & ~sm;
        }
    }
    for (int t = 0; t < q->n; t++)
        if (walk >> t & 1) cost_p += ct[t];
    int by_p = pmask && walk && !(walk & qinitials) && NSC_SIM_INITIAL >= f->tau - 1e-12 &&
               cost_p < cost_a;
    nsc__idset *reached = &ctx->reached;
    nsc__idset_reset(reached);
    /* Against a small index (a dense reached set) the walk at the floor collects each lname's
     * query tokens as it goes, and a second walk over the postings of the entries below the
     * floor adds theirs to the lnames already reached (an lname only they reach fails A): the
     * same T as lname_tokens, for sequential reads instead of a lookup per token. */
    int collect = !by_p && reached->dense;
    for (size_t k = 0; k < ctx->n_ents; k++) {
        uint32_t d = ctx->ents[k];
        const struct nsc__best *b = nsc__best_find(ctx, d);
        if (!first_walk(b, floor, by_p, walk)) continue;
        uint32_t p0 = ix->post_off[d], p1 = ix->post_off[d + 1];
        const uint32_t *post = ix->post, m = b->qmask;
        if (reached->dense) { /* the set and the list in registers */
            if (nsc__grow_quarter(f->e->mem, (void **)&ctx->cands, &ctx->cap_cands,
                                  ctx->n_cands + (p1 - p0), sizeof *ctx->cands)) {
                f->rc = NSC_ENOMEM;
                return;
            }
            struct nsc__idslot *slot = reached->slot;
            const uint32_t serial = reached->serial;
            uint32_t *cands = ctx->cands;
            size_t nc = ctx->n_cands;
            uint32_t p = p0, pf = p1 - p0 > PREFETCH_AHEAD ? p1 - PREFETCH_AHEAD : p0;
            for (; p < pf; p++) {
                __builtin_prefetch(&slot[post[p + PREFETCH_AHEAD]]);
                nc = reach_one(slot, serial, m, post[p], cands, nc);
            }
            for (; p < p1; p++) nc = reach_one(slot, serial, m, post[p], cands, nc);
            reached->n += nc - ctx->n_cands;
            ctx->n_cands = nc;
            continue;
        }
        const uint32_t seen = walk_marks(b, floor);
        for (uint32_t p = p0; p < p1; p++) { /* the exact masks come from lname_tokens then */
            if (p + PREFETCH_AHEAD < p1)     /* the table's size may change: a hint only */
                __builtin_prefetch(
                    &reached->sslot[nsc__id_slot(post[p + PREFETCH_AHEAD], reached->cap)]);
            int fresh = nsc__idset_add_sparse(reached, f->e->mem, post[p], seen);
            if (fresh < 0 || (fresh && ctx->n_cands == ctx->cap_cands &&
                              nsc__grow_quarter(f->e->mem, (void **)&ctx->cands, &ctx->cap_cands,
                                                ctx->n_cands + 1, sizeof *ctx->cands))) {
                ctx->n_cands = 0;
                f->rc = NSC_ENOMEM;
                return;
            }
            if (fresh) ctx->cands[ctx->n_cands++] = post[p];
        }
    }
    for (size_t k = 0; collect && ctx->n_cands && k < ctx->n_ents; k++) {
        uint32_t d = ctx->ents[k];
        const struct nsc__best *b = nsc__best_find(ctx, d);
        if (b->v >= floor - 1e-12 || !b->qmask) continue;
        struct nsc__idslot *slot = reached->slot; /* dense: collect is only then */
        const uint32_t serial = reached->serial, m = b->qmask, *post = ix->post;
        uint32_t p = ix->post_off[d], p1 = ix->post_off[d + 1];
        uint32_t pf = p1 - p > PREFETCH_AHEAD ? p1 - PREFETCH_AHEAD : p;
        for (; p < pf; p++) {
            __builtin_prefetch(&slot[post[p + PREFETCH_AHEAD]]);
            if (slot[post[p]].stamp == serial) slot[post[p]].mask |= m;
        }
        for (; p < p1; p++)
            if (slot[post[p]].stamp == serial) slot[post[p]].mask |= m;
    }
    /* Against a large index (a sparse reached set) the walk kept with each lname what its
     * entries met (their wmask, and whether one is at the floor); a second walk over the
     * postings of the other entries that bear on conditions A and B adds theirs to the lnames
     * already reached, so that those failing A or B are dropped without a lookup per token. */
    if (!reached->dense && ctx->n_cands && (pmask || by_p) &&
        sieve_pays(f, floor, by_p, walk, pmask | walk)) {
        second_walk(f, floor, by_p, walk, pmask | walk);
        ctx->n_cands = sieve(ctx, pmask, walk, unseen_tokens(f, qinitials, all));
    }
    /* keep those that meet conditions A, B and C */
    const nsc__lname *lnames = f->e->lnames;
    const struct nsc__lmeta *lmeta = f->e->lmeta;
    memset(ctx->setw, 0, sizeof ctx->setw);          /* the weights of this side's sets */
    const double bar = threshold - max_bonus - 1e-9; /* condition C: the least score kept */
    uint32_t *cands = ctx->cands;
    size_t w = 0, n = ctx->n_cands;
    if (collect) { /* T was collected by the walks: the slot's mask and the letters' tokens */
        const struct nsc__idslot *slot = reached->slot;
        size_t pf = n > 8 ? n - 8 : 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t ln = cands[i];
            if (i < pf) __builtin_prefetch(&lmeta[cands[i + 8]]);
            uint32_t m = slot[ln].mask | initial_mask(&ctx->ini, &lmeta[ln]);
            if (pmask && !(m & pmask)) continue; /* walk is pmask: no search ran (dense) */
            if ((w = keep_by_weight(ctx, f->e->mem, lmeta, ln, m, bar, w)) == SIZE_MAX) {
                ctx->n_cands = 0;
                f->rc = NSC_ENOMEM;
                return;
            }
        }
        ctx->n_cands = w;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t ln = cands[i];
        if (i + 16 < n) {
            __builtin_prefetch(&lnames[cands[i + 16]]);
            __builtin_prefetch(&lmeta[cands[i + 16]]);
        }
        if (i + 8 < n) { /* its name is here by now */
            const nsc__lname *ahead = &lnames[cands[i + 8]];
            __builtin_prefetch(&f->e->ltok[ahead->tok_off]);
            if (ctx->run_ents) __builtin_prefetch(&f->e->lrun[ahead->run_off]);
        }
        int a;
        uint32_t m = lname_tokens(f->e, ctx, ln, floor, &a);
        if (!a || (pmask && (!(m & pmask) || !(m & walk)))) continue;
        if ((w = keep_by_weight(ctx, f->e->mem, lmeta, ln, m, bar, w)) == SIZE_MAX) {
            ctx->n_cands = 0;
            f->rc = NSC_ENOMEM;
            return;
        }
    }
    ctx->n_cands = w;
}

int nsc__index_candidates(const nsc__frozen *e, nsc__match_scratch *ctx, const nsc__side *q,
                          double floor, double threshold, double max_bonus)
{
    ctx->n_cands = 0;
    int rc = nsc__match_scratch_fit(ctx, e);
    if (rc) return rc;
    double tau = floor < NSC_SIM_MIN_NONZERO ? floor : NSC_SIM_MIN_NONZERO;
    struct nsc__ucache *c = nsc__ucache_get(&ctx->ucache, e->mem, tau);
    if (!c) return NSC_ENOMEM;
    finder f = { .e = e,
                 .ix = e->index,
                 .ctx = ctx,
                 .c = c,
                 .tau = tau,
                 .implicit = NSC_SIM_INITIAL < floor - 1e-12 };
    ctx->qweight = ctx->qunit_wmax = 0;
    ctx->qn = q->n;
    ctx->qwords = ctx->qdistinct = ctx->qnonstop = 0;
    ctx->qparen = q->paren;
    ctx->n_ents = 0;
    ctx->run_hits = 0;
    /* against a small index the runs are always looked up (a read of every entry's role per
     * query would cost more than the lookups it saves) */
    ctx->run_ents = ctx->reached.dense;
    ctx->implicit_letters = 0; /* reach_candidates sets it */
    for (int i = 0; i < q->n; i++) {
        ctx->qw[i] = q->tok[i]->weight;
        ctx->qfw[i] =
            nsc__query_floor_factor(i, q->n, q->tok[i], q->paren >> i & 1) * q->tok[i]->weight;
        ctx->qweight += q->tok[i]->weight;
        if (!(q->tok[i]->flags & NSC_INNER_WEAK)) ctx->qwords |= 1u << i;
        if (nsc__distinctive(q->tok[i])) ctx->qdistinct |= 1u << i;
        if (!(q->tok[i]->flags & NSC_TOKF_STOP)) ctx->qnonstop |= 1u << i;
        if (q->tok[i]->weight > ctx->qunit_wmax) ctx->qunit_wmax = q->tok[i]->weight;
    }
    for (int r = 0; r < q->nrun; r++) {
        double w = 0;
        for (int i = q->run[r].start; i < q->run[r].start + q->run[r].len; i++)
            w += q->tok[i]->weight;
        if (w > ctx->qunit_wmax) ctx->qunit_wmax = w;
    }
    /* the pairs score.c forms: query token with list token (full similarity), query token with
     * list run and query run with list token (joined similarity) */
    qunit *units = ctx->units;
    int nu = 0;
    for (int i = 0; i < q->n; i++) {
        units[nu++] = (qunit){
            .key = (uint32_t)i, .u = q->tok[i], .role = NSC_ROLE_SINGLE, .t0 = (uint8_t)i, .tn = 1
        };
        units[nu++] = (qunit){ .key = NSC_MEMO_JOIN(i),
                               .u = q->tok[i],
                               .joined = 1,
                               .role = NSC_ROLE_RUN,
                               .t0 = (uint8_t)i,
                               .tn = 1 };
    }
    for (int r = 0; r < q->nrun; r++)
        units[nu++] = (qunit){ .key = NSC_MEMO_RUN(r),
                               .u = q->run[r].ti,
                               .run = 1,
                               .joined = 1,
                               .role = NSC_ROLE_SINGLE,
                               .t0 = q->run[r].start,
                               .tn = q->run[r].len };
    for (int k = 0; k < nu && !f.rc; k++) fill_unit(&f, &units[k]);
    if (!f.rc) reach_candidates(&f, q, units, nu, floor, threshold, max_bonus);
    if (f.rc) return f.rc;
    nsc__memo_set_complete(ctx->memo, 1, f.implicit);
    /* no need to sort: screen.c breaks ties by lname, whatever the order */
    return 0;
}

/* ---- the candidate bound -------------------------------------------------------------------- */

/* An upper bound of the final score of lname ln, from the best similarity each of its tokens
 * (or a run holding it) has to any query unit (ms->best, filled by retrieval, where a missing
 * entry means 0), plus max_bonus, the largest bonus the query can earn. With Q the query
 * weight, b_j those bests and w_j the list weights, the score is at most
 *   (M + sum b_j w_j) / (F + sum_{b_j>0} w_j + LIST_UNMATCHED sum_{b_j=0} w_j),
 * with F the floor weight of T (set_weights: unmet_floor_weight(T) plus the floor weights of T's
 * tokens), the least weight the query tokens count with (reach_candidates:
 * each weighs at least nsc__query_floor_factor <= 1 of its weight),
 * where M = min(W_T, n * U), W_T the weight of the query tokens T the lname meets at all
 * (the set the candidate filter kept it with, ms->cmask: lname_tokens's, or the masks the
 * reached set collected with initial_mask's), n the tokens with b_j > 0 and U the largest
 * weight of one query token or run. Any T that holds the query tokens of every pair will do: a
 * token taken into T counts its floor weight instead of at least that (NSC_QUERY_INNER_FACTOR
 * <= NSC_QUERY_UNMATCHED_FACTOR), which only lowers F and raises W_T. Then: a pair's numerator
 * is at most its query weight plus s times its list weight, each pair holds a list token with
 * b_j > 0, and counting a token with
 * b_j >= NSC_SIM_MIN_NONZERO as matched rather than unmatched adds b_j w_j above and
 * (1 - LIST_UNMATCHED) w_j below, which raises the ratio while it is under
 * b_j / (1 - LIST_UNMATCHED) >= 0.63 / 0.4 > 1.5; a ratio it lowers stays above that, above
 * any threshold, so the candidate is kept either way.
 * Two terms of the score see the tokens left unmatched on both sides (match/score.c), and the
 * bound takes the share of them that is certain: list tokens with b_j = 0 and query tokens
 * outside T are unmatched in every alignment. The conflict term adds
 * (1 - LIST_UNMATCHED + CONFLICT) min(uq, ul) to the denominator, where uq and ul sum the
 * unmatched tokens that are no stop words; the certain ones give lower bounds of uq and ul
 * (on the list side, the distinctive tokens alone, nsc__lname.distinct, which are no stop
 * words), so their minimum times the factor is added to the lower bound of the denominator.
 * A distinctive token certainly unmatched on each side caps the name score at
 * CONTRADICTION_CAP, whatever the alignment: the bound is then at most that plus max_bonus.
 * Skipping candidates below the threshold by this bound changes no result. */
double nsc__candidate_bound(const nsc__frozen *fz, nsc__match_scratch *ms, size_t i,
                            double max_bonus)
{
    const uint32_t ln = ms->cands[i], mask = ms->cmask[i];
    const struct nsc__setw *sw = set_weights(ms, mask); /* as the filter had them */
    const nsc__lname *l = &fz->lnames[ln];
    const uint32_t *ids = fz->ltok + l->tok_off;
    const double *wts = fz->lweight + l->tok_off;
    double b[NSC_MAX_TOKENS];
    for (int j = 0; j < l->ntok; j++) {
        const struct nsc__best *e = nsc__best_find(ms, ids[j]);
        b[j] = e ? e->v : 0.0;
    }
    if (ms->implicit_letters) { /* words that query initials meet implicitly */
        const uint8_t *first = fz->lfirst + l->tok_off;
        for (int j = 0; j < l->ntok; j++)
            if (first[j] && (ms->implicit_letters >> (first[j] - 'a') & 1) &&
                b[j] < NSC_SIM_INITIAL)
                b[j] = NSC_SIM_INITIAL;
    }
    /* a list run meets only query tokens of the joined kind; when none of them met anything,
     * no run holds a pair (a run entry that is also a single token may carry a best of its
     * own, which no pair with the run has) */
    for (int r = 0, nr = ms->run_ents && ms->run_hits ? l->nrun : 0; r < nr; r++) {
        const nsc__lrun *lr = &fz->lrun[l->run_off + (uint32_t)r];
        const struct nsc__best *e = nsc__best_find(ms, lr->id);
        if (!e) continue;
        for (int j = lr->start; j < lr->start + lr->len; j++)
            if (b[j] < e->v) b[j] = e->v;
    }
    double num = 0, den = sw->fw, ul = 0;
    const uint32_t distinct = l->distinct;
    int matched = 0, lcontra = 0;
    for (int j = 0; j < l->ntok; j++) {
        double w = wts[j];
        num += b[j] * w;
        den += b[j] > 0 ? w : NSC_LIST_UNMATCHED_FACTOR * w;
        matched += b[j] > 0;
        if (b[j] == 0 && (distinct >> j & 1)) {
            ul += w;
            lcontra = 1;
        }
    }
    double mq = matched * ms->qunit_wmax, wt = sw->wt;
    num += mq < wt ? mq : wt;
    uint32_t qout = ~mask & ((1u << ms->qn) - 1u);
    if (ul > 0 && (qout & ms->qnonstop)) {
        double uq = mask_weight(ms, qout & ms->qnonstop);
        den += (1.0 - NSC_LIST_UNMATCHED_FACTOR + NSC_CONFLICT_FACTOR) * (uq < ul ? uq : ul);
    }
    double s = den > 0 ? num / den : 0.0;
    if (lcontra && (qout & ms->qdistinct) && s > NSC_CONTRADICTION_CAP) s = NSC_CONTRADICTION_CAP;
    return s + max_bonus;
}
