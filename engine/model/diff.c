/* SPDX-License-Identifier: Apache-2.0 */
/*
 * diff.c: compares two versions of a list, loaded in two engines, by entity id: which entities
 * were added, removed or changed, and for a changed one which fields differ. Field contents are
 * compared as sorted sets of canonical strings, so a reordering in the file is no change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/diff.h"

typedef struct diff_entry {
    nsc_diff_kind kind;
    const char *id;
    const char *primary;
    const char *fields;
} diff_entry;

struct nsc_diff {
    nsc__mem mem; /* a copy of the new engine's allocator, so the diff may outlive the engine */
    nsc__arena arena;
    diff_entry *entries;
    size_t n, cap;
};

/* ---- natural id order --------------------------------------------------------------------- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Compares ids so that digit runs compare by value ("CDi.2" < "CDi.10", "9" < "10"); ties are
 * broken by plain byte order, so the order is total and deterministic. */
static int natural_cmp(const char *a, const char *b)
{
    const char *p = a, *q = b;
    while (*p && *q) {
        if (is_digit(*p) && is_digit(*q)) {
            while (*p == '0' && is_digit(p[1])) p++;
            while (*q == '0' && is_digit(q[1])) q++;
            size_t lp = 0, lq = 0;
            while (is_digit(p[lp])) lp++;
            while (is_digit(q[lq])) lq++;
            if (lp != lq) return lp < lq ? -1 : 1;
            int c = memcmp(p, q, lp);
            if (c) return c < 0 ? -1 : 1;
            p += lp;
            q += lq;
            continue;
        }
        if (*p != *q) return (unsigned char)*p < (unsigned char)*q ? -1 : 1;
        p++, q++;
    }
    if (*p || *q) return *p ? 1 : -1;
    return strcmp(a, b);
}

static int entry_cmp(const void *x, const void *y)
{
    const diff_entry *a = x, *b = y;
    if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
    return natural_cmp(a->id, b->id);
}

/* ---- field signatures --------------------------------------------------------------------- */

/* A field's values as canonical strings, packed in one buffer, sorted for comparison. */
typedef struct items {
    const nsc__mem *mem;
    char *buf;
    size_t len, cap;
    size_t *offs;
    size_t n, cap_offs;
    const char **sorted;
    size_t cap_sorted;
} items;

static void items_reset(items *it)
{
    it->len = 0;
    it->n = 0;
}

static int items_add(items *it, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int items_add(items *it, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0) return NSC_EINVAL;
    if (nsc__grow(it->mem, (void **)&it->buf, &it->cap, it->len + (size_t)need + 1, 1) ||
        nsc__grow(it->mem, (void **)&it->offs, &it->cap_offs, it->n + 1, sizeof *it->offs))
        return NSC_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(it->buf + it->len, (size_t)need + 1, fmt, ap);
    va_end(ap);
    it->offs[it->n++] = it->len;
    it->len += (size_t)need + 1;
    return 0;
}

static int str_cmp(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int items_sort(items *it)
{
    if (nsc__grow(it->mem, (void **)&it->sorted, &it->cap_sorted, it->n + 1, sizeof *it->sorted))
        return NSC_ENOMEM;
    for (size_t i = 0; i < it->n; i++) it->sorted[i] = it->buf + it->offs[i];
    qsort(it->sorted, it->n, sizeof *it->sorted, str_cmp);
    return 0;
}

static void items_free(items *it)
{
    nsc__free(it->mem, it->buf);
    nsc__free(it->mem, it->offs);
    nsc__free(it->mem, it->sorted);
}

enum field {
    F_NAMES,
    F_TYPE,
    F_DOBS,
    F_COUNTRIES,
    F_IDENTS,
    F_PROGRAMS,
    F_ADDRESSES,
    F_REMARKS,
    F_COUNT
};

static const char *const FIELD_NAMES[F_COUNT] = {
    "names", "type", "dobs", "countries", "identifiers", "programs", "addresses", "remarks",
};

static const char *nz(const char *s) { return s ? s : ""; }

/* Fills `it` with the canonical strings of field f of entity e. */
static int collect(items *it, const nsc__entity *e, enum field f)
{
    items_reset(it);
    int rc = 0;
    switch (f) {
    case F_NAMES:
        for (const nsc__name *n = e->names; n && !rc; n = n->next)
            rc = items_add(it, "%u|%u|%s", (unsigned)n->kind, (unsigned)n->flags, n->text);
        break;
    case F_TYPE: rc = items_add(it, "%u", (unsigned)e->type); break;
    case F_DOBS:
        for (const nsc__dob *d = e->dobs; d && !rc; d = d->next) {
            char b[32];
            nsc__date_format(b, &d->date);
            rc = items_add(it, "%s", b);
        }
        break;
    case F_COUNTRIES:
        for (const nsc__country *c = e->countries; c && !rc; c = c->next)
            rc = items_add(it, "%u|%s|%s", (unsigned)c->role, c->code, nz(c->text));
        break;
    case F_IDENTS:
        for (const nsc__ident *i = e->idents; i && !rc; i = i->next)
            rc = items_add(it, "%u|%s|%s|%s", (unsigned)i->type, nz(i->value), nz(i->country),
                           nz(i->label));
        break;
    case F_PROGRAMS:
        for (const nsc__text *t = e->programs; t && !rc; t = t->next)
            rc = items_add(it, "%s", t->text);
        break;
    case F_ADDRESSES:
        for (const nsc__text *t = e->addresses; t && !rc; t = t->next)
            rc = items_add(it, "%s", t->text);
        break;
    case F_REMARKS:
        if (e->remarks && *e->remarks) rc = items_add(it, "%s", e->remarks);
        break;
    default: break;
    }
    return rc ? rc : items_sort(it);
}

static int same_items(const items *a, const items *b)
{
    if (a->n != b->n) return 0;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->sorted[i], b->sorted[i]) != 0) return 0;
    return 1;
}

/* Writes the changed fields of o -> n ("names, programs") into out; "" when none. */
static int changed_fields(char out[128], items *a, items *b, const nsc__entity *o,
                          const nsc__entity *n)
{
    size_t len = 0;
    out[0] = '\0';
    for (int f = 0; f < F_COUNT; f++) {
        int rc;
        if ((rc = collect(a, o, (enum field)f)) || (rc = collect(b, n, (enum field)f))) return rc;
        if (same_items(a, b)) continue;
        int w = snprintf(out + len, 128 - len, "%s%s", len ? ", " : "", FIELD_NAMES[f]);
        if (w > 0) len += (size_t)w;
    }
    return 0;
}

/* ---- the diff ----------------------------------------------------------------------------- */

static const char *primary_name(const nsc__entity *e) { return e->names ? e->names->text : ""; }

static int add_entry(nsc_diff *d, nsc_diff_kind kind, const nsc__entity *e, const char *fields)
{
    if (nsc__grow(&d->mem, (void **)&d->entries, &d->cap, d->n + 1, sizeof *d->entries))
        return NSC_ENOMEM;
    diff_entry *x = &d->entries[d->n];
    x->kind = kind;
    if (!(x->id = nsc__arena_strdup(&d->arena, e->id)) ||
        !(x->primary = nsc__arena_strdup(&d->arena, primary_name(e))) ||
        !(x->fields = nsc__arena_strdup(&d->arena, fields)))
        return NSC_ENOMEM;
    d->n++;
    return 0;
}

static int compare_lists(nsc_diff *d, const nsc__list *ol, const nsc__list *nl)
{
    items a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    a.mem = b.mem = &d->mem;
    int rc = 0;
    for (size_t i = 0; i < nl->n_entities && !rc; i++) {
        const nsc__entity *ne = nl->entities[i];
        if (!nsc__list_find(ol, ne->id, strlen(ne->id))) rc = add_entry(d, NSC_DIFF_ADDED, ne, "");
    }
    for (size_t i = 0; i < ol->n_entities && !rc; i++) {
        const nsc__entity *oe = ol->entities[i];
        const nsc__entity *ne = nsc__list_find(nl, oe->id, strlen(oe->id));
        if (!ne) {
            rc = add_entry(d, NSC_DIFF_REMOVED, oe, "");
            continue;
        }
        char fields[128];
        if (!(rc = changed_fields(fields, &a, &b, oe, ne)) && fields[0])
            rc = add_entry(d, NSC_DIFF_CHANGED, ne, fields);
    }
    items_free(&a);
    items_free(&b);
    if (!rc && d->n) qsort(d->entries, d->n, sizeof *d->entries, entry_cmp);
    return rc;
}

int nsc__diff_lists(nsc_diff **out, const nsc__mem *m, const nsc__list *ol, const nsc__list *nl)
{
    *out = NULL;
    nsc_diff *d = nsc__calloc(m, 1, sizeof *d);
    if (!d) return NSC_ENOMEM;
    d->mem = *m;
    nsc__arena_init(&d->arena, &d->mem);
    int rc = compare_lists(d, ol, nl);
    if (rc) {
        nsc_diff_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

size_t nsc_diff_count(const nsc_diff *diff) { return diff ? diff->n : 0; }

int nsc_diff_get(const nsc_diff *diff, size_t i, nsc_diff_kind *kind, const char **entity_id,
                 const char **primary_name_out, const char **fields)
{
    if (!diff || i >= diff->n) return NSC_EINVAL;
    const diff_entry *x = &diff->entries[i];
    if (kind) *kind = x->kind;
    if (entity_id) *entity_id = x->id;
    if (primary_name_out) *primary_name_out = x->primary;
    if (fields) *fields = x->fields;
    return 0;
}

void nsc_diff_free(nsc_diff *diff)
{
    if (!diff) return;
    nsc__arena_free(&diff->arena);
    nsc__free(&diff->mem, diff->entries);
    nsc__mem m = diff->mem; /* the struct being freed holds the allocator */
    nsc__free(&m, diff);
}
