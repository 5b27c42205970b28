/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_listsdir.c: lists directories through namescreen.h alone: the default directory and
 * NAMESCREEN_LISTS, loading the bundled directory with its checksums, a tampered checksum, the
 * all-or-nothing rule across a manifest's lists, and manifest errors naming file and line.
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

#include "namescreen.h"

static void expect_in(const char *hay, const char *needle)
{
    if (!strstr(hay, needle)) fail_msg("'%s' is not in '%s'", needle, hay);
}

/* Writes text to dir/MANIFEST.csv of a new temporary directory, returned in dir. */
static void manifest_dir(char dir[64], const char *text)
{
    strcpy(dir, "/tmp/nsc_listsdir_XXXXXX");
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/MANIFEST.csv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void remove_dir(const char *dir)
{
    char path[128];
    snprintf(path, sizeof path, "%s/MANIFEST.csv", dir);
    unlink(path);
    rmdir(dir);
}

static void test_default_dir(void **state)
{
    (void)state;
    unsetenv("NAMESCREEN_LISTS");
    expect_in(nsc_lists_dir_default(), "namescreen/lists");
    setenv("NAMESCREEN_LISTS", "/somewhere/lists", 1);
    assert_string_equal(nsc_lists_dir_default(), "/somewhere/lists");
    setenv("NAMESCREEN_LISTS", "", 1); /* empty is unset */
    expect_in(nsc_lists_dir_default(), "namescreen/lists");
    unsetenv("NAMESCREEN_LISTS");
}

static void test_bundled(void **state)
{
    (void)state;
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    if (nsc_engine_load_dir(e, NSC_LISTS_DIR) != 0) fail_msg("%s", nsc_engine_errmsg(e));
    assert_int_equal(nsc_engine_list_count(e), 4);
    nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
    assert_int_equal(nsc_engine_list_info(&li, e, 0), 0);
    assert_string_equal(li.name, "ofac-sdn");
    assert_string_equal(li.published, "2024-05-03");
    /* the directory from the environment when none is named */
    nsc_engine *e2;
    assert_int_equal(nsc_engine_new(&e2, NULL), 0);
    setenv("NAMESCREEN_LISTS", NSC_LISTS_DIR, 1);
    assert_int_equal(nsc_engine_load_dir(e2, NULL), 0);
    unsetenv("NAMESCREEN_LISTS");
    assert_int_equal(nsc_engine_list_count(e2), 4);
    /* frozen engines load nothing */
    assert_int_equal(nsc_engine_freeze(e2), 0);
    assert_int_equal(nsc_engine_load_dir(e2, NSC_LISTS_DIR), NSC_EFROZEN);
    nsc_engine_free(e2);
    nsc_engine_free(e);
}

static void test_tampered_all_or_nothing(void **state)
{
    (void)state;
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    assert_int_equal(nsc_engine_load_dir(e, NSC_TEST_DATA "/cli/tampered"), NSC_EFORMAT);
    expect_in(nsc_engine_errmsg(e), "MANIFEST.csv line 2: list 'uk': the SHA-256");
    expect_in(nsc_engine_errmsg(e), "modified or replaced");
    assert_int_equal(nsc_engine_list_count(e), 0);

    /* a good list first, then a bad one: neither stays */
    nsc_engine *ref;
    assert_int_equal(nsc_engine_new(&ref, NULL), 0);
    assert_int_equal(nsc_engine_load_dir(ref, NSC_LISTS_DIR), 0);
    nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
    assert_int_equal(nsc_engine_list_info(&li, ref, 2), 0);
    assert_string_equal(li.name, "un");
    char text[1024], dir[64];
    snprintf(text, sizeof text,
             "list,format,path,published,sha256\n"
             "un,un," NSC_LISTS_DIR "/un/consolidated.xml,,%s\n"
             "uk,uk," NSC_LISTS_DIR "/uk/uk_sanctions_list_summary.csv,,%064d\n",
             li.sha256, 0);
    manifest_dir(dir, text);
    assert_int_equal(nsc_engine_load_dir(e, dir), NSC_EFORMAT);
    expect_in(nsc_engine_errmsg(e), "line 3: list 'uk'");
    assert_int_equal(nsc_engine_list_count(e), 0);
    /* and the engine is usable: the same directory minus the bad row loads */
    remove_dir(dir);
    snprintf(text, sizeof text,
             "list,format,path,published,sha256\nun,un," NSC_LISTS_DIR "/un/consolidated.xml,,%s\n",
             li.sha256);
    manifest_dir(dir, text);
    assert_int_equal(nsc_engine_load_dir(e, dir), 0);
    assert_int_equal(nsc_engine_list_count(e), 1);
    remove_dir(dir);
    nsc_engine_free(ref);
    nsc_engine_free(e);
}

static void test_manifest_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text, *msg;
        int rc;
    } cases[] = {
        { "list,format,path\n", "no column 'published'", NSC_EFORMAT },
        { "list,format,path,published,sha256\n", "names no list", NSC_EFORMAT },
        { "list,format,path,published,sha256\nx,,,,\n",
          "line 2: list, path and sha256 must not "
          "be empty",
          NSC_EFORMAT },
        { "list,format,path,published,sha256\nx,un,missing.xml,,00\n",
          "line 2: list 'x':", NSC_EIO },
        { "list,format,path,published,sha256\nx\n", "line 2: missing column 'format'",
          NSC_EFORMAT },
        { "list,format,path,published,sha256\n\"x\n", "unterminated", NSC_EFORMAT },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char dir[64];
        manifest_dir(dir, cases[i].text);
        nsc_engine *e;
        assert_int_equal(nsc_engine_new(&e, NULL), 0);
        assert_int_equal(nsc_engine_load_dir(e, dir), cases[i].rc);
        expect_in(nsc_engine_errmsg(e), cases[i].msg);
        assert_int_equal(nsc_engine_list_count(e), 0);
        nsc_engine_free(e);
        remove_dir(dir);
    }
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    assert_int_equal(nsc_engine_load_dir(e, "/nonexistent/lists"), NSC_EIO);
    expect_in(nsc_engine_errmsg(e), "/nonexistent/lists/MANIFEST.csv");
    assert_int_equal(nsc_engine_load_dir(NULL, NULL), NSC_EINVAL);
    nsc_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_dir),
        cmocka_unit_test(test_bundled),
        cmocka_unit_test(test_tampered_all_or_nothing),
        cmocka_unit_test(test_manifest_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
