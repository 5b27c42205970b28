/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_listsdir.c: lists directories through namescreen.h alone, each built in a temporary
 * directory from small fixtures: load order, the bundled snapshots and their facts, modified
 * files, a missing current or version folder, malformed manifests naming their line, the old
 * layout, staleness with a fixed `now`, the default directory's precedence (NAMESCREEN_LISTS,
 * XDG_DATA_HOME, HOME), named versions (@previous, @date, @folder) and nsc_lists_dir_check().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lists_fixture.h"
#include "namescreen.h"

#define MINI NSC_TEST_DATA "/cli/mini_list.csv"
#define UN NSC_TEST_DATA "/un/small.xml"
#define UK NSC_TEST_DATA "/uk/uk_full.csv"

static void expect_in(const char *hay, const char *needle)
{
    if (!strstr(hay, needle)) fail_msg("'%s' is not in '%s'", needle, hay);
}

static nsc_engine *new_engine(void)
{
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    return e;
}

static const char *list_name(const nsc_engine *e, size_t i)
{
    nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
    assert_int_equal(nsc_engine_list_info(&li, e, i), 0);
    return li.name;
}

/* A directory of three lists: mini (csv) and un in sources.csv, uk without a row. */
static void three_lists(char *root, char mini_v[64], char un_v[64], char uk_v[64])
{
    fx_root(root);
    fx_sources(root, "list,format,url\nmini,csv,file:///x/mini.csv\nun,un,https://un.example/x\n");
    fx_version(mini_v, root, "mini", "csv", MINI, "mini.csv", "2026-01-10", "2026-01-10T08:00:00Z",
               1);
    fx_version(un_v, root, "un", "un", UN, "consolidated.xml", "", "2026-01-11T08:00:00Z", 1);
    fx_version(uk_v, root, "uk", "uk", UK, "uk.csv", "2025-08-11", "2026-01-12T08:00:00Z", 1);
}

static void test_load_order(void **state)
{
    (void)state;
    char root[64], v1[64], v2[64], v3[64], path[1024];
    fx_root(root);
    /* zeta and alpha in sources.csv order; never (no folder) skipped; then beta and mid, the
     * folders without a row, in byte order; nocurrent (no current, no row) ignored */
    fx_sources(root, "list,format,url,max_drop\nzeta,csv,u,0.1\nnever,un,u,\nalpha,un,u,\n");
    fx_version(v1, root, "zeta", "csv", MINI, "z.csv", "2026-01-01", "2026-01-01T00:00:00Z", 1);
    fx_version(v2, root, "alpha", "un", UN, "a.xml", "", "2026-01-01T00:00:00Z", 1);
    fx_version(v3, root, "mid", "uk", UK, "m.csv", "2025-08-11", "2026-01-01T00:00:00Z", 1);
    fx_version(v3, root, "beta", "csv", MINI, "b.csv", "", "2026-01-01T00:00:00Z", 1);
    fx_version(v3, root, "nocurrent", "csv", MINI, "n.csv", "", "2026-01-01T00:00:00Z", 0);
    snprintf(path, sizeof path, "%s/samples", root);
    fx_mkdir(path);
    /* never: a first download under way (a .staging-* folder only) is not a list yet */
    snprintf(path, sizeof path, "%s/never", root);
    fx_mkdir(path);
    snprintf(path, sizeof path, "%s/never/.staging-1234", root);
    fx_mkdir(path);
    nsc_engine *e = new_engine();
    if (nsc_engine_load_dir(e, root) != 0) fail_msg("%s", nsc_engine_errmsg(e));
    assert_int_equal(nsc_engine_list_count(e), 4);
    assert_string_equal(list_name(e, 0), "zeta");
    assert_string_equal(list_name(e, 1), "alpha");
    assert_string_equal(list_name(e, 2), "beta");
    assert_string_equal(list_name(e, 3), "mid");
    /* the facts of a loaded list; the published date of the manifest when the file has none */
    nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
    assert_int_equal(nsc_engine_list_info(&li, e, 0), 0);
    assert_string_equal(li.format, "csv");
    assert_string_equal(li.published, "2026-01-01");
    assert_string_equal(li.version_dir, v1);
    assert_string_equal(li.lists_dir, root);
    assert_string_equal(li.source, "file://" MINI);
    assert_string_equal(li.fetched, "2026-01-01T00:00:00Z");
    assert_string_equal(li.published_from, "none");
    assert_string_equal(li.checked, "");
    assert_int_equal(li.snapshot, 0);
    nsc_engine_free(e);
    /* no sources.csv: the folders alone, in byte order */
    snprintf(path, sizeof path, "%s/sources.csv", root);
    unlink(path);
    e = new_engine();
    assert_int_equal(nsc_engine_load_dir(e, root), 0);
    assert_int_equal(nsc_engine_list_count(e), 4);
    assert_string_equal(list_name(e, 0), "alpha");
    assert_string_equal(list_name(e, 3), "zeta");
    nsc_engine_free(e);
    fx_rm(root);
}

static void test_bundled(void **state)
{
    (void)state;
    nsc_engine *e = new_engine();
    if (nsc_engine_load_dir(e, NSC_LISTS_DIR) != 0) fail_msg("%s", nsc_engine_errmsg(e));
    assert_int_equal(nsc_engine_list_count(e), 4);
    static const char *const names[] = { "ofac-sdn", "ofac-cons", "un", "uk" };
    for (size_t i = 0; i < 4; i++) assert_string_equal(list_name(e, i), names[i]);
    nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
    assert_int_equal(nsc_engine_list_info(&li, e, 0), 0);
    assert_string_equal(li.published, "2024-05-03");
    assert_string_equal(li.version_dir, "2024-05-03_b29c8d60c3a5");
    assert_string_equal(li.source, "bundled");
    assert_string_equal(li.checked, "");
    assert_int_equal(li.snapshot, 1);
    assert_int_equal(li.entries, 14965);
    /* a version 1 caller gets the first fields and nothing is written past them */
    struct {
        nsc_list_info v1; /* the v1 fields are a prefix of the v2 struct */
    } old;
    memset(&old, 0xAB, sizeof old);
    old.v1.version = 1;
    assert_int_equal(nsc_engine_list_info(&old.v1, e, 0), 0);
    assert_string_equal(old.v1.name, "ofac-sdn");
    assert_true(old.v1.snapshot == (int)0xABABABAB);
    nsc_list_info bad = { .version = 3 };
    assert_int_equal(nsc_engine_list_info(&bad, e, 0), NSC_EVERSION);
    /* frozen engines load nothing */
    assert_int_equal(nsc_engine_freeze(e), 0);
    assert_int_equal(nsc_engine_load_dir(e, NSC_LISTS_DIR), NSC_EFROZEN);
    assert_int_equal(nsc_engine_load_dir_version(e, NSC_LISTS_DIR, "un"), NSC_EFROZEN);
    nsc_engine_free(e);
    assert_int_equal(nsc_engine_load_dir(NULL, NULL), NSC_EINVAL);
}

/* Overwrites byte `at` of path with 'X' (same size). */
static void flip_byte(const char *path, long at)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, at, SEEK_SET), 0);
    fputc('X', f);
    assert_int_equal(fclose(f), 0);
}

static void test_modified_file(void **state)
{
    (void)state;
    char root[64], mv[64], unv[64], ukv[64], path[1024], msg[2048];
    three_lists(root, mv, unv, ukv);
    /* same size, other bytes: the SHA-256 of the file, both sums */
    snprintf(path, sizeof path, "%s/un/%s/consolidated.xml", root, unv);
    flip_byte(path, 10);
    nsc_engine *e = new_engine();
    assert_int_equal(nsc_engine_load_dir(e, root), NSC_EFORMAT);
    snprintf(msg, sizeof msg, "list 'un': file %s: its SHA-256 is ", path);
    expect_in(nsc_engine_errmsg(e), msg);
    expect_in(nsc_engine_errmsg(e), "but its manifest says ");
    expect_in(nsc_engine_errmsg(e), unv + 11);     /* the sha12 of the folder name begins the sum */
    assert_int_equal(nsc_engine_list_count(e), 0); /* mini, loaded first, is undone */
    /* the engine still loads after the failure */
    assert_int_equal(nsc_engine_load_dir_version(e, root, "mini"), 0);
    assert_int_equal(nsc_engine_list_count(e), 1);
    nsc_engine_free(e);
    /* a longer file: its size */
    FILE *f = fopen(path, "ab");
    assert_non_null(f);
    fputs("\n", f);
    fclose(f);
    e = new_engine();
    assert_int_equal(nsc_engine_load_dir(e, root), NSC_EFORMAT);
    expect_in(nsc_engine_errmsg(e), "has 2806 bytes, but its manifest says 2805");
    nsc_engine_free(e);
    /* a missing file */
    unlink(path);
    e = new_engine();
    assert_int_equal(nsc_engine_load_dir(e, root), NSC_EIO);
    expect_in(nsc_engine_errmsg(e), "list 'un': file ");
    expect_in(nsc_engine_errmsg(e), "is missing");
    nsc_engine_free(e);
    fx_rm(root);
}

static void test_missing_current(void **state)
{
    (void)state;
    char root[64], mv[64], unv[64], ukv[64], path[1024];
    three_lists(root, mv, unv, ukv);
    snprintf(path, sizeof path, "%s/un/current", root);
    unlink(path);
    nsc_engine *e = new_engine();
    assert_int_equal(nsc_engine_load_dir(e, root), NSC_EIO);
    expect_in(nsc_engine_errmsg(e), "list 'un': no current version: cannot open ");
    expect_in(nsc_engine_errmsg(e), "/un/current");
    assert_int_equal(nsc_engine_list_count(e), 0);
    /* current naming a folder that is not there */
    fx_current(root, "un", "2026-01-01_000000000000");
    assert_int_equal(nsc_engine_load_dir(e, root), NSC_EIO);
    expect_in(nsc_engine_errmsg(e), "list 'un': its version folder ");
    expect_in(nsc_engine_errmsg(e), "2026-01-01_000000000000 is missing");
    /* current without its line end, or naming a path */
    fx_write(path, "x/../y\n");
    assert_int_equal(nsc_engine_load_dir(e, root), NSC_EFORMAT);
    expect_in(nsc_engine_errmsg(e), "not a version folder");
    fx_write(path, unv);
    assert_int_equal(nsc_engine_load_dir(e, root), NSC_EFORMAT);
    expect_in(nsc_engine_errmsg(e), "must hold one line");
    assert_int_equal(nsc_engine_list_count(e), 0);
    nsc_engine_free(e);
    fx_rm(root);
}

static void test_bad_manifest(void **state)
{
    (void)state;
    static const struct {
        const char *text, *msg;
    } cases[] = {
        { "list,value\n", "manifest.csv line 1: the header must be 'key,value'" },
        { "key,value\nlist,mini\nformat,csv,extra\n", "manifest.csv line 3: expected 2 fields" },
        { "key,value\nlist,mini\nformat,csv\nmain,mini.csv\nsha256,00\nfile,mini.csv 12\n",
          "manifest.csv line 6: a file row must be 'BASENAME SIZE SHA256'" },
        { "key,value\nlist,mini\nformat,csv\nentities,many\n",
          "line 4: 'entities' is not a count" },
        { "key,value\nlist,mini\nformat,csv\nsha256,00\n", "no 'main' row" },
        { "key,value\nlist,other\nformat,csv\nmain,a\nsha256,00\nfile,a 1 "
          "0000000000000000000000000000000000000000000000000000000000000000\n",
          "it is the manifest of list 'other', not 'mini'" },
        { "key,value\nlist,mini\nformat,csv\nmain,b\nsha256,00\nfile,a 1 "
          "0000000000000000000000000000000000000000000000000000000000000000\n",
          "its main file 'b' has no 'file' row" },
        { "key,value\n\"list,mini\n", "unterminated" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char root[64], mv[64], unv[64], ukv[64], path[1024];
        three_lists(root, mv, unv, ukv);
        snprintf(path, sizeof path, "%s/mini/%s/manifest.csv", root, mv);
        fx_write(path, cases[i].text);
        nsc_engine *e = new_engine();
        assert_int_equal(nsc_engine_load_dir(e, root), NSC_EFORMAT);
        expect_in(nsc_engine_errmsg(e), path);
        expect_in(nsc_engine_errmsg(e), cases[i].msg);
        assert_int_equal(nsc_engine_list_count(e), 0);
        nsc_engine_free(e);
        fx_rm(root);
    }
}

static void test_bad_directories(void **state)
{
    (void)state;
    char root[64], path[1024];
    nsc_engine *e = new_engine();
    assert_int_equal(nsc_engine_load_dir(e, "/nonexistent/lists"), NSC_EIO);
    expect_in(nsc_engine_errmsg(e), "cannot open the lists directory /nonexistent/lists");
    /* the old layout */
    fx_root(root);
    snprintf(path, sizeof path, "%s/MANIFEST.csv", root);
    fx_write(path, "list,format,path,published,sha256\n");
    assert_int_equal(nsc_engine_load_dir(e, root), NSC_EFORMAT);
    expect_in(nsc_engine_errmsg(e), "old layout");
    expect_in(nsc_engine_errmsg(e), "sources.csv and one folder per list");
    unlink(path);
    /* nothing fetched yet: only sources.csv */
    fx_sources(root, "list,format,url\nun,un,https://un.example/x\n");
    assert_int_equal(nsc_engine_load_dir(e, root), NSC_ENOLISTS);
    expect_in(nsc_engine_errmsg(e), "no list has been fetched");
    fx_sources(root, "list,format,url\nBad Name,un,x\n");
    assert_int_equal(nsc_engine_load_dir(e, root), NSC_EFORMAT);
    expect_in(nsc_engine_errmsg(e), "sources.csv line 2: 'Bad Name' is not a list name");
    fx_sources(root, "format,url\n");
    assert_int_equal(nsc_engine_load_dir(e, root), NSC_EFORMAT);
    expect_in(nsc_engine_errmsg(e), "no column 'list'");
    nsc_engine_free(e);
    fx_rm(root);
}

/* 2026-12-02T01:00:00Z */
#define NOW ((int64_t)1796173200)

static void test_staleness(void **state)
{
    (void)state;
    char t[32];
    fx_utc(t, (time_t)NOW);
    assert_string_equal(t, "2026-12-02T01:00:00Z");
    nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
    li.published = "2024-05-03";
    li.checked = "2026-11-20T01:00:00Z";
    int64_t age;
    assert_int_equal(nsc_list_stale(&li, NOW, -1, -1, &age), NSC_LIST_STALE_CHECKED);
    assert_int_equal(age, 12 * 86400);
    assert_int_equal(nsc_list_stale(&li, NOW, 13L * 86400, -1, NULL), NSC_LIST_FRESH);
    li.checked = "2026-12-01T02:00:00Z"; /* 23 hours: fresh by the 2-day default */
    assert_int_equal(nsc_list_stale(&li, NOW, -1, -1, &age), NSC_LIST_FRESH);
    assert_int_equal(age, 23 * 3600);
    assert_int_equal(nsc_list_stale(&li, NOW, 3600, -1, NULL), NSC_LIST_STALE_CHECKED);
    /* never checked: the publication date, 30 days by default */
    li.checked = "";
    assert_int_equal(nsc_list_stale(&li, NOW, -1, -1, NULL), NSC_LIST_STALE_PUBLISHED);
    li.published = "2026-11-05"; /* 27 days and one hour */
    assert_int_equal(nsc_list_stale(&li, NOW, -1, -1, &age), NSC_LIST_FRESH);
    assert_int_equal(age, 27 * 86400 + 3600);
    assert_int_equal(nsc_list_stale(&li, NOW, -1, 7L * 86400, NULL), NSC_LIST_STALE_PUBLISHED);
    li.published = "";
    assert_int_equal(nsc_list_stale(&li, NOW, -1, -1, &age), NSC_LIST_AGE_UNKNOWN);
    assert_int_equal(age, -1);
    /* version 1 has no checked field: judged by its date alone */
    nsc_list_info v1 = { .version = 1 };
    v1.published = "2026-12-01";
    v1.checked = "2020-01-01T00:00:00Z"; /* not read */
    assert_int_equal(nsc_list_stale(&v1, NOW, -1, -1, NULL), NSC_LIST_FRESH);
    /* errors */
    li.checked = "2026-12-01 02:00";
    assert_int_equal(nsc_list_stale(&li, NOW, -1, -1, NULL), NSC_EFORMAT);
    assert_int_equal(nsc_list_stale(NULL, NOW, -1, -1, NULL), NSC_EINVAL);
    li.version = 9;
    assert_int_equal(nsc_list_stale(&li, NOW, -1, -1, NULL), NSC_EVERSION);

    /* a loaded list's last check comes from checked.csv */
    char root[64], mv[64], unv[64], ukv[64];
    three_lists(root, mv, unv, ukv);
    fx_checked(root, "un", "2026-12-01T12:00:00Z");
    nsc_engine *e = new_engine();
    assert_int_equal(nsc_engine_load_dir(e, root), 0);
    nsc_list_info un = { .version = NSC_LIST_INFO_VERSION };
    assert_int_equal(nsc_engine_list_info(&un, e, 1), 0);
    assert_string_equal(un.name, "un");
    assert_string_equal(un.checked, "2026-12-01T12:00:00Z");
    assert_string_equal(un.published, "2025-01-31"); /* the file's own date */
    assert_string_equal(un.published_from, "file");
    assert_int_equal(nsc_list_stale(&un, NOW, -1, -1, NULL), NSC_LIST_FRESH);
    nsc_engine_free(e);
    /* a malformed checked.csv is an error of loading */
    fx_checked(root, "un", "yesterday");
    e = new_engine();
    assert_int_equal(nsc_engine_load_dir(e, root), NSC_EFORMAT);
    expect_in(nsc_engine_errmsg(e), "checked.csv line 2: checked must be YYYY-MM-DDTHH:MM:SSZ");
    nsc_engine_free(e);
    fx_rm(root);
}

static void test_default_dir(void **state)
{
    (void)state;
    char root[64], xdg[128], home[128], v[64], updated[512];
    fx_root(root);
    snprintf(xdg, sizeof xdg, "%s/xdg", root);
    snprintf(home, sizeof home, "%s/home", root);
    fx_mkdir(xdg);
    fx_mkdir(home);
    unsetenv("NAMESCREEN_LISTS");
    setenv("XDG_DATA_HOME", xdg, 1);
    snprintf(updated, sizeof updated, "%s/namescreen/lists", xdg);
    assert_string_equal(nsc_lists_dir_updated(), updated);
    /* the updated directory holds no list yet: the bundled snapshots */
    assert_string_equal(nsc_lists_dir_default(), NSC_INSTALL_LISTS_DIR);
    char path[1024];
    snprintf(path, sizeof path, "%s/namescreen", xdg);
    fx_mkdir(path);
    fx_mkdir(updated);
    fx_sources(updated, "list,format,url\nmini,csv,x\n");
    assert_int_equal(nsc_lists_dir_holds_lists(updated), 0);
    assert_string_equal(nsc_lists_dir_default(), NSC_INSTALL_LISTS_DIR);
    fx_version(v, updated, "mini", "csv", MINI, "mini.csv", "", "2026-01-01T00:00:00Z", 1);
    assert_int_equal(nsc_lists_dir_holds_lists(updated), 1);
    assert_string_equal(nsc_lists_dir_default(), updated);
    nsc_engine *e = new_engine();
    assert_int_equal(nsc_engine_load_dir(e, NULL), 0);
    assert_string_equal(list_name(e, 0), "mini");
    nsc_engine_free(e);
    /* NAMESCREEN_LISTS first; empty is unset */
    setenv("NAMESCREEN_LISTS", "/somewhere/lists", 1);
    assert_string_equal(nsc_lists_dir_default(), "/somewhere/lists");
    setenv("NAMESCREEN_LISTS", "", 1);
    assert_string_equal(nsc_lists_dir_default(), updated);
    unsetenv("NAMESCREEN_LISTS");
    /* no XDG_DATA_HOME (or a relative one): $HOME/.local/share */
    setenv("XDG_DATA_HOME", "relative/dir", 1);
    setenv("HOME", home, 1);
    snprintf(updated, sizeof updated, "%s/.local/share/namescreen/lists", home);
    assert_string_equal(nsc_lists_dir_updated(), updated);
    unsetenv("XDG_DATA_HOME");
    assert_string_equal(nsc_lists_dir_updated(), updated);
    assert_string_equal(nsc_lists_dir_default(), NSC_INSTALL_LISTS_DIR);
    assert_int_equal(nsc_lists_dir_holds_lists(NULL), 0);
    fx_rm(root);
}

static void test_versions(void **state)
{
    (void)state;
    char root[64], a[64], b[64], c[64], path[1024], text[4096];
    fx_root(root);
    /* mini: a (published 01-10, fetched first), b (02-01), c (current, 03-01); fetched in that
     * order, so @previous is b */
    fx_version(a, root, "mini", "csv", MINI, "mini.csv", "2026-01-10", "2026-01-10T08:00:00Z", 0);
    snprintf(path, sizeof path, "%s/grown.csv", root);
    FILE *in = fopen(MINI, "rb");
    assert_non_null(in);
    size_t n = fread(text, 1, sizeof text - 100, in);
    fclose(in);
    text[n] = '\0';
    strcat(text, "M9,NEW ENTRY TRADING,,organization,,,TEST\n");
    fx_write(path, text);
    fx_version(b, root, "mini", "csv", path, "mini.csv", "2026-02-01", "2026-02-01T08:00:00Z", 0);
    strcat(text, "M10,ANOTHER NEW ENTRY,,organization,,,TEST\n");
    fx_write(path, text);
    fx_version(c, root, "mini", "csv", path, "mini.csv", "2026-03-01", "2026-03-01T08:00:00Z", 1);
    static const struct {
        const char *spec;
        int which; /* 0 a, 1 b, 2 c */
    } cases[] = {
        { "mini", 2 },
        { "mini@previous", 1 },
        { "mini@2026-01-31", 0 },
        { "mini@2026-02-01", 1 },
        { "mini@2027-01-01", 2 },
    };
    const char *vs[3] = { a, b, c };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nsc_engine *e = new_engine();
        if (nsc_engine_load_dir_version(e, root, cases[i].spec) != 0)
            fail_msg("%s: %s", cases[i].spec, nsc_engine_errmsg(e));
        nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
        assert_int_equal(nsc_engine_list_info(&li, e, 0), 0);
        if (strcmp(li.version_dir, vs[cases[i].which]) != 0)
            fail_msg("%s: got %s, expected %s", cases[i].spec, li.version_dir, vs[cases[i].which]);
        assert_int_equal(li.entries, 3 + (size_t)cases[i].which);
        nsc_engine_free(e);
    }
    /* by folder name, and the diff of two versions */
    char spec[128];
    snprintf(spec, sizeof spec, "mini@%s", a);
    nsc_engine *old = new_engine(), *cur = new_engine();
    assert_int_equal(nsc_engine_load_dir_version(old, root, spec), 0);
    assert_int_equal(nsc_engine_load_dir_version(cur, root, "mini"), 0);
    nsc_diff *d;
    assert_int_equal(nsc_diff_lists(&d, old, cur, "mini"), 0);
    assert_int_equal(nsc_diff_count(d), 2);
    nsc_diff_free(d);
    /* errors */
    static const struct {
        const char *spec, *msg;
        int rc;
    } bad[] = {
        { "mini@2025-12-31", "no version published on or before that date", NSC_ENOTFOUND },
        { "mini@nosuchfolder", "no version folder", NSC_ENOTFOUND },
        { "other", "has no list 'other'", NSC_ENOTFOUND },
        { "Mini@previous", "is not LIST, LIST@previous", NSC_EINVAL },
        { "mini@../x", "is not LIST, LIST@previous", NSC_EINVAL },
        { "mini@", "is not LIST, LIST@previous", NSC_EINVAL },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(nsc_engine_load_dir_version(old, root, bad[i].spec), bad[i].rc);
        expect_in(nsc_engine_errmsg(old), bad[i].msg);
    }
    assert_int_equal(nsc_engine_list_count(old), 1);
    nsc_engine_free(old);
    nsc_engine_free(cur);
    /* one version only: no previous */
    char root2[64], v[64];
    fx_root(root2);
    fx_version(v, root2, "mini", "csv", MINI, "mini.csv", "", "2026-01-10T08:00:00Z", 1);
    nsc_engine *e = new_engine();
    assert_int_equal(nsc_engine_load_dir_version(e, root2, "mini@previous"), NSC_ENOTFOUND);
    expect_in(nsc_engine_errmsg(e), "no version before the current one (versions: undated_");
    nsc_engine_free(e);
    fx_rm(root2);
    fx_rm(root);
}

typedef struct reports {
    char text[4096];
    size_t n;
} reports;

static void collect(void *ctx, const char *list, const char *version, int rc, const char *msg)
{
    reports *r = ctx;
    size_t len = strlen(r->text);
    snprintf(r->text + len, sizeof r->text - len, "%s %s %d %s\n", list, version, rc, msg);
    r->n++;
}

static void test_check(void **state)
{
    (void)state;
    char root[64], mv[64], unv[64], ukv[64], path[1024], want[2048];
    three_lists(root, mv, unv, ukv);
    reports r = { "", 0 };
    assert_int_equal(nsc_lists_dir_check(root, collect, &r), 0);
    assert_int_equal(r.n, 3);
    snprintf(want, sizeof want, "mini %s 0 3 entities, 5 names, 1 file\n", mv);
    if (strncmp(r.text, want, strlen(want)) != 0) fail_msg("got:\n%s", r.text);
    /* a modified file in the middle list: reported, and the last list is still checked */
    snprintf(path, sizeof path, "%s/un/%s/consolidated.xml", root, unv);
    flip_byte(path, 100);
    memset(&r, 0, sizeof r);
    assert_int_equal(nsc_lists_dir_check(root, collect, &r), NSC_EFORMAT);
    assert_int_equal(r.n, 3);
    snprintf(want, sizeof want, "un %s %d list 'un': file %s: its SHA-256 is ", unv, NSC_EFORMAT,
             path);
    expect_in(r.text, want);
    snprintf(want, sizeof want, "uk %s 0 ", ukv);
    expect_in(r.text, want);
    /* a count that differs: loading takes it, the check does not */
    char root2[64], v[64];
    fx_root(root2);
    fx_version(v, root2, "mini", "csv", MINI, "mini.csv", "", "2026-01-10T08:00:00Z", 1);
    snprintf(path, sizeof path, "%s/mini/%s/manifest.csv", root2, v);
    FILE *f = fopen(path, "ab");
    assert_non_null(f);
    fputs("entities,4\n", f);
    fclose(f);
    nsc_engine *e = new_engine();
    assert_int_equal(nsc_engine_load_dir(e, root2), 0);
    nsc_engine_free(e);
    memset(&r, 0, sizeof r);
    assert_int_equal(nsc_lists_dir_check(root2, collect, &r), NSC_EFORMAT);
    expect_in(r.text, "3 entities and 5 names parsed from");
    expect_in(r.text, "but its manifest says 4 and 5");
    /* an unreadable directory: one report, list "" */
    memset(&r, 0, sizeof r);
    assert_int_equal(nsc_lists_dir_check("/nonexistent/lists", collect, &r), NSC_EIO);
    assert_int_equal(r.n, 1);
    expect_in(r.text, "  -3 cannot open the lists directory");
    assert_int_equal(nsc_lists_dir_check(NSC_LISTS_DIR, NULL, NULL), 0);
    fx_rm(root2);
    fx_rm(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_order),    cmocka_unit_test(test_bundled),
        cmocka_unit_test(test_modified_file), cmocka_unit_test(test_missing_current),
        cmocka_unit_test(test_bad_manifest),  cmocka_unit_test(test_bad_directories),
        cmocka_unit_test(test_staleness),     cmocka_unit_test(test_default_dir),
        cmocka_unit_test(test_versions),      cmocka_unit_test(test_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
