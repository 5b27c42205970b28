/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/snapshot.c: the compiled index snapshot. Freezing a million-name list spends seconds
 * preparing every name (romanization, tokens, deletion keys); what it derives is written here
 * once, table-driven, and later mapped read-only, so that a restart or a new worker is ready in
 * the time it takes to read the file.
 *
 * The file: a fixed header (magic, format version, byte-order mark, file size, XXH3-64 of
 * everything after the header), the key text (what the snapshot was made for, compared line by
 * line so that a stale snapshot's message says what changed), a section table, then the
 * sections, each at a 64-byte boundary: the scalars, one section per index array (the tables
 * below, one line each), and the three that replace pointers: the strings of the dictionary,
 * their offsets, and the ordinal of each lname's name within its entity.
 */
#define _DEFAULT_SOURCE         /* MAP_POPULATE */
#define XXH_STATIC_LINKING_ONLY /* XXH3_state_t on the stack */
#include "match/snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#include "match/index_impl.h"

/* Raised whenever the layout of the file changes (not the index: the key's layout line and
 * the static assertions below see to that). */
#define SNAP_FORMAT 3u
#define SNAP_MAGIC "NSCSNAP\n"
#define SNAP_BOM 0x01020304u
#define SNAP_ALIGN 64u

/* The layout guard: a field added to the index or to the frozen engine must be given a line
 * in the tables below (or a reason not to: built afresh at map time, like the shared unit
 * cache, or nsc__frozen.dense_ids, a knob of the tests), after which these sizes are
 * updated. The element types are in the key instead (a snapshot written with other sizes is
 * stale, not misread). */
#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(struct nsc__index) == 2240,
               "struct nsc__index changed: update the tables of match/snapshot.c, then this size");
_Static_assert(sizeof(nsc__frozen) == 128,
               "nsc__frozen changed: update the tables of match/snapshot.c, then this size");
_Static_assert(sizeof(nsc__lname) == 40,
               "nsc__lname changed: its name pointer is fixed up in match/snapshot.c");
_Static_assert(sizeof(nsc__tokinfo) == 64,
               "nsc__tokinfo changed: its string pointers are fixed up in match/snapshot.c");
#endif

struct header {
    char magic[8];
    uint32_t format, bom;
    uint64_t size;     /* of the whole file */
    uint64_t checksum; /* XXH3-64 of bytes [sizeof(struct header), size) */
    uint32_t key_len, n_sections;
    uint64_t table_off; /* the section table */
};

struct section {
    uint64_t off, count; /* count elements of elem bytes at off */
    uint32_t elem, id;
};

/* ---- the tables ------------------------------------------------------------------------------ */

enum { IN_FZ, IN_IX };

/* A scalar (or fixed array) of the frozen engine or the index, copied as its bytes. */
typedef struct snap_scalar {
    int in;
    size_t off, size;
} snap_scalar;

#define SC_FZ(f)                                                                                   \
    {                                                                                              \
        IN_FZ, offsetof(nsc__frozen, f), sizeof((nsc__frozen *)0)->f                               \
    }
#define SC_IX(f)                                                                                   \
    {                                                                                              \
        IN_IX, offsetof(struct nsc__index, f), sizeof((struct nsc__index *)0)->f                   \
    }

static const snap_scalar scalars[] = {
    SC_FZ(n_lnames),
    SC_IX(n),
    SC_IX(first_off),
    SC_IX(letter_pairw),
    SC_IX(n_eq),
    SC_IX(eq_dir[0].shift),
    SC_IX(eq_dir[1].shift),
    SC_IX(eq_dir[2].shift),
    SC_IX(eq_dir[3].shift),
    SC_IX(b[0].off),
    SC_IX(b[1].off),
    SC_IX(n_del),
    SC_IX(del_dir[0][0].shift),
    SC_IX(del_dir[0][1].shift),
    SC_IX(del_dir[1][0].shift),
    SC_IX(del_dir[1][1].shift),
};

/* What the ids of an array must stay below (checked at map time: a snapshot that passed its
 * checksum may still have been written by a faulty program). */
enum { IDS_NONE, IDS_DICT, IDS_LNAMES };

/* An array of the frozen engine or the index: `count` gives its elements from what precedes
 * it in the table (so the writer knows what to write and the reader checks what it maps). */
typedef struct snap_array {
    const char *name;
    int in;
    size_t off, elem;
    size_t (*count)(const nsc__frozen *fz, int arg);
    int arg;
    int copy; /* holds pointers: copied from the allocator and fixed up, not mapped */
    int ids;  /* IDS_*: the uint32 at id_off of each element is an id */
    size_t id_off;
    /* for element types with padding or pointers: copies n elements field by field into dst,
     * zeroed first, so that the file holds no uninitialized bytes and no addresses */
    void (*clean)(void *dst, const void *src, size_t n);
} snap_array;

static void clean_lname(void *dst, const void *src, size_t n)
{
    nsc__lname *d = dst;
    const nsc__lname *s = src;
    memset(d, 0, n * sizeof *d);
    for (size_t i = 0; i < n; i++) {
        d[i].list = s[i].list;
        d[i].entity = s[i].entity;
        d[i].gentity = s[i].gentity;
        d[i].tok_off = s[i].tok_off;
        d[i].run_off = s[i].run_off;
        d[i].ntok = s[i].ntok;
        d[i].nrun = s[i].nrun;
        d[i].lossy = s[i].lossy;
        d[i].etype = s[i].etype;
        d[i].distinct = s[i].distinct;
    }
}

static void clean_lrun(void *dst, const void *src, size_t n)
{
    nsc__lrun *d = dst;
    const nsc__lrun *s = src;
    memset(d, 0, n * sizeof *d);
    for (size_t i = 0; i < n; i++) {
        d[i].start = s[i].start;
        d[i].len = s[i].len;
        d[i].id = s[i].id;
    }
}

static void clean_tokinfo(void *dst, const void *src, size_t n)
{
    nsc__tokinfo *d = dst;
    const nsc__tokinfo *s = src;
    memset(d, 0, n * sizeof *d);
    for (size_t i = 0; i < n; i++) {
        d[i].len = s[i].len;
        d[i].flen = s[i].flen;
        d[i].sklen = s[i].sklen;
        d[i].flags = s[i].flags;
        d[i].mask = s[i].mask;
        d[i].fmask = s[i].fmask;
        d[i].nick[0] = s[i].nick[0];
        d[i].nick[1] = s[i].nick[1];
        d[i].role = s[i].role;
        d[i].weight = s[i].weight;
    }
}

static const struct nsc__index *ix_of(const nsc__frozen *fz) { return fz->index; }

static size_t n_lnames(const nsc__frozen *fz, int arg)
{
    (void)arg;
    return fz->n_lnames;
}
static size_t n_ltok(const nsc__frozen *fz, int arg)
{
    (void)arg;
    if (!fz->n_lnames) return 0;
    const nsc__lname *l = &fz->lnames[fz->n_lnames - 1]; /* appended in order */
    return (size_t)l->tok_off + l->ntok;
}
static size_t n_lrun(const nsc__frozen *fz, int arg)
{
    (void)arg;
    if (!fz->n_lnames) return 0;
    const nsc__lname *l = &fz->lnames[fz->n_lnames - 1];
    return (size_t)l->run_off + l->nrun;
}
static size_t n_dict(const nsc__frozen *fz, int arg) { return ix_of(fz)->n + (size_t)arg; }
static size_t n_post(const nsc__frozen *fz, int arg)
{
    (void)arg;
    return ix_of(fz)->post_off[ix_of(fz)->n];
}
/* Whether off[0] is 0 and off[0 .. n) never falls. */
static int offsets_rise(const uint32_t *off, size_t n)
{
    if (n && off[0] != 0) return 0;
    for (size_t i = 1; i < n; i++)
        if (off[i] < off[i - 1]) return 0;
    return 1;
}

static size_t n_by_first(const nsc__frozen *fz, int arg)
{
    (void)arg;
    return ix_of(fz)->first_off[256];
}
static size_t n_eq(const nsc__frozen *fz, int k) { return ix_of(fz)->n_eq[k]; }
static size_t n_dir(const struct hdir *d) { return ((size_t)1 << (64 - d->shift)) + 1; }
static size_t n_eq_dir(const nsc__frozen *fz, int k) { return n_dir(&ix_of(fz)->eq_dir[k]); }
/* bucket arrays: arg = folded * 2 + (letter counts: NSC_CNT_BINS bytes a token) */
static size_t n_bucket(const nsc__frozen *fz, int arg)
{
    size_t n = ix_of(fz)->b[arg / 2].off[NSC_MAX_TOKLEN + 1];
    return arg % 2 ? n * NSC_CNT_BINS : n;
}
static size_t n_del(const nsc__frozen *fz, int zf) { return ix_of(fz)->n_del[zf / 2][zf % 2]; }
static size_t n_del_dir(const nsc__frozen *fz, int zf)
{
    return n_dir(&ix_of(fz)->del_dir[zf / 2][zf % 2]);
}

#define ELEM(T, f) sizeof *((T *)0)->f
#define A_FZ(f, cnt, arg, copy, ids, id_off, clean)                                                \
    {                                                                                              \
#f, IN_FZ, offsetof(nsc__frozen, f), ELEM(nsc__frozen, f), cnt, arg, copy, ids, id_off,    \
            clean                                                                                  \
    }
#define A_IX(f, cnt, arg, copy, ids, id_off)                                                       \
    {                                                                                              \
#f, IN_IX, offsetof(struct nsc__index, f), ELEM(struct nsc__index, f), cnt, arg, copy,     \
            ids, id_off, NULL                                                                      \
    }
#define HPAIR_ID offsetof(struct hpair, id)
#define DEL_ID offsetof(struct delpair, id)

/* Every array the frozen index holds, one line each, in an order where each count depends only
 * on what precedes it. */
static const snap_array arrays[] = {
    A_FZ(lnames, n_lnames, 0, 1, IDS_NONE, 0, clean_lname),
    A_FZ(ltok, n_ltok, 0, 0, IDS_DICT, 0, NULL),
    A_FZ(lfirst, n_ltok, 0, 0, IDS_NONE, 0, NULL),
    A_FZ(lweight, n_ltok, 0, 0, IDS_NONE, 0, NULL),
    A_FZ(lmeta, n_lnames, 0, 0, IDS_NONE, 0, NULL),
    A_FZ(lrun, n_lrun, 0, 0, IDS_DICT, offsetof(nsc__lrun, id), clean_lrun),
    {
        "dict",
        IN_IX,
        offsetof(struct nsc__index, dict),
        ELEM(struct nsc__index, dict),
        n_dict,
        0,
        1,
        IDS_NONE,
        0,
        clean_tokinfo,
    },
    A_IX(post_off, n_dict, 1, 0, IDS_NONE, 0),
    A_IX(post, n_post, 0, 0, IDS_LNAMES, 0),
    A_IX(by_first, n_by_first, 0, 0, IDS_DICT, 0),
    A_IX(pairw, n_dict, 0, 0, IDS_NONE, 0),
    A_IX(eq[0], n_eq, 0, 0, IDS_DICT, HPAIR_ID),
    A_IX(eq[1], n_eq, 1, 0, IDS_DICT, HPAIR_ID),
    A_IX(eq[2], n_eq, 2, 0, IDS_DICT, HPAIR_ID),
    A_IX(eq[3], n_eq, 3, 0, IDS_DICT, HPAIR_ID),
    A_IX(eq_dir[0].off, n_eq_dir, 0, 0, IDS_NONE, 0),
    A_IX(eq_dir[1].off, n_eq_dir, 1, 0, IDS_NONE, 0),
    A_IX(eq_dir[2].off, n_eq_dir, 2, 0, IDS_NONE, 0),
    A_IX(eq_dir[3].off, n_eq_dir, 3, 0, IDS_NONE, 0),
    A_IX(b[0].ids, n_bucket, 0, 0, IDS_DICT, 0),
    A_IX(b[0].mask, n_bucket, 0, 0, IDS_NONE, 0),
    A_IX(b[0].cnt, n_bucket, 1, 0, IDS_NONE, 0),
    A_IX(b[0].head, n_bucket, 0, 0, IDS_NONE, 0),
    A_IX(b[0].tail, n_bucket, 0, 0, IDS_NONE, 0),
    A_IX(b[1].ids, n_bucket, 2, 0, IDS_DICT, 0),
    A_IX(b[1].mask, n_bucket, 2, 0, IDS_NONE, 0),
    A_IX(b[1].cnt, n_bucket, 3, 0, IDS_NONE, 0),
    A_IX(b[1].head, n_bucket, 2, 0, IDS_NONE, 0),
    A_IX(b[1].tail, n_bucket, 2, 0, IDS_NONE, 0),
    A_IX(del[0][0], n_del, 0, 0, IDS_DICT, DEL_ID),
    A_IX(del[0][1], n_del, 1, 0, IDS_DICT, DEL_ID),
    A_IX(del[1][0], n_del, 2, 0, IDS_DICT, DEL_ID),
    A_IX(del[1][1], n_del, 3, 0, IDS_DICT, DEL_ID),
    A_IX(del_dir[0][0].off, n_del_dir, 0, 0, IDS_NONE, 0),
    A_IX(del_dir[0][1].off, n_del_dir, 1, 0, IDS_NONE, 0),
    A_IX(del_dir[1][0].off, n_del_dir, 2, 0, IDS_NONE, 0),
    A_IX(del_dir[1][1].off, n_del_dir, 3, 0, IDS_NONE, 0),
};

#define N_ARRAYS (sizeof arrays / sizeof arrays[0])
/* the sections after the arrays: the scalars first, then what replaces pointers */
enum { SEC_SCALARS = N_ARRAYS, SEC_STRINGS, SEC_STROFF, SEC_NAMEORD, N_SECTIONS };

static char *base_of(const nsc__frozen *fz, int in)
{
    return in == IN_FZ ? (char *)(uintptr_t)fz : (char *)fz->index;
}
static void **array_field(const nsc__frozen *fz, const snap_array *a)
{
    return (void **)(base_of(fz, a->in) + a->off);
}

/* ---- the key --------------------------------------------------------------------------------- */

typedef struct kbuf {
    const nsc__mem *mem;
    char *s;
    size_t n, cap;
    int failed;
} kbuf;

static void kprintf(kbuf *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void kprintf(kbuf *k, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0 || k->failed) return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    if (nsc__grow(k->mem, (void **)&k->s, &k->cap, k->n + len + 1, 1)) {
        k->failed = 1;
        return;
    }
    memcpy(k->s + k->n, line, len + 1);
    k->n += len;
}

/* Every name the index prepares, with what its preparation depends on (flags, entity type),
 * hashed: two loads of the same file with other options give other names, and other keys. */
static uint64_t names_hash(const nsc__list *l)
{
    XXH3_state_t st;
    XXH3_64bits_reset(&st);
    for (size_t ei = 0; ei < l->n_entities; ei++) {
        const nsc__entity *ent = l->entities[ei];
        uint8_t t = (uint8_t)ent->type;
        XXH3_64bits_update(&st, &t, 1);
        for (const nsc__name *nm = ent->names; nm; nm = nm->next) {
            XXH3_64bits_update(&st, nm->text, strlen(nm->text) + 1);
            XXH3_64bits_update(&st, &nm->flags, 1);
        }
        XXH3_64bits_update(&st, "\n", 1);
    }
    return XXH3_64bits_digest(&st);
}

/* The key text: everything the index is derived from. NULL when out of memory. */
static char *make_key(const nsc__mem *mem, nsc__list *const *lists, size_t n_lists, size_t *len)
{
    kbuf k = { .mem = mem };
    kprintf(&k, "namescreen index snapshot, format %u\n", SNAP_FORMAT);
    kprintf(&k, "library %s, scoring %s\n", NSC_VERSION_STRING, NSC_SCORING_VERSION);
    kprintf(&k,
            "layout %zu-bit, tokinfo %zu, lname %zu, lrun %zu, lmeta %zu, hpair %zu, delpair "
            "%zu, max token %d\n",
            sizeof(void *) * 8, sizeof(nsc__tokinfo), sizeof(nsc__lname), sizeof(nsc__lrun),
            sizeof(struct nsc__lmeta), sizeof(struct hpair), sizeof(struct delpair),
            NSC_MAX_TOKLEN);
    kprintf(&k, "lists %zu\n", n_lists);
    for (size_t i = 0; i < n_lists; i++) {
        const nsc__list *l = lists[i];
        kprintf(&k, "list %zu: %s (%s), xxh128 %s, %zu entities, %zu names, names %016llx\n", i + 1,
                l->name ? l->name : "", l->format ? l->format : "", l->xxh128_hex, l->n_entities,
                l->n_names, (unsigned long long)names_hash(l));
    }
    if (k.failed || !k.s) {
        nsc__free(mem, k.s);
        return NULL;
    }
    *len = k.n;
    return k.s;
}

int nsc__snapshot_key_hex(char out[33], const nsc__mem *mem, nsc__list *const *lists,
                          size_t n_lists)
{
    size_t len;
    char *key = make_key(mem, lists, n_lists, &len);
    if (!key) return NSC_ENOMEM;
    XXH128_hash_t h = XXH3_128bits(key, len);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
    nsc__free(mem, key);
    return 0;
}

/* ---- writing --------------------------------------------------------------------------------- */

typedef struct writer {
    FILE *f;
    uint64_t pos;
    XXH3_state_t *st;
    int failed;
} writer;

static void put(writer *w, const void *p, size_t n)
{
    if (w->failed || !n) return;
    if (fwrite(p, 1, n, w->f) != n) w->failed = 1;
    XXH3_64bits_update(w->st, p, n);
    w->pos += n;
}

static void pad(writer *w)
{
    static const char zeros[SNAP_ALIGN];
    size_t r = (size_t)(w->pos % SNAP_ALIGN);
    if (r) put(w, zeros, SNAP_ALIGN - r);
}

static uint64_t align_up(uint64_t v) { return (v + SNAP_ALIGN - 1) / SNAP_ALIGN * SNAP_ALIGN; }

/* The strings of the dictionary (each NUL-terminated), with per entry the offsets of its string,
 * fold and skeleton; forms that share bytes in the arena share them here. */
static int pack_strings(const struct nsc__index *ix, const nsc__mem *mem, char **blob, size_t *blen,
                        uint32_t **offs)
{
    size_t cap = 0;
    *blob = NULL;
    *blen = 0;
    *offs = nsc__malloc(mem, (ix->n ? ix->n : 1) * 3 * sizeof **offs);
    if (!*offs) return NSC_ENOMEM;
    for (size_t i = 0; i < ix->n; i++) {
        const nsc__tokinfo *d = &ix->dict[i];
        const char *form[3] = { d->s, d->fold, d->skel };
        size_t len[3] = { d->len, d->flen, d->sklen };
        for (int k = 0; k < 3; k++) {
            int same = -1;
            for (int j = 0; j < k; j++)
                if (form[j] == form[k]) same = j;
            if (same >= 0) {
                (*offs)[i * 3 + (size_t)k] = (*offs)[i * 3 + (size_t)same];
                continue;
            }
            if (*blen + len[k] + 1 > UINT32_MAX ||
                nsc__grow(mem, (void **)blob, &cap, *blen + len[k] + 1, 1))
                return NSC_ENOMEM;
            memcpy(*blob + *blen, form[k], len[k]);
            (*blob)[*blen + len[k]] = '\0';
            (*offs)[i * 3 + (size_t)k] = (uint32_t)*blen;
            *blen += len[k] + 1;
        }
    }
    return 0;
}

/* The ordinal of each lname's name within its entity's names (lnames come in list, entity and
 * name order, so one walk finds them all). */
static uint32_t *name_ordinals(const nsc__frozen *fz)
{
    uint32_t *ord = nsc__malloc(fz->mem, (fz->n_lnames ? fz->n_lnames : 1) * sizeof *ord);
    if (!ord) return NULL;
    const nsc__name *cur = NULL;
    uint32_t li = UINT32_MAX, ei = UINT32_MAX, k = 0;
    for (size_t i = 0; i < fz->n_lnames; i++) {
        const nsc__lname *l = &fz->lnames[i];
        if (l->list != li || l->entity != ei) {
            li = l->list;
            ei = l->entity;
            cur = fz->lists[li]->entities[ei]->names;
            k = 0;
        }
        while (cur && cur != l->name) cur = cur->next, k++;
        ord[i] = k;
    }
    return ord;
}

/* Writes arr[0..n) of elem bytes through clean, a block at a time. */
static void put_clean(writer *w, const nsc__mem *mem, const void *arr, size_t n, size_t elem,
                      void (*clean)(void *, const void *, size_t))
{
    enum { BLOCK = 1024 };
    void *buf = nsc__malloc(mem, BLOCK * elem);
    if (!buf) {
        w->failed = 1;
        return;
    }
    for (size_t i = 0; i < n; i += BLOCK) {
        size_t m = n - i < BLOCK ? n - i : BLOCK;
        clean(buf, (const char *)arr + i * elem, m);
        put(w, buf, m * elem);
    }
    nsc__free(mem, buf);
}

int nsc__snapshot_write(const nsc__frozen *fz, const char *path, char *err, size_t errcap)
{
    const nsc__mem *mem = fz->mem;
    if (!fz->index || nsc__snapshot_is_mapped(fz) || !mem) {
        snprintf(err, errcap, "%s: the engine has no index built to write", path);
        return NSC_EINVAL;
    }
    const struct nsc__index *ix = fz->index;
    size_t key_len = 0, blen = 0, plen = strlen(path);
    char *key = make_key(mem, fz->lists, fz->n_lists, &key_len), *blob = NULL;
    char *tmp = nsc__malloc(mem, plen + 32);
    uint32_t *offs = NULL, *ord = NULL;
    XXH3_state_t st_room, *st = &st_room;
    writer w = { 0 };
    int rc = NSC_ENOMEM;
    if (!key || !tmp || pack_strings(ix, mem, &blob, &blen, &offs) || !(ord = name_ordinals(fz)))
        goto done;

    /* the sections: where each goes, from its size */
    struct section sec[N_SECTIONS];
    const void *data[N_SECTIONS];
    uint64_t pos = align_up(sizeof(struct header) + key_len);
    uint64_t table_off = pos;
    pos = align_up(pos + sizeof sec);
    for (size_t i = 0; i < N_ARRAYS; i++) {
        const snap_array *a = &arrays[i];
        sec[i] = (struct section){ .count = a->count(fz, a->arg), .elem = (uint32_t)a->elem };
        data[i] = *array_field(fz, a);
    }
    size_t sc_bytes = 0;
    for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) sc_bytes += scalars[i].size;
    sec[SEC_SCALARS] = (struct section){ .count = sc_bytes, .elem = 1 };
    sec[SEC_STRINGS] = (struct section){ .count = blen, .elem = 1 };
    data[SEC_STRINGS] = blob;
    sec[SEC_STROFF] = (struct section){ .count = ix->n * 3, .elem = sizeof *offs };
    data[SEC_STROFF] = offs;
    sec[SEC_NAMEORD] = (struct section){ .count = fz->n_lnames, .elem = sizeof *ord };
    data[SEC_NAMEORD] = ord;
    for (size_t i = 0; i < N_SECTIONS; i++) {
        sec[i].id = (uint32_t)i;
        sec[i].off = pos;
        pos = align_up(pos + sec[i].count * sec[i].elem);
    }

    snprintf(tmp, plen + 32, "%s.tmp%ld", path, (long)getpid());
    if (!(w.f = fopen(tmp, "wb"))) {
        snprintf(err, errcap, "%s: cannot create: %s", tmp, strerror(errno));
        rc = NSC_EIO;
        goto done;
    }
    w.st = st;
    XXH3_64bits_reset(st);
    struct header h = { .format = SNAP_FORMAT,
                        .bom = SNAP_BOM,
                        .size = pos,
                        .key_len = (uint32_t)key_len,
                        .n_sections = N_SECTIONS,
                        .table_off = table_off };
    memcpy(h.magic, SNAP_MAGIC, sizeof h.magic);
    if (fwrite(&h, sizeof h, 1, w.f) != 1) w.failed = 1; /* rewritten with its checksum */
    w.pos = sizeof h;
    put(&w, key, key_len);
    pad(&w);
    put(&w, sec, sizeof sec);
    for (size_t i = 0; i < N_SECTIONS; i++) {
        pad(&w);
        if (i == SEC_SCALARS) {
            for (size_t s = 0; s < sizeof scalars / sizeof scalars[0]; s++)
                put(&w, base_of(fz, scalars[s].in) + scalars[s].off, scalars[s].size);
        } else if (i < N_ARRAYS && arrays[i].clean) {
            put_clean(&w, mem, data[i], sec[i].count, sec[i].elem, arrays[i].clean);
        } else {
            put(&w, data[i], sec[i].count * sec[i].elem);
        }
    }
    pad(&w);
    h.checksum = XXH3_64bits_digest(st);
    if (w.failed || w.pos != pos || fseek(w.f, 0, SEEK_SET) != 0 ||
        fwrite(&h, sizeof h, 1, w.f) != 1 || fflush(w.f) != 0 || fsync(fileno(w.f)) != 0)
        w.failed = 1;
    int close_rc = fclose(w.f);
    w.f = NULL;
    if (w.failed || close_rc != 0) {
        snprintf(err, errcap, "%s: cannot write: %s", tmp, strerror(errno));
        remove(tmp);
        rc = NSC_EIO;
        goto done;
    }
    if (rename(tmp, path) != 0) {
        snprintf(err, errcap, "%s: cannot rename %s into place: %s", path, tmp, strerror(errno));
        remove(tmp);
        rc = NSC_EIO;
        goto done;
    }
    rc = 0;
done:
    if (rc == NSC_ENOMEM) snprintf(err, errcap, "%s: out of memory", path);
    nsc__free(mem, key);
    nsc__free(mem, tmp);
    nsc__free(mem, blob);
    nsc__free(mem, offs);
    nsc__free(mem, ord);
    return rc;
}

/* ---- mapping --------------------------------------------------------------------------------- */

int nsc__snapshot_is_mapped(const nsc__frozen *fz) { return fz->index && fz->index->map; }

void nsc__snapshot_unmap(nsc__frozen *fz)
{
    const nsc__mem *mem = fz->mem;
    struct nsc__index *ix = fz->index;
    if (ix) {
        nsc__free(mem, ix->dict);
        nsc__ushared_free(ix->shared);
        if (ix->map) munmap((void *)(uintptr_t)ix->map, ix->map_len);
        nsc__free(mem, ix);
    }
    nsc__free(mem, fz->lnames);
    nsc__free(mem, fz->list_base);
    *fz = (nsc__frozen){
        .mem = mem, .lists = fz->lists, .n_lists = fz->n_lists, .n_gentities = fz->n_gentities
    };
}

/* The first line where the key texts a and b differ, into the message. */
static void key_difference(char *err, size_t errcap, const char *path, const char *file_key,
                           size_t flen, const char *key, size_t klen)
{
    size_t i = 0, line = 0;
    while (i < flen && i < klen && file_key[i] == key[i]) {
        if (key[i] == '\n') line = i + 1;
        i++;
    }
    size_t fe = line, ke = line;
    while (fe < flen && file_key[fe] != '\n') fe++;
    while (ke < klen && key[ke] != '\n') ke++;
    snprintf(err, errcap, "%s: stale snapshot: it was made for \"%.*s\", the engine has \"%.*s\"",
             path, (int)(fe - line), file_key + line, (int)(ke - line), key + line);
}

/* Checks that the ids of array a (n elements at p) stay below bound. */
static int ids_below(const snap_array *a, const char *p, size_t n, size_t bound)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t id;
        memcpy(&id, p + i * a->elem + a->id_off, sizeof id);
        if (id >= bound) return 0;
    }
    return 1;
}

#define CORRUPT(...)                                                                               \
    do {                                                                                           \
        rc = NSC_ECORRUPT;                                                                         \
        snprintf(err, errcap, __VA_ARGS__);                                                        \
        goto fail;                                                                                 \
    } while (0)

/* Fixes up the copied lnames' name pointers from their ordinals, checking every index. */
static int fix_names(nsc__frozen *fz, const uint32_t *ord, size_t n_ltok, size_t n_lrun)
{
    for (size_t i = 0; i < fz->n_lnames; i++) {
        nsc__lname *l = &fz->lnames[i];
        if (l->list >= fz->n_lists || l->entity >= fz->lists[l->list]->n_entities ||
            l->gentity != fz->list_base[l->list] + l->entity ||
            (size_t)l->tok_off + l->ntok > n_ltok || (size_t)l->run_off + l->nrun > n_lrun)
            return 0;
        const nsc__name *nm = fz->lists[l->list]->entities[l->entity]->names;
        for (uint32_t k = 0; nm && k < ord[i]; k++) nm = nm->next;
        if (!nm) return 0;
        l->name = nm;
    }
    return 1;
}

/* Points the copied dictionary's strings into the mapped string section. */
static int fix_strings(struct nsc__index *ix, const char *blob, size_t blen, const uint32_t *offs)
{
    for (size_t i = 0; i < ix->n; i++) {
        nsc__tokinfo *d = &ix->dict[i];
        const size_t len[3] = { d->len, d->flen, d->sklen };
        const char *form[3];
        for (int k = 0; k < 3; k++) {
            uint32_t o = offs[i * 3 + (size_t)k];
            if ((size_t)o + len[k] >= blen || blob[o + len[k]] != '\0') return 0;
            form[k] = blob + o;
        }
        d->s = form[0];
        d->fold = form[1];
        d->skel = form[2];
    }
    return 1;
}

int nsc__snapshot_map(nsc__frozen *fz, const nsc__mem *mem, nsc__list *const *lists, size_t n_lists,
                      const char *path, char *err, size_t errcap)
{
    int rc = NSC_ENOMEM, fd = -1;
    size_t key_len = 0;
    char *key = NULL;
    const char *m = NULL;
    size_t size = 0;
    struct nsc__index *ix = NULL;
    *fz = (nsc__frozen){ .mem = mem, .lists = lists, .n_lists = n_lists };

    if ((fd = open(path, O_RDONLY)) < 0) {
        snprintf(err, errcap, "%s: cannot open: %s", path, strerror(errno));
        return NSC_EIO;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        snprintf(err, errcap, "%s: not a regular file", path);
        close(fd);
        return NSC_EIO;
    }
    size = (size_t)sb.st_size;
    struct header h;
    if (size < sizeof h) {
        close(fd);
        snprintf(err, errcap, "%s: truncated snapshot: %zu bytes, less than its header", path,
                 size);
        return NSC_ECORRUPT;
    }
    int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE; /* every page is read at once for the checksum */
#endif
    m = mmap(NULL, size, PROT_READ, flags, fd, 0);
    close(fd);
    if (m == MAP_FAILED) {
        m = NULL;
        snprintf(err, errcap, "%s: cannot map: %s", path, strerror(errno));
        return NSC_EIO;
    }
    memcpy(&h, m, sizeof h);
    if (memcmp(h.magic, SNAP_MAGIC, sizeof h.magic) != 0)
        CORRUPT("%s: not a namescreen index snapshot (bad magic)", path);
    if (h.format != SNAP_FORMAT || h.bom != SNAP_BOM) {
        rc = NSC_ESTALE;
        snprintf(err, errcap,
                 "%s: stale snapshot: format %u (byte order %08x), this library reads format %u "
                 "(byte order %08x)",
                 path, h.format, h.bom, SNAP_FORMAT, SNAP_BOM);
        goto fail;
    }
    if (h.size != size)
        CORRUPT("%s: truncated snapshot: %zu bytes, its header says %llu", path, size,
                (unsigned long long)h.size);
    uint64_t sum = XXH3_64bits(m + sizeof h, size - sizeof h);
    if (sum != h.checksum)
        CORRUPT("%s: corrupt snapshot: checksum %016llx, its header says %016llx", path,
                (unsigned long long)sum, (unsigned long long)h.checksum);
    if (!(key = make_key(mem, lists, n_lists, &key_len))) goto nomem;
    if (h.key_len > size - sizeof h || h.key_len != key_len ||
        memcmp(m + sizeof h, key, key_len) != 0) {
        size_t flen = h.key_len <= size - sizeof h ? h.key_len : 0;
        key_difference(err, errcap, path, m + sizeof h, flen, key, key_len);
        rc = NSC_ESTALE;
        goto fail;
    }
    struct section sec[N_SECTIONS];
    if (h.n_sections != N_SECTIONS || h.table_off > size || size - h.table_off < sizeof sec)
        CORRUPT("%s: corrupt snapshot: %u sections, this library reads %u", path, h.n_sections,
                (unsigned)N_SECTIONS);
    memcpy(sec, m + h.table_off, sizeof sec);
    for (size_t i = 0; i < N_SECTIONS; i++) {
        size_t elem = i < N_ARRAYS ? arrays[i].elem : i == SEC_STROFF || i == SEC_NAMEORD ? 4 : 1;
        if (sec[i].id != i || sec[i].elem != elem || sec[i].off % SNAP_ALIGN || sec[i].off > size ||
            sec[i].count > (size - sec[i].off) / elem)
            CORRUPT("%s: corrupt snapshot: section %zu (%s) lies outside the file", path, i,
                    i < N_ARRAYS ? arrays[i].name : "extra");
    }

    if (!(ix = nsc__calloc(mem, 1, sizeof *ix))) goto nomem;
    nsc__arena_init(&ix->arena, mem);
    ix->map = m;
    ix->map_len = size;
    fz->index = ix;
    m = NULL; /* the index owns the mapping now */
    size_t sc_bytes = 0, at = 0;
    for (size_t s = 0; s < sizeof scalars / sizeof scalars[0]; s++) sc_bytes += scalars[s].size;
    if (sec[SEC_SCALARS].count != sc_bytes)
        CORRUPT("%s: corrupt snapshot: %llu bytes of scalars, expected %zu", path,
                (unsigned long long)sec[SEC_SCALARS].count, sc_bytes);
    for (size_t s = 0; s < sizeof scalars / sizeof scalars[0]; s++) {
        memcpy(base_of(fz, scalars[s].in) + scalars[s].off, ix->map + sec[SEC_SCALARS].off + at,
               scalars[s].size);
        at += scalars[s].size;
    }
    for (int k = 0; k < 4; k++)
        if (ix->eq_dir[k].shift < 38 || ix->eq_dir[k].shift > 63)
            CORRUPT("%s: corrupt snapshot: directory %d", path, k);
    for (int k = 0; k < 4; k++)
        if (ix->del_dir[k / 2][k % 2].shift < 38 || ix->del_dir[k / 2][k % 2].shift > 63)
            CORRUPT("%s: corrupt snapshot: deletion directory %d", path, k);
    for (size_t i = 0; i < N_ARRAYS; i++) {
        const snap_array *a = &arrays[i];
        size_t want = a->count(fz, a->arg);
        if (sec[i].count != want)
            CORRUPT("%s: corrupt snapshot: array %s has %llu elements, expected %zu", path, a->name,
                    (unsigned long long)sec[i].count, want);
        const char *p = ix->map + sec[i].off;
        if (a->ids == IDS_DICT && !ids_below(a, p, want, ix->n))
            CORRUPT("%s: corrupt snapshot: array %s holds an id past the dictionary", path,
                    a->name);
        if (a->ids == IDS_LNAMES && !ids_below(a, p, want, fz->n_lnames))
            CORRUPT("%s: corrupt snapshot: array %s holds an id past the names", path, a->name);
        void *dst = (void *)(uintptr_t)p;
        if (a->copy) {
            if (!(dst = nsc__malloc(mem, (want ? want : 1) * a->elem))) goto nomem;
            memcpy(dst, p, want * a->elem);
        }
        *array_field(fz, a) = dst;
    }
    /* the directories rise from 0 and their last slots close their records */
    for (int k = 0; k < 4; k++)
        if (!offsets_rise(ix->eq_dir[k].off, n_dir(&ix->eq_dir[k])) ||
            ix->eq_dir[k].off[n_dir(&ix->eq_dir[k]) - 1] != ix->n_eq[k])
            CORRUPT("%s: corrupt snapshot: directory %d", path, k);
    for (int k = 0; k < 4; k++) {
        const struct hdir *d = &ix->del_dir[k / 2][k % 2];
        if (!offsets_rise(d->off, n_dir(d)) || d->off[n_dir(d) - 1] != ix->n_del[k / 2][k % 2])
            CORRUPT("%s: corrupt snapshot: deletion directory %d", path, k);
    }
    if (ix->n && ix->post_off[ix->n] > UINT32_MAX) CORRUPT("%s: corrupt snapshot", path);
    /* the offset tables rise from 0, so that every range they give lies in its array */
    if (!offsets_rise(ix->first_off, 257) || !offsets_rise(ix->b[0].off, NSC_MAX_TOKLEN + 2) ||
        !offsets_rise(ix->b[1].off, NSC_MAX_TOKLEN + 2) || !offsets_rise(ix->post_off, ix->n + 1))
        CORRUPT("%s: corrupt snapshot: an offset table does not rise", path);

    fz->list_base = nsc__calloc(mem, n_lists + 1, sizeof *fz->list_base);
    if (!fz->list_base) goto nomem;
    size_t g = 0;
    for (size_t li = 0; li < n_lists; li++) {
        fz->list_base[li] = g;
        g += lists[li]->n_entities;
    }
    fz->list_base[n_lists] = g;
    fz->n_gentities = g;
    if (sec[SEC_STROFF].count != ix->n * 3 || sec[SEC_NAMEORD].count != fz->n_lnames)
        CORRUPT("%s: corrupt snapshot: string or name table sizes", path);
    if (!fix_strings(ix, ix->map + sec[SEC_STRINGS].off, sec[SEC_STRINGS].count,
                     (const uint32_t *)(const void *)(ix->map + sec[SEC_STROFF].off)))
        CORRUPT("%s: corrupt snapshot: a dictionary string lies outside its section", path);
    if (!fix_names(fz, (const uint32_t *)(const void *)(ix->map + sec[SEC_NAMEORD].off),
                   n_ltok(fz, 0), n_lrun(fz, 0)))
        CORRUPT("%s: corrupt snapshot: a name does not belong to the lists loaded", path);
    if (!(ix->shared = nsc__ushared_new(mem))) goto nomem;
    fz->dict = ix->dict;
    fz->n_dict = ix->n;
    nsc__free(mem, key);
    return 0;
nomem:
    rc = NSC_ENOMEM;
    snprintf(err, errcap, "%s: out of memory", path);
fail:
    nsc__free(mem, key);
    if (m) munmap((void *)(uintptr_t)m, size);
    if (ix) {
        /* the copies made so far; the mapped arrays go with the mapping */
        if (fz->lnames) nsc__free(mem, fz->lnames);
        fz->lnames = NULL;
        nsc__snapshot_unmap(fz);
    }
    *fz = (nsc__frozen){ 0 };
    return rc;
}
