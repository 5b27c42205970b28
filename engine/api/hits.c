/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/hits.c: building hit sets (explanations, token pairings, evidence) and their accessors.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "api/engine.h"
#include "api/hits.h"
#include "match/params.h"

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

/* The explanation being written: a part that does not fit is left out (the next part is
 * written where it began). */
#define EXPLANATION_CAP 2048
typedef struct exbuf {
    char *p;
    size_t w;
} exbuf;

static void ex_printf(exbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ex_printf(exbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(b->p + b->w, EXPLANATION_CAP - b->w, fmt, ap);
    va_end(ap);
    if (k > 0 && (size_t)k < EXPLANATION_CAP - b->w) b->w += (size_t)k;
}

int nsc__hit_fill(nsc_hits *hs, nsc_hit *h, const nsc__side *q, const nsc__side *l,
                  const nsc__match *m, const nsc__evidence_item *ev, int nev, double score)
{
    nsc__arena *a = &hs->arena;
    h->score = score;
    h->ntok = (size_t)m->npair;
    h->tokens = nsc__arena_alloc(a, sizeof *h->tokens * (size_t)(m->npair ? m->npair : 1));
    h->nev = (size_t)nev + (m->in_order ? 1u : 0u);
    h->ev = nsc__arena_alloc(a, sizeof *h->ev * (h->nev ? h->nev : 1));
    exbuf ex = { nsc__arena_alloc(a, EXPLANATION_CAP), 0 };
    if (!h->tokens || !h->ev || !ex.p) return NSC_ENOMEM;
    ex.p[0] = '\0';
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
        const char *sep = ex.w ? "; " : "";
        if (p->qn && p->ln) {
            const char *rel = p->kind == NSC_MATCH_EXACT ? "=" : "~";
            if (p->kind == NSC_MATCH_FUZZY)
                ex_printf(&ex, "%s%s%s%s (fuzzy, %d edit%s)", sep, qt, rel, lt, p->edits,
                          p->edits == 1 ? "" : "s");
            else
                ex_printf(&ex, "%s%s%s%s (%s)", sep, qt, rel, lt,
                          nsc_match_kind_name((nsc_match_kind)p->kind));
        } else if (p->qn) {
            ex_printf(&ex, "%s%s unmatched in query", sep, qt);
        } else {
            ex_printf(&ex, "%s%s unmatched on list", sep, lt);
        }
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
    for (size_t i = 0; i < h->nev; i++)
        ex_printf(&ex, "; %s %+.2f", h->ev[i].detail, h->ev[i].delta);
    if (h->kind == NSC_NAME_WEAK_ALIAS) ex_printf(&ex, "; weak alias, matched closely");
    h->explanation = ex.p;
    return 0;
}

nsc_hits *nsc__hits_new(const nsc_engine *e, size_t n)
{
    const nsc__mem *mem = &e->mem;
    nsc_hits *hs = nsc__calloc(mem, 1, sizeof *hs);
    if (!hs) return NULL;
    hs->mem = mem;
    nsc__arena_init(&hs->arena, mem);
    if (n && !(hs->hit = nsc__arena_alloc(&hs->arena, n * sizeof *hs->hit))) {
        nsc__free(mem, hs);
        return NULL;
    }
    hs->engine = e;
    nsc__engine_hold(e);
    return hs;
}

void nsc_hits_free(nsc_hits *hs)
{
    if (!hs) return;
    const nsc__mem *mem = hs->mem;
    const nsc_engine *e = hs->engine;
    nsc__arena_free(&hs->arena);
    nsc__free(mem, hs);
    nsc__engine_release(e); /* last: it may free the memory hook's owner */
}

const char *nsc__hits_join(nsc_hits *hs, const nsc__text *t) { return join_texts(&hs->arena, t); }

size_t nsc_hits_count(const nsc_hits *hs) { return hs ? hs->n : 0; }
const nsc_hit *nsc_hits_get(const nsc_hits *hs, size_t i)
{
    return hs && i < hs->n ? &hs->hit[i] : NULL;
}
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
const char *nsc_hit_scoring_version(const nsc_hit *h)
{
    (void)h;
    return NSC_SCORING_VERSION;
}
const char *nsc_hit_xrefs(const nsc_hit *h) { return h ? h->xrefs : ""; }
size_t nsc_hit_token_count(const nsc_hit *h) { return h ? h->ntok : 0; }
const nsc_token_match *nsc_hit_token(const nsc_hit *h, size_t i)
{
    return h && i < h->ntok ? &h->tokens[i] : NULL;
}
size_t nsc_hit_evidence_count(const nsc_hit *h) { return h ? h->nev : 0; }
const nsc_evidence *nsc_hit_evidence(const nsc_hit *h, size_t i)
{
    return h && i < h->nev ? &h->ev[i] : NULL;
}
const char *nsc_hit_explanation(const nsc_hit *h) { return h ? h->explanation : ""; }
