/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_snapshot.c: index snapshots, through namescreen.h alone: an engine frozen from a
 * snapshot screens exactly as the engine that built it; stale, damaged and truncated snapshots
 * (and one whose checksum is right but whose offsets are not) are rejected with the right code
 * and a message naming the file; the default path of a lists directory.
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
#include <xxhash.h>

#include "lists_fixture.h"
#include "namescreen.h"
#include "namescreen/csv.h"

#define GOLDEN NSC_TEST_DATA "/golden/scores.csv"
#define GENERIC NSC_TEST_DATA "/entity/generic.csv"
#define SNAP "/tmp/nsc_test_snapshot.nsx"

static nsc_engine *bundled(void)
{
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    if (nsc_engine_load_dir(e, NSC_LISTS_DIR) != 0) fail_msg("%s", nsc_engine_errmsg(e));
    return e;
}

static void expect_in(const char *hay, const char *needle)
{
    if (!strstr(hay, needle)) fail_msg("'%s' is not in '%s'", needle, hay);
}

/* Every hit of every golden query, on engines a and b: identical (entity, name, score). */
static void same_hits(nsc_engine *a, nsc_engine *b)
{
    nsc_csv *csv;
    assert_int_equal(nsc_csv_open(&csv, GOLDEN, ','), 0);
    size_t queries = 0, hits = 0;
    while (nsc_csv_next(csv) == 1) {
        const char *qn = nsc_csv_field(csv, 0, NULL);
        if (qn[0] == '#' || strcmp(qn, "query") == 0 || !*qn) continue;
        nsc_query q = NSC_QUERY_INIT;
        q.name = qn;
        nsc_screen_options so = NSC_SCREEN_OPTIONS_INIT;
        so.threshold = 0.5;
        so.max_hits = 50;
        nsc_hits *ha, *hb;
        assert_int_equal(nsc_screen(&ha, a, &q, &so), 0);
        assert_int_equal(nsc_screen(&hb, b, &q, &so), 0);
        assert_int_equal(nsc_hits_count(ha), nsc_hits_count(hb));
        for (size_t i = 0; i < nsc_hits_count(ha); i++) {
            const nsc_hit *x = nsc_hits_get(ha, i), *y = nsc_hits_get(hb, i);
            assert_true(nsc_hit_score(x) == nsc_hit_score(y));
            assert_string_equal(nsc_hit_entity_id(x), nsc_hit_entity_id(y));
            assert_string_equal(nsc_hit_matched_name(x), nsc_hit_matched_name(y));
            hits++;
        }
        nsc_hits_free(ha);
        nsc_hits_free(hb);
        queries++;
    }
    nsc_csv_close(csv);
    assert_true(queries > 100);
    assert_true(hits > 100);
}

static void test_round_trip(void **state)
{
    (void)state;
    nsc_engine *a = bundled(), *b = bundled();
    assert_int_equal(nsc_engine_write_snapshot(a, SNAP), NSC_ENOTFROZEN);
    assert_int_equal(nsc_engine_freeze(a), 0);
    if (nsc_engine_write_snapshot(a, SNAP) != 0) fail_msg("%s", nsc_engine_errmsg(a));
    int mapped = -1;
    if (nsc_engine_freeze_snapshot(&mapped, b, SNAP, NSC_SNAPSHOT_REQUIRE) != 0)
        fail_msg("%s", nsc_engine_errmsg(b));
    assert_int_equal(mapped, 1);
    same_hits(a, b);
    /* a mapped engine has no index of its own to write */
    assert_int_equal(nsc_engine_write_snapshot(b, SNAP ".2"), NSC_EINVAL);
    nsc_engine_free(a);
    nsc_engine_free(b);
}

static long file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

static void flip_byte(const char *path, long at)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, at, SEEK_SET);
    int c = fgetc(f);
    fseek(f, at, SEEK_SET);
    fputc(c ^ 0x20, f);
    assert_int_equal(fclose(f), 0);
}

static void expect_rejected(const char *path, int code, const char *msg)
{
    nsc_engine *e = bundled();
    int mapped = -1;
    assert_int_equal(nsc_engine_freeze_snapshot(&mapped, e, path, NSC_SNAPSHOT_REQUIRE), code);
    assert_int_equal(mapped, 0);
    expect_in(nsc_engine_errmsg(e), path);
    expect_in(nsc_engine_errmsg(e), msg);
    /* without REQUIRE: built instead, the reason kept */
    assert_int_equal(nsc_engine_freeze_snapshot(&mapped, e, path, 0), 0);
    assert_int_equal(mapped, 0);
    expect_in(nsc_engine_errmsg(e), msg);
    nsc_query q = NSC_QUERY_INIT;
    q.name = "Gaobin Ni";
    nsc_hits *h;
    assert_int_equal(nsc_screen(&h, e, &q, NULL), 0);
    nsc_hits_free(h);
    nsc_engine_free(e);
}

static void test_rejected(void **state)
{
    (void)state;
    nsc_engine *a = bundled();
    assert_int_equal(nsc_engine_freeze(a), 0);
    assert_int_equal(nsc_engine_write_snapshot(a, SNAP), 0);
    nsc_engine_free(a);
    long n = file_size(SNAP);
    /* stale: other lists */
    nsc_engine *o;
    assert_int_equal(nsc_engine_new(&o, NULL), 0);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = "csv";
    assert_int_equal(nsc_engine_load(o, GENERIC, &lo), 0);
    assert_int_equal(nsc_engine_freeze_snapshot(NULL, o, SNAP, NSC_SNAPSHOT_REQUIRE), NSC_ESTALE);
    expect_in(nsc_engine_errmsg(o), "stale snapshot");
    expect_in(nsc_engine_errmsg(o), "the engine has \"lists 1\"");
    nsc_engine_free(o);
    /* flipped byte in the payload */
    fx_copy(SNAP, SNAP ".flip");
    flip_byte(SNAP ".flip", n / 2);
    expect_rejected(SNAP ".flip", NSC_ECORRUPT, "checksum");
    /* truncated */
    fx_copy(SNAP, SNAP ".cut");
    assert_int_equal(truncate(SNAP ".cut", n - 4096), 0);
    expect_rejected(SNAP ".cut", NSC_ECORRUPT, "truncated");
    /* missing */
    expect_rejected(SNAP ".none", NSC_EIO, "cannot open");
    remove(SNAP);
    remove(SNAP ".flip");
    remove(SNAP ".cut");
}

/* A snapshot of another file format (a byte of the header's format version flipped). */
static void test_stale_format(void **state)
{
    (void)state;
    nsc_engine *a = bundled();
    assert_int_equal(nsc_engine_freeze(a), 0);
    assert_int_equal(nsc_engine_write_snapshot(a, SNAP), 0);
    nsc_engine_free(a);
    flip_byte(SNAP, 8); /* the format version */
    expect_rejected(SNAP, NSC_ESTALE, "stale snapshot: format");
    remove(SNAP);
}

/* A snapshot made by a library of another scoring version: the key's scoring string rewritten
 * in the file and the checksum made right again (the header: magic 8 bytes, format 4, byte
 * order 4, size 8, checksum 8, then key length, sections, table offset: 48 bytes). */
static void test_stale_scoring(void **state)
{
    (void)state;
    nsc_engine *a = bundled();
    assert_int_equal(nsc_engine_freeze(a), 0);
    assert_int_equal(nsc_engine_write_snapshot(a, SNAP), 0);
    nsc_engine_free(a);
    long n = file_size(SNAP);
    FILE *f = fopen(SNAP, "r+b");
    assert_non_null(f);
    char *buf = malloc((size_t)n);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    char *at = strstr(buf + 48, "scoring " NSC_SCORING_VERSION);
    assert_non_null(at);
    at[strlen("scoring ")] ^= 0x01; /* "ns-score-5" -> "os-score-5" */
    uint64_t sum = XXH3_64bits(buf + 48, (size_t)n - 48);
    memcpy(buf + 24, &sum, sizeof sum);
    fseek(f, 0, SEEK_SET);
    assert_int_equal(fwrite(buf, 1, (size_t)n, f), (size_t)n);
    assert_int_equal(fclose(f), 0);
    free(buf);
    expect_rejected(SNAP, NSC_ESTALE, "scoring " NSC_SCORING_VERSION "\"");
    remove(SNAP);
}

/* A snapshot whose checksum is right but whose content is not, as a faulty writer would leave
 * it: the first byte group's offset (the scalars section, fourth from the end of the section
 * table, holds the name count, the dictionary size, then the 257 offsets of the entries grouped
 * by first byte) made 1 instead of 0, the checksum made right again. Mapped as it is, a lookup
 * would read before its group. */
static void test_corrupt_offsets(void **state)
{
    (void)state;
    nsc_engine *a = bundled();
    assert_int_equal(nsc_engine_freeze(a), 0);
    assert_int_equal(nsc_engine_write_snapshot(a, SNAP), 0);
    nsc_engine_free(a);
    long n = file_size(SNAP);
    FILE *f = fopen(SNAP, "r+b");
    assert_non_null(f);
    char *buf = malloc((size_t)n);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    uint32_t n_sections;
    uint64_t table_off, scalars_off;
    memcpy(&n_sections, buf + 36, sizeof n_sections);
    memcpy(&table_off, buf + 40, sizeof table_off);
    assert_true(n_sections > 4);
    memcpy(&scalars_off, buf + table_off + (size_t)(n_sections - 4) * 24, sizeof scalars_off);
    uint32_t first_off0;
    memcpy(&first_off0, buf + scalars_off + 16, sizeof first_off0);
    assert_int_equal(first_off0, 0);
    first_off0 = 1;
    memcpy(buf + scalars_off + 16, &first_off0, sizeof first_off0);
    uint64_t sum = XXH3_64bits(buf + 48, (size_t)n - 48);
    memcpy(buf + 24, &sum, sizeof sum);
    fseek(f, 0, SEEK_SET);
    assert_int_equal(fwrite(buf, 1, (size_t)n, f), (size_t)n);
    assert_int_equal(fclose(f), 0);
    free(buf);
    expect_rejected(SNAP, NSC_ECORRUPT, "an offset table does not rise");
    remove(SNAP);
}

static void test_lists_dir(void **state)
{
    (void)state;
    char root[64], v1[64], v2[64], path[1024], want[1024];
    fx_root(root);
    fx_version(v1, root, "mini", "csv", NSC_TEST_DATA "/cli/mini_list.csv", "mini.csv",
               "2026-01-10", "2026-01-10T08:00:00Z", 1);
    fx_version(v2, root, "un", "un", NSC_TEST_DATA "/un/small.xml", "c.xml", "",
               "2026-01-11T08:00:00Z", 1);
    nsc_engine *a, *b;
    assert_int_equal(nsc_engine_new(&a, NULL), 0);
    assert_int_equal(nsc_engine_load_dir(a, root), 0);
    assert_int_equal(nsc_engine_snapshot_path(path, sizeof path, a), 0);
    snprintf(want, sizeof want, "%s/un/%s/index-", root, v2); /* fetched last */
    expect_in(path, want);
    int mapped = -1;
    assert_int_equal(nsc_engine_freeze_snapshot(&mapped, a, NULL, 0), 0); /* none yet: built */
    assert_int_equal(mapped, 0);
    assert_int_equal(nsc_engine_write_snapshot(a, NULL), 0);
    assert_int_equal(nsc_engine_new(&b, NULL), 0);
    assert_int_equal(nsc_engine_load_dir(b, root), 0);
    assert_int_equal(nsc_engine_freeze_snapshot(&mapped, b, NULL, NSC_SNAPSHOT_REQUIRE), 0);
    assert_int_equal(mapped, 1);
    nsc_query q = NSC_QUERY_INIT;
    q.name = "Ivan Primerov";
    nsc_hits *ha, *hb;
    assert_int_equal(nsc_screen(&ha, a, &q, NULL), 0);
    assert_int_equal(nsc_screen(&hb, b, &q, NULL), 0);
    assert_int_equal(nsc_hits_count(ha), nsc_hits_count(hb));
    nsc_hits_free(ha);
    nsc_hits_free(hb);
    nsc_engine_free(a);
    nsc_engine_free(b);
    /* a list loaded by path has no default */
    assert_int_equal(nsc_engine_new(&a, NULL), 0);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = "csv";
    assert_int_equal(nsc_engine_load(a, GENERIC, &lo), 0);
    assert_int_equal(nsc_engine_snapshot_path(path, sizeof path, a), NSC_ENOTFOUND);
    assert_int_equal(nsc_engine_freeze_snapshot(NULL, a, NULL, NSC_SNAPSHOT_REQUIRE),
                     NSC_ENOTFOUND);
    nsc_engine_free(a);
    fx_rm(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),      cmocka_unit_test(test_rejected),
        cmocka_unit_test(test_stale_format),    cmocka_unit_test(test_stale_scoring),
        cmocka_unit_test(test_corrupt_offsets), cmocka_unit_test(test_lists_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
