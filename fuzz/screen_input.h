/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fuzz/screen_input.h: how a fuzz_screen input becomes a query, shared by fuzz_screen and by
 * test_regressions, which replays the inputs that once stopped it: the first byte picks the
 * type filter, threshold and hit limit; the rest is name, dob, country and id number split at
 * NUL bytes.
 */
#ifndef NSC_FUZZ_SCREEN_INPUT_H
#define NSC_FUZZ_SCREEN_INPUT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "namescreen.h"

/* Fills *q and *so from data[0..size) (size >= 1). The strings point into the returned buffer
 * (free() it after screening); NULL when out of memory. */
static inline char *nsc_fuzz_screen_input(const uint8_t *data, size_t size, nsc_query *q,
                                          nsc_screen_options *so)
{
    char *buf = malloc(size);
    if (buf == NULL) return NULL;
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = '\0';
    const char *parts[4] = { buf, NULL, NULL, NULL };
    size_t k = 1;
    for (size_t i = 0; i + 1 < size - 1 && k < 4; i++)
        if (buf[i] == '\0') parts[k++] = buf + i + 1;
    nsc_query qi = NSC_QUERY_INIT;
    qi.name = parts[0];
    qi.dob = parts[1];
    qi.country = parts[2];
    qi.id_number = parts[3];
    qi.type = (nsc_entity_type)(data[0] % 5);
    *q = qi;
    nsc_screen_options si = NSC_SCREEN_OPTIONS_INIT;
    si.threshold = (data[0] & 0x80) ? 0.0 : -1.0;
    si.max_hits = (data[0] & 0x40) ? 0 : -1;
    *so = si;
    return buf;
}

#endif /* NSC_FUZZ_SCREEN_INPUT_H */
