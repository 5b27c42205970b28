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
#include "input.h"
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
    cli_columns cols;
    int date_format;
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

/* Row `row` of the table as the reader handed it out. */
static cli_record table_record(const cli_table *t, size_t row, const char **cells)
{
    for (size_t i = 0; i < t->ncols; i++) cells[i] = table_cell(t, row, i);
    cli_record rec = { t->rows[row], t->lines[row], t->ncols, cells };
    return rec;
}

static void screen_row(screen_job *j, size_t row, const char **vals)
{
    const cli_table *t = j->t;
    size_t slot = row - j->begin;
    char joined[2 * NSC_MAX_NAME_BYTES + 2], iso[11];
    cli_record rec = table_record(t, row, vals + j->n_pt);
    const char *name = cli_record_name(&rec, &j->cols, joined, sizeof joined);
    if (j->skip_all || is_blank(name)) return;
    nsc_query q;
    cli_date_note note;
    cli_record_query(&q, iso, &note, &rec, &j->cols, j->date_format); /* checked when read */
    nsc_hits *hits;
    int rc = nsc_screen(&hits, j->eng, &q, j->so);
    if (rc != 0) {
        j->errs[slot] = rc;
        return;
    }
    for (size_t i = 0; i < j->n_pt; i++) vals[i] = table_cell(t, row, j->pt_cols[i]);
    cli_row r = { 1, t->rows[row], name, j->n_pt, j->pt_names, vals };
    cli_hits_lines(&j->outs[slot], &r, hits, j->format);
    j->hit[slot] = nsc_hits_count(hits) > 0;
    if (j->outs[slot].oom) j->errs[slot] = NSC_ENOMEM;
    nsc_hits_free(hits);
}

static void *screen_worker(void *arg)
{
    screen_job *j = arg;
    const char **vals = calloc(j->n_pt + j->t->ncols + 1, sizeof *vals);
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
            const char **cells = xcalloc(j->t->ncols + 1, sizeof *cells);
            char joined[2 * NSC_MAX_NAME_BYTES + 2];
            cli_record rec = table_record(j->t, j->begin + i, cells);
            errorf("%s line %ld (data row %ld): cannot screen '%s': %s; output stopped here and "
                   "is incomplete",
                   j->t->display, rec.line, rec.row,
                   cli_record_name(&rec, &j->cols, joined, sizeof joined),
                   nsc_strerror(j->errs[i]));
            free(cells);
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
        cli_row r = { 1, 0, NULL, j->n_pt, j->pt_names, NULL };
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

/* What reading found wrong with the dates of birth: reported, never dropped silently. */
typedef struct date_tally {
    long n[CLI_DATE_UNPARSED + 1];
    long first[CLI_DATE_UNPARSED + 1]; /* data row */
} date_tally;

static void date_warnings(const char *display, const date_tally *d)
{
    if (d->n[CLI_DATE_AMBIGUOUS] > 0)
        errorf("warning: %s: %ld date%s of birth ambiguous, day-first or month-first (first: data "
               "row %ld), not used as evidence; give --date-format dmy or mdy",
               display, d->n[CLI_DATE_AMBIGUOUS], d->n[CLI_DATE_AMBIGUOUS] == 1 ? "" : "s",
               d->first[CLI_DATE_AMBIGUOUS]);
    if (d->n[CLI_DATE_UNPARSED] > 0)
        errorf("warning: %s: %ld date%s of birth not understood (first: data row %ld), not used "
               "as evidence",
               display, d->n[CLI_DATE_UNPARSED], d->n[CLI_DATE_UNPARSED] == 1 ? "" : "s",
               d->first[CLI_DATE_UNPARSED]);
}

/* A row's own problems, beyond the reader's: an unknown type, a name too long. Writes why and
 * returns 1 when the row is bad. Tallies the date and whether the name is empty. */
static int row_check(const cli_record *rec, const screen_job *j, char *why, size_t cap,
                     date_tally *d, int *empty)
{
    nsc_query q;
    char iso[11], joined[2 * NSC_MAX_NAME_BYTES + 2];
    cli_date_note note;
    if (cli_record_query(&q, iso, &note, rec, &j->cols, j->date_format) != 0) {
        snprintf(why, cap,
                 "unknown entity type '%.64s' in column '%s' (person, organization, vessel or "
                 "aircraft)",
                 rec->f[j->cols.type], j->t->header[j->cols.type]);
        return 1;
    }
    const char *name = cli_record_name(rec, &j->cols, joined, sizeof joined);
    size_t len = strlen(name);
    if (len > NSC_MAX_NAME_BYTES) {
        snprintf(why, cap, "the name is %zu bytes long, more than %d", len, NSC_MAX_NAME_BYTES);
        return 1;
    }
    if (d->n[note]++ == 0) d->first[note] = rec->row;
    *empty = is_blank(name);
    return 0;
}

/* Reads the input through the streaming reader (input.h) into t and checks every row before
 * anything is screened; empty names are counted and reported (they cannot hit). */
static int screen_read(cli_table *t, screen_job *j, const cli_opts *o, const char *path)
{
    if (o->reject_file && !o->skip_bad_rows)
        return usage_error("screen: --reject-file is for --skip-bad-rows");
    char *rej = NULL;
    if (o->skip_bad_rows && !o->reject_file && o->output) {
        rej = xcalloc(strlen(o->output) + sizeof ".rejects.csv", 1);
        sprintf(rej, "%s.rejects.csv", o->output);
    }
    cli_input_opts io = { path,
                          o->delimiter,
                          o->no_header,
                          o->input_encoding,
                          o->skip_bad_rows,
                          o->reject_file ? o->reject_file : rej };
    cli_input *in;
    int ret = cli_input_open(&in, &io);
    free(rej);
    if (ret != 0) return ret;
    const char *display = strcmp(path, "-") == 0 ? "standard input" : path;
    const char **names = xcalloc(cli_input_ncols(in) + 1, sizeof *names);
    for (size_t i = 0; i < cli_input_ncols(in); i++) names[i] = cli_input_colname(in, i);
    table_init(t, display, cli_input_ncols(in), names);
    free(names);
    j->t = t;
    ret = cli_columns_resolve(&j->cols, in, o);
    date_tally d = { { 0 }, { 0 } };
    long empty = 0, first_empty = 0;
    cli_record rec;
    int rc = 0, is_empty;
    char why[256];
    while (ret == 0 && (rc = cli_input_next(in, &rec)) == 1) {
        if (row_check(&rec, j, why, sizeof why, &d, &is_empty) != 0) {
            if (cli_input_bad_row(in, &rec, why) != 0) rc = -1;
            if (rc < 0) break;
            continue;
        }
        if (is_empty && empty++ == 0) first_empty = rec.row;
        table_append(t, rec.f, rec.line, rec.row);
    }
    if (ret == 0 && rc < 0) {
        errorf("%s: nothing was screened", display);
        ret = EXIT_ERR;
    }
    if (ret == 0) {
        if (empty > 0)
            errorf("warning: %s: %ld row%s with an empty name (first: data row %ld) not screened",
                   display, empty, empty == 1 ? "" : "s", first_empty);
        date_warnings(display, &d);
        if (cli_input_rows_skipped(in) > 0)
            errorf("warning: %s: %ld bad row%s set aside in %s, not screened", display,
                   cli_input_rows_skipped(in), cli_input_rows_skipped(in) == 1 ? "" : "s",
                   cli_input_reject_path(in));
    }
    cli_input_close(in);
    return ret;
}

/* The pass-through columns: every column but the name's. */
static void screen_prepare(screen_job *j, const cli_table *t, const cli_opts *o)
{
    j->format = o->format;
    j->date_format = o->date_format;
    j->pt_cols = xcalloc(t->ncols + 1, sizeof *j->pt_cols);
    j->pt_names = xcalloc(t->ncols + 1, sizeof *j->pt_names);
    for (size_t i = 0; i < t->ncols; i++)
        if ((long)i != j->cols.name) {
            j->pt_cols[j->n_pt] = i;
            j->pt_names[j->n_pt++] = t->header[i];
        }
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
    memset(&t, 0, sizeof t);
    screen_job j;
    memset(&j, 0, sizeof j);
    j.date_format = o->date_format;
    changed_set c = { NULL, NULL };
    nsc_engine *eng = NULL;
    nsc_screen_options so = NSC_SCREEN_OPTIONS_INIT;
    int status = EXIT_ERR;
    if (screen_read(&t, &j, o, o->n_pos ? o->pos[0] : "-") != 0) goto fail;
    screen_prepare(&j, &t, o);
    if (cli_engine_open(&eng, o, 1) != 0) goto fail;
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
