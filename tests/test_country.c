/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_country.c: the country table (engine/country.c): ISO codes, English names, the variants
 * written on sanctions lists and customer files, demonyms from OFAC remarks, and what must not
 * match. Table-driven: input, expected alpha-2 code ("" = not found).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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

static const struct {
    const char *in;
    const char *want;
} CASES[] = {
    /* codes, any case */
    { "IR", "ir" },
    { "ir", "ir" },
    { "IRN", "ir" },
    { "rus", "ru" },
    { "GBR", "gb" },
    { "UK", "gb" },
    { "USA", "us" },
    { "XK", "xk" },
    { "CHE", "ch" },
    { "KP", "kp" },
    { "PRK", "kp" },
    /* English short names and official variants */
    { "Russian Federation", "ru" },
    { "Russia", "ru" },
    { "RUSSIA", "ru" },
    { "Iran (Islamic Republic of)", "ir" },
    { "Iran, Islamic Republic of", "ir" },
    { "Democratic People's Republic of Korea", "kp" },
    { "Democratic People\xE2\x80\x99s Republic of Korea", "kp" }, /* typographic apostrophe */
    { "Korea, North", "kp" },
    { "North Korea", "kp" },
    { "Korea, South", "kr" },
    { "Republic of Korea", "kr" },
    { "Syrian Arab Republic", "sy" },
    { "Syria", "sy" },
    { "Congo, Democratic Republic of the", "cd" },
    { "Democratic Republic of the Congo", "cd" },
    { "Congo", "cg" },
    { "Republic of the Congo", "cg" },
    { "United Kingdom of Great Britain and Northern Ireland", "gb" },
    { "United Kingdom", "gb" },
    { "T\xC3\xBCrkiye", "tr" },
    { "Turkey", "tr" },
    { "TURKIYE", "tr" },
    { "Viet Nam", "vn" },
    { "Vietnam", "vn" },
    { "Palestinian", "ps" },
    { "West Bank", "ps" },
    { "Gaza", "ps" },
    { "State of Palestine", "ps" },
    { "United Republic of Tanzania", "tz" },
    { "United States of America", "us" },
    { "China, Hong Kong Special Administrative Region", "hk" },
    { "C\xC3\xB4te d'Ivoire", "ci" },
    { "Cote d'Ivoire", "ci" },
    { "Ivory Coast", "ci" },
    { "Cura\xC3\xA7"
      "ao",
      "cw" },
    { "\xC3\x85land Islands", "ax" },
    { "Guinea-Bissau", "gw" },
    { "Bosnia and Herzegovina", "ba" },
    { "Burma", "mm" },
    { "Myanmar", "mm" },
    { "Lao People's Democratic Republic", "la" },
    { "The Gambia", "gm" },
    { "Gambia, The", "gm" },
    { "Netherlands", "nl" },
    { "the Netherlands", "nl" },
    { "Venezuela", "ve" },
    { "Bolivia (Plurinational State of)", "bo" },
    { "Moldova, Republic of", "md" },
    { "Kosovo", "xk" },
    { "Niger", "ne" },
    { "Nigeria", "ng" },
    { "Guinea", "gn" },
    { "Equatorial Guinea", "gq" },
    { "Papua New Guinea", "pg" },
    { "Dominica", "dm" },
    { "Dominican Republic", "do" },
    { "Sudan", "sd" },
    { "South Sudan", "ss" },
    { "British Virgin Islands", "vg" },
    { "Marshall Islands", "mh" },
    { "Liechtenstein", "li" },
    { "ua-cri", "ua" },
    /* OFAC remarks: a leading "nationality"/"citizenship" word, demonyms, punctuation */
    { "nationality Iran", "ir" },
    { "Nationality: Iran", "ir" },
    { "citizenship Russia", "ru" },
    { "nationality Syria.", "sy" },
    { "Syrian", "sy" },
    { "Afghan", "af" },
    { "Iraqi", "iq" },
    { "Russian", "ru" },
    { "Chinese", "cn" },
    { "nationality Chinese", "cn" },
    { "Iranian", "ir" },
    { "Lebanese", "lb" },
    { "North Korean", "kp" },
    { "Nigerien", "ne" },
    { "Nigerian", "ng" },
    { "  (Yemeni)  ", "ye" },
    { "British", "gb" },
    { "Emirati", "ae" },
    /* not countries */
    { "", "" },
    { "   ", "" },
    { "Atlantis", "" },
    { "Korea", "" },
    { "Congolese", "" },
    { "UNKNOWN", "" },
    { "00", "" },
    { "former Soviet Union", "" },
    { "nationality", "" },
    { "Iran Iraq", "" },
    { "\xD0\xA0\xD0\xBE\xD1\x81\xD1\x81\xD0\xB8\xD1\x8F", "" }, /* Cyrillic "Россия" */
    { "\xFF\xFE", "" },                                         /* invalid UTF-8 */
};

static void test_cases(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char code[3] = "??";
        int rc = nsc__country_code(code, CASES[i].in, strlen(CASES[i].in));
        const char *got = rc == 0 ? code : "";
        if (rc != 0 && rc != NSC_ENOTFOUND) {
            print_error("'%s': unexpected rc %d\n", CASES[i].in, rc);
            failures++;
        } else if (strcmp(got, CASES[i].want) != 0) {
            print_error("'%s': got '%s', want '%s'\n", CASES[i].in, got, CASES[i].want);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* Only the first len bytes are read; a NUL-terminated call with (size_t)-1 also works. */
static void test_length_and_nul(void **state)
{
    (void)state;
    char code[3];
    assert_int_equal(nsc__country_code(code, "Iran (Islamic Republic of)", 4), 0);
    assert_string_equal(code, "ir");
    assert_int_equal(nsc__country_code(code, "Chinese", (size_t)-1), 0);
    assert_string_equal(code, "cn");
    assert_int_equal(nsc__country_code(code, NULL, 0), NSC_ENOTFOUND);
    char longname[400];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    assert_int_equal(nsc__country_code(code, longname, strlen(longname)), NSC_ENOTFOUND);
}

/* Every country of the real UN list must map (the list's own placeholders aside). */
static void test_un_countries_all_map(void **state)
{
    (void)state;
    static const char *const un_values[] = { "Afghanistan",
                                             "Albania",
                                             "Algeria",
                                             "Bangladesh",
                                             "Belgium",
                                             "Bosnia and Herzegovina",
                                             "British Virgin Islands",
                                             "Central African Republic",
                                             "Chad",
                                             "China",
                                             "Comoros",
                                             "Congo",
                                             "Democratic People's Republic of Korea",
                                             "Democratic Republic of the Congo",
                                             "Egypt",
                                             "Eritrea",
                                             "Ethiopia",
                                             "France",
                                             "Gabon",
                                             "Georgia",
                                             "Germany",
                                             "Guinea-Bissau",
                                             "Haiti",
                                             "India",
                                             "Indonesia",
                                             "Iran (Islamic Republic of)",
                                             "Iraq",
                                             "Italy",
                                             "Jordan",
                                             "Kenya",
                                             "Kuwait",
                                             "Lebanon",
                                             "Libya",
                                             "Liechtenstein",
                                             "Malaysia",
                                             "Mali",
                                             "Marshall Islands",
                                             "Mauritania",
                                             "Morocco",
                                             "Myanmar",
                                             "Netherlands",
                                             "Niger",
                                             "Nigeria",
                                             "Norway",
                                             "Oman",
                                             "Pakistan",
                                             "Panama",
                                             "Philippines",
                                             "Qatar",
                                             "Russian Federation",
                                             "Rwanda",
                                             "Saudi Arabia",
                                             "Senegal",
                                             "Singapore",
                                             "Somalia",
                                             "South Sudan",
                                             "State of Palestine",
                                             "Sudan",
                                             "Sweden",
                                             "Switzerland",
                                             "Syrian Arab Republic",
                                             "Tajikistan",
                                             "Trinidad and Tobago",
                                             "Tunisia",
                                             "Turkey",
                                             "T\xC3\xBCrkiye",
                                             "Uganda",
                                             "United Arab Emirates",
                                             "United Kingdom of Great Britain and Northern Ireland",
                                             "United Republic of Tanzania",
                                             "United States of America",
                                             "Uzbekistan",
                                             "Viet Nam",
                                             "Yemen" };
    for (size_t i = 0; i < sizeof un_values / sizeof un_values[0]; i++) {
        char code[3];
        if (nsc__country_code(code, un_values[i], strlen(un_values[i])) != 0)
            fail_msg("UN country '%s' not mapped", un_values[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_length_and_nul),
        cmocka_unit_test(test_un_countries_all_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
