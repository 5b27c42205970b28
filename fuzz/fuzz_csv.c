/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fuzz_csv.c: libFuzzer target for the public RFC 4180 CSV reader (nsc_csv_open on a temporary
 * file): reads every record and touches every field, with ',' or, when the first byte is odd,
 * ';' as the delimiter.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "namescreen.h"
#include "namescreen/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_path[4096];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_path[0] == '\0') {
        char dir[] = "/tmp/nsc_fuzz_XXXXXX";
        if (mkdtemp(dir) == NULL) abort();
        snprintf(fuzz_path, sizeof fuzz_path, "%s/input.csv", dir);
    }
    FILE *f = fopen(fuzz_path, "wb");
    if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0) abort();
    char delim = size > 0 && (data[0] & 1) ? ';' : ',';
    nsc_csv *csv;
    if (nsc_csv_open(&csv, fuzz_path, delim) != 0) abort();
    int rc;
    long last_line = 0;
    while ((rc = nsc_csv_next(csv)) == 1) {
        long line = nsc_csv_line(csv);
        if (line < 1 || line < last_line) abort(); /* records start on increasing lines */
        last_line = line;
        size_t n = nsc_csv_nfields(csv);
        for (size_t i = 0; i < n; i++) {
            size_t len = 0;
            const char *s = nsc_csv_field(csv, i, &len);
            if (s == NULL || s[len] != '\0') abort();
        }
        if (nsc_csv_field(csv, n, NULL) != NULL) abort();
    }
    if (rc < 0) {
        const char *e = nsc_csv_error(csv);
        if (e == NULL || e[0] == '\0') abort(); /* an error must be described */
    }
    nsc_csv_close(csv);
    return 0;
}
