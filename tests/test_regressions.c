/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_regressions.c: screening inputs that fuzz_screen once stopped on (tests/data/bad/
 * screen-*), replayed as fuzz_screen reads them, on an engine whose shared unit cache takes
 * nothing: the private per-thread caches then serve every unit, the state a long fuzzing run
 * reaches once the shared cache is full. Under the sanitizers any report fails the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "api/engine.h"
#include "screen_input.h"

/* Screens one fuzz_screen input, decoded as fuzz_screen decodes it (fuzz/screen_input.h). */
static void screen_input(const nsc_engine *e, const unsigned char *data, size_t size)
{
    if (size == 0) return;
    nsc_query q;
    nsc_screen_options so;
    char *buf = nsc_fuzz_screen_input(data, size, &q, &so);
    assert_non_null(buf);
    nsc_hits *hits = NULL;
    int rc = nsc_screen(&hits, e, &q, &so);
    assert_true(rc == 0 || rc == NSC_EENCODING || rc == NSC_ETOOLONG || rc == NSC_EINVAL);
    nsc_hits_free(hits);
    free(buf);
}

static void test_screen_inputs(void **state)
{
    (void)state;
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = "ofac";
    assert_int_equal(nsc_engine_load(e, NSC_TEST_DATA "/ofac/good/sdn.csv", &lo), 0);
    assert_int_equal(nsc_engine_freeze(e), 0);
    nsc__engine_set_shared_units(e, 0);
    FILE *ls = popen("ls " NSC_TEST_DATA "/bad", "r");
    assert_non_null(ls);
    char line[256];
    size_t n = 0;
    while (fgets(line, sizeof line, ls)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "screen-", 7) != 0) continue;
        char path[512];
        snprintf(path, sizeof path, NSC_TEST_DATA "/bad/%s", line);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        unsigned char data[16384];
        size_t size = fread(data, 1, sizeof data, f);
        fclose(f);
        screen_input(e, data, size);
        n++;
    }
    pclose(ls);
    assert_true(n >= 1);
    print_message("%zu screening inputs\n", n);
    nsc_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_screen_inputs) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
