/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/listsdir.c: lists directories: finding the default one and loading every list its
 * MANIFEST.csv names, each checked against the manifest's SHA-256, all or nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/engine.h"
#include "model/list.h"
#include "namescreen/csv.h"

#ifndef NSC_INSTALL_LISTS_DIR
#error "the build defines NSC_INSTALL_LISTS_DIR, the installed bundled lists"
#endif

#define MANIFEST_NAME "MANIFEST.csv"

/* The manifest columns the loader reads, by name. */
enum { COL_LIST, COL_FORMAT, COL_PATH, COL_PUBLISHED, COL_SHA256, N_COLS };
static const char *const col_names[N_COLS] = { "list", "format", "path", "published", "sha256" };

const char *nsc_lists_dir_default(void)
{
    const char *env = getenv("NAMESCREEN_LISTS");
    return env && *env ? env : NSC_INSTALL_LISTS_DIR;
}

/* Sets the engine's message ("MANIFEST.csv line 3: ...") and returns code. */
static int dir_fail(nsc_engine *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int dir_fail(nsc_engine *e, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->errmsg, sizeof e->errmsg, fmt, ap);
    va_end(ap);
    return code;
}

/* dir + "/" + rel into buf (rel as it is when absolute); NSC_ETOOLONG when it does not fit. */
static int join_path(char *buf, size_t cap, const char *dir, const char *rel)
{
    int n = rel[0] == '/' ? snprintf(buf, cap, "%s", rel) : snprintf(buf, cap, "%s/%s", dir, rel);
    return n < 0 || (size_t)n >= cap ? NSC_ETOOLONG : 0;
}

static int hex_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (n != strlen(b)) return 0;
    for (size_t i = 0; i < n; i++)
        if ((a[i] | 0x20) != (b[i] | 0x20)) return 0;
    return 1;
}

/* Finds the manifest columns in its header record. */
static int read_header(nsc_engine *e, nsc_csv *csv, const char *manifest, long idx[N_COLS])
{
    int rc = nsc_csv_next(csv);
    if (rc != 1)
        return dir_fail(e, rc < 0 ? rc : NSC_EFORMAT, "%s: %s", manifest,
                        rc < 0 ? nsc_csv_error(csv) : "no header line");
    for (size_t c = 0; c < N_COLS; c++) {
        idx[c] = -1;
        for (size_t i = 0; i < nsc_csv_nfields(csv); i++)
            if (strcmp(nsc_csv_field(csv, i, NULL), col_names[c]) == 0) idx[c] = (long)i;
        if (idx[c] < 0)
            return dir_fail(e, NSC_EFORMAT, "%s: no column '%s' in its header", manifest,
                            col_names[c]);
    }
    return 0;
}

/* Loads the list of the current manifest record and checks its checksum. */
static int load_row(nsc_engine *e, const char *dir, const char *manifest, long line,
                    const char *const f[N_COLS])
{
    if (!*f[COL_LIST] || !*f[COL_PATH] || !*f[COL_SHA256])
        return dir_fail(e, NSC_EFORMAT, "%s line %ld: list, path and sha256 must not be empty",
                        manifest, line);
    char path[4096];
    if (join_path(path, sizeof path, dir, f[COL_PATH]))
        return dir_fail(e, NSC_ETOOLONG, "%s line %ld: path too long", manifest, line);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = *f[COL_FORMAT] ? f[COL_FORMAT] : NULL;
    lo.name = f[COL_LIST];
    lo.published = *f[COL_PUBLISHED] ? f[COL_PUBLISHED] : NULL;
    int rc = nsc_engine_load(e, path, &lo);
    if (rc) {
        char why[NSC__ERRMSG_CAP];
        snprintf(why, sizeof why, "%s", e->errmsg[0] ? e->errmsg : nsc_strerror(rc));
        return dir_fail(e, rc, "%s line %ld: list '%s': %s", manifest, line, f[COL_LIST], why);
    }
    const nsc__list *l = e->lists[e->n_lists - 1];
    if (!hex_equal(l->sha256_hex, f[COL_SHA256]))
        return dir_fail(e, NSC_EFORMAT,
                        "%s line %ld: list '%s': the SHA-256 of its files (%s) is %s, but the "
                        "manifest says %s: the list files were modified or replaced; restore "
                        "them, or update the manifest after checking the new files",
                        manifest, line, f[COL_LIST], l->files ? l->files : f[COL_PATH],
                        l->sha256_hex, f[COL_SHA256]);
    return 0;
}

static int is_blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r') s++;
    return *s == '\0';
}

/* Loads every row of the manifest; the caller undoes a partial load. */
static int load_manifest(nsc_engine *e, const char *dir, const char *manifest)
{
    nsc_csv *csv = NULL;
    int rc = nsc_csv_open(&csv, manifest, ',');
    if (rc) return dir_fail(e, NSC_EIO, "cannot open %s: %s", manifest, nsc_strerror(rc));
    long idx[N_COLS];
    size_t loaded = 0;
    if ((rc = read_header(e, csv, manifest, idx))) goto done;
    while ((rc = nsc_csv_next(csv)) == 1) {
        if (nsc_csv_nfields(csv) == 1 && is_blank(nsc_csv_field(csv, 0, NULL))) continue;
        const char *f[N_COLS];
        for (size_t c = 0; c < N_COLS; c++)
            if (!(f[c] = nsc_csv_field(csv, (size_t)idx[c], NULL))) {
                rc = dir_fail(e, NSC_EFORMAT, "%s line %ld: missing column '%s'", manifest,
                              nsc_csv_line(csv), col_names[c]);
                goto done;
            }
        if ((rc = load_row(e, dir, manifest, nsc_csv_line(csv), f))) goto done;
        loaded++;
    }
    if (rc < 0) {
        rc = dir_fail(e, rc, "%s: %s", manifest, nsc_csv_error(csv));
        goto done;
    }
    rc = loaded ? 0 : dir_fail(e, NSC_EFORMAT, "%s names no list", manifest);
done:
    nsc_csv_close(csv);
    return rc;
}

int nsc_engine_load_dir(nsc_engine *e, const char *dir)
{
    if (!e) return NSC_EINVAL;
    e->errmsg[0] = '\0';
    if (e->frozen) return dir_fail(e, NSC_EFROZEN, "%s", nsc_strerror(NSC_EFROZEN));
    if (!dir) dir = nsc_lists_dir_default();
    char manifest[4096];
    if (join_path(manifest, sizeof manifest, dir, MANIFEST_NAME))
        return dir_fail(e, NSC_ETOOLONG, "%s: path too long", dir);
    size_t before = e->n_lists;
    int rc = load_manifest(e, dir, manifest);
    if (rc)
        while (e->n_lists > before) nsc__list_free(e->lists[--e->n_lists]);
    return rc;
}
