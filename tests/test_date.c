/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_date.c: table-driven tests of nsc__date_parse and nsc__date_format over the date forms
 * written by OFAC, the UN, the UK and the EU, and of the impossible dates that must be refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api/engine.h"
#include "formats/format.h"
#include "formats/parsers.h"
#include "model/country.h"
#include "model/date.h"
#include "model/list.h"
#include "util/csvrec.h"
#include "util/mem.h"

typedef struct date_case {
    const char *in;
    const char *formatted; /* nsc__date_format of the result */
    int prec;
} date_case;

static const date_case good[] = {
    /* OFAC */
    { "12 Jan 1970", "1970-01-12", NSC_DATE_DAY },
    { "01 Feb 1988", "1988-02-01", NSC_DATE_DAY },
    { "29 Feb 1988", "1988-02-29", NSC_DATE_DAY },
    { "Jan 1970", "1970-01", NSC_DATE_MONTH },
    { "Sep 1965", "1965-09", NSC_DATE_MONTH },
    { "1970", "1970", NSC_DATE_YEAR },
    { "1962.", "1962", NSC_DATE_YEAR },
    { "circa 1970", "~1970", NSC_DATE_YEAR },
    { "Circa 1970", "~1970", NSC_DATE_YEAR },
    { "1965 to 1970", "1965..1970", NSC_DATE_RANGE },
    { "circa 1965 to 1970", "~1965..1970", NSC_DATE_RANGE },
    { "01 Jan 1960 to 31 Dec 1962", "1960..1962", NSC_DATE_RANGE },
    { "01 Jan 1960 to 31 Dec 1960", "1960", NSC_DATE_YEAR },
    { "12 Mar 1971 to 12 Mar 1971", "1971-03-12", NSC_DATE_DAY },
    /* full and other month spellings */
    { "25 May 1972", "1972-05-25", NSC_DATE_DAY },
    { "25 September 1972", "1972-09-25", NSC_DATE_DAY },
    { "25 Sept 1972", "1972-09-25", NSC_DATE_DAY },
    { "25 DEC 1972", "1972-12-25", NSC_DATE_DAY },
    { "December 1972", "1972-12", NSC_DATE_MONTH },
    { "May 25, 1972", "1972-05-25", NSC_DATE_DAY },
    { "25-May-1972", "1972-05-25", NSC_DATE_DAY },
    /* UN and EU: ISO */
    { "1972-05-25", "1972-05-25", NSC_DATE_DAY },
    { "1972-05", "1972-05", NSC_DATE_MONTH },
    { "1972-05-25T00:00:00", "1972-05-25", NSC_DATE_DAY },
    { "  1972-05-25  ", "1972-05-25", NSC_DATE_DAY },
    { "Circa 1970-1975", "~1970..1975", NSC_DATE_RANGE },
    { "between 1965 and 1970", "1965..1970", NSC_DATE_RANGE },
    { "Between 1965 and 1970", "1965..1970", NSC_DATE_RANGE },
    /* UK: day first */
    { "25/05/1972", "1972-05-25", NSC_DATE_DAY },
    { "5/5/1972", "1972-05-05", NSC_DATE_DAY },
    { "00/05/1972", "1972-05", NSC_DATE_MONTH },
    { "00/00/1972", "1972", NSC_DATE_YEAR },
    { "dd/mm/1972", "1972", NSC_DATE_YEAR },
    { "dd/05/1972", "1972-05", NSC_DATE_MONTH },
    { "25.05.1972", "1972-05-25", NSC_DATE_DAY },
};

static const char *const bad[] = {
    "",
    "   ",
    "unknown",
    "1972-13-01",
    "1972-02-30",
    "1971-02-29",
    "32 Jan 1970",
    "32/01/1970",
    "25/13/1972",
    "Foo 1970",
    "12 Jan",
    "72",
    "19720",
    "1970 to",
    "1970 to 1965",
    "between 1965",
    "1970 and more",
    "31 Apr 1970",
};

static void test_good_dates(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        nsc__date d;
        char buf[32];
        int rc = nsc__date_parse(&d, good[i].in, strlen(good[i].in));
        if (rc != 0) fail_msg("'%s': rc %d", good[i].in, rc);
        nsc__date_format(buf, &d);
        if (strcmp(buf, good[i].formatted) != 0 || d.prec != good[i].prec)
            fail_msg("'%s': got '%s' prec %d, want '%s' prec %d", good[i].in, buf, d.prec,
                     good[i].formatted, good[i].prec);
    }
}

static void test_bad_dates(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        nsc__date d;
        int rc = nsc__date_parse(&d, bad[i], strlen(bad[i]));
        if (rc != NSC_EINVAL) fail_msg("'%s': rc %d, want NSC_EINVAL", bad[i], rc);
        assert_int_equal(d.prec, NSC_DATE_NONE);
    }
}

static void test_fields_and_length(void **state)
{
    (void)state;
    nsc__date d;
    /* len limits the text: only "1970" of "1970-01-12" is seen */
    assert_int_equal(nsc__date_parse(&d, "1970-01-12", 4), 0);
    assert_int_equal(d.prec, NSC_DATE_YEAR);
    assert_int_equal(d.y, 1970);
    /* (size_t)-1: NUL-terminated */
    assert_int_equal(nsc__date_parse(&d, "12 Jan 1970", (size_t)-1), 0);
    assert_int_equal(d.y, 1970);
    assert_int_equal(d.m, 1);
    assert_int_equal(d.d, 12);
    assert_int_equal(d.circa, 0);
    assert_int_equal(nsc__date_parse(&d, "1965 to 1970", (size_t)-1), 0);
    assert_int_equal(d.y, 1965);
    assert_int_equal(d.y2, 1970);
    assert_int_equal(nsc__date_parse(&d, NULL, 0), NSC_EINVAL);
}

static void test_format(void **state)
{
    (void)state;
    char buf[32];
    nsc__date d = { 0 };
    nsc__date_format(buf, &d);
    assert_string_equal(buf, "");
    d.y = 1972;
    d.m = 5;
    d.d = 25;
    d.prec = NSC_DATE_DAY;
    d.circa = 1;
    nsc__date_format(buf, &d);
    assert_string_equal(buf, "~1972-05-25");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_dates),
        cmocka_unit_test(test_bad_dates),
        cmocka_unit_test(test_fields_and_length),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
