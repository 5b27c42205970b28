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

#include <nettle/sha2.h>
#include <xxhash.h>

#include "model.h"

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

int nsc__file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *nsc__sibling_path(const nsc__mem *mem, const char *base_path, const char *name)
{
    const char *slash = strrchr(base_path, '/');
    size_t dirlen = slash ? (size_t)(slash - base_path) + 1 : 0;
    size_t nlen = strlen(name);
    char *p = nsc__malloc(mem, dirlen + nlen + 1);
    if (!p) return NULL;
    memcpy(p, base_path, dirlen);
    memcpy(p + dirlen, name, nlen + 1);
    return p;
}

static int add_file_name(nsc__list *l, const char *path)
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

int nsc__read_file(nsc__load *ld, const char *path, char **out, size_t *len, int allow_empty)
{
    *out = NULL;
    *len = 0;
    struct stat st;
    if (stat(path, &st) != 0)
        return nsc__load_fail(ld, NSC_EIO, path, 0, "cannot open: %s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return nsc__load_fail(ld, NSC_EIO, path, 0, "is a directory, not a list file");
    if (!S_ISREG(st.st_mode))
        return nsc__load_fail(ld, NSC_EIO, path, 0, "not a regular file");
    FILE *f = fopen(path, "rb");
    if (!f) return nsc__load_fail(ld, NSC_EIO, path, 0, "cannot open: %s", strerror(errno));
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = nsc__malloc(ld->mem, cap);
    if (!buf) {
        fclose(f);
        return nsc__load_fail(ld, NSC_ENOMEM, path, 0, "out of memory reading %zu bytes", cap);
    }
    for (;;) {
        if (n + 1 >= cap) { /* the file grew while we read it */
            if (nsc__grow(ld->mem, (void **)&buf, &cap, cap * 2, 1)) {
                nsc__free(ld->mem, buf);
                fclose(f);
                return nsc__load_fail(ld, NSC_ENOMEM, path, 0, "out of memory");
            }
        }
        size_t r = fread(buf + n, 1, cap - 1 - n, f);
        n += r;
        if (r == 0) break;
    }
    int rerr = ferror(f);
    fclose(f);
    if (rerr) {
        nsc__free(ld->mem, buf);
        return nsc__load_fail(ld, NSC_EIO, path, 0, "read error: %s", strerror(errno));
    }
    buf[n] = '\0';
    if (n == 0 && !allow_empty) {
        nsc__free(ld->mem, buf);
        return nsc__load_fail(ld, NSC_EFORMAT, path, 0, "file is empty");
    }
    nsc__list *l = ld->list;
    if (l) {
        if (l->sha256_ctx) sha256_update(l->sha256_ctx, n, (const uint8_t *)buf);
        if (l->xxh_state) XXH3_128bits_update(nsc__list_xxh_state(l), buf, n);
        if (add_file_name(l, path)) {
            nsc__free(ld->mem, buf);
            return nsc__load_fail(ld, NSC_ENOMEM, path, 0, "out of memory");
        }
    }
    *out = buf;
    *len = n;
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

/* ---- UTF-8 ------------------------------------------------------------------------------- */

int nsc__utf8_valid(const char *s, size_t len, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned c = *p;
        if (c < 0x80) {
            if (c == 0) goto fail;
            p++;
            continue;
        }
        size_t need;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF) { need = 1; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { need = 2; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { need = 3; min = 0x10000; }
        else goto fail;
        if ((size_t)(end - p) <= need) goto fail;
        unsigned cp = c & (0x3Fu >> need);
        for (size_t i = 1; i <= need; i++) {
            if ((p[i] & 0xC0) != 0x80) goto fail;
            cp = (cp << 6) | (p[i] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) goto fail;
        p += need + 1;
    }
    return 1;
fail:
    if (bad) *bad = (size_t)(p - (const unsigned char *)s);
    return 0;
}

long nsc__line_of(const char *buf, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        if (buf[i] == '\n') line++;
    return line;
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
    e->index = (uint32_t)l->n_entities;
    l->entities[l->n_entities++] = e;
    size_t h = (size_t)id_hash(id, idlen) & (l->id_cap - 1);
    while (l->id_slots[h]) h = (h + 1) & (l->id_cap - 1);
    l->id_slots[h] = (uint32_t)l->n_entities;
    return e;
}

/* Appends a node to a singly linked list with a tail pointer; every node type starts with
 * its `next` pointer. */
#define APPEND(head, tail, node)                                                                  \
    do {                                                                                          \
        if (tail) (tail)->next = (node);                                                          \
        else (head) = (node);                                                                     \
        (tail) = (node);                                                                          \
    } while (0)

int nsc__entity_add_name(nsc__list *l, nsc__entity *e, const char *s, size_t len,
                         nsc_name_kind kind, unsigned flags)
{
    trim(&s, &len);
    if (!len) return 0;
    for (nsc__name *n = e->names; n; n = n->next) /* the same name twice adds nothing */
        if (strlen(n->text) == len && memcmp(n->text, s, len) == 0) {
            if (kind == NSC_NAME_WEAK_ALIAS && n->kind == NSC_NAME_ALIAS) n->kind = (uint8_t)kind;
            return 0;
        }
    nsc__name *n = nsc__arena_alloc(&l->arena, sizeof *n);
    if (!n || !(n->text = nsc__arena_strndup(&l->arena, s, len))) return NSC_ENOMEM;
    n->kind = (uint8_t)kind;
    n->flags = (uint8_t)flags;
    APPEND(e->names, e->names_tail, n);
    l->n_names++;
    return 0;
}

int nsc__entity_add_dob(nsc__list *l, nsc__entity *e, const nsc__date *d)
{
    if (d->prec == NSC_DATE_NONE) return 0;
    nsc__dob *n = nsc__arena_alloc(&l->arena, sizeof *n);
    if (!n) return NSC_ENOMEM;
    n->date = *d;
    APPEND(e->dobs, e->dobs_tail, n);
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
    APPEND(e->countries, e->countries_tail, n);
    return 0;
}

int nsc__entity_add_ident(nsc__list *l, nsc__entity *e, nsc__id_type type, const char *value,
                          size_t len, const char *country, const char *label)
{
    trim(&value, &len);
    if (!len) return 0;
    nsc__ident *n = nsc__arena_alloc(&l->arena, sizeof *n);
    if (!n || !(n->value = nsc__arena_strndup(&l->arena, value, len))) return NSC_ENOMEM;
    n->type = (uint8_t)type;
    if (country && *country && !(n->country = nsc__arena_strdup(&l->arena, country)))
        return NSC_ENOMEM;
    if (label && *label && !(n->label = nsc__arena_strdup(&l->arena, label))) return NSC_ENOMEM;
    APPEND(e->idents, e->idents_tail, n);
    return 0;
}

static int add_text(nsc__list *l, nsc__text **head, nsc__text **tail, const char *s, size_t len,
                    int unique)
{
    trim(&s, &len);
    if (!len) return 0;
    if (unique)
        for (nsc__text *t = *head; t; t = t->next)
            if (strlen(t->text) == len && memcmp(t->text, s, len) == 0) return 0;
    nsc__text *n = nsc__arena_alloc(&l->arena, sizeof *n);
    if (!n || !(n->text = nsc__arena_strndup(&l->arena, s, len))) return NSC_ENOMEM;
    APPEND(*head, *tail, n);
    return 0;
}

int nsc__entity_add_program(nsc__list *l, nsc__entity *e, const char *s, size_t len)
{
    return add_text(l, &e->programs, &e->programs_tail, s, len, 1);
}

int nsc__entity_add_address(nsc__list *l, nsc__entity *e, const char *s, size_t len)
{
    return add_text(l, &e->addresses, &e->addresses_tail, s, len, 0);
}

int nsc__entity_add_xref(nsc__list *l, nsc__entity *e, const char *s, size_t len)
{
    return add_text(l, &e->xrefs, &e->xrefs_tail, s, len, 1);
}

int nsc__entity_add_link(nsc__list *l, nsc__entity *e, const char *s, size_t len)
{
    return add_text(l, &e->links, &e->links_tail, s, len, 1);
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

int nsc__list_set_published(nsc__list *l, const char *yyyy_mm_dd)
{
    if (!yyyy_mm_dd || !*yyyy_mm_dd) return 0;
    char *p = nsc__arena_strdup(&l->arena, yyyy_mm_dd);
    if (!p) return NSC_ENOMEM;
    l->published = p;
    return 0;
}
