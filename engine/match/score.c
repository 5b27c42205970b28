/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/score.c: name scoring. A name score is a weighted mean of token-pair similarities over
 * an order-free alignment of query and list tokens, where tokens written apart on one side may
 * meet one token on the other ("gao bin" = "gaobin"); the similarity memo of a query side.
 * Every constant is in match/params.h.
 */
#include <stdlib.h>
#include <string.h>

#include "match/score.h"

/* ---- the similarity memo -------------------------------------------------------------------- */

struct nsc__memo {
    const nsc__mem *mem;
    struct memo_slot {
        uint64_t key;
        uint32_t gen;
        nsc__sim v;
    } * slot;
    size_t cap, n;
    uint32_t gen;
    int complete; /* every nonzero similarity is in the rows: a miss means 0 (retrieve.c fills it) */
    int implicit_initials; /* ... but those of query initials with words (nsc__memo_set_complete) */
    /* rows: for each dictionary id the side met, the query units with a nonzero similarity to
     * it, as a linked list in ents. The heads are in an open-addressing table keyed by id (at
     * most half full, a head belonging to the side when its gen is the memo's), sized by the
     * ids the side meets rather than by the dictionary: 8 bytes per dictionary entry were 17 MB
     * a thread at 2M list names, and a few thousand ids is what a query side meets. */
    struct row_head {
        uint32_t lid, gen, head;
    } * rows;
    size_t rows_cap, n_rows;
    unsigned rows_idle; /* query sides in a row that used little of a large table (memo_reset) */
    struct row_ent {
        uint32_t unit, next;
        nsc__sim v;
    } * ents;
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
    nsc__free(m->mem, m->rows);
    nsc__free(m->mem, m->ents);
    nsc__free(m->mem, m->slot);
    nsc__free(m->mem, m);
}

/* The first size of the row table: the ids a typical query side meets (a few thousand), so that
 * most sides never grow it. */
#define MEMO_FIRST_ROWS (1u << 13)

void nsc__memo_reset(nsc__memo *m)
{
    /* a side that met a pathological number of ids leaves a large table behind: given back
     * once NSC_SCRATCH_SHRINK_AFTER sides in a row used little of it */
    if (nsc__scratch_oversized(&m->rows_idle, m->n_rows, m->rows_cap, MEMO_FIRST_ROWS)) {
        nsc__free(m->mem, m->rows);
        m->rows = NULL;
        m->rows_cap = 0;
    }
    m->n = 0;
    m->nents = 0;
    m->n_rows = 0;
    m->complete = m->implicit_initials = 0;
    if (++m->gen == 0) { /* wrapped: clear for real */
        memset(m->slot, 0, m->cap * sizeof *m->slot);
        if (m->rows) memset(m->rows, 0, m->rows_cap * sizeof *m->rows);
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

/* The slot of dictionary id lid in a row table of cap slots (a power of two): Fibonacci
 * hashing, which spreads the consecutive ids of dictionary neighbours. */
static size_t row_slot(uint32_t lid, size_t cap)
{
    return (size_t)(((uint64_t)lid * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
}

/* Moves the heads of the current side into a table of twice the slots (the first table when
 * there is none). */
static int rows_grow(nsc__memo *m)
{
    size_t ncap = m->rows_cap ? m->rows_cap * 2 : MEMO_FIRST_ROWS;
    struct row_head *nr = nsc__calloc(m->mem, ncap, sizeof *nr);
    if (!nr) return NSC_ENOMEM;
    for (size_t i = 0; i < m->rows_cap; i++) {
        if (m->rows[i].gen != m->gen) continue;
        size_t k = row_slot(m->rows[i].lid, ncap);
        while (nr[k].gen == m->gen) k = (k + 1) & (ncap - 1);
        nr[k] = m->rows[i];
    }
    nsc__free(m->mem, m->rows);
    m->rows = nr;
    m->rows_cap = ncap;
    return 0;
}

int nsc__memo_add(nsc__memo *m, uint32_t unit, uint32_t lid, nsc__sim v)
{
    if ((m->n_rows + 1) * 2 > m->rows_cap && rows_grow(m)) return NSC_ENOMEM;
    if (nsc__grow(m->mem, (void **)&m->ents, &m->cap_ents, m->nents + 1, sizeof *m->ents))
        return NSC_ENOMEM;
    size_t mask = m->rows_cap - 1, i = row_slot(lid, m->rows_cap);
    while (m->rows[i].gen == m->gen && m->rows[i].lid != lid) i = (i + 1) & mask;
    struct row_head *r = &m->rows[i];
    struct row_ent *e = &m->ents[m->nents];
    e->unit = unit;
    e->v = v;
    if (r->gen == m->gen) {
        e->next = r->head;
    } else {
        *r = (struct row_head){ .lid = lid, .gen = m->gen };
        e->next = UINT32_MAX;
        m->n_rows++;
    }
    r->head = (uint32_t)m->nents++;
    return 0;
}

/* The first row entry of dictionary id lid, or UINT32_MAX. */
static uint32_t row_first(const nsc__memo *m, uint32_t lid)
{
    if (!m->n_rows) return UINT32_MAX;
    size_t mask = m->rows_cap - 1;
    for (size_t i = row_slot(lid, m->rows_cap);; i = (i + 1) & mask) {
        const struct row_head *r = &m->rows[i];
        if (r->gen != m->gen) return UINT32_MAX;
        if (r->lid == lid) return r->head;
    }
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
        nsc__sim zero = { .s = 0.0, .kind = NSC_MATCH_UNMATCHED_QUERY, .edits = 0 };
        return zero;
    }
    nsc__sim v = nsc__token_sim_mode(q, l, joined);
    nsc__memo_put(m, qi, lid, v); /* a cache: failing to keep it changes nothing */
    return v;
}

/* ---- alignment ------------------------------------------------------------------------------ */

static int cand_cmp(const void *a, const void *b)
{
    const nsc__cand *x = a, *y = b;
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

/* Makes v the similarity of a joined pair: scaled by NSC_SIM_JOINED. Returns 0 when the pair
 * does not join (no similarity, or an initial, which meets single tokens only). */
static int join_sim(nsc__sim *v)
{
    if (v->s <= 0.0 || v->kind == NSC_MATCH_INITIAL) return 0;
    v->s *= NSC_SIM_JOINED;
    v->kind = NSC_MATCH_JOINED;
    return 1;
}

static void push(nsc__cand *c, int *nc, nsc__sim v, double w, int q0, int qn, int l0, int ln)
{
    if (v.s <= 0.0) return;
    nsc__cand *x = &c[(*nc)++];
    x->s = v.s;
    x->w = w;
    x->q0 = (uint8_t)q0, x->qn = (uint8_t)qn, x->l0 = (uint8_t)l0, x->ln = (uint8_t)ln;
    x->kind = v.kind;
    x->edits = v.edits;
}

/* Appends the pair of a token left unmatched, of weight w, to out. */
static nsc__pair *unmatched_pair(nsc__match *out, uint8_t kind, double w)
{
    nsc__pair *p = &out->pair[out->npair++];
    memset(p, 0, sizeof *p);
    p->kind = kind;
    p->w = w;
    return p;
}

/* ---- the best alignment ----------------------------------------------------------------------
 * Taking pairs greedily by similarity lets a close pair of light tokens (al = el) take a token
 * that a heavier pair needs (abd + el + halim = abdalhalim), and so lose the better alignment.
 * The alignment is instead the selection of compatible pairs with the highest name score,
 * found by a depth-first search over the pairs in greedy order: each pair is taken, or left
 * when a later pair competes for its tokens. The first selection reached is the greedy one and
 * a later one replaces it only when it scores higher, so ties keep the greedy alignment; after
 * NSC_ALIGN_MAX_LEAVES selections the rest of the search is greedy, which bounds its cost. */
typedef struct align_search {
    const nsc__cand *c;
    int nc;
    const nsc__side *q, *l;
    int cur[NSC_MAX_TOKENS], ncur, best[NSC_MAX_TOKENS], nbest;
    double best_score;
    int leaves;
    uint32_t qwords; /* the query's name words (word_tokens) */
} align_search;

/* The tokens of s that are name words: neither particle, stop word, generic word nor initial. */
static uint32_t word_tokens(const nsc__side *s)
{
    uint32_t m = 0;
    for (int i = 0; i < s->n; i++)
        if (!(s->tok[i]->flags & NSC_INNER_WEAK)) m |= 1u << i;
    return m;
}

static uint32_t cand_qmask(const nsc__cand *c) { return ((1u << c->qn) - 1u) << c->q0; }
static uint32_t cand_lmask(const nsc__cand *c) { return ((1u << c->ln) - 1u) << c->l0; }

/* The name score of a selection: the sums of nsc__score_sides below. */
static double selection_score(const align_search *a, uint32_t qused, uint32_t lused, double num,
                              double den)
{
    double uq = 0, ul = 0;
    uint32_t words = qused & a->qwords;
    for (int i = 0; i < a->q->n; i++)
        if (!(qused & (1u << i))) {
            den += nsc__query_unmatched_factor(words, i, a->q->tok[i], a->q->paren >> i & 1) *
                   a->q->tok[i]->weight;
            if (!(a->q->tok[i]->flags & NSC_TOKF_STOP)) uq += a->q->tok[i]->weight;
        }
    for (int j = 0; j < a->l->n; j++)
        if (!(lused & (1u << j))) {
            den += NSC_LIST_UNMATCHED_FACTOR * a->l->tok[j]->weight;
            if (!(a->l->tok[j]->flags & NSC_TOKF_STOP)) ul += a->l->tok[j]->weight;
        }
    den += (1.0 - NSC_LIST_UNMATCHED_FACTOR + NSC_CONFLICT_FACTOR) * (uq < ul ? uq : ul);
    return den > 0 ? num / den : 0.0;
}

static void align_dfs(align_search *a, int k, uint32_t qused, uint32_t lused, double num,
                      double den)
{
    while (k < a->nc && ((cand_qmask(&a->c[k]) & qused) || (cand_lmask(&a->c[k]) & lused))) k++;
    if (k == a->nc) {
        double s = selection_score(a, qused, lused, num, den);
        if (a->leaves++ == 0 || s > a->best_score + 1e-12) {
            a->best_score = s;
            a->nbest = a->ncur;
            memcpy(a->best, a->cur, sizeof a->cur[0] * (size_t)a->ncur);
        }
        return;
    }
    const nsc__cand *x = &a->c[k];
    uint32_t qm = cand_qmask(x), lm = cand_lmask(x);
    a->cur[a->ncur++] = k;
    align_dfs(a, k + 1, qused | qm, lused | lm, num + x->s * x->w, den + x->w);
    a->ncur--;
    if (a->leaves >= NSC_ALIGN_MAX_LEAVES) return;
    /* leaving pair k helps only when a later pair, still possible, wants one of its tokens */
    for (int m = k + 1; m < a->nc; m++) {
        uint32_t mq = cand_qmask(&a->c[m]), ml = cand_lmask(&a->c[m]);
        if ((mq & qused) || (ml & lused) || !((mq & qm) || (ml & lm))) continue;
        align_dfs(a, k + 1, qused, lused, num, den);
        return;
    }
}

/* Keeps in c[0..return) the pairs of the best alignment of c[0..nc) (sorted in greedy order),
 * in that order. */
static int best_alignment(nsc__cand *c, int nc, const nsc__side *q, const nsc__side *l)
{
    /* pairs that share no token all go in: the search would find that one alignment alone */
    uint32_t qall = 0, lall = 0;
    int k = 0;
    for (; k < nc && !(cand_qmask(&c[k]) & qall) && !(cand_lmask(&c[k]) & lall); k++) {
        qall |= cand_qmask(&c[k]);
        lall |= cand_lmask(&c[k]);
    }
    if (k == nc) return nc;
    align_search a = { .c = c, .nc = nc, .q = q, .l = l, .qwords = word_tokens(q) };
    align_dfs(&a, 0, 0, 0, 0.0, 0.0);
    for (k = 0; k < a.nbest; k++) c[k] = c[a.best[k]]; /* best[] rises: no overlap */
    return a.nbest;
}

/* Whether side s keeps a distinctive token outside mask used: a word that is no particle,
 * generic word, stop word, initial or legal form, and not one of the most frequent names
 * (NSC_W_MIN_DISTINCTIVE), such as a family, patronymic or clan name. */
static int contradicted(const nsc__side *s, uint32_t used)
{
    for (int i = 0; i < s->n; i++)
        if (!(used & (1u << i)) && nsc__distinctive(s->tok[i])) return 1;
    return 0;
}

/* A name chain (nasab): the token before a patronymic particle (bin, ibn, ben, bint, ould) is
 * the person's own name, the first token after it that is no particle the father's (the
 * first such link of the side). Sets *own and *father, or -1 when the side has none. */
static void name_chain(const nsc__side *s, int *own, int *father)
{
    static const char *const links[] = { "bin", "ibn", "ben", "bint", "binti", "ould" };
    *own = *father = -1;
    for (int i = 1; i + 1 < s->n; i++) {
        const nsc__tokinfo *t = s->tok[i];
        if (!(t->flags & NSC_TOKF_PARTICLE)) continue;
        int link = 0;
        for (size_t k = 0; k < sizeof links / sizeof links[0] && !link; k++)
            link = t->len == strlen(links[k]) && memcmp(t->s, links[k], t->len) == 0;
        if (!link) continue;
        int f = i + 1;
        while (f < s->n && (s->tok[f]->flags & NSC_TOKF_PARTICLE)) f++;
        if (f == s->n || (s->tok[i - 1]->flags & NSC_TOKF_PARTICLE)) continue;
        *own = i - 1;
        *father = f;
        return;
    }
}

/* Whether the pairs of out meet one name's own name with the other's father's name: X bin Y
 * against Y bin X are a father and his son, or two other people, however many tokens agree. */
static int chain_crossed(const nsc__match *out, const nsc__side *q, const nsc__side *l)
{
    int qo, qf, lo, lf;
    name_chain(q, &qo, &qf);
    if (qo < 0) return 0;
    name_chain(l, &lo, &lf);
    if (lo < 0) return 0;
    for (int k = 0; k < out->npair; k++) {
        const nsc__pair *p = &out->pair[k];
        if (!p->qn || !p->ln) continue;
#define HOLDS(a0, an, t) ((t) >= (a0) && (t) < (a0) + (an))
        if ((HOLDS(p->q0, p->qn, qo) && HOLDS(p->l0, p->ln, lf)) ||
            (HOLDS(p->q0, p->qn, qf) && HOLDS(p->l0, p->ln, lo)))
            return 1;
#undef HOLDS
    }
    return 0;
}

/* Memo keys: query token i is key i; query run r is key NSC_MAX_TOKENS + r; list runs use
 * their own dictionary ids, so (query token, list run) pairs share the key space safely. */
void nsc__score_sides(nsc__match *out, const nsc__side *q, const nsc__side *l, nsc__memo *memo,
                      nsc__score_scratch *sc)
{
    nsc__cand *c = sc->c;
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
                    if (i < q->n)
                        push(c, &nc, v, q->tok[i]->weight + l->tok[j]->weight, i, 1, j, 1);
                } else if (e->unit < NSC_MEMO_JOIN(0)) {
                    int r = (int)(e->unit - NSC_MEMO_RUN(0));
                    if (r >= q->nrun || !join_sim(&v)) continue;
                    push(c, &nc, v,
                         weight_of(q, q->run[r].start, q->run[r].len) + l->tok[j]->weight,
                         q->run[r].start, q->run[r].len, j, 1);
                }
            }
        /* a query initial against a word of its letter (nsc__is_word): the initial rule of
         * token_sim, the only similarity such a pair has */
        for (int i = 0; i < q->n && memo->implicit_initials; i++) {
            const nsc__tokinfo *qt = q->tok[i];
            if (!(qt->flags & NSC_TOKF_INITIAL)) continue;
            nsc__sim v = { .s = NSC_SIM_INITIAL, .kind = NSC_MATCH_INITIAL, .edits = 0 };
            for (int j = 0; j < l->n; j++) {
                const nsc__tokinfo *lt = l->tok[j];
                if (nsc__is_word(lt) && lt->s[0] == qt->s[0])
                    push(c, &nc, v, qt->weight + lt->weight, i, 1, j, 1);
            }
        }
        for (int r = 0; r < l->nrun; r++)
            for (uint32_t k = row_first(memo, l->run[r].id); k != UINT32_MAX;
                 k = memo->ents[k].next) {
                const struct row_ent *e = &memo->ents[k];
                if (e->unit < NSC_MEMO_JOIN(0)) continue;
                int i = (int)(e->unit - NSC_MEMO_JOIN(0));
                nsc__sim v = e->v;
                if (i >= q->n || !join_sim(&v)) continue;
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
            if (!join_sim(&v)) continue;
            push(c, &nc, v, weight_of(q, q->run[r].start, q->run[r].len) + l->tok[j]->weight,
                 q->run[r].start, q->run[r].len, j, 1);
        }
    for (int i = 0; i < q->n; i++)
        for (int r = 0; r < l->nrun; r++) {
            nsc__sim v = memo_sim(memo, NSC_MEMO_JOIN(i), q->tok[i], l->run[r].id, l->run[r].ti, 1);
            if (!join_sim(&v)) continue;
            push(c, &nc, v, q->tok[i]->weight + weight_of(l, l->run[r].start, l->run[r].len), i, 1,
                 l->run[r].start, l->run[r].len);
        }
align:
    qsort(c, (size_t)nc, sizeof c[0], cand_cmp);
    nc = best_alignment(c, nc, q, l);

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
            double w = nsc__query_unmatched_factor(qused & word_tokens(q), i, q->tok[i],
                                                   q->paren >> i & 1) *
                       q->tok[i]->weight;
            den += w;
            all_exact = 0;
            nsc__pair *p = unmatched_pair(out, NSC_MATCH_UNMATCHED_QUERY, w);
            p->q0 = (uint8_t)i, p->qn = 1;
        }
    double uq = 0, ul = 0;
    for (int i = 0; i < q->n; i++)
        if (!(qused & (1u << i)) && !(q->tok[i]->flags & NSC_TOKF_STOP)) uq += q->tok[i]->weight;
    for (int j = 0; j < l->n; j++)
        if (!(lused & (1u << j)) && !(l->tok[j]->flags & NSC_TOKF_STOP)) ul += l->tok[j]->weight;
    double conflict = uq < ul ? uq : ul;
    den += (1.0 - NSC_LIST_UNMATCHED_FACTOR + NSC_CONFLICT_FACTOR) * conflict;
    for (int j = 0; j < l->n; j++)
        if (!(lused & (1u << j))) {
            double w = NSC_LIST_UNMATCHED_FACTOR * l->tok[j]->weight;
            den += w;
            all_exact = 0;
            nsc__pair *p = unmatched_pair(out, NSC_MATCH_UNMATCHED_LIST, w);
            p->l0 = (uint8_t)j, p->ln = 1;
        }
    out->score = den > 0 ? num / den : 0.0;
    if (!all_exact && out->score > NSC_NON_EXACT_CAP) out->score = NSC_NON_EXACT_CAP;
    /* a distinctive token left unmatched on both sides contradicts the names however many
     * other tokens agree: the cap does not shrink with the length of the names */
    if (contradicted(q, qused) && contradicted(l, lused) && out->score > NSC_CONTRADICTION_CAP)
        out->score = NSC_CONTRADICTION_CAP;
    /* so does a name chain read the other way round */
    if (out->score > NSC_CONTRADICTION_CAP && chain_crossed(out, q, l))
        out->score = NSC_CONTRADICTION_CAP;
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

/* ---- sides: what the scorer compares ------------------------------------------------------ */

/* Adds the run of tokens i..k of side (a number ends it, as numbers must agree alone); with
 * the article at index art (or -1) written as the first letter of the token after it. Returns
 * 0 when the run cannot be formed (a number, too long, or the runs are full). */
static int add_run(nsc__side *side, nsc__qtok *runs, int i, int k, int art)
{
    if (side->nrun >= NSC_MAX_RUNS) return 0;
    nsc__qtok *r = &runs[side->nrun];
    size_t len = 0;
    unsigned script = 0;
    for (int m = i; m <= k; m++) {
        const nsc__tokinfo *t = side->tok[m];
        if ((t->flags & NSC_TOKF_NUMBER) || len + t->len > NSC_MAX_TOKLEN) return 0;
        memcpy(r->s + len, t->s, t->len);
        len += t->len;
        if (m == art) r->s[len - 1] = side->tok[m + 1]->s[0];
        script |= t->flags & (NSC_TOKF_ABJAD | NSC_TOKF_ROMAN | NSC_TOKF_HAN);
    }
    r->s[len] = '\0';
    nsc__qtok_finish_run(r, script);
    nsc__run *run = &side->run[side->nrun++];
    run->start = (uint8_t)i;
    run->len = (uint8_t)(k - i + 1);
    run->ti = &r->ti;
    run->id = NSC_NOID;
    return 1;
}

int nsc__side_from_pname(nsc__side *side, const nsc__pname *p, nsc__qtok *runs)
{
    side->n = 0;
    side->nrun = 0;
    side->paren = 0;
    for (int k = 0; k < p->n; k++) {
        if (p->tok[k].ti.flags & NSC_TOKF_LEGAL) continue;
        if (p->paren >> k & 1) side->paren |= 1u << side->n;
        side->tok[side->n] = &p->tok[k].ti;
        side->id[side->n] = NSC_NOID;
        side->n++;
    }
    /* runs of 2..NSC_MAX_RUN adjacent tokens */
    for (int i = 0; i < side->n; i++)
        for (int k = i + 1; k < side->n && k - i < NSC_MAX_RUN; k++)
            if (!add_run(side, runs, i, k, -1)) break;
    /* and the runs holding an assimilated article, while there is room (NSC_MAX_RUNS covers
     * every run of the loop above, and a name of NSC_MAX_TOKENS tokens leaves room for three
     * more): the article with the token before it, with the two before it, and between the
     * tokens on either side */
    for (int a = 1; a + 1 < side->n; a++) {
        if (!nsc__article_assimilates(side->tok[a - 1], side->tok[a], side->tok[a + 1])) continue;
        add_run(side, runs, a - 1, a, a);
        if (a >= 2 && NSC_MAX_RUN >= 3) add_run(side, runs, a - 2, a, a);
        if (NSC_MAX_RUN >= 3) add_run(side, runs, a - 1, a + 1, a);
    }
    return 0;
}
