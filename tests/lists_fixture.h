/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lists_fixture.h: builds lists directories (the layout of `namescreen update`) in temporary
 * directories for test_listsdir.c and test_cli.c: version folders with their manifest.csv
 * (counts and checksums taken from the engine), current, checked.csv, sources.csv; and removes
 * them. Public API only; header-only, static inline functions (a test uses some of them).
 */
#ifndef NSC_TESTS_LISTS_FIXTURE_H
#define NSC_TESTS_LISTS_FIXTURE_H

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "namescreen.h"

/* A new empty temporary directory into root (>= 64 bytes). */
static inline void fx_root(char *root)
{
    strcpy(root, "/tmp/nsc_listsdir_XXXXXX");
    assert_non_null(mkdtemp(root));
}

/* Removes root and everything in it. */
static inline void fx_rm(const char *root)
{
    struct stat st;
    if (lstat(root, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(root);
        struct dirent *de;
        while (d && (de = readdir(d)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
            char path[1024];
            int w = snprintf(path, sizeof path, "%s/%s", root, de->d_name);
            if (w > 0 && (size_t)w < sizeof path) fx_rm(path);
        }
        if (d) closedir(d);
        rmdir(root);
    } else {
        unlink(root);
    }
}

static inline void fx_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static inline void fx_copy(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static inline void fx_mkdir(const char *path)
{
    if (mkdir(path, 0700) != 0) assert_true(access(path, F_OK) == 0);
}

/* root/sources.csv holding text. */
static inline void fx_sources(const char *root, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/sources.csv", root);
    fx_write(path, text);
}

/* root/LIST/current naming version. */
static inline void fx_current(const char *root, const char *list, const char *version)
{
    char path[1024], line[300];
    snprintf(path, sizeof path, "%s/%s/current", root, list);
    snprintf(line, sizeof line, "%s\n", version);
    fx_write(path, line);
}

/* root/LIST/checked.csv saying the source was checked at `checked` (YYYY-MM-DDTHH:MM:SSZ). */
static inline void fx_checked(const char *root, const char *list, const char *checked)
{
    char path[1024], text[256];
    snprintf(path, sizeof path, "%s/%s/checked.csv", root, list);
    snprintf(text, sizeof text, "key,value\nchecked,%s\nstatus,200\netag,\nlast_modified,\n",
             checked);
    fx_write(path, text);
}

/* `t` seconds since the epoch as YYYY-MM-DDTHH:MM:SSZ. */
static inline void fx_utc(char out[32], time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Adds a version of list LIST to root from the one-file list `src` (format fmt), saved as
 * `base`: the folder <published>_<sha12> with its manifest.csv (published: the date for the
 * manifest, "" for none; fetched: the fetched time), current pointing to it when make_current.
 * The version folder name goes into version (>= 64 bytes). */
static inline void fx_version(char *version, const char *root, const char *list, const char *fmt,
                              const char *src, const char *base, const char *published,
                              const char *fetched, int make_current)
{
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = fmt;
    lo.name = list;
    lo.published = *published ? published : NULL;
    if (nsc_engine_load(e, src, &lo) != 0) fail_msg("%s", nsc_engine_errmsg(e));
    nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
    assert_int_equal(nsc_engine_list_info(&li, e, 0), 0);
    snprintf(version, 64, "%s_%.12s", *li.published ? li.published : "undated", li.sha256);
    char ldir[512], vdir[1024], path[1536], text[4096];
    snprintf(ldir, sizeof ldir, "%s/%s", root, list);
    snprintf(vdir, sizeof vdir, "%s/%s", ldir, version);
    fx_mkdir(ldir);
    fx_mkdir(vdir);
    snprintf(path, sizeof path, "%s/%s", vdir, base);
    fx_copy(src, path);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    snprintf(text, sizeof text,
             "key,value\nlist,%s\nformat,%s\nmain,%s\nsource,file://%s\nfetched,%s\n"
             "published,%s\npublished_from,%s\nsha256,%s\nentities,%zu\nnames,%zu\n"
             "file,%s %lld %s\ntool,namescreen test\n",
             list, fmt, base, src, fetched, li.published, *published ? "none" : "file", li.sha256,
             li.entries, li.names, base, (long long)st.st_size, li.sha256);
    snprintf(path, sizeof path, "%s/manifest.csv", vdir);
    fx_write(path, text);
    nsc_engine_free(e);
    if (make_current) fx_current(root, list, version);
}

#endif /* NSC_TESTS_LISTS_FIXTURE_H */
