/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fuzz_load.c: libFuzzer target for one list parser. Built once per format with
 * NSC_FUZZ_FORMAT ("ofac", "un", "uk", "eu", "ftm", "os-csv", "csv"): the input is written to a
 * file in a private temporary directory (so no OFAC companion file sits beside it) and loaded
 * with that format; a load that succeeds is also frozen and screened once.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "namescreen.h"

#ifndef NSC_FUZZ_FORMAT
#error "define NSC_FUZZ_FORMAT"
#endif
#ifndef NSC_FUZZ_FILE
#define NSC_FUZZ_FILE "list.dat"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_path[4096];

static const char *input_path(void)
{
    if (fuzz_path[0] == '\0') {
        char dir[] = "/tmp/nsc_fuzz_XXXXXX";
        if (mkdtemp(dir) == NULL) abort();
        snprintf(fuzz_path, sizeof fuzz_path, "%s/%s", dir, NSC_FUZZ_FILE);
    }
    return fuzz_path;
}

static void write_input(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL) abort();
    if (size > 0 && fwrite(data, 1, size, f) != size) abort();
    if (fclose(f) != 0) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = input_path();
    write_input(path, data, size);
    nsc_engine *eng;
    if (nsc_engine_new(&eng, NULL) != 0) abort();
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = NSC_FUZZ_FORMAT;
    int rc = nsc_engine_load(eng, path, &lo);
    const char *msg = nsc_engine_errmsg(eng);
    if (msg == NULL) abort();
    if (rc != 0 && msg[0] == '\0') abort(); /* a failed load must say why */
    if (rc == 0) {
        nsc_list_info info = { .version = NSC_LIST_INFO_VERSION };
        if (nsc_engine_list_info(&info, eng, 0) != 0) abort();
        for (size_t w = 0; w < info.warnings; w++)
            if (nsc_engine_list_warning(eng, 0, w) == NULL) abort();
        if (nsc_engine_freeze(eng) == 0) {
            nsc_query q = NSC_QUERY_INIT;
            q.name = "Mohammed Ali";
            nsc_hits *hits = NULL;
            if (nsc_screen(&hits, eng, &q, NULL) == 0) {
                for (size_t i = 0; i < nsc_hits_count(hits); i++)
                    (void)nsc_hit_explanation(nsc_hits_get(hits, i));
            }
            nsc_hits_free(hits);
        }
    }
    nsc_engine_free(eng);
    return 0;
}
