/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_cli_dates.c: the CLI's reading of dates of birth (cli/dates.c, linked in directly), one
 * table of (text, --date-format, note, ISO) rows: ISO and partial dates, month names, day-first
 * and month-first numbers, ambiguity under auto, and what does not parse.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "dates.h"

static const struct date_case {
    const char *text;
    cli_date_format format;
    cli_date_note note;
    const char *iso; /* "" unless CLI_DATE_OK */
} cases[] = {
    /* ISO and partial ISO, in every format */
    { "1968-01-25", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01-25" },
    { "1968-01-25", CLI_DATES_DMY, CLI_DATE_OK, "1968-01-25" },
    { "1968-01-25", CLI_DATES_MDY, CLI_DATE_OK, "1968-01-25" },
    { "1968-01-25", CLI_DATES_YMD, CLI_DATE_OK, "1968-01-25" },
    { "1968-01", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01" },
    { "1968", CLI_DATES_AUTO, CLI_DATE_OK, "1968" },
    { " 1968-01-25 ", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01-25" },
    { "1968-01-25T00:00:00", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01-25" },
    { "1968-01-25 00:00:00", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01-25" },
    { "19680125", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01-25" },
    { "1968/01/25", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01-25" },
    /* unambiguous numeric dates under auto */
    { "25/01/1968", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01-25" },
    { "01/25/1968", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01-25" },
    { "25.01.1968", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01-25" },
    { "25-01-1968", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01-25" },
    { "5/5/1968", CLI_DATES_AUTO, CLI_DATE_OK, "1968-05-05" }, /* day = month: one date */
    { "01/1968", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01" },
    /* ambiguous under auto, fixed by dmy and mdy */
    { "01/02/1968", CLI_DATES_AUTO, CLI_DATE_AMBIGUOUS, "" },
    { "01/02/1968", CLI_DATES_MDY, CLI_DATE_OK, "1968-01-02" },
    { "01/02/1968", CLI_DATES_DMY, CLI_DATE_OK, "1968-02-01" },
    { "12.11.1970", CLI_DATES_AUTO, CLI_DATE_AMBIGUOUS, "" },
    { "01/02/1968", CLI_DATES_YMD, CLI_DATE_UNPARSED, "" },
    /* a fixed order that gives no date */
    { "25/01/1968", CLI_DATES_MDY, CLI_DATE_UNPARSED, "" },
    { "01/25/1968", CLI_DATES_DMY, CLI_DATE_UNPARSED, "" },
    /* month names */
    { "25 Jan 1968", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01-25" },
    { "25 January 1968", CLI_DATES_MDY, CLI_DATE_OK, "1968-01-25" },
    { "Jan 25, 1968", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01-25" },
    { "January 25 1968", CLI_DATES_DMY, CLI_DATE_OK, "1968-01-25" },
    { "25-JAN-1968", CLI_DATES_AUTO, CLI_DATE_OK, "1968-01-25" },
    { "2nd Sept 1968", CLI_DATES_AUTO, CLI_DATE_OK, "1968-09-02" },
    { "Feb 1968", CLI_DATES_AUTO, CLI_DATE_OK, "1968-02" },
    { "1968 Feb 3", CLI_DATES_AUTO, CLI_DATE_OK, "1968-02-03" },
    /* not dates */
    { "", CLI_DATES_AUTO, CLI_DATE_NONE, "" },
    { "   ", CLI_DATES_AUTO, CLI_DATE_NONE, "" },
    { "soon", CLI_DATES_AUTO, CLI_DATE_UNPARSED, "" },
    { "1968-02-30", CLI_DATES_AUTO, CLI_DATE_UNPARSED, "" },
    { "1900-02-29", CLI_DATES_AUTO, CLI_DATE_UNPARSED, "" },
    { "2000-02-29", CLI_DATES_AUTO, CLI_DATE_OK, "2000-02-29" },
    { "1968-13-01", CLI_DATES_AUTO, CLI_DATE_UNPARSED, "" },
    { "32/01/1968", CLI_DATES_AUTO, CLI_DATE_UNPARSED, "" },
    { "01/02/68", CLI_DATES_AUTO, CLI_DATE_UNPARSED, "" }, /* which century? */
    { "00/00/1968", CLI_DATES_DMY, CLI_DATE_UNPARSED, "" },
    { "1968-01/25", CLI_DATES_AUTO, CLI_DATE_UNPARSED, "" },
    { "25 Foo 1968", CLI_DATES_AUTO, CLI_DATE_UNPARSED, "" },
    { "Jan Feb 1968", CLI_DATES_AUTO, CLI_DATE_UNPARSED, "" },
    { "25 Jan", CLI_DATES_AUTO, CLI_DATE_UNPARSED, "" },
    { "1968-01-25x", CLI_DATES_AUTO, CLI_DATE_UNPARSED, "" },
    { "123456789", CLI_DATES_AUTO, CLI_DATE_UNPARSED, "" },
};

static void test_date_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct date_case *c = &cases[i];
        char iso[11] = "garbage";
        cli_date_note n = cli_date_read(iso, c->text, c->format);
        if (n != c->note || strcmp(iso, c->iso) != 0)
            print_error("'%s' (%s): note %s, iso '%s'; want %s, '%s'\n", c->text,
                        cli_date_format_name(c->format), cli_date_note_name(n), iso,
                        cli_date_note_name(c->note), c->iso);
        assert_int_equal(n, c->note);
        assert_string_equal(iso, c->iso);
    }
}

static void test_date_names(void **state)
{
    (void)state;
    cli_date_format f;
    assert_int_equal(cli_date_format_parse(&f, "mdy"), 0);
    assert_int_equal(f, CLI_DATES_MDY);
    assert_int_equal(cli_date_format_parse(&f, "auto"), 0);
    assert_int_equal(f, CLI_DATES_AUTO);
    assert_int_equal(cli_date_format_parse(&f, "MDY"), -1);
    assert_int_equal(cli_date_format_parse(&f, "iso"), -1);
    assert_string_equal(cli_date_format_name(CLI_DATES_YMD), "ymd");
    assert_string_equal(cli_date_note_name(CLI_DATE_AMBIGUOUS), "ambiguous");
    assert_string_equal(cli_date_note_name(CLI_DATE_UNPARSED), "unparsed");
    assert_string_equal(cli_date_note_name(CLI_DATE_OK), "ok");
    assert_string_equal(cli_date_note_name(CLI_DATE_NONE), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_table),
        cmocka_unit_test(test_date_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
