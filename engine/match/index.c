/*
 * match/index.c: the frozen index, and candidate retrieval with exact recall.
 *
 * Freezing prepares every list name once: its romanization variants become "lnames" whose
 * tokens, and runs of 2..3 adjacent tokens joined, are interned in a dictionary of distinct
 * token forms with postings (dictionary entry -> lnames holding it).
 *
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
 * 3. The postings of every entry found give the candidates; each is then scored in full.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "match/index.h"
#include "match/ucache.h"
#include "util/bits.h"

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
    uint32_t *hslots;
    size_t hcap;
    uint32_t *post_off, *post;
    uint32_t *by_first; /* ids grouped by their first byte (an initial meets them) */
    uint32_t first_off[257];
    /* the most list weight a pair with the entry can carry: its own weight as a single token,
     * the sum of its tokens' weights as a joined run (the larger when it is both) */
    double *pairw;
    double letter_pairw[26]; /* the largest pair weight of a word of each first letter */
    /* ids grouped by the hash of their string, fold and skeleton: equality lookups */
    struct hpair { uint64_t h; uint32_t id; } *eq[4];
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
     * 0 the one-deletion keys of tokens up to 7 bytes, zone 1 the up-to-two-deletion keys of
     * tokens of 6 to 11 bytes; (hash of a key, entry id, entry length) sorted by hash */
    struct delpair { uint64_t h; uint32_t id; uint32_t len; } *del[2][2];
    size_t n_del[2][2];
    struct hdir del_dir[2][2];
    /* (entry, lname) pairs gathered while building */
    uint64_t *pairs;
    size_t n_pairs, cap_pairs;
    /* retrieval results of distinct query units, shared by all screening threads */
    nsc__ushared *shared;
};

/* ---- building ------------------------------------------------------------------------------ */

static uint64_t tok_hash(const nsc__tokinfo *t)
{
    return XXH3_64bits(t->s, t->len) ^ ((uint64_t)t->flags * 0x9E3779B97F4A7C15ull);
}

static int same_tok(const nsc__tokinfo *a, const nsc__tokinfo *b)
{
    return a->len == b->len && a->flags == b->flags && memcmp(a->s, b->s, a->len) == 0;
}

static int rehash(nsc__index *ix, size_t ncap, const nsc__mem *mem)
{
    uint32_t *slots = nsc__calloc(mem, ncap, sizeof *slots);
    if (!slots) return NSC_ENOMEM;
    for (size_t i = 0; i < ix->n; i++) {
        size_t h = tok_hash(&ix->dict[i]) & (ncap - 1);
        while (slots[h]) h = (h + 1) & (ncap - 1);
        slots[h] = (uint32_t)i + 1;
    }
    nsc__free(mem, ix->hslots);
    ix->hslots = slots;
    ix->hcap = ncap;
    return 0;
}

static char *arena_copy(nsc__arena *a, const char *s, size_t n)
{
    return nsc__arena_strndup(a, s, n);
}

/* The dictionary id of token t, adding it when new; NSC_NOID when out of memory. role says
 * whether t stands as a single token or a joined run here. */
static uint32_t intern(nsc__index *ix, const nsc__tokinfo *t, const nsc__mem *mem, unsigned role)
{
    if ((ix->n + 1) * 2 > ix->hcap && rehash(ix, ix->hcap ? ix->hcap * 2 : 1u << 16, mem))
        return NSC_NOID;
    size_t h = tok_hash(t) & (ix->hcap - 1);
    while (ix->hslots[h]) {
        uint32_t id = ix->hslots[h] - 1;
        if (same_tok(&ix->dict[id], t)) {
            ix->dict[id].role |= (uint8_t)role;
            return id;
        }
        h = (h + 1) & (ix->hcap - 1);
    }
    if (nsc__grow(mem, (void **)&ix->dict, &ix->cap, ix->n + 1, sizeof *ix->dict)) return NSC_NOID;
    nsc__tokinfo *d = &ix->dict[ix->n];
    *d = *t;
    d->role = (uint8_t)role;
    if (!(d->s = arena_copy(&ix->arena, t->s, t->len)) ||
        !(d->fold = arena_copy(&ix->arena, t->fold, t->flen)) ||
        !(d->skel = arena_copy(&ix->arena, t->skel, t->sklen)))
        return NSC_NOID;
    ix->hslots[h] = (uint32_t)ix->n + 1;
    return (uint32_t)ix->n++;
}

static int add_pair(nsc__index *ix, uint32_t id, uint32_t ln, const nsc__mem *mem)
{
    if (nsc__grow(mem, (void **)&ix->pairs, &ix->cap_pairs, ix->n_pairs + 1, sizeof *ix->pairs))
        return NSC_ENOMEM;
    ix->pairs[ix->n_pairs++] = ((uint64_t)id << 32) | ln;
    return 0;
}

typedef struct builder {
    nsc__frozen *e;
    nsc__index *ix;
    size_t cap_lnames, cap_ltok, cap_lweight, cap_lfirst, cap_lmeta, cap_lrun, n_ltok, n_lrun;
    nsc__qtok runs[NSC_MAX_RUNS];
} builder;

static int add_lname(builder *b, uint32_t li, uint32_t ei, uint32_t gent, const nsc__name *nm,
                     const nsc__pname *p)
{
    nsc__frozen *e = b->e;
    const nsc__mem *mem = e->mem;
    nsc__side side;
    nsc__side_from_pname(&side, p, b->runs);
    if (side.n == 0) return 0;
    if (nsc__grow(mem, (void **)&e->lnames, &b->cap_lnames, e->n_lnames + 1, sizeof *e->lnames) ||
        nsc__grow(mem, (void **)&e->ltok, &b->cap_ltok, b->n_ltok + (size_t)side.n,
                  sizeof *e->ltok) ||
        nsc__grow(mem, (void **)&e->lweight, &b->cap_lweight, b->n_ltok + (size_t)side.n,
                  sizeof *e->lweight) ||
        nsc__grow(mem, (void **)&e->lfirst, &b->cap_lfirst, b->n_ltok + (size_t)side.n,
                  sizeof *e->lfirst) ||
        nsc__grow(mem, (void **)&e->lmeta, &b->cap_lmeta, e->n_lnames + 1, sizeof *e->lmeta) ||
        nsc__grow(mem, (void **)&e->lrun, &b->cap_lrun, b->n_lrun + (size_t)side.nrun + 1,
                  sizeof *e->lrun))
        return NSC_ENOMEM;
    uint32_t ln = (uint32_t)e->n_lnames;
    nsc__lname *l = &e->lnames[e->n_lnames++];
    l->list = li;
    l->entity = ei;
    l->gentity = gent;
    l->name = nm;
    l->tok_off = (uint32_t)b->n_ltok;
    l->run_off = (uint32_t)b->n_lrun;
    l->ntok = (uint8_t)side.n;
    l->nrun = (uint8_t)side.nrun;
    l->lossy = (uint8_t)p->lossy;
    l->etype = e->lists[li]->entities[ei]->type;
    struct nsc__lmeta *lm = &e->lmeta[ln];
    memset(lm, 0, sizeof *lm);
    for (int i = 0; i < side.n; i++) {
        const nsc__tokinfo *t = side.tok[i];
        lm->wsum += t->weight;
        unsigned c = (unsigned char)t->s[0];
        int word = nsc__is_word(t);
        if (word) {
            lm->words |= 1u << (c - 'a');
            if (t->weight > b->ix->letter_pairw[c - 'a']) b->ix->letter_pairw[c - 'a'] = t->weight;
        } else if ((t->flags & NSC_TOKF_INITIAL) && c >= 'a' && c <= 'z') {
            lm->initials |= 1u << (c - 'a');
        }
        uint32_t id = intern(b->ix, side.tok[i], mem, NSC_ROLE_SINGLE);
        if (id == NSC_NOID || add_pair(b->ix, id, ln, mem)) return NSC_ENOMEM;
        e->lweight[b->n_ltok] = side.tok[i]->weight;
        e->lfirst[b->n_ltok] = word ? (uint8_t)c : 0;
        e->ltok[b->n_ltok++] = id;
    }
    for (int r = 0; r < side.nrun; r++) {
        uint32_t id = intern(b->ix, side.run[r].ti, mem, NSC_ROLE_RUN);
        if (id == NSC_NOID || add_pair(b->ix, id, ln, mem)) return NSC_ENOMEM;
        nsc__lrun *lr = &e->lrun[b->n_lrun++];
        lr->start = side.run[r].start;
        lr->len = side.run[r].len;
        lr->id = id;
    }
    return 0;
}

/* The directory bits for n records: about two records a slot. */
static int dir_bits(size_t n)
{
    int bits = 1;
    while (bits < 26 && ((size_t)1 << bits) < n / 2 + 1) bits++;
    return bits;
}

/* Groups n records of `size` bytes that begin with a uint64_t key by the top `bits` bits of
 * that key (all a directory looks at): a stable LSD radix sort in passes of at most 13 bits, so
 * records keep their order (ids rise) within a slot. */
static int radix_sort_top(void *base, size_t n, size_t size, int bits, const nsc__mem *mem)
{
    if (n < 2) return 0;
    int passes = (bits + 12) / 13, width = (bits + passes - 1) / passes;
    size_t nb = (size_t)1 << width;
    char *tmp = nsc__malloc(mem, n * size);
    uint32_t *count = nsc__malloc(mem, nb * sizeof *count);
    if (!tmp || !count) {
        nsc__free(mem, tmp);
        nsc__free(mem, count);
        return NSC_ENOMEM;
    }
    char *src = base, *dst = tmp;
    for (int pass = 0; pass < passes; pass++) {
        int lo = 64 - bits + pass * width; /* this pass's lowest key bit */
        int w = lo + width > 64 ? 64 - lo : width;
        uint64_t m = ((uint64_t)1 << w) - 1;
        memset(count, 0, nb * sizeof *count);
        for (size_t i = 0; i < n; i++) {
            uint64_t k;
            memcpy(&k, src + i * size, sizeof k);
            count[(k >> lo) & m]++;
        }
        uint32_t sum = 0;
        for (size_t d = 0; d < nb; d++) {
            uint32_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) {
            uint64_t k;
            memcpy(&k, src + i * size, sizeof k);
            memcpy(dst + (size_t)count[(k >> lo) & m]++ * size, src + i * size, size);
        }
        char *t = src;
        src = dst;
        dst = t;
    }
    if (src != base) memcpy(base, src, n * size);
    nsc__free(mem, tmp);
    nsc__free(mem, count);
    return 0;
}

static int build_dir(struct hdir *d, const void *base, size_t n, size_t size, const nsc__mem *mem)
{
    int bits = dir_bits(n);
    size_t nb = (size_t)1 << bits;
    d->off = nsc__malloc(mem, (nb + 1) * sizeof *d->off);
    if (!d->off) return NSC_ENOMEM;
    d->shift = 64 - bits;
    size_t j = 0;
    for (size_t b = 0; b < nb; b++) {
        for (;;) {
            uint64_t k;
            if (j >= n) break;
            memcpy(&k, (const char *)base + j * size, sizeof k);
            if ((k >> d->shift) >= b) break;
            j++;
        }
        d->off[b] = (uint32_t)j;
    }
    d->off[nb] = (uint32_t)n;
    return 0;
}

/* The records of slot h: [*lo, return value). */
static inline size_t dir_range(const struct hdir *d, uint64_t h, size_t *lo)
{
    size_t b = (size_t)(h >> d->shift);
    *lo = d->off[b];
    return d->off[b + 1];
}

static const char *field_of(const nsc__tokinfo *t, int field, size_t *len)
{
    *len = field == 0 ? t->len : field == 1 ? t->flen : t->sklen;
    return field == 0 ? t->s : field == 1 ? t->fold : t->skel;
}

/* Entries by the hash of one of their forms (0 string, 1 fold, 2 skeleton, 3 skeleton of the
 * entries romanized from an abjad; empty forms left out). A lookup returns every entry whose
 * form hashes like the key: a superset of the equal ones, which the similarity then sorts out. */
static int build_eq(nsc__index *ix, const nsc__mem *mem, int field)
{
    struct hpair *v = nsc__malloc(mem, (ix->n ? ix->n : 1) * sizeof *v);
    if (!v) return NSC_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < ix->n; i++) {
        size_t len;
        const char *str = field_of(&ix->dict[i], field, &len);
        if (!len || (field == 3 && !(ix->dict[i].flags & NSC_TOKF_ABJAD))) continue;
        v[n].h = XXH3_64bits(str, len);
        v[n].id = (uint32_t)i;
        n++;
    }
    if (radix_sort_top(v, n, sizeof *v, dir_bits(n), mem)) {
        nsc__free(mem, v);
        return NSC_ENOMEM;
    }
    ix->eq[field] = v;
    ix->n_eq[field] = n;
    return build_dir(&ix->eq_dir[field], v, n, sizeof *v, mem);
}

/* Entry ids grouped by their first byte (a counting sort; ids rise within a group). */
static int group_by_first(nsc__index *ix, const nsc__mem *mem)
{
    ix->by_first = nsc__malloc(mem, (ix->n ? ix->n : 1) * sizeof *ix->by_first);
    if (!ix->by_first) return NSC_ENOMEM;
    uint32_t *off = ix->first_off;
    memset(off, 0, sizeof ix->first_off);
    for (size_t i = 0; i < ix->n; i++) off[(unsigned char)ix->dict[i].s[0] + 1]++;
    for (int c = 1; c <= 256; c++) off[c] += off[c - 1];
    uint32_t pos[256];
    memcpy(pos, off, sizeof pos);
    for (size_t i = 0; i < ix->n; i++) ix->by_first[pos[(unsigned char)ix->dict[i].s[0]]++] = (uint32_t)i;
    return 0;
}

static uint32_t pack_head(const char *s, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < 4; i++) v = (v << 8) | (i < n ? (unsigned char)s[i] : 0u);
    return v;
}

static uint32_t pack_tail(const char *s, size_t n)
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

static void letter_counts(uint8_t *out, const char *s, size_t n)
{
    memset(out, 0, NSC_CNT_BINS);
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        unsigned bin = c >= 'a' && c <= 'z' ? c - 'a' : c >= '0' && c <= '9' ? 26 + (c - '0') % 5 : 31;
        out[bin]++;
    }
}

/* The sum of absolute differences of two count vectors (SSE2's PSADBW where there is one). */
static inline unsigned counts_l1(const uint8_t *a, const uint8_t *b)
{
#if defined(__SSE2__)
    __m128i s0 = _mm_sad_epu8(_mm_loadu_si128((const __m128i *)a), _mm_loadu_si128((const __m128i *)b));
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

/* The single tokens bucketed by length (counting sort), with their filters beside them */
static int bucket(nsc__index *ix, const nsc__mem *mem, int fold, struct bucket *bk)
{
    uint32_t *off = bk->off;
    memset(off, 0, sizeof bk->off);
    size_t total = 0;
    for (size_t i = 0; i < ix->n; i++) {
        if (!(ix->dict[i].role & NSC_ROLE_SINGLE)) continue;
        off[(fold ? ix->dict[i].flen : ix->dict[i].len) + 1]++;
        total++;
    }
    for (int l = 1; l < NSC_MAX_TOKLEN + 2; l++) off[l] += off[l - 1];
    size_t n = total ? total : 1;
    bk->ids = nsc__malloc(mem, n * sizeof *bk->ids);
    bk->mask = nsc__malloc(mem, n * sizeof *bk->mask);
    bk->cnt = nsc__malloc(mem, n * NSC_CNT_BINS);
    bk->head = nsc__malloc(mem, n * sizeof *bk->head);
    bk->tail = nsc__malloc(mem, n * sizeof *bk->tail);
    if (!bk->ids || !bk->mask || !bk->cnt || !bk->head || !bk->tail) return NSC_ENOMEM;
    uint32_t pos[NSC_MAX_TOKLEN + 2];
    memcpy(pos, off, sizeof pos);
    for (size_t i = 0; i < ix->n; i++) {
        const nsc__tokinfo *t = &ix->dict[i];
        if (!(t->role & NSC_ROLE_SINGLE)) continue;
        unsigned l = fold ? t->flen : t->len;
        const char *str = fold ? t->fold : t->s;
        uint32_t p = pos[l]++;
        bk->ids[p] = (uint32_t)i;
        bk->mask[p] = fold ? t->fmask : t->mask;
        letter_counts(bk->cnt + (size_t)p * NSC_CNT_BINS, str, l);
        bk->head[p] = pack_head(str, l);
        bk->tail[p] = pack_tail(str, l);
    }
    return 0;
}

static void bucket_free(const nsc__mem *mem, struct bucket *bk)
{
    nsc__free(mem, bk->ids);
    nsc__free(mem, bk->mask);
    nsc__free(mem, bk->cnt);
    nsc__free(mem, bk->head);
    nsc__free(mem, bk->tail);
}

/* Deletion neighbourhoods. Strings within d edits (OSA) share a key among the strings made by
 * deleting at most d bytes from each: a substitution or a transposition is one deletion on both
 * sides, an insertion one deletion on the other side. The edit budget depends on the longer
 * string's length M (nsc__edit_budget): at most 1 for M <= 7 (zone 0), at most 2 for
 * 8 <= M <= 11 (zone 1, where the shorter string has at least 6 bytes). Those pairs are found
 * through the keys; only M >= 12 is left to the length-bucket scan. Keys are 64-bit hashes: a
 * collision only adds a candidate that the similarity then rejects. Only single tokens are
 * indexed: joined runs meet without edits. */
#define DEL1_MAXLEN 7
#define DEL2_MINLEN 6
#define DEL2_MAXLEN 11
#define DEL_MAXKEYS (1 + DEL2_MAXLEN + DEL2_MAXLEN * (DEL2_MAXLEN - 1) / 2)

/* The hashes of s with 0..maxdel bytes deleted (without s itself when skip0), made distinct
 * when dedupe is set (the index keeps one pair per key; a query may look a key up twice,
 * which only repeats a test that test() skips). */
static size_t deletion_keys(uint64_t *out, const char *s, size_t n, int maxdel, int skip0, int dedupe)
{
    char buf[DEL2_MAXLEN + 2];
    size_t k = 0;
    if (!skip0) out[k++] = XXH3_64bits(s, n);
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

static int build_deletions(nsc__index *ix, const nsc__mem *mem, int zone, int fold)
{
    size_t cap = 0, n = 0, minlen = zone ? DEL2_MINLEN : 1, maxlen = zone ? DEL2_MAXLEN : DEL1_MAXLEN;
    struct delpair *v = NULL;
    for (size_t i = 0; i < ix->n; i++) {
        const nsc__tokinfo *t = &ix->dict[i];
        size_t len = fold ? t->flen : t->len;
        if (!(t->role & NSC_ROLE_SINGLE) || len < minlen || len > maxlen) continue;
        uint64_t keys[DEL_MAXKEYS];
        size_t nk = deletion_keys(keys, fold ? t->fold : t->s, len, zone + 1, 0, 1);
        if (nsc__grow(mem, (void **)&v, &cap, n + nk, sizeof *v)) {
            nsc__free(mem, v);
            return NSC_ENOMEM;
        }
        for (size_t k = 0; k < nk; k++) v[n].h = keys[k], v[n].id = (uint32_t)i, v[n].len = (uint32_t)len, n++;
    }
    if (radix_sort_top(v, n, sizeof *v, dir_bits(n), mem)) {
        nsc__free(mem, v);
        return NSC_ENOMEM;
    }
    ix->del[zone][fold] = v;
    ix->n_del[zone][fold] = n;
    return build_dir(&ix->del_dir[zone][fold], v, n, sizeof *v, mem);
}

static int build_postings(nsc__index *ix, const nsc__mem *mem)
{
    ix->post_off = nsc__calloc(mem, ix->n + 1, sizeof *ix->post_off);
    ix->post = nsc__malloc(mem, (ix->n_pairs ? ix->n_pairs : 1) * sizeof *ix->post);
    if (!ix->post_off || !ix->post) return NSC_ENOMEM;
    for (size_t i = 0; i < ix->n_pairs; i++) ix->post_off[(ix->pairs[i] >> 32) + 1]++;
    for (size_t i = 1; i <= ix->n; i++) ix->post_off[i] += ix->post_off[i - 1];
    uint32_t *pos = nsc__malloc(mem, (ix->n ? ix->n : 1) * sizeof *pos);
    if (!pos) return NSC_ENOMEM;
    memcpy(pos, ix->post_off, ix->n * sizeof *pos);
    for (size_t i = 0; i < ix->n_pairs; i++) { /* pairs come in lname order */
        uint32_t id = (uint32_t)(ix->pairs[i] >> 32), ln = (uint32_t)ix->pairs[i];
        if (pos[id] > ix->post_off[id] && ix->post[pos[id] - 1] == ln) continue;
        ix->post[pos[id]++] = ln;
    }
    /* close the gaps left by duplicates: keep off[id]..pos[id] */
    size_t w = 0;
    for (size_t id = 0; id < ix->n; id++) {
        uint32_t b = ix->post_off[id], end = pos[id];
        ix->post_off[id] = (uint32_t)w;
        for (uint32_t k = b; k < end; k++) ix->post[w++] = ix->post[k];
    }
    ix->post_off[ix->n] = (uint32_t)w;
    nsc__free(mem, pos);
    nsc__free(mem, ix->pairs);
    ix->pairs = NULL;
    return 0;
}

static int build_pairw(const nsc__frozen *e, nsc__index *ix, const nsc__mem *mem)
{
    ix->pairw = nsc__calloc(mem, ix->n ? ix->n : 1, sizeof *ix->pairw);
    if (!ix->pairw) return NSC_ENOMEM;
    for (size_t i = 0; i < ix->n; i++)
        if (ix->dict[i].role & NSC_ROLE_SINGLE) ix->pairw[i] = ix->dict[i].weight;
    for (size_t ln = 0; ln < e->n_lnames; ln++) {
        const nsc__lname *l = &e->lnames[ln];
        for (int r = 0; r < l->nrun; r++) {
            const nsc__lrun *lr = &e->lrun[l->run_off + (uint32_t)r];
            double w = 0;
            for (int k = lr->start; k < lr->start + lr->len; k++) w += e->lweight[l->tok_off + (uint32_t)k];
            if (w > ix->pairw[lr->id]) ix->pairw[lr->id] = w;
        }
    }
    return 0;
}

int nsc__index_build(nsc__frozen *e, const nsc__mem *mem, nsc__list *const *lists,
                     size_t n_lists, nsc__text_scratch *ts)
{
    e->mem = mem;
    e->lists = lists;
    e->n_lists = n_lists;
    nsc__index *ix = nsc__calloc(mem, 1, sizeof *ix);
    if (!ix) return NSC_ENOMEM;
    nsc__arena_init(&ix->arena, mem);
    e->index = ix;
    e->list_base = nsc__calloc(mem, e->n_lists + 1, sizeof *e->list_base);
    if (!e->list_base) return NSC_ENOMEM;
    size_t g = 0;
    for (size_t li = 0; li < e->n_lists; li++) {
        e->list_base[li] = g;
        g += e->lists[li]->n_entities;
    }
    e->list_base[e->n_lists] = g;
    e->n_gentities = g;

    builder *b = nsc__calloc(mem, 1, sizeof *b);
    nsc__prepared *prep = nsc__malloc(mem, sizeof *prep);
    int rc = b && prep ? 0 : NSC_ENOMEM;
    if (rc) goto done;
    b->e = e;
    b->ix = ix;
    for (size_t li = 0; li < e->n_lists && !rc; li++) {
        const nsc__list *l = e->lists[li];
        for (size_t ei = 0; ei < l->n_entities && !rc; ei++) {
            const nsc__entity *ent = l->entities[ei];
            for (const nsc__name *nm = ent->names; nm && !rc; nm = nm->next) {
                rc = nsc__prepare(ts, prep, nm->text, strlen(nm->text),
                                  (nm->flags & NSC_NAMEF_SURNAME_FIRST) != 0);
                if (rc == NSC_ETOOLONG || rc == NSC_EENCODING) { /* parsers validated UTF-8 */
                    rc = 0;
                    continue;
                }
                for (int v = 0; v < prep->nv && !rc; v++)
                    rc = add_lname(b, (uint32_t)li, (uint32_t)ei,
                                   (uint32_t)(e->list_base[li] + ei), nm, &prep->v[v]);
            }
        }
    }
    if (rc) goto done;
    if ((rc = build_postings(ix, mem))) goto done;
    if ((rc = build_pairw(e, ix, mem))) goto done;
    if (group_by_first(ix, mem) || build_eq(ix, mem, 0) || build_eq(ix, mem, 1) ||
        build_eq(ix, mem, 2) || build_eq(ix, mem, 3)) {
        rc = NSC_ENOMEM;
        goto done;
    }
    for (int fold = 0; fold < 2 && !rc; fold++) rc = bucket(ix, mem, fold, &ix->b[fold]);
    for (int zone = 0; zone < 2 && !rc; zone++)
        for (int fold = 0; fold < 2 && !rc; fold++) rc = build_deletions(ix, mem, zone, fold);
    if (rc) goto done;
    if (!(ix->shared = nsc__ushared_new(mem))) {
        rc = NSC_ENOMEM;
        goto done;
    }
    e->dict = ix->dict;
    e->n_dict = ix->n;
done:
    nsc__free(mem, prep);
    nsc__free(mem, b);
    return rc;
}

void nsc__index_free(nsc__frozen *e)
{
    const nsc__mem *mem = e->mem;
    if (!mem) return; /* never built */
    nsc__index *ix = e->index;
    if (ix) {
        nsc__arena_free(&ix->arena);
        nsc__free(mem, ix->dict);
        nsc__free(mem, ix->hslots);
        nsc__free(mem, ix->post_off);
        nsc__free(mem, ix->post);
        nsc__free(mem, ix->by_first);
        for (int k = 0; k < 4; k++) {
            nsc__free(mem, ix->eq[k]);
            nsc__free(mem, ix->eq_dir[k].off);
        }
        nsc__free(mem, ix->pairw);
        for (int i = 0; i < 2; i++) bucket_free(mem, &ix->b[i]);
        for (int z = 0; z < 2; z++)
            for (int k = 0; k < 2; k++) {
                nsc__free(mem, ix->del[z][k]);
                nsc__free(mem, ix->del_dir[z][k].off);
            }
        nsc__free(mem, ix->pairs);
        nsc__ushared_free(ix->shared);
        nsc__free(mem, ix);
    }
    e->index = NULL;
    nsc__free(mem, e->lnames);
    nsc__free(mem, e->ltok);
    nsc__free(mem, e->lweight);
    nsc__free(mem, e->lmeta);
    nsc__free(mem, e->lfirst);
    e->lfirst = NULL;
    e->lweight = NULL;
    e->lmeta = NULL;
    nsc__free(mem, e->lrun);
    nsc__free(mem, e->list_base);
    e->lnames = NULL;
    e->ltok = NULL;
    e->lrun = NULL;
    e->list_base = NULL;
    e->n_lnames = 0;
    e->dict = NULL;
    e->n_dict = 0;
}

void nsc__lname_side(const nsc__frozen *e, uint32_t ln, nsc__side *out)
{
    const nsc__lname *l = &e->lnames[ln];
    out->n = l->ntok;
    for (int i = 0; i < l->ntok; i++) {
        uint32_t id = e->ltok[l->tok_off + (uint32_t)i];
        out->tok[i] = &e->dict[id];
        out->id[i] = id;
    }
    out->nrun = l->nrun;
    for (int r = 0; r < l->nrun; r++) {
        const nsc__lrun *lr = &e->lrun[l->run_off + (uint32_t)r];
        out->run[r].start = lr->start;
        out->run[r].len = lr->len;
        out->run[r].id = lr->id;
        out->run[r].ti = &e->dict[lr->id];
    }
}

/* ---- retrieval ----------------------------------------------------------------------------- */

void nsc__match_scratch_clear(nsc__match_scratch *ms, const nsc__mem *m)
{
    nsc__free(m, ms->reach);
    nsc__free(m, ms->ents);
    nsc__free(m, ms->cands);
    nsc__free(m, ms->unit_stamp);
    nsc__free(m, ms->best);
    nsc__ucache_free(ms->ucache);
    ms->ucache = NULL;
    nsc__memo_free(ms->memo);
    ms->reach = NULL;
    ms->ents = NULL;
    ms->cands = ms->unit_stamp = NULL;
    ms->best = NULL;
    ms->memo = NULL;
    ms->reach_cap = ms->dict_cap = ms->cap_cands = ms->cap_ents = 0;
}

void nsc__index_set_shared_units(nsc__frozen *e, size_t units)
{
    if (e->index && e->index->shared) nsc__ushared_set_units(e->index->shared, units);
}

typedef struct finder {
    const nsc__frozen *e;
    const nsc__index *ix;
    nsc__match_scratch *ctx;
    struct nsc__ucache *c;
    double tau; /* keep every entry at or above it: min(floor, NSC_SIM_MIN_NONZERO) */
    int implicit; /* initials below the floor: their pairs with words stay implicit */
    unsigned need_role; /* the role of the entries this retrieval is for */
    int joined;         /* joined similarity (no initials, no edits): nsc__token_sim_mode */
    int rc;
} finder;

static int ensure_stamps(nsc__match_scratch *ctx, const nsc__frozen *e)
{
    const nsc__mem *mem = e->mem;
    if (ctx->reach_cap < e->n_lnames) {
        struct nsc__reach *r = nsc__calloc(mem, e->n_lnames, sizeof *r);
        if (!r) return NSC_ENOMEM;
        nsc__free(mem, ctx->reach);
        ctx->reach = r;
        ctx->reach_cap = e->n_lnames;
    }
    if (ctx->dict_cap < e->n_dict) {
        uint32_t *u = nsc__calloc(mem, e->n_dict, sizeof *u);
        struct nsc__best *b = nsc__calloc(mem, e->n_dict, sizeof *b);
        if (!u || !b) {
            nsc__free(mem, u);
            nsc__free(mem, b);
            return NSC_ENOMEM;
        }
        nsc__free(mem, ctx->unit_stamp);
        nsc__free(mem, ctx->best);
        ctx->unit_stamp = u;
        ctx->best = b;
        ctx->dict_cap = e->n_dict;
    }
    if (++ctx->serial == 0) { /* wrapped: clear the stamps for real */
        memset(ctx->reach, 0, ctx->reach_cap * sizeof *ctx->reach);
        for (size_t i = 0; i < ctx->dict_cap; i++) ctx->best[i].stamp = 0;
        ctx->serial = 1;
    }
    return 0;
}

int nsc__index_prepare(nsc__match_scratch *ctx, const nsc__frozen *e)
{
    if (!e->index) return 0;
    int rc = ensure_stamps(ctx, e);
    if (rc) return rc;
    if (!nsc__ucache_get(&ctx->ucache, e->mem, ctx->ucache ? ctx->ucache->tau : 0.0)) return NSC_ENOMEM;
    /* write every page now, so that the first queries take no page faults for them */
    memset(ctx->reach, 0, ctx->reach_cap * sizeof *ctx->reach);
    memset(ctx->unit_stamp, 0, ctx->dict_cap * sizeof *ctx->unit_stamp);
    memset(ctx->best, 0, ctx->dict_cap * sizeof *ctx->best);
    return 0;
}

/* Tests dictionary entry d against unit u once per unit; keeps it when similar enough. */
static void test(finder *f, const nsc__tokinfo *u, uint32_t d)
{
    nsc__match_scratch *ctx = f->ctx;
    if (f->rc || ctx->unit_stamp[d] == ctx->unit_serial) return;
    ctx->unit_stamp[d] = ctx->unit_serial;
    if (!(f->ix->dict[d].role & f->need_role)) return;
    nsc__sim v = nsc__token_sim_pat(u, f->joined ? NULL : f->c->pat, &f->ix->dict[d], f->joined);
    if (v.s <= 0.0 || v.s < f->tau - 1e-12) return;
    struct nsc__ucache *c = f->c;
    if (nsc__grow(c->mem, (void **)&c->tmp, &c->captmp, c->ntmp + 1, sizeof *c->tmp)) {
        f->rc = NSC_ENOMEM;
        return;
    }
    float pw = (float)f->ix->pairw[d];
    if ((double)pw < f->ix->pairw[d]) pw = nextafterf(pw, HUGE_VALF); /* a bound: never lower */
    c->tmp[c->ntmp].id = d;
    c->tmp[c->ntmp].pairw = pw;
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
    size_t lo, hi = dir_range(&f->ix->eq_dir[field], h, &lo);
    for (size_t i = lo; i < hi && !f->rc; i++)
        if (v[i].h == h) test(f, u, v[i].id);
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

/* The largest edit count d <= budget whose similarity (times factor) reaches tau. */
static int max_edits(size_t maxlen, double factor, double tau)
{
    int k = nsc__edit_budget(maxlen);
    while (k > 0 && factor * nsc__fuzzy_sim(k, maxlen) < tau - 1e-12) k--;
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
    letter_counts(ucnt, us, ulen);
    uint32_t uh = pack_head(us, ulen), ut = pack_tail(us, ulen);
    double factor = fold ? NSC_FOLD_FUZZY_FACTOR : 1.0;
    size_t lo = ulen > 3 ? ulen - 3 : 1, hi = ulen + 3 > NSC_MAX_TOKLEN ? NSC_MAX_TOKLEN : ulen + 3;
    for (size_t L = lo; L <= hi && !f->rc; L++) {
        size_t maxlen = L > ulen ? L : ulen;
        if (maxlen <= DEL2_MAXLEN) continue; /* find_deletions covers these */
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
 * string has at most 7 bytes, zone 1 for 8 to 11 (see build_deletions). */
static void find_deletions(finder *f, const nsc__tokinfo *u, int fold)
{
    size_t ulen = fold ? u->flen : u->len;
    const char *us = fold ? u->fold : u->s;
    for (int zone = 0; zone < 2 && !f->rc; zone++) {
        /* zone 0: entries of <= 7 bytes within one edit, so u has at most 8;
         * zone 1: pairs with 8 <= max length <= 11 and at most two edits, so u has 6 to 11 */
        if (zone == 0 ? (ulen == 0 || ulen > DEL1_MAXLEN + 1) : (ulen < DEL2_MINLEN || ulen > DEL2_MAXLEN))
            continue;
        uint64_t keys[DEL_MAXKEYS];
        /* u itself can only equal a key of an entry within the zone's lengths */
        size_t nk = deletion_keys(keys, us, ulen, zone + 1, 0, 0);
        const struct delpair *v = f->ix->del[zone][fold];
        const struct hdir *dir = &f->ix->del_dir[zone][fold];
        /* dozens of independent lookups: fetch all directory slots, then all records, before
         * reading any, so that their cache misses overlap */
        uint32_t rlo[DEL_MAXKEYS], rhi[DEL_MAXKEYS];
        for (size_t k = 0; k < nk; k++) __builtin_prefetch(&dir->off[keys[k] >> dir->shift]);
        for (size_t k = 0; k < nk; k++) {
            size_t lo, hi = dir_range(dir, keys[k], &lo);
            rlo[k] = (uint32_t)lo;
            rhi[k] = (uint32_t)hi;
            if (lo < hi) __builtin_prefetch(&v[lo]);
        }
        for (size_t k = 0; k < nk && !f->rc; k++) {
            for (size_t i = rlo[k]; i < rhi[k] && !f->rc; i++) {
                if (v[i].h != keys[k]) continue;
                size_t m = v[i].len > ulen ? v[i].len : ulen;
                if (zone == 0 ? m > DEL1_MAXLEN : (m < 8 || m > DEL2_MAXLEN)) continue;
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
    nsc__match_scratch *ctx = f->ctx;
    f->c->ntmp = 0;
    if (++ctx->unit_serial == 0) {
        memset(ctx->unit_stamp, 0, ctx->dict_cap * sizeof *ctx->unit_stamp);
        ctx->unit_serial = 1;
    }
    test_eq(f, u, 0, u->s, u->len);
    if (u->flags & NSC_TOKF_NUMBER) return; /* numbers meet only their equal */
    if (!f->joined && NSC_SIM_INITIAL >= f->tau - 1e-12) {
        if (u->flags & NSC_TOKF_INITIAL) test_initial(f, u, u->s[0]);
        else test_eq(f, u, 0, u->s, 1);
    }
    if (u->flags & NSC_TOKF_INITIAL) return; /* an initial meets nothing else */
    test_eq(f, u, 1, u->fold, u->flen);
    nick_arg a = { f, u };
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

static uint32_t unit_mask(const qunit *qu)
{
    return ((1u << qu->tn) - 1u) << qu->t0;
}

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
        if (!(qu->shared = nsc__ushared_store(sh, qu->u, h, kind, f->tau, c->tmp, (uint32_t)c->ntmp)) &&
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
    for (uint32_t i = 0; i < qu->n && !f->rc; i++) {
        const nsc__uhit *hit = &hits[i];
        uint32_t d = hit->id;
        if (skip_initials && hit->v.kind == NSC_MATCH_INITIAL) continue;
        if (i + 8 < qu->n) __builtin_prefetch(&ctx->best[hit[8].id]);
        if (nsc__memo_add(ctx->memo, qu->key, d, f->e->n_dict, hit->v)) f->rc = NSC_ENOMEM;
        struct nsc__best *b = &ctx->best[d];
        if (b->stamp != ctx->serial) {
            if (nsc__grow(f->e->mem, (void **)&ctx->ents, &ctx->cap_ents, ctx->n_ents + 1,
                          sizeof *ctx->ents)) {
                f->rc = NSC_ENOMEM;
                return;
            }
            ctx->ents[ctx->n_ents++] = d;
            b->stamp = ctx->serial;
            b->v = hit->v.s;
            b->qmask = hit->v.kind == NSC_MATCH_INITIAL ? 0 : um; /* see initial_tokens */
        } else {
            if (b->v < hit->v.s) b->v = hit->v.s;
            if (hit->v.kind != NSC_MATCH_INITIAL) b->qmask |= um;
        }
    }
}

/* The query weight of the tokens in mask (bit t: query token t). */
double nsc__mask_weight(const nsc__match_scratch *ctx, uint32_t mask)
{
    double w = 0;
    for (; mask; mask &= mask - 1) w += ctx->qw[__builtin_ctz(mask)];
    return w;
}

/* Pairs of an initial with a word (NSC_MATCH_INITIAL: one side a single letter, the other a
 * word, not a number, with that first letter) would reach a quarter of all lnames through the
 * postings; the query tokens they meet come from the lnames' letter sets instead. by_letter[c]:
 * the query initials of letter c; word_letter[c]: the query words (not numbers) starting with
 * c. fill_unit leaves these pairs out of the entries' query tokens. */
struct initials {
    uint32_t letters, word_letters; /* the letters present in each table */
    uint32_t by_letter[26], word_letter[26];
};

static void initial_tokens(struct initials *ini, const nsc__side *q)
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
static uint32_t initial_mask(const struct initials *ini, const struct nsc__lmeta *lm)
{
    uint32_t m = 0;
    for (uint32_t x = ini->letters & lm->words; x; x &= x - 1) m |= ini->by_letter[__builtin_ctz(x)];
    for (uint32_t x = ini->word_letters & lm->initials; x; x &= x - 1)
        m |= ini->word_letter[__builtin_ctz(x)];
    return m;
}

/* Candidates. Every lname holding an entry whose similarity to some unit reaches the floor is
 * reached through the postings of those entries, and then through the postings of every other
 * entry that meets a query unit (a nonzero similarity, all of which retrieval finds), collecting
 * the query tokens T it meets (reach.mask). It stays a candidate only when all three necessary
 * conditions for a hit hold:
 * A. one of its entries has a similarity to some unit of at least the floor (index.c, top);
 * B. T holds a token of the set P below;
 * C. with Wl its list weight, Q the query weight, W_T the query weight of T and
 *    F = NSC_QUERY_UNMATCHED_FACTOR, (Wl + W_T) / (Wl + W_T + F (Q - W_T)) + B >= threshold.
 *    The score is (sum of s (wq + wl) over pairs) / (sum of (wq + wl) over pairs + F times the
 *    unmatched query weight + at least nothing for the rest); with s <= 1, matched query weight
 *    Y <= W_T (a pair needs a nonzero similarity) and matched list weight X <= Wl, it is at most
 *    (X + Y) / (X + Y + F (Q - Y)), which rises with X and Y.
 * P (condition B) is chosen so that a name meeting only the other tokens S cannot reach the
 * threshold: with W the query weight in S, X the most list weight pairs with S can carry (the
 * sum over S of the largest pairw among the hits of the units covering each token) and B the
 * query's largest bonus, such a name scores at most (W + X) / (F Q + (1 - F) W + X) + B, since a
 * pair's numerator is at most its query weight plus its list weight and the denominator holds
 * every query weight at F or more and every matched list weight. P takes the tokens of largest
 * W + X share until that bound is below T (all tokens when it never is: no condition).
 * Each condition keeps every lname that the exhaustive path could report. */
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
        const nsc__uhit *hits = unit_hits(f, &units[k]);
        int skip_initials = f->implicit && (units[k].u->flags & NSC_TOKF_INITIAL);
        for (uint32_t i = 0; i < units[k].n; i++) {
            if (skip_initials && hits[i].v.kind == NSC_MATCH_INITIAL) continue;
            double w = hits[i].pairw;
            for (int t = units[k].t0; t < units[k].t0 + units[k].tn; t++)
                if (w > xl[t]) xl[t] = w;
        }
        unsigned c = (unsigned char)units[k].u->s[0];
        if (skip_initials && c >= 'a' && c <= 'z') /* the words it meets implicitly */
            for (int t = units[k].t0; t < units[k].t0 + units[k].tn; t++)
                if (ix->letter_pairw[c - 'a'] > xl[t]) xl[t] = ix->letter_pairw[c - 'a'];
    }
    const double F = NSC_QUERY_UNMATCHED_FACTOR;
    double W = Q, X = 0;
    for (int t = 0; t < q->n; t++) X += xl[t];
    uint32_t pmask = 0;
    for (;;) {
        double den = F * Q + (1.0 - F) * W + X;
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
    /* reach every lname through the postings of the entries met: first those at the floor,
     * which make the lnames of condition A; the others then only add their query tokens to
     * lnames already reached (an lname they alone reach fails A) */
    uint32_t serial = ctx->serial;
    struct nsc__reach *reach = ctx->reach;
    size_t nsub = 0; /* the other entries, kept at the front of ents with their tokens */
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1 && ctx->n_cands == 0) break;
        for (size_t k = 0; k < (pass ? nsub : ctx->n_ents); k++) {
            uint32_t d = ctx->ents[k], m;
            if (pass == 0) {
                const struct nsc__best *b = &ctx->best[d];
                if (k + 8 < ctx->n_ents) __builtin_prefetch(&ctx->best[ctx->ents[k + 8]]);
                if (b->v < floor - 1e-12) {
                    /* met only as an initial: initial_tokens adds those */
                    if (b->qmask) ctx->ents[nsub++] = d;
                    continue;
                }
                m = b->qmask;
            } else {
                m = ctx->best[d].qmask;
            }
            uint32_t p0 = ix->post_off[d], p1 = ix->post_off[d + 1];
            if (pass == 1) {
                for (uint32_t p = p0; p < p1; p++) {
                    if (p + 16 < p1) __builtin_prefetch(&reach[ix->post[p + 16]]);
                    struct nsc__reach *r = &reach[ix->post[p]];
                    if (r->stamp == serial) r->mask |= m;
                }
                continue;
            }
            if (nsc__grow(f->e->mem, (void **)&ctx->cands, &ctx->cap_cands,
                          ctx->n_cands + (p1 - p0), sizeof *ctx->cands)) {
                f->rc = NSC_ENOMEM;
                return;
            }
            uint32_t *cands = ctx->cands;
            size_t nc = ctx->n_cands;
            for (uint32_t p = p0; p < p1; p++) {
                uint32_t ln = ix->post[p];
                if (p + 16 < p1) __builtin_prefetch(&reach[ix->post[p + 16]]);
                struct nsc__reach *r = &reach[ln];
                if (r->stamp != serial) {
                    r->stamp = serial;
                    r->mask = m;
                    cands[nc++] = ln;
                } else {
                    r->mask |= m;
                }
            }
            ctx->n_cands = nc;
        }
    }
    /* keep those that meet conditions A, B and C */
    struct initials ini;
    initial_tokens(&ini, q);
    ctx->implicit_letters = f->implicit ? ini.letters : 0; /* for bound() in screen.c */
    const struct nsc__lmeta *lmeta = f->e->lmeta;
    size_t w = 0;
    for (size_t i = 0; i < ctx->n_cands; i++) {
        uint32_t ln = ctx->cands[i];
        if (i + 8 < ctx->n_cands) __builtin_prefetch(&lmeta[ctx->cands[i + 8]]);
        uint32_t m = ctx->reach[ln].mask |= initial_mask(&ini, &lmeta[ln]);
        if (pmask && !(m & pmask)) continue;
        double wt = nsc__mask_weight(ctx, m), a = lmeta[ln].wsum + wt;
        if (a / (a + F * (Q - wt)) + max_bonus < threshold - 1e-9) continue;
        ctx->cands[w++] = ln;
    }
    ctx->n_cands = w;
}

int nsc__index_candidates(const nsc__frozen *e, nsc__match_scratch *ctx, const nsc__side *q, double floor,
                          double threshold, double max_bonus)
{
    ctx->n_cands = 0;
    int rc = ensure_stamps(ctx, e);
    if (rc) return rc;
    double tau = floor < NSC_SIM_MIN_NONZERO ? floor : NSC_SIM_MIN_NONZERO;
    struct nsc__ucache *c = nsc__ucache_get(&ctx->ucache, e->mem, tau);
    if (!c) return NSC_ENOMEM;
    finder f = { .e = e, .ix = e->index, .ctx = ctx, .c = c, .tau = tau,
                 .implicit = NSC_SIM_INITIAL < floor - 1e-12 };
    ctx->qweight = ctx->qunit_wmax = 0;
    ctx->n_ents = 0;
    ctx->run_hits = 0;
    ctx->implicit_letters = 0; /* reach_candidates sets it */
    for (int i = 0; i < q->n; i++) {
        ctx->qw[i] = q->tok[i]->weight;
        ctx->qweight += q->tok[i]->weight;
        if (q->tok[i]->weight > ctx->qunit_wmax) ctx->qunit_wmax = q->tok[i]->weight;
    }
    for (int r = 0; r < q->nrun; r++) {
        double w = 0;
        for (int i = q->run[r].start; i < q->run[r].start + q->run[r].len; i++) w += q->tok[i]->weight;
        if (w > ctx->qunit_wmax) ctx->qunit_wmax = w;
    }
    /* the pairs score.c forms: query token with list token (full similarity), query token with
     * list run and query run with list token (joined similarity) */
    qunit *units = ctx->units;
    int nu = 0;
    for (int i = 0; i < q->n; i++) {
        units[nu++] = (qunit){ .key = (uint32_t)i, .u = q->tok[i], .role = NSC_ROLE_SINGLE,
                               .t0 = (uint8_t)i, .tn = 1 };
        units[nu++] = (qunit){ .key = NSC_MEMO_JOIN(i), .u = q->tok[i], .joined = 1,
                               .role = NSC_ROLE_RUN, .t0 = (uint8_t)i, .tn = 1 };
    }
    for (int r = 0; r < q->nrun; r++)
        units[nu++] = (qunit){ .key = NSC_MEMO_RUN(r), .u = q->run[r].ti, .run = 1, .joined = 1,
                               .role = NSC_ROLE_SINGLE, .t0 = q->run[r].start,
                               .tn = q->run[r].len };
    for (int k = 0; k < nu && !f.rc; k++) fill_unit(&f, &units[k]);
    if (!f.rc) reach_candidates(&f, q, units, nu, floor, threshold, max_bonus);
    if (f.rc) return f.rc;
    nsc__memo_set_complete(ctx->memo, 1, f.implicit);
    /* no need to sort: screen.c breaks ties by lname, whatever the order */
    return 0;
}
