/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fuzz_screen.c: libFuzzer target for nsc_screen on an engine loaded once with the small OFAC
 * fixture list (tests/data/ofac/good) and frozen. The input is split at NUL bytes into name,
 * dob, country and id number; the first byte also picks the type filter and threshold.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "namescreen.h"
#include "screen_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static nsc_engine *engine;

static void engine_init(void)
{
    if (nsc_engine_new(&engine, NULL) != 0) abort();
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = "ofac";
    if (nsc_engine_load(engine, NSC_FUZZ_FIXTURE, &lo) != 0 || nsc_engine_freeze(engine) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (engine == NULL) engine_init();
    if (size == 0 || size > 16384) return 0;
    nsc_query q;
    nsc_screen_options so;
    char *buf = nsc_fuzz_screen_input(data, size, &q, &so);
    if (buf == NULL) abort();
    nsc_hits *hits = NULL;
    int rc = nsc_screen(&hits, engine, &q, &so);
    if (rc == 0) {
        if (hits == NULL) abort();
        size_t n = nsc_hits_count(hits);
        double prev = 2.0;
        for (size_t i = 0; i < n; i++) {
            const nsc_hit *h = nsc_hits_get(hits, i);
            double s = nsc_hit_score(h);
            if (!(s >= 0.0 && s <= 1.0) || s > prev) abort(); /* scores in 0..1, best first */
            prev = s;
            (void)nsc_hit_explanation(h);
            for (size_t t = 0; t < nsc_hit_token_count(h); t++)
                if (nsc_hit_token(h, t) == NULL) abort();
        }
    } else if (hits != NULL) {
        abort();
    }
    nsc_hits_free(hits);
    free(buf);
    return 0;
}
