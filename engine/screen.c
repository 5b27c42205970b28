/*
 * screen.c: screening a query against the frozen engine and comparing two names: prepare the
 * query, gather candidates (index.c, or every list name when exhaustive), score each, apply
 * evidence (date of birth, country, identifier, order), keep the best name per entity, sort,
 * and hand out a hit set with explanations.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"

/* Weak aliases ("low quality" a.k.a.) match only closely: their name score must reach this. */
#define WEAK_ALIAS_MIN 0.92
/* Contradicting evidence lowers a score more than agreeing evidence raises it. */
#define PENALTY_DOB 0.15
#define PENALTY_COUNTRY 0.08
#define BONUS_DOB_YEAR 0.03 /* years agree but the day is unknown on one side */


struct nsc_hit {
    double score;
    const char *list, *id, *matched, *primary, *programs, *version, *xrefs, *explanation;
    nsc_entity_type type;
    nsc_name_kind kind;
    nsc_token_match *tokens;
    size_t ntok;
    nsc_evidence *ev;
    size_t nev;
};

struct nsc_hits {
    const nsc__mem *mem;
    nsc__arena arena;
    nsc_hit *hit;
    size_t n, iter;
    int truncated;
};

void nsc__ctx_scratch_free(nsc__ctx *ctx)
{
    const nsc__mem *m = &ctx->engine->mem;
    nsc__free(m, ctx->reach);
    nsc__free(m, ctx->ents);
    ctx->reach = NULL;
    ctx->ents = NULL;
    nsc__free(m, ctx->cands);
    nsc__free(m, ctx->unit_stamp);
    nsc__free(m, ctx->best);
    ctx->best = NULL;
    nsc__ucache_free(ctx);
    nsc__memo_free(ctx->memo);
    nsc__free(m, ctx->ent_slot);
    nsc__free(m, ctx->ent_stamp);
    ctx->ent_slot = ctx->ent_stamp = NULL;
    ctx->cands = ctx->unit_stamp = NULL;
    ctx->memo = NULL;
}

/* ---- evidence -------------------------------------------------------------------------------- */

typedef struct evidence {
    nsc_evidence_kind kind;
    double delta;
    char detail[96];
} evidence;

typedef struct qinfo {
    nsc__date dob;
    int has_dob;
    char country[3];
    int has_country;
    char id[64];
    size_t idlen;
} qinfo;

static int date_years(const nsc__date *d, int *lo, int *hi)
{
    if (d->prec == NSC_DATE_NONE) return 0;
    *lo = d->y;
    *hi = d->prec == NSC_DATE_RANGE ? d->y2 : d->y;
    if (d->circa) *lo -= 1, *hi += 1;
    return 1;
}

/* 2: same day; 1: compatible years; 0: contradiction */
static int dob_agree(const nsc__date *a, const nsc__date *b)
{
    int alo, ahi, blo, bhi;
    if (!date_years(a, &alo, &ahi) || !date_years(b, &blo, &bhi)) return 1;
    if (ahi < blo || bhi < alo) return 0;
    if (a->prec == NSC_DATE_DAY && b->prec == NSC_DATE_DAY && !a->circa && !b->circa) {
        if (a->y == b->y && a->m == b->m && a->d == b->d) return 2;
        return 0;
    }
    if (a->prec >= NSC_DATE_MONTH && b->prec >= NSC_DATE_MONTH && a->prec != NSC_DATE_RANGE &&
        b->prec != NSC_DATE_RANGE && !a->circa && !b->circa && a->y == b->y && a->m != b->m)
        return 0;
    return 1;
}

static size_t norm_id(char *out, size_t cap, const char *s)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++)
        if (isalnum((unsigned char)*s)) out[n++] = (char)toupper((unsigned char)*s);
    out[n] = '\0';
    return n;
}

static int evidence_for(const qinfo *qi, const nsc__entity *ent, evidence *ev, int *nev)
{
    *nev = 0;
    char buf[32], buf2[32];
    if (qi->has_dob && ent->dobs && ent->type != NSC_TYPE_ORGANIZATION) {
        int best = 0;
        const nsc__date *bd = &ent->dobs->date;
        for (const nsc__dob *d = ent->dobs; d; d = d->next) {
            int a = dob_agree(&qi->dob, &d->date);
            if (a > best) best = a, bd = &d->date;
        }
        evidence *x = &ev[(*nev)++];
        x->kind = NSC_EVIDENCE_DOB;
        nsc__date_format(buf, &qi->dob);
        nsc__date_format(buf2, bd);
        if (best == 2) x->delta = NSC_BONUS_DOB;
        else if (best == 1) x->delta = BONUS_DOB_YEAR;
        else x->delta = -PENALTY_DOB;
        snprintf(x->detail, sizeof x->detail, "dob %s %s %s", buf,
                 best ? "agrees with" : "contradicts", buf2);
    }
    if (qi->has_country) {
        int any = 0, agree = 0, nat = 0;
        for (const nsc__country *c = ent->countries; c; c = c->next) {
            if (!c->code[0]) continue;
            any = 1;
            if (c->role == NSC_COUNTRY_NATIONALITY || c->role == NSC_COUNTRY_CITIZENSHIP) nat = 1;
            if (memcmp(c->code, qi->country, 3) == 0) agree = 1;
        }
        if (agree || nat) {
            evidence *x = &ev[(*nev)++];
            x->kind = NSC_EVIDENCE_COUNTRY;
            x->delta = agree ? NSC_BONUS_COUNTRY : -PENALTY_COUNTRY;
            snprintf(x->detail, sizeof x->detail, "country %s %s", qi->country,
                     agree ? "agrees" : "contradicts nationality");
        }
        (void)any;
    }
    if (qi->idlen) {
        for (const nsc__ident *d = ent->idents; d; d = d->next) {
            char v[64];
            if (norm_id(v, sizeof v, d->value) == qi->idlen && strcmp(v, qi->id) == 0) {
                evidence *x = &ev[(*nev)++];
                x->kind = NSC_EVIDENCE_ID;
                x->delta = NSC_BONUS_ID;
                snprintf(x->detail, sizeof x->detail, "identifier %.60s matches", d->value);
                break;
            }
        }
    }
    return 0;
}

/* ---- screening --------------------------------------------------------------------------------- */

typedef struct best {
    double score;
    uint32_t lname;
    int variant;
} best;

typedef struct screen_state {
    const nsc_engine *e;
    nsc__ctx *ctx;
    double threshold;
    unsigned type_mask;
    long list_only;   /* list index or -1 */
    const char *const *only_ids;
    size_t n_only_ids;
    qinfo qi;
    /* entity number -> best so far, kept sparse */
    best *found;
    uint32_t *found_g;
    size_t n_found, cap_found;
    uint32_t *slot_of; /* per gentity: index into found, valid when its stamp is ent_serial */
    uint32_t *slot_stamp;
    uint32_t ent_serial;
    int bounded; /* candidates come from the index: prune them by bound() */
    double max_bonus; /* the most the order and the query's evidence can add */
} screen_state;

static int id_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

/* The filters that need no entity: list and type. */
static int lname_allowed(const screen_state *st, const nsc__lname *ln)
{
    if (st->list_only >= 0 && ln->list != (uint32_t)st->list_only) return 0;
    return (st->type_mask & NSC_TYPE_BIT(ln->etype)) != 0;
}

static int entity_allowed(const screen_state *st, const nsc__entity *ent)
{
    return !st->only_ids ||
           bsearch(ent->id, st->only_ids, st->n_only_ids, sizeof *st->only_ids, id_cmp) != NULL;
}

/* Final score of a name match with evidence; -1 when the name may not hit (weak alias). */
static double final_score(const nsc__match *m, const nsc__name *nm, const evidence *ev, int nev)
{
    double s = m->score;
    if (nm && nm->kind == NSC_NAME_WEAK_ALIAS && s < WEAK_ALIAS_MIN) return -1;
    if (m->in_order) s += NSC_BONUS_ORDER;
    for (int i = 0; i < nev; i++) s += ev[i].delta;
    if (s > 1.0) s = 1.0;
    if (s < 0.0) s = 0.0;
    if (!m->all_exact && s > 0.99) s = 0.99;
    return s;
}

/* An upper bound of the final score of list side l, from the best similarity each of its
 * tokens (or a run holding it) has to any query unit (ctx->best, filled by retrieval, where a
 * missing entry means 0), plus the largest bonus the query's evidence can earn. With Q the query weight, b_j those bests and w_j the list weights,
 * the score is at most (M + sum b_j w_j) / (F Q + sum_{b_j>0} w_j + LIST_UNMATCHED sum_{b_j=0} w_j),
 * with F = NSC_QUERY_UNMATCHED_FACTOR <= 1 (query tokens weigh at least F of their weight),
 * where M = min(W_T, n * U), W_T the weight of the query tokens the lname meets at all
 * (ctx->reach, index.c), n the tokens with b_j > 0 and U the largest weight of one query token
 * or run: a pair's numerator is at most its query weight plus s times its list weight, each
 * pair holds a list token with b_j > 0, and counting a token with b_j >= NSC_SIM_MIN_NONZERO as
 * matched only raises that ratio (b_j / (1 - LIST_UNMATCHED) > 1 / F >= the ratio). Skipping
 * candidates below the threshold by this bound changes no result. */
static double bound(const screen_state *st, uint32_t lnidx)
{
    const nsc_engine *e = st->e;
    const nsc__ctx *ctx = st->ctx;
    const nsc__lname *ln = &e->lnames[lnidx];
    const uint32_t *ids = e->ltok + ln->tok_off;
    const double *wts = e->lweight + ln->tok_off;
    double b[NSC_MAX_TOKENS];
    for (int j = 0; j < ln->ntok; j++)
        b[j] = ctx->best[ids[j]].stamp == ctx->serial ? ctx->best[ids[j]].v : 0.0;
    if (ctx->implicit_letters) { /* words that query initials meet implicitly */
        const uint8_t *first = e->lfirst + ln->tok_off;
        for (int j = 0; j < ln->ntok; j++)
            if (first[j] && (ctx->implicit_letters >> (first[j] - 'a') & 1) && b[j] < NSC_SIM_INITIAL)
                b[j] = NSC_SIM_INITIAL;
    }
    /* a list run meets only query tokens of the joined kind; when none of them met anything,
     * no run holds a pair (a run entry that is also a single token may carry a best of its
     * own, which no pair with the run has) */
    for (int r = 0; r < ln->nrun && ctx->run_hits; r++) {
        const nsc__lrun *lr = &e->lrun[ln->run_off + (uint32_t)r];
        if (ctx->best[lr->id].stamp != ctx->serial) continue;
        double v = ctx->best[lr->id].v;
        for (int j = lr->start; j < lr->start + lr->len; j++)
            if (b[j] < v) b[j] = v;
    }
    double num = 0, den = NSC_QUERY_UNMATCHED_FACTOR * ctx->qweight;
    int matched = 0;
    for (int j = 0; j < ln->ntok; j++) {
        double w = wts[j];
        num += b[j] * w;
        den += b[j] > 0 ? w : NSC_LIST_UNMATCHED_FACTOR * w;
        matched += b[j] > 0;
    }
    double mq = matched * ctx->qunit_wmax, wt = nsc__mask_weight(ctx, ctx->reach[lnidx].mask);
    num += mq < wt ? mq : wt;
    return (den > 0 ? num / den : 0.0) + st->max_bonus;
}

/* Scores one candidate lname with query variant v. */
static int consider(screen_state *st, uint32_t lnidx, const nsc__side *q, int v)
{
    const nsc_engine *e = st->e;
    const nsc__lname *ln = &e->lnames[lnidx];
    if (ln->lossy && st->ctx->query.v[v].lossy) return 0;
    if (!lname_allowed(st, ln)) return 0;
    if (st->bounded && bound(st, lnidx) < st->threshold - 1e-12) return 0;
    const nsc__entity *ent = e->lists[ln->list]->entities[ln->entity];
    if (!entity_allowed(st, ent)) return 0;
    nsc__side ls;
    nsc__lname_side(e, lnidx, &ls);
    evidence ev[4];
    int nev;
    evidence_for(&st->qi, ent, ev, &nev);
    nsc__match m;
    nsc__score_sides(&m, q, &ls, st->ctx->memo);
    double s = final_score(&m, ln->name, ev, nev);
    if (s < st->threshold - 1e-12) return 0;
    uint32_t g = ln->gentity;
    if (st->slot_stamp[g] == st->ent_serial) {
        best *b = &st->found[st->slot_of[g]];
        /* ties keep the lower lname, so that the order candidates come in does not matter */
        if (s > b->score || (s == b->score && lnidx < b->lname)) {
            b->score = s;
            b->lname = lnidx;
            b->variant = v;
        }
        return 0;
    }
    if (nsc__grow(&e->mem, (void **)&st->found, &st->cap_found, st->n_found + 1, sizeof *st->found))
        return NSC_ENOMEM;
    st->slot_stamp[g] = st->ent_serial;
    st->slot_of[g] = (uint32_t)st->n_found;
    best *b = &st->found[st->n_found++];
    b->score = s;
    b->lname = lnidx;
    b->variant = v;
    return 0;
}

static uint64_t natural_key(const char *id, int *numeric)
{
    uint64_t v = 0;
    *numeric = *id != '\0';
    for (const char *p = id; *p; p++) {
        if (!isdigit((unsigned char)*p) || v > UINT64_MAX / 10 - 10) {
            *numeric = 0;
            return 0;
        }
        v = v * 10 + (uint64_t)(*p - '0');
    }
    return v;
}

static __thread const nsc_engine *tl_engine;

static int best_cmp(const void *a, const void *b)
{
    const best *x = a, *y = b;
    if (x->score != y->score) return x->score < y->score ? 1 : -1;
    const nsc_engine *e = tl_engine;
    const nsc__lname *lx = &e->lnames[x->lname], *ly = &e->lnames[y->lname];
    if (lx->list != ly->list) return lx->list < ly->list ? -1 : 1;
    const char *ix = e->lists[lx->list]->entities[lx->entity]->id;
    const char *iy = e->lists[ly->list]->entities[ly->entity]->id;
    int nx, ny;
    uint64_t kx = natural_key(ix, &nx), ky = natural_key(iy, &ny);
    if (nx && ny && kx != ky) return kx < ky ? -1 : 1;
    if (nx != ny) return nx ? -1 : 1;
    int c = strcmp(ix, iy);
    if (c) return c;
    return (x->lname > y->lname) - (x->lname < y->lname);
}

/* ---- building hit sets ------------------------------------------------------------------------ */

static const char *join_texts(nsc__arena *a, const nsc__text *t)
{
    size_t n = 0;
    for (const nsc__text *p = t; p; p = p->next) n += strlen(p->text) + 2;
    char *s = nsc__arena_alloc(a, n + 1);
    if (!s) return NULL;
    s[0] = '\0';
    size_t w = 0;
    for (const nsc__text *p = t; p; p = p->next) {
        size_t k = strlen(p->text);
        if (w) memcpy(s + w, "; ", 2), w += 2;
        memcpy(s + w, p->text, k);
        w += k;
    }
    s[w] = '\0';
    return s;
}

/* Writes the tokens q0..q0+n-1 of a side joined with '+'. */
static size_t side_text(char *out, size_t cap, const nsc__side *s, int start, int n)
{
    size_t w = 0;
    out[0] = '\0';
    for (int i = start; i < start + n && i < s->n; i++) {
        int k = snprintf(out + w, cap - w, "%s%s", i > start ? "+" : "", s->tok[i]->s);
        if (k < 0 || (size_t)k >= cap - w) break;
        w += (size_t)k;
    }
    return w;
}

static int fill_hit(nsc_hits *hs, nsc_hit *h, const nsc__side *q, const nsc__side *l,
                    const nsc__match *m, const evidence *ev, int nev, double score)
{
    nsc__arena *a = &hs->arena;
    h->score = score;
    h->ntok = (size_t)m->npair;
    h->tokens = nsc__arena_alloc(a, sizeof *h->tokens * (size_t)(m->npair ? m->npair : 1));
    h->nev = (size_t)nev + (m->in_order ? 1u : 0u);
    h->ev = nsc__arena_alloc(a, sizeof *h->ev * (h->nev ? h->nev : 1));
    char *ex = nsc__arena_alloc(a, 2048);
    if (!h->tokens || !h->ev || !ex) return NSC_ENOMEM;
    size_t w = 0;
    ex[0] = '\0';
    for (int i = 0; i < m->npair; i++) {
        const nsc__pair *p = &m->pair[i];
        char qt[256], lt[256];
        side_text(qt, sizeof qt, q, p->q0, p->qn);
        side_text(lt, sizeof lt, l, p->l0, p->ln);
        nsc_token_match *t = &h->tokens[i];
        t->query_token = p->qn ? nsc__arena_strdup(a, qt) : NULL;
        t->list_token = p->ln ? nsc__arena_strdup(a, lt) : NULL;
        if ((p->qn && !t->query_token) || (p->ln && !t->list_token)) return NSC_ENOMEM;
        t->kind = (nsc_match_kind)p->kind;
        t->similarity = p->s;
        t->edits = p->edits;
        t->weight = p->w;
        int k;
        if (p->qn && p->ln) {
            const char *rel = p->kind == NSC_MATCH_EXACT ? "=" : "~";
            if (p->kind == NSC_MATCH_FUZZY)
                k = snprintf(ex + w, 2048 - w, "%s%s%s%s (fuzzy, %d edit%s)", w ? "; " : "", qt, rel,
                             lt, p->edits, p->edits == 1 ? "" : "s");
            else
                k = snprintf(ex + w, 2048 - w, "%s%s%s%s (%s)", w ? "; " : "", qt, rel, lt,
                             nsc_match_kind_name((nsc_match_kind)p->kind));
        } else if (p->qn) {
            k = snprintf(ex + w, 2048 - w, "%s%s unmatched in query", w ? "; " : "", qt);
        } else {
            k = snprintf(ex + w, 2048 - w, "%s%s unmatched on list", w ? "; " : "", lt);
        }
        if (k > 0 && (size_t)k < 2048 - w) w += (size_t)k;
    }
    size_t e = 0;
    if (m->in_order) {
        h->ev[e].kind = NSC_EVIDENCE_ORDER;
        h->ev[e].delta = NSC_BONUS_ORDER;
        h->ev[e].detail = "tokens in the same order";
        e++;
    }
    for (int i = 0; i < nev; i++, e++) {
        h->ev[e].kind = ev[i].kind;
        h->ev[e].delta = ev[i].delta;
        h->ev[e].detail = nsc__arena_strdup(a, ev[i].detail);
        if (!h->ev[e].detail) return NSC_ENOMEM;
    }
    for (size_t i = 0; i < h->nev; i++) {
        int k = snprintf(ex + w, 2048 - w, "; %s %+.2f", h->ev[i].detail, h->ev[i].delta);
        if (k > 0 && (size_t)k < 2048 - w) w += (size_t)k;
    }
    if (h->kind == NSC_NAME_WEAK_ALIAS) {
        int k = snprintf(ex + w, 2048 - w, "; weak alias, matched closely");
        if (k > 0 && (size_t)k < 2048 - w) w += (size_t)k;
    }
    h->explanation = ex;
    return 0;
}

static nsc_hits *hits_new(const nsc__mem *mem, size_t n)
{
    nsc_hits *hs = nsc__calloc(mem, 1, sizeof *hs);
    if (!hs) return NULL;
    hs->mem = mem;
    nsc__arena_init(&hs->arena, mem);
    if (n && !(hs->hit = nsc__arena_alloc(&hs->arena, n * sizeof *hs->hit))) {
        nsc__free(mem, hs);
        return NULL;
    }
    return hs;
}

void nsc_hits_free(nsc_hits *hs)
{
    if (!hs) return;
    const nsc__mem *mem = hs->mem;
    nsc__arena_free(&hs->arena);
    nsc__free(mem, hs);
}

/* ---- the query --------------------------------------------------------------------------------- */

static int query_name(const nsc_query *q, char *buf, size_t cap, const char **name, size_t *len)
{
    if (q->name) {
        *name = q->name;
        *len = strlen(q->name);
    } else if (q->given || q->family) {
        int k = snprintf(buf, cap, "%s %s", q->given ? q->given : "", q->family ? q->family : "");
        if (k < 0 || (size_t)k >= cap) return NSC_ETOOLONG;
        *name = buf;
        *len = (size_t)k;
    } else {
        return NSC_EINVAL;
    }
    if (*len > NSC_MAX_NAME_BYTES) return NSC_ETOOLONG;
    if (!nsc__utf8_valid(*name, *len, NULL)) return NSC_EENCODING;
    return 0;
}

static void query_info(qinfo *qi, const nsc_query *q)
{
    memset(qi, 0, sizeof *qi);
    if (q->dob && *q->dob && nsc__date_parse(&qi->dob, q->dob, strlen(q->dob)) == 0)
        qi->has_dob = 1;
    if (q->country && *q->country &&
        nsc__country_code(qi->country, q->country, strlen(q->country)) == 0)
        qi->has_country = 1;
    if (q->id_number && *q->id_number) qi->idlen = norm_id(qi->id, sizeof qi->id, q->id_number);
}

/* Per-entity slots of the context, stamped with a fresh serial for this query. */
static int ent_slots(const nsc_engine *e, nsc__ctx *ctx)
{
    if (ctx->ent_cap < e->n_gentities + 1) {
        uint32_t *slot = nsc__malloc(&e->mem, (e->n_gentities + 1) * sizeof *slot);
        uint32_t *stamp = nsc__calloc(&e->mem, e->n_gentities + 1, sizeof *stamp);
        if (!slot || !stamp) {
            nsc__free(&e->mem, slot);
            nsc__free(&e->mem, stamp);
            return NSC_ENOMEM;
        }
        nsc__free(&e->mem, ctx->ent_slot);
        nsc__free(&e->mem, ctx->ent_stamp);
        ctx->ent_slot = slot;
        ctx->ent_stamp = stamp;
        ctx->ent_cap = e->n_gentities + 1;
    }
    if (++ctx->ent_serial == 0) {
        memset(ctx->ent_stamp, 0, ctx->ent_cap * sizeof *ctx->ent_stamp);
        ctx->ent_serial = 1;
    }
    return 0;
}

static int ctx_ready(const nsc_engine *e, nsc__ctx *ctx)
{
    if (!ctx->memo && !(ctx->memo = nsc__memo_new(&e->mem))) return NSC_ENOMEM;
    return 0;
}

int nsc__ctx_prepare(const nsc_engine *e, nsc__ctx *ctx)
{
    int rc;
    if ((rc = ctx_ready(e, ctx)) || (rc = ent_slots(e, ctx)) || (rc = nsc__index_prepare(ctx, e)))
        return rc;
    memset(ctx->ent_stamp, 0, ctx->ent_cap * sizeof *ctx->ent_stamp); /* pages written now */
    memset(ctx->ent_slot, 0, ctx->ent_cap * sizeof *ctx->ent_slot);
    return nsc__translit_prepare(ctx);
}

int nsc_screen(nsc_hits **out, const nsc_engine *e, const nsc_query *q,
               const nsc_screen_options *opts)
{
    if (!out) return NSC_EINVAL;
    *out = NULL;
    if (!e || !q) return NSC_EINVAL;
    if (q->version != NSC_QUERY_VERSION) return NSC_EVERSION;
    if (opts && opts->version != NSC_SCREEN_OPTIONS_VERSION) return NSC_EVERSION;
    if (!e->frozen) return NSC_ENOTFROZEN;
    char joined[NSC_MAX_NAME_BYTES + 2];
    const char *name;
    size_t len;
    int rc = query_name(q, joined, sizeof joined, &name, &len);
    if (rc) return rc;

    screen_state st;
    memset(&st, 0, sizeof st);
    st.e = e;
    st.threshold = opts && opts->threshold >= 0 ? opts->threshold : e->opts.threshold;
    long max_hits = opts && opts->max_hits >= 0 ? opts->max_hits : (long)e->opts.max_hits;
    st.type_mask = opts && opts->type_mask ? opts->type_mask : e->opts.type_mask;
    if (q->type != NSC_TYPE_UNKNOWN) /* a typed query meets its type, or an untyped entry */
        st.type_mask &= NSC_TYPE_BIT(q->type) | NSC_TYPE_BIT(NSC_TYPE_UNKNOWN);
    st.list_only = -1;
    if (opts && opts->list) {
        for (size_t i = 0; i < e->n_lists; i++)
            if (strcmp(e->lists[i]->name, opts->list) == 0) st.list_only = (long)i;
        if (st.list_only < 0) return NSC_ENOTFOUND;
    }
    if (opts && opts->only_ids) {
        st.only_ids = opts->only_ids;
        st.n_only_ids = opts->n_only_ids;
    }
    query_info(&st.qi, q);
    st.max_bonus = NSC_BONUS_ORDER + (st.qi.has_dob ? NSC_BONUS_DOB : 0) +
                   (st.qi.has_country ? NSC_BONUS_COUNTRY : 0) + (st.qi.idlen ? NSC_BONUS_ID : 0);

    nsc__ctx *ctx;
    if ((rc = nsc__ctx_acquire(e, &ctx))) return rc;
    st.ctx = ctx;
    if ((rc = ctx_ready(e, ctx))) goto done;
    if ((rc = nsc__prepare(ctx, &ctx->query, name, len, 0))) goto done;
    if ((rc = ent_slots(e, ctx))) goto done;
    st.slot_of = ctx->ent_slot;
    st.slot_stamp = ctx->ent_stamp;
    st.ent_serial = ctx->ent_serial;
    static __thread nsc__qtok runs[NSC_MAX_VARIANTS][NSC_MAX_RUNS];
    static __thread nsc__side qs[NSC_MAX_VARIANTS];
    double floor = st.threshold - st.max_bonus; /* no pair below it can lead to a hit */
    for (int v = 0; v < ctx->query.nv && !rc; v++) {
        nsc__side_from_pname(&qs[v], &ctx->query.v[v], runs[v]);
        if (qs[v].n == 0) continue;
        nsc__memo_reset(ctx->memo);
        if (e->opts.exhaustive) {
            st.bounded = 0;
            ctx->serial++;
            for (uint32_t ln = 0; ln < e->n_lnames && !rc; ln++) rc = consider(&st, ln, &qs[v], v);
        } else {
            rc = nsc__index_candidates(e, ctx, &qs[v], floor, st.threshold, st.max_bonus);
            st.bounded = 1;
            /* candidates are scattered over the index: fetch ahead (names, then their tokens) */
            for (size_t i = 0; i < ctx->n_cands && !rc; i++) {
                if (i + 16 < ctx->n_cands) __builtin_prefetch(&e->lnames[ctx->cands[i + 16]]);
                if (i + 8 < ctx->n_cands) {
                    const nsc__lname *ahead = &e->lnames[ctx->cands[i + 8]];
                    __builtin_prefetch(&e->ltok[ahead->tok_off]);
                    __builtin_prefetch(&e->lweight[ahead->tok_off]);
                }
                if (i + 4 < ctx->n_cands) { /* then the bests of its tokens */
                    const nsc__lname *ahead = &e->lnames[ctx->cands[i + 4]];
                    for (int j = 0; j < ahead->ntok && j < 4; j++)
                        __builtin_prefetch(&ctx->best[e->ltok[ahead->tok_off + (uint32_t)j]]);
                }
                rc = consider(&st, ctx->cands[i], &qs[v], v);
            }
        }
    }
    if (rc) goto done;
    tl_engine = e;
    if (st.n_found > 1) qsort(st.found, st.n_found, sizeof *st.found, best_cmp);
    size_t n = st.n_found;
    int truncated = 0;
    if (max_hits > 0 && n > (size_t)max_hits) {
        n = (size_t)max_hits;
        truncated = 1;
    }
    nsc_hits *hs = hits_new(&e->mem, n);
    if (!hs) {
        rc = NSC_ENOMEM;
        goto done;
    }
    hs->truncated = truncated;
    for (size_t i = 0; i < n && !rc; i++) {
        const best *b = &st.found[i];
        const nsc__lname *ln = &e->lnames[b->lname];
        const nsc__list *l = e->lists[ln->list];
        const nsc__entity *ent = l->entities[ln->entity];
        nsc_hit *h = &hs->hit[hs->n++];
        h->list = l->name;
        h->id = ent->id;
        h->type = (nsc_entity_type)ent->type;
        h->matched = ln->name->text;
        h->kind = (nsc_name_kind)ln->name->kind;
        h->primary = ent->names ? ent->names->text : "";
        h->version = l->xxh128_hex;
        h->programs = join_texts(&hs->arena, ent->programs);
        h->xrefs = join_texts(&hs->arena, ent->xrefs);
        if (!h->programs || !h->xrefs) {
            rc = NSC_ENOMEM;
            break;
        }
        nsc__side ls;
        nsc__lname_side(e, b->lname, &ls);
        nsc__match m;
        nsc__score_sides(&m, &qs[b->variant], &ls, NULL);
        evidence ev[4];
        int nev;
        evidence_for(&st.qi, ent, ev, &nev);
        rc = fill_hit(hs, h, &qs[b->variant], &ls, &m, ev, nev, b->score);
    }
    if (rc) nsc_hits_free(hs);
    else *out = hs;
done:
    nsc__free(&e->mem, st.found);
    nsc__ctx_release(e, ctx);
    return rc;
}

int nsc_compare(nsc_hits **out, const nsc_engine *e, const nsc_query *q, const char *other)
{
    if (!out) return NSC_EINVAL;
    *out = NULL;
    if (!e || !q || !other) return NSC_EINVAL;
    if (q->version != NSC_QUERY_VERSION) return NSC_EVERSION;
    if (!e->frozen) return NSC_ENOTFROZEN;
    char joined[NSC_MAX_NAME_BYTES + 2];
    const char *name;
    size_t len, olen = strlen(other);
    int rc = query_name(q, joined, sizeof joined, &name, &len);
    if (rc) return rc;
    if (olen > NSC_MAX_NAME_BYTES) return NSC_ETOOLONG;
    if (!nsc__utf8_valid(other, olen, NULL)) return NSC_EENCODING;
    nsc__ctx *ctx;
    if ((rc = nsc__ctx_acquire(e, &ctx))) return rc;
    if ((rc = nsc__prepare(ctx, &ctx->query, name, len, 0)) ||
        (rc = nsc__prepare(ctx, &ctx->other, other, olen, 0)))
        goto done;
    static __thread nsc__qtok qruns[NSC_MAX_RUNS], lruns[NSC_MAX_RUNS];
    static __thread nsc__side qs, ls, bq, bl;
    nsc__match m, bm;
    double bs = -1;
    for (int i = 0; i < ctx->query.nv; i++)
        for (int j = 0; j < ctx->other.nv; j++) {
            if (ctx->query.v[i].lossy && ctx->other.v[j].lossy) continue;
            nsc__side_from_pname(&qs, &ctx->query.v[i], qruns);
            nsc__side_from_pname(&ls, &ctx->other.v[j], lruns);
            nsc__score_sides(&m, &qs, &ls, NULL);
            double s = final_score(&m, NULL, NULL, 0);
            if (s > bs) {
                bs = s;
                bm = m;
                /* the runs live in qruns/lruns: rebuild them for the best pair below */
                bq.n = i;
                bl.n = j;
            }
        }
    int bi = bq.n, bj = bl.n;
    static __thread nsc__qtok bqr[NSC_MAX_RUNS], blr[NSC_MAX_RUNS];
    nsc__side_from_pname(&bq, &ctx->query.v[bi], bqr);
    nsc__side_from_pname(&bl, &ctx->other.v[bj], blr);
    nsc_hits *hs = hits_new(&e->mem, 1);
    if (!hs) {
        rc = NSC_ENOMEM;
        goto done;
    }
    nsc_hit *h = &hs->hit[hs->n++];
    h->list = h->id = h->programs = h->xrefs = "";
    h->version = "";
    h->type = q->type;
    h->matched = h->primary = nsc__arena_strdup(&hs->arena, other);
    h->kind = NSC_NAME_PRIMARY;
    if (!h->matched || (rc = fill_hit(hs, h, &bq, &bl, &bm, NULL, 0, bs))) {
        nsc_hits_free(hs);
        rc = rc ? rc : NSC_ENOMEM;
        goto done;
    }
    *out = hs;
done:
    nsc__ctx_release(e, ctx);
    return rc;
}

long nsc_normalize(char *buf, size_t cap, const char *name)
{
    if (!name || (!buf && cap)) return NSC_EINVAL;
    size_t len = strlen(name);
    if (len > NSC_MAX_NAME_BYTES) return NSC_ETOOLONG;
    if (!nsc__utf8_valid(name, len, NULL)) return NSC_EENCODING;
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static nsc_engine *eng; /* a private engine for its context pool */
    pthread_mutex_lock(&lock);
    int rc = eng ? 0 : nsc_engine_new(&eng, NULL);
    pthread_mutex_unlock(&lock);
    if (rc) return rc;
    nsc__ctx *ctx;
    if ((rc = nsc__ctx_acquire(eng, &ctx))) return rc;
    static __thread char var[NSC_MAX_VARIANTS][NSC_MAX_NAME_BYTES];
    unsigned flags, lossy;
    int nv = nsc__romanize(ctx, name, len, var, 1, &flags, &lossy);
    nsc__ctx_release(eng, ctx);
    if (nv < 0) return nv;
    size_t n = strlen(var[0]);
    if (cap) {
        size_t k = n < cap - 1 ? n : cap - 1;
        memcpy(buf, var[0], k);
        buf[k] = '\0';
    }
    return (long)n;
}

/* ---- hit accessors ------------------------------------------------------------------------------ */

size_t nsc_hits_count(const nsc_hits *hs) { return hs ? hs->n : 0; }
const nsc_hit *nsc_hits_get(const nsc_hits *hs, size_t i) { return hs && i < hs->n ? &hs->hit[i] : NULL; }
const nsc_hit *nsc_hits_next(nsc_hits *hs) { return hs && hs->iter < hs->n ? &hs->hit[hs->iter++] : NULL; }
int nsc_hits_truncated(const nsc_hits *hs) { return hs ? hs->truncated : 0; }
double nsc_hit_score(const nsc_hit *h) { return h ? h->score : 0.0; }
const char *nsc_hit_list(const nsc_hit *h) { return h ? h->list : ""; }
const char *nsc_hit_entity_id(const nsc_hit *h) { return h ? h->id : ""; }
nsc_entity_type nsc_hit_entity_type(const nsc_hit *h) { return h ? h->type : NSC_TYPE_UNKNOWN; }
const char *nsc_hit_matched_name(const nsc_hit *h) { return h ? h->matched : ""; }
nsc_name_kind nsc_hit_name_kind(const nsc_hit *h) { return h ? h->kind : NSC_NAME_PRIMARY; }
const char *nsc_hit_primary_name(const nsc_hit *h) { return h ? h->primary : ""; }
const char *nsc_hit_programs(const nsc_hit *h) { return h ? h->programs : ""; }
const char *nsc_hit_list_version(const nsc_hit *h) { return h ? h->version : ""; }
const char *nsc_hit_scoring_version(const nsc_hit *h) { (void)h; return NSC_SCORING_VERSION; }
const char *nsc_hit_xrefs(const nsc_hit *h) { return h ? h->xrefs : ""; }
size_t nsc_hit_token_count(const nsc_hit *h) { return h ? h->ntok : 0; }
const nsc_token_match *nsc_hit_token(const nsc_hit *h, size_t i) { return h && i < h->ntok ? &h->tokens[i] : NULL; }
size_t nsc_hit_evidence_count(const nsc_hit *h) { return h ? h->nev : 0; }
const nsc_evidence *nsc_hit_evidence(const nsc_hit *h, size_t i) { return h && i < h->nev ? &h->ev[i] : NULL; }
const char *nsc_hit_explanation(const nsc_hit *h) { return h ? h->explanation : ""; }
