/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fuzz_normalize.c: libFuzzer target for name normalization and transliteration
 * (nsc_normalize): the input, made NUL-terminated, is normalized into buffers of several sizes;
 * the needed length must not depend on the buffer size and the output must stay terminated.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "namescreen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static nsc_engine *engine; /* its transliterators; no list is needed */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024) return 0;
    char *name = malloc(size + 1);
    if (name == NULL) abort();
    memcpy(name, data, size);
    name[size] = '\0';
    if (engine == NULL && nsc_engine_new(&engine, NULL) != 0) abort();
    char big[16384], small[8];
    long n1 = nsc_normalize(big, sizeof big, engine, name);
    long n2 = nsc_normalize(small, sizeof small, engine, name);
    if (n1 != n2) abort();
    if (n1 >= 0) {
        if ((size_t)n1 < sizeof big && strlen(big) != (size_t)n1) abort();
        if (strlen(small) >= sizeof small) abort();
    }
    (void)nsc_normalize(NULL, 0, engine, name);
    free(name);
    return 0;
}
