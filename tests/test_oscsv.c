/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_oscsv.c: the OpenSanctions targets.simple.csv parser on synthetic fixtures that follow
 * the documented format (tests/data/oscsv/): the newer header with program_ids, the older
 * 15-column header, ';'-joined cells with quoted values inside, schema to entity type.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
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

static nsc_engine *load_ok(const char *path, const char *format, nsc_list_info *info)
{
    nsc_engine *eng;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = format;
    if (nsc_engine_load(eng, path, &o) != 0) fail_msg("load %s: %s", path, nsc_engine_errmsg(eng));
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

/* "text/kind; text/kind" of the names */
static void names_string(char *out, size_t cap, const nsc__entity *e)
{
    out[0] = '\0';
    for (const nsc__name *n = e->names; n; n = n->next) {
        size_t u = strlen(out);
        snprintf(out + u, cap - u, "%s%s/%d", u ? "; " : "", n->text, n->kind);
    }
}

static void texts_string(char *out, size_t cap, const nsc__text *t)
{
    out[0] = '\0';
    for (; t; t = t->next) {
        size_t u = strlen(out);
        snprintf(out + u, cap - u, "%s%s", u ? "; " : "", t->text);
    }
}

static void test_new_header(void **state)
{
    (void)state;
    nsc_list_info info;
    nsc_engine *eng = load_ok(NSC_TEST_DATA "/oscsv/targets_new.csv", NULL, &info);
    assert_string_equal(info.format, "os-csv");
    assert_string_equal(info.name, "opensanctions");
    assert_int_equal(info.entries, 4);
    assert_int_equal(info.names, 4 + 3 + 1 + 1);
    assert_int_equal(info.warnings, 0);
    assert_string_equal(info.published, "2025-11-21"); /* the latest last_seen */

    char buf[512];
    const nsc__entity *e = entity(eng, "NK-synth-0001");
    assert_int_equal(e->type, NSC_TYPE_PERSON);
    names_string(buf, sizeof buf, e);
    assert_string_equal(buf, "Ivan Testovich Primerov/0; \"Vanya\" Primerov/1; Ivan Primerov/1; "
                             "Иван Тестович Примеров/1");
    assert_non_null(e->dobs);
    assert_int_equal(e->dobs->date.prec, NSC_DATE_MONTH);
    assert_non_null(e->dobs->next);
    assert_int_equal(e->dobs->next->date.d, 12);
    assert_string_equal(e->countries->code, "ru");
    assert_string_equal(e->countries->next->code, "ua");
    texts_string(buf, sizeof buf, e->programs);
    assert_string_equal(buf, "SY-PROG-A; SY-PROG-B"); /* program_ids, not the sanctions text */
    texts_string(buf, sizeof buf, e->addresses);
    assert_string_equal(buf, "Testovaya 1, Moscow");
    assert_string_equal(e->idents->value, "1234567890");

    e = entity(eng, "NK-synth-0002");
    assert_int_equal(e->type, NSC_TYPE_ORGANIZATION);
    names_string(buf, sizeof buf, e);
    assert_string_equal(buf, "Example Holdings; Ltd/0; Example Hldgs/1; Example; Trading LLC/1");
    texts_string(buf, sizeof buf, e->programs);
    assert_string_equal(buf, "Synthetic Programme A"); /* no program_ids: from sanctions */
    assert_string_equal(e->idents->next->value, "IMO0000000");

    assert_int_equal(entity(eng, "NK-synth-0003")->type, NSC_TYPE_VESSEL);
    assert_int_equal(entity(eng, "synth-wallet-1")->type, NSC_TYPE_UNKNOWN);
    nsc_engine_free(eng);
}

static void test_old_header(void **state)
{
    (void)state;
    nsc_list_info info;
    nsc_engine *eng = load_ok(NSC_TEST_DATA "/oscsv/targets_old.csv", "os-csv", &info);
    assert_int_equal(info.entries, 2);
    assert_int_equal(info.names, 3);
    assert_string_equal(info.published, "2023-11-02");
    char buf[256];
    const nsc__entity *e = entity(eng, "synth-p-1");
    assert_int_equal(e->dobs->date.prec, NSC_DATE_YEAR);
    assert_int_equal(e->dobs->date.y, 1975);
    texts_string(buf, sizeof buf, e->programs);
    assert_string_equal(buf, "Synthetic Old Programme");
    e = entity(eng, "synth-o-1");
    texts_string(buf, sizeof buf, e->programs);
    assert_string_equal(buf, "Synthetic Old Programme; Second Programme");
    nsc_engine_free(eng);
}

static void test_not_oscsv(void **state)
{
    (void)state;
    nsc_engine *eng;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = "os-csv";
    assert_int_equal(nsc_engine_load(eng, NSC_TEST_DATA "/generic/no_name.csv", &o), NSC_EFORMAT);
    assert_non_null(strstr(nsc_engine_errmsg(eng), "id, schema and name"));
    nsc_engine_free(eng);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_header),
        cmocka_unit_test(test_old_header),
        cmocka_unit_test(test_not_oscsv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
