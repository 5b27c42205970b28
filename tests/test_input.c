/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_input.c: the input side of `namescreen screen`, through the built tool (NSC_CLI) as a user
 * runs it: detected delimiters, --no-header, a BOM with CRLF, gzip (written here with zlib) from
 * a file and from standard input, Latin-1 and Windows-1252 files, given and family name columns,
 * id and type columns, dates of birth under --date-format, and bad rows: fatal by default,
 * written to the reject file and counted with --skip-bad-rows. Fixtures: tests/data/input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "cli_run.h"

extern char **environ;

#define IN NSC_TEST_DATA "/input"
#define MINI "csv:" NSC_TEST_DATA "/cli/mini_list.csv"
#define ENC_LIST "csv:" IN "/enc_list.csv"
/* The bundled OFAC SDN snapshot alone: quicker than every bundled list, and no staleness
 * warnings on standard error. */
#define SDN "ofac:" NSC_LISTS_DIR "/ofac-sdn/2024-05-03_b29c8d60c3a5/sdn.csv"

static char tmpdir[] = "/tmp/nsc_test_input_XXXXXX";

/* Runs the tool with args (NULL-terminated) in the test's working directory (tmpdir), standard
 * input from stdin_path (NULL: /dev/null), without the user's lists directory. */
static void run_in(run_result *r, const char *stdin_path, const char *const *args)
{
    run_prog(r, NSC_CLI, NULL, stdin_path, args);
}

#define RUN(r, ...) run_in((r), NULL, (const char *const[]){ __VA_ARGS__, NULL })
#define RUN_STDIN(r, path, ...) run_in((r), (path), (const char *const[]){ __VA_ARGS__, NULL })

static void expect_not_in(const run_result *r, const char *hay, const char *needle)
{
    if (strstr(hay, needle) != NULL) {
        print_message("expected not to find: %s\n", needle);
        show(r);
    }
    assert_null(strstr(hay, needle));
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

static char *tmp_path(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
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

/* ---------------------------------------------------------------------------------------------
 * Delimiters, header, BOM, line ends
 * ------------------------------------------------------------------------------------------- */

static void test_delimiters_detected(void **state)
{
    (void)state;
    static const char *const files[] = { IN "/semicolon.csv", IN "/tab.tsv", IN "/pipe.csv" };
    for (size_t i = 0; i < 3; i++) {
        print_message("%s\n", files[i]);
        run_result r;
        RUN(&r, "screen", "--list", MINI, files[i]);
        expect_status(&r, 1);
        expect_contains(&r, r.out, ",1,Ivan Ivanovich Petrovsky,1.0000,mini_list,M3,");
        run_free(&r);
    }
    run_result r;
    /* a quoted ';' is data, not a delimiter */
    RUN(&r, "screen", "--list", MINI, IN "/semicolon.csv");
    expect_contains(&r, r.out, "\n2,,2,Doe; John,");
    run_free(&r);
    /* the tab file's other candidates (',' ';') stay inside its note field */
    RUN(&r, "screen", "--list", MINI, IN "/tab.tsv");
    expect_contains(&r, r.out, "\n1,\"a,b;c\",1,");
    run_free(&r);
    /* given, as '\t' and as tab, and as ';' */
    RUN(&r, "screen", "--list", MINI, "--delimiter", "\\t", IN "/tab.tsv");
    expect_status(&r, 1);
    run_free(&r);
    RUN(&r, "screen", "--list", MINI, "--delimiter", "tab", IN "/tab.tsv");
    expect_status(&r, 1);
    run_free(&r);
    RUN(&r, "screen", "--list", MINI, "--delimiter", "#", IN "/tab.tsv");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "unknown --delimiter '#'");
    run_free(&r);
}

static void test_one_column_header_hints_delimiter(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "screen", "--list", MINI, "--delimiter", ",", IN "/semicolon.csv");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "no column 'name'");
    expect_contains(&r, r.err, "the header has: 'id;name;dob'");
    expect_contains(&r, r.err, "give --delimiter ';'");
    assert_string_equal(r.out, "");
    run_free(&r);
    RUN(&r, "screen", "--list", MINI, "--delimiter", ",", IN "/tab.tsv");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "give --delimiter '\\t'");
    run_free(&r);
}

static void test_no_header(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "screen", "--list", MINI, "--no-header", "--column", "2", "--dob-column", "3",
        IN "/noheader.csv");
    expect_status(&r, 1);
    /* the pass-through columns are named 1 and 3; the first line is data row 1 */
    expect_contains(&r, r.out, "1,3,row,query,score,");
    expect_contains(&r, r.out, "\n7,1965-05-05,1,Ivan Ivanovich Petrovsky,1.0000,mini_list,M3,");
    assert_int_equal(count_lines(r.out), 2);
    run_free(&r);
    /* without --column the default 'name' is missing, and the positional names are listed */
    RUN(&r, "screen", "--list", MINI, "--no-header", IN "/noheader.csv");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "the header has: '1', '2', '3'");
    run_free(&r);
}

static void test_bom_crlf(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "screen", "--list", MINI, IN "/bom_crlf.csv");
    expect_status(&r, 1);
    /* the BOM is not part of the first column's name; CR is not part of the last field */
    assert_true(strncmp(r.out, "country,row,query,", 18) == 0);
    expect_contains(&r, r.out, "\nRU,1,Ivan Ivanovich Petrovsky,1.0000,");
    /* the quoted field keeps its CRLF, and the row after it is row 2 */
    expect_contains(&r, r.out, "\nGB,2,\"ACME Trading\r\nCompany Limited\",1.0000,mini_list,M1,");
    run_free(&r);
}

/* ---------------------------------------------------------------------------------------------
 * gzip and standard input
 * ------------------------------------------------------------------------------------------- */

static void write_gz(const char *path, const char *text)
{
    gzFile g = gzopen(path, "wb");
    assert_non_null(g);
    assert_int_equal(gzputs(g, text), (int)strlen(text));
    assert_int_equal(gzclose(g), Z_OK);
}

static void test_gzip_and_stdin(void **state)
{
    (void)state; /* one --run-id: by default the run id holds the input's raw SHA-256 */
    const char *text = "id,name\n1,Ivan Ivanovich Petrovsky\n2,Nobody Known\n";
    write_gz(tmp_path("in.csv.gz"), text);
    write_gz(tmp_path("packed.dat"), text); /* gzip by its magic bytes alone */
    FILE *f = fopen(tmp_path("plain.csv"), "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    run_result plain, r;
    RUN(&plain, "screen", "--run-id", "gz", "--list", MINI, tmp_path("plain.csv"));
    expect_status(&plain, 1);
    expect_contains(&plain, plain.out, "\n1,1,Ivan Ivanovich Petrovsky,1.0000,mini_list,M3,");
    static const char *const names[] = { "in.csv.gz", "packed.dat" };
    for (size_t i = 0; i < 2; i++) {
        RUN(&r, "screen", "--run-id", "gz", "--list", MINI, tmp_path(names[i]));
        expect_status(&r, 1);
        assert_string_equal(r.out, plain.out);
        run_free(&r);
    }
    RUN_STDIN(&r, tmp_path("in.csv.gz"), "screen", "--run-id", "gz", "--list", MINI, "-");
    expect_status(&r, 1);
    assert_string_equal(r.out, plain.out);
    run_free(&r);
    RUN_STDIN(&r, tmp_path("plain.csv"), "screen", "--run-id", "gz", "--list", MINI);
    expect_status(&r, 1);
    assert_string_equal(r.out, plain.out);
    run_free(&r);
    /* a truncated gzip file is an error, not a short input */
    char *gz = slurp(tmp_path("in.csv.gz"));
    struct stat st;
    assert_int_equal(stat(tmp_path("in.csv.gz"), &st), 0);
    f = fopen(tmp_path("cut.csv.gz"), "wb");
    assert_non_null(f);
    fwrite(gz, 1, (size_t)st.st_size - 8, f);
    fclose(f);
    free(gz);
    RUN(&r, "screen", "--list", MINI, tmp_path("cut.csv.gz"));
    expect_status(&r, 2);
    expect_contains(&r, r.err, "gzip");
    run_free(&r);
    run_free(&plain);
}

/* ---------------------------------------------------------------------------------------------
 * Encodings
 * ------------------------------------------------------------------------------------------- */

static void test_cp1252(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "screen", "--list", ENC_LIST, "--input-encoding", "cp1252", IN "/cp1252.csv");
    expect_status(&r, 1);
    /* é ñ €, and U+2018 LEFT SINGLE QUOTATION MARK, in UTF-8 */
    expect_contains(&r, r.out,
                    "\n100 \xe2\x82\xac,1,Jos\xc3\xa9 Ram\xc3\xb3n Pe\xc3\xb1"
                    "a,1.0000,enc_list,E1,");
    expect_contains(&r, r.out,
                    "\n\xe2\x80\x98quoted\xe2\x80\x99,2,Se\xc3\xa1n O\xe2\x80\x98"
                    "Briain,");
    expect_contains(&r, r.out, ",enc_list,E2,");
    run_free(&r);
    RUN(&r, "screen", "--list", ENC_LIST, IN "/cp1252.csv");
    expect_status(&r, 2);
    /* "name,note\n" is 10 bytes, "Jos" 3: the é is byte 13 */
    expect_contains(&r, r.err, "cp1252.csv line 2 (data row 1): invalid UTF-8 at byte offset 13");
    expect_contains(&r, r.err, "--input-encoding");
    assert_string_equal(r.out, "");
    run_free(&r);
}

static void test_latin1(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "screen", "--list", ENC_LIST, "--input-encoding", "latin1", IN "/latin1.csv");
    expect_status(&r, 1);
    expect_contains(&r, r.out,
                    "\nGr\xc3\xb6\xc3\x9f"
                    "e,1,Jos\xc3\xa9 Ram\xc3\xb3n Pe\xc3\xb1"
                    "a,1.0000,enc_list,E1,");
    run_free(&r);
    RUN(&r, "screen", "--list", ENC_LIST, IN "/latin1.csv");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "latin1.csv line 2 (data row 1): invalid UTF-8 at byte offset 13");
    run_free(&r);
    RUN(&r, "screen", "--list", ENC_LIST, "--input-encoding", "ebcdic", IN "/latin1.csv");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "unknown --input-encoding 'ebcdic'");
    run_free(&r);
}

/* ---------------------------------------------------------------------------------------------
 * Columns
 * ------------------------------------------------------------------------------------------- */

static void test_given_family(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "screen", "--list", SDN, "--given-column", "given", "--family-column", "family",
        "--id-column", "cid", IN "/given_family.csv");
    expect_status(&r, 1);
    expect_contains(&r, r.out, "\nK1,Gaobin,Ni,1,Gaobin Ni,");
    expect_contains(&r, r.out, ",ofac-sdn,47818,person,\"NI, Gaobin\",");
    run_free(&r);
    RUN(&r, "screen", "--list", SDN, "--given-column", "first", "--family-column", "family",
        IN "/given_family.csv");
    expect_status(&r, 2);
    expect_contains(&r, r.err,
                    "no column 'first' (--given-column); the header has: 'cid', 'given', "
                    "'family'");
    run_free(&r);
    RUN(&r, "screen", "--list", SDN, "--column", "given", "--family-column", "family",
        IN "/given_family.csv");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "not both");
    run_free(&r);
}

static void test_id_column(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "screen", "--list", MINI, "--id-column", "id", IN "/semicolon.csv");
    expect_status(&r, 1);
    run_free(&r);
    RUN(&r, "screen", "--list", MINI, "--id-column", "key", IN "/semicolon.csv");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "no column 'key' (--id-column)");
    run_free(&r);
}

static void test_type_column(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "screen", "--list", MINI, "--type-column", "type", IN "/types.csv");
    expect_status(&r, 1);
    /* M3 is a person: the organization row does not hit it, the empty type is any */
    expect_not_in(&r, r.out, "\n1,organization,1,");
    expect_contains(&r, r.out, "\n2,person,2,Ivan Ivanovich Petrovsky,1.0000,mini_list,M3,");
    expect_contains(&r, r.out, "\n3,,3,Ivan Ivanovich Petrovsky,1.0000,mini_list,M3,");
    run_free(&r);
    /* without --type-column the type is a pass-through column and row 1 hits */
    RUN(&r, "screen", "--list", MINI, IN "/types.csv");
    expect_contains(&r, r.out, "\n1,organization,1,Ivan Ivanovich Petrovsky,1.0000,");
    run_free(&r);
    RUN(&r, "screen", "--list", MINI, "--type-column", "type", IN "/bad_type.csv");
    expect_status(&r, 2);
    expect_contains(&r, r.err,
                    "bad_type.csv line 3 (data row 2): unknown entity type 'dragon' in "
                    "column 'type'");
    expect_contains(&r, r.err, "incomplete after data row 1"); /* row 1 was streamed */
    run_free(&r);
    RUN(&r, "screen", "--list", MINI, "--type-column", "type", "--skip-bad-rows", "--reject-file",
        "types.rejects.csv", IN "/bad_type.csv");
    expect_status(&r, 5); /* 1 (hits) + 4 (a row was set aside) */
    expect_contains(&r, r.out, "\n1,person,1,Ivan Ivanovich Petrovsky,");
    expect_not_in(&r, r.out, "dragon");
    char *rej = slurp(tmp_path("types.rejects.csv"));
    assert_non_null(rej);
    expect_contains(&r, rej,
                    "row,line,reason,raw\n2,3,\"unknown entity type 'dragon' in column 'type'");
    expect_contains(&r, rej, ",\"2,Ivan Ivanovich Petrovsky,dragon\"\n");
    free(rej);
    run_free(&r);
}

/* ---------------------------------------------------------------------------------------------
 * Dates of birth
 * ------------------------------------------------------------------------------------------- */

/* The score of the first ofac-sdn 24283 hit in CSV output, or -1. */
static double deripaska_score(const char *out)
{
    const char *p = strstr(out, ",ofac-sdn,24283,");
    if (p == NULL) return -1;
    while (p > out && p[-1] != ',') p--; /* back over the score */
    return strtod(p, NULL);
}

static void test_dates_deripaska_us(void **state)
{
    (void)state;
    run_result mdy, dmy, aut;
    RUN(&mdy, "screen", "--list", SDN, "--date-format", "mdy", IN "/deripaska_us.csv");
    RUN(&dmy, "screen", "--list", SDN, "--date-format", "dmy", IN "/deripaska_us.csv");
    RUN(&aut, "screen", "--list", SDN, IN "/deripaska_us.csv");
    expect_status(&mdy, 1);
    double s_mdy = deripaska_score(mdy.out), s_dmy = deripaska_score(dmy.out),
           s_auto = deripaska_score(aut.out);
    print_message("Deripaska: mdy %.4f, dmy %.4f, auto %.4f\n", s_mdy, s_dmy, s_auto);
    /* read as 1968-01-02, the DOB on the list: the bonus */
    assert_true(s_mdy >= 0.95);
    /* ambiguous under auto: not evidence either way */
    assert_true(s_auto > 0.85 && s_auto < s_mdy);
    expect_contains(&aut, aut.err, "1 date of birth ambiguous");
    expect_contains(&aut, aut.err, "--date-format dmy or mdy");
    /* read as 1968-02-01: a different date, below the threshold or at least below auto */
    assert_true(s_dmy < s_auto);
    expect_not_in(&mdy, mdy.err, "ambiguous");
    run_free(&mdy);
    run_free(&dmy);
    run_free(&aut);
}

static void test_dates_reported(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "screen", "--list", MINI, IN "/dates.csv");
    expect_status(&r, 1);
    /* never dropped silently: every row is screened, the bad dates are reported */
    assert_int_equal(count_lines(r.out), 5);
    expect_contains(&r, r.err,
                    "dates.csv: 1 date of birth ambiguous, day-first or month-first "
                    "(first: data row 3)");
    expect_contains(&r, r.err, "dates.csv: 1 date of birth not understood (first: data row 2)");
    run_free(&r);
    RUN(&r, "screen", "--list", MINI, "--date-format", "dmy", IN "/dates.csv");
    expect_not_in(&r, r.err, "ambiguous");
    expect_contains(&r, r.err, "1 date of birth not understood");
    run_free(&r);
    RUN(&r, "screen", "--list", MINI, "--date-format", "yyyy", IN "/dates.csv");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "unknown --date-format 'yyyy'");
    run_free(&r);
}

/* ---------------------------------------------------------------------------------------------
 * Bad rows
 * ------------------------------------------------------------------------------------------- */

static void test_ragged_row(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "screen", "--list", MINI, IN "/ragged.csv");
    expect_status(&r, 2);
    expect_contains(&r, r.err,
                    "ragged.csv line 3 (data row 2): 3 fields, but the header has 2 columns");
    expect_contains(&r, r.err, "incomplete after data row 1"); /* row 1 was streamed */
    run_free(&r);
}

static void test_trailing_comma(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "screen", "--list", MINI, IN "/trailing_comma.csv");
    expect_status(&r, 1);
    expect_contains(&r, r.out, "id,row,query,");
    expect_contains(&r, r.out, "\n1,1,Ivan Ivanovich Petrovsky,1.0000,mini_list,M3,");
    assert_string_equal(r.err, "");
    run_free(&r);
}

static void test_skip_bad_rows(void **state)
{
    (void)state;
    run_result r;
    RUN(&r, "screen", "--list", MINI, IN "/bad_rows.csv");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "bad_rows.csv line 3 (data row 2): quote inside an unquoted field");
    run_free(&r);
    RUN(&r, "screen", "--list", MINI, "--skip-bad-rows", "--output", "hits.csv",
        IN "/bad_rows.csv");
    expect_status(&r, 5); /* 1 (hits) + 4 (rows were set aside) */
    expect_contains(&r, r.err, "4 bad rows set aside in hits.csv.rejects.csv");
    char *hits = slurp(tmp_path("hits.csv"));
    char *rej = slurp(tmp_path("hits.csv.rejects.csv"));
    assert_non_null(hits);
    assert_non_null(rej);
    /* the good rows keep their row numbers */
    expect_contains(&r, hits, "\n1,1,Ivan Ivanovich Petrovsky,1.0000,mini_list,M3,");
    expect_contains(&r, hits, "\n5,5,John Quincy Doe,");
    static const char *const want =
        "row,line,reason,raw\n"
        "2,3,quote inside an unquoted field (field 2),\"2,Bob \"\"Q\"\" Jones\"\n"
        "3,4,\"4 fields, but the header has 2 columns\",\"3,too,many,fields\"\n"
        "4,5,\"invalid UTF-8 at byte offset 74; if the file is not UTF-8, give "
        "--input-encoding latin1 or cp1252\",\"4,Jos\xe9\"\n"
        "6,7,unterminated quoted field (opened on line 7),\"6,\"\"unterminated\"\n";
    if (strcmp(rej, want) != 0) print_message("reject file:\n%s\n", rej);
    assert_string_equal(rej, want);
    free(hits);
    free(rej);
    run_free(&r);
    /* without --output the reject file is rejects.csv in the working directory; it is written
     * (header only) when nothing is bad too */
    RUN(&r, "screen", "--list", MINI, "--skip-bad-rows", IN "/trailing_comma.csv");
    expect_status(&r, 1);
    expect_not_in(&r, r.err, "set aside");
    rej = slurp(tmp_path("rejects.csv"));
    assert_non_null(rej);
    assert_string_equal(rej, "row,line,reason,raw\n");
    free(rej);
    run_free(&r);
    RUN(&r, "screen", "--list", MINI, "--reject-file", "x.csv", IN "/trailing_comma.csv");
    expect_status(&r, 2);
    expect_contains(&r, r.err, "--reject-file is for --skip-bad-rows");
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_delimiters_detected),
        cmocka_unit_test(test_one_column_header_hints_delimiter),
        cmocka_unit_test(test_no_header),
        cmocka_unit_test(test_bom_crlf),
        cmocka_unit_test(test_gzip_and_stdin),
        cmocka_unit_test(test_cp1252),
        cmocka_unit_test(test_latin1),
        cmocka_unit_test(test_given_family),
        cmocka_unit_test(test_id_column),
        cmocka_unit_test(test_type_column),
        cmocka_unit_test(test_dates_deripaska_us),
        cmocka_unit_test(test_dates_reported),
        cmocka_unit_test(test_ragged_row),
        cmocka_unit_test(test_trailing_comma),
        cmocka_unit_test(test_skip_bad_rows),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
