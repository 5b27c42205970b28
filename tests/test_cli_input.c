/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_cli_input.c: the streaming reader of `namescreen screen` (cli/input.c, linked in
 * directly) through its own API, as the screening pipeline uses it: records with their rows and
 * lines, the delimiter and encoding it used, the SHA-256 and size of the raw (gzip) bytes, bad
 * rows counted, the columns resolved, and a heap that does not grow with the number of rows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <malloc.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "input.h"

static char tmpdir[] = "/tmp/nsc_test_cli_input_XXXXXX";

static const char *tmp_path(const char *name)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
    return buf;
}

static void sha256_file(char hex[65], long long *size, const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    unsigned char buf[4096], d[SHA256_DIGEST_SIZE];
    size_t n;
    *size = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        sha256_update(&ctx, n, buf);
        *size += (long long)n;
    }
    fclose(f);
    sha256_digest(&ctx, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++) snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) && chdir(tmpdir) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return chdir("/") == 0 && system(cmd) == 0 ? 0 : -1;
}

static void test_records_and_digest(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s", tmp_path("in.csv.gz"));
    gzFile g = gzopen(path, "wb");
    assert_non_null(g);
    gzputs(g, "\xef\xbb\xbfid;name;dob\r\n1;\"Doe;\r\nJohn\";1968\r\n\r\n2;Roe;\r\n");
    assert_int_equal(gzclose(g), Z_OK);
    cli_input_opts o = { path, 0, 0, NULL, 0, NULL };
    cli_input *in;
    assert_int_equal(cli_input_open(&in, &o), 0);
    assert_int_equal(cli_input_delimiter(in), ';');
    assert_string_equal(cli_input_encoding(in), "utf-8");
    assert_true(cli_input_has_header(in));
    assert_int_equal(cli_input_ncols(in), 3);
    assert_string_equal(cli_input_colname(in, 0), "id"); /* no BOM */
    assert_null(cli_input_colname(in, 3));
    assert_int_equal(cli_input_column(in, "NAME"), 1);
    assert_int_equal(cli_input_column(in, "country"), -1);
    cli_record rec;
    assert_int_equal(cli_input_next(in, &rec), 1);
    assert_int_equal(rec.row, 1);
    assert_int_equal(rec.line, 2);
    assert_int_equal(rec.n, 3);
    assert_string_equal(rec.f[1], "Doe;\r\nJohn");
    assert_string_equal(rec.f[2], "1968");
    assert_int_equal(cli_input_next(in, &rec), 1);
    assert_int_equal(rec.row, 2);
    assert_int_equal(rec.line, 5); /* after the quoted line break and a blank line */
    assert_string_equal(rec.f[0], "2");
    assert_string_equal(rec.f[2], "");
    assert_int_equal(cli_input_next(in, &rec), 0);
    assert_int_equal(cli_input_next(in, &rec), 0);
    assert_int_equal(cli_input_rows_read(in), 2);
    assert_int_equal(cli_input_rows_skipped(in), 0);
    assert_null(cli_input_reject_path(in));
    char got[65], want[65];
    long long got_size, want_size;
    cli_input_digest(in, got, &got_size);
    sha256_file(want, &want_size, path);
    assert_string_equal(got, want); /* of the compressed bytes, as the file is */
    assert_int_equal(got_size, want_size);
    cli_input_close(in);
    cli_input_close(NULL);
}

/* The delimiter of a quoted header, and header names with blanks around them. */
static void test_quoted_header_detected(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int delim;
    } cases[] = {
        { "\"id\";\"name\";\"dob\"\n1;\"a,b\";x\n", ';' },
        { "\"id\",\"name\",\"dob\"\n1,\"a;b\",x\n", ',' },
        { "\"id\"\t\"name, first\"\t\"dob\"\n1\t\"a;b\"\tx\n", '\t' },
        { "id | name | dob\n1 | a;b | x\n", '|' },
        { "id, name, dob\n1, a;b, x\n", ',' },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s", tmp_path("quoted.csv"));
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(cases[i].text, f);
        fclose(f);
        cli_input_opts o = { path, 0, 0, NULL, 0, NULL };
        cli_input *in;
        assert_int_equal(cli_input_open(&in, &o), 0);
        print_message("case %zu: delimiter %d\n", i, cli_input_delimiter(in));
        assert_int_equal(cli_input_delimiter(in), cases[i].delim);
        assert_int_equal(cli_input_ncols(in), 3);
        assert_int_equal(cli_input_column(in, "name") >= 0 || i == 2, 1);
        assert_int_equal(cli_input_column(in, "dob"), 2);
        cli_record rec;
        assert_int_equal(cli_input_next(in, &rec), 1);
        assert_non_null(strstr(rec.f[1], i == 0 ? "a,b" : "a;b"));
        assert_int_equal(cli_input_next(in, &rec), 0);
        cli_input_close(in);
    }
}

static void test_bad_rows_counted(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s", tmp_path("bad.csv"));
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("name,type\nA,person\nB\nC,\"x\"y\nD,vessel,\nE,dragon\n", f);
    fclose(f);
    char rej[600];
    snprintf(rej, sizeof rej, "%s", tmp_path("rej.csv"));
    cli_input_opts o = { path, ',', 0, NULL, 1, rej };
    cli_input *in;
    assert_int_equal(cli_input_open(&in, &o), 0);
    cli_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.type_column = "type";
    cli_columns c;
    assert_int_equal(cli_columns_resolve(&c, in, &opts), 0);
    assert_int_equal(c.name, 0);
    assert_int_equal(c.type, 1);
    assert_int_equal(c.dob, -1);
    cli_record rec;
    long rows[8], n = 0;
    while (cli_input_next(in, &rec) == 1) {
        nsc_query q;
        char iso[11];
        cli_date_note note;
        if (cli_record_query(&q, iso, &note, &rec, &c, CLI_DATES_AUTO) == CLI_RECORD_BAD_TYPE) {
            assert_int_equal(cli_input_bad_row(in, &rec, "unknown type"), 0);
            continue;
        }
        rows[n++] = rec.row;
    }
    assert_int_equal(n, 2);
    assert_int_equal(rows[0], 1); /* A */
    assert_int_equal(rows[1], 4); /* D, its trailing comma dropped */
    assert_int_equal(cli_input_rows_read(in), 5);
    assert_int_equal(cli_input_rows_skipped(in), 3);
    assert_string_equal(cli_input_reject_path(in), rej);
    cli_input_close(in);
}

/* A data row per line, of a few distinct names. */
static void write_rows(const char *path, long nrows)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("id,name,dob,country\n", f);
    for (long i = 0; i < nrows; i++)
        fprintf(f, "C%07ld,\"Name %ld, Person\",19%02ld-01-%02ld,GB\n", i, i, i % 100, i % 28 + 1);
    fclose(f);
}

/* The heap in use after reading every row, less the heap after opening: the reader keeps one
 * record, whatever the size of the file. */
static long heap_growth(const char *path)
{
    cli_input_opts o = { path, 0, 0, NULL, 0, NULL };
    cli_input *in;
    assert_int_equal(cli_input_open(&in, &o), 0);
    size_t before = mallinfo2().uordblks;
    cli_record rec;
    long rows = 0;
    while (cli_input_next(in, &rec) == 1) rows++;
    size_t after = mallinfo2().uordblks;
    assert_int_equal(rows, cli_input_rows_read(in));
    cli_input_close(in);
    return (long)after - (long)before;
}

static void test_bounded_memory(void **state)
{
    (void)state;
    write_rows(tmp_path("small.csv"), 1000);
    write_rows(tmp_path("large.csv"), 200000);
    long small = heap_growth(tmp_path("small.csv")), large = heap_growth(tmp_path("large.csv"));
    print_message("heap growth: 1,000 rows %ld bytes, 200,000 rows %ld bytes\n", small, large);
    assert_true(large < 64 * 1024);
    assert_true(large <= small + 4096);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_and_digest),
        cmocka_unit_test(test_quoted_header_detected),
        cmocka_unit_test(test_bad_rows_counted),
        cmocka_unit_test(test_bounded_memory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
