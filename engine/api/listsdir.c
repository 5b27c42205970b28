/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/listsdir.c: lists directories (the layout `namescreen update` writes): finding the default
 * one, loading each list's current or a named version checked against its manifest.csv, all or
 * nothing, verifying a directory, and judging how stale a loaded list is.
 */
#define _XOPEN_SOURCE 700 /* opendir, stat */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "api/engine.h"
#include "api/listsdir.h"
#include "model/checksum.h"
#include "model/list.h"
#include "namescreen/csv.h"
#include "util/file.h"

#ifndef NSC_INSTALL_LISTS_DIR
#error "the build defines NSC_INSTALL_LISTS_DIR, the installed bundled lists"
#endif

#define PATH_CAP 4096
#define MAX_FILES 64 /* files of one version: OFAC legacy CSV has four */

/* ---------------------------------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------------------------------- */

/* Sets the engine's message and returns code. */
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

/* a + "/" + b into buf; nonzero when it does not fit. */
static int join(char buf[PATH_CAP], const char *a, const char *b)
{
    int n = snprintf(buf, PATH_CAP, "%s/%s", a, b);
    return n < 0 || n >= PATH_CAP;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A list short name: [a-z0-9][a-z0-9_-]*. */
static int valid_list_name(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))) return 0;
    size_t n = strlen(s);
    return n < 128 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

/* A file or folder base name the manifest may name: no '/', not "." or "..". */
static int valid_base_name(const char *s)
{
    return *s && !strchr(s, '/') && strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

static int hex_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (n != strlen(b)) return 0;
    for (size_t i = 0; i < n; i++)
        if ((a[i] | 0x20) != (b[i] | 0x20)) return 0;
    return 1;
}

static int copy_field(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) return 1;
    memcpy(dst, src, n + 1);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Times: YYYY-MM-DD and YYYY-MM-DDTHH:MM:SSZ as seconds since the epoch (UTC)
 * ------------------------------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, size_t n, unsigned *out)
{
    unsigned v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return 1;
}

/* Parses "YYYY-MM-DD" (date only) or "YYYY-MM-DDTHH:MM:SSZ" (with_time); 0 on success. */
static int parse_time(int64_t *out, const char *s, int with_time)
{
    unsigned y, mo, d, h = 0, mi = 0, se = 0;
    size_t len = strlen(s);
    if (len != (with_time ? 20u : 10u) || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
        !digits(s + 5, 2, &mo) || !digits(s + 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31)
        return -1;
    if (with_time &&
        (s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' || !digits(s + 11, 2, &h) ||
         !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &se) || h > 23 || mi > 59 || se > 60))
        return -1;
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
    return 0;
}

int nsc_list_stale(const nsc_list_info *li, int64_t now, long max_checked, long max_published,
                   int64_t *age_out)
{
    if (age_out) *age_out = -1;
    if (!li) return NSC_EINVAL;
    if (li->version != 1 && li->version != 2) return NSC_EVERSION;
    if (max_checked < 0) max_checked = NSC_DEFAULT_MAX_AGE_CHECKED;
    if (max_published < 0) max_published = NSC_DEFAULT_MAX_AGE_PUBLISHED;
    int64_t t;
    if (li->version >= 2 && li->checked && *li->checked) {
        if (parse_time(&t, li->checked, 1)) return NSC_EFORMAT;
        if (age_out) *age_out = now - t;
        return now - t > max_checked ? NSC_LIST_STALE_CHECKED : NSC_LIST_FRESH;
    }
    if (!li->published || !*li->published || parse_time(&t, li->published, 0))
        return NSC_LIST_AGE_UNKNOWN;
    if (age_out) *age_out = now - t;
    return now - t > max_published ? NSC_LIST_STALE_PUBLISHED : NSC_LIST_FRESH;
}

/* ---------------------------------------------------------------------------------------------
 * key,value files: manifest.csv and checked.csv
 * ------------------------------------------------------------------------------------------- */

typedef struct vfile {
    char name[256];
    unsigned long long size;
    char sha256[65];
} vfile;

/* One version's manifest.csv. */
typedef struct manifest {
    char list[128], format[32], main[256], source[2048], fetched[32], published[16];
    char published_from[32], sha256[65];
    int snapshot;
    long entities, names; /* -1 when absent */
    vfile files[MAX_FILES];
    size_t n_files;
} manifest;

typedef int (*kv_fn)(void *arg, nsc_engine *e, const char *path, long line, const char *key,
                     const char *value);

/* Reads a key,value file, calling fn per row. */
static int read_kv(nsc_engine *e, const char *path, kv_fn fn, void *arg)
{
    nsc_csv *csv = NULL;
    int rc = nsc_csv_open(&csv, path, ',');
    if (rc) return dir_fail(e, NSC_EIO, "cannot open %s: %s", path, strerror(errno));
    rc = nsc_csv_next(csv);
    if (rc != 1 || nsc_csv_nfields(csv) < 2 || strcmp(nsc_csv_field(csv, 0, NULL), "key") ||
        strcmp(nsc_csv_field(csv, 1, NULL), "value")) {
        rc = dir_fail(e, NSC_EFORMAT, "%s line 1: the header must be 'key,value'", path);
        goto done;
    }
    while ((rc = nsc_csv_next(csv)) == 1) {
        long line = nsc_csv_line(csv);
        const char *k = nsc_csv_field(csv, 0, NULL);
        if (nsc_csv_nfields(csv) == 1 && !*k) continue; /* a blank line */
        if (nsc_csv_nfields(csv) != 2) {
            rc = dir_fail(e, NSC_EFORMAT, "%s line %ld: expected 2 fields (key,value), got %zu",
                          path, line, nsc_csv_nfields(csv));
            goto done;
        }
        if ((rc = fn(arg, e, path, line, k, nsc_csv_field(csv, 1, NULL)))) goto done;
    }
    if (rc < 0) rc = dir_fail(e, NSC_EFORMAT, "%s: %s", path, nsc_csv_error(csv));
done:
    nsc_csv_close(csv);
    return rc;
}

static int parse_count(long *out, const char *v)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (!*v || *end || errno || n < 0) return -1;
    *out = n;
    return 0;
}

/* A `file` value: "BASENAME SIZE SHA256". */
static int parse_file_row(vfile *f, const char *v)
{
    const char *s1 = strchr(v, ' ');
    const char *s2 = s1 ? strchr(s1 + 1, ' ') : NULL;
    if (!s2 || (size_t)(s1 - v) >= sizeof f->name || strchr(s2 + 1, ' ')) return -1;
    memcpy(f->name, v, (size_t)(s1 - v));
    f->name[s1 - v] = '\0';
    char *end;
    errno = 0;
    f->size = strtoull(s1 + 1, &end, 10);
    if (end != s2 || s1[1] < '0' || s1[1] > '9' || errno) return -1;
    if (strlen(s2 + 1) != 64 || strspn(s2 + 1, "0123456789abcdefABCDEF") != 64) return -1;
    memcpy(f->sha256, s2 + 1, 65);
    return valid_base_name(f->name) && strcmp(f->name, "manifest.csv") != 0 ? 0 : -1;
}

static int manifest_row(void *arg, nsc_engine *e, const char *path, long line, const char *k,
                        const char *v)
{
    manifest *m = arg;
    static const struct {
        const char *key;
        size_t off, cap;
    } strs[] = {
#define S(f) { #f, offsetof(manifest, f), sizeof((manifest *)0)->f }
        S(list),    S(format),    S(main),           S(source),
        S(fetched), S(published), S(published_from), S(sha256),
#undef S
    };
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        if (strcmp(k, strs[i].key) == 0) {
            if (copy_field((char *)m + strs[i].off, strs[i].cap, v))
                return dir_fail(e, NSC_EFORMAT, "%s line %ld: the value of '%s' is too long", path,
                                line, k);
            return 0;
        }
    if (strcmp(k, "entities") == 0 || strcmp(k, "names") == 0) {
        if (parse_count(k[0] == 'e' ? &m->entities : &m->names, v))
            return dir_fail(e, NSC_EFORMAT, "%s line %ld: '%s' is not a count: '%s'", path, line, k,
                            v);
    } else if (strcmp(k, "file") == 0) {
        if (m->n_files == MAX_FILES)
            return dir_fail(e, NSC_EFORMAT, "%s line %ld: more than %d files", path, line,
                            MAX_FILES);
        if (parse_file_row(&m->files[m->n_files++], v))
            return dir_fail(e, NSC_EFORMAT,
                            "%s line %ld: a file row must be 'BASENAME SIZE SHA256', not '%s'",
                            path, line, v);
    } else if (strcmp(k, "snapshot") == 0) {
        m->snapshot = strcmp(v, "true") == 0;
    } /* warning, tool and keys of later versions: not needed to load */
    return 0;
}

/* Reads DIR/LIST/VERSION/manifest.csv into *m and checks what loading needs. */
static int read_manifest(nsc_engine *e, manifest *m, const char *vdir, const char *list)
{
    char path[PATH_CAP];
    if (join(path, vdir, "manifest.csv")) return dir_fail(e, NSC_ETOOLONG, "%s: too long", vdir);
    memset(m, 0, sizeof *m);
    m->entities = m->names = -1;
    int rc = read_kv(e, path, manifest_row, m);
    if (rc) return rc;
    const char *missing = !*m->list     ? "list"
                          : !*m->format ? "format"
                          : !*m->main   ? "main"
                          : !*m->sha256 ? "sha256"
                          : !m->n_files ? "file"
                                        : NULL;
    if (missing) return dir_fail(e, NSC_EFORMAT, "%s: no '%s' row", path, missing);
    if (strcmp(m->list, list) != 0)
        return dir_fail(e, NSC_EFORMAT, "%s: it is the manifest of list '%s', not '%s'", path,
                        m->list, list);
    for (size_t i = 0; i < m->n_files; i++)
        if (strcmp(m->files[i].name, m->main) == 0) return 0;
    return dir_fail(e, NSC_EFORMAT, "%s: its main file '%s' has no 'file' row", path, m->main);
}

static int checked_row(void *arg, nsc_engine *e, const char *path, long line, const char *k,
                       const char *v)
{
    if (strcmp(k, "checked") != 0) return 0;
    int64_t t;
    if (parse_time(&t, v, 1))
        return dir_fail(e, NSC_EFORMAT,
                        "%s line %ld: checked must be YYYY-MM-DDTHH:MM:SSZ, not "
                        "'%s'",
                        path, line, v);
    return copy_field(arg, 32, v);
}

/* ---------------------------------------------------------------------------------------------
 * Checking and loading one version
 * ------------------------------------------------------------------------------------------- */

static void sink_put(void *arg, const void *bytes, size_t n)
{
    nsc__checksum_update(arg, bytes, n);
}

/* Checks the size and SHA-256 of every file row of m in vdir. */
static int check_files(nsc_engine *e, const manifest *m, const char *vdir)
{
    for (size_t i = 0; i < m->n_files; i++) {
        const vfile *f = &m->files[i];
        char path[PATH_CAP];
        if (join(path, vdir, f->name)) return dir_fail(e, NSC_ETOOLONG, "%s: too long", vdir);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            return dir_fail(e, NSC_EIO, "list '%s': file %s is missing: %s", m->list, path,
                            strerror(errno ? errno : EISDIR));
        if ((unsigned long long)st.st_size != f->size)
            return dir_fail(e, NSC_EFORMAT,
                            "list '%s': file %s has %llu bytes, but its manifest says %llu: the "
                            "file was modified or replaced",
                            m->list, path, (unsigned long long)st.st_size, f->size);
        nsc__checksum *c = nsc__checksum_new(&e->mem);
        if (!c) return dir_fail(e, NSC_ENOMEM, "out of memory");
        nsc__sink sink = { sink_put, c };
        char *buf = NULL, err[256] = "";
        size_t len;
        int rc = nsc__file_read(&e->mem, path, &buf, &len, 1, &sink, err, sizeof err);
        nsc__free(&e->mem, buf);
        char sha[65], xxh[33];
        nsc__checksum_hex(c, sha, xxh);
        nsc__checksum_free(&e->mem, c);
        if (rc) return dir_fail(e, rc, "list '%s': file %s: %s", m->list, path, err);
        if (!hex_equal(sha, f->sha256))
            return dir_fail(e, NSC_EFORMAT,
                            "list '%s': file %s: its SHA-256 is %s, but its manifest says %s: "
                            "the file was modified or replaced",
                            m->list, path, sha, f->sha256);
    }
    return 0;
}

static char *dup_str(const nsc__mem *mem, const char *s) { return nsc__strndup(mem, s, strlen(s)); }

void nsc__dirfacts_free(const nsc__mem *mem, nsc__dirfacts *f)
{
    if (!f) return;
    nsc__free(mem, f->lists_dir);
    nsc__free(mem, f->version_dir);
    nsc__free(mem, f->source);
    nsc__free(mem, f->fetched);
    nsc__free(mem, f->published_from);
    nsc__free(mem, f->checked);
    nsc__free(mem, f);
}

/* Records the facts of the list just loaded (the last one). */
static int set_facts(nsc_engine *e, const char *dir, const char *version, const manifest *m,
                     const char *checked)
{
    size_t idx = e->n_lists - 1;
    if (nsc__grow(&e->mem, (void **)&e->facts, &e->cap_facts, e->n_lists, sizeof *e->facts))
        return NSC_ENOMEM;
    while (e->n_facts < e->n_lists) e->facts[e->n_facts++] = NULL;
    nsc__dirfacts *f = nsc__calloc(&e->mem, 1, sizeof *f);
    if (!f) return NSC_ENOMEM;
    f->lists_dir = dup_str(&e->mem, dir);
    f->version_dir = dup_str(&e->mem, version);
    f->source = dup_str(&e->mem, m->source);
    f->fetched = dup_str(&e->mem, m->fetched);
    f->published_from = dup_str(&e->mem, m->published_from);
    f->checked = dup_str(&e->mem, checked);
    f->snapshot = m->snapshot;
    if (!f->lists_dir || !f->version_dir || !f->source || !f->fetched || !f->published_from ||
        !f->checked) {
        nsc__dirfacts_free(&e->mem, f);
        return NSC_ENOMEM;
    }
    nsc__dirfacts_free(&e->mem, e->facts[idx]);
    e->facts[idx] = f;
    return 0;
}

/* Loads DIR/LIST/VERSION, checked against its manifest; with counts, also checks the entity
 * and name counts. On failure the list is not loaded (the caller undoes earlier lists). */
static int load_version(nsc_engine *e, const char *dir, const char *list, const char *version,
                        int counts)
{
    char ldir[PATH_CAP], vdir[PATH_CAP], mainpath[PATH_CAP], checked_path[PATH_CAP];
    if (join(ldir, dir, list) || join(vdir, ldir, version) ||
        join(checked_path, ldir, "checked.csv"))
        return dir_fail(e, NSC_ETOOLONG, "list '%s': path too long", list);
    if (!is_dir(vdir))
        return dir_fail(e, NSC_EIO, "list '%s': its version folder %s is missing", list, vdir);
    manifest *m = nsc__calloc(&e->mem, 1, sizeof *m);
    if (!m) return dir_fail(e, NSC_ENOMEM, "out of memory");
    char checked[32] = "";
    int rc = read_manifest(e, m, vdir, list);
    if (!rc) rc = check_files(e, m, vdir);
    if (!rc && nsc__file_exists(checked_path)) rc = read_kv(e, checked_path, checked_row, checked);
    if (rc) goto done;
    if (join(mainpath, vdir, m->main)) {
        rc = dir_fail(e, NSC_ETOOLONG, "list '%s': path too long", list);
        goto done;
    }
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = m->format;
    lo.name = list;
    lo.published = *m->published ? m->published : NULL;
    if ((rc = nsc_engine_load(e, mainpath, &lo))) {
        char why[NSC__ERRMSG_CAP];
        snprintf(why, sizeof why, "%s", e->errmsg[0] ? e->errmsg : nsc_strerror(rc));
        rc = dir_fail(e, rc, "list '%s': %s", list, why);
        goto done;
    }
    const nsc__list *l = e->lists[e->n_lists - 1];
    if (!hex_equal(l->sha256_hex, m->sha256))
        rc = dir_fail(e, NSC_EFORMAT,
                      "list '%s': the SHA-256 of its files (%s) in %s is %s, but its manifest "
                      "says %s: the list files were modified or replaced",
                      list, l->files ? l->files : m->main, vdir, l->sha256_hex, m->sha256);
    else if (counts && ((m->entities >= 0 && (size_t)m->entities != l->n_entities) ||
                        (m->names >= 0 && (size_t)m->names != l->n_names)))
        rc = dir_fail(e, NSC_EFORMAT,
                      "list '%s': %zu entities and %zu names parsed from %s, but its manifest "
                      "says %ld and %ld",
                      list, l->n_entities, l->n_names, vdir, m->entities, m->names);
    else if ((rc = set_facts(e, dir, version, m, checked)))
        rc = dir_fail(e, rc, "out of memory");
    if (rc) nsc__list_free(e->lists[--e->n_lists]);
done:
    nsc__free(&e->mem, m);
    return rc;
}

/* Reads DIR/LIST/current into version. */
static int read_current(nsc_engine *e, char version[256], const char *dir, const char *list)
{
    char path[PATH_CAP], ldir[PATH_CAP];
    if (join(ldir, dir, list) || join(path, ldir, "current"))
        return dir_fail(e, NSC_ETOOLONG, "list '%s': path too long", list);
    FILE *f = fopen(path, "rb");
    if (!f)
        return dir_fail(e, NSC_EIO, "list '%s': no current version: cannot open %s: %s", list, path,
                        strerror(errno));
    char buf[300];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    if (n == 0 || buf[n - 1] != '\n' || memchr(buf, '\n', n - 1) || n - 1 >= 256)
        return dir_fail(e, NSC_EFORMAT,
                        "list '%s': %s must hold one line, the name of a version folder", list,
                        path);
    buf[n - 1] = '\0';
    if (!valid_base_name(buf) || buf[0] == '.')
        return dir_fail(e, NSC_EFORMAT, "list '%s': %s names '%s', not a version folder", list,
                        path, buf);
    memcpy(version, buf, n);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Which lists a directory holds, in load order
 * ------------------------------------------------------------------------------------------- */

typedef struct names {
    char **v;
    size_t n, cap;
} names;

static void names_free(const nsc__mem *mem, names *ns)
{
    for (size_t i = 0; i < ns->n; i++) nsc__free(mem, ns->v[i]);
    nsc__free(mem, ns->v);
    ns->v = NULL;
    ns->n = ns->cap = 0;
}

static int names_has(const names *ns, const char *s)
{
    for (size_t i = 0; i < ns->n; i++)
        if (strcmp(ns->v[i], s) == 0) return 1;
    return 0;
}

static int names_add(const nsc__mem *mem, names *ns, const char *s)
{
    if (nsc__grow(mem, (void **)&ns->v, &ns->cap, ns->n + 1, sizeof *ns->v)) return NSC_ENOMEM;
    if (!(ns->v[ns->n] = dup_str(mem, s))) return NSC_ENOMEM;
    ns->n++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The list names of sources.csv in order, into ns; 0 too when there is no sources.csv. */
static int read_sources(nsc_engine *e, names *ns, const char *dir)
{
    char path[PATH_CAP];
    if (join(path, dir, "sources.csv")) return dir_fail(e, NSC_ETOOLONG, "%s: too long", dir);
    if (!nsc__file_exists(path)) return 0;
    nsc_csv *csv = NULL;
    if (nsc_csv_open(&csv, path, ','))
        return dir_fail(e, NSC_EIO, "cannot open %s: %s", path, strerror(errno));
    long col = -1;
    int rc = nsc_csv_next(csv);
    for (size_t i = 0; rc == 1 && i < nsc_csv_nfields(csv); i++)
        if (strcmp(nsc_csv_field(csv, i, NULL), "list") == 0) col = (long)i;
    if (col < 0) {
        rc = dir_fail(e, NSC_EFORMAT, "%s line 1: no column 'list' (the header is list,format,url)",
                      path);
        goto done;
    }
    while ((rc = nsc_csv_next(csv)) == 1) {
        const char *l = nsc_csv_field(csv, (size_t)col, NULL);
        if (nsc_csv_nfields(csv) == 1 && !*nsc_csv_field(csv, 0, NULL)) continue;
        if (!l || !valid_list_name(l)) {
            rc = dir_fail(e, NSC_EFORMAT,
                          "%s line %ld: '%s' is not a list name ([a-z0-9][a-z0-9_-]*)", path,
                          nsc_csv_line(csv), l ? l : "");
            goto done;
        }
        if (names_has(ns, l)) {
            rc = dir_fail(e, NSC_EFORMAT, "%s line %ld: list '%s' is named twice", path,
                          nsc_csv_line(csv), l);
            goto done;
        }
        if (names_add(&e->mem, ns, l)) {
            rc = dir_fail(e, NSC_ENOMEM, "out of memory");
            goto done;
        }
    }
    if (rc < 0) rc = dir_fail(e, NSC_EFORMAT, "%s: %s", path, nsc_csv_error(csv));
done:
    nsc_csv_close(csv);
    return rc;
}

static int has_current(const char *dir, const char *list)
{
    char ldir[PATH_CAP], path[PATH_CAP];
    return !join(ldir, dir, list) && !join(path, ldir, "current") && nsc__file_exists(path);
}

/* Whether ldir holds a version folder (not hidden, with a manifest.csv). A list folder with
 * neither one nor `current` was never fetched: at most a first download is under way in a
 * .staging-* folder. */
static int has_versions(const char *ldir)
{
    DIR *d = opendir(ldir);
    if (!d) return 0;
    int found = 0;
    struct dirent *de;
    while (!found && (de = readdir(d)) != NULL) {
        char vdir[PATH_CAP], m[PATH_CAP];
        found = de->d_name[0] != '.' && !join(vdir, ldir, de->d_name) &&
                !join(m, vdir, "manifest.csv") && nsc__file_exists(m);
    }
    closedir(d);
    return found;
}

/* The lists to load from dir, in load order: those of sources.csv that have a folder, then the
 * other folders with a `current` file in byte order. */
static int dir_lists(nsc_engine *e, names *out, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return dir_fail(e, NSC_EIO, "cannot open the lists directory %s: %s", dir, strerror(errno));
    names src = { 0 }, extra = { 0 };
    int rc = read_sources(e, &src, dir);
    struct dirent *de;
    while (!rc && (de = readdir(d)) != NULL)
        if (valid_list_name(de->d_name) && !names_has(&src, de->d_name) &&
            has_current(dir, de->d_name) && names_add(&e->mem, &extra, de->d_name))
            rc = dir_fail(e, NSC_ENOMEM, "out of memory");
    closedir(d);
    if (!rc && extra.n) qsort(extra.v, extra.n, sizeof *extra.v, cmp_str);
    for (size_t i = 0; !rc && i < src.n; i++) {
        char ldir[PATH_CAP];
        if (join(ldir, dir, src.v[i]))
            rc = dir_fail(e, NSC_ETOOLONG, "%s: too long", dir);
        else if ((has_current(dir, src.v[i]) || has_versions(ldir)) && /* else never fetched */
                 names_add(&e->mem, out, src.v[i]))
            rc = dir_fail(e, NSC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; !rc && i < extra.n; i++)
        if (names_add(&e->mem, out, extra.v[i])) rc = dir_fail(e, NSC_ENOMEM, "out of memory");
    names_free(&e->mem, &src);
    names_free(&e->mem, &extra);
    return rc;
}

/* The old layout (a flat MANIFEST.csv) gets a message saying what is expected now. */
static int refuse_old_layout(nsc_engine *e, const char *dir)
{
    char old[PATH_CAP], src[PATH_CAP];
    if (join(old, dir, "MANIFEST.csv") || join(src, dir, "sources.csv")) return 0;
    if (!nsc__file_exists(old) || nsc__file_exists(src)) return 0;
    return dir_fail(e, NSC_EFORMAT,
                    "%s: a lists directory of the old layout (one MANIFEST.csv); namescreen now "
                    "expects sources.csv and one folder per list, DIR/<list>/current naming its "
                    "version folder DIR/<list>/<published>_<sha12>/ with a manifest.csv (see "
                    "README.md, \"Lists directories\"); `namescreen update --lists DIR` writes it",
                    dir);
}

static void undo(nsc_engine *e, size_t before)
{
    while (e->n_lists > before) {
        nsc__list_free(e->lists[--e->n_lists]);
        if (e->n_lists < e->n_facts) {
            nsc__dirfacts_free(&e->mem, e->facts[e->n_lists]);
            e->facts[e->n_lists] = NULL;
        }
    }
    if (e->n_facts > e->n_lists) e->n_facts = e->n_lists;
}

static int start(nsc_engine *e, const char **dir)
{
    e->errmsg[0] = '\0';
    if (e->frozen) return dir_fail(e, NSC_EFROZEN, "%s", nsc_strerror(NSC_EFROZEN));
    if (!*dir) *dir = nsc_lists_dir_default();
    return refuse_old_layout(e, *dir);
}

int nsc_engine_load_dir(nsc_engine *e, const char *dir)
{
    if (!e) return NSC_EINVAL;
    int rc = start(e, &dir);
    if (rc) return rc;
    names ls = { 0 };
    size_t before = e->n_lists;
    if ((rc = dir_lists(e, &ls, dir))) goto done;
    if (!ls.n) {
        rc = dir_fail(e, NSC_ENOLISTS,
                      "%s: no list has been fetched (no folder <list>/ with a current file); run "
                      "`namescreen update`",
                      dir);
        goto done;
    }
    for (size_t i = 0; !rc && i < ls.n; i++) {
        char version[256];
        rc = read_current(e, version, dir, ls.v[i]);
        if (!rc) rc = load_version(e, dir, ls.v[i], version, 0);
    }
done:
    if (rc) undo(e, before);
    names_free(&e->mem, &ls);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * Named versions: LIST@previous, LIST@YYYY-MM-DD, LIST@FOLDER
 * ------------------------------------------------------------------------------------------- */

/* Picks among the version folders of ldir: "previous" (newest fetched other than current) or a
 * date (newest published on or before it; ties by fetched). */
static int pick_version(nsc_engine *e, char out[256], const char *ldir, const char *list,
                        const char *current, const char *sel)
{
    int by_date = strcmp(sel, "previous") != 0;
    DIR *d = opendir(ldir);
    if (!d)
        return dir_fail(e, NSC_EIO, "list '%s': cannot open %s: %s", list, ldir, strerror(errno));
    manifest *m = nsc__calloc(&e->mem, 1, sizeof *m);
    if (!m) {
        closedir(d);
        return dir_fail(e, NSC_ENOMEM, "out of memory");
    }
    char best_pub[16] = "", best_fetched[32] = "", seen[512] = "";
    int rc = 0;
    out[0] = '\0';
    struct dirent *de;
    while (!rc && (de = readdir(d)) != NULL) {
        char vdir[PATH_CAP], mpath[PATH_CAP];
        if (de->d_name[0] == '.' || join(vdir, ldir, de->d_name) || !is_dir(vdir) ||
            join(mpath, vdir, "manifest.csv") || !nsc__file_exists(mpath) ||
            strlen(de->d_name) >= 256)
            continue;
        if ((rc = read_manifest(e, m, vdir, list))) break;
        size_t sl = strlen(seen);
        snprintf(seen + sl, sizeof seen - sl, "%s%s", sl ? ", " : "", de->d_name);
        int better;
        if (by_date) {
            if (!*m->published || strcmp(m->published, sel) > 0) continue;
            int c = strcmp(m->published, best_pub);
            better = c > 0 || (c == 0 && strcmp(m->fetched, best_fetched) > 0);
        } else {
            if (strcmp(de->d_name, current) == 0) continue;
            better = !out[0] || strcmp(m->fetched, best_fetched) > 0;
        }
        if (better) {
            snprintf(out, 256, "%s", de->d_name);
            snprintf(best_pub, sizeof best_pub, "%s", m->published);
            snprintf(best_fetched, sizeof best_fetched, "%s", m->fetched);
        }
    }
    closedir(d);
    nsc__free(&e->mem, m);
    if (!rc && !out[0])
        rc = dir_fail(e, NSC_ENOTFOUND, "list '%s': no version %s (versions: %s)", list,
                      by_date ? "published on or before that date" : "before the current one",
                      seen[0] ? seen : "none");
    return rc;
}

int nsc_engine_load_dir_version(nsc_engine *e, const char *dir, const char *spec)
{
    if (!e || !spec) return NSC_EINVAL;
    int rc = start(e, &dir);
    if (rc) return rc;
    char list[128], version[256], ldir[PATH_CAP];
    const char *at = strchr(spec, '@');
    size_t n = at ? (size_t)(at - spec) : strlen(spec);
    if (n >= sizeof list) return dir_fail(e, NSC_EINVAL, "'%s': the list name is too long", spec);
    memcpy(list, spec, n);
    list[n] = '\0';
    if (!valid_list_name(list) || (at && !valid_base_name(at + 1)))
        return dir_fail(e, NSC_EINVAL,
                        "'%s' is not LIST, LIST@previous, LIST@YYYY-MM-DD or LIST@FOLDER", spec);
    if (join(ldir, dir, list)) return dir_fail(e, NSC_ETOOLONG, "%s: too long", dir);
    if (!is_dir(ldir))
        return dir_fail(e, NSC_ENOTFOUND, "lists directory %s has no list '%s'", dir, list);
    if ((rc = read_current(e, version, dir, list))) return rc;
    if (at) {
        const char *sel = at + 1;
        int64_t t;
        char vdir[PATH_CAP];
        if (strcmp(sel, "previous") == 0 || parse_time(&t, sel, 0) == 0) {
            char cur[256];
            memcpy(cur, version, sizeof cur);
            if ((rc = pick_version(e, version, ldir, list, cur, sel))) return rc;
        } else if (join(vdir, ldir, sel) || !is_dir(vdir)) {
            return dir_fail(e, NSC_ENOTFOUND, "list '%s': no version folder %s", list, vdir);
        } else {
            snprintf(version, 256, "%s", sel);
        }
    }
    size_t before = e->n_lists;
    rc = load_version(e, dir, list, version, 0);
    if (rc) undo(e, before);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * The default directory
 * ------------------------------------------------------------------------------------------- */

const char *nsc_lists_dir_updated(void)
{
    static char buf[PATH_CAP];
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(buf, sizeof buf, "%s/namescreen/lists", xdg);
    else if (home && *home)
        n = snprintf(buf, sizeof buf, "%s/.local/share/namescreen/lists", home);
    else
        return NULL;
    return n < 0 || (size_t)n >= sizeof buf ? NULL : buf;
}

int nsc_lists_dir_holds_lists(const char *dir)
{
    if (!dir) return 0;
    DIR *d = opendir(dir);
    if (!d) return 0;
    int found = 0;
    struct dirent *de;
    while (!found && (de = readdir(d)) != NULL)
        found = valid_list_name(de->d_name) && has_current(dir, de->d_name);
    closedir(d);
    return found;
}

const char *nsc_lists_dir_default(void)
{
    const char *env = getenv("NAMESCREEN_LISTS");
    if (env && *env) return env;
    const char *upd = nsc_lists_dir_updated();
    if (upd && nsc_lists_dir_holds_lists(upd)) return upd;
    return NSC_INSTALL_LISTS_DIR;
}

/* ---------------------------------------------------------------------------------------------
 * Checking a directory
 * ------------------------------------------------------------------------------------------- */

static void report_to(nsc_check_report report, void *ctx, const char *list, const char *version,
                      int rc, const char *msg)
{
    if (report) report(ctx, list, version, rc, msg);
}

/* Checks one list in an engine of its own; 0 or its code. */
static int check_list(const char *dir, const char *list, nsc_check_report report, void *ctx)
{
    nsc_engine *e;
    int rc = nsc_engine_new(&e, NULL);
    if (rc) {
        report_to(report, ctx, list, "", rc, nsc_strerror(rc));
        return rc;
    }
    char version[256] = "";
    rc = read_current(e, version, dir, list);
    if (!rc) rc = load_version(e, dir, list, version, 1);
    if (rc) {
        report_to(report, ctx, list, version, rc, e->errmsg);
    } else {
        const nsc__list *l = e->lists[0];
        char msg[128];
        size_t nfiles = 1;
        for (const char *p = l->files ? l->files : ""; (p = strchr(p, ',')) != NULL; p++) nfiles++;
        snprintf(msg, sizeof msg, "%zu entities, %zu names, %zu file%s", l->n_entities, l->n_names,
                 nfiles, nfiles == 1 ? "" : "s");
        report_to(report, ctx, list, version, 0, msg);
    }
    nsc_engine_free(e);
    return rc;
}

int nsc_lists_dir_check(const char *dir, nsc_check_report report, void *ctx)
{
    nsc_engine *e;
    int rc = nsc_engine_new(&e, NULL);
    if (rc) {
        report_to(report, ctx, "", "", rc, nsc_strerror(rc));
        return rc;
    }
    names ls = { 0 };
    rc = start(e, &dir);
    if (!rc) rc = dir_lists(e, &ls, dir);
    if (!rc && !ls.n)
        rc =
            dir_fail(e, NSC_ENOLISTS, "%s: no list has been fetched; run `namescreen update`", dir);
    if (rc) report_to(report, ctx, "", "", rc, e->errmsg);
    int first = rc;
    for (size_t i = 0; !rc && i < ls.n; i++) { /* every list, also after a failing one */
        int r = check_list(dir, ls.v[i], report, ctx);
        if (r && !first) first = r;
    }
    names_free(&e->mem, &ls);
    nsc_engine_free(e);
    return first;
}
