/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/screen.c: screening a query against the frozen engine and comparing two names: gather
 * candidates (match/retrieve.h, or every list name when exhaustive), score each, apply evidence
 * (date of birth, country, identifier, order), keep the best name per entity, sort, explain.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "api/ctx.h"
#include "api/engine.h"
#include "api/evidence.h"
#include "api/hits.h"
#include "match/params.h"
#include "match/retrieve.h"
#include "util/utf8.h"

/* ---- screening --------------------------------------------------------------------------------- */

typedef struct best {
    double score;
    uint32_t lname;
    int variant;
    /* the sort keys after the score (best_cmp): list, id as a number when it is one, id */
    uint32_t list;
    int numeric;
    uint64_t nkey;
    const char *id;
} best;

typedef struct screen_state {
    const nsc_engine *e;
    nsc__ctx *ctx;
    double threshold;
    unsigned type_mask;
    long list_only; /* list index or -1 */
    const char *const *only_ids;
    size_t n_only_ids;
    nsc__qinfo qi;
    int qscript; /* the script of the query's first letter (first_script) */
    /* entity number -> best so far, kept sparse */
    best *found;
    uint32_t *found_g;
    size_t n_found, cap_found;
    int bounded;      /* candidates come from the index: prune them by nsc__candidate_bound */
    double max_bonus; /* the most the order and the query's evidence can add */
} screen_state;

/* The ICU script code of the first letter of s that has a script of its own (not Common or
 * Inherited), or USCRIPT_COMMON when none has. */
static int first_script(const char *s)
{
    int32_t i = 0, n = (int32_t)strlen(s);
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) continue;
        UErrorCode err = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(c, &err);
        if (U_SUCCESS(err) && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) return (int)sc;
    }
    return USCRIPT_COMMON;
}

/* Whether list name a is preferred to list name b when the two score the same: the one written
 * in the query's script (倪高彬 is shown as the list's 倪高彬, not as its "NI, Gaobin"), then the
 * lower lname, so that the order candidates come in does not matter. */
static int tie_prefers(const screen_state *st, uint32_t a, uint32_t b)
{
    const nsc__frozen *fz = &st->e->fz;
    int sa = first_script(fz->lnames[a].name->text) == st->qscript;
    int sb = first_script(fz->lnames[b].name->text) == st->qscript;
    return sa != sb ? sa : a < b;
}

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
static double final_score(const nsc__match *m, const nsc__name *nm, const nsc__evidence_item *ev,
                          int nev)
{
    double s = m->score;
    if (nm && nm->kind == NSC_NAME_WEAK_ALIAS && s < NSC_WEAK_ALIAS_MIN) return -1;
    if (m->in_order) s += NSC_BONUS_ORDER;
    for (int i = 0; i < nev; i++) s += ev[i].delta;
    if (s > 1.0) s = 1.0;
    if (s < 0.0) s = 0.0;
    if (!m->all_exact && s > NSC_NON_EXACT_CAP) s = NSC_NON_EXACT_CAP;
    return s;
}

/* Scores one candidate lname with query variant v; ci is its place among the index's candidates
 * (ms->cands, for the bound when st->bounded). */
static int consider(screen_state *st, uint32_t lnidx, size_t ci, const nsc__side *q, int v)
{
    const nsc__frozen *e = &st->e->fz;
    const nsc__lname *ln = &e->lnames[lnidx];
    if (ln->lossy && st->ctx->query.v[v].lossy) return 0;
    if (!lname_allowed(st, ln)) return 0;
    if (st->bounded &&
        nsc__candidate_bound(e, &st->ctx->match, ci, st->max_bonus) < st->threshold - 1e-12)
        return 0;
    const nsc__entity *ent = e->lists[ln->list]->entities[ln->entity];
    if (!entity_allowed(st, ent)) return 0;
    nsc__side ls;
    nsc__lname_side(e, lnidx, &ls);
    nsc__evidence_item ev[4];
    int nev;
    nsc__evidence_for(&st->qi, ent, ev, &nev);
    nsc__match m;
    nsc__score_sides(&m, q, &ls, st->ctx->match.memo, &st->ctx->match.score);
    double s = final_score(&m, ln->name, ev, nev);
    if (s < st->threshold - 1e-12) return 0;
    int fresh;
    struct nsc__ent_slot *es = nsc__ctx_ent_put(st->e, st->ctx, ln->gentity, &fresh);
    if (!es) return NSC_ENOMEM;
    if (!fresh) {
        best *b = &st->found[es->found];
        if (s > b->score || (s == b->score && tie_prefers(st, lnidx, b->lname))) {
            b->score = s;
            b->lname = lnidx;
            b->variant = v;
        }
        return 0;
    }
    if (nsc__grow(e->mem, (void **)&st->found, &st->cap_found, st->n_found + 1, sizeof *st->found))
        return NSC_ENOMEM;
    es->found = (uint32_t)st->n_found;
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

/* Sets the sort keys of b (best_cmp) from its lname. */
static void best_keys(best *b, const nsc__frozen *fz)
{
    const nsc__lname *ln = &fz->lnames[b->lname];
    b->list = ln->list;
    b->id = fz->lists[ln->list]->entities[ln->entity]->id;
    b->nkey = natural_key(b->id, &b->numeric);
}

/* Best first: score, then list load order, then id in natural order, then lname. */
static int best_cmp(const void *a, const void *b)
{
    const best *x = a, *y = b;
    if (x->score != y->score) return x->score < y->score ? 1 : -1;
    if (x->list != y->list) return x->list < y->list ? -1 : 1;
    if (x->numeric && y->numeric && x->nkey != y->nkey) return x->nkey < y->nkey ? -1 : 1;
    if (x->numeric != y->numeric) return x->numeric ? -1 : 1;
    int c = strcmp(x->id, y->id);
    if (c) return c;
    return (x->lname > y->lname) - (x->lname < y->lname);
}

/* ---- building hit sets ------------------------------------------------------------------------ */

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
    nsc__query_info(&st.qi, q);
    st.qscript = first_script(name);
    st.max_bonus = NSC_BONUS_ORDER + (st.qi.has_dob ? NSC_BONUS_DOB : 0) +
                   (st.qi.has_country ? NSC_BONUS_COUNTRY : 0) + (st.qi.idlen ? NSC_BONUS_ID : 0);

    nsc__ctx *ctx;
    if ((rc = nsc__ctx_acquire(e, &ctx))) return rc;
    st.ctx = ctx;
    if ((rc = nsc__ctx_memo(e, ctx))) goto done;
    if ((rc = nsc__prepare(&ctx->text, &ctx->query, name, len, NSC_PREP_OF_TYPE(q->type))))
        goto done;
    if ((rc = nsc__ctx_ent_slots(e, ctx))) goto done;
    const nsc__frozen *fz = &e->fz;
    nsc__match_scratch *ms = &ctx->match;
    nsc__side *qs = ctx->sides;
    double floor = st.threshold - st.max_bonus; /* no pair below it can lead to a hit */
    for (int v = 0; v < ctx->query.nv && !rc; v++) {
        nsc__side_from_pname(&qs[v], &ctx->query.v[v], ctx->runs[v]);
        if (qs[v].n == 0) continue;
        nsc__memo_reset(ms->memo);
        if (e->opts.exhaustive) {
            st.bounded = 0;
            ms->serial++;
            for (uint32_t ln = 0; ln < fz->n_lnames && !rc; ln++)
                rc = consider(&st, ln, 0, &qs[v], v);
        } else {
            rc = nsc__index_candidates(fz, ms, &qs[v], floor, st.threshold, st.max_bonus);
            st.bounded = 1;
            for (size_t i = 0; i < ms->n_cands && !rc; i++) {
                nsc__candidate_prefetch(fz, ms, i);
                rc = consider(&st, ms->cands[i], i, &qs[v], v);
            }
        }
    }
    if (rc) goto done;
    for (size_t i = 0; i < st.n_found; i++) best_keys(&st.found[i], fz);
    if (st.n_found > 1) qsort(st.found, st.n_found, sizeof *st.found, best_cmp);
    size_t n = st.n_found;
    int truncated = 0;
    if (max_hits > 0 && n > (size_t)max_hits) {
        n = (size_t)max_hits;
        truncated = 1;
    }
    nsc_hits *hs = nsc__hits_new(e, n);
    if (!hs) {
        rc = NSC_ENOMEM;
        goto done;
    }
    hs->truncated = truncated;
    for (size_t i = 0; i < n && !rc; i++) {
        const best *b = &st.found[i];
        const nsc__lname *ln = &fz->lnames[b->lname];
        const nsc__list *l = e->lists[ln->list];
        const nsc__entity *ent = l->entities[ln->entity];
        nsc_hit *h = &hs->hit[hs->n++];
        h->entity = ent;
        h->list = l->name;
        h->id = ent->id;
        h->type = (nsc_entity_type)ent->type;
        h->matched = ln->name->text;
        h->kind = (nsc_name_kind)ln->name->kind;
        h->primary = ent->names ? ent->names->text : "";
        h->version = l->xxh128_hex;
        h->programs = nsc__hits_join(hs, ent->programs);
        h->xrefs = nsc__hits_join(hs, ent->xrefs);
        if (!h->programs || !h->xrefs) {
            rc = NSC_ENOMEM;
            break;
        }
        nsc__side ls;
        nsc__lname_side(fz, b->lname, &ls);
        nsc__match m;
        nsc__score_sides(&m, &qs[b->variant], &ls, NULL, &ms->score);
        nsc__evidence_item ev[4];
        int nev;
        nsc__evidence_for(&st.qi, ent, ev, &nev);
        rc = nsc__hit_fill(hs, h, &qs[b->variant], &ls, &m, ev, nev, b->score);
    }
    if (rc)
        nsc_hits_free(hs);
    else
        *out = hs;
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
    /* the two names are of the query's type */
    unsigned kind = NSC_PREP_OF_TYPE(q->type);
    if ((rc = nsc__prepare(&ctx->text, &ctx->query, name, len, kind)) ||
        (rc = nsc__prepare(&ctx->text, &ctx->other, other, olen, kind)))
        goto done;
    nsc__side *qs = &ctx->sides[0], *ls = &ctx->sides[1], *bq = &ctx->osides[0],
              *bl = &ctx->osides[1];
    nsc__score_scratch *sc = &ctx->match.score;
    nsc__match m, bm;
    double bs = -1;
    int bi = 0, bj = 0;
    for (int i = 0; i < ctx->query.nv; i++)
        for (int j = 0; j < ctx->other.nv; j++) {
            if (ctx->query.v[i].lossy && ctx->other.v[j].lossy) continue;
            nsc__side_from_pname(qs, &ctx->query.v[i], ctx->runs[0]);
            nsc__side_from_pname(ls, &ctx->other.v[j], ctx->runs[1]);
            nsc__score_sides(&m, qs, ls, NULL, sc);
            double s = final_score(&m, NULL, NULL, 0);
            if (s > bs) {
                bs = s;
                bm = m;
                bi = i;
                bj = j;
            }
        }
    /* the runs of the sides above are overwritten at each pair: rebuild the best pair's */
    nsc__side_from_pname(bq, &ctx->query.v[bi], ctx->oruns[0]);
    nsc__side_from_pname(bl, &ctx->other.v[bj], ctx->oruns[1]);
    nsc_hits *hs = nsc__hits_new(e, 1);
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
    if (!h->matched || (rc = nsc__hit_fill(hs, h, bq, bl, &bm, NULL, 0, bs))) {
        nsc_hits_free(hs);
        rc = rc ? rc : NSC_ENOMEM;
        goto done;
    }
    *out = hs;
done:
    nsc__ctx_release(e, ctx);
    return rc;
}
