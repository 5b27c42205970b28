/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_golden.c: golden scores, through namescreen.h alone. Every pair of
 * tests/data/golden/scores.csv is scored again with nsc_compare() on an engine holding the
 * bundled lists; a score that differs while NSC_SCORING_VERSION has not changed is a failure.
 *
 * Regenerate the file (after bumping NSC_SCORING_VERSION in include/namescreen.h), from the
 * source tree: build/tests/test_golden --write tests/data/golden/scores.csv
 * It keeps the file's rows (query, name, type) and rewrites every score and the version line;
 * to add a pair, append a row with an empty score and regenerate.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "namescreen.h"
#include "namescreen/csv.h"

#define GOLDEN_FILE NSC_TEST_DATA "/golden/scores.csv"
#define REGENERATE "build/tests/test_golden --write tests/data/golden/scores.csv"
#define VERSION_TAG "# scoring_version "
#define SCORE_CAP 32

typedef struct golden_row {
    char *query, *name, *score; /* score: "%.4f" as recorded, "" when none */
    nsc_entity_type type;
    long line;
} golden_row;

typedef struct golden {
    char *version; /* from the first line; NULL when the file has none */
    golden_row *rows;
    size_t n;
} golden;

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

static void golden_free(golden *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->rows[i].query);
        free(g->rows[i].name);
        free(g->rows[i].score);
    }
    free(g->rows);
    free(g->version);
    memset(g, 0, sizeof *g);
}

/* Reads `path`: the version line, further '#' lines, the header query,name,type,score, the
 * rows. Returns 0, or -1 with a message in err. */
static int golden_read(golden *g, const char *path, char *err, size_t cap)
{
    static const char *const head[] = { "query", "name", "type", "score" };
    nsc_csv *csv;
    size_t rows_cap = 0;
    int rc, in_head = 1;
    memset(g, 0, sizeof *g);
    if ((rc = nsc_csv_open(&csv, path, ',')) != 0) {
        snprintf(err, cap, "%s: %s", path, nsc_strerror(rc));
        return -1;
    }
    while ((rc = nsc_csv_next(csv)) == 1) {
        size_t nf = nsc_csv_nfields(csv);
        const char *f0 = nsc_csv_field(csv, 0, NULL);
        if (in_head && f0[0] == '#') {
            if (nsc_csv_line(csv) == 1 && strncmp(f0, VERSION_TAG, strlen(VERSION_TAG)) == 0)
                g->version = dup_str(f0 + strlen(VERSION_TAG));
            continue;
        }
        if (in_head) {
            int good = nf == 4;
            for (size_t i = 0; good && i < 4; i++)
                good = strcmp(nsc_csv_field(csv, i, NULL), head[i]) == 0;
            if (!good) {
                snprintf(err, cap, "%s:%ld: the header must be query,name,type,score", path,
                         nsc_csv_line(csv));
                goto fail;
            }
            in_head = 0;
            continue;
        }
        if (nf == 1 && f0[0] == '\0') continue; /* a blank line */
        nsc_entity_type type;
        if (nf < 3 || nf > 4 || nsc_entity_type_parse(&type, nsc_csv_field(csv, 2, NULL)) != 0) {
            snprintf(err, cap, "%s:%ld: want query,name,type[,score] with a known type", path,
                     nsc_csv_line(csv));
            goto fail;
        }
        if (g->n == rows_cap) {
            rows_cap = rows_cap ? 2 * rows_cap : 512;
            golden_row *grown = realloc(g->rows, rows_cap * sizeof *grown);
            if (!grown) goto oom;
            g->rows = grown;
        }
        golden_row *r = &g->rows[g->n++];
        r->query = dup_str(f0);
        r->name = dup_str(nsc_csv_field(csv, 1, NULL));
        r->score = dup_str(nf == 4 ? nsc_csv_field(csv, 3, NULL) : "");
        r->type = type;
        r->line = nsc_csv_line(csv);
        if (!r->query || !r->name || !r->score) goto oom;
    }
    if (rc < 0) {
        snprintf(err, cap, "%s: %s", path, nsc_csv_error(csv));
        goto fail;
    }
    if (in_head) {
        snprintf(err, cap, "%s: no header row query,name,type,score", path);
        goto fail;
    }
    nsc_csv_close(csv);
    return 0;
oom:
    snprintf(err, cap, "%s: out of memory", path);
fail:
    nsc_csv_close(csv);
    golden_free(g);
    return -1;
}

/* An engine holding every current list of the lists directory NSC_LISTS_DIR (the bundled
 * snapshots, their names, formats and publication dates from their manifests), frozen; default
 * options. */
static nsc_engine *engine_bundled(char *err, size_t cap)
{
    nsc_engine *eng = NULL;
    int rc;
    if ((rc = nsc_engine_new(&eng, NULL)) != 0) {
        snprintf(err, cap, "nsc_engine_new: %s", nsc_strerror(rc));
        return NULL;
    }
    if ((rc = nsc_engine_load_dir(eng, NSC_LISTS_DIR)) != 0) {
        snprintf(err, cap, "%s (%s)", nsc_engine_errmsg(eng), nsc_strerror(rc));
        goto fail;
    }
    if ((rc = nsc_engine_freeze(eng)) != 0) {
        snprintf(err, cap, "nsc_engine_freeze: %s", nsc_strerror(rc));
        goto fail;
    }
    return eng;
fail:
    nsc_engine_free(eng);
    return NULL;
}

/* The score of row r now, "%.4f", or "error NSC_E..." when nsc_compare() fails. */
static void score_now(char buf[SCORE_CAP], const nsc_engine *eng, const golden_row *r)
{
    nsc_query q = NSC_QUERY_INIT;
    nsc_hits *hits;
    q.name = r->query;
    q.type = r->type;
    int rc = nsc_compare(&hits, eng, &q, r->name);
    const nsc_hit *h = rc == 0 ? nsc_hits_get(hits, 0) : NULL;
    if (h)
        snprintf(buf, SCORE_CAP, "%.4f", nsc_hit_score(h));
    else
        snprintf(buf, SCORE_CAP, "error %s", nsc_errname(rc));
    if (rc == 0) nsc_hits_free(hits);
}

static void put_field(FILE *f, const char *s)
{
    if (!s[strcspn(s, ",\"\r\n")] && s[0] != ' ' && (!s[0] || s[strlen(s) - 1] != ' ')) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* --write PATH: rescores the rows of PATH and writes it back with the current version. */
static int regenerate(const char *path)
{
    char err[1024], tmp[4096];
    golden g;
    nsc_engine *eng;
    if (golden_read(&g, path, err, sizeof err) != 0) {
        fprintf(stderr, "test_golden: %s\n", err);
        return 2;
    }
    if (!(eng = engine_bundled(err, sizeof err))) {
        fprintf(stderr, "test_golden: %s\n", err);
        golden_free(&g);
        return 2;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    size_t changed = 0;
    int ok = f != NULL;
    if (f) {
        fprintf(f, "%s%s\n", VERSION_TAG, nsc_scoring_version());
        fputs(
            "# SPDX-License-Identifier: Apache-2.0\n"
            "# Golden scores for tests/test_golden.c: nsc_compare() of query (as type) with name\n"
            "# on an engine holding the bundled lists. Rows: see tests/data/SOURCES.md.\n"
            "# Regenerate: " REGENERATE "\n"
            "query,name,type,score\n",
            f);
        for (size_t i = 0; i < g.n; i++) {
            const golden_row *r = &g.rows[i];
            char score[SCORE_CAP];
            score_now(score, eng, r);
            if (strncmp(score, "error", 5) == 0) {
                fprintf(stderr, "test_golden: %s:%ld: %s\n", path, r->line, score);
                ok = 0;
            }
            changed += strcmp(score, r->score) != 0;
            put_field(f, r->query);
            fputc(',', f);
            put_field(f, r->name);
            fprintf(f, ",%s,%s\n", nsc_entity_type_name(r->type), score);
        }
        if (fclose(f) != 0) ok = 0;
    }
    if (ok && rename(tmp, path) != 0) ok = 0;
    if (ok)
        printf("test_golden: wrote %zu rows (%zu scores changed) with scoring version %s to %s\n",
               g.n, changed, nsc_scoring_version(), path);
    else
        fprintf(stderr, "test_golden: cannot write %s\n", path);
    if (!ok) remove(tmp);
    nsc_engine_free(eng);
    golden_free(&g);
    return ok ? 0 : 2;
}

static int group_setup(void **state)
{
    char err[1024];
    nsc_engine *eng = engine_bundled(err, sizeof err);
    if (!eng) print_error("cannot load the bundled lists: %s\n", err);
    *state = eng;
    return eng ? 0 : -1;
}

static int group_teardown(void **state)
{
    nsc_engine_free(*state);
    return 0;
}

static void test_golden_scores(void **state)
{
    const nsc_engine *eng = *state;
    char err[1024], score[SCORE_CAP];
    golden g;
    if (golden_read(&g, GOLDEN_FILE, err, sizeof err) != 0) fail_msg("%s", err);
    if (!g.version || strcmp(g.version, nsc_scoring_version()) != 0) {
        print_error("%s was generated with scoring version %s, the library's is %s\n", GOLDEN_FILE,
                    g.version ? g.version : "(none: no '" VERSION_TAG "' line)",
                    nsc_scoring_version());
        golden_free(&g);
        fail_msg("regenerate the golden file: from the source tree, run " REGENERATE
                 " and commit it");
    }
    assert_true(g.n >= 100);
    size_t changed = 0;
    for (size_t i = 0; i < g.n; i++) {
        const golden_row *r = &g.rows[i];
        score_now(score, eng, r);
        if (strcmp(score, r->score) == 0) continue;
        if (changed++ == 0) print_error("changed scores (%s):\n", GOLDEN_FILE);
        print_error("  line %ld: query \"%s\" name \"%s\" (%s): expected %s, got %s\n", r->line,
                    r->query, r->name, nsc_entity_type_name(r->type),
                    r->score[0] ? r->score : "(none)", score);
    }
    size_t n = g.n;
    golden_free(&g);
    if (changed)
        fail_msg("%zu of %zu scores changed but NSC_SCORING_VERSION did not: bump it and "
                 "regenerate (" REGENERATE ")",
                 changed, n);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--write") == 0) return regenerate(argv[2]);
    if (argc != 1) {
        fprintf(stderr, "usage: test_golden [--write GOLDEN_CSV]\n");
        return 2;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_scores),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
