/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_csv.c: the RFC 4180 reader, table-driven through the public nsc_csv_* API (quotes,
 * embedded newlines, CRLF, BOM, DOS end-of-file byte, errors with their line), plus the
 * internal csvbuf options (lenient quotes, other delimiters, header lookup) and a speed check.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api/engine.h"
#include "formats/format.h"
#include "formats/parsers.h"
#include "model/country.h"
#include "model/date.h"
#include "model/list.h"
#include "util/csvrec.h"
#include "util/mem.h"
#include "namescreen.h"
#include "namescreen/csv.h"

/* Writes `len` bytes to a new temporary file; returns its path (static buffer per call). */
static const char *temp_file(char path[64], const char *data, size_t len)
{
    snprintf(path, 64, "/tmp/nsc_test_csv_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (long)len);
    close(fd);
    return path;
}

/* Renders every record as "[f1][f2]\n"; stops at the first error and returns its code. */
static int render(nsc_csv *csv, char *out, size_t cap)
{
    size_t used = 0;
    int rc;
    out[0] = '\0';
    while ((rc = nsc_csv_next(csv)) == 1) {
        for (size_t i = 0; i < nsc_csv_nfields(csv); i++) {
            size_t len;
            const char *f = nsc_csv_field(csv, i, &len);
            assert_non_null(f);
            assert_int_equal(strlen(f), len); /* NUL-terminated, no embedded NUL */
            used += (size_t)snprintf(out + used, cap - used, "[%s]", f);
        }
        used += (size_t)snprintf(out + used, cap - used, "\n");
        assert_true(used < cap);
    }
    return rc;
}

typedef struct csv_case {
    const char *what;
    const char *input;
    size_t len;       /* 0 = strlen(input) */
    const char *want; /* rendered records, up to the error */
    int rc;           /* 0, or the error code */
    const char *err;  /* expected nsc_csv_error() text when rc != 0 */
} csv_case;

static const csv_case cases[] = {
    { "plain", "a,b,c\n1,2,3\n", 0, "[a][b][c]\n[1][2][3]\n", 0, NULL },
    { "no final newline", "a,b\nc,d", 0, "[a][b]\n[c][d]\n", 0, NULL },
    { "empty fields", ",a,,\n", 0, "[][a][][]\n", 0, NULL },
    { "quoted comma", "\"Smith, John\",x\n", 0, "[Smith, John][x]\n", 0, NULL },
    { "doubled quotes", "\"say \"\"hi\"\"\",\"\"\"\"\n", 0, "[say \"hi\"][\"]\n", 0, NULL },
    { "empty quoted", "\"\",b\n", 0, "[][b]\n", 0, NULL },
    { "embedded newline", "1,\"line one\nline two\"\n2,x\n", 0, "[1][line one\nline two]\n[2][x]\n",
      0, NULL },
    { "embedded CRLF kept", "\"a\r\nb\"\r\n", 0, "[a\r\nb]\n", 0, NULL },
    { "CRLF", "a,b\r\nc,d\r\n", 0, "[a][b]\n[c][d]\n", 0, NULL },
    { "mixed CRLF and LF", "a\r\nb\nc\r\n", 0, "[a]\n[b]\n[c]\n", 0, NULL },
    { "bare CR inside a field is data", "a\rb,c\n", 0, "[a\rb][c]\n", 0, NULL },
    { "BOM", "\xEF\xBB\xBFid,name\n1,x\n", 0, "[id][name]\n[1][x]\n", 0, NULL },
    { "BOM before a quote", "\xEF\xBB\xBF\"id\",name\n", 0, "[id][name]\n", 0, NULL },
    { "DOS end-of-file byte", "a,b\r\n\x1A", 0, "[a][b]\n", 0, NULL },
    { "DOS end-of-file byte after last field", "a,\"b\"\x1A", 0, "[a][b]\n", 0, NULL },
    { "blank lines skipped", "\n\na\n\r\n\nb\n\n", 0, "[a]\n[b]\n", 0, NULL },
    { "UTF-8 text", "Ni Gaobin,倪高彬\n", 0, "[Ni Gaobin][倪高彬]\n", 0, NULL },
    { "empty input", "", 0, "", 0, NULL },
    { "unterminated quote", "a\nb,\"open\nmore\nstill\n", 0, "[a]\n", NSC_EFORMAT,
      "line 2: unterminated quoted field (opened on line 2)" },
    { "unterminated quote later in a record", "x,y\n\"one\ntwo\",\"three\nfour\n", 0, "[x][y]\n",
      NSC_EFORMAT, "line 3: unterminated quoted field (opened on line 3)" },
    { "text after a closing quote", "a\n\"b\"c,d\n", 0, "[a]\n", NSC_EFORMAT,
      "line 2: text after a closing quote" },
    { "quote inside an unquoted field", "ab\"c,d\n", 0, "", NSC_EFORMAT,
      "line 1: quote inside an unquoted field" },
    { "NUL byte", "a,b\nc,d\0e\n", 10, "[a][b]\n", NSC_EFORMAT, "line 2: NUL byte in field" },
    { "NUL byte in a quoted field", "\"a\0\"\n", 5, "", NSC_EFORMAT, "line 1: NUL byte in field" },
    { "invalid UTF-8", "ok\nfine,bad\xC3\x28x\n", 0, "[ok]\n", NSC_EENCODING,
      "line 2: invalid UTF-8 in field 2" },
    { "overlong UTF-8", "\xC0\xAF\n", 0, "", NSC_EENCODING, "line 1: invalid UTF-8 in field 1" },
    { "truncated UTF-8 at the end", "a,\xE4\xBD\n", 0, "", NSC_EENCODING,
      "line 1: invalid UTF-8 in field 2" },
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const csv_case *t = &cases[i];
        char path[64], got[1024];
        size_t len = t->len ? t->len : strlen(t->input);
        temp_file(path, t->input, len);
        nsc_csv *csv = NULL;
        assert_int_equal(nsc_csv_open(&csv, path, ','), 0);
        int rc = render(csv, got, sizeof got);
        if (strcmp(got, t->want) != 0 || rc != t->rc ||
            (t->err && strcmp(nsc_csv_error(csv), t->err) != 0))
            fail_msg("case '%s': got records \"%s\" rc %d error \"%s\"", t->what, got, rc,
                     nsc_csv_error(csv));
        if (rc != 0) /* errors are sticky */
            assert_int_equal(nsc_csv_next(csv), rc);
        else
            assert_int_equal(nsc_csv_next(csv), 0);
        nsc_csv_close(csv);
        unlink(path);
    }
}

static void test_line_numbers(void **state)
{
    (void)state;
    char path[64];
    const char *in = "h1,h2\n\"multi\nline\",x\n\nlast,y\n";
    temp_file(path, in, strlen(in));
    nsc_csv *csv;
    assert_int_equal(nsc_csv_open(&csv, path, ','), 0);
    long want[] = { 1, 2, 5 };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(nsc_csv_next(csv), 1);
        assert_int_equal(nsc_csv_line(csv), want[i]);
    }
    assert_int_equal(nsc_csv_next(csv), 0);
    assert_null(nsc_csv_field(csv, 5, NULL));
    nsc_csv_close(csv);
    unlink(path);
}

static void test_delimiter(void **state)
{
    (void)state;
    char path[64], got[256];
    const char *in = "a;\"b;c\";d\n";
    temp_file(path, in, strlen(in));
    nsc_csv *csv;
    assert_int_equal(nsc_csv_open(&csv, path, ';'), 0);
    assert_int_equal(render(csv, got, sizeof got), 0);
    assert_string_equal(got, "[a][b;c][d]\n");
    nsc_csv_close(csv);
    assert_int_equal(nsc_csv_open(&csv, path, '"'), NSC_EINVAL);
    assert_null(csv);
    unlink(path);
}

static void test_open_errors(void **state)
{
    (void)state;
    nsc_csv *csv = (nsc_csv *)1;
    assert_int_equal(nsc_csv_open(&csv, "/nonexistent/nsc/file.csv", ','), NSC_EIO);
    assert_null(csv);
    assert_int_equal(nsc_csv_open(&csv, "/tmp", ','), NSC_EIO);
    assert_int_equal(errno, EISDIR);
    assert_null(csv);
    assert_int_equal(nsc_csv_open(&csv, NULL, ','), NSC_EINVAL);
    nsc_csv_close(NULL);
    assert_string_equal(nsc_csv_error(NULL), "");
}

static void test_stdin(void **state)
{
    (void)state;
    char path[64], got[256];
    const char *in = "x,\"y\"\r\n";
    temp_file(path, in, strlen(in));
    assert_non_null(freopen(path, "rb", stdin));
    nsc_csv *csv;
    assert_int_equal(nsc_csv_open(&csv, "-", ','), 0);
    assert_int_equal(render(csv, got, sizeof got), 0);
    assert_string_equal(got, "[x][y]\n");
    nsc_csv_close(csv);
    unlink(path);
}

/* A real file with everything mixed: tests/data/csv/mixed.csv. */
static void test_fixture(void **state)
{
    (void)state;
    char got[1024];
    nsc_csv *csv;
    assert_int_equal(nsc_csv_open(&csv, NSC_TEST_DATA "/csv/mixed.csv", ','), 0);
    assert_int_equal(render(csv, got, sizeof got), 0);
    assert_string_equal(got, "[id][name][remarks]\n"
                             "[1][Smith, John][said \"no\"\non two lines]\n"
                             "[2][Ni Gaobin 倪高彬][]\n"
                             "[3][][last]\n");
    nsc_csv_close(csv);
}

/* ---- internal csvbuf ------------------------------------------------------------------------ */

static void test_lenient(void **state)
{
    (void)state;
    const char *in = "1,O\"Brien,x\n2,\"quoted\"tail,y\n";
    nsc__csvbuf c;
    nsc__csvbuf_init(&c, nsc__mem_default(), in, strlen(in), ',');
    assert_int_equal(nsc__csvbuf_next(&c), NSC_EFORMAT);
    assert_int_equal(c.line, 1);
    nsc__csvbuf_free(&c);

    nsc__csvbuf_init(&c, nsc__mem_default(), in, strlen(in), ',');
    c.lenient_quotes = 1;
    assert_int_equal(nsc__csvbuf_next(&c), 1);
    assert_int_equal(c.nfields, 3);
    assert_string_equal(nsc__csvbuf_field(&c, 1, NULL), "O\"Brien");
    assert_int_equal(nsc__csvbuf_next(&c), 1);
    assert_string_equal(nsc__csvbuf_field(&c, 1, NULL), "quoted\"tail");
    assert_string_equal(nsc__csvbuf_field(&c, 2, NULL), "y");
    assert_int_equal(nsc__csvbuf_next(&c), 0);
    nsc__csvbuf_free(&c);
}

static void test_column(void **state)
{
    (void)state;
    const char *in = "Unique ID , name,Name 6\n";
    nsc__csvbuf c;
    nsc__csvbuf_init(&c, nsc__mem_default(), in, strlen(in), ',');
    assert_int_equal(nsc__csvbuf_next(&c), 1);
    assert_int_equal(nsc__csvbuf_column(&c, "unique id"), 0);
    assert_int_equal(nsc__csvbuf_column(&c, "NAME"), 1);
    assert_int_equal(nsc__csvbuf_column(&c, " Name 6 "), 2);
    assert_int_equal(nsc__csvbuf_column(&c, "Name 1"), -1);
    nsc__csvbuf_free(&c);
}

/* Counts the allocations made through it. */
static size_t allocations;

static void *count_malloc(void *ctx, size_t n)
{
    (void)ctx;
    allocations++;
    return malloc(n);
}

static void *count_realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    allocations++;
    return realloc(p, n);
}

static void count_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

/* 4 MB of OFAC-like records read completely, with allocations for the first record only, none
 * per record or field: the reader's speed rests on it (the speed itself shows in the load time
 * that bench/ measures; tests time nothing). */
static void test_large_buffer(void **state)
{
    (void)state;
    const char *rec = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,"
                      "-0- ,-0- ,\"a.k.a. 'BNC', remarks, \"\"quoted\"\"\"\r\n";
    size_t rl = strlen(rec), n = (4u << 20) / rl;
    char *buf = malloc(n * rl);
    assert_non_null(buf);
    for (size_t i = 0; i < n; i++) memcpy(buf + i * rl, rec, rl);
    nsc__mem mem;
    nsc_allocator counting = { count_malloc, count_realloc, count_free, NULL };
    nsc__mem_from(&mem, &counting);
    nsc__csvbuf c;
    nsc__csvbuf_init(&c, &mem, buf, n * rl, ',');
    allocations = 0;
    size_t records = 0, fields = 0, after_first = 0;
    int rc;
    while ((rc = nsc__csvbuf_next(&c)) == 1) {
        if (++records == 1) after_first = allocations;
        fields += c.nfields;
        assert_string_equal(nsc__csvbuf_field(&c, 11, NULL), "a.k.a. 'BNC', remarks, \"quoted\"");
    }
    assert_int_equal(rc, 0);
    assert_int_equal(records, n);
    assert_int_equal(fields, n * 12);
    assert_true(n > 30000);
    assert_true(after_first > 0);               /* the counter sees the reader's allocations */
    assert_int_equal(allocations, after_first); /* and there are none after the first record */
    nsc__csvbuf_free(&c);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),        cmocka_unit_test(test_line_numbers),
        cmocka_unit_test(test_delimiter),    cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_stdin),        cmocka_unit_test(test_fixture),
        cmocka_unit_test(test_lenient),      cmocka_unit_test(test_column),
        cmocka_unit_test(test_large_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
