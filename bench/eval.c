/* SPDX-License-Identifier: Apache-2.0 */
/*
 * eval.c: namescreen-eval, the matching-quality report on the labelled evaluation sets (the
 * CSV files in bench/eval/, columns in bench/eval/README.md). Built on the public header only.
 * Every set is split once into a `tune` and a `check` half by a hash of its names alone (never
 * its labels): constants and word tables are chosen on `tune`, and `check` shows whether they
 * hold on rows they were not chosen on. Name pairs are also reported without the rows
 * bench/eval/label_notes.csv doubts (the official figure stays the raw one). A measurement:
 * it exits 0 whatever the figures are, unless --floors names a quality gate (bench/eval/
 * floors.csv) and a figure falls outside it (exit 1); 2 on bad arguments or files.
 */
#include "namescreen.h"
#include "namescreen/csv.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#ifndef NSC_EVAL_DIR
#define NSC_EVAL_DIR "bench/eval"
#endif
#ifndef NSC_LISTS_DIR
#define NSC_LISTS_DIR "lists"
#endif

/* Hits per screened query: large enough that the expected entity is never cut off by the
 * limit, so recall measures the scorer and not the hit cap. */
#define EVAL_MAX_HITS 50
/* In --verbose diagnostics of a miss: how far below the threshold to look for the expected
 * entity, so the report can say what it scored. */
#define EVAL_DIAG_THRESHOLD 0.30
#define EVAL_DIAG_MAX_HITS 500
/* Scores are doubles; a pair exactly at the threshold counts as above it. */
#define EVAL_EPS 1e-9

/* ---- small helpers ------------------------------------------------------------------------ */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "namescreen-eval: out of memory\n");
        exit(2);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "namescreen-eval: out of memory\n");
        exit(2);
    }
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xmalloc(n);
    memcpy(d, s, n);
    return d;
}

static char *path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = xmalloc(a + b + 2);
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

/* ---- CSV tables with a header row --------------------------------------------------------- */

typedef struct table {
    const char *path;
    size_t ncols;
    char **head;
    size_t nrows;
    char **cells; /* nrows * ncols, "" for missing fields */
} table;

/* Loads a whole CSV file; prints the problem and returns -1 on failure. */
static int table_load(table *t, const char *path)
{
    nsc_csv *csv;
    int rc = nsc_csv_open(&csv, path, ',');
    memset(t, 0, sizeof *t);
    t->path = path;
    if (rc != 0) {
        fprintf(stderr, "namescreen-eval: %s: %s (%s)\n", path, nsc_strerror(rc), strerror(errno));
        return -1;
    }
    size_t cap = 0;
    while ((rc = nsc_csv_next(csv)) == 1) {
        size_t nf = nsc_csv_nfields(csv);
        if (!t->head) {
            t->ncols = nf;
            t->head = xmalloc(nf * sizeof *t->head);
            for (size_t i = 0; i < nf; i++) {
                const char *f = nsc_csv_field(csv, i, NULL);
                t->head[i] = xstrdup(f ? f : "");
            }
            continue;
        }
        if (nf == 1 && nsc_csv_field(csv, 0, NULL)[0] == '\0') continue; /* a blank line */
        if (t->nrows == cap) {
            cap = cap ? cap * 2 : 256;
            t->cells = xrealloc(t->cells, cap * t->ncols * sizeof *t->cells);
        }
        for (size_t i = 0; i < t->ncols; i++) {
            const char *f = i < nf ? nsc_csv_field(csv, i, NULL) : NULL;
            t->cells[t->nrows * t->ncols + i] = xstrdup(f ? f : "");
        }
        t->nrows++;
    }
    if (rc < 0) {
        fprintf(stderr, "namescreen-eval: %s: %s\n", path, nsc_csv_error(csv));
        nsc_csv_close(csv);
        return -1;
    }
    nsc_csv_close(csv);
    if (!t->head) {
        fprintf(stderr, "namescreen-eval: %s: empty file (no header row)\n", path);
        return -1;
    }
    return 0;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->ncols; i++) free(t->head[i]);
    for (size_t i = 0; i < t->nrows * t->ncols; i++) free(t->cells[i]);
    free(t->head);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

static int table_col(const table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcasecmp(t->head[i], name) == 0) return (int)i;
    return -1;
}

/* Finds the columns `names` (NULL-terminated); required ones missing make it fail. */
static int table_cols(const table *t, int *out, const char *const *names, int nrequired)
{
    int ok = 1;
    for (int i = 0; names[i]; i++) {
        out[i] = table_col(t, names[i]);
        if (i < nrequired && out[i] < 0) {
            fprintf(stderr, "namescreen-eval: %s: no column '%s' in the header\n", t->path,
                    names[i]);
            ok = 0;
        }
    }
    return ok ? 0 : -1;
}

static const char *cell(const table *t, size_t row, int col)
{
    return col < 0 ? "" : t->cells[row * t->ncols + (size_t)col];
}

static const char *nonempty(const char *s) { return s && *s ? s : NULL; }

/* ---- metrics ------------------------------------------------------------------------------ */

typedef struct metric {
    char name[96];
    double value;
} metric;

static metric g_metrics[256];
static size_t g_nmetrics;

static void metric_add(double value, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void metric_add(double value, const char *fmt, ...)
{
    if (g_nmetrics == sizeof g_metrics / sizeof g_metrics[0]) return;
    metric *m = &g_metrics[g_nmetrics++];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->name, sizeof m->name, fmt, ap);
    va_end(ap);
    for (char *p = m->name; *p; p++) {
        unsigned char c = (unsigned char)*p;
        *p = (char)(isalnum(c) || c == '.' || c == '_' ? tolower(c) : '_');
    }
    m->value = value;
}

static double ratio(size_t num, size_t den) { return den ? (double)num / (double)den : 0.0; }

/* ---- the tune / check split ----------------------------------------------------------------- */

enum { HALF_TUNE = 0, HALF_CHECK = 1 };
static const char *const HALF_NAMES[2] = { "tune", "check" };

/* The half a row belongs to: a hash of its names only (name1 and name2 for pairs, in either
 * order), so that the split never depends on a label and never changes. */
static int half_of(const char *a, const char *b)
{
    XXH3_state_t st;
    XXH3_64bits_reset(&st);
    if (b && strcmp(a, b) > 0) {
        const char *t = a;
        a = b;
        b = t;
    }
    XXH3_64bits_update(&st, a, strlen(a));
    if (b) {
        XXH3_64bits_update(&st, "\x1f", 1);
        XXH3_64bits_update(&st, b, strlen(b));
    }
    return (int)(XXH3_64bits_digest(&st) >> 63);
}

/* ---- loading lists ------------------------------------------------------------------------ */

typedef struct eval_opts {
    const char *lists_dir;
    double threshold;
    const char *pairs, *un, *clean, *orig, *cross;
    const char *notes;  /* label_notes.csv: name pairs whose label is doubted */
    const char *floors; /* the quality gate, or NULL */
    int verbose;
} eval_opts;

static int engine_create(nsc_engine **out, const eval_opts *o)
{
    nsc_engine_options eo = NSC_ENGINE_OPTIONS_INIT;
    eo.threshold = o->threshold;
    eo.max_hits = EVAL_MAX_HITS;
    int rc = nsc_engine_new(out, &eo);
    if (rc != 0)
        fprintf(stderr, "namescreen-eval: cannot create an engine: %s\n", nsc_strerror(rc));
    return rc;
}

/* Loads the current version of one list of the lists directory DIR. */
static int load_one(nsc_engine *eng, const char *dir, const char *list)
{
    int rc = nsc_engine_load_dir_version(eng, dir, list);
    if (rc != 0)
        fprintf(stderr, "namescreen-eval: cannot load list %s of %s: %s: %s\n", list, dir,
                nsc_strerror(rc), nsc_engine_errmsg(eng));
    return rc;
}

/* Loads every current list of the lists directory DIR (the bundled snapshots by default),
 * checked against its manifests. */
static int load_all_lists(nsc_engine *eng, const char *dir)
{
    int rc = nsc_engine_load_dir(eng, dir);
    if (rc != 0)
        fprintf(stderr, "namescreen-eval: cannot load the lists of %s: %s: %s\n", dir,
                nsc_strerror(rc), nsc_engine_errmsg(eng));
    return rc;
}

static int freeze(nsc_engine *eng)
{
    int rc = nsc_engine_freeze(eng);
    if (rc != 0) fprintf(stderr, "namescreen-eval: nsc_engine_freeze: %s\n", nsc_strerror(rc));
    return rc;
}

static void print_lists(const nsc_engine *eng, const char *what)
{
    for (size_t i = 0; i < nsc_engine_list_count(eng); i++) {
        nsc_list_info li;
        li.version = NSC_LIST_INFO_VERSION;
        if (nsc_engine_list_info(&li, eng, i) == 0)
            printf("  %-10s %-10s %6zu entries %7zu names  published %s  (%s)\n", what, li.name,
                   li.entries, li.names, li.published[0] ? li.published : "?", li.files);
    }
}

/* ---- one comparison / one screening ------------------------------------------------------- */

static nsc_entity_type schema_type(const char *schema)
{
    if (strcasecmp(schema, "Person") == 0) return NSC_TYPE_PERSON;
    if (strcasecmp(schema, "Company") == 0 || strcasecmp(schema, "Organization") == 0 ||
        strcasecmp(schema, "LegalEntity") == 0)
        return NSC_TYPE_ORGANIZATION;
    if (strcasecmp(schema, "Vessel") == 0) return NSC_TYPE_VESSEL;
    return NSC_TYPE_UNKNOWN;
}

static int parse_bool(const char *s)
{
    return strcasecmp(s, "true") == 0 || strcasecmp(s, "1") == 0 || strcasecmp(s, "yes") == 0 ||
           strcasecmp(s, "t") == 0;
}

/* Compares two names; returns the score (-1 on error) and, when expl is not NULL, copies the
 * explanation into it. */
static double compare(const nsc_engine *eng, const char *a, const char *b, nsc_entity_type type,
                      char *expl, size_t cap)
{
    nsc_query q = NSC_QUERY_INIT;
    nsc_hits *hits;
    q.name = a;
    q.type = type;
    int rc = nsc_compare(&hits, eng, &q, b);
    if (rc != 0) {
        fprintf(stderr, "namescreen-eval: nsc_compare(\"%s\", \"%s\"): %s\n", a, b,
                nsc_strerror(rc));
        if (expl && cap) snprintf(expl, cap, "error: %s", nsc_errname(rc));
        return -1.0;
    }
    const nsc_hit *h = nsc_hits_get(hits, 0);
    double s = h ? nsc_hit_score(h) : -1.0;
    if (expl && cap) snprintf(expl, cap, "%s", h ? nsc_hit_explanation(h) : "(no hit)");
    nsc_hits_free(hits);
    return s;
}

static int above(double score, double t) { return score >= t - EVAL_EPS; }

static void print_hit(const char *indent, const char *label, const nsc_hit *h)
{
    printf("%s%s %.4f %s:%s \"%s\"\n%s  %s\n", indent, label, nsc_hit_score(h), nsc_hit_list(h),
           nsc_hit_entity_id(h), nsc_hit_matched_name(h), indent, nsc_hit_explanation(h));
}

/* Whether hit h is the entity `id`: its own id, or a cross-reference "un:<id>". */
static int hit_is(const nsc_hit *h, const char *id, const char *xref_prefix)
{
    if (strcmp(nsc_hit_entity_id(h), id) == 0) return 1;
    if (!xref_prefix) return 0;
    const char *x = nsc_hit_xrefs(h);
    size_t pl = strlen(xref_prefix), il = strlen(id);
    for (const char *p = x; (p = strstr(p, xref_prefix)) != NULL; p += pl)
        if (strncmp(p + pl, id, il) == 0 && (p[pl + il] == '\0' || p[pl + il] == ';')) return 1;
    return 0;
}

/* Screens a query; returns the hits (NULL on error, reported). */
static nsc_hits *screen(const nsc_engine *eng, const char *name, const char *dob,
                        const char *country, double threshold, long max_hits)
{
    nsc_query q = NSC_QUERY_INIT;
    nsc_screen_options so = NSC_SCREEN_OPTIONS_INIT;
    nsc_hits *hits;
    q.name = name;
    q.dob = nonempty(dob);
    q.country = nonempty(country);
    so.threshold = threshold;
    so.max_hits = max_hits;
    int rc = nsc_screen(&hits, eng, &q, &so);
    if (rc != 0) {
        fprintf(stderr, "namescreen-eval: nsc_screen(\"%s\"): %s\n", name, nsc_strerror(rc));
        return NULL;
    }
    return hits;
}

/* Rank (0-based) of the first hit on entity `ids` among the hits, -1 when absent. `ids` may
 * name several acceptable entities separated by ';' or '|'. */
static long rank_of(const nsc_hits *hits, const char *ids, const char *xref_prefix)
{
    char one[256];
    for (size_t i = 0; i < nsc_hits_count(hits); i++) {
        for (const char *p = ids; *p;) {
            size_t l = strcspn(p, ";|");
            if (l < sizeof one) {
                memcpy(one, p, l);
                one[l] = '\0';
                if (l && hit_is(nsc_hits_get(hits, i), one, xref_prefix)) return (long)i;
            }
            p += l + (p[l] != '\0');
        }
    }
    return -1;
}

/* ---- name_pairs.csv ----------------------------------------------------------------------- */

typedef struct confusion {
    char schema[48];
    size_t tp, fp, fn, tn;
} confusion;

static void confusion_print(const confusion *c, const char *label)
{
    size_t pp = c->tp + c->fp, ap = c->tp + c->fn;
    double p = ratio(c->tp, pp), r = ratio(c->tp, ap);
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    printf("  %-14s %6zu %5zu %5zu %5zu %5zu ", label, c->tp + c->fp + c->fn + c->tn, c->tp, c->fp,
           c->fn, c->tn);
    if (pp)
        printf("  %9.4f", p);
    else
        printf("  %9s", "-");
    if (ap)
        printf(" %7.4f %7.4f\n", r, f1);
    else
        printf(" %7s %7s\n", "-", "-");
    const char *key = strcmp(label, "all") == 0 ? "name_pairs" : NULL;
    char buf[80];
    if (!key) {
        snprintf(buf, sizeof buf, "name_pairs.%s", label);
        key = buf;
    }
    if ((pp && ap) || strcmp(label, "all") == 0) {
        metric_add(f1, "%s.f1", key);
        metric_add(p, "%s.precision", key);
        metric_add(r, "%s.recall", key);
    }
}

/* Whether the pair (a, b) is a row of label_notes.csv (name1, name2, in either order). */
static int noted(const table *notes, const char *a, const char *b)
{
    if (!notes || !notes->nrows) return 0;
    int c1 = table_col(notes, "name1"), c2 = table_col(notes, "name2");
    for (size_t r = 0; r < notes->nrows; r++) {
        const char *x = cell(notes, r, c1), *y = cell(notes, r, c2);
        if ((strcmp(x, a) == 0 && strcmp(y, b) == 0) || (strcmp(x, b) == 0 && strcmp(y, a) == 0))
            return 1;
    }
    return 0;
}

static void count(confusion *c, int truth, int pred)
{
    if (truth && pred)
        c->tp++;
    else if (!truth && pred)
        c->fp++;
    else if (truth)
        c->fn++;
    else
        c->tn++;
}

static void eval_pairs(const table *t, const table *notes, const nsc_engine *eng,
                       const eval_opts *o)
{
    static const char *const cols[] = { "schema", "name1", "name2", "is_match", "quality", NULL };
    int c[6];
    (void)table_cols(t, c, cols, 4); /* checked at start-up */
    confusion all = { "all", 0, 0, 0, 0 };
    confusion halves[2] = { { "tune", 0, 0, 0, 0 }, { "check", 0, 0, 0, 0 } };
    confusion unnoted = { "unnoted", 0, 0, 0, 0 };
    size_t n_noted = 0;
    confusion *per = xmalloc((t->nrows + 1) * sizeof *per);
    size_t nper = 0, strong_wrong = 0;
    double *scores = xmalloc((t->nrows + 1) * sizeof *scores);
    char expl[1024];

    printf("\n== name_pairs.csv: %zu pairs, threshold %.2f (nsc_compare)\n", t->nrows,
           o->threshold);
    for (size_t r = 0; r < t->nrows; r++) {
        const char *schema = cell(t, r, c[0]);
        int truth = parse_bool(cell(t, r, c[3]));
        double s = compare(eng, cell(t, r, c[1]), cell(t, r, c[2]), schema_type(schema), NULL, 0);
        int pred = above(s, o->threshold);
        scores[r] = s;
        size_t k = 0;
        while (k < nper && strcmp(per[k].schema, schema) != 0) k++;
        if (k == nper) {
            memset(&per[nper], 0, sizeof per[nper]);
            snprintf(per[nper].schema, sizeof per[nper].schema, "%s", schema[0] ? schema : "?");
            nper++;
        }
        count(&all, truth, pred);
        count(&per[k], truth, pred);
        count(&halves[half_of(cell(t, r, c[1]), cell(t, r, c[2]))], truth, pred);
        if (noted(notes, cell(t, r, c[1]), cell(t, r, c[2])))
            n_noted++;
        else
            count(&unnoted, truth, pred);
    }
    printf("  %-14s %6s %5s %5s %5s %5s  %9s %7s %7s\n", "schema", "pairs", "tp", "fp", "fn", "tn",
           "precision", "recall", "f1");
    for (size_t k = 0; k < nper; k++) confusion_print(&per[k], per[k].schema);
    confusion_print(&all, "all");
    printf("  by half (a hash of the names):\n");
    confusion_print(&halves[HALF_TUNE], "tune");
    confusion_print(&halves[HALF_CHECK], "check");
    printf("  without the %zu pairs of label_notes.csv:\n", n_noted);
    confusion_print(&unnoted, "unnoted");

    printf("  STRONG pairs on the wrong side of the threshold:\n");
    for (size_t r = 0; r < t->nrows; r++) {
        int truth = parse_bool(cell(t, r, c[3]));
        if (strcasecmp(cell(t, r, c[4]), "STRONG") != 0 || truth == above(scores[r], o->threshold))
            continue;
        strong_wrong++;
        printf("    %-12s %.4f %s %.2f  \"%s\" / \"%s\"  labelled %s\n", cell(t, r, c[0]),
               scores[r], truth ? "<" : ">=", o->threshold, cell(t, r, c[1]), cell(t, r, c[2]),
               truth ? "match" : "non-match");
        if (o->verbose) {
            compare(eng, cell(t, r, c[1]), cell(t, r, c[2]), schema_type(cell(t, r, c[0])), expl,
                    sizeof expl);
            printf("      %s\n", expl);
        }
    }
    if (!strong_wrong) printf("    (none)\n");
    metric_add((double)strong_wrong, "name_pairs.strong_wrong");

    if (o->verbose) {
        printf("  All errors (false matches and missed matches):\n");
        for (size_t r = 0; r < t->nrows; r++) {
            int truth = parse_bool(cell(t, r, c[3]));
            if (truth == above(scores[r], o->threshold)) continue;
            compare(eng, cell(t, r, c[1]), cell(t, r, c[2]), schema_type(cell(t, r, c[0])), expl,
                    sizeof expl);
            printf("    %s %-5s %-12s %-6s %.4f \"%s\" / \"%s\"\n      %s\n",
                   truth ? "MISSED" : "FALSE ",
                   HALF_NAMES[half_of(cell(t, r, c[1]), cell(t, r, c[2]))], cell(t, r, c[0]),
                   cell(t, r, c[4]), scores[r], cell(t, r, c[1]), cell(t, r, c[2]), expl);
        }
    }
    free(scores);
    free(per);
}

/* ---- un_queries.csv and original_script_vs_ofac.csv: recall of an expected entity --------- */

typedef struct recall_spec {
    const char *title;   /* "un_queries.csv" */
    const char *key;     /* metric prefix */
    const char *id_col;  /* "expected_un_ref" */
    const char *dob_col; /* may be NULL */
    const char *country_col;
    const char *note_col; /* shown beside misses (latin_name), may be NULL */
    const char *xref_prefix;
} recall_spec;

static void explain_miss(const nsc_engine *eng, const char *name, const char *dob,
                         const char *country, const char *id, const recall_spec *sp,
                         const nsc_hits *hits)
{
    const nsc_hit *top = nsc_hits_get(hits, 0);
    if (top)
        print_hit("      ", "first hit", top);
    else
        printf("      no hit at the threshold\n");
    nsc_hits *diag = screen(eng, name, dob, country, EVAL_DIAG_THRESHOLD, EVAL_DIAG_MAX_HITS);
    if (!diag) return;
    long k = rank_of(diag, id, sp->xref_prefix);
    if (k >= 0)
        print_hit("      ", "expected ", nsc_hits_get(diag, (size_t)k));
    else
        printf("      expected %s scored below %.2f\n", id, EVAL_DIAG_THRESHOLD);
    nsc_hits_free(diag);
}

static void eval_recall(const table *t, const nsc_engine *eng, const eval_opts *o,
                        const recall_spec *sp)
{
    /* "-" names no column: an optional column the spec does not have */
    const char *cols[] = { "name",
                           sp->id_col,
                           sp->dob_col ? sp->dob_col : "-",
                           sp->country_col ? sp->country_col : "-",
                           sp->note_col ? sp->note_col : "-",
                           NULL };
    int c[6];
    (void)table_cols(t, c, cols, 2);
    size_t found = 0, first = 0, hits_total = 0, errors = 0;
    size_t h_rows[2] = { 0, 0 }, h_found[2] = { 0, 0 }, h_first[2] = { 0, 0 };

    printf("\n== %s: %zu queries, threshold %.2f (nsc_screen, max %d hits)\n", sp->title, t->nrows,
           o->threshold, EVAL_MAX_HITS);
    for (size_t r = 0; r < t->nrows; r++) {
        const char *name = cell(t, r, c[0]), *id = cell(t, r, c[1]);
        const char *dob = cell(t, r, c[2]), *country = cell(t, r, c[3]);
        nsc_hits *hits = screen(eng, name, dob, country, o->threshold, EVAL_MAX_HITS);
        if (!hits) {
            errors++;
            continue;
        }
        long k = rank_of(hits, id, sp->xref_prefix);
        int h = half_of(name, NULL);
        hits_total += nsc_hits_count(hits);
        h_rows[h]++;
        if (k >= 0) found++, h_found[h]++;
        if (k == 0) first++, h_first[h]++;
        if (o->verbose && k != 0) {
            printf("    %s %-5s \"%s\" expected %s%s%s%s (%zu hits)\n",
                   k < 0 ? "MISSED   " : "NOT FIRST", HALF_NAMES[h], name, id,
                   c[4] >= 0 ? " \"" : "", c[4] >= 0 ? cell(t, r, c[4]) : "", c[4] >= 0 ? "\"" : "",
                   nsc_hits_count(hits));
            explain_miss(eng, name, dob, country, id, sp, hits);
        }
        nsc_hits_free(hits);
    }
    printf("  recall (expected among the hits): %zu/%zu = %.4f\n", found, t->nrows,
           ratio(found, t->nrows));
    printf("  first-hit accuracy:               %zu/%zu = %.4f\n", first, t->nrows,
           ratio(first, t->nrows));
    printf("  hits per query:                   %.2f\n", ratio(hits_total, t->nrows));
    if (errors) printf("  screening errors:                 %zu\n", errors);
    for (int h = 0; h < 2; h++)
        printf("  %-5s half: recall %zu/%zu = %.4f, first hit %.4f\n", HALF_NAMES[h], h_found[h],
               h_rows[h], ratio(h_found[h], h_rows[h]), ratio(h_first[h], h_rows[h]));
    metric_add(ratio(found, t->nrows), "%s.recall", sp->key);
    metric_add(ratio(first, t->nrows), "%s.first_hit", sp->key);
    for (int h = 0; h < 2; h++) {
        metric_add(ratio(h_found[h], h_rows[h]), "%s.%s.recall", sp->key, HALF_NAMES[h]);
        metric_add(ratio(h_first[h], h_rows[h]), "%s.%s.first_hit", sp->key, HALF_NAMES[h]);
    }
}

/* ---- clean_names.csv: false hits ---------------------------------------------------------- */

static void eval_clean(const table *t, const nsc_engine *eng, const eval_opts *o)
{
    static const char *const cols[] = { "name", "dob", "nationality", NULL };
    int c[3];
    (void)table_cols(t, c, cols, 1);
    size_t with_hit = 0, errors = 0, h_rows[2] = { 0, 0 }, h_hit[2] = { 0, 0 };

    printf("\n== clean_names.csv: %zu names against all bundled lists, threshold %.2f\n", t->nrows,
           o->threshold);
    for (size_t r = 0; r < t->nrows; r++) {
        const char *name = cell(t, r, c[0]);
        nsc_hits *hits =
            screen(eng, name, cell(t, r, c[1]), cell(t, r, c[2]), o->threshold, EVAL_MAX_HITS);
        if (!hits) {
            errors++;
            continue;
        }
        int h = half_of(name, NULL);
        h_rows[h]++;
        if (nsc_hits_count(hits) > 0) {
            with_hit++;
            h_hit[h]++;
            if (o->verbose) {
                printf("    FALSE HIT \"%s\" (%zu hits)\n", name, nsc_hits_count(hits));
                print_hit("      ", "first hit", nsc_hits_get(hits, 0));
            }
        }
        nsc_hits_free(hits);
    }
    printf("  names with any hit: %zu/%zu = %.4f\n", with_hit, t->nrows, ratio(with_hit, t->nrows));
    if (errors) printf("  screening errors:   %zu\n", errors);
    for (int h = 0; h < 2; h++)
        printf("  %-5s half: %zu/%zu = %.4f\n", HALF_NAMES[h], h_hit[h], h_rows[h],
               ratio(h_hit[h], h_rows[h]));
    metric_add(ratio(with_hit, t->nrows), "clean.hit_share");
    for (int h = 0; h < 2; h++)
        metric_add(ratio(h_hit[h], h_rows[h]), "clean.%s.hit_share", HALF_NAMES[h]);
}

/* ---- cross_script_pairs.csv --------------------------------------------------------------- */

static void eval_cross(const table *t, const nsc_engine *eng, const eval_opts *o)
{
    static const char *const cols[] = { "name1", "name2", "note", NULL };
    int c[3];
    (void)table_cols(t, c, cols, 2);
    size_t ok = 0;
    char expl[1024];

    printf("\n== cross_script_pairs.csv: %zu pairs, threshold %.2f (nsc_compare)\n", t->nrows,
           o->threshold);
    for (size_t r = 0; r < t->nrows; r++) {
        double s =
            compare(eng, cell(t, r, c[0]), cell(t, r, c[1]), NSC_TYPE_UNKNOWN, expl, sizeof expl);
        int pass = above(s, o->threshold);
        ok += (size_t)pass;
        if (o->verbose && !pass)
            printf("    MISSED %.4f \"%s\" / \"%s\"  (%s)\n      %s\n", s, cell(t, r, c[0]),
                   cell(t, r, c[1]), cell(t, r, c[2]), expl);
    }
    printf("  pairs at or above the threshold: %zu/%zu = %.4f\n", ok, t->nrows,
           ratio(ok, t->nrows));
    metric_add(ratio(ok, t->nrows), "cross_script.share");
}

/* ---- the quality gate ------------------------------------------------------------------------ */

/* Checks every metric named in the floors file (columns metric, min, max; an empty bound is no
 * bound) against this run's figures. Returns the number of figures outside their bounds, or -1
 * when the file is unreadable or names a metric this run did not produce. */
static int check_floors(const char *path)
{
    table f;
    memset(&f, 0, sizeof f);
    static const char *const cols[] = { "metric", "min", "max", NULL };
    int c[3];
    if (table_load(&f, path) || table_cols(&f, c, cols, 3)) {
        table_free(&f);
        return -1;
    }
    int bad = 0;
    printf("\n== quality gate (%s)\n", path);
    for (size_t r = 0; r < f.nrows && bad >= 0; r++) {
        const char *name = cell(&f, r, c[0]), *lo = cell(&f, r, c[1]), *hi = cell(&f, r, c[2]);
        const metric *m = NULL;
        for (size_t i = 0; i < g_nmetrics && !m; i++)
            if (strcmp(g_metrics[i].name, name) == 0) m = &g_metrics[i];
        if (!m) {
            fprintf(stderr, "namescreen-eval: %s line %zu: no metric '%s' in this run\n", path,
                    r + 2, name);
            bad = -1;
            break;
        }
        int below = *lo && m->value < strtod(lo, NULL) - EVAL_EPS;
        int over = *hi && m->value > strtod(hi, NULL) + EVAL_EPS;
        printf("  %-34s %.4f  %s%s%s%s%s  %s\n", name, m->value, *lo ? ">= " : "", lo,
               *lo && *hi ? ", " : "", *hi ? "<= " : "", hi, below || over ? "FAILED" : "ok");
        bad += below || over;
    }
    table_free(&f);
    return bad;
}

/* ---- main --------------------------------------------------------------------------------- */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: namescreen-eval [--lists DIR] [--threshold T] [--pairs FILE] [--un FILE]\n"
            "                       [--clean FILE] [--orig FILE] [--cross FILE] [--notes FILE]\n"
            "                       [--floors FILE] [--verbose]\n"
            "Measures matching quality on labelled CSV files (see bench/eval/README.md).\n"
            "Defaults: lists %s, files in %s, threshold = the engine's default (%.2f).\n",
            NSC_LISTS_DIR, NSC_EVAL_DIR, NSC_DEFAULT_THRESHOLD);
}

static int parse_args(eval_opts *o, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = NULL;
        if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
            o->verbose = 1;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            exit(0);
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "namescreen-eval: unknown option or missing value: %s\n", a);
            return -1;
        }
        const char *v = argv[++i];
        if (strcmp(a, "--threshold") == 0) {
            char *end;
            errno = 0;
            o->threshold = strtod(v, &end);
            if (errno || end == v || *end || !(o->threshold >= 0.0 && o->threshold <= 1.0)) {
                fprintf(stderr, "namescreen-eval: --threshold wants a number in 0..1: %s\n", v);
                return -1;
            }
            continue;
        }
        if (strcmp(a, "--lists") == 0)
            dst = &o->lists_dir;
        else if (strcmp(a, "--pairs") == 0)
            dst = &o->pairs;
        else if (strcmp(a, "--un") == 0)
            dst = &o->un;
        else if (strcmp(a, "--clean") == 0)
            dst = &o->clean;
        else if (strcmp(a, "--orig") == 0)
            dst = &o->orig;
        else if (strcmp(a, "--cross") == 0)
            dst = &o->cross;
        else if (strcmp(a, "--notes") == 0)
            dst = &o->notes;
        else if (strcmp(a, "--floors") == 0)
            dst = &o->floors;
        if (!dst) {
            fprintf(stderr, "namescreen-eval: unknown option: %s\n", a);
            return -1;
        }
        *dst = v;
    }
    return 0;
}

int main(int argc, char **argv)
{
    eval_opts o = { .lists_dir = NSC_LISTS_DIR, .threshold = NSC_DEFAULT_THRESHOLD };
    char *defaults[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
    table tp, tu, tc, to, tx, tn;
    nsc_engine *all = NULL, *un = NULL, *sdn = NULL;
    int status = 2;

    if (parse_args(&o, argc, argv) != 0) {
        usage(stderr);
        return 2;
    }
    const char **files[6] = { &o.pairs, &o.un, &o.clean, &o.orig, &o.cross, &o.notes };
    static const char *const base[6] = { "name_pairs.csv",         "un_queries.csv",
                                         "clean_names.csv",        "original_script_vs_ofac.csv",
                                         "cross_script_pairs.csv", "label_notes.csv" };
    for (int i = 0; i < 6; i++)
        if (!*files[i]) *files[i] = defaults[i] = path_join(NSC_EVAL_DIR, base[i]);

    /* Every file is read and its columns checked before any list is loaded. */
    static const char *const c_pairs[] = { "schema", "name1", "name2", "is_match", NULL };
    static const char *const c_un[] = { "name", "expected_un_ref", NULL };
    static const char *const c_clean[] = { "name", NULL };
    static const char *const c_orig[] = { "name", "expected_ofac_id", NULL };
    static const char *const c_cross[] = { "name1", "name2", NULL };
    static const char *const c_notes[] = { "name1", "name2", NULL };
    int cols[8];
    memset(&tp, 0, sizeof tp);
    memset(&tu, 0, sizeof tu);
    memset(&tc, 0, sizeof tc);
    memset(&to, 0, sizeof to);
    memset(&tx, 0, sizeof tx);
    memset(&tn, 0, sizeof tn);
    if (table_load(&tp, o.pairs) || table_cols(&tp, cols, c_pairs, 4) || table_load(&tu, o.un) ||
        table_cols(&tu, cols, c_un, 2) || table_load(&tc, o.clean) ||
        table_cols(&tc, cols, c_clean, 1) || table_load(&to, o.orig) ||
        table_cols(&to, cols, c_orig, 2) || table_load(&tx, o.cross) ||
        table_cols(&tx, cols, c_cross, 2) || table_load(&tn, o.notes) ||
        table_cols(&tn, cols, c_notes, 2))
        goto done;

    if (engine_create(&all, &o) || load_all_lists(all, o.lists_dir) || freeze(all)) goto done;
    if (engine_create(&un, &o) || load_one(un, o.lists_dir, "un") || freeze(un)) goto done;
    if (engine_create(&sdn, &o) || load_one(sdn, o.lists_dir, "ofac-sdn") || freeze(sdn)) goto done;

    printf("namescreen-eval: library %s, scoring %s, threshold %.2f%s\n", nsc_version(),
           nsc_scoring_version(), o.threshold,
           fabs(o.threshold - NSC_DEFAULT_THRESHOLD) < 1e-12 ? " (default)" : "");
    print_lists(all, "all:");
    print_lists(un, "un only:");
    print_lists(sdn, "sdn only:");

    eval_pairs(&tp, &tn, all, &o);
    static const recall_spec un_spec = {
        "un_queries.csv (UN list alone)", "un", "expected_un_ref", "dob", "nationality", NULL, "un:"
    };
    eval_recall(&tu, un, &o, &un_spec);
    eval_clean(&tc, all, &o);
    static const recall_spec orig_spec = { "original_script_vs_ofac.csv (OFAC SDN alone)",
                                           "original_script",
                                           "expected_ofac_id",
                                           NULL,
                                           NULL,
                                           "latin_name",
                                           NULL };
    eval_recall(&to, sdn, &o, &orig_spec);
    eval_cross(&tx, all, &o);

    printf("\n");
    metric_add(o.threshold, "threshold");
    for (size_t i = 0; i < g_nmetrics; i++)
        printf("metric %s %.4f\n", g_metrics[i].name, g_metrics[i].value);
    status = 0;
    if (o.floors) {
        int bad = check_floors(o.floors);
        if (bad < 0)
            status = 2;
        else if (bad > 0) {
            printf("quality gate: %d figure%s outside %s\n", bad, bad == 1 ? "" : "s", o.floors);
            status = 1;
        } else
            printf("quality gate: every figure within %s\n", o.floors);
    }

done:
    nsc_engine_free(all);
    nsc_engine_free(un);
    nsc_engine_free(sdn);
    table_free(&tp);
    table_free(&tu);
    table_free(&tc);
    table_free(&to);
    table_free(&tx);
    table_free(&tn);
    for (int i = 0; i < 6; i++) free(defaults[i]);
    return status;
}
