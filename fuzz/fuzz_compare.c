/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fuzz_compare.c: libFuzzer target for nsc_compare on a frozen engine without lists: the input
 * is split in two at the first NUL or newline (query name, other name). The score must be in
 * 0..1 and there must be exactly one hit.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "namescreen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static nsc_engine *engine;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (engine == NULL && (nsc_engine_new(&engine, NULL) != 0 || nsc_engine_freeze(engine) != 0))
        abort();
    if (size > 16384) return 0;
    char *buf = malloc(size + 1);
    if (buf == NULL) abort();
    memcpy(buf, data, size);
    buf[size] = '\0';
    const char *other = "";
    for (size_t i = 0; i < size; i++)
        if (buf[i] == '\0' || buf[i] == '\n') {
            buf[i] = '\0';
            other = buf + i + 1;
            break;
        }
    nsc_query q = NSC_QUERY_INIT;
    q.name = buf;
    nsc_hits *hits = NULL;
    if (nsc_compare(&hits, engine, &q, other) == 0) {
        if (nsc_hits_count(hits) != 1) abort();
        double s = nsc_hit_score(nsc_hits_get(hits, 0));
        if (!(s >= 0.0 && s <= 1.0)) abort();
        (void)nsc_hit_explanation(nsc_hits_get(hits, 0));
    } else if (hits != NULL) {
        abort();
    }
    nsc_hits_free(hits);
    free(buf);
    return 0;
}
