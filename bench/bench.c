/*
 * bench.c: namescreen-bench times list loading, the index build (nsc_engine_freeze) and
 * screening of a workload CSV with 1 and N threads, and checks on a subset that the indexed
 * engine returns exactly the hits of an exhaustive one. Public header only; prints Markdown
 * and "result KEY VALUE" lines for bench/run.sh.
 */
#include "namescreen.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#ifndef NSC_LISTS_DIR
#define NSC_LISTS_DIR "lists"
#endif

#define BENCH_DEFAULT_SUBSET 2000L
#define BENCH_DEFAULT_REPEAT 3L
/* Hits of the indexed and exhaustive engines agree when their scores differ by at most this. */
#define BENCH_SCORE_EPS 1e-9
#define BENCH_MAX_REPORTED_MISMATCHES 10

/* ---- helpers ------------------------------------------------------------------------------ */

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "namescreen-bench: out of memory\n");
        exit(2);
    }
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = xrealloc(NULL, n);
    memcpy(d, s, n);
    return d;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0.0;
    return (double)ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
}

/* ---- lists -------------------------------------------------------------------------------- */

typedef struct list_entry {
    char *list, *format, *path, *published;
} list_entry;

/* Whether `name` is in the comma-separated `only` (NULL: everything). */
static int selected(const char *only, const char *name)
{
    if (!only)
        return 1;
    size_t nl = strlen(name);
    for (const char *p = only; *p;) {
        const char *e = strchr(p, ',');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == nl && strncmp(p, name, l) == 0)
            return 1;
        p += l + (e != NULL);
    }
    return 0;
}

/* Reads DIR/MANIFEST.csv (list,format,path,published), or falls back on the four bundled
 * files. Returns the number of entries, -1 on a bad manifest. */
static long read_manifest(list_entry **out, const char *dir, const char *only)
{
    static const char *const fallback[][3] = {
        { "ofac-sdn", "ofac", "ofac/sdn.csv" },
        { "ofac-cons", "ofac", "ofac/cons_prim.csv" },
        { "un", "un", "un/consolidated.xml" },
        { "uk", "uk", "uk/uk_sanctions_list_summary.csv" },
    };
    char mpath[4096];
    list_entry *v = NULL;
    long n = 0;
    snprintf(mpath, sizeof mpath, "%s/MANIFEST.csv", dir);
    if (access(mpath, R_OK) != 0) {
        for (size_t i = 0; i < sizeof fallback / sizeof fallback[0]; i++) {
            if (!selected(only, fallback[i][0]))
                continue;
            v = xrealloc(v, (size_t)(n + 1) * sizeof *v);
            v[n].list = xstrdup(fallback[i][0]);
            v[n].format = xstrdup(fallback[i][1]);
            v[n].path = xstrdup(fallback[i][2]);
            v[n].published = xstrdup("");
            n++;
        }
        *out = v;
        return n;
    }
    nsc_csv *csv;
    int rc = nsc_csv_open(&csv, mpath, ',');
    if (rc != 0) {
        fprintf(stderr, "namescreen-bench: %s: %s\n", mpath, nsc_strerror(rc));
        return -1;
    }
    int col[4] = { -1, -1, -1, -1 };
    static const char *const names[4] = { "list", "format", "path", "published" };
    int header = 1, bad = 0;
    while ((rc = nsc_csv_next(csv)) == 1) {
        size_t nf = nsc_csv_nfields(csv);
        if (header) {
            for (size_t i = 0; i < nf; i++)
                for (int k = 0; k < 4; k++)
                    if (strcasecmp(nsc_csv_field(csv, i, NULL), names[k]) == 0)
                        col[k] = (int)i;
            if (col[0] < 0 || col[1] < 0 || col[2] < 0) {
                fprintf(stderr, "namescreen-bench: %s: needs columns list, format, path\n", mpath);
                bad = 1;
                break;
            }
            header = 0;
            continue;
        }
        const char *f[4];
        for (int k = 0; k < 4; k++) {
            f[k] = col[k] >= 0 ? nsc_csv_field(csv, (size_t)col[k], NULL) : NULL;
            f[k] = f[k] ? f[k] : "";
        }
        if (!f[2][0] || !selected(only, f[0]))
            continue;
        v = xrealloc(v, (size_t)(n + 1) * sizeof *v);
        v[n].list = xstrdup(f[0]);
        v[n].format = xstrdup(f[1]);
        v[n].path = xstrdup(f[2]);
        v[n].published = xstrdup(f[3]);
        n++;
    }
    if (rc < 0)
        fprintf(stderr, "namescreen-bench: %s: %s\n", mpath, nsc_csv_error(csv));
    nsc_csv_close(csv);
    *out = v;
    return rc < 0 || bad ? -1 : n;
}

static void free_manifest(list_entry *v, long n)
{
    for (long i = 0; i < n; i++) {
        free(v[i].list);
        free(v[i].format);
        free(v[i].path);
        free(v[i].published);
    }
    free(v);
}

/* Creates an engine and loads the lists; *load_s and *freeze_s receive the times. */
static nsc_engine *build_engine(const char *dir, const list_entry *lists, long n, int exhaustive,
                                double *load_s, double *freeze_s)
{
    nsc_engine_options eo = NSC_ENGINE_OPTIONS_INIT;
    nsc_engine *eng;
    eo.exhaustive = exhaustive;
    int rc = nsc_engine_new(&eng, &eo);
    if (rc != 0) {
        fprintf(stderr, "namescreen-bench: nsc_engine_new: %s\n", nsc_strerror(rc));
        return NULL;
    }
    double t0 = now_s();
    for (long i = 0; i < n; i++) {
        char path[4096];
        if (lists[i].path[0] == '/')
            snprintf(path, sizeof path, "%s", lists[i].path);
        else
            snprintf(path, sizeof path, "%s/%s", dir, lists[i].path);
        nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
        lo.format = lists[i].format[0] ? lists[i].format : NULL;
        lo.name = lists[i].list[0] ? lists[i].list : NULL;
        lo.published = lists[i].published[0] ? lists[i].published : NULL;
        rc = nsc_engine_load(eng, path, &lo);
        if (rc != 0) {
            fprintf(stderr, "namescreen-bench: cannot load %s: %s: %s\n", path, nsc_strerror(rc),
                    nsc_engine_errmsg(eng));
            nsc_engine_free(eng);
            return NULL;
        }
    }
    double t1 = now_s();
    rc = nsc_engine_freeze(eng);
    double t2 = now_s();
    if (rc != 0) {
        fprintf(stderr, "namescreen-bench: nsc_engine_freeze: %s\n", nsc_strerror(rc));
        nsc_engine_free(eng);
        return NULL;
    }
    *load_s = t1 - t0;
    *freeze_s = t2 - t1;
    return eng;
}

/* ---- the workload ------------------------------------------------------------------------- */

typedef struct workload {
    char **names;
    size_t n;
} workload;

static int read_workload(workload *w, const char *path)
{
    nsc_csv *csv;
    int rc = nsc_csv_open(&csv, path, ',');
    memset(w, 0, sizeof *w);
    if (rc != 0) {
        fprintf(stderr, "namescreen-bench: %s: %s (%s)\n", path, nsc_strerror(rc), strerror(errno));
        return -1;
    }
    long col = -1;
    size_t cap = 0;
    while ((rc = nsc_csv_next(csv)) == 1) {
        if (col < 0) {
            for (size_t i = 0; i < nsc_csv_nfields(csv); i++)
                if (strcasecmp(nsc_csv_field(csv, i, NULL), "name") == 0)
                    col = (long)i;
            if (col < 0) {
                fprintf(stderr, "namescreen-bench: %s: no 'name' column in the header\n", path);
                nsc_csv_close(csv);
                return -1;
            }
            continue;
        }
        const char *name = nsc_csv_field(csv, (size_t)col, NULL);
        if (!name || !name[0])
            continue;
        if (w->n == cap) {
            cap = cap ? cap * 2 : 4096;
            w->names = xrealloc(w->names, cap * sizeof *w->names);
        }
        w->names[w->n++] = xstrdup(name);
    }
    if (rc < 0)
        fprintf(stderr, "namescreen-bench: %s: %s\n", path, nsc_csv_error(csv));
    nsc_csv_close(csv);
    if (rc == 0 && w->n == 0) {
        fprintf(stderr, "namescreen-bench: %s: no names\n", path);
        return -1;
    }
    return rc < 0 ? -1 : 0;
}

/* ---- screening ---------------------------------------------------------------------------- */

typedef struct slice {
    const nsc_engine *eng;
    char *const *names;
    size_t begin, end;
    double *latency; /* per name, seconds; may be NULL */
    size_t hits, errors;
} slice;

static void *screen_slice(void *arg)
{
    slice *s = arg;
    nsc_query q = NSC_QUERY_INIT;
    for (size_t i = s->begin; i < s->end; i++) {
        nsc_hits *hits;
        double t0 = s->latency ? now_s() : 0.0;
        q.name = s->names[i];
        int rc = nsc_screen(&hits, s->eng, &q, NULL);
        if (s->latency)
            s->latency[i] = now_s() - t0;
        if (rc != 0) {
            s->errors++;
            continue;
        }
        s->hits += nsc_hits_count(hits);
        nsc_hits_free(hits);
    }
    return NULL;
}

/* A fresh indexed engine (cold caches) that has screened one untimed name: lazy one-time set-up
 * (ICU transliterators) is not a screening cost. NULL when it cannot be built. */
static nsc_engine *fresh_engine(const char *dir, const list_entry *lists, long n, char *const *names,
                                double *load_s, double *freeze_s)
{
    nsc_engine *e = build_engine(dir, lists, n, 0, load_s, freeze_s);
    if (e) {
        slice warm = { e, names, 0, 1, NULL, 0, 0 };
        screen_slice(&warm);
    }
    return e;
}

/* Screens names with `threads` threads; returns the wall time, or -1 on a thread error. */
static double run_threads(const nsc_engine *eng, const workload *w, size_t n, unsigned threads,
                          size_t *hits, size_t *errors)
{
    pthread_t *tid = xrealloc(NULL, threads * sizeof *tid);
    slice *sl = xrealloc(NULL, threads * sizeof *sl);
    unsigned started = 0;
    double t0 = now_s();
    for (unsigned t = 0; t < threads; t++) {
        sl[t] = (slice){ eng, w->names, n * t / threads, n * (t + 1) / threads, NULL, 0, 0 };
        if (pthread_create(&tid[t], NULL, screen_slice, &sl[t]) != 0)
            break;
        started++;
    }
    for (unsigned t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    double wall = now_s() - t0;
    *hits = *errors = 0;
    for (unsigned t = 0; t < started; t++) {
        *hits += sl[t].hits;
        *errors += sl[t].errors;
    }
    free(tid);
    free(sl);
    if (started != threads) {
        fprintf(stderr, "namescreen-bench: pthread_create failed\n");
        return -1.0;
    }
    return wall;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of n values (the lower middle one when n is even); sorts v. */
static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return v[(n - 1) / 2];
}

/* Nearest-rank percentile of sorted v. */
static double percentile(const double *v, size_t n, double p)
{
    size_t k = (size_t)ceil(p / 100.0 * (double)n);
    return v[k ? k - 1 : 0];
}

/* ---- indexed vs exhaustive ---------------------------------------------------------------- */

static int same_hit(const nsc_hit *a, const nsc_hit *b)
{
    return strcmp(nsc_hit_list(a), nsc_hit_list(b)) == 0 &&
           strcmp(nsc_hit_entity_id(a), nsc_hit_entity_id(b)) == 0 &&
           fabs(nsc_hit_score(a) - nsc_hit_score(b)) <= BENCH_SCORE_EPS;
}

static void report_mismatch(const char *name, const nsc_hits *a, const nsc_hits *b)
{
    fprintf(stderr, "mismatch for \"%s\": indexed %zu hits, exhaustive %zu hits\n", name,
            nsc_hits_count(a), nsc_hits_count(b));
    size_t n = nsc_hits_count(a) > nsc_hits_count(b) ? nsc_hits_count(a) : nsc_hits_count(b);
    for (size_t i = 0; i < n; i++) {
        const nsc_hit *x = nsc_hits_get(a, i), *y = nsc_hits_get(b, i);
        if (x)
            fprintf(stderr, "      indexed    %.12f %s:%s \"%s\"\n", nsc_hit_score(x),
                    nsc_hit_list(x), nsc_hit_entity_id(x), nsc_hit_matched_name(x));
        if (y)
            fprintf(stderr, "      exhaustive %.12f %s:%s \"%s\"\n", nsc_hit_score(y),
                    nsc_hit_list(y), nsc_hit_entity_id(y), nsc_hit_matched_name(y));
    }
}

typedef struct check_result {
    size_t rows, mismatches, errors, hits;
    double indexed_s, exhaustive_s;
} check_result;

static void check_exhaustive(check_result *r, const nsc_engine *idx, const nsc_engine *exh,
                             const workload *w, size_t n)
{
    nsc_query q = NSC_QUERY_INIT;
    memset(r, 0, sizeof *r);
    r->rows = n;
    for (size_t i = 0; i < n; i++) {
        nsc_hits *a = NULL, *b = NULL;
        q.name = w->names[i];
        double t0 = now_s();
        int ra = nsc_screen(&a, idx, &q, NULL);
        double t1 = now_s();
        int rb = nsc_screen(&b, exh, &q, NULL);
        double t2 = now_s();
        r->indexed_s += t1 - t0;
        r->exhaustive_s += t2 - t1;
        if (ra != 0 || rb != 0) {
            r->errors++;
            if (ra != rb)
                r->mismatches++;
        } else {
            int same = nsc_hits_count(a) == nsc_hits_count(b);
            for (size_t k = 0; same && k < nsc_hits_count(a); k++)
                same = same_hit(nsc_hits_get(a, k), nsc_hits_get(b, k));
            r->hits += nsc_hits_count(a);
            if (!same && ++r->mismatches <= BENCH_MAX_REPORTED_MISMATCHES)
                report_mismatch(w->names[i], a, b);
        }
        nsc_hits_free(a);
        nsc_hits_free(b);
    }
}

/* ---- main --------------------------------------------------------------------------------- */

typedef struct bench_opts {
    const char *workload, *lists_dir, *only;
    unsigned threads;
    long subset, repeat;
} bench_opts;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: namescreen-bench --workload FILE [--threads N] [--subset N] [--repeat N]\n"
            "                        [--lists DIR] [--only LIST[,LIST...]]\n"
            "Times list loading, the index build and screening (1 and N threads; default N = the\n"
            "online CPUs) in --repeat rounds (default %ld) on fresh engines and reports the\n"
            "medians, and compares the first --subset rows (default %ld; 0 = skip) with an\n"
            "exhaustive engine. --only loads only the named lists of %s/MANIFEST.csv.\n",
            BENCH_DEFAULT_REPEAT, BENCH_DEFAULT_SUBSET, NSC_LISTS_DIR);
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int parse_args(bench_opts *o, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            exit(0);
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "namescreen-bench: unknown option or missing value: %s\n", a);
            return -1;
        }
        const char *v = argv[++i];
        long n;
        if (strcmp(a, "--workload") == 0) {
            o->workload = v;
        } else if (strcmp(a, "--lists") == 0) {
            o->lists_dir = v;
        } else if (strcmp(a, "--only") == 0) {
            o->only = v;
        } else if (strcmp(a, "--threads") == 0) {
            if (parse_long(v, 1, 1024, &n) != 0) {
                fprintf(stderr, "namescreen-bench: --threads wants 1..1024: %s\n", v);
                return -1;
            }
            o->threads = (unsigned)n;
        } else if (strcmp(a, "--repeat") == 0) {
            if (parse_long(v, 1, 64, &n) != 0) {
                fprintf(stderr, "namescreen-bench: --repeat wants 1..64: %s\n", v);
                return -1;
            }
            o->repeat = n;
        } else if (strcmp(a, "--subset") == 0) {
            if (parse_long(v, 0, 100000000L, &n) != 0) {
                fprintf(stderr, "namescreen-bench: --subset wants a count: %s\n", v);
                return -1;
            }
            o->subset = n;
        } else {
            fprintf(stderr, "namescreen-bench: unknown option: %s\n", a);
            return -1;
        }
    }
    if (!o->workload) {
        fprintf(stderr, "namescreen-bench: --workload FILE is required\n");
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    bench_opts o = { NULL, NSC_LISTS_DIR, NULL, 0, BENCH_DEFAULT_SUBSET, BENCH_DEFAULT_REPEAT };
    if (parse_args(&o, argc, argv) != 0) {
        usage(stderr);
        return 2;
    }
    if (!o.threads) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        o.threads = c > 0 ? (unsigned)c : 1u;
    }

    workload w;
    if (read_workload(&w, o.workload) != 0)
        return 2;
    list_entry *lists;
    long nlists = read_manifest(&lists, o.lists_dir, o.only);
    if (nlists < 0)
        return 2;
    if (nlists == 0) {
        fprintf(stderr, "namescreen-bench: no list selected (--only %s)\n", o.only ? o.only : "");
        return 2;
    }

    double rss_before = peak_rss_mb(), load_s, freeze_s;
    nsc_engine *eng = fresh_engine(o.lists_dir, lists, nlists, w.names, &load_s, &freeze_s);
    if (!eng)
        return 2;
    double rss_engine = peak_rss_mb();
    size_t entities = 0, list_names = 0;
    char list_desc[512] = "";
    for (size_t i = 0; i < nsc_engine_list_count(eng); i++) {
        nsc_list_info li;
        li.version = NSC_LIST_INFO_VERSION;
        if (nsc_engine_list_info(&li, eng, i) != 0)
            continue;
        entities += li.entries;
        list_names += li.names;
        size_t l = strlen(list_desc);
        snprintf(list_desc + l, sizeof list_desc - l, "%s%s", l ? ", " : "", li.name);
    }

    /* Rounds: each screens the workload with 1 thread (with per-name latency) and with 2, 4,
     * ... up to N threads, every run on a freshly built engine, so that every run starts with
     * cold per-thread caches; the figures reported are the medians over the rounds, so that one
     * run disturbed by another tenant of the machine does not decide them. Every engine comes
     * from fresh_engine, which screens one untimed name first. */
    size_t hits1 = 0, errors1 = 0, hitsn, errorsn;
    double *lat = xrealloc(NULL, w.n * sizeof *lat);
    int R = (int)o.repeat;
    double *wall1_r = xrealloc(NULL, (size_t)R * sizeof *wall1_r);
    double *p50_r = xrealloc(NULL, (size_t)R * sizeof *p50_r);
    double *p99_r = xrealloc(NULL, (size_t)R * sizeof *p99_r);
    double *load_r = xrealloc(NULL, (size_t)R * sizeof *load_r);
    double *freeze_r = xrealloc(NULL, (size_t)R * sizeof *freeze_r);
    double *walls_r = xrealloc(NULL, (size_t)R * 16 * sizeof *walls_r);
    unsigned counts[16];
    size_t nc = 0;
    int threads_agree = 1;
    for (int r = 0; r < R; r++) {
        nsc_engine *e1 = eng;
        load_r[r] = load_s;
        freeze_r[r] = freeze_s;
        if (r > 0 && !(e1 = fresh_engine(o.lists_dir, lists, nlists, w.names, &load_r[r], &freeze_r[r])))
            return 2;
        slice one = { e1, w.names, 0, w.n, lat, 0, 0 };
        double t0 = now_s();
        screen_slice(&one);
        wall1_r[r] = now_s() - t0;
        nsc_engine_free(e1); /* one engine at a time: peak RSS is that of one engine */
        eng = NULL;
        if (r > 0 && (one.hits != hits1 || one.errors != errors1))
            threads_agree = 0;
        hits1 = one.hits;
        errors1 = one.errors;
        qsort(lat, w.n, sizeof *lat, cmp_double);
        p50_r[r] = percentile(lat, w.n, 50.0) * 1e6;
        p99_r[r] = percentile(lat, w.n, 99.0) * 1e6;

        /* 2, 4, ... threads up to N, and N itself. */
        nc = 0;
        for (unsigned t = 2; nc < 16; t *= 2) {
            unsigned k = t < o.threads ? t : o.threads;
            if (k < 2)
                break;
            double l2, f2;
            nsc_engine *fresh = fresh_engine(o.lists_dir, lists, nlists, w.names, &l2, &f2);
            if (!fresh)
                return 2;
            double wl = run_threads(fresh, &w, w.n, k, &hitsn, &errorsn);
            nsc_engine_free(fresh);
            if (wl < 0)
                return 2;
            if (hitsn != hits1 || errorsn != errors1)
                threads_agree = 0;
            counts[nc] = k;
            walls_r[(size_t)r * 16 + nc++] = wl;
            if (k == o.threads)
                break;
        }
    }
    double wall1 = median(wall1_r, (size_t)R), p50 = median(p50_r, (size_t)R);
    double p99 = median(p99_r, (size_t)R);
    load_s = median(load_r, (size_t)R);
    freeze_s = median(freeze_r, (size_t)R);
    double walls[16];
    for (size_t i = 0; i < nc; i++) {
        double v[64];
        for (int r = 0; r < R; r++)
            v[r] = walls_r[(size_t)r * 16 + i];
        walls[i] = median(v, (size_t)R);
    }
    free(wall1_r);
    free(p50_r);
    free(p99_r);
    free(load_r);
    free(freeze_r);
    free(walls_r);
    double rss_screen = peak_rss_mb();

    /* Indexed vs exhaustive on the first rows. */
    check_result cr;
    memset(&cr, 0, sizeof cr);
    double exh_load = 0, exh_freeze = 0;
    size_t subset = (size_t)o.subset < w.n ? (size_t)o.subset : w.n;
    if (subset) {
        nsc_engine *exh = build_engine(o.lists_dir, lists, nlists, 1, &exh_load, &exh_freeze);
        if (!exh)
            return 2;
        /* the indexed side starts cold too: eng has screened the workload already */
        double l3, f3;
        nsc_engine *idx = fresh_engine(o.lists_dir, lists, nlists, w.names, &l3, &f3);
        if (!idx)
            return 2;
        check_exhaustive(&cr, idx, exh, &w, subset);
        nsc_engine_free(idx);
        nsc_engine_free(exh);
    }

    /* Report. */
    double nps1 = (double)w.n / wall1;
    printf("## namescreen-bench: %s\n\n", o.workload);
    printf("library %s, scoring %s, threshold %.2f, default max hits\n\n", nsc_version(),
           nsc_scoring_version(), NSC_DEFAULT_THRESHOLD);
    printf("| measure | value |\n|---|---|\n");
    printf("| lists | %s (%zu entities, %zu names) |\n", list_desc, entities, list_names);
    printf("| workload | %zu names |\n", w.n);
    printf("| rounds (medians reported) | %ld |\n", o.repeat);
    printf("| load time | %.3f s |\n", load_s);
    printf("| index build (freeze) | %.3f s |\n", freeze_s);
    printf("| throughput, 1 thread | %.0f names/s |\n", nps1);
    for (size_t i = 0; i < nc; i++)
        printf("| throughput, %u threads | %.0f names/s (%.2fx) |\n", counts[i],
               (double)w.n / walls[i], wall1 / walls[i]);
    printf("| latency p50 / p99, 1 thread | %.1f us / %.1f us |\n", p50, p99);
    printf("| hits / screening errors | %zu / %zu%s |\n", hits1, errors1,
           threads_agree ? "" : " (multi-threaded runs differ!)");
    printf("| peak RSS after loading / after screening | %.1f MB / %.1f MB (%.1f MB before) |\n",
           rss_engine, rss_screen, rss_before);
    if (subset) {
        printf("| exhaustive check, first %zu names | %zu mismatches, %zu errors, %zu hits |\n",
               cr.rows, cr.mismatches, cr.errors, cr.hits);
        printf("| indexed vs exhaustive speed | %.0f vs %.1f names/s: %.1fx |\n",
               (double)cr.rows / cr.indexed_s, (double)cr.rows / cr.exhaustive_s,
               cr.exhaustive_s / cr.indexed_s);
    }
    printf("\n");
    printf("result rows %zu\n", w.n);
    printf("result list_entities %zu\n", entities);
    printf("result list_names %zu\n", list_names);
    printf("result repeat %ld\n", o.repeat);
    printf("result load_s %.6f\n", load_s);
    printf("result freeze_s %.6f\n", freeze_s);
    printf("result names_per_s.t1 %.3f\n", nps1);
    for (size_t i = 0; i < nc; i++)
        printf("result names_per_s.t%u %.3f\n", counts[i], (double)w.n / walls[i]);
    printf("result threads %u\n", o.threads);
    printf("result p50_us %.3f\n", p50);
    printf("result p99_us %.3f\n", p99);
    printf("result hits %zu\n", hits1);
    printf("result errors %zu\n", errors1);
    printf("result threads_agree %d\n", threads_agree);
    printf("result rss_mb %.3f\n", rss_screen);
    if (subset) {
        printf("result subset %zu\n", cr.rows);
        printf("result mismatches %zu\n", cr.mismatches);
        printf("result exhaustive_names_per_s %.3f\n", (double)cr.rows / cr.exhaustive_s);
        printf("result indexed_subset_names_per_s %.3f\n", (double)cr.rows / cr.indexed_s);
        printf("result speedup_vs_exhaustive %.3f\n", cr.exhaustive_s / cr.indexed_s);
    }

    nsc_engine_free(eng);
    free(lat);
    for (size_t i = 0; i < w.n; i++)
        free(w.names[i]);
    free(w.names);
    free_manifest(lists, nlists);
    return cr.mismatches ? 1 : 0;
}
