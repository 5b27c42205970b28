/* SPDX-License-Identifier: Apache-2.0 */
/*
 * examples/screen.c: the library in a few lines: load the bundled lists directory (checksums
 * checked), freeze, screen one name with a date of birth, print each hit and its explanation.
 * Build: cc screen.c $(pkg-config --cflags --libs namescreen); run: ./screen [NAME [DOB]].
 */
#include <stdio.h>

#include <namescreen.h>

int main(int argc, char **argv)
{
    nsc_engine *eng;
    if (nsc_engine_new(&eng, NULL) != 0) return 2; /* options: NULL = defaults */
    /* the default lists directory: $NAMESCREEN_LISTS, else the updated one, else the bundled */
    if (nsc_engine_load_dir(eng, NULL) != 0 || nsc_engine_freeze(eng) != 0) {
        fprintf(stderr, "%s\n",
                nsc_engine_errmsg(eng)); /* "list 'uk': file ...: its SHA-256 is ..." */
        nsc_engine_free(eng);
        return 2;
    }
    nsc_query q = NSC_QUERY_INIT; /* versioned: name or parts, type, dob, country, id */
    q.name = argc > 1 ? argv[1] : "倪高彬";
    q.dob = argc > 2 ? argv[2] : "1985-10-27";
    nsc_hits *hits;
    int rc = nsc_screen(&hits, eng, &q, NULL); /* thread-safe on a frozen engine */
    if (rc != 0) {
        fprintf(stderr, "%s\n", nsc_strerror(rc));
        nsc_engine_free(eng);
        return 2;
    }
    for (size_t i = 0; i < nsc_hits_count(hits); i++) {
        const nsc_hit *h = nsc_hits_get(hits, i);
        printf("%.4f %s %s %s\n  %s\n", nsc_hit_score(h), nsc_hit_list(h), nsc_hit_entity_id(h),
               nsc_hit_matched_name(h), nsc_hit_explanation(h));
    }
    size_t n = nsc_hits_count(hits);
    nsc_hits_free(hits);
    nsc_engine_free(eng);
    return n > 0; /* 1: a hit, as the CLI */
}
