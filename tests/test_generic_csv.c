/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_generic_csv.c: the generic ("csv") list format: columns named by the load options or
 * by conventional header names, ';'-separated aliases, row numbers as ids, the list name from
 * the file name, warnings for odd rows and the error for a missing name column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/engine.h"
#include "formats/format.h"
#include "formats/parsers.h"
#include "model/country.h"
#include "model/date.h"
#include "model/list.h"
#include "util/csvrec.h"
#include "util/mem.h"
#include "namescreen.h"

static nsc_engine *load_ok(const char *path, const nsc_load_options *o, nsc_list_info *info)
{
    nsc_engine *eng;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    if (nsc_engine_load(eng, path, o) != 0) fail_msg("load %s: %s", path, nsc_engine_errmsg(eng));
    info->version = NSC_LIST_INFO_VERSION;
    assert_int_equal(nsc_engine_list_info(info, eng, 0), 0);
    return eng;
}

static const nsc__entity *entity(const nsc_engine *eng, const char *id)
{
    const nsc__entity *e = nsc__list_find(nsc__engine_list_at(eng, 0), id, strlen(id));
    if (!e) fail_msg("no entity %s", id);
    return e;
}

static void names_string(char *out, size_t cap, const nsc__entity *e)
{
    out[0] = '\0';
    for (const nsc__name *n = e->names; n; n = n->next) {
        size_t u = strlen(out);
        snprintf(out + u, cap - u, "%s%s/%d", u ? "; " : "", n->text, n->kind);
    }
}

static int has_warning(const nsc_engine *eng, const char *part)
{
    const char *w;
    for (size_t i = 0; (w = nsc_engine_list_warning(eng, 0, i)) != NULL; i++)
        if (strstr(w, part)) return 1;
    return 0;
}

static void test_custom_columns(void **state)
{
    (void)state;
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = "csv";
    o.csv_id = "ref";
    o.csv_name = "full_name";
    o.csv_alias = "other_names";
    o.csv_type = "kind";
    o.csv_dob = "born";
    o.csv_country = "citizenship";
    o.csv_program = "regime";
    o.published = "2026-01-31";
    nsc_list_info info;
    nsc_engine *eng = load_ok(NSC_TEST_DATA "/generic/custom_cols.csv", &o, &info);
    assert_string_equal(info.name, "custom_cols");
    assert_string_equal(info.format, "csv");
    assert_string_equal(info.published, "2026-01-31");
    assert_int_equal(info.entries, 4); /* X-1 twice (merged), X-4 has no name */
    assert_int_equal(info.names, 7);
    assert_int_equal(info.warnings, 3);
    assert_true(has_warning(eng, "custom_cols.csv: 1 rows have an empty name and were skipped "
                                 "(first on line 6)"));
    assert_true(has_warning(eng, "1 rows repeat an earlier id"));
    assert_true(has_warning(eng, "1 rows have an unknown entity type"));

    char buf[512];
    const nsc__entity *e = entity(eng, "X-1");
    assert_int_equal(e->type, NSC_TYPE_PERSON);
    names_string(buf, sizeof buf, e);
    assert_string_equal(buf, "Jane Placeholder/0; J. Placeholder/1; Jane P./1; "
                             "Jane Placeholder-Smith/1");
    assert_int_equal(e->dobs->date.y, 1980);
    assert_int_equal(e->dobs->date.prec, NSC_DATE_DAY);
    assert_string_equal(e->countries->code, "gb");
    assert_string_equal(e->programs->text, "INHOUSE-1");
    e = entity(eng, "X-2");
    assert_int_equal(e->type, NSC_TYPE_ORGANIZATION);
    assert_string_equal(e->programs->next->text, "INHOUSE-2");
    assert_int_equal(entity(eng, "X-3")->type, NSC_TYPE_VESSEL);
    assert_int_equal(entity(eng, "X-5")->type, NSC_TYPE_UNKNOWN);
    nsc_engine_free(eng);
}

static void test_conventional_names(void **state)
{
    (void)state;
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = "csv";
    o.name = "inhouse";
    nsc_list_info info;
    nsc_engine *eng = load_ok(NSC_TEST_DATA "/generic/conventional.csv", &o, &info);
    assert_string_equal(info.name, "inhouse");
    assert_int_equal(info.entries, 2);
    assert_int_equal(info.names, 4);
    assert_int_equal(info.warnings, 0);
    char buf[256];
    const nsc__entity *e = entity(eng, "1"); /* no id column: the row number */
    names_string(buf, sizeof buf, e);
    assert_string_equal(buf, "John Example/0; Johnny Example/1; J. Example/1");
    assert_int_equal(e->type, NSC_TYPE_PERSON);
    assert_int_equal(e->dobs->date.y, 1970);
    assert_string_equal(e->countries->code, "de");
    assert_string_equal(e->programs->text, "LOCAL-A");
    e = entity(eng, "2");
    assert_int_equal(e->type, NSC_TYPE_ORGANIZATION);
    nsc_engine_free(eng);
}

static void test_semicolon_file(void **state)
{
    (void)state;
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = "csv";
    nsc_list_info info;
    nsc_engine *eng = load_ok(NSC_TEST_DATA "/generic/semicolon.csv", &o, &info);
    assert_int_equal(info.entries, 1);
    assert_string_equal(entity(eng, "A1")->names->text, "Semi Colon Person");
    nsc_engine_free(eng);
}

static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *file, *name_col, *msg;
    } cases[] = {
        { "no_name.csv", NULL,
          "no_name.csv:1: no name column (name it with csv_name); the header has: id, title, "
          "country" },
        { "custom_cols.csv", "nom",
          "no column 'nom' (given as csv_name); the header has: ref, full_name, other_names" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/generic/%s", NSC_TEST_DATA, cases[i].file);
        nsc_engine *eng;
        assert_int_equal(nsc_engine_new(&eng, NULL), 0);
        nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
        o.format = "csv";
        o.csv_name = cases[i].name_col;
        assert_int_equal(nsc_engine_load(eng, path, &o), NSC_EFORMAT);
        if (!strstr(nsc_engine_errmsg(eng), cases[i].msg))
            fail_msg("%s: message '%s'", cases[i].file, nsc_engine_errmsg(eng));
        assert_int_equal(nsc_engine_list_count(eng), 0);
        nsc_engine_free(eng);
    }
}

/* An allocator that fails after `left` allocations. */
typedef struct failing {
    long left;
} failing;

static void *f_malloc(void *ctx, size_t n)
{
    failing *f = ctx;
    return f->left-- > 0 ? malloc(n) : NULL;
}

static void *f_realloc(void *ctx, void *p, size_t n)
{
    failing *f = ctx;
    return f->left-- > 0 ? realloc(p, n) : NULL;
}

static void f_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

/* Every allocation of a load may fail: the load then fails cleanly with NSC_ENOMEM (no crash,
 * no leak under the sanitizers), and succeeds once enough memory is there. */
static void test_out_of_memory(void **state)
{
    (void)state;
    static const struct {
        const char *path, *format;
    } files[] = {
        { NSC_TEST_DATA "/generic/custom_cols.csv", "csv" },
        { NSC_TEST_DATA "/uk/uk_full.csv", "uk" },
        { NSC_TEST_DATA "/oscsv/targets_new.csv", "os-csv" },
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        int loaded = 0;
        for (long budget = 0; budget < 100000 && !loaded; budget++) {
            failing f = { 1000000 };
            nsc_engine_options eo = NSC_ENGINE_OPTIONS_INIT;
            eo.allocator.malloc = f_malloc;
            eo.allocator.realloc = f_realloc;
            eo.allocator.free = f_free;
            eo.allocator.ctx = &f;
            nsc_engine *eng;
            assert_int_equal(nsc_engine_new(&eng, &eo), 0);
            f.left = budget;
            nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
            o.format = files[i].format;
            o.csv_id = i == 0 ? "ref" : NULL;
            o.csv_name = i == 0 ? "full_name" : NULL;
            int rc = nsc_engine_load(eng, files[i].path, &o);
            if (rc == 0)
                loaded = 1;
            else if (rc != NSC_ENOMEM)
                fail_msg("%s with %ld allocations: %d %s", files[i].path, budget, rc,
                         nsc_engine_errmsg(eng));
            else
                assert_int_equal(nsc_engine_list_count(eng), 0);
            nsc_engine_free(eng);
        }
        assert_true(loaded);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_custom_columns), cmocka_unit_test(test_conventional_names),
        cmocka_unit_test(test_semicolon_file), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
