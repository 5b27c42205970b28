/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/json.c: the one JSON form of a hit and of a list entity (nsc_hit_json, nsc_entity_json),
 * which the command-line tool and every other interface on the library print, so their fields
 * cannot drift. Keys come in a fixed order and every key is always present (empty arrays,
 * null), so the same hit gives the same bytes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "api/hits.h"
#include "model/list.h"

/* A writer with snprintf's contract: writes what fits into buf (always NUL-terminated when
 * cap > 0) and counts the whole length. */
typedef struct jw {
    char *buf;
    size_t cap, len;
} jw;

static void put(jw *w, const char *s, size_t n)
{
    if (w->len + 1 < w->cap) {
        size_t room = w->cap - 1 - w->len;
        memcpy(w->buf + w->len, s, n < room ? n : room);
    }
    w->len += n;
}

static void puts_(jw *w, const char *s) { put(w, s, strlen(s)); }

static void printf_(jw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void printf_(jw *w, const char *fmt, ...)
{
    char tmp[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0) put(w, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* Length of the well-formed UTF-8 sequence at p, 0 when there is none. */
static size_t utf8_len(const unsigned char *p)
{
    unsigned c = p[0], lo = 0x80, hi = 0xBF;
    size_t n;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else
        return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if (p[i] < 0x80 || p[i] > 0xBF) return 0;
    return n;
}

/* A JSON string; NULL is null. Control characters are escaped; a byte that is not UTF-8
 * becomes U+FFFD (list text is checked at load, so this only guards). */
static void str(jw *w, const char *s)
{
    if (!s) {
        puts_(w, "null");
        return;
    }
    const unsigned char *p = (const unsigned char *)s;
    put(w, "\"", 1);
    while (*p) {
        const unsigned char *run = p;
        while (*p >= 0x20 && *p < 0x7F && *p != '"' && *p != '\\') p++;
        put(w, (const char *)run, (size_t)(p - run));
        if (!*p) break;
        if (*p == '"' || *p == '\\') {
            char esc[2] = { '\\', (char)*p++ };
            put(w, esc, 2);
        } else if (*p < 0x20 || *p == 0x7F) {
            printf_(w, "\\u%04x", (unsigned)*p++);
        } else {
            size_t n = utf8_len(p);
            if (!n) {
                puts_(w, "\\ufffd");
                p++;
            } else {
                put(w, (const char *)p, n);
                p += n;
            }
        }
    }
    put(w, "\"", 1);
}

/* ,"key": (first: no comma) */
static void key(jw *w, const char *k, int first)
{
    if (!first) put(w, ",", 1);
    str(w, k);
    put(w, ":", 1);
}

static void kv(jw *w, const char *k, const char *v, int first)
{
    key(w, k, first);
    str(w, v);
}

/* Four decimals, as every namescreen output writes scores; no negative zero. */
static void num4(jw *w, double x)
{
    if (x > -0.00005 && x < 0.00005) x = 0.0;
    printf_(w, "%.4f", x);
}

static void texts(jw *w, const char *k, const nsc__text *t)
{
    key(w, k, 0);
    put(w, "[", 1);
    for (const nsc__text *p = t; p; p = p->next) {
        if (p != t) put(w, ",", 1);
        str(w, p->text);
    }
    put(w, "]", 1);
}

static const char *const PART_NAMES[NSC_PART_COUNT] = {
    "other",      "given",    "middle", "family", "maiden",   "patronymic",
    "matronymic", "nickname", "entity", "vessel", "aircraft",
};

static const char *part_name(unsigned t) { return t < NSC_PART_COUNT ? PART_NAMES[t] : "other"; }

static const char *role_name(unsigned r)
{
    switch (r) {
    case NSC_COUNTRY_NATIONALITY: return "nationality";
    case NSC_COUNTRY_CITIZENSHIP: return "citizenship";
    case NSC_COUNTRY_ADDRESS: return "address";
    case NSC_COUNTRY_BIRTH: return "birth";
    default: return "other";
    }
}

static const char *id_type_name(unsigned t)
{
    static const char *const names[] = {
        "other", "passport", "national-id", "tax-id", "registration", "imo",
        "mmsi",  "bic",      "lei",         "crypto", "aircraft",
    };
    return t < sizeof names / sizeof names[0] ? names[t] : "other";
}

static const char *gender_name(unsigned g)
{
    return g == NSC_GENDER_MALE ? "male" : g == NSC_GENDER_FEMALE ? "female" : NULL;
}

static void name_list(jw *w, const nsc__entity *e)
{
    key(w, "names", 0);
    put(w, "[", 1);
    for (const nsc__name *n = e->names; n; n = n->next) {
        if (n != e->names) put(w, ",", 1);
        put(w, "{", 1);
        kv(w, "name", n->text, 1);
        kv(w, "kind", nsc_name_kind_name((nsc_name_kind)n->kind), 0);
        kv(w, "script", n->script, 0);
        key(w, "original_script", 0);
        puts_(w, n->flags & NSC_NAMEF_ORIGINAL_SCRIPT ? "true" : "false");
        key(w, "parts", 0);
        put(w, "[", 1);
        for (const nsc__name_part *p = n->parts; p; p = p->next) {
            if (p != n->parts) put(w, ",", 1);
            put(w, "{", 1);
            kv(w, "type", part_name(p->type), 1);
            kv(w, "value", p->text, 0);
            put(w, "}", 1);
        }
        put(w, "]}", 2);
    }
    put(w, "]", 1);
}

static void entity(jw *w, const nsc__entity *e)
{
    const nsc__list *l = e->list;
    char hash[33];
    nsc__hash_hex(hash, e->content_hash);
    put(w, "{", 1);
    kv(w, "list", l ? l->name : "", 1);
    kv(w, "list_version", l ? l->xxh128_hex : "", 0);
    kv(w, "id", e->id, 0);
    kv(w, "type", nsc_entity_type_name((nsc_entity_type)e->type), 0);
    kv(w, "content_hash", hash, 0);
    kv(w, "primary_name", e->names ? e->names->text : "", 0);
    name_list(w, e);
    kv(w, "gender", gender_name(e->gender), 0);
    key(w, "dates_of_birth", 0);
    put(w, "[", 1);
    for (const nsc__dob *d = e->dobs; d; d = d->next) {
        char b[32];
        nsc__date_format(b, &d->date);
        if (d != e->dobs) put(w, ",", 1);
        str(w, b);
    }
    put(w, "]", 1);
    texts(w, "places_of_birth", e->birthplaces);
    key(w, "countries", 0);
    put(w, "[", 1);
    for (const nsc__country *c = e->countries; c; c = c->next) {
        if (c != e->countries) put(w, ",", 1);
        put(w, "{", 1);
        kv(w, "role", role_name(c->role), 1);
        kv(w, "code", c->code[0] ? c->code : NULL, 0);
        kv(w, "text", c->text, 0);
        put(w, "}", 1);
    }
    put(w, "]", 1);
    key(w, "identifiers", 0);
    put(w, "[", 1);
    for (const nsc__ident *i = e->idents; i; i = i->next) {
        if (i != e->idents) put(w, ",", 1);
        put(w, "{", 1);
        kv(w, "type", id_type_name(i->type), 1);
        kv(w, "value", i->value, 0);
        kv(w, "label", i->label, 0);
        kv(w, "country", i->country, 0);
        kv(w, "issued", i->issued, 0);
        kv(w, "expires", i->expires, 0);
        kv(w, "authority", i->authority, 0);
        put(w, "}", 1);
    }
    put(w, "]", 1);
    texts(w, "programs", e->programs);
    kv(w, "listed", e->listed, 0);
    texts(w, "addresses", e->addresses);
    key(w, "details", 0);
    put(w, "[", 1);
    for (const nsc__detail *d = e->details; d; d = d->next) {
        if (d != e->details) put(w, ",", 1);
        put(w, "{", 1);
        kv(w, "key", d->key, 1);
        kv(w, "value", d->value, 0);
        put(w, "}", 1);
    }
    put(w, "]", 1);
    texts(w, "xrefs", e->xrefs);
    texts(w, "linked_to", e->links);
    kv(w, "remarks", e->remarks, 0);
    put(w, "}", 1);
}

static long finish(jw *w)
{
    if (w->cap) w->buf[w->len < w->cap ? w->len : w->cap - 1] = '\0';
    return (long)w->len;
}

long nsc_entity_json(char *buf, size_t cap, const nsc_entity *e)
{
    if (!e || (!buf && cap)) return NSC_EINVAL;
    jw w = { buf, cap, 0 };
    entity(&w, e);
    return finish(&w);
}

long nsc_hit_json(char *buf, size_t cap, const nsc_hit *h, unsigned flags)
{
    if (!h || (!buf && cap) || (flags & ~(unsigned)NSC_JSON_ENTITY)) return NSC_EINVAL;
    jw w = { buf, cap, 0 };
    put(&w, "{", 1);
    key(&w, "score", 1);
    num4(&w, h->score);
    kv(&w, "list", h->list, 0);
    kv(&w, "entity_id", h->id, 0);
    kv(&w, "entity_type", nsc_entity_type_name(h->type), 0);
    kv(&w, "matched_name", h->matched, 0);
    kv(&w, "name_kind", nsc_name_kind_name(h->kind), 0);
    kv(&w, "primary_name", h->primary, 0);
    kv(&w, "programs", h->programs, 0);
    kv(&w, "xrefs", h->xrefs, 0);
    kv(&w, "list_version", h->version, 0);
    kv(&w, "scoring_version", NSC_SCORING_VERSION, 0);
    char hash[33];
    if (h->entity) nsc__hash_hex(hash, h->entity->content_hash);
    kv(&w, "content_hash", h->entity ? hash : NULL, 0);
    kv(&w, "explanation", h->explanation, 0);
    key(&w, "tokens", 0);
    put(&w, "[", 1);
    for (size_t i = 0; i < h->ntok; i++) {
        const nsc_token_match *t = &h->tokens[i];
        if (i) put(&w, ",", 1);
        put(&w, "{", 1);
        kv(&w, "q", t->query_token, 1);
        kv(&w, "l", t->list_token, 0);
        kv(&w, "kind", nsc_match_kind_name(t->kind), 0);
        key(&w, "sim", 0);
        num4(&w, t->similarity);
        key(&w, "weight", 0);
        num4(&w, t->weight);
        if (t->kind == NSC_MATCH_FUZZY) {
            key(&w, "edits", 0);
            printf_(&w, "%d", t->edits);
        }
        put(&w, "}", 1);
    }
    put(&w, "]", 1);
    key(&w, "evidence", 0);
    put(&w, "[", 1);
    for (size_t i = 0; i < h->nev; i++) {
        const nsc_evidence *v = &h->ev[i];
        if (i) put(&w, ",", 1);
        put(&w, "{", 1);
        kv(&w, "kind", nsc_evidence_kind_name(v->kind), 1);
        key(&w, "delta", 0);
        num4(&w, v->delta);
        kv(&w, "detail", v->detail ? v->detail : "", 0);
        put(&w, "}", 1);
    }
    put(&w, "]", 1);
    if (flags & NSC_JSON_ENTITY) {
        key(&w, "entity", 0);
        if (h->entity)
            entity(&w, h->entity);
        else
            puts_(&w, "null");
    }
    put(&w, "}", 1);
    return finish(&w);
}
