/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bench.c: namescreen-bench times list loading, the index build (nsc_engine_freeze) and
 * screening of a workload CSV with 1 and N threads (and, for the machine's ceiling, on N
 * independent processes), and checks on a subset that the indexed engine returns exactly the
 * hits of an exhaustive one. The lists are the current ones of a lists directory, or one list
 * file (--list, e.g. a list written by bench/gen_list.py). Public header only; prints Markdown
 * and "result KEY VALUE" lines for bench/run.sh.
 */
#include "namescreen.h"
#include "namescreen/csv.h"

#include <errno.h>
#include <stddef.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef NSC_LISTS_DIR
#define NSC_LISTS_DIR "lists"
#endif

#define BENCH_DEFAULT_SUBSET 2000L
#define BENCH_DEFAULT_REPEAT 5L
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
    if (getrusage(RUSAGE_SELF, &ru) != 0) return 0.0;
    return (double)ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
}

/* The process's resident set now, in MB (Linux /proc/self/statm); -1 when unknown. */
static double current_rss_mb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f == NULL) return -1.0;
    int ok = fscanf(f, "%ld %ld", &pages, &resident) == 2;
    fclose(f);
    long psz = sysconf(_SC_PAGESIZE);
    return ok && psz > 0 ? (double)resident * (double)psz / (1024.0 * 1024.0) : -1.0;
}

/* ---- lists -------------------------------------------------------------------------------- */

typedef struct list_entry {
    char *list, *format, *path, *published;
} list_entry;

/* Whether `name` is in the comma-separated `only` (NULL: everything). */
static int selected(const char *only, const char *name)
{
    if (!only) return 1;
    size_t nl = strlen(name);
    for (const char *p = only; *p;) {
        const char *e = strchr(p, ',');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == nl && strncmp(p, name, l) == 0) return 1;
        p += l + (e != NULL);
    }
    return 0;
}

/* The value of `key` in the key,value file path (a version's manifest.csv), a new string ("" when
 * absent); NULL when the file cannot be read. */
static char *kv_value(const char *path, const char *key)
{
    nsc_csv *csv;
    if (nsc_csv_open(&csv, path, ',') != 0) return NULL;
    char *v = NULL;
    while (v == NULL && nsc_csv_next(csv) == 1)
        if (nsc_csv_nfields(csv) == 2 && strcmp(nsc_csv_field(csv, 0, NULL), key) == 0)
            v = xstrdup(nsc_csv_field(csv, 1, NULL));
    nsc_csv_close(csv);
    return v ? v : xstrdup("");
}

/* Adds the current version of list `name` of the lists directory dir to v; 0 when the list has
 * no current version (never fetched), -1 on an unreadable one. */
static int add_current(list_entry **v, long *n, const char *dir, const char *name)
{
    char path[4096], version[256] = "";
    snprintf(path, sizeof path, "%s/%s/current", dir, name);
    FILE *f = fopen(path, "r");
    if (f == NULL) return 0;
    int ok = fgets(version, sizeof version, f) != NULL;
    fclose(f);
    version[strcspn(version, "\n")] = '\0';
    snprintf(path, sizeof path, "%s/%s/%s/manifest.csv", dir, name, version);
    char *format = ok ? kv_value(path, "format") : NULL, *main_file = kv_value(path, "main");
    if (format == NULL || main_file == NULL || !*main_file) {
        fprintf(stderr, "namescreen-bench: %s: no readable manifest\n", path);
        free(format);
        free(main_file);
        return -1;
    }
    *v = xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
    (*v)[*n].list = xstrdup(name);
    (*v)[*n].format = format;
    (*v)[*n].published = kv_value(path, "published");
    snprintf(path, sizeof path, "%s/%s/%s", name, version, main_file);
    (*v)[*n].path = xstrdup(path);
    free(main_file);
    ++*n;
    return 0;
}

/* The current lists of the lists directory DIR, in the order of DIR/sources.csv (those selected
 * by `only`). Returns the number of entries, -1 on a bad directory. */
static long read_manifest(list_entry **out, const char *dir, const char *only)
{
    char spath[4096];
    list_entry *v = NULL;
    long n = 0;
    snprintf(spath, sizeof spath, "%s/sources.csv", dir);
    nsc_csv *csv;
    int rc = nsc_csv_open(&csv, spath, ',');
    if (rc != 0) {
        fprintf(stderr, "namescreen-bench: %s: %s\n", spath, nsc_strerror(rc));
        return -1;
    }
    long col = -1;
    int bad = 0;
    while (!bad && (rc = nsc_csv_next(csv)) == 1) {
        if (col < 0) { /* the header */
            for (size_t i = 0; i < nsc_csv_nfields(csv); i++)
                if (strcmp(nsc_csv_field(csv, i, NULL), "list") == 0) col = (long)i;
            if (col < 0) {
                fprintf(stderr, "namescreen-bench: %s: needs a column list\n", spath);
                bad = 1;
            }
            continue;
        }
        const char *name = nsc_csv_field(csv, (size_t)col, NULL);
        if (name == NULL || !*name || !selected(only, name)) continue;
        bad = add_current(&v, &n, dir, name) != 0;
    }
    if (rc < 0) fprintf(stderr, "namescreen-bench: %s: %s\n", spath, nsc_csv_error(csv));
    nsc_csv_close(csv);
    *out = v;
    return rc < 0 || bad ? -1 : n;
}

/* The one list of --list [FORMAT:]FILE (FORMAT as nsc_load_options.format takes it: csv, ofac,
 * ...; without it the format is detected). */
static long single_list(list_entry **out, const char *spec)
{
    const char *colon = strchr(spec, ':');
    list_entry *v = xrealloc(NULL, sizeof *v);
    size_t fl = 0;
    if (colon) {
        fl = (size_t)(colon - spec);
        for (size_t i = 0; i < fl; i++)
            if (!(spec[i] >= 'a' && spec[i] <= 'z') && spec[i] != '-') fl = 0;
    }
    v->format = xstrdup("");
    if (fl) {
        v->format = xrealloc(v->format, fl + 1);
        memcpy(v->format, spec, fl);
        v->format[fl] = '\0';
        spec += fl + 1;
    }
    v->path = xstrdup(spec);
    v->list = xstrdup("");
    v->published = xstrdup("");
    *out = v;
    return 1;
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

/* Creates an engine and loads the lists, then freezes it (from the snapshot `snap` when not
 * NULL: the start-up of a service whose index was compiled); *load_s and *freeze_s receive
 * the times. */
/* A counting allocator: the bytes the library holds (each block carries its size in a header
 * of max_align_t's size), for the second thread's scratch as the library allocates it, apart
 * from what the C library's arenas and page rounding add to the resident set. */
typedef struct {
    _Alignas(max_align_t) size_t size;
} count_hdr;
static atomic_size_t count_live;

static void *count_malloc(void *ctx, size_t n)
{
    (void)ctx;
    count_hdr *h = malloc(sizeof *h + n);
    if (!h) return NULL;
    h->size = n;
    atomic_fetch_add_explicit(&count_live, n, memory_order_relaxed);
    return h + 1;
}

static void count_free(void *ctx, void *p)
{
    (void)ctx;
    if (!p) return;
    count_hdr *h = (count_hdr *)p - 1;
    atomic_fetch_sub_explicit(&count_live, h->size, memory_order_relaxed);
    free(h);
}

static void *count_realloc(void *ctx, void *p, size_t n)
{
    if (!p) return count_malloc(ctx, n);
    count_hdr *h = (count_hdr *)p - 1;
    size_t old = h->size;
    count_hdr *nh = realloc(h, sizeof *nh + n);
    if (!nh) return NULL;
    nh->size = n;
    atomic_fetch_add_explicit(&count_live, n, memory_order_relaxed);
    atomic_fetch_sub_explicit(&count_live, old, memory_order_relaxed);
    return nh + 1;
}

static int counting_engines; /* nonzero: build_engine gives engines the counting allocator */

static nsc_engine *build_engine(const char *dir, const list_entry *lists, long n, int exhaustive,
                                const char *snap, double *load_s, double *freeze_s)
{
    nsc_engine_options eo = NSC_ENGINE_OPTIONS_INIT;
    nsc_engine *eng;
    eo.exhaustive = exhaustive;
    if (counting_engines)
        eo.allocator = (nsc_allocator){ count_malloc, count_realloc, count_free, NULL };
    int rc = nsc_engine_new(&eng, &eo);
    if (rc != 0) {
        fprintf(stderr, "namescreen-bench: nsc_engine_new: %s\n", nsc_strerror(rc));
        return NULL;
    }
    double t0 = now_s();
    for (long i = 0; i < n; i++) {
        char path[4096];
        if (lists[i].path[0] == '/' || dir == NULL)
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
    rc = snap ? nsc_engine_freeze_snapshot(NULL, eng, snap, NSC_SNAPSHOT_REQUIRE)
              : nsc_engine_freeze(eng);
    double t2 = now_s();
    if (rc != 0) {
        fprintf(stderr, "namescreen-bench: nsc_engine_freeze: %s %s\n", nsc_strerror(rc),
                nsc_engine_errmsg(eng));
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
                if (strcasecmp(nsc_csv_field(csv, i, NULL), "name") == 0) col = (long)i;
            if (col < 0) {
                fprintf(stderr, "namescreen-bench: %s: no 'name' column in the header\n", path);
                nsc_csv_close(csv);
                return -1;
            }
            continue;
        }
        const char *name = nsc_csv_field(csv, (size_t)col, NULL);
        if (!name || !name[0]) continue;
        if (w->n == cap) {
            cap = cap ? cap * 2 : 4096;
            w->names = xrealloc(w->names, cap * sizeof *w->names);
        }
        w->names[w->n++] = xstrdup(name);
    }
    if (rc < 0) fprintf(stderr, "namescreen-bench: %s: %s\n", path, nsc_csv_error(csv));
    nsc_csv_close(csv);
    if (rc == 0 && w->n == 0) {
        fprintf(stderr, "namescreen-bench: %s: no names\n", path);
        return -1;
    }
    return rc < 0 ? -1 : 0;
}

/* ---- screening ---------------------------------------------------------------------------- */

/* A screening run over names[0..n). Its threads take the next BENCH_CHUNK names from a shared
 * counter, as `namescreen screen --threads` takes rows, so that a thread whose core is slowed
 * by another tenant of the machine takes fewer names instead of holding up the others. */
#define BENCH_CHUNK 16

typedef struct run {
    const nsc_engine *eng;
    char *const *names;
    size_t n;
    atomic_size_t next;
    double *latency; /* per name, seconds; may be NULL */
} run;

typedef struct worker {
    run *r;
    size_t hits, errors;
} worker;

static void *screen_worker(void *arg)
{
    worker *wk = arg;
    run *r = wk->r;
    nsc_query q = NSC_QUERY_INIT;
    for (;;) {
        size_t b = atomic_fetch_add(&r->next, BENCH_CHUNK);
        if (b >= r->n) break;
        size_t e = r->n - b < BENCH_CHUNK ? r->n : b + BENCH_CHUNK;
        for (size_t i = b; i < e; i++) {
            nsc_hits *hits;
            double t0 = r->latency ? now_s() : 0.0;
            q.name = r->names[i];
            int rc = nsc_screen(&hits, r->eng, &q, NULL);
            if (r->latency) r->latency[i] = now_s() - t0;
            if (rc != 0) {
                wk->errors++;
                continue;
            }
            wk->hits += nsc_hits_count(hits);
            nsc_hits_free(hits);
        }
    }
    return NULL;
}

/* Screens names[0..n) on `threads` threads (one: the calling thread); returns the wall time, or
 * -1 when a thread cannot be started. */
static double run_threads(const nsc_engine *eng, char *const *names, size_t n, unsigned threads,
                          double *latency, size_t *hits, size_t *errors)
{
    run r = { eng, names, n, 0, latency };
    pthread_t *tid = xrealloc(NULL, threads * sizeof *tid);
    worker *wk = xrealloc(NULL, threads * sizeof *wk);
    unsigned started = 0;
    for (unsigned t = 0; t < threads; t++) wk[t] = (worker){ &r, 0, 0 };
    double t0 = now_s();
    if (threads == 1) {
        screen_worker(&wk[0]);
        started = 1;
    } else {
        for (; started < threads; started++)
            if (pthread_create(&tid[started], NULL, screen_worker, &wk[started]) != 0) break;
        for (unsigned t = 0; t < started; t++) pthread_join(tid[t], NULL);
    }
    double wall = now_s() - t0;
    *hits = *errors = 0;
    for (unsigned t = 0; t < started; t++) {
        *hits += wk[t].hits;
        *errors += wk[t].errors;
    }
    free(tid);
    free(wk);
    if (started != threads) {
        fprintf(stderr, "namescreen-bench: pthread_create failed\n");
        return -1.0;
    }
    return wall;
}

/* A fresh indexed engine readied for `threads` threads (nsc_engine_prepare_threads) that has
 * screened one untimed name: one-time set-up (ICU transliterators, each thread's scratch) is
 * not a screening cost, and every run, whatever its thread count, starts with it done and with
 * cold unit caches. NULL when it cannot be built. */
static nsc_engine *fresh_engine(const char *dir, const list_entry *lists, long n,
                                char *const *names, unsigned threads, double *load_s,
                                double *freeze_s)
{
    nsc_engine *e = build_engine(dir, lists, n, 0, NULL, load_s, freeze_s);
    size_t hits, errors;
    int rc = e ? nsc_engine_prepare_threads(e, threads) : 0;
    if (rc != 0)
        fprintf(stderr, "namescreen-bench: nsc_engine_prepare_threads: %s\n", nsc_strerror(rc));
    if (e && (rc != 0 || run_threads(e, names, 1, 1, NULL, &hits, &errors) < 0)) {
        nsc_engine_free(e);
        e = NULL;
    }
    return e;
}

static int read_full(int fd, void *buf, size_t n)
{
    for (char *p = buf; n;) {
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* The machine's ceiling for k threads: k processes, each of which builds an engine of its own
 * (fresh_engine, as for every other run), waits until all are built, and screens all n names
 * with one thread. They share nothing but the machine, so their summed throughput, in names/s,
 * is what k cores of it give to this work when nothing interacts; -1 on a system error. Each
 * process's hit count must be `hits`. Being other processes, their engines do not count in the
 * peak RSS reported. */
static double run_processes(const char *dir, const list_entry *lists, long nlists,
                            char *const *names, size_t n, unsigned k, size_t hits, int *agree)
{
    int ready[2], go[2], res[2];
    if (pipe(ready) != 0) return -1.0;
    if (pipe(go) != 0) {
        close(ready[0]);
        close(ready[1]);
        return -1.0;
    }
    if (pipe(res) != 0) {
        close(ready[0]);
        close(ready[1]);
        close(go[0]);
        close(go[1]);
        return -1.0;
    }
    fflush(NULL);
    unsigned started = 0;
    for (; started < k; started++) {
        pid_t pid = fork();
        if (pid < 0) break;
        if (pid == 0) {
            double out[2] = { -1.0, 0.0 }; /* wall time, hits */
            double l, f;
            char c = 1;
            size_t h = 0, e;
            close(ready[0]);
            close(go[1]);
            close(res[0]);
            nsc_engine *eng = fresh_engine(dir, lists, nlists, names, 1, &l, &f);
            if (write(ready[1], &c, 1) == 1 && read_full(go[0], &c, 1) == 0 && eng)
                out[0] = run_threads(eng, names, n, 1, NULL, &h, &e);
            out[1] = (double)h;
            _exit(write(res[1], out, sizeof out) == (ssize_t)sizeof out ? 0 : 1);
        }
    }
    close(ready[1]);
    close(go[0]);
    close(res[1]);
    int ok = started == k;
    for (unsigned i = 0; i < started; i++) { /* every engine is built */
        char c;
        if (read_full(ready[0], &c, 1) != 0) ok = 0;
    }
    for (unsigned i = 0; i < started; i++) /* release them together */
        if (write(go[1], "g", 1) != 1) ok = 0;
    close(go[1]);
    double total = 0.0;
    for (unsigned i = 0; i < started; i++) {
        double out[2];
        if (read_full(res[0], out, sizeof out) != 0 || out[0] <= 0.0) {
            ok = 0;
            continue;
        }
        total += (double)n / out[0];
        if ((size_t)out[1] != hits) *agree = 0;
    }
    close(ready[0]);
    close(res[0]);
    for (unsigned i = 0; i < started; i++) {
        int st;
        if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) ok = 0;
    }
    if (!ok) fprintf(stderr, "namescreen-bench: the independent processes failed\n");
    return ok ? total : -1.0;
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

typedef struct check_run {
    const nsc_engine *idx, *exh;
    const workload *w;
    size_t n;
    atomic_size_t next;
    pthread_mutex_t report; /* one mismatch report at a time */
} check_run;

typedef struct check_worker {
    check_run *c;
    check_result r;
} check_worker;

/* Screens rows taken one at a time from the shared counter on both engines and compares. The
 * times are summed per query, so rows / time is a per-thread rate whatever the thread count. */
static void *check_worker_main(void *arg)
{
    check_worker *cw = arg;
    check_run *c = cw->c;
    check_result *r = &cw->r;
    nsc_query q = NSC_QUERY_INIT;
    for (size_t i; (i = atomic_fetch_add(&c->next, 1)) < c->n;) {
        nsc_hits *a = NULL, *b = NULL;
        q.name = c->w->names[i];
        double t0 = now_s();
        int ra = nsc_screen(&a, c->idx, &q, NULL);
        double t1 = now_s();
        int rb = nsc_screen(&b, c->exh, &q, NULL);
        double t2 = now_s();
        r->rows++;
        r->indexed_s += t1 - t0;
        r->exhaustive_s += t2 - t1;
        if (ra != 0 || rb != 0) {
            r->errors++;
            if (ra != rb) r->mismatches++;
        } else {
            int same = nsc_hits_count(a) == nsc_hits_count(b);
            for (size_t k = 0; same && k < nsc_hits_count(a); k++)
                same = same_hit(nsc_hits_get(a, k), nsc_hits_get(b, k));
            r->hits += nsc_hits_count(a);
            if (!same) {
                pthread_mutex_lock(&c->report);
                if (++r->mismatches <= BENCH_MAX_REPORTED_MISMATCHES)
                    report_mismatch(c->w->names[i], a, b);
                pthread_mutex_unlock(&c->report);
            }
        }
        nsc_hits_free(a);
        nsc_hits_free(b);
    }
    return NULL;
}

/* Compares the first n rows of the workload on the indexed and the exhaustive engine, on
 * `threads` threads (the exhaustive engine scores every list name: at millions of names a query
 * takes seconds). Returns 0, or -1 when a thread cannot be started. */
static int check_exhaustive(check_result *r, const nsc_engine *idx, const nsc_engine *exh,
                            const workload *w, size_t n, unsigned threads)
{
    check_run c = { idx, exh, w, n, 0, PTHREAD_MUTEX_INITIALIZER };
    check_worker *cw = xrealloc(NULL, threads * sizeof *cw);
    pthread_t *tid = xrealloc(NULL, threads * sizeof *tid);
    unsigned started = 0;
    for (unsigned t = 0; t < threads; t++) {
        cw[t].c = &c;
        memset(&cw[t].r, 0, sizeof cw[t].r);
    }
    if (threads == 1) {
        check_worker_main(&cw[0]);
        started = 1;
    } else {
        for (; started < threads; started++)
            if (pthread_create(&tid[started], NULL, check_worker_main, &cw[started]) != 0) break;
        for (unsigned t = 0; t < started; t++) pthread_join(tid[t], NULL);
    }
    memset(r, 0, sizeof *r);
    for (unsigned t = 0; t < started; t++) {
        r->rows += cw[t].r.rows;
        r->mismatches += cw[t].r.mismatches;
        r->errors += cw[t].r.errors;
        r->hits += cw[t].r.hits;
        r->indexed_s += cw[t].r.indexed_s;
        r->exhaustive_s += cw[t].r.exhaustive_s;
    }
    free(cw);
    free(tid);
    pthread_mutex_destroy(&c.report);
    if (started != threads) {
        fprintf(stderr, "namescreen-bench: pthread_create failed\n");
        return -1;
    }
    return 0;
}

/* ---- main --------------------------------------------------------------------------------- */

typedef struct bench_opts {
    const char *workload, *lists_dir, *only, *list;
    unsigned threads;
    long subset, repeat, subset_threads;
    int thread_memory;
    const char *snapshot; /* --snapshot FILE: also time the start-up from a snapshot */
} bench_opts;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: namescreen-bench --workload FILE [--threads N] [--subset N] [--repeat N]\n"
            "                        [--lists DIR] [--only LIST[,LIST...]] [--list [FORMAT:]FILE]\n"
            "                        [--thread-memory 1] [--subset-threads N] [--snapshot FILE]\n"
            "Times list loading, the index build and screening (1, 2, 4 ... N threads, and N\n"
            "independent processes; default N = the online CPUs) in --repeat rounds\n"
            "(default %ld) on fresh engines, reports medians and the median speed-up of the\n"
            "rounds, and compares the first --subset rows (default %ld; 0 = skip) with an\n"
            "exhaustive engine. --only loads only the named lists of the lists directory\n"
            "%s (default; its sources.csv order); --list loads one list file instead\n"
            "(FORMAT as `namescreen --list` takes it: csv for a generic CSV list).\n"
            "--snapshot FILE writes the index to FILE (nsc_engine_write_snapshot) and times a\n"
            "second engine's start-up from it (load, then nsc_engine_freeze_snapshot: map and\n"
            "ready), reported beside the index build; the best of three.\n"
            "--thread-memory 1 also measures a second thread's scratch: the growth of the\n"
            "resident set when an engine that has screened the workload on 1 thread screens\n"
            "it again on 2. --subset-threads N runs the exhaustive check on N threads\n"
            "(default 1; its rates stay per thread).\n",
            BENCH_DEFAULT_REPEAT, BENCH_DEFAULT_SUBSET, NSC_LISTS_DIR);
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return -1;
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
        } else if (strcmp(a, "--list") == 0) {
            o->list = v;
        } else if (strcmp(a, "--subset-threads") == 0) {
            if (parse_long(v, 1, 1024, &n) != 0) {
                fprintf(stderr, "namescreen-bench: --subset-threads wants 1..1024: %s\n", v);
                return -1;
            }
            o->subset_threads = n;
        } else if (strcmp(a, "--snapshot") == 0) {
            o->snapshot = v;
        } else if (strcmp(a, "--thread-memory") == 0) {
            if (parse_long(v, 0, 1, &n) != 0) {
                fprintf(stderr, "namescreen-bench: --thread-memory wants 0 or 1: %s\n", v);
                return -1;
            }
            o->thread_memory = (int)n;
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
    if (o->list && o->only) {
        fprintf(stderr, "namescreen-bench: --list and --only exclude each other\n");
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    bench_opts o = {
        NULL, NSC_LISTS_DIR, NULL, NULL, 0, BENCH_DEFAULT_SUBSET, BENCH_DEFAULT_REPEAT, 1, 0, NULL
    };
    if (parse_args(&o, argc, argv) != 0) {
        usage(stderr);
        return 2;
    }
    if (!o.threads) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        o.threads = c > 0 ? (unsigned)c : 1u;
    }

    workload w;
    if (read_workload(&w, o.workload) != 0) return 2;
    list_entry *lists;
    long nlists = o.list ? single_list(&lists, o.list) : read_manifest(&lists, o.lists_dir, o.only);
    if (o.list) o.lists_dir = NULL; /* the path is used as given */
    if (nlists < 0) return 2;
    if (nlists == 0) {
        fprintf(stderr, "namescreen-bench: no list selected (--only %s)\n", o.only ? o.only : "");
        return 2;
    }

    double rss_before = peak_rss_mb(), load_s, freeze_s;
    nsc_engine *eng = fresh_engine(o.lists_dir, lists, nlists, w.names, 1, &load_s, &freeze_s);
    if (!eng) return 2;
    double snap_write_s = 0;
    if (o.snapshot) { /* written from the first engine; its start-up timed at the end */
        double t0 = now_s();
        int rc = nsc_engine_write_snapshot(eng, o.snapshot);
        snap_write_s = now_s() - t0;
        if (rc != 0) {
            fprintf(stderr, "namescreen-bench: nsc_engine_write_snapshot: %s: %s\n",
                    nsc_strerror(rc), nsc_engine_errmsg(eng));
            return 2;
        }
    }
    double rss_engine = peak_rss_mb();
    size_t entities = 0, list_names = 0;
    char list_desc[512] = "";
    for (size_t i = 0; i < nsc_engine_list_count(eng); i++) {
        nsc_list_info li;
        li.version = NSC_LIST_INFO_VERSION;
        if (nsc_engine_list_info(&li, eng, i) != 0) continue;
        entities += li.entries;
        list_names += li.names;
        size_t l = strlen(list_desc);
        snprintf(list_desc + l, sizeof list_desc - l, "%s%s", l ? ", " : "", li.name);
    }

    /* Rounds. Each screens the workload with 1 thread (recording per-name latency), with 2, 4,
     * ... up to N threads, and on N independent processes (run_processes: the ceiling),
     * every run on a freshly built engine (cold caches). The runs' order rotates from round to
     * round, so that a drift of the machine's speed within a round favours no kind of run. A
     * speed-up is taken within a round, between runs seconds apart, and the report gives the
     * median of the rounds' speed-ups with their range: on a shared virtual machine the speed
     * drifts by a quarter within minutes, so a ratio of medians taken minutes apart would
     * measure the drift too. Throughput and latency are medians over the rounds. */
    size_t hits1 = 0, errors1 = 0, hitsn, errorsn;
    double *lat = xrealloc(NULL, w.n * sizeof *lat);
    size_t R = (size_t)o.repeat;
    unsigned counts[16]; /* the thread counts after 1 */
    size_t nc = 0;
    for (unsigned t = 2; nc < 16; t *= 2) {
        unsigned k = t < o.threads ? t : o.threads;
        if (k < 2) break;
        counts[nc++] = k;
        if (k == o.threads) break;
    }
    /* job 0: 1 thread; 1..nc: counts[]; nc + 1: o.threads processes (when o.threads > 1) */
    size_t njobs = 1 + nc + (nc > 0);
    double *nps_r = xrealloc(NULL, njobs * R * sizeof *nps_r); /* [job * R + round] */
    double *p50_r = xrealloc(NULL, R * sizeof *p50_r);
    double *p99_r = xrealloc(NULL, R * sizeof *p99_r);
    double *load_r = xrealloc(NULL, R * sizeof *load_r);
    double *freeze_r = xrealloc(NULL, R * sizeof *freeze_r);
    double *tmp = xrealloc(NULL, R * sizeof *tmp);
    int threads_agree = 1;
    double rss_screen = 0.0;
    for (size_t r = 0; r < R; r++) {
        for (size_t step = 0; step < njobs; step++) {
            size_t job = (step + r) % njobs;
            double v;
            if (job == nc + 1) { /* the ceiling: processes with engines of their own */
                v = run_processes(o.lists_dir, lists, nlists, w.names, w.n, o.threads, hits1,
                                  &threads_agree);
                if (v < 0) return 2;
                nps_r[job * R + r] = v;
                continue;
            }
            unsigned k = job ? counts[job - 1] : 1;
            double l, f;
            nsc_engine *e =
                eng ? eng : fresh_engine(o.lists_dir, lists, nlists, w.names, k, &l, &f);
            if (!e) return 2;
            if (eng) { /* the first engine, built above */
                l = load_s;
                f = freeze_s;
                eng = NULL;
            }
            if (job == 0) {
                load_r[r] = l;
                freeze_r[r] = f;
            }
            double wall = run_threads(e, w.names, w.n, k, job ? NULL : lat, &hitsn, &errorsn);
            v = wall > 0 ? (double)w.n / wall : -1.0;
            if (r == 0 && job == 0) { /* the first run of all */
                hits1 = hitsn;
                errors1 = errorsn;
                /* the process's peak so far is that of one engine screening the workload; later
                 * rounds build engines in memory the earlier ones fragmented */
                rss_screen = peak_rss_mb();
            } else if (hitsn != hits1 || errorsn != errors1) {
                threads_agree = 0;
            }
            if (job == 0) {
                qsort(lat, w.n, sizeof *lat, cmp_double);
                p50_r[r] = percentile(lat, w.n, 50.0) * 1e6;
                p99_r[r] = percentile(lat, w.n, 99.0) * 1e6;
            }
            nsc_engine_free(e); /* one engine at a time: peak RSS is that of one engine */
            if (v < 0) return 2;
            nps_r[job * R + r] = v;
        }
    }
    /* throughput: median over rounds; speed-up against 1 thread: median and range of the
     * rounds' ratios */
    double nps[18] = { 0 }, up[18] = { 0 }, up_lo[18] = { 0 }, up_hi[18] = { 0 };
    for (size_t j = 0; j < njobs; j++) {
        for (size_t r = 0; r < R; r++) tmp[r] = nps_r[j * R + r];
        nps[j] = median(tmp, R);
        for (size_t r = 0; r < R; r++) tmp[r] = nps_r[j * R + r] / nps_r[r];
        up[j] = median(tmp, R);
        up_lo[j] = tmp[0];
        up_hi[j] = tmp[R - 1];
    }
    double eff = 0.0; /* N threads against N processes, median of the rounds' ratios */
    if (nc) {
        for (size_t r = 0; r < R; r++) tmp[r] = nps_r[nc * R + r] / nps_r[(nc + 1) * R + r];
        eff = median(tmp, R);
    }
    double p50 = median(p50_r, R), p99 = median(p99_r, R);
    load_s = median(load_r, R);
    freeze_s = median(freeze_r, R);
    free(nps_r);
    free(p50_r);
    free(p99_r);
    free(load_r);
    free(freeze_r);
    free(tmp);

    /* A second thread's scratch: the resident set of an engine that has screened the workload on
     * 1 thread, then on 2 (the second thread readies its scratch and screens half the names). */
    double rss_t1 = -1.0, rss_t2 = -1.0, alloc_t1 = 0, alloc_t2 = 0;
    if (o.thread_memory) {
        double l4, f4;
        size_t h4, e4;
        counting_engines = 1;
        nsc_engine *e = fresh_engine(o.lists_dir, lists, nlists, w.names, 1, &l4, &f4);
        counting_engines = 0;
        if (!e) return 2;
        if (run_threads(e, w.names, w.n, 1, NULL, &h4, &e4) < 0) return 2;
        rss_t1 = current_rss_mb();
        alloc_t1 = (double)atomic_load(&count_live) / 1048576.0;
        if (nsc_engine_prepare_threads(e, 2) != 0 ||
            run_threads(e, w.names, w.n, 2, NULL, &h4, &e4) < 0)
            return 2;
        rss_t2 = current_rss_mb();
        alloc_t2 = (double)atomic_load(&count_live) / 1048576.0;
        nsc_engine_free(e);
    }

    /* Indexed vs exhaustive on the first rows. */
    check_result cr;
    memset(&cr, 0, sizeof cr);
    double exh_load = 0, exh_freeze = 0;
    size_t subset = (size_t)o.subset < w.n ? (size_t)o.subset : w.n;
    if (subset) {
        nsc_engine *exh = build_engine(o.lists_dir, lists, nlists, 1, NULL, &exh_load, &exh_freeze);
        if (!exh) return 2;
        /* the indexed side starts cold too: eng has screened the workload already */
        double l3, f3;
        nsc_engine *idx = fresh_engine(o.lists_dir, lists, nlists, w.names, 1, &l3, &f3);
        if (!idx) return 2;
        if (check_exhaustive(&cr, idx, exh, &w, subset, (unsigned)o.subset_threads) != 0) return 2;
        nsc_engine_free(idx);
        nsc_engine_free(exh);
    }

    /* Report. */
    double nps1 = nps[0];
    printf("## namescreen-bench: %s\n\n", o.workload);
    /* start-up from a snapshot, after the other measures (its engines would raise the peak) */
    double snap_s = -1;
    if (o.snapshot) {
        for (int r = 0; r < 3; r++) {
            double sl, sf;
            nsc_engine *se = build_engine(o.lists_dir, lists, nlists, 0, o.snapshot, &sl, &sf);
            if (!se) return 2;
            if (snap_s < 0 || sf < snap_s) snap_s = sf;
            nsc_engine_free(se);
        }
    }

    printf("library %s, scoring %s, threshold %.2f, default max hits\n\n", nsc_version(),
           nsc_scoring_version(), NSC_DEFAULT_THRESHOLD);
    printf("| measure | value |\n|---|---|\n");
    printf("| lists | %s (%zu entities, %zu names) |\n", list_desc, entities, list_names);
    printf("| workload | %zu names |\n", w.n);
    printf("| rounds (medians reported) | %ld |\n", o.repeat);
    printf("| load time | %.3f s |\n", load_s);
    printf("| index build (freeze) | %.3f s |\n", freeze_s);
    if (o.snapshot)
        printf("| start-up from a snapshot (map + ready; best of 3) | %.3f s: %.3fx the build "
               "(written in %.3f s) |\n",
               snap_s, snap_s / freeze_s, snap_write_s);
    printf("| throughput, 1 thread | %.0f names/s |\n", nps1);
    for (size_t i = 0; i < nc; i++)
        printf("| throughput, %u threads | %.0f names/s; speed-up %.2fx (rounds: %.2fx to %.2fx) "
               "|\n",
               counts[i], nps[i + 1], up[i + 1], up_lo[i + 1], up_hi[i + 1]);
    if (nc)
        printf("| %u independent processes (the machine's ceiling) | %.0f names/s; %.2fx (rounds: "
               "%.2fx to %.2fx); %u threads reach %.0f%% of it |\n",
               o.threads, nps[nc + 1], up[nc + 1], up_lo[nc + 1], up_hi[nc + 1], o.threads,
               eff * 100.0);
    printf("| latency p50 / p99, 1 thread | %.1f us / %.1f us |\n", p50, p99);
    printf("| hits / screening errors | %zu / %zu%s |\n", hits1, errors1,
           threads_agree ? "" : " (multi-threaded runs differ!)");
    printf("| peak RSS after loading / after screening once, 1 thread | %.1f MB / %.1f MB "
           "(%.1f MB before) |\n",
           rss_engine, rss_screen, rss_before);
    if (o.thread_memory)
        printf("| resident set after screening on 1 thread / on 2 threads | %.1f MB / %.1f MB "
               "(second thread: %.1f MB; the library's allocations: +%.2f MiB) |\n",
               rss_t1, rss_t2, rss_t2 - rss_t1, alloc_t2 - alloc_t1);
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
    if (o.snapshot) printf("result snapshot_start_s %.6f\n", snap_s);
    printf("result names_per_s.t1 %.3f\n", nps1);
    for (size_t i = 0; i < nc; i++) {
        printf("result names_per_s.t%u %.3f\n", counts[i], nps[i + 1]);
        printf("result speedup.t%u %.4f\n", counts[i], up[i + 1]);
        printf("result speedup_min.t%u %.4f\n", counts[i], up_lo[i + 1]);
        printf("result speedup_max.t%u %.4f\n", counts[i], up_hi[i + 1]);
    }
    if (nc) {
        printf("result names_per_s.p%u %.3f\n", o.threads, nps[nc + 1]);
        printf("result speedup.p%u %.4f\n", o.threads, up[nc + 1]);
        printf("result speedup_min.p%u %.4f\n", o.threads, up_lo[nc + 1]);
        printf("result speedup_max.p%u %.4f\n", o.threads, up_hi[nc + 1]);
        printf("result threads_vs_processes %.4f\n", eff);
    }
    printf("result threads %u\n", o.threads);
    printf("result p50_us %.3f\n", p50);
    printf("result p99_us %.3f\n", p99);
    printf("result hits %zu\n", hits1);
    printf("result errors %zu\n", errors1);
    printf("result threads_agree %d\n", threads_agree);
    printf("result rss_mb %.3f\n", rss_screen);
    if (o.thread_memory) {
        printf("result rss_t1_mb %.3f\n", rss_t1);
        printf("result rss_t2_mb %.3f\n", rss_t2);
        printf("result thread_scratch_mb %.3f\n", rss_t2 - rss_t1);
        printf("result thread_scratch_alloc_mib %.3f\n", alloc_t2 - alloc_t1);
    }
    if (subset) {
        printf("result subset %zu\n", cr.rows);
        printf("result mismatches %zu\n", cr.mismatches);
        printf("result exhaustive_names_per_s %.3f\n", (double)cr.rows / cr.exhaustive_s);
        printf("result indexed_subset_names_per_s %.3f\n", (double)cr.rows / cr.indexed_s);
        printf("result speedup_vs_exhaustive %.3f\n", cr.exhaustive_s / cr.indexed_s);
    }

    nsc_engine_free(eng);
    free(lat);
    for (size_t i = 0; i < w.n; i++) free(w.names[i]);
    free(w.names);
    free_manifest(lists, nlists);
    return cr.mismatches ? 1 : 0;
}
