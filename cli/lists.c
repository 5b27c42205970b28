/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lists.c: creating engines and loading their lists: a --list SPEC (PATH or FORMAT:PATH), or the
 * bundled lists named in MANIFEST.csv, each checked against the SHA-256 the manifest records.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "lists.h"

/* The columns of MANIFEST.csv, in the order load_manifest_row takes them. */
#define MANIFEST_COLS 5
static const char *const manifest_cols[MANIFEST_COLS] = { "list", "format", "path", "published",
                                                          "sha256" };

/* ---------------------------------------------------------------------------------------------
 * --list SPEC
 * ------------------------------------------------------------------------------------------- */

static int is_known_format(const char *s, size_t n)
{
    for (const char *f = CLI_KNOWN_FORMATS; *f != '\0';) {
        size_t len = strcspn(f, ",");
        if (len == n && strncmp(f, s, n) == 0)
            return 1;
        f += len;
        f += strspn(f, ", ");
    }
    return 0;
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Splits SPEC into format (into fmt, "" when none) and path. A prefix before the first ':' is a
 * format only when it is a known format name; one that looks like a format name but is not
 * known is an error, unless SPEC as a whole names an existing file. */
static int split_spec(char fmt[16], const char **path, const char *spec)
{
    const char *colon = strchr(spec, ':');
    fmt[0] = '\0';
    *path = spec;
    if (colon != NULL) {
        size_t n = (size_t)(colon - spec);
        if (is_known_format(spec, n)) {
            memcpy(fmt, spec, n);
            fmt[n] = '\0';
            *path = colon + 1;
        } else if (n > 0 && n < 16 && strspn(spec, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n &&
                   !file_exists(spec)) {
            errorf("unknown list format '%.*s' in '%s' (known formats: " CLI_KNOWN_FORMATS ")",
                   (int)n, spec, spec);
            return EXIT_ERR;
        }
    }
    if (**path == '\0') {
        errorf("empty list path in '%s'", spec);
        return EXIT_ERR;
    }
    return 0;
}

static int report_load_error(nsc_engine *eng, int rc, const char *what, const char *fmt)
{
    const char *msg = nsc_engine_errmsg(eng);
    if (msg == NULL || *msg == '\0')
        msg = nsc_strerror(rc);
    int name_it = rc == NSC_EUNKNOWNFMT && *fmt == '\0';
    errorf("cannot load list %s: %s (%s)%s", what, msg, nsc_errname(rc),
           name_it ? "; name the format as FORMAT:PATH (" CLI_KNOWN_FORMATS ")" : "");
    return EXIT_ERR;
}

int cli_load_spec(nsc_engine *eng, const char *spec)
{
    char fmt[16];
    const char *path;
    if (split_spec(fmt, &path, spec) != 0)
        return EXIT_ERR;
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = fmt[0] ? fmt : NULL;
    int rc = nsc_engine_load(eng, path, &lo);
    if (rc != 0) {
        char what[1024];
        snprintf(what, sizeof what, "'%s'", spec);
        return report_load_error(eng, rc, what, fmt);
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The bundled lists
 * ------------------------------------------------------------------------------------------- */

static char *path_join(const char *dir, const char *rel)
{
    if (rel[0] == '/')
        return xstrdup(rel);
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = xcalloc(n, 1);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

static int has_manifest(const char *dir)
{
    char *m = path_join(dir, "MANIFEST.csv");
    int ok = access(m, R_OK) == 0;
    free(m);
    return ok;
}

/* The directory of the running binary, resolved (realpath), into dir; 0 when unknown. */
static int exe_dir(char dir[PATH_MAX])
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return 0;
    if (slash == exe)
        slash++; /* "/namescreen": the root */
    *slash = '\0';
    return realpath(exe, dir) != NULL;
}

/* Whether the binary runs from the directory it was built into (NSC_BUILD_DIR): only such a
 * binary reads the source tree's lists, never an installed or copied one. */
static int in_build_dir(const char *dir)
{
#ifdef NSC_BUILD_DIR
    char build[PATH_MAX];
    return realpath(NSC_BUILD_DIR, build) != NULL && strcmp(build, dir) == 0;
#else
    (void)dir;
    return 0;
#endif
}

static char *lists_dir_if_present(const char *dir)
{
    return has_manifest(dir) ? xstrdup(dir) : NULL;
}

/* The bundled lists directory: $NAMESCREEN_LISTS, else the source tree's lists/ for a binary in
 * its build directory, else <dir of the binary>/../share/namescreen/lists, else the installed
 * data directory. */
static char *find_lists_dir(void)
{
    const char *env = getenv("NAMESCREEN_LISTS");
    if (env != NULL && *env != '\0') {
        if (has_manifest(env))
            return xstrdup(env);
        errorf("NAMESCREEN_LISTS=%s: no readable MANIFEST.csv in that directory", env);
        return NULL;
    }
    char exe[PATH_MAX], *found = NULL;
    if (exe_dir(exe)) {
#ifdef NSC_SOURCE_LISTS_DIR
        if (in_build_dir(exe))
            found = lists_dir_if_present(NSC_SOURCE_LISTS_DIR);
#endif
        if (found == NULL) {
            char *share = path_join(exe, "../share/namescreen/lists");
            found = lists_dir_if_present(share);
            free(share);
        }
    }
#ifdef NSC_INSTALL_LISTS_DIR
    if (found == NULL)
        found = lists_dir_if_present(NSC_INSTALL_LISTS_DIR);
#endif
    if (found == NULL)
        errorf("cannot find the bundled lists (lists/MANIFEST.csv); give lists with --list SPEC "
               "or set NAMESCREEN_LISTS to the lists directory");
    return found;
}

static long header_index(nsc_csv *csv, const char *name)
{
    size_t n = nsc_csv_nfields(csv);
    for (size_t i = 0; i < n; i++)
        if (strcmp(nsc_csv_field(csv, i, NULL), name) == 0)
            return (long)i;
    return -1;
}

static int hex_equal(const char *a, const char *b)
{
    return strlen(a) == strlen(b) && ascii_casecmp(a, b) == 0;
}

/* Loads one manifest row and checks its checksum against what the engine read. */
static int load_manifest_row(nsc_engine *eng, const char *dir, const char *manifest, long line,
                             const char *const f[MANIFEST_COLS])
{
    const char *list = f[0], *format = f[1], *path = f[2], *published = f[3], *sha = f[4];
    if (*list == '\0' || *path == '\0' || *sha == '\0') {
        errorf("%s line %ld: list, path and sha256 must not be empty", manifest, line);
        return EXIT_ERR;
    }
    char *full = path_join(dir, path);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = *format ? format : NULL;
    lo.name = list;
    lo.published = *published ? published : NULL;
    int rc = nsc_engine_load(eng, full, &lo);
    free(full);
    if (rc != 0) {
        char what[512];
        snprintf(what, sizeof what, "'%s' (%s line %ld)", list, manifest, line);
        return report_load_error(eng, rc, what, format);
    }
    nsc_list_info info = { .version = NSC_LIST_INFO_VERSION };
    if (nsc_engine_list_info(&info, eng, nsc_engine_list_count(eng) - 1) != 0 ||
        info.sha256 == NULL || !hex_equal(info.sha256, sha)) {
        errorf("bundled list '%s': the SHA-256 of its files (%s) is %s, but %s says %s: the list "
               "files were modified or replaced; restore them, or update MANIFEST.csv after "
               "checking the new files (see SOURCES.md)",
               list, info.files ? info.files : path, info.sha256 ? info.sha256 : "unknown",
               manifest, sha);
        return EXIT_ERR;
    }
    return 0;
}

/* Reads the header line and finds the manifest's columns in it. */
static int manifest_columns(long idx[MANIFEST_COLS], nsc_csv *csv, const char *manifest)
{
    if (nsc_csv_next(csv) != 1) {
        errorf("%s: no header line", manifest);
        return EXIT_ERR;
    }
    for (size_t i = 0; i < MANIFEST_COLS; i++) {
        idx[i] = header_index(csv, manifest_cols[i]);
        if (idx[i] < 0) {
            errorf("%s: no column '%s' in its header", manifest, manifest_cols[i]);
            return EXIT_ERR;
        }
    }
    return 0;
}

/* Loads every data row of the manifest; blank lines are skipped. */
static int manifest_rows(nsc_engine *eng, nsc_csv *csv, const char *dir, const char *manifest,
                         const long idx[MANIFEST_COLS])
{
    size_t loaded = 0;
    int rc;
    while ((rc = nsc_csv_next(csv)) == 1) {
        if (nsc_csv_nfields(csv) == 1 && is_blank(nsc_csv_field(csv, 0, NULL)))
            continue;
        const char *f[MANIFEST_COLS];
        for (size_t i = 0; i < MANIFEST_COLS; i++) {
            f[i] = nsc_csv_field(csv, (size_t)idx[i], NULL);
            if (f[i] == NULL) {
                errorf("%s line %ld: missing column '%s'", manifest, nsc_csv_line(csv),
                       manifest_cols[i]);
                return EXIT_ERR;
            }
        }
        if (load_manifest_row(eng, dir, manifest, nsc_csv_line(csv), f) != 0)
            return EXIT_ERR;
        loaded++;
    }
    if (rc < 0) {
        errorf("%s: %s", manifest, nsc_csv_error(csv));
        return EXIT_ERR;
    }
    if (loaded == 0) {
        errorf("%s names no list", manifest);
        return EXIT_ERR;
    }
    return 0;
}

static int load_manifest(nsc_engine *eng)
{
    char *dir = find_lists_dir();
    if (dir == NULL)
        return EXIT_ERR;
    char *manifest = path_join(dir, "MANIFEST.csv");
    nsc_csv *csv = NULL;
    long idx[MANIFEST_COLS];
    int ret = EXIT_ERR, rc = nsc_csv_open(&csv, manifest, ',');
    if (rc != 0) {
        errorf("cannot open %s: %s", manifest, nsc_strerror(rc));
        goto fail;
    }
    if (manifest_columns(idx, csv, manifest) != 0 ||
        manifest_rows(eng, csv, dir, manifest, idx) != 0)
        goto fail;
    ret = 0;
fail:
    nsc_csv_close(csv);
    free(manifest);
    free(dir);
    return ret;
}

/* ---------------------------------------------------------------------------------------------
 * Engines
 * ------------------------------------------------------------------------------------------- */

static int load_lists(nsc_engine *eng, const cli_opts *o)
{
    if (o->n_lists == 0)
        return load_manifest(eng);
    for (size_t i = 0; i < o->n_lists; i++)
        if (cli_load_spec(eng, o->lists[i]) != 0)
            return EXIT_ERR;
    return 0;
}

static int engine_new(nsc_engine **out, const nsc_engine_options *eo)
{
    int rc = nsc_engine_new(out, eo);
    if (rc != 0) {
        errorf("cannot create the engine: %s", nsc_strerror(rc));
        return EXIT_ERR;
    }
    return 0;
}

int cli_engine_new(nsc_engine **out, const cli_opts *o)
{
    nsc_engine_options eo;
    nsc_engine_options_init(&eo, NSC_ENGINE_OPTIONS_VERSION);
    eo.threshold = o->threshold;
    if (o->limit >= 0)
        eo.max_hits = (size_t)o->limit;
    eo.exhaustive = o->exhaustive;
    return engine_new(out, &eo);
}

int cli_open_spec(nsc_engine **out, const char *spec)
{
    if (engine_new(out, NULL) != 0)
        return EXIT_ERR;
    if (cli_load_spec(*out, spec) != 0) {
        nsc_engine_free(*out);
        *out = NULL;
        return EXIT_ERR;
    }
    return 0;
}

int cli_engine_open(nsc_engine **out, const cli_opts *o, int freeze)
{
    if (cli_engine_new(out, o) != 0)
        return EXIT_ERR;
    if (load_lists(*out, o) != 0)
        goto fail;
    if (freeze) {
        int rc = nsc_engine_freeze(*out);
        if (rc != 0) {
            errorf("cannot build the index: %s", nsc_strerror(rc));
            goto fail;
        }
    }
    return 0;
fail:
    nsc_engine_free(*out);
    *out = NULL;
    return EXIT_ERR;
}
