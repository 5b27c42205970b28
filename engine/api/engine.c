/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/engine.c: the engine's life cycle: options, transactional list loading (a list is either
 * loaded whole or not at all), freezing into the shared index, list metadata and list diffs.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "api/ctx.h"
#include "api/engine.h"
#include "formats/format.h"
#include "formats/xml.h"
#include "match/snapshot.h"
#include "model/diff.h"
#include "util/file.h"

const char *nsc_version(void) { return NSC_VERSION_STRING; }
unsigned long nsc_version_number(void) { return NSC_VERSION_NUMBER; }
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
    nsc__xml_init();
    nsc_engine *e = nsc__calloc(&mem, 1, sizeof *e);
    if (!e) return NSC_ENOMEM;
    e->mem = mem;
    e->opts = o;
    atomic_init(&e->refs, 1);
    if (pthread_mutex_init(&e->ctx_lock, NULL) != 0) {
        nsc__free(&mem, e);
        return NSC_ENOMEM;
    }
    if (!(e->tl = nsc__translit_new(&e->mem))) {
        pthread_mutex_destroy(&e->ctx_lock);
        nsc__free(&mem, e);
        return NSC_ENOMEM;
    }
    *out = e;
    return 0;
}

nsc_engine *nsc_engine_ref(nsc_engine *e)
{
    if (e) atomic_fetch_add_explicit(&e->refs, 1, memory_order_relaxed);
    return e;
}

void nsc__engine_hold(const nsc_engine *e) { (void)nsc_engine_ref((nsc_engine *)(uintptr_t)e); }
void nsc__engine_release(const nsc_engine *e) { nsc_engine_unref((nsc_engine *)(uintptr_t)e); }

void nsc_engine_free(nsc_engine *e) { nsc_engine_unref(e); }

void nsc_engine_unref(nsc_engine *e)
{
    if (!e) return;
    /* release: this thread's uses of the engine happen before the free; acquire: the freeing
     * thread sees every other thread's */
    if (atomic_fetch_sub_explicit(&e->refs, 1, memory_order_acq_rel) != 1) return;
    nsc__index_free(&e->fz);
    for (size_t i = 0; i < e->n_ctx_free; i++) nsc__ctx_free(e->ctx_free[i]);
    nsc__free(&e->mem, e->ctx_free);
    nsc__translit_free(e->tl);
    for (size_t i = 0; i < e->n_lists; i++) nsc__list_free(e->lists[i]);
    nsc__free(&e->mem, e->lists);
    for (size_t i = 0; i < e->n_facts; i++) nsc__dirfacts_free(&e->mem, e->facts[i]);
    nsc__free(&e->mem, e->facts);
    pthread_mutex_destroy(&e->ctx_lock);
    nsc__mem m = e->mem;
    nsc__free(&m, e);
}

const char *nsc_engine_errmsg(const nsc_engine *e) { return e ? e->errmsg : ""; }

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
    nsc__load ld = { .mem = &e->mem, .opts = &o, .path = path, .errmsg = e->errmsg };
    char known[128];
    nsc__format_names(known, sizeof known);
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
                                  "(%s)",
                                  known);
    }
    const nsc__format *fmt = nsc__format_find(fmtname);
    if (!fmt)
        return nsc__load_fail(&ld, NSC_EUNKNOWNFMT, NULL, 0, "unknown list format '%s' (known: %s)",
                              fmtname, known);
    nsc__list *l = nsc__list_new(&e->mem);
    if (!l) return nsc__load_fail(&ld, NSC_ENOMEM, path, 0, "out of memory");
    ld.list = l;
    l->format = fmt->name;
    const char *lname = o.name ? o.name : nsc__format_list_name(fmt, path);
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
            rc = nsc__load_fail(&ld, NSC_EDUPLICATE, path, 0, "a list named '%s' is already loaded",
                                l->name);
            goto fail;
        }
    if (!l->published && nsc__list_set_published(l, "")) goto nomem;
    nsc__list_finish(l);
    if (nsc__grow(&e->mem, (void **)&e->lists, &e->cap_lists, e->n_lists + 1, sizeof *e->lists))
        goto nomem;
    e->lists[e->n_lists++] = l;
    return 0;
nomem:
    rc = nsc__load_fail(&ld, NSC_ENOMEM, path, 0, "out of memory");
fail:
    nsc__list_free(l);
    return rc;
}

int nsc_engine_freeze(nsc_engine *e)
{
    if (!e) return NSC_EINVAL;
    if (e->frozen) return 0;
    nsc__ctx *ctx; /* its text scratch prepares the list names */
    int rc = nsc__ctx_new(e, &ctx);
    if (rc) return rc;
    rc = nsc__index_build(&e->fz, &e->mem, e->lists, e->n_lists, &ctx->text);
    nsc__ctx_free(ctx);
    if (rc) {
        nsc__index_free(&e->fz);
        memset(&e->fz, 0, sizeof e->fz);
        return rc;
    }
    e->frozen = 1;
    return 0;
}

/* ---- index snapshots (match/snapshot.c) ---------------------------------------------------- */

int nsc_engine_snapshot_path(char *out, size_t cap, const nsc_engine *e)
{
    if (!out || !cap || !e) return NSC_EINVAL;
    out[0] = '\0';
    if (e->n_lists == 0) return NSC_ENOLISTS;
    /* the version folder fetched last: the one a list update creates, so that each new set of
     * lists gets its snapshot in a new folder and old snapshots go with their old versions */
    const nsc__dirfacts *pick = NULL;
    size_t at = 0;
    for (size_t i = 0; i < e->n_lists; i++) {
        const nsc__dirfacts *f = i < e->n_facts ? e->facts[i] : NULL;
        if (!f) return NSC_ENOTFOUND;
        if (!pick || strcmp(f->fetched, pick->fetched) > 0) pick = f, at = i;
    }
    char key[33];
    if (nsc__snapshot_key_hex(key, &e->mem, e->lists, e->n_lists)) return NSC_ENOMEM;
    int n = snprintf(out, cap, "%s/%s/%s/index-%s.nsx", pick->lists_dir, e->lists[at]->name,
                     pick->version_dir, key);
    if (n < 0 || (size_t)n >= cap) {
        out[0] = '\0';
        return NSC_ETOOLONG;
    }
    return 0;
}

/* The snapshot path the caller gave, or the default one into buf (e->errmsg says why not). */
static const char *snapshot_path(nsc_engine *e, const char *path, char *buf, size_t cap, int *rc)
{
    *rc = 0;
    if (path) return path;
    *rc = nsc_engine_snapshot_path(buf, cap, e);
    if (*rc == 0) return buf;
    snprintf(e->errmsg, sizeof e->errmsg,
             *rc == NSC_ENOTFOUND ? "no snapshot path: not every list comes from a lists directory"
                                  : "no snapshot path: %s",
             nsc_strerror(*rc));
    return NULL;
}

int nsc_engine_write_snapshot(nsc_engine *e, const char *path)
{
    if (!e) return NSC_EINVAL;
    e->errmsg[0] = '\0';
    if (!e->frozen) return NSC_ENOTFROZEN;
    char buf[4096];
    int rc;
    if (!(path = snapshot_path(e, path, buf, sizeof buf, &rc))) return rc;
    return nsc__snapshot_write(&e->fz, path, e->errmsg, sizeof e->errmsg);
}

int nsc_engine_freeze_snapshot(int *out, nsc_engine *e, const char *path, unsigned flags)
{
    if (out) *out = 0;
    if (!e) return NSC_EINVAL;
    if (e->frozen) {
        if (out) *out = nsc__snapshot_is_mapped(&e->fz);
        return 0;
    }
    e->errmsg[0] = '\0';
    char buf[4096];
    int rc;
    if ((path = snapshot_path(e, path, buf, sizeof buf, &rc)))
        rc = nsc__snapshot_map(&e->fz, &e->mem, e->lists, e->n_lists, path, e->errmsg,
                               sizeof e->errmsg);
    if (rc == 0) {
        e->frozen = 1;
        if (out) *out = 1;
        return 0;
    }
    /* the reason stays in errmsg when the build below succeeds */
    if (rc == NSC_ENOMEM || (flags & NSC_SNAPSHOT_REQUIRE)) return rc;
    return nsc_engine_freeze(e);
}

size_t nsc_engine_list_count(const nsc_engine *e) { return e ? e->n_lists : 0; }

int nsc_engine_list_info(nsc_list_info *out, const nsc_engine *e, size_t index)
{
    if (!out || !e || index >= e->n_lists) return NSC_EINVAL;
    if (out->version != 1 && out->version != 2) return NSC_EVERSION;
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
    if (out->version >= 2) { /* a version 1 struct ends here */
        const nsc__dirfacts *f = index < e->n_facts ? e->facts[index] : NULL;
        out->lists_dir = f ? f->lists_dir : "";
        out->version_dir = f ? f->version_dir : "";
        out->source = f ? f->source : "";
        out->fetched = f ? f->fetched : "";
        out->published_from = f ? f->published_from : "";
        out->checked = f ? f->checked : "";
        out->snapshot = f ? f->snapshot : 0;
    }
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

const nsc__list *nsc__engine_find_list(const nsc_engine *e, const char *name)
{
    for (size_t i = 0; i < e->n_lists; i++)
        if (!name || (e->lists[i]->name && strcmp(e->lists[i]->name, name) == 0))
            return e->lists[i];
    return NULL;
}

void nsc__engine_set_shared_units(nsc_engine *e, size_t units)
{
    nsc__index_set_shared_units(&e->fz, units);
}

void nsc__engine_set_dense_ids(nsc_engine *e, size_t ids) { nsc__index_set_dense_ids(&e->fz, ids); }

int nsc_diff_lists(nsc_diff **out, const nsc_engine *old_engine, const nsc_engine *new_engine,
                   const char *list_name)
{
    if (!out) return NSC_EINVAL;
    *out = NULL;
    if (!old_engine || !new_engine) return NSC_EINVAL;
    const nsc__list *ol = nsc__engine_find_list(old_engine, list_name);
    const nsc__list *nl = nsc__engine_find_list(new_engine, list_name);
    if (!ol || !nl) return NSC_ENOTFOUND;
    return nsc__diff_lists(out, &new_engine->mem, ol, nl);
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
