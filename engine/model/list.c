/* SPDX-License-Identifier: Apache-2.0 */
/*
 * model.c: the entity builder that every parser fills, the list's id lookup, whole-file reads
 * that feed the list checksums (SHA-256 for auditors, XXH3-128 as the fast list version), and
 * the load-error and warning helpers.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <xxhash.h>

#include "model/country.h"
#include "model/list.h"
#include "util/file.h"
#include "util/utf8.h"

/* ---- errors and warnings ------------------------------------------------------------------ */

int nsc__load_fail(nsc__load *ld, int code, const char *file, long line, const char *fmt, ...)
{
    char detail[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    if (!ld->errmsg) return code;
    if (file && line > 0)
        snprintf(ld->errmsg, NSC__ERRMSG_CAP, "%s:%ld: %s", file, line, detail);
    else if (file)
        snprintf(ld->errmsg, NSC__ERRMSG_CAP, "%s: %s", file, detail);
    else
        snprintf(ld->errmsg, NSC__ERRMSG_CAP, "%s", detail);
    return code;
}

int nsc__list_warn(nsc__list *l, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return NSC_EINVAL;
    if (nsc__grow(l->mem, (void **)&l->warnings, &l->cap_warnings, l->n_warnings + 1,
                  sizeof *l->warnings))
        return NSC_ENOMEM;
    char *w = nsc__arena_strdup(&l->arena, buf);
    if (!w) return NSC_ENOMEM;
    l->warnings[l->n_warnings++] = w;
    return 0;
}

/* ---- files -------------------------------------------------------------------------------- */

int nsc__list_add_file(nsc__list *l, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base), sep = l->files_len ? 2 : 0;
    if (nsc__grow(l->mem, (void **)&l->files, &l->files_cap, l->files_len + sep + n + 1, 1))
        return NSC_ENOMEM;
    if (sep) memcpy(l->files + l->files_len, ", ", 2);
    memcpy(l->files + l->files_len + sep, base, n + 1);
    l->files_len += sep + n;
    return 0;
}

static void sum_put(void *arg, const void *bytes, size_t n) { nsc__checksum_update(arg, bytes, n); }

int nsc__read_file(nsc__load *ld, const char *path, char **out, size_t *len, int allow_empty)
{
    nsc__list *l = ld->list;
    nsc__sink sink = { sum_put, l ? l->sum : NULL };
    char err[256];
    int rc = nsc__file_read(ld->mem, path, out, len, allow_empty, sink.arg ? &sink : NULL, err,
                            sizeof err);
    if (rc) return nsc__load_fail(ld, rc, path, 0, "%s", err);
    if (l && nsc__list_add_file(l, path)) {
        nsc__free(ld->mem, *out);
        *out = NULL;
        *len = 0;
        return nsc__load_fail(ld, NSC_ENOMEM, path, 0, "out of memory");
    }
    return 0;
}

int nsc__read_text(nsc__load *ld, const char *path, char **out, size_t *len)
{
    int rc = nsc__read_file(ld, path, out, len, 0);
    if (rc) return rc;
    size_t bad;
    if (!nsc__utf8_valid(*out, *len, &bad)) {
        rc = nsc__load_fail(ld, NSC_EENCODING, path, nsc__line_of(*out, bad),
                            "invalid UTF-8 (byte 0x%02X)", (unsigned char)(*out)[bad]);
        nsc__free(ld->mem, *out);
        *out = NULL;
        *len = 0;
    }
    return rc;
}

/* ---- the list ------------------------------------------------------------------------------ */

nsc__list *nsc__list_new(const nsc__mem *mem)
{
    nsc__list *l = nsc__calloc(mem, 1, sizeof *l);
    if (!l) return NULL;
    l->mem = mem;
    nsc__arena_init(&l->arena, mem);
    if (!(l->sum = nsc__checksum_new(mem))) {
        nsc__list_free(l);
        return NULL;
    }
    return l;
}

void nsc__list_finish(nsc__list *l)
{
    if (!l->sum) return;
    nsc__checksum_hex(l->sum, l->sha256_hex, l->xxh128_hex);
    nsc__checksum_free(l->mem, l->sum);
    l->sum = NULL;
    for (size_t i = 0; i < l->n_entities; i++)
        nsc__entity_content_hash(l->entities[i], l->entities[i]->content_hash);
}

void nsc__list_free(nsc__list *l)
{
    if (!l) return;
    const nsc__mem *m = l->mem;
    nsc__arena_free(&l->arena);
    nsc__free(m, l->name);
    nsc__free(m, l->entities);
    nsc__free(m, l->id_slots);
    nsc__free(m, l->files);
    nsc__checksum_free(m, l->sum);
    nsc__free(m, l->warnings);
    nsc__free(m, l);
}

/* ---- builder ------------------------------------------------------------------------------- */

static void trim(const char **s, size_t *len)
{
    if (*len == (size_t)-1) *len = strlen(*s);
    while (*len && isspace((unsigned char)**s)) (*s)++, (*len)--;
    while (*len && isspace((unsigned char)(*s)[*len - 1])) (*len)--;
}

static uint64_t id_hash(const char *s, size_t n) { return XXH3_64bits(s, n); }

static int id_rehash(nsc__list *l, size_t ncap)
{
    uint32_t *slots = nsc__calloc(l->mem, ncap, sizeof *slots);
    if (!slots) return NSC_ENOMEM;
    for (size_t i = 0; i < l->n_entities; i++) {
        const char *id = l->entities[i]->id;
        size_t h = (size_t)id_hash(id, strlen(id)) & (ncap - 1);
        while (slots[h]) h = (h + 1) & (ncap - 1);
        slots[h] = (uint32_t)i + 1;
    }
    nsc__free(l->mem, l->id_slots);
    l->id_slots = slots;
    l->id_cap = ncap;
    return 0;
}

nsc__entity *nsc__list_find(const nsc__list *l, const char *id, size_t idlen)
{
    trim(&id, &idlen);
    if (!l->id_cap) return NULL;
    size_t h = (size_t)id_hash(id, idlen) & (l->id_cap - 1);
    while (l->id_slots[h]) {
        nsc__entity *e = l->entities[l->id_slots[h] - 1];
        if (strlen(e->id) == idlen && memcmp(e->id, id, idlen) == 0) return e;
        h = (h + 1) & (l->id_cap - 1);
    }
    return NULL;
}

nsc__entity *nsc__list_add_entity(nsc__list *l, const char *id, size_t idlen, nsc_entity_type type)
{
    trim(&id, &idlen);
    if (nsc__grow(l->mem, (void **)&l->entities, &l->cap_entities, l->n_entities + 1,
                  sizeof *l->entities))
        return NULL;
    if ((l->n_entities + 1) * 2 > l->id_cap && id_rehash(l, l->id_cap ? l->id_cap * 2 : 1024))
        return NULL;
    nsc__entity *e = nsc__arena_alloc(&l->arena, sizeof *e);
    if (!e) return NULL;
    e->id = nsc__arena_strndup(&l->arena, id, idlen);
    if (!e->id) return NULL;
    e->type = (uint8_t)type;
    e->list = l;
    e->index = (uint32_t)l->n_entities;
    l->entities[l->n_entities++] = e;
    size_t h = (size_t)id_hash(id, idlen) & (l->id_cap - 1);
    while (l->id_slots[h]) h = (h + 1) & (l->id_cap - 1);
    l->id_slots[h] = (uint32_t)l->n_entities;
    return e;
}

/* Appends a node of type `type` to the singly linked list at `headp`, walking to its end (the
 * lists of one entity hold a few nodes; entities keep no tail pointers, which would cost more
 * memory than the walk costs time). */
#define APPEND(type, headp, node)                                                                  \
    do {                                                                                           \
        type **at_ = (headp);                                                                      \
        while (*at_) at_ = &(*at_)->next;                                                          \
        *at_ = (node);                                                                             \
    } while (0)

int nsc__entity_add_name_ref(nsc__list *l, nsc__entity *e, const char *s, size_t len,
                             nsc_name_kind kind, unsigned flags, nsc__name **out)
{
    if (out) *out = NULL;
    trim(&s, &len);
    if (!len) return 0;
    for (nsc__name *n = e->names; n; n = n->next) /* the same name twice adds nothing */
        if (strlen(n->text) == len && memcmp(n->text, s, len) == 0) {
            if (kind == NSC_NAME_WEAK_ALIAS && n->kind == NSC_NAME_ALIAS) n->kind = (uint8_t)kind;
            if (out) *out = n;
            return 0;
        }
    nsc__name *n = nsc__arena_alloc(&l->arena, sizeof *n);
    if (!n || !(n->text = nsc__arena_strndup(&l->arena, s, len))) return NSC_ENOMEM;
    n->kind = (uint8_t)kind;
    n->flags = (uint8_t)flags;
    APPEND(nsc__name, &e->names, n);
    l->n_names++;
    if (out) *out = n;
    return 0;
}

int nsc__entity_add_name(nsc__list *l, nsc__entity *e, const char *s, size_t len,
                         nsc_name_kind kind, unsigned flags)
{
    return nsc__entity_add_name_ref(l, e, s, len, kind, flags, NULL);
}

int nsc__name_add_part(nsc__list *l, nsc__name *n, nsc__part_type type, const char *s, size_t len)
{
    trim(&s, &len);
    if (!len) return 0;
    nsc__name_part *p = nsc__arena_alloc(&l->arena, sizeof *p);
    if (!p || !(p->text = nsc__arena_strndup(&l->arena, s, len))) return NSC_ENOMEM;
    p->type = (uint8_t)(type < NSC_PART_COUNT ? type : NSC_PART_OTHER);
    APPEND(nsc__name_part, &n->parts, p);
    return 0;
}

int nsc__name_set_script(nsc__list *l, nsc__name *n, const char *code)
{
    if (!code || !*code) return 0;
    const char *c = nsc__arena_strdup(&l->arena, code);
    if (!c) return NSC_ENOMEM;
    n->script = c;
    return 0;
}

int nsc__entity_add_dob(nsc__list *l, nsc__entity *e, const nsc__date *d)
{
    if (d->prec == NSC_DATE_NONE) return 0;
    nsc__dob *n = nsc__arena_alloc(&l->arena, sizeof *n);
    if (!n) return NSC_ENOMEM;
    n->date = *d;
    APPEND(nsc__dob, &e->dobs, n);
    return 0;
}

int nsc__entity_add_country(nsc__list *l, nsc__entity *e, const char *s, size_t len,
                            nsc__country_role role)
{
    trim(&s, &len);
    if (!len) return 0;
    nsc__country *n = nsc__arena_alloc(&l->arena, sizeof *n);
    if (!n || !(n->text = nsc__arena_strndup(&l->arena, s, len))) return NSC_ENOMEM;
    if (nsc__country_code(n->code, s, len) != 0) n->code[0] = '\0';
    n->role = (uint8_t)role;
    APPEND(nsc__country, &e->countries, n);
    return 0;
}

int nsc__entity_add_ident(nsc__list *l, nsc__entity *e, nsc__id_type type, const char *value,
                          size_t len, const char *country, const char *label)
{
    return nsc__entity_add_ident_ref(l, e, type, value, len, country, label, NULL);
}

int nsc__ident_set(nsc__list *l, const char **field, const char *s, size_t len)
{
    trim(&s, &len);
    if (!len) return 0;
    const char *c = nsc__arena_strndup(&l->arena, s, len);
    if (!c) return NSC_ENOMEM;
    *field = c;
    return 0;
}

int nsc__entity_add_ident_ref(nsc__list *l, nsc__entity *e, nsc__id_type type, const char *value,
                              size_t len, const char *country, const char *label, nsc__ident **out)
{
    if (out) *out = NULL;
    trim(&value, &len);
    if (!len) return 0;
    nsc__ident *n = nsc__arena_alloc(&l->arena, sizeof *n);
    if (!n || !(n->value = nsc__arena_strndup(&l->arena, value, len))) return NSC_ENOMEM;
    n->type = (uint8_t)type;
    if (country && *country && !(n->country = nsc__arena_strdup(&l->arena, country)))
        return NSC_ENOMEM;
    if (label && *label && !(n->label = nsc__arena_strdup(&l->arena, label))) return NSC_ENOMEM;
    APPEND(nsc__ident, &e->idents, n);
    if (out) *out = n;
    return 0;
}

static int add_text(nsc__list *l, nsc__text **head, const char *s, size_t len, int unique)
{
    trim(&s, &len);
    if (!len) return 0;
    if (unique)
        for (nsc__text *t = *head; t; t = t->next)
            if (strlen(t->text) == len && memcmp(t->text, s, len) == 0) return 0;
    nsc__text *n = nsc__arena_alloc(&l->arena, sizeof *n);
    if (!n || !(n->text = nsc__arena_strndup(&l->arena, s, len))) return NSC_ENOMEM;
    APPEND(nsc__text, head, n);
    return 0;
}

int nsc__entity_add_program(nsc__list *l, nsc__entity *e, const char *s, size_t len)
{
    return add_text(l, &e->programs, s, len, 1);
}

int nsc__entity_add_address(nsc__list *l, nsc__entity *e, const char *s, size_t len)
{
    return add_text(l, &e->addresses, s, len, 0);
}

int nsc__entity_add_xref(nsc__list *l, nsc__entity *e, const char *s, size_t len)
{
    return add_text(l, &e->xrefs, s, len, 1);
}

int nsc__entity_add_link(nsc__list *l, nsc__entity *e, const char *s, size_t len)
{
    return add_text(l, &e->links, s, len, 1);
}

int nsc__entity_set_remarks(nsc__list *l, nsc__entity *e, const char *s, size_t len)
{
    trim(&s, &len);
    if (!len) {
        e->remarks = NULL;
        return 0;
    }
    char *r = nsc__arena_strndup(&l->arena, s, len);
    if (!r) return NSC_ENOMEM;
    e->remarks = r;
    return 0;
}

int nsc__entity_add_birthplace(nsc__list *l, nsc__entity *e, const char *s, size_t len)
{
    return add_text(l, &e->birthplaces, s, len, 1);
}

int nsc__entity_add_detail(nsc__list *l, nsc__entity *e, const char *key, const char *value,
                           size_t len)
{
    trim(&value, &len);
    if (!len || !key || !*key) return 0;
    for (const nsc__detail *d = e->details; d; d = d->next)
        if (strcmp(d->key, key) == 0 && strlen(d->value) == len &&
            memcmp(d->value, value, len) == 0)
            return 0;
    nsc__detail *d = nsc__arena_alloc(&l->arena, sizeof *d);
    if (!d || !(d->key = nsc__arena_strdup(&l->arena, key)) ||
        !(d->value = nsc__arena_strndup(&l->arena, value, len)))
        return NSC_ENOMEM;
    APPEND(nsc__detail, &e->details, d);
    return 0;
}

int nsc__entity_set_listed(nsc__list *l, nsc__entity *e, const char *yyyy_mm_dd)
{
    if (!yyyy_mm_dd || !*yyyy_mm_dd) return 0;
    if (e->listed && strcmp(e->listed, yyyy_mm_dd) <= 0) return 0;
    const char *c = nsc__arena_strdup(&l->arena, yyyy_mm_dd);
    if (!c) return NSC_ENOMEM;
    e->listed = c;
    return 0;
}

int nsc__list_set_published(nsc__list *l, const char *yyyy_mm_dd)
{
    if (!yyyy_mm_dd || !*yyyy_mm_dd) return 0;
    char *p = nsc__arena_strdup(&l->arena, yyyy_mm_dd);
    if (!p) return NSC_ENOMEM;
    l->published = p;
    return 0;
}
