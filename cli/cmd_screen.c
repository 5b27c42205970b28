/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cmd_screen.c: `namescreen screen [FILE|-]` screens the name column of a CSV file over several
 * threads on one frozen engine, writing one CSV row or JSON line per hit in input order, the
 * same bytes for any number of threads. --changed-since narrows it to a list's new entries.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "common.h"
#include "lists.h"
#include "table.h"

/* nsc_screen() refuses longer names (NSC_ETOOLONG); screen checks rows before any output. */
/* Rows screened per batch and thread before the batch is written out, in input order. */
#define ROWS_PER_THREAD_BATCH 512

typedef struct screen_job {
    const nsc_engine *eng;
    const nsc_screen_options *so;
    const cli_table *t;
    cli_format format;
    size_t name_col;
    long dob_col, country_col;
    size_t n_pt; /* pass-through columns */
    size_t *pt_cols;
    const char **pt_names;
    int skip_all; /* --changed-since found nothing to screen against */
    /* the current batch */
    size_t begin, end;
    cli_buf *outs;
    int *errs;
    int *hit;
    pthread_mutex_t mu;
    size_t next;
} screen_job;

/* What --changed-since screens against: the ids of one list, owned here. */
typedef struct changed_set {
    char **ids; /* NULL-terminated */
    char *list;
} changed_set;

/* ---------------------------------------------------------------------------------------------
 * Screening rows on threads
 * ------------------------------------------------------------------------------------------- */

static void screen_row(screen_job *j, size_t row, const char **vals)
{
    const cli_table *t = j->t;
    size_t slot = row - j->begin;
    const char *name = table_cell(t, row, j->name_col);
    if (j->skip_all || is_blank(name)) return;
    nsc_query q = NSC_QUERY_INIT;
    q.name = name;
    if (j->dob_col >= 0 && *table_cell(t, row, (size_t)j->dob_col) != '\0')
        q.dob = table_cell(t, row, (size_t)j->dob_col);
    if (j->country_col >= 0 && *table_cell(t, row, (size_t)j->country_col) != '\0')
        q.country = table_cell(t, row, (size_t)j->country_col);
    nsc_hits *hits;
    int rc = nsc_screen(&hits, j->eng, &q, j->so);
    if (rc != 0) {
        j->errs[slot] = rc;
        return;
    }
    for (size_t i = 0; i < j->n_pt; i++) vals[i] = table_cell(t, row, j->pt_cols[i]);
    cli_row r = { .has_row = 1,
                  .row = (long)row + 1,
                  .query = name,
                  .n_cols = j->n_pt,
                  .col_names = j->pt_names,
                  .col_values = vals };
    cli_hits_lines(&j->outs[slot], &r, hits, j->format);
    j->hit[slot] = nsc_hits_count(hits) > 0;
    if (j->outs[slot].oom) j->errs[slot] = NSC_ENOMEM;
    nsc_hits_free(hits);
}

static void *screen_worker(void *arg)
{
    screen_job *j = arg;
    const char **vals = calloc(j->n_pt ? j->n_pt : 1, sizeof *vals);
    for (;;) {
        pthread_mutex_lock(&j->mu);
        size_t row = j->next < j->end ? j->next++ : j->end;
        pthread_mutex_unlock(&j->mu);
        if (row >= j->end) break;
        if (vals == NULL)
            j->errs[row - j->begin] = NSC_ENOMEM;
        else
            screen_row(j, row, vals);
    }
    free(vals);
    return NULL;
}

/* Screens rows [begin, end) on nthreads threads into j->outs. */
static void screen_batch(screen_job *j, size_t begin, size_t end, long nthreads)
{
    j->begin = begin;
    j->end = end;
    j->next = begin;
    pthread_t tids[MAX_THREADS];
    long started = 0;
    for (long i = 1; i < nthreads && (size_t)i < end - begin; i++) {
        if (pthread_create(&tids[started], NULL, screen_worker, j) != 0)
            break; /* fewer threads: same output, just slower */
        started++;
    }
    screen_worker(j);
    for (long i = 0; i < started; i++) pthread_join(tids[i], NULL);
}

static int screen_write_batch(screen_job *j, FILE *out, const char *out_name, int *any_hit)
{
    int ret = 0;
    for (size_t i = 0; i < j->end - j->begin; i++) {
        if (ret == 0 && j->errs[i] != 0) {
            errorf("%s line %ld (data row %zu): cannot screen '%s': %s; output stopped here and "
                   "is incomplete",
                   j->t->display, j->t->lines[j->begin + i], j->begin + i + 1,
                   table_cell(j->t, j->begin + i, j->name_col), nsc_strerror(j->errs[i]));
            ret = EXIT_ERR;
        }
        if (ret == 0 && cli_buf_write(&j->outs[i], out) != 0) {
            errorf("error writing to %s: %s", out_name, strerror(errno));
            ret = EXIT_ERR;
        }
        *any_hit |= j->hit[i];
        cli_buf_free(&j->outs[i]);
        j->errs[i] = 0;
        j->hit[i] = 0;
    }
    return ret;
}

static long online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : n;
}

static int screen_write_header(const screen_job *j, FILE *out, const char *out_name)
{
    cli_buf head;
    cli_buf_init(&head);
    if (j->format == CLI_CSV) {
        cli_row r = { .has_row = 1, .n_cols = j->n_pt, .col_names = j->pt_names };
        cli_hit_csv_header(&head, &r);
    }
    int ret = cli_buf_write(&head, out) == 0 ? 0 : EXIT_ERR;
    if (ret != 0) errorf("error writing to %s: %s", out_name, strerror(errno));
    cli_buf_free(&head);
    return ret;
}

/* Screens every row, batch by batch: 0 no hit, EXIT_HIT, or EXIT_ERR. */
static int screen_run(screen_job *j, FILE *out, const char *out_name, long nthreads)
{
    size_t batch = (size_t)nthreads * ROWS_PER_THREAD_BATCH, nrows = j->t->nrows;
    j->outs = xcalloc(batch, sizeof *j->outs);
    j->errs = xcalloc(batch, sizeof *j->errs);
    j->hit = xcalloc(batch, sizeof *j->hit);
    pthread_mutex_init(&j->mu, NULL);
    int any_hit = 0, ret = screen_write_header(j, out, out_name);
    for (size_t b = 0; b < nrows && ret == 0; b += batch) {
        size_t e = nrows - b < batch ? nrows : b + batch;
        screen_batch(j, b, e, nthreads);
        ret = screen_write_batch(j, out, out_name, &any_hit);
    }
    pthread_mutex_destroy(&j->mu);
    free(j->outs);
    free(j->errs);
    free(j->hit);
    return ret != 0 ? ret : any_hit ? EXIT_HIT : 0;
}

/* ---------------------------------------------------------------------------------------------
 * Preparing the input and the options
 * ------------------------------------------------------------------------------------------- */

/* Checks the names before anything is screened, so that a bad row stops the tool before any
 * output. Empty names are counted and reported; they cannot hit. */
static int check_names(const cli_table *t, size_t name_col)
{
    size_t empty = 0;
    long first_empty = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *name = table_cell(t, r, name_col);
        size_t len = strlen(name);
        if (len > NSC_MAX_NAME_BYTES) {
            errorf("%s line %ld (data row %zu): the name is %zu bytes long, more than %d; nothing "
                   "was screened",
                   t->display, t->lines[r], r + 1, len, NSC_MAX_NAME_BYTES);
            return EXIT_ERR;
        }
        if (is_blank(name) && empty++ == 0) first_empty = (long)r + 1;
    }
    if (empty > 0)
        errorf("warning: %s: %zu row%s with an empty name (first: data row %ld) not screened",
               t->display, empty, empty == 1 ? "" : "s", first_empty);
    return 0;
}

/* Finds the name, dob and country columns; every other column passes through. */
static int screen_prepare(screen_job *j, const cli_table *t, const cli_opts *o)
{
    static const char *const dob_defaults[] = { "dob", NULL };
    static const char *const country_defaults[] = { "country", "nationality", NULL };
    const char *name_opt = o->column ? o->column : "name";
    long name_col = table_col(t, name_opt);
    if (name_col < 0)
        return table_missing_column(t, name_opt,
                                    o->column ? " (--column)"
                                              : " (the default name column; "
                                                "choose one with --column)");
    if (table_pick_column(&j->dob_col, t, o->dob_column, "--dob-column", dob_defaults) != 0 ||
        table_pick_column(&j->country_col, t, o->country_column, "--country-column",
                          country_defaults) != 0)
        return EXIT_ERR;
    j->t = t;
    j->name_col = (size_t)name_col;
    j->format = o->format;
    j->pt_cols = xcalloc(t->ncols, sizeof *j->pt_cols);
    j->pt_names = xcalloc(t->ncols, sizeof *j->pt_names);
    for (size_t i = 0; i < t->ncols; i++)
        if (i != j->name_col) {
            j->pt_cols[j->n_pt] = i;
            j->pt_names[j->n_pt++] = t->header[i];
        }
    return check_names(t, j->name_col);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void changed_free(changed_set *c)
{
    for (size_t i = 0; c->ids != NULL && c->ids[i] != NULL; i++) free(c->ids[i]);
    free(c->ids);
    free(c->list);
}

static void report_no_such_list(const nsc_engine *cur, const char *name, const char *spec)
{
    fprintf(stderr,
            PROG ": --changed-since: the lists screened against have no list named '%s' "
                 "(the name of '%s'); loaded:",
            name, spec);
    for (size_t i = 0; i < nsc_engine_list_count(cur); i++) {
        nsc_list_info ci = { .version = NSC_LIST_INFO_VERSION };
        if (nsc_engine_list_info(&ci, cur, i) == 0) fprintf(stderr, "%s %s", i ? "," : "", ci.name);
    }
    fputc('\n', stderr);
}

/* The ids added or changed in d, sorted by strcmp, into c->ids. */
static void changed_collect(changed_set *c, const nsc_diff *d, size_t *added, size_t *changed)
{
    size_t n = nsc_diff_count(d), k = 0;
    c->ids = xcalloc(n + 1, sizeof *c->ids);
    for (size_t i = 0; i < n; i++) {
        nsc_diff_kind kind;
        const char *id;
        if (nsc_diff_get(d, i, &kind, &id, NULL, NULL) != 0 || kind == NSC_DIFF_REMOVED) continue;
        c->ids[k++] = xstrdup(id);
        if (kind == NSC_DIFF_ADDED)
            ++*added;
        else
            ++*changed;
    }
    qsort(c->ids, k, sizeof *c->ids, cmp_str);
}

/* --changed-since: narrows so to the entries of OLD_SPEC's list that are new or changed in cur.
 * Sets j->skip_all when there is nothing to screen against. */
static int changed_since(changed_set *c, nsc_screen_options *so, screen_job *j,
                         const nsc_engine *cur, const cli_opts *o)
{
    const char *spec = o->changed_since;
    nsc_engine *old;
    nsc_diff *d = NULL;
    int ret = EXIT_ERR;
    if (cli_open_version(&old, o, spec) != 0) return EXIT_ERR;
    nsc_list_info info = { .version = NSC_LIST_INFO_VERSION };
    if (nsc_engine_list_info(&info, old, 0) != 0 || info.name == NULL) goto fail;
    int rc = nsc_diff_lists(&d, old, cur, info.name);
    if (rc == NSC_ENOTFOUND)
        report_no_such_list(cur, info.name, spec);
    else if (rc != 0)
        errorf("--changed-since: %s", nsc_strerror(rc));
    if (rc != 0) goto fail;
    size_t added = 0, changed = 0;
    changed_collect(c, d, &added, &changed);
    c->list = xstrdup(info.name);
    so->list = c->list;
    so->only_ids = (const char *const *)c->ids;
    so->n_only_ids = added + changed;
    j->skip_all = added + changed == 0;
    errorf("--changed-since: screening against the %zu added and %zu changed entries of '%s'",
           added, changed, info.name);
    ret = 0;
fail:
    nsc_diff_free(d);
    nsc_engine_free(old);
    return ret;
}

/* ---------------------------------------------------------------------------------------------
 * The command
 * ------------------------------------------------------------------------------------------- */

/* Screens into --output (removed again on an error, so that no incomplete result looks
 * complete) or standard output. */
static int screen_to_output(screen_job *j, const cli_opts *o)
{
    long nthreads = o->threads ? o->threads : online_cpus();
    if (o->output == NULL) return finish_stdout(screen_run(j, stdout, "standard output", nthreads));
    FILE *out = fopen(o->output, "w");
    if (out == NULL) {
        errorf("cannot write %s: %s", o->output, strerror(errno));
        return EXIT_ERR;
    }
    int status = screen_run(j, out, o->output, nthreads);
    if (fclose(out) != 0 && status != EXIT_ERR) {
        errorf("error writing to %s: %s", o->output, strerror(errno));
        status = EXIT_ERR;
    }
    if (status == EXIT_ERR) remove(o->output);
    return status;
}

static int run(cli_opts *o)
{
    if (cli_opts_format(o, "screen", CLI_CSV, CLI_TEXT) != 0) return EXIT_ERR;
    if (o->n_pos > 1) return usage_error("screen: one input FILE at most (got %zu)", o->n_pos);
    cli_table t;
    screen_job j;
    memset(&j, 0, sizeof j);
    changed_set c = { NULL, NULL };
    nsc_engine *eng = NULL;
    nsc_screen_options so = NSC_SCREEN_OPTIONS_INIT;
    int status = EXIT_ERR;
    if (table_read(&t, o->n_pos ? o->pos[0] : "-") != 0 || screen_prepare(&j, &t, o) != 0 ||
        cli_engine_open(&eng, o, 1) != 0)
        goto fail;
    if (o->changed_since && changed_since(&c, &so, &j, eng, o) != 0) goto fail;
    j.eng = eng;
    j.so = &so;
    status = screen_to_output(&j, o);
fail:
    changed_free(&c);
    free(j.pt_cols);
    free(j.pt_names);
    nsc_engine_free(eng);
    table_free(&t);
    return status;
}

static const char *const forms[] = { "[FILE|-]", NULL };

const cli_cmd cli_cmd_screen = {
    .name = "screen",
    .bit = CLI_SCREEN,
    .forms = forms,
    .summary = "screen the name column of a CSV file",
    .description =
        "Screens the name column (--column, default name) of a CSV file with a header, or of "
        "standard input when FILE is '-' or absent; the dob and country (or nationality) "
        "columns are used as evidence when present. Writes one output line per hit (csv by "
        "default, or jsonl), none for a row without a hit; every other column passes through. "
        "The whole input is read and checked before anything is written: a malformed row stops "
        "the tool with exit status 2, its row and line number, and no output.",
    .hit_status = 1,
    .run = run,
};
