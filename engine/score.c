/*
 * score.c: token similarity and name scoring. A name score is a weighted mean of token-pair
 * similarities over an order-free alignment of query and list tokens, where tokens written
 * apart on one side may meet one token on the other ("gao bin" = "gaobin"). Every constant
 * is named in engine.h or here, with where it comes from.
 */
#include <stdlib.h>
#include <string.h>

#include "ctx.h"

/* Unmatched list tokens weigh this share of their weight: lists often carry more of a name
 * (patronymics, tribal names) than a customer file does, but a list name that is mostly
 * unmatched must not score high ("John Smith" against a four-token name scores 0.63).
 * Chosen on bench/eval/name_pairs.csv and un_queries.csv. */
#define LIST_UNMATCHED_FACTOR NSC_LIST_UNMATCHED_FACTOR
/* When both sides keep unmatched tokens, the names differ rather than one omitting a part
 * (AL-TIKRITI against AL-DULAIMI): the list's unmatched weight, up to the query's, then counts
 * in full, plus this share again as a contradiction. */
/* Unmatched query tokens weigh this share of their weight: a name given with more parts
 * than the list has (a second given name) is an omission on the list's side. 0.95 was the
 * best F1 on bench/eval/name_pairs.csv that also meets the original-script recall target
 * (1.0: F1 0.873, original script 0.685; 0.95: 0.871 and 0.712; 0.9: 0.869 and 0.712). */
#define QUERY_UNMATCHED_FACTOR NSC_QUERY_UNMATCHED_FACTOR
#ifndef CONFLICT_FACTOR
#define CONFLICT_FACTOR 0.5
#endif
/* Fuzzy similarity loses this much per edit, relative to the token length: Jon/John = 0.775,
 * so that a one-token name with one edit in four letters stays below the threshold. */
#ifndef FUZZY_EDIT_COST
#define FUZZY_EDIT_COST 0.9
#endif
/* A score that is not an exact match of every token never reaches 1.0. */
#define NON_EXACT_CAP 0.99

/* One edit from four letters (Jon/John), two from eight, three from twelve: measured on
 * bench/eval/name_pairs.csv, where looser budgets matched Sancho/Sanchez and
 * Shamsuddin/Shahabuddin. */
int nsc__edit_budget(size_t n)
{
    if (n < 4) return 0;
    if (n < 8) return 1;
    if (n < 12) return 2;
    return 3;
}

double nsc__fuzzy_sim(int edits, size_t maxlen)
{
    if (maxlen == 0) return 0.0;
    double s = 1.0 - FUZZY_EDIT_COST * (double)edits / (double)maxlen;
    return s > 0 ? s : 0;
}

/* Banded dynamic programming: with at most `budget` edits only cells within `budget` of the
 * diagonal matter; the rest stay at budget + 1 ("too far"). */
int nsc__osa(const char *a, size_t n, const char *b, size_t m, int budget)
{
    int k = budget, inf = budget + 1;
    if ((size_t)abs((int)n - (int)m) > (size_t)k) return inf;
    if (n == 0 || m == 0) return (int)(n + m);
    if (m > NSC_MAX_TOKLEN * 2) return inf;
    int rows[3][NSC_MAX_TOKLEN * 2 + 2];
    int *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m + 1 && j < NSC_MAX_TOKLEN * 2 + 2; j++) {
        pp[j] = cur[j] = inf;
        prev[j] = (int)j <= k ? (int)j : inf;
    }
    for (size_t i = 1; i <= n; i++) {
        size_t lo = i > (size_t)k ? i - (size_t)k : 1, hi = i + (size_t)k < m ? i + (size_t)k : m;
        cur[0] = (int)i <= k ? (int)i : inf;
        if (lo > 1) cur[lo - 1] = inf;
        int rowmin = lo == 1 ? cur[0] : inf;
        for (size_t j = lo; j <= hi; j++) {
            int v = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            if (v > inf) v = inf;
            cur[j] = v;
            if (v < rowmin) rowmin = v;
        }
        if (hi < m) cur[hi + 1] = inf;
        if (rowmin > k) return inf;
        int *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[m] <= k ? prev[m] : inf;
}

void nsc__osa_pat_set(nsc__osa_pat *p, const char *a, size_t n)
{
    p->len = n;
    for (size_t i = 0; i < n && i < 64; i++) p->peq[(unsigned char)a[i]] |= 1ull << i;
}

void nsc__osa_pat_clear(nsc__osa_pat *p, const char *a, size_t n)
{
    for (size_t i = 0; i < n && i < 64; i++) p->peq[(unsigned char)a[i]] = 0;
    p->len = 0;
}

/* Hyyrö's bit-vector OSA distance: the DP column of the pattern (one bit per row) advances by
 * one text byte with a handful of word operations. VP/VN hold the vertical +1/-1 differences,
 * D0 the diagonal zeros; a transposition adds a zero where the byte matched the row below in
 * the previous column while the diagonal there was not already zero. dist tracks the last row. */
int nsc__osa_bp(const nsc__osa_pat *p, const char *b, size_t m, int budget)
{
    size_t n = p->len;
    int inf = budget + 1;
    if ((size_t)abs((int)n - (int)m) > (size_t)budget) return inf;
    if (n == 0 || m == 0) return (int)(n + m);
    if (n > 64) return inf;
    uint64_t vp = n == 64 ? ~0ull : (1ull << n) - 1, vn = 0, d0 = 0, prev_eq = 0;
    uint64_t last = 1ull << (n - 1);
    int dist = (int)n;
    for (size_t j = 0; j < m; j++) {
        uint64_t eq = p->peq[(unsigned char)b[j]];
        uint64_t tr = ((~d0 & eq) << 1) & prev_eq;
        d0 = (((eq & vp) + vp) ^ vp) | eq | vn | tr;
        uint64_t hp = vn | ~(d0 | vp), hn = d0 & vp;
        dist += (hp & last) != 0;
        dist -= (hn & last) != 0;
        /* the last row can fall by at most one per remaining text byte */
        if (dist - (int)(m - 1 - j) > budget) return inf;
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        prev_eq = eq;
    }
    return dist <= budget ? dist : inf;
}

/* Whether strings with these letter sets can be within k edits: each edit puts at most one
 * letter into each set difference. */
static int masks_within(uint64_t a, uint64_t b, int k)
{
    return nsc__popcount64(a & ~b) <= k && nsc__popcount64(b & ~a) <= k;
}

static void take(nsc__sim *best, double s, int kind, int edits)
{
    if (s > best->s) {
        best->s = s;
        best->kind = (uint8_t)kind;
        best->edits = (uint8_t)edits;
    }
}

/* Whether a and b (three letters each) differ by one swap of adjacent letters. */
static int swapped3(const char *a, const char *b)
{
    return (a[0] == b[1] && a[1] == b[0] && a[2] == b[2] && a[0] != a[1]) ||
           (a[0] == b[0] && a[1] == b[2] && a[2] == b[1] && a[1] != a[2]);
}

nsc__sim nsc__token_sim(const nsc__tokinfo *q, const nsc__tokinfo *l)
{
    return nsc__token_sim_mode(q, l, 0);
}

nsc__sim nsc__token_sim_mode(const nsc__tokinfo *q, const nsc__tokinfo *l, int joined)
{
    return nsc__token_sim_pat(q, NULL, l, joined);
}

nsc__sim nsc__token_sim_pat(const nsc__tokinfo *q, const nsc__osa_pat *pat, const nsc__tokinfo *l,
                            int joined)
{
    nsc__sim best = { 0.0, NSC_MATCH_UNMATCHED_QUERY, 0 };
    unsigned fl = (unsigned)q->flags | l->flags;
    if (q->len == l->len && nsc__same(q->s, l->s, q->len)) {
        best.s = 1.0;
        best.kind = (fl & NSC_TOKF_ROMAN) ? NSC_MATCH_TRANSLITERATED : NSC_MATCH_EXACT;
        return best;
    }
    if (fl & NSC_TOKF_NUMBER) return best; /* numbers agree exactly or not at all */
    if (joined && (fl & NSC_TOKF_INITIAL)) return best;
    if (fl & NSC_TOKF_INITIAL) {
        /* an initial meets a longer token with its letter; two initials must be equal */
        if ((q->flags & NSC_TOKF_INITIAL) != (l->flags & NSC_TOKF_INITIAL) && q->s[0] == l->s[0])
            take(&best, NSC_SIM_INITIAL, NSC_MATCH_INITIAL, 0);
        return best;
    }
    if (q->flen == l->flen && q->flen > 0 && nsc__same(q->fold, l->fold, q->flen))
        take(&best, NSC_SIM_TRANSLIT, NSC_MATCH_TRANSLITERATED, 0);
    for (int i = 0; i < 2 && q->nick[i]; i++)
        for (int j = 0; j < 2 && l->nick[j]; j++)
            if (q->nick[i] == l->nick[j])
                take(&best, nsc__nick_is_spelling(q->nick[i]) ? NSC_SIM_SPELLING : NSC_SIM_NICKNAME,
                     NSC_MATCH_NICKNAME, 0);
    if ((fl & NSC_TOKF_ABJAD) && q->sklen == l->sklen && q->sklen > 0 &&
        nsc__same(q->skel, l->skel, q->sklen)) {
        /* a one- or two-consonant skeleton says less than a long one */
        double s = q->sklen >= 3 ? NSC_SIM_SKELETON : NSC_SIM_SKELETON - 0.05 * (3 - q->sklen);
        take(&best, s, NSC_MATCH_PHONETIC, 0);
    }
    if (joined || best.s >= NSC_SIM_TRANSLIT) return best; /* no fuzzy match can beat it */
    size_t maxlen = q->len > l->len ? q->len : l->len;
    int k = nsc__edit_budget(maxlen);
    /* two letters swapped in a three-letter token (Sko for Sok, Adb for Abd), weakly */
    if (k == 0 && q->len == 3 && l->len == 3 && swapped3(q->s, l->s))
        take(&best, NSC_SIM_SHORT_SWAP, NSC_MATCH_FUZZY, 1);
    /* a particle with a typo (xal-Assad for al-Assad): one edit in three letters, weakly */
    if (k == 0 && maxlen == 3 && (fl & NSC_TOKF_PARTICLE) && q->len > 1 && l->len > 1 &&
        nsc__osa(q->s, q->len, l->s, l->len, 1) <= 1)
        take(&best, NSC_SIM_PARTICLE_TYPO, NSC_MATCH_FUZZY, 1);
    if (k > 0 && masks_within(q->mask, l->mask, k)) {
        int d = pat ? nsc__osa_bp(&pat[0], l->s, l->len, k) : nsc__osa(q->s, q->len, l->s, l->len, k);
        if (d <= k) take(&best, nsc__fuzzy_sim(d, maxlen), NSC_MATCH_FUZZY, d);
    }
    size_t fmax = q->flen > l->flen ? q->flen : l->flen;
    int fk = nsc__edit_budget(fmax);
    if (fk > 0 && masks_within(q->fmask, l->fmask, fk)) {
        int d = pat ? nsc__osa_bp(&pat[1], l->fold, l->flen, fk)
                    : nsc__osa(q->fold, q->flen, l->fold, l->flen, fk);
        if (d <= fk) take(&best, NSC_FOLD_FUZZY_FACTOR * nsc__fuzzy_sim(d, fmax), NSC_MATCH_FUZZY, d);
    }
    return best;
}

/* ---- the similarity memo -------------------------------------------------------------------- */

struct nsc__memo {
    const nsc__mem *mem;
    struct memo_slot { uint64_t key; uint32_t gen; nsc__sim v; } *slot;
    size_t cap, n;
    uint32_t gen;
    int complete; /* every nonzero similarity is in the rows: a miss means 0 (index.c fills it) */
    int implicit_initials; /* ... but those of query initials with words (nsc__memo_set_complete) */
    /* rows: for each dictionary id, the query units with a nonzero similarity to it, as a
     * linked list in ents; row_gen says which rows belong to the current side */
    uint32_t *row_head, *row_gen;
    size_t row_cap;
    struct row_ent { uint32_t unit, next; nsc__sim v; } *ents;
    size_t nents, cap_ents;
};

nsc__memo *nsc__memo_new(const nsc__mem *mem)
{
    nsc__memo *m = nsc__calloc(mem, 1, sizeof *m);
    if (!m) return NULL;
    m->mem = mem;
    m->cap = 4096;
    m->slot = nsc__calloc(mem, m->cap, sizeof *m->slot);
    if (!m->slot) {
        nsc__free(mem, m);
        return NULL;
    }
    m->gen = 1;
    return m;
}

void nsc__memo_free(nsc__memo *m)
{
    if (!m) return;
    nsc__free(m->mem, m->row_head);
    nsc__free(m->mem, m->row_gen);
    nsc__free(m->mem, m->ents);
    nsc__free(m->mem, m->slot);
    nsc__free(m->mem, m);
}

void nsc__memo_reset(nsc__memo *m)
{
    m->n = 0;
    m->nents = 0;
    m->complete = m->implicit_initials = 0;
    if (++m->gen == 0) { /* wrapped: clear for real */
        memset(m->slot, 0, m->cap * sizeof *m->slot);
        if (m->row_gen) memset(m->row_gen, 0, m->row_cap * sizeof *m->row_gen);
        m->gen = 1;
    }
}

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

void nsc__memo_set_complete(nsc__memo *m, int complete, int implicit_initials)
{
    m->complete = complete;
    m->implicit_initials = complete && implicit_initials;
}

int nsc__memo_add(nsc__memo *m, uint32_t unit, uint32_t lid, size_t n_dict, nsc__sim v)
{
    if (m->row_cap < n_dict) {
        uint32_t *head = nsc__malloc(m->mem, n_dict * sizeof *head);
        uint32_t *gen = nsc__calloc(m->mem, n_dict, sizeof *gen);
        if (!head || !gen) {
            nsc__free(m->mem, head);
            nsc__free(m->mem, gen);
            return NSC_ENOMEM;
        }
        if (m->row_cap) { /* keep the rows of this side */
            memcpy(head, m->row_head, m->row_cap * sizeof *head);
            memcpy(gen, m->row_gen, m->row_cap * sizeof *gen);
        }
        nsc__free(m->mem, m->row_head);
        nsc__free(m->mem, m->row_gen);
        m->row_head = head;
        m->row_gen = gen;
        m->row_cap = n_dict;
    }
    if (nsc__grow(m->mem, (void **)&m->ents, &m->cap_ents, m->nents + 1, sizeof *m->ents))
        return NSC_ENOMEM;
    struct row_ent *e = &m->ents[m->nents];
    e->unit = unit;
    e->v = v;
    e->next = m->row_gen[lid] == m->gen ? m->row_head[lid] : UINT32_MAX;
    m->row_gen[lid] = m->gen;
    m->row_head[lid] = (uint32_t)m->nents++;
    return 0;
}

/* The first row entry of dictionary id lid, or UINT32_MAX. */
static uint32_t row_first(const nsc__memo *m, uint32_t lid)
{
    return lid < m->row_cap && m->row_gen[lid] == m->gen ? m->row_head[lid] : UINT32_MAX;
}

static int memo_grow(nsc__memo *m)
{
    size_t ncap = m->cap * 2;
    struct memo_slot *ns = nsc__calloc(m->mem, ncap, sizeof *ns);
    if (!ns) return NSC_ENOMEM;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->slot[i].gen != m->gen) continue;
        size_t h = mix(m->slot[i].key) & (ncap - 1);
        while (ns[h].gen == m->gen) h = (h + 1) & (ncap - 1);
        ns[h] = m->slot[i];
    }
    nsc__free(m->mem, m->slot);
    m->slot = ns;
    m->cap = ncap;
    return 0;
}

int nsc__memo_put(nsc__memo *m, uint32_t qi, uint32_t lid, nsc__sim v)
{
    uint64_t key = ((uint64_t)qi << 32) | lid;
    if ((m->n + 1) * 2 > m->cap && memo_grow(m)) return NSC_ENOMEM;
    size_t h = mix(key) & (m->cap - 1);
    while (m->slot[h].gen == m->gen) {
        if (m->slot[h].key == key) {
            m->slot[h].v = v;
            return 0;
        }
        h = (h + 1) & (m->cap - 1);
    }
    m->slot[h].key = key;
    m->slot[h].gen = m->gen;
    m->slot[h].v = v;
    m->n++;
    return 0;
}

/* The memo caches a pure function: a complete memo answers a miss with 0; an incomplete one
 * computes the similarity (and keeps it when it can grow). */
static nsc__sim memo_sim(nsc__memo *m, uint32_t qi, const nsc__tokinfo *q, uint32_t lid,
                         const nsc__tokinfo *l, int joined)
{
    if (!m || lid == NSC_NOID) return nsc__token_sim_mode(q, l, joined);
    uint64_t key = ((uint64_t)qi << 32) | lid;
    size_t h = mix(key) & (m->cap - 1);
    while (m->slot[h].gen == m->gen) {
        if (m->slot[h].key == key) return m->slot[h].v;
        h = (h + 1) & (m->cap - 1);
    }
    if (m->complete) {
        nsc__sim zero = { 0.0, NSC_MATCH_UNMATCHED_QUERY, 0 };
        return zero;
    }
    nsc__sim v = nsc__token_sim_mode(q, l, joined);
    nsc__memo_put(m, qi, lid, v); /* a cache: failing to keep it changes nothing */
    return v;
}

/* ---- alignment ------------------------------------------------------------------------------ */

typedef struct cand {
    double s, w;
    uint8_t q0, qn, l0, ln, kind, edits;
} cand;

static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->s != y->s) return x->s < y->s ? 1 : -1;
    if (x->w != y->w) return x->w < y->w ? 1 : -1;
    if (x->q0 != y->q0) return x->q0 < y->q0 ? -1 : 1;
    if (x->l0 != y->l0) return x->l0 < y->l0 ? -1 : 1;
    if (x->qn != y->qn) return x->qn < y->qn ? -1 : 1;
    return x->ln < y->ln ? -1 : (x->ln > y->ln);
}

static double weight_of(const nsc__side *s, int start, int len)
{
    double w = 0;
    for (int i = start; i < start + len; i++) w += s->tok[i]->weight;
    return w;
}

static void push(cand *c, int *nc, nsc__sim v, double w, int q0, int qn, int l0, int ln)
{
    if (v.s <= 0.0) return;
    cand *x = &c[(*nc)++];
    x->s = v.s;
    x->w = w;
    x->q0 = (uint8_t)q0, x->qn = (uint8_t)qn, x->l0 = (uint8_t)l0, x->ln = (uint8_t)ln;
    x->kind = v.kind;
    x->edits = v.edits;
}

/* Memo keys: query token i is key i; query run r is key NSC_MAX_TOKENS + r; list runs use
 * their own dictionary ids, so (query token, list run) pairs share the key space safely. */
void nsc__score_sides(nsc__match *out, const nsc__side *q, const nsc__side *l, nsc__memo *memo)
{
    static __thread cand c[NSC_MAX_TOKENS * NSC_MAX_TOKENS + 2 * NSC_MAX_RUNS * NSC_MAX_TOKENS];
    int nc = 0;
    memset(out, 0, offsetof(nsc__match, pair));
    out->npair = 0;
    if (memo && memo->complete) {
        /* every nonzero similarity is in the rows: form the pairs from them alone, the same
         * pairs the loops below form (the greedy order is a total order, so it is the same) */
        for (int j = 0; j < l->n; j++)
            for (uint32_t k = row_first(memo, l->id[j]); k != UINT32_MAX; k = memo->ents[k].next) {
                const struct row_ent *e = &memo->ents[k];
                nsc__sim v = e->v;
                if (e->unit < NSC_MAX_TOKENS) {
                    int i = (int)e->unit;
                    if (i < q->n) push(c, &nc, v, q->tok[i]->weight + l->tok[j]->weight, i, 1, j, 1);
                } else if (e->unit < NSC_MEMO_JOIN(0)) {
                    int r = (int)(e->unit - NSC_MEMO_RUN(0));
                    if (r >= q->nrun || v.s <= 0.0 || v.kind == NSC_MATCH_INITIAL) continue;
                    v.s *= NSC_SIM_JOINED;
                    v.kind = NSC_MATCH_JOINED;
                    push(c, &nc, v, weight_of(q, q->run[r].start, q->run[r].len) + l->tok[j]->weight,
                         q->run[r].start, q->run[r].len, j, 1);
                }
            }
        /* a query initial against a word of its letter (nsc__is_word): the initial rule of
         * token_sim, the only similarity such a pair has */
        for (int i = 0; i < q->n && memo->implicit_initials; i++) {
            const nsc__tokinfo *qt = q->tok[i];
            if (!(qt->flags & NSC_TOKF_INITIAL)) continue;
            nsc__sim v = { NSC_SIM_INITIAL, NSC_MATCH_INITIAL, 0 };
            for (int j = 0; j < l->n; j++) {
                const nsc__tokinfo *lt = l->tok[j];
                if (nsc__is_word(lt) && lt->s[0] == qt->s[0])
                    push(c, &nc, v, qt->weight + lt->weight, i, 1, j, 1);
            }
        }
        for (int r = 0; r < l->nrun; r++)
            for (uint32_t k = row_first(memo, l->run[r].id); k != UINT32_MAX; k = memo->ents[k].next) {
                const struct row_ent *e = &memo->ents[k];
                if (e->unit < NSC_MEMO_JOIN(0)) continue;
                int i = (int)(e->unit - NSC_MEMO_JOIN(0));
                nsc__sim v = e->v;
                if (i >= q->n || v.s <= 0.0 || v.kind == NSC_MATCH_INITIAL) continue;
                v.s *= NSC_SIM_JOINED;
                v.kind = NSC_MATCH_JOINED;
                push(c, &nc, v, q->tok[i]->weight + weight_of(l, l->run[r].start, l->run[r].len), i,
                     1, l->run[r].start, l->run[r].len);
            }
        goto align;
    }
    for (int i = 0; i < q->n; i++)
        for (int j = 0; j < l->n; j++)
            push(c, &nc, memo_sim(memo, (uint32_t)i, q->tok[i], l->id[j], l->tok[j], 0),
                 q->tok[i]->weight + l->tok[j]->weight, i, 1, j, 1);
    /* tokens written apart on one side, together on the other */
    for (int r = 0; r < q->nrun; r++)
        for (int j = 0; j < l->n; j++) {
            nsc__sim v = memo_sim(memo, NSC_MEMO_RUN(r), q->run[r].ti, l->id[j], l->tok[j], 1);
            if (v.s <= 0.0 || v.kind == NSC_MATCH_INITIAL) continue;
            v.s *= NSC_SIM_JOINED;
            v.kind = NSC_MATCH_JOINED;
            push(c, &nc, v, weight_of(q, q->run[r].start, q->run[r].len) + l->tok[j]->weight,
                 q->run[r].start, q->run[r].len, j, 1);
        }
    for (int i = 0; i < q->n; i++)
        for (int r = 0; r < l->nrun; r++) {
            nsc__sim v = memo_sim(memo, NSC_MEMO_JOIN(i), q->tok[i], l->run[r].id, l->run[r].ti, 1);
            if (v.s <= 0.0 || v.kind == NSC_MATCH_INITIAL) continue;
            v.s *= NSC_SIM_JOINED;
            v.kind = NSC_MATCH_JOINED;
            push(c, &nc, v, q->tok[i]->weight + weight_of(l, l->run[r].start, l->run[r].len), i,
                 1, l->run[r].start, l->run[r].len);
        }
align:
    qsort(c, (size_t)nc, sizeof c[0], cand_cmp);

    uint32_t qused = 0, lused = 0; /* NSC_MAX_TOKENS <= 32 */
    double num = 0, den = 0;
    int all_exact = 1;
    for (int k = 0; k < nc; k++) {
        uint32_t qm = ((1u << c[k].qn) - 1u) << c[k].q0, lm = ((1u << c[k].ln) - 1u) << c[k].l0;
        if ((qused & qm) || (lused & lm)) continue;
        qused |= qm;
        lused |= lm;
        num += c[k].s * c[k].w;
        den += c[k].w;
        if (c[k].s < 1.0) all_exact = 0;
        nsc__pair *p = &out->pair[out->npair++];
        p->q0 = c[k].q0, p->qn = c[k].qn, p->l0 = c[k].l0, p->ln = c[k].ln;
        p->kind = c[k].kind;
        p->edits = c[k].edits;
        p->s = c[k].s;
        p->w = c[k].w;
    }
    for (int i = 0; i < q->n; i++)
        if (!(qused & (1u << i))) {
            den += QUERY_UNMATCHED_FACTOR * q->tok[i]->weight;
            all_exact = 0;
            nsc__pair *p = &out->pair[out->npair++];
            memset(p, 0, sizeof *p);
            p->q0 = (uint8_t)i, p->qn = 1, p->kind = NSC_MATCH_UNMATCHED_QUERY;
            p->w = QUERY_UNMATCHED_FACTOR * q->tok[i]->weight;
        }
    double uq = 0, ul = 0;
    for (int i = 0; i < q->n; i++)
        if (!(qused & (1u << i)) && !(q->tok[i]->flags & NSC_TOKF_STOP)) uq += q->tok[i]->weight;
    for (int j = 0; j < l->n; j++)
        if (!(lused & (1u << j)) && !(l->tok[j]->flags & NSC_TOKF_STOP)) ul += l->tok[j]->weight;
    double conflict = uq < ul ? uq : ul;
    den += (1.0 - LIST_UNMATCHED_FACTOR + CONFLICT_FACTOR) * conflict;
    for (int j = 0; j < l->n; j++)
        if (!(lused & (1u << j))) {
            den += LIST_UNMATCHED_FACTOR * l->tok[j]->weight;
            all_exact = 0;
            nsc__pair *p = &out->pair[out->npair++];
            memset(p, 0, sizeof *p);
            p->l0 = (uint8_t)j, p->ln = 1, p->kind = NSC_MATCH_UNMATCHED_LIST;
            p->w = LIST_UNMATCHED_FACTOR * l->tok[j]->weight;
        }
    out->score = den > 0 ? num / den : 0.0;
    if (!all_exact && out->score > NON_EXACT_CAP) out->score = NON_EXACT_CAP;
    out->all_exact = all_exact && q->n > 0;
    /* order: matched pairs, taken by query position, rise in list position too */
    int matched = 0, in_order = 1, last = -1;
    for (int i = 0; i < q->n; i++)
        for (int k = 0; k < out->npair; k++) {
            const nsc__pair *p = &out->pair[k];
            if (p->qn && p->ln && p->q0 == i) {
                if (p->l0 < last) in_order = 0;
                last = p->l0;
                matched++;
            }
        }
    out->in_order = in_order && matched >= 2;
}
