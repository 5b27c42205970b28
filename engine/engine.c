/*
 * engine.c: the engine's life cycle: options, transactional list loading (a list is either
 * loaded whole or not at all), freezing into the shared index, list metadata, and the pool of
 * per-thread contexts that screening borrows.
 */
#include <stdio.h>
#include <string.h>

#define XXH_STATIC_LINKING_ONLY
#include <nettle/sha2.h>
#include <xxhash.h>
#include <libxml/parser.h>

#include "ctx.h"


const char *nsc_version(void) { return NSC_VERSION_STRING; }
const char *nsc_scoring_version(void) { return NSC_SCORING_VERSION; }

int nsc_engine_options_init(nsc_engine_options *opts, unsigned version)
{
    if (!opts) return NSC_EINVAL;
    if (version != NSC_ENGINE_OPTIONS_VERSION) return NSC_EVERSION;
    nsc_engine_options d = NSC_ENGINE_OPTIONS_INIT;
    *opts = d;
    return 0;
}

int nsc_engine_new(nsc_engine **out, const nsc_engine_options *opts)
{
    if (!out) return NSC_EINVAL;
    *out = NULL;
    nsc_engine_options o = NSC_ENGINE_OPTIONS_INIT;
    if (opts) {
        if (opts->version != NSC_ENGINE_OPTIONS_VERSION) return NSC_EVERSION;
        o = *opts;
    }
    if (!(o.threshold >= 0.0 && o.threshold <= 1.0)) return NSC_EINVAL;
    if (o.type_mask == 0) o.type_mask = NSC_TYPES_ALL;
    nsc__mem mem;
    nsc__mem_from(&mem, &o.allocator);
    /* libxml2's global initialization is not safe when two threads run it first at once */
    static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
    pthread_once(&xml_once, xmlInitParser);
    nsc_engine *e = nsc__calloc(&mem, 1, sizeof *e);
    if (!e) return NSC_ENOMEM;
    e->mem = mem;
    e->opts = o;
    if (pthread_mutex_init(&e->ctx_lock, NULL) != 0) {
        nsc__free(&mem, e);
        return NSC_ENOMEM;
    }
    *out = e;
    return 0;
}

static void list_free(nsc__list *l)
{
    if (!l) return;
    const nsc__mem *m = l->mem;
    nsc__arena_free(&l->arena);
    nsc__free(m, l->name);
    nsc__free(m, l->entities);
    nsc__free(m, l->id_slots);
    nsc__free(m, l->files);
    nsc__free(m, l->sha256_ctx);
    nsc__free(m, l->xxh_state);
    nsc__free(m, l->warnings);
    nsc__free(m, l);
}

void nsc_engine_free(nsc_engine *e)
{
    if (!e) return;
    nsc__index_free(e);
    for (size_t i = 0; i < e->n_ctx_free; i++) nsc__ctx_free(e->ctx_free[i]);
    nsc__free(&e->mem, e->ctx_free);
    nsc__translit_proto_free(e);
    for (size_t i = 0; i < e->n_lists; i++) list_free(e->lists[i]);
    nsc__free(&e->mem, e->lists);
    pthread_mutex_destroy(&e->ctx_lock);
    nsc__mem m = e->mem;
    nsc__free(&m, e);
}

const char *nsc_engine_errmsg(const nsc_engine *e) { return e ? e->errmsg : ""; }

/* XXH3 state needs 64-byte alignment; the hook's allocations promise less, so over-allocate
 * and keep the raw pointer beside the aligned one. */
static XXH3_state_t *xxh_state(void *raw)
{
    uintptr_t p = ((uintptr_t)raw + 63u) & ~(uintptr_t)63u;
    return (XXH3_state_t *)p;
}

static nsc__list *list_new(nsc_engine *e)
{
    nsc__list *l = nsc__calloc(&e->mem, 1, sizeof *l);
    if (!l) return NULL;
    l->mem = &e->mem;
    nsc__arena_init(&l->arena, &e->mem);
    l->sha256_ctx = nsc__malloc(&e->mem, sizeof(struct sha256_ctx));
    l->xxh_state = nsc__malloc(&e->mem, sizeof(XXH3_state_t) + 64);
    if (!l->sha256_ctx || !l->xxh_state) {
        list_free(l);
        return NULL;
    }
    sha256_init(l->sha256_ctx);
    XXH3_128bits_reset(xxh_state(l->xxh_state));
    return l;
}

static void list_finish_checksums(nsc__list *l)
{
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(l->sha256_ctx, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++) snprintf(l->sha256_hex + 2 * i, 3, "%02x", d[i]);
    XXH128_hash_t h = XXH3_128bits_digest(xxh_state(l->xxh_state));
    snprintf(l->xxh128_hex, sizeof l->xxh128_hex, "%016llx%016llx", (unsigned long long)h.high64,
             (unsigned long long)h.low64);
}

void *nsc__list_xxh_state(const nsc__list *l) { return xxh_state(l->xxh_state); }

int nsc_engine_load(nsc_engine *e, const char *path, const nsc_load_options *opts)
{
    if (!e || !path) return NSC_EINVAL;
    e->errmsg[0] = '\0';
    if (e->frozen) {
        snprintf(e->errmsg, sizeof e->errmsg, "%s: %s", path, nsc_strerror(NSC_EFROZEN));
        return NSC_EFROZEN;
    }
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    if (opts) {
        if (opts->version != NSC_LOAD_OPTIONS_VERSION) return NSC_EVERSION;
        o = *opts;
    }
    nsc__load ld = { &e->mem, NULL, &o, path, e->errmsg };
    const char *fmtname = o.format;
    if (!fmtname) {
        if (!nsc__file_exists(path)) {
            char *buf;
            size_t len;
            int rc = nsc__read_file(&ld, path, &buf, &len, 1); /* for its error message */
            if (rc == 0) nsc__free(&e->mem, buf);
            return rc ? rc : NSC_EIO;
        }
        fmtname = nsc__format_detect(path);
        if (!fmtname)
            return nsc__load_fail(&ld, NSC_EUNKNOWNFMT, path, 0,
                                  "cannot tell the list format from the content; name it "
                                  "(ofac, un, uk, eu, ftm, os-csv, csv)");
    }
    const nsc__format *fmt = nsc__format_find(fmtname);
    if (!fmt)
        return nsc__load_fail(&ld, NSC_EUNKNOWNFMT, NULL, 0,
                              "unknown list format '%s' (known: ofac, un, uk, eu, ftm, os-csv, csv)",
                              fmtname);
    nsc__list *l = list_new(e);
    if (!l) return nsc__load_fail(&ld, NSC_ENOMEM, path, 0, "out of memory");
    ld.list = l;
    l->format = fmt->name;
    const char *lname = o.name;
    if (!lname) lname = fmt->default_list;
    if (!lname && strcmp(fmt->name, "ofac") == 0) lname = nsc__ofac_default_list_name(path);
    int rc = 0;
    if (lname) {
        for (size_t i = 0; i < e->n_lists; i++)
            if (strcmp(e->lists[i]->name, lname) == 0) {
                rc = nsc__load_fail(&ld, NSC_EDUPLICATE, path, 0,
                                    "a list named '%s' is already loaded", lname);
                goto fail;
            }
        if (!(l->name = nsc__strndup(&e->mem, lname, strlen(lname)))) goto nomem;
    }
    if (o.published && nsc__list_set_published(l, o.published)) goto nomem;
    rc = fmt->parse(&ld);
    if (rc) {
        if (!e->errmsg[0]) nsc__load_fail(&ld, rc, path, 0, "%s", nsc_strerror(rc));
        goto fail;
    }
    if (!l->name) { /* the parser derives it (generic CSV: file base name) */
        rc = nsc__load_fail(&ld, NSC_EINVAL, path, 0, "the list has no name");
        goto fail;
    }
    for (size_t i = 0; i < e->n_lists; i++)
        if (strcmp(e->lists[i]->name, l->name) == 0) {
            rc = nsc__load_fail(&ld, NSC_EDUPLICATE, path, 0,
                                "a list named '%s' is already loaded", l->name);
            goto fail;
        }
    if (!l->published && nsc__list_set_published(l, "")) goto nomem;
    list_finish_checksums(l);
    if (nsc__grow(&e->mem, (void **)&e->lists, &e->cap_lists, e->n_lists + 1, sizeof *e->lists))
        goto nomem;
    e->lists[e->n_lists++] = l;
    return 0;
nomem:
    rc = nsc__load_fail(&ld, NSC_ENOMEM, path, 0, "out of memory");
fail:
    list_free(l);
    return rc;
}

int nsc_engine_freeze(nsc_engine *e)
{
    if (!e) return NSC_EINVAL;
    if (e->frozen) return 0;
    int rc = nsc__index_build(e);
    if (rc) {
        nsc__index_free(e);
        return rc;
    }
    e->frozen = 1;
    return 0;
}

size_t nsc_engine_list_count(const nsc_engine *e) { return e ? e->n_lists : 0; }

int nsc_engine_list_info(nsc_list_info *out, const nsc_engine *e, size_t index)
{
    if (!out || !e || index >= e->n_lists) return NSC_EINVAL;
    if (out->version != NSC_LIST_INFO_VERSION) return NSC_EVERSION;
    const nsc__list *l = e->lists[index];
    out->name = l->name;
    out->format = l->format;
    out->files = l->files ? l->files : "";
    out->published = l->published ? l->published : "";
    out->sha256 = l->sha256_hex;
    out->xxh128 = l->xxh128_hex;
    out->entries = l->n_entities;
    out->names = l->n_names;
    out->warnings = l->n_warnings;
    return 0;
}

const char *nsc_engine_list_warning(const nsc_engine *e, size_t index, size_t w)
{
    if (!e || index >= e->n_lists || w >= e->lists[index]->n_warnings) return NULL;
    return e->lists[index]->warnings[w];
}

const nsc__list *nsc__engine_list_at(const nsc_engine *e, size_t i)
{
    return e && i < e->n_lists ? e->lists[i] : NULL;
}

const nsc__mem *nsc__engine_mem(const nsc_engine *e) { return &e->mem; }

/* ---- per-thread contexts ---------------------------------------------------------------- */

int nsc__ctx_acquire(const nsc_engine *ce, nsc__ctx **out)
{
    nsc_engine *e = (nsc_engine *)(uintptr_t)ce; /* the pool is the one mutable part */
    pthread_t self = pthread_self();
    pthread_mutex_lock(&e->ctx_lock);
    if (e->n_ctx_free) {
        /* the context this thread used last, when it is free: its scratch and caches are
         * still in this core's caches (a context moving between cores at every query halves
         * the speed of two threads) */
        size_t k = e->n_ctx_free - 1;
        for (size_t i = 0; i < e->n_ctx_free; i++)
            if (pthread_equal(e->ctx_free[i]->owner, self)) k = i;
        *out = e->ctx_free[k];
        e->ctx_free[k] = e->ctx_free[--e->n_ctx_free];
        pthread_mutex_unlock(&e->ctx_lock);
        (*out)->owner = self;
        return 0;
    }
    pthread_mutex_unlock(&e->ctx_lock);
    int rc = nsc__ctx_new(e, out);
    if (rc == 0) (*out)->owner = self;
    return rc;
}

void nsc__ctx_release(const nsc_engine *ce, nsc__ctx *ctx)
{
    nsc_engine *e = (nsc_engine *)(uintptr_t)ce;
    pthread_mutex_lock(&e->ctx_lock);
    if (nsc__grow(&e->mem, (void **)&e->ctx_free, &e->cap_ctx_free, e->n_ctx_free + 1,
                  sizeof *e->ctx_free) == 0) {
        e->ctx_free[e->n_ctx_free++] = ctx;
        ctx = NULL;
    }
    pthread_mutex_unlock(&e->ctx_lock);
    nsc__ctx_free(ctx); /* no room to keep it: out of memory */
}

int nsc_engine_prepare_threads(const nsc_engine *e, unsigned threads)
{
    if (!e || threads > NSC_MAX_PREPARED_THREADS) return NSC_EINVAL;
    if (!e->frozen) return NSC_ENOTFROZEN;
    nsc__ctx *ctx[NSC_MAX_PREPARED_THREADS];
    unsigned n = 0;
    int rc = 0;
    /* borrow `threads` contexts at once (the pool builds those it lacks), complete each, and
     * give them all back */
    while (n < threads && (rc = nsc__ctx_acquire(e, &ctx[n])) == 0) {
        n++;
        if ((rc = nsc__ctx_prepare(e, ctx[n - 1]))) break;
    }
    while (n > 0) nsc__ctx_release(e, ctx[--n]);
    return rc;
}

/* ---- names of enumerations -------------------------------------------------------------- */

const char *nsc_entity_type_name(nsc_entity_type t)
{
    switch (t) {
    case NSC_TYPE_PERSON: return "person";
    case NSC_TYPE_ORGANIZATION: return "organization";
    case NSC_TYPE_VESSEL: return "vessel";
    case NSC_TYPE_AIRCRAFT: return "aircraft";
    default: return "unknown";
    }
}

int nsc_entity_type_parse(nsc_entity_type *out, const char *s)
{
    static const struct { const char *name; nsc_entity_type t; } tab[] = {
        { "person", NSC_TYPE_PERSON }, { "individual", NSC_TYPE_PERSON },
        { "organization", NSC_TYPE_ORGANIZATION }, { "organisation", NSC_TYPE_ORGANIZATION },
        { "entity", NSC_TYPE_ORGANIZATION }, { "company", NSC_TYPE_ORGANIZATION },
        { "vessel", NSC_TYPE_VESSEL }, { "ship", NSC_TYPE_VESSEL },
        { "aircraft", NSC_TYPE_AIRCRAFT }, { "unknown", NSC_TYPE_UNKNOWN },
    };
    if (!out || !s) return NSC_EINVAL;
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
        const char *a = tab[i].name, *b = s;
        while (*a && (*b | 0x20) == *a) a++, b++;
        if (!*a && !*b) {
            *out = tab[i].t;
            return 0;
        }
    }
    return NSC_EINVAL;
}

const char *nsc_name_kind_name(nsc_name_kind k)
{
    switch (k) {
    case NSC_NAME_PRIMARY: return "primary";
    case NSC_NAME_ALIAS: return "alias";
    case NSC_NAME_WEAK_ALIAS: return "weak alias";
    case NSC_NAME_FORMER: return "former name";
    default: return "unknown";
    }
}

const char *nsc_match_kind_name(nsc_match_kind k)
{
    static const char *const names[] = { "exact", "transliterated", "fuzzy", "initial",
                                         "nickname", "joined", "phonetic", "unmatched-query",
                                         "unmatched-list" };
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "unknown";
}
