/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/index.c: the frozen index. Freezing prepares every list name once into "lnames" whose
 * tokens, and runs of 2..3 adjacent tokens joined, are interned in a dictionary of distinct token
 * forms with postings and the lookup structures of match/index_impl.h; also lname sides, and a
 * thread's match scratch sized for the index.
 */
#include <string.h>

#include <xxhash.h>

#include "match/index_impl.h"
#include "match/snapshot.h"

/* ---- building ------------------------------------------------------------------------------ */

static uint64_t tok_hash(const nsc__tokinfo *t)
{
    return XXH3_64bits(t->s, t->len) ^ ((uint64_t)t->flags * 0x9E3779B97F4A7C15ull);
}

static int same_tok(const nsc__tokinfo *a, const nsc__tokinfo *b)
{
    return a->len == b->len && a->flags == b->flags && memcmp(a->s, b->s, a->len) == 0;
}

/* The slots of the build-time hash table over the dictionary: the low 32 bits of an entry's
 * hash above its id + 1 (0 = empty), so that probing compares hashes without touching the
 * entries and growing needs no hashing. */
#define SLOT_ID(v) ((uint32_t)(v)-1u)
#define SLOT_HASH(v) ((uint32_t)((v) >> 32))

static int rehash(nsc__index *ix, size_t ncap, const nsc__mem *mem)
{
    uint64_t *slots = nsc__calloc(mem, ncap, sizeof *slots);
    if (!slots) return NSC_ENOMEM;
    for (size_t i = 0; i < ix->hcap; i++) {
        uint64_t v = ix->hslots[i];
        if (!v) continue;
        size_t h = SLOT_HASH(v) & (ncap - 1);
        while (slots[h]) h = (h + 1) & (ncap - 1);
        slots[h] = v;
    }
    nsc__free(mem, ix->hslots);
    ix->hslots = slots;
    ix->hcap = ncap;
    return 0;
}

/* A copy of s[0..n) in the arena, or `same` when that holds the same bytes (a fold or skeleton
 * equal to the token's string is stored once). */
static const char *arena_copy(nsc__arena *a, const char *s, size_t n, const char *same,
                              size_t same_len)
{
    if (same && same_len == n && memcmp(same, s, n) == 0) return same;
    return nsc__arena_strndup(a, s, n);
}

/* The dictionary id of token t, adding it when new; NSC_NOID when out of memory. role says
 * whether t stands as a single token or a joined run here. */
static uint32_t intern(nsc__index *ix, const nsc__tokinfo *t, const nsc__mem *mem, unsigned role)
{
    if ((ix->n + 1) * 2 > ix->hcap && rehash(ix, ix->hcap ? ix->hcap * 2 : 1u << 16, mem))
        return NSC_NOID;
    uint32_t hash = (uint32_t)tok_hash(t);
    size_t h = hash & (ix->hcap - 1);
    while (ix->hslots[h]) {
        uint64_t v = ix->hslots[h];
        uint32_t id = SLOT_ID(v);
        if (SLOT_HASH(v) == hash && same_tok(&ix->dict[id], t)) {
            ix->dict[id].role |= (uint8_t)role;
            return id;
        }
        h = (h + 1) & (ix->hcap - 1);
    }
    if (nsc__grow(mem, (void **)&ix->dict, &ix->cap, ix->n + 1, sizeof *ix->dict)) return NSC_NOID;
    nsc__tokinfo *d = &ix->dict[ix->n];
    *d = *t;
    d->role = (uint8_t)role;
    if (!(d->s = arena_copy(&ix->arena, t->s, t->len, NULL, 0)) ||
        !(d->fold = arena_copy(&ix->arena, t->fold, t->flen, d->s, d->len)) ||
        !(d->skel = arena_copy(&ix->arena, t->skel, t->sklen, d->fold, d->flen)))
        return NSC_NOID;
    ix->hslots[h] = ((uint64_t)hash << 32) | ((uint64_t)ix->n + 1);
    return (uint32_t)ix->n++;
}

typedef struct builder {
    nsc__frozen *e;
    nsc__index *ix;
    size_t cap_lnames, cap_ltok, cap_lweight, cap_lfirst, cap_lmeta, cap_lrun, n_ltok, n_lrun;
    nsc__qtok runs[NSC_MAX_RUNS];
} builder;

static int add_lname(builder *b, uint32_t li, uint32_t ei, uint32_t gent, const nsc__name *nm,
                     const nsc__pname *p)
{
    nsc__frozen *e = b->e;
    const nsc__mem *mem = e->mem;
    nsc__side side;
    nsc__side_from_pname(&side, p, b->runs);
    if (side.n == 0) return 0;
    if (nsc__grow(mem, (void **)&e->lnames, &b->cap_lnames, e->n_lnames + 1, sizeof *e->lnames) ||
        nsc__grow(mem, (void **)&e->ltok, &b->cap_ltok, b->n_ltok + (size_t)side.n,
                  sizeof *e->ltok) ||
        nsc__grow(mem, (void **)&e->lweight, &b->cap_lweight, b->n_ltok + (size_t)side.n,
                  sizeof *e->lweight) ||
        nsc__grow(mem, (void **)&e->lfirst, &b->cap_lfirst, b->n_ltok + (size_t)side.n,
                  sizeof *e->lfirst) ||
        nsc__grow(mem, (void **)&e->lmeta, &b->cap_lmeta, e->n_lnames + 1, sizeof *e->lmeta) ||
        nsc__grow(mem, (void **)&e->lrun, &b->cap_lrun, b->n_lrun + (size_t)side.nrun + 1,
                  sizeof *e->lrun))
        return NSC_ENOMEM;
    uint32_t ln = (uint32_t)e->n_lnames;
    nsc__lname *l = &e->lnames[e->n_lnames++];
    l->list = li;
    l->entity = ei;
    l->gentity = gent;
    l->name = nm;
    l->tok_off = (uint32_t)b->n_ltok;
    l->run_off = (uint32_t)b->n_lrun;
    l->ntok = (uint8_t)side.n;
    l->nrun = (uint8_t)side.nrun;
    l->lossy = (uint8_t)p->lossy;
    l->etype = e->lists[li]->entities[ei]->type;
    struct nsc__lmeta *lm = &e->lmeta[ln];
    memset(lm, 0, sizeof *lm);
    l->distinct = 0;
    double wsum = 0;
    for (int i = 0; i < side.n; i++) {
        const nsc__tokinfo *t = side.tok[i];
        wsum += t->weight;
        if (nsc__distinctive(t)) l->distinct |= 1u << i;
        unsigned c = (unsigned char)t->s[0];
        int word = nsc__is_word(t);
        if (word) {
            lm->words |= 1u << (c - 'a');
            if (t->weight > b->ix->letter_pairw[c - 'a']) b->ix->letter_pairw[c - 'a'] = t->weight;
        } else if ((t->flags & NSC_TOKF_INITIAL) && c >= 'a' && c <= 'z') {
            lm->initials |= 1u << (c - 'a');
        }
        uint32_t id = intern(b->ix, side.tok[i], mem, NSC_ROLE_SINGLE);
        if (id == NSC_NOID) return NSC_ENOMEM;
        e->lweight[b->n_ltok] = side.tok[i]->weight;
        e->lfirst[b->n_ltok] = word ? (uint8_t)c : 0;
        e->ltok[b->n_ltok++] = id;
    }
    lm->wsum = nsc__float_up(wsum);
    for (int r = 0; r < side.nrun; r++) {
        uint32_t id = intern(b->ix, side.run[r].ti, mem, NSC_ROLE_RUN);
        if (id == NSC_NOID) return NSC_ENOMEM;
        nsc__lrun *lr = &e->lrun[b->n_lrun++];
        lr->start = side.run[r].start;
        lr->len = side.run[r].len;
        lr->id = id;
    }
    return 0;
}

/* The directory bits for n records: about two records a slot. */
static int dir_bits(size_t n)
{
    int bits = 1;
    while (bits < 26 && ((size_t)1 << bits) < n / 2 + 1) bits++;
    return bits;
}

/* Groups n records of `size` bytes that begin with a uint64_t key by the top `bits` bits of
 * that key (all a directory looks at): a stable LSD radix sort in passes of at most 13 bits, so
 * records keep their order (ids rise) within a slot. */
static int radix_sort_top(void *base, size_t n, size_t size, int bits, const nsc__mem *mem)
{
    if (n < 2) return 0;
    int passes = (bits + 12) / 13, width = (bits + passes - 1) / passes;
    size_t nb = (size_t)1 << width;
    char *tmp = nsc__malloc(mem, n * size);
    uint32_t *count = nsc__malloc(mem, nb * sizeof *count);
    if (!tmp || !count) {
        nsc__free(mem, tmp);
        nsc__free(mem, count);
        return NSC_ENOMEM;
    }
    char *src = base, *dst = tmp;
    for (int pass = 0; pass < passes; pass++) {
        int lo = 64 - bits + pass * width; /* this pass's lowest key bit */
        int w = lo + width > 64 ? 64 - lo : width;
        uint64_t m = ((uint64_t)1 << w) - 1;
        memset(count, 0, nb * sizeof *count);
        for (size_t i = 0; i < n; i++) {
            uint64_t k;
            memcpy(&k, src + i * size, sizeof k);
            count[(k >> lo) & m]++;
        }
        uint32_t sum = 0;
        for (size_t d = 0; d < nb; d++) {
            uint32_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) {
            uint64_t k;
            memcpy(&k, src + i * size, sizeof k);
            memcpy(dst + (size_t)count[(k >> lo) & m]++ * size, src + i * size, size);
        }
        char *t = src;
        src = dst;
        dst = t;
    }
    if (src != base) memcpy(base, src, n * size);
    nsc__free(mem, tmp);
    nsc__free(mem, count);
    return 0;
}

static int build_dir(struct hdir *d, const void *base, size_t n, size_t size, const nsc__mem *mem)
{
    int bits = dir_bits(n);
    size_t nb = (size_t)1 << bits;
    d->off = nsc__malloc(mem, (nb + 1) * sizeof *d->off);
    if (!d->off) return NSC_ENOMEM;
    d->shift = 64 - bits;
    size_t j = 0;
    for (size_t b = 0; b < nb; b++) {
        for (;;) {
            uint64_t k;
            if (j >= n) break;
            memcpy(&k, (const char *)base + j * size, sizeof k);
            if ((k >> d->shift) >= b) break;
            j++;
        }
        d->off[b] = (uint32_t)j;
    }
    d->off[nb] = (uint32_t)n;
    return 0;
}

static const char *field_of(const nsc__tokinfo *t, int field, size_t *len)
{
    *len = field == 0 ? t->len : field == 1 ? t->flen : t->sklen;
    return field == 0 ? t->s : field == 1 ? t->fold : t->skel;
}

/* Entries by the hash of one of their forms (0 string, 1 fold, 2 skeleton, 3 skeleton of the
 * entries romanized from an abjad; empty forms left out). A lookup returns every entry whose
 * form hashes like the key: a superset of the equal ones, which the similarity then sorts out. */
static int build_eq(nsc__index *ix, const nsc__mem *mem, int field)
{
    /* sorted and given their directory as (64-bit hash, id), kept as (low 32 bits, id) */
    struct wide {
        uint64_t h;
        uint32_t id;
    } *v = nsc__malloc(mem, (ix->n ? ix->n : 1) * sizeof *v);
    if (!v) return NSC_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < ix->n; i++) {
        size_t len;
        const char *str = field_of(&ix->dict[i], field, &len);
        if (!len || (field == 3 && !(ix->dict[i].flags & NSC_TOKF_ABJAD))) continue;
        v[n].h = XXH3_64bits(str, len);
        v[n].id = (uint32_t)i;
        n++;
    }
    int rc = NSC_ENOMEM;
    struct hpair *c = NULL;
    if (!radix_sort_top(v, n, sizeof *v, dir_bits(n), mem) &&
        !build_dir(&ix->eq_dir[field], v, n, sizeof *v, mem) &&
        (c = nsc__malloc(mem, (n ? n : 1) * sizeof *c))) {
        for (size_t i = 0; i < n; i++) c[i].h = (uint32_t)v[i].h, c[i].id = v[i].id;
        ix->eq[field] = c;
        ix->n_eq[field] = n;
        rc = 0;
    }
    nsc__free(mem, v);
    return rc;
}

/* The single-token entries grouped by their first byte (a counting sort; ids rise within a
 * group). Only an initial reads them (test_initial, match/retrieve.c), and it meets single
 * tokens alone: the joined runs, most of the dictionary of a big list, stay out. */
static int group_by_first(nsc__index *ix, const nsc__mem *mem)
{
    uint32_t *off = ix->first_off;
    memset(off, 0, sizeof ix->first_off);
    for (size_t i = 0; i < ix->n; i++)
        if (ix->dict[i].role & NSC_ROLE_SINGLE) off[(unsigned char)ix->dict[i].s[0] + 1]++;
    for (int c = 1; c <= 256; c++) off[c] += off[c - 1];
    ix->by_first = nsc__malloc(mem, (off[256] ? off[256] : 1) * sizeof *ix->by_first);
    if (!ix->by_first) return NSC_ENOMEM;
    uint32_t pos[256];
    memcpy(pos, off, sizeof pos);
    for (size_t i = 0; i < ix->n; i++)
        if (ix->dict[i].role & NSC_ROLE_SINGLE)
            ix->by_first[pos[(unsigned char)ix->dict[i].s[0]]++] = (uint32_t)i;
    return 0;
}

/* The single tokens bucketed by length (counting sort), with their filters beside them */
static int bucket(nsc__index *ix, const nsc__mem *mem, int fold, struct bucket *bk)
{
    uint32_t *off = bk->off;
    memset(off, 0, sizeof bk->off);
    size_t total = 0;
    for (size_t i = 0; i < ix->n; i++) {
        if (!(ix->dict[i].role & NSC_ROLE_SINGLE)) continue;
        off[(fold ? ix->dict[i].flen : ix->dict[i].len) + 1]++;
        total++;
    }
    for (int l = 1; l < NSC_MAX_TOKLEN + 2; l++) off[l] += off[l - 1];
    size_t n = total ? total : 1;
    bk->ids = nsc__malloc(mem, n * sizeof *bk->ids);
    bk->mask = nsc__malloc(mem, n * sizeof *bk->mask);
    bk->cnt = nsc__malloc(mem, n * NSC_CNT_BINS);
    bk->head = nsc__malloc(mem, n * sizeof *bk->head);
    bk->tail = nsc__malloc(mem, n * sizeof *bk->tail);
    if (!bk->ids || !bk->mask || !bk->cnt || !bk->head || !bk->tail) return NSC_ENOMEM;
    uint32_t pos[NSC_MAX_TOKLEN + 2];
    memcpy(pos, off, sizeof pos);
    for (size_t i = 0; i < ix->n; i++) {
        const nsc__tokinfo *t = &ix->dict[i];
        if (!(t->role & NSC_ROLE_SINGLE)) continue;
        unsigned l = fold ? t->flen : t->len;
        const char *str = fold ? t->fold : t->s;
        uint32_t p = pos[l]++;
        bk->ids[p] = (uint32_t)i;
        bk->mask[p] = fold ? t->fmask : t->mask;
        nsc__letter_counts(bk->cnt + (size_t)p * NSC_CNT_BINS, str, l);
        bk->head[p] = nsc__pack_head(str, l);
        bk->tail[p] = nsc__pack_tail(str, l);
    }
    return 0;
}

static void bucket_free(const nsc__mem *mem, struct bucket *bk)
{
    nsc__free(mem, bk->ids);
    nsc__free(mem, bk->mask);
    nsc__free(mem, bk->cnt);
    nsc__free(mem, bk->head);
    nsc__free(mem, bk->tail);
}

static int build_deletions(nsc__index *ix, const nsc__mem *mem, int zone, int fold)
{
    size_t cap = 0, n = 0, minlen = zone ? DEL2_MINLEN : DEL1_MINLEN,
           maxlen = zone ? DEL2_MAXLEN : DEL1_MAXLEN;
    struct delpair *v = NULL;
    for (size_t i = 0; i < ix->n; i++) {
        const nsc__tokinfo *t = &ix->dict[i];
        size_t len = fold ? t->flen : t->len;
        if (!(t->role & NSC_ROLE_SINGLE) || len < minlen || len > maxlen) continue;
        uint64_t keys[DEL_MAXKEYS];
        size_t nk = nsc__deletion_keys(keys, fold ? t->fold : t->s, len, zone + 1, 1);
        if (nsc__grow(mem, (void **)&v, &cap, n + nk, sizeof *v)) {
            nsc__free(mem, v);
            return NSC_ENOMEM;
        }
        for (size_t k = 0; k < nk; k++)
            v[n].h = keys[k], v[n].id = (uint32_t)i, v[n].len = (uint32_t)len, n++;
    }
    if (radix_sort_top(v, n, sizeof *v, dir_bits(n), mem)) {
        nsc__free(mem, v);
        return NSC_ENOMEM;
    }
    ix->del[zone][fold] = v;
    ix->n_del[zone][fold] = n;
    return build_dir(&ix->del_dir[zone][fold], v, n, sizeof *v, mem);
}

/* Entry k of lname l in the order add_lname met them: its tokens, then its runs. */
static uint32_t lname_entry(const nsc__frozen *e, const nsc__lname *l, uint32_t k)
{
    return k < l->ntok ? e->ltok[l->tok_off + k] : e->lrun[l->run_off + (k - l->ntok)].id;
}

/* The postings: for each entry, the lnames that hold it, in lname order and each once. They are
 * read off the lnames' tokens and runs, which add_lname stored, in two passes (count, then
 * place) instead of gathering (entry, lname) pairs, which would cost 8 bytes a pair at the peak
 * of the build. */
static int build_postings(const nsc__frozen *e, nsc__index *ix, const nsc__mem *mem)
{
    ix->post_off = nsc__calloc(mem, ix->n + 1, sizeof *ix->post_off);
    uint32_t *last = nsc__malloc(mem, (ix->n ? ix->n : 1) * sizeof *last);
    if (!ix->post_off || !last) {
        nsc__free(mem, last);
        return NSC_ENOMEM;
    }
    /* last[id]: the latest lname (+ 1) counted for id, so that an lname counts once */
    memset(last, 0, ix->n * sizeof *last);
    size_t total = 0;
    for (size_t ln = 0; ln < e->n_lnames; ln++) {
        const nsc__lname *l = &e->lnames[ln];
        for (uint32_t k = 0; k < (uint32_t)l->ntok + l->nrun; k++) {
            uint32_t id = lname_entry(e, l, k);
            if (last[id] == ln + 1) continue;
            last[id] = (uint32_t)ln + 1;
            ix->post_off[id + 1]++;
            total++;
        }
    }
    for (size_t i = 1; i <= ix->n; i++) ix->post_off[i] += ix->post_off[i - 1];
    ix->post = nsc__malloc(mem, (total ? total : 1) * sizeof *ix->post);
    if (!ix->post) {
        nsc__free(mem, last);
        return NSC_ENOMEM;
    }
    uint32_t *pos = last; /* reused: the next free posting of each entry */
    memcpy(pos, ix->post_off, ix->n * sizeof *pos);
    for (size_t ln = 0; ln < e->n_lnames; ln++) {
        const nsc__lname *l = &e->lnames[ln];
        for (uint32_t k = 0; k < (uint32_t)l->ntok + l->nrun; k++) {
            uint32_t id = lname_entry(e, l, k);
            if (pos[id] > ix->post_off[id] && ix->post[pos[id] - 1] == ln) continue;
            ix->post[pos[id]++] = (uint32_t)ln;
        }
    }
    nsc__free(mem, pos);
    return 0;
}

static int build_pairw(const nsc__frozen *e, nsc__index *ix, const nsc__mem *mem)
{
    ix->pairw = nsc__calloc(mem, ix->n ? ix->n : 1, sizeof *ix->pairw);
    if (!ix->pairw) return NSC_ENOMEM;
    for (size_t i = 0; i < ix->n; i++)
        if (ix->dict[i].role & NSC_ROLE_SINGLE) ix->pairw[i] = ix->dict[i].weight;
    for (size_t ln = 0; ln < e->n_lnames; ln++) {
        const nsc__lname *l = &e->lnames[ln];
        for (int r = 0; r < l->nrun; r++) {
            const nsc__lrun *lr = &e->lrun[l->run_off + (uint32_t)r];
            double w = 0;
            for (int k = lr->start; k < lr->start + lr->len; k++)
                w += e->lweight[l->tok_off + (uint32_t)k];
            if (w > ix->pairw[lr->id]) ix->pairw[lr->id] = w;
        }
    }
    return 0;
}

int nsc__index_build(nsc__frozen *e, const nsc__mem *mem, nsc__list *const *lists, size_t n_lists,
                     nsc__text_scratch *ts)
{
    e->mem = mem;
    e->lists = lists;
    e->n_lists = n_lists;
    nsc__index *ix = nsc__calloc(mem, 1, sizeof *ix);
    if (!ix) return NSC_ENOMEM;
    nsc__arena_init(&ix->arena, mem);
    e->index = ix;
    e->list_base = nsc__calloc(mem, e->n_lists + 1, sizeof *e->list_base);
    if (!e->list_base) return NSC_ENOMEM;
    size_t g = 0;
    for (size_t li = 0; li < e->n_lists; li++) {
        e->list_base[li] = g;
        g += e->lists[li]->n_entities;
    }
    e->list_base[e->n_lists] = g;
    e->n_gentities = g;

    builder *b = nsc__calloc(mem, 1, sizeof *b);
    nsc__prepared *prep = nsc__malloc(mem, sizeof *prep);
    int rc = b && prep ? 0 : NSC_ENOMEM;
    if (rc) goto done;
    b->e = e;
    b->ix = ix;
    for (size_t li = 0; li < e->n_lists && !rc; li++) {
        const nsc__list *l = e->lists[li];
        for (size_t ei = 0; ei < l->n_entities && !rc; ei++) {
            const nsc__entity *ent = l->entities[ei];
            for (const nsc__name *nm = ent->names; nm && !rc; nm = nm->next) {
                rc = nsc__prepare(
                    ts, prep, nm->text, strlen(nm->text),
                    ((nm->flags & NSC_NAMEF_SURNAME_FIRST) ? NSC_PREP_SURNAME_FIRST : 0u) |
                        NSC_PREP_OF_TYPE(ent->type));
                if (rc == NSC_ETOOLONG || rc == NSC_EENCODING) { /* parsers validated UTF-8 */
                    rc = 0;
                    continue;
                }
                for (int v = 0; v < prep->nv && !rc; v++)
                    rc = add_lname(b, (uint32_t)li, (uint32_t)ei, (uint32_t)(e->list_base[li] + ei),
                                   nm, &prep->v[v]);
            }
        }
    }
    if (rc) goto done;
    /* the hash table only served interning */
    nsc__free(mem, ix->hslots);
    ix->hslots = NULL;
    ix->hcap = 0;
    if ((rc = build_postings(e, ix, mem))) goto done;
    if ((rc = build_pairw(e, ix, mem))) goto done;
    if (group_by_first(ix, mem) || build_eq(ix, mem, 0) || build_eq(ix, mem, 1) ||
        build_eq(ix, mem, 2) || build_eq(ix, mem, 3)) {
        rc = NSC_ENOMEM;
        goto done;
    }
    for (int fold = 0; fold < 2 && !rc; fold++) rc = bucket(ix, mem, fold, &ix->b[fold]);
    for (int zone = 0; zone < 2 && !rc; zone++)
        for (int fold = 0; fold < 2 && !rc; fold++) rc = build_deletions(ix, mem, zone, fold);
    if (rc) goto done;
    if (!(ix->shared = nsc__ushared_new(mem))) {
        rc = NSC_ENOMEM;
        goto done;
    }
    e->dict = ix->dict;
    e->n_dict = ix->n;
done:
    nsc__free(mem, prep);
    nsc__free(mem, b);
    return rc;
}

void nsc__index_free(nsc__frozen *e)
{
    const nsc__mem *mem = e->mem;
    if (!mem) return;                 /* never built */
    if (nsc__snapshot_is_mapped(e)) { /* most arrays are the mapping's */
        nsc__snapshot_unmap(e);
        return;
    }
    nsc__index *ix = e->index;
    if (ix) {
        nsc__arena_free(&ix->arena);
        nsc__free(mem, ix->dict);
        nsc__free(mem, ix->hslots);
        nsc__free(mem, ix->post_off);
        nsc__free(mem, ix->post);
        nsc__free(mem, ix->by_first);
        for (int k = 0; k < 4; k++) {
            nsc__free(mem, ix->eq[k]);
            nsc__free(mem, ix->eq_dir[k].off);
        }
        nsc__free(mem, ix->pairw);
        for (int i = 0; i < 2; i++) bucket_free(mem, &ix->b[i]);
        for (int z = 0; z < 2; z++)
            for (int k = 0; k < 2; k++) {
                nsc__free(mem, ix->del[z][k]);
                nsc__free(mem, ix->del_dir[z][k].off);
            }
        nsc__ushared_free(ix->shared);
        nsc__free(mem, ix);
    }
    nsc__free(mem, e->lnames);
    nsc__free(mem, e->ltok);
    nsc__free(mem, e->lweight);
    nsc__free(mem, e->lmeta);
    nsc__free(mem, e->lfirst);
    nsc__free(mem, e->lrun);
    nsc__free(mem, e->list_base);
    /* what was not built from the lists stays */
    *e = (nsc__frozen){
        .mem = mem, .lists = e->lists, .n_lists = e->n_lists, .n_gentities = e->n_gentities
    };
}

void nsc__lname_side(const nsc__frozen *e, uint32_t ln, nsc__side *out)
{
    const nsc__lname *l = &e->lnames[ln];
    out->n = l->ntok;
    out->paren = 0;
    for (int i = 0; i < l->ntok; i++) {
        uint32_t id = e->ltok[l->tok_off + (uint32_t)i];
        out->tok[i] = &e->dict[id];
        out->id[i] = id;
    }
    out->nrun = l->nrun;
    for (int r = 0; r < l->nrun; r++) {
        const nsc__lrun *lr = &e->lrun[l->run_off + (uint32_t)r];
        out->run[r].start = lr->start;
        out->run[r].len = lr->len;
        out->run[r].id = lr->id;
        out->run[r].ti = &e->dict[lr->id];
    }
}

/* ---- the match scratch ----------------------------------------------------------------------- */

/* The first size of the scratch tables: what a typical query side meets or reaches, so that
 * most queries never grow them. */
#define SCRATCH_FIRST_SLOTS (1u << 14)

void nsc__match_scratch_clear(nsc__match_scratch *ms, const nsc__mem *m)
{
    nsc__free(m, ms->reached.slot);
    nsc__free(m, ms->reached.sslot);
    nsc__free(m, ms->tested.w);
    nsc__free(m, ms->ents);
    nsc__free(m, ms->cands);
    nsc__free(m, ms->cmask);
    nsc__free(m, ms->best);
    nsc__free(m, ms->kbest);
    nsc__free(m, ms->reached.hint);
    nsc__free(m, ms->best_hint);
    nsc__ucache_free(ms->ucache);
    ms->ucache = NULL;
    nsc__memo_free(ms->memo);
    ms->reached = (nsc__idset){ 0 };
    ms->tested = (nsc__bitset){ 0 };
    ms->ents = ms->cands = NULL;
    ms->cmask = NULL;
    ms->best = NULL;
    ms->kbest = NULL;
    ms->best_hint = NULL;
    ms->memo = NULL;
    ms->best_cap = ms->n_best = ms->cap_cands = ms->cap_cmask = ms->cap_ents = 0;
    ms->best_dense = 0;
}

void nsc__index_set_shared_units(nsc__frozen *e, size_t units)
{
    if (e->index && e->index->shared) nsc__ushared_set_units(e->index->shared, units);
}

void nsc__index_set_dense_ids(nsc__frozen *e, size_t ids) { e->dense_ids = ids; }

/* Whether the scratch tables over `universe` ids of index e are dense. */
static int dense_for(const nsc__frozen *e, size_t universe)
{
    return universe <= (e->dense_ids ? e->dense_ids : NSC_SCRATCH_DENSE_IDS);
}

void nsc__idset_reset(nsc__idset *s)
{
    s->n = 0;
    s->serial++;
    if (s->serial == 0 || (!s->dense && s->serial >> NSC_IDSET_STAMP_BITS)) {
        /* wrapped: clear the stamps for real */
        if (s->slot) memset(s->slot, 0, s->cap * sizeof *s->slot);
        if (s->sslot) memset(s->sslot, 0, s->cap * sizeof *s->sslot);
        s->serial = 1;
    }
}

/* Moves the ids of s into a table of twice its slots (the first table when it has none). */
int nsc__idset_grow(nsc__idset *s, const nsc__mem *mem)
{
    size_t ncap = s->cap ? s->cap * 2 : SCRATCH_FIRST_SLOTS;
    struct nsc__idsslot *ns = nsc__calloc(mem, ncap, sizeof *ns);
    if (!ns) return -1;
    if (s->serial == 0) s->serial = 1; /* stamp 0 marks the free slots */
    for (size_t i = 0; i < s->cap; i++) {
        if (s->sslot[i].tag >> NSC_IDSET_MASK_BITS != s->serial) continue;
        size_t k = nsc__id_slot(s->sslot[i].id, ncap);
        while (ns[k].tag >> NSC_IDSET_MASK_BITS == s->serial) k = (k + 1) & (ncap - 1);
        ns[k] = s->sslot[i];
    }
    nsc__free(mem, s->sslot);
    s->sslot = ns;
    s->cap = ncap;
    return 0;
}

/* Gives s the table for an index of `universe` ids: dense when it has few (see nsc__idset). */
static int idset_fit(nsc__idset *s, const nsc__mem *mem, size_t universe, int dense)
{
    if ((dense ? s->slot != NULL : s->sslot != NULL) && s->dense == dense &&
        (!dense || s->cap >= universe))
        return 0;
    nsc__free(mem, s->slot);
    nsc__free(mem, s->sslot);
    nsc__free(mem, s->hint);
    *s = (nsc__idset){ 0 };
    if (!dense) {
        if (!(s->hint = nsc__calloc(mem, NSC_IDSET_HINT_WORDS, sizeof *s->hint))) return -1;
        return nsc__idset_grow(s, mem);
    }
    s->cap = universe ? universe : 1;
    if (!(s->slot = nsc__calloc(mem, s->cap, sizeof *s->slot))) {
        s->cap = 0;
        return -1;
    }
    s->dense = 1;
    s->serial = 1;
    return 0;
}

/* Moves the bests of the current side into a table of twice the slots (the first table when
 * there is none). */
static int best_grow(nsc__match_scratch *ms, const nsc__mem *mem)
{
    size_t ncap = ms->best_cap ? ms->best_cap * 2 : SCRATCH_FIRST_SLOTS;
    struct nsc__best_keyed *nb = nsc__calloc(mem, ncap, sizeof *nb);
    if (!nb) return NSC_ENOMEM;
    if (ms->serial == 0) ms->serial = 1; /* stamp 0 marks the free slots */
    for (size_t i = 0; i < ms->best_cap; i++) {
        if (ms->kbest[i].b.stamp != ms->serial) continue;
        size_t k = nsc__id_slot(ms->kbest[i].id, ncap);
        while (nb[k].b.stamp == ms->serial) k = (k + 1) & (ncap - 1);
        nb[k] = ms->kbest[i];
    }
    nsc__free(mem, ms->kbest);
    ms->kbest = nb;
    ms->best_cap = ncap;
    return 0;
}

/* nsc__best_get against a large index (the keyed table) */
struct nsc__best *nsc__best_get_keyed(nsc__match_scratch *ms, const nsc__mem *mem, uint32_t id)
{
    if ((ms->n_best + 1) * 2 > ms->best_cap && best_grow(ms, mem)) return NULL;
    size_t m = ms->best_cap - 1;
    for (size_t i = nsc__id_slot(id, ms->best_cap);; i = (i + 1) & m) {
        struct nsc__best_keyed *k = &ms->kbest[i];
        if (k->b.stamp != ms->serial) {
            *k = (struct nsc__best_keyed){ .b = { .stamp = ms->serial }, .id = id };
            ms->n_best++;
            nsc__hint_set(ms->best_hint, nsc__hint_bit(id, NSC_BEST_HINT_BITS));
            return &k->b;
        }
        if (k->id == id) return &k->b;
    }
}

int nsc__match_scratch_fit(nsc__match_scratch *ctx, const nsc__frozen *e)
{
    const nsc__mem *mem = e->mem;
    int dense = dense_for(e, e->n_dict);
    if ((ctx->best || ctx->kbest) &&
        (ctx->best_dense != dense || (dense && ctx->best_cap < e->n_dict))) {
        nsc__free(mem, ctx->best); /* another index: the table for this one */
        nsc__free(mem, ctx->kbest);
        nsc__free(mem, ctx->best_hint);
        ctx->best = NULL;
        ctx->kbest = NULL;
        ctx->best_hint = NULL;
        ctx->best_cap = 0;
        ctx->best_dense = 0;
    }
    if (!ctx->best && !ctx->kbest) {
        if (!dense) {
            if (!ctx->best_hint &&
                !(ctx->best_hint = nsc__calloc(mem, NSC_BEST_HINT_WORDS, sizeof *ctx->best_hint)))
                return NSC_ENOMEM;
            if (best_grow(ctx, mem)) return NSC_ENOMEM;
        } else {
            size_t n = e->n_dict ? e->n_dict : 1;
            if (!(ctx->best = nsc__calloc(mem, n, sizeof *ctx->best))) return NSC_ENOMEM;
            ctx->best_cap = n;
            ctx->best_dense = 1;
        }
    }
    if (idset_fit(&ctx->reached, mem, e->n_lnames, dense_for(e, e->n_lnames))) return NSC_ENOMEM;
    size_t nw = e->n_dict / 64 + 1;
    if (ctx->tested.nw != nw) { /* another index: the map for this one */
        nsc__free(mem, ctx->tested.w);
        ctx->tested = (nsc__bitset){ 0 };
        if (!(ctx->tested.w = nsc__calloc(mem, nw, sizeof *ctx->tested.w))) return NSC_ENOMEM;
        ctx->tested.nw = nw;
    }
    ctx->n_best = 0;
    if (ctx->best_hint) memset(ctx->best_hint, 0, NSC_BEST_HINT_WORDS * sizeof *ctx->best_hint);
    if (++ctx->serial == 0) { /* wrapped: clear the stamps for real */
        for (size_t i = 0; ctx->best && i < ctx->best_cap; i++) ctx->best[i].stamp = 0;
        for (size_t i = 0; ctx->kbest && i < ctx->best_cap; i++) ctx->kbest[i].b.stamp = 0;
        ctx->serial = 1;
    }
    return 0;
}

int nsc__index_prepare(nsc__match_scratch *ctx, const nsc__frozen *e)
{
    if (!e->index) return 0;
    int rc = nsc__match_scratch_fit(ctx, e);
    if (rc) return rc;
    if (!nsc__ucache_get(&ctx->ucache, e->mem, ctx->ucache ? ctx->ucache->tau : 0.0))
        return NSC_ENOMEM;
    /* write every page now, so that the first queries take no page faults for them (the
     * stamps stay below the serials to come: 0 is never one) */
    nsc__idset *r = &ctx->reached;
    if (r->slot) memset(r->slot, 0, r->cap * sizeof *r->slot);
    if (r->sslot) memset(r->sslot, 0, r->cap * sizeof *r->sslot);
    ctx->tested.overflow = 1; /* clears the whole map, writing its pages */
    nsc__bitset_clear(&ctx->tested);
    if (ctx->best) memset(ctx->best, 0, ctx->best_cap * sizeof *ctx->best);
    if (ctx->kbest) memset(ctx->kbest, 0, ctx->best_cap * sizeof *ctx->kbest);
    return 0;
}
