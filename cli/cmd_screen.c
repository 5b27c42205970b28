/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cmd_screen.c: `namescreen screen [FILE|-]`, the nightly run: rows are read as a stream, a
 * window of them is screened on several threads on one frozen engine and written in input
 * order (the same bytes for any number of threads), so memory does not grow with the input.
 * The output goes to FILE.partial, renamed on success; --summary records the run.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "allowlist.h"
#include "cmd.h"
#include "common.h"
#include "input.h"
#include "lists.h"
#include "lsdir.h"
#include "progress.h"
#include "summary.h"

/* Rows read, screened and written per window and thread: the window (threads x this) bounds
 * the memory the rows in flight take, whatever the size of the input. */
#define ROWS_PER_THREAD_BATCH 512
/* The exit status bit added when --skip-bad-rows set rows aside: 4 (no hit) or 5 (hits). */
#define EXIT_SKIPPED 4

/* One row of the window: a copy of its fields, then its output and counts. */
typedef struct slot {
    long row, line;
    cli_buf rec;    /* the fields, each NUL-terminated, back to back */
    const char **f; /* ncols pointers into rec, set by the worker */
    cli_buf out;    /* the output lines */
    int err;        /* an NSC_E* code of nsc_screen() */
    int screened;   /* 0: an empty name */
    int note;       /* cli_date_note */
    long written, suppressed, lapsed;
    int cut;
} slot;

/* The run: fixed after setup, but for the window and its cursor. */
typedef struct pipeline {
    const nsc_engine *eng;
    const nsc_screen_options *so;
    const cli_opts *o;
    const cli_columns *cols;
    const cli_allowlist *allow;
    const char *as_of, *run_id;
    int date_format;
    size_t ncols;
    size_t n_pt; /* pass-through columns */
    size_t *pt_cols;
    const char **pt_names;
    int skip_all; /* --changed-since found nothing to screen against */
    slot *slots;
    size_t cap, fill;
    pthread_mutex_t mu;
    size_t next;
} pipeline;

/* What a hit of a row becomes: written (status hit or lapsed), or suppressed. */
typedef struct fate {
    const nsc_hit *h;
    cli_allow allow;
    const cli_clearance *c;
} fate;

/* What --changed-since screens against: the ids of one list, owned here. */
typedef struct changed_set {
    char **ids; /* NULL-terminated */
    char *list;
} changed_set;

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
 * Sets *skip_all when there is nothing to screen against. */
static int changed_since(changed_set *c, nsc_screen_options *so, int *skip_all,
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
    *skip_all = added + changed == 0;
    errorf("--changed-since: screening against the %zu added and %zu changed entries of '%s'",
           added, changed, info.name);
    ret = 0;
fail:
    nsc_diff_free(d);
    nsc_engine_free(old);
    return ret;
}

/* ---------------------------------------------------------------------------------------------
 * Screening one row
 * ------------------------------------------------------------------------------------------- */

/* Judges every hit against the allowlist into fates[]; returns how many are written. */
static size_t judge_hits(fate *fates, slot *s, const pipeline *p, const nsc_hits *hits,
                         const char *key)
{
    size_t n = nsc_hits_count(hits), k = 0;
    for (size_t i = 0; i < n; i++) {
        const nsc_hit *h = nsc_hits_get(hits, i);
        const nsc_entity *e = h ? nsc_hit_entity(h) : NULL;
        if (e == NULL) continue;
        fate f = { h, CLI_ALLOW_NONE, NULL };
        if (p->allow != NULL) {
            char hash[33];
            nsc_entity_content_hash(hash, e);
            f.allow = cli_allowlist_judge(p->allow, key, nsc_hit_list(h), nsc_hit_entity_id(h),
                                          hash, p->as_of, &f.c);
        }
        if (f.allow == CLI_ALLOW_SUPPRESS) {
            s->suppressed++;
            continue;
        }
        fates[k++] = f;
    }
    return k;
}

static void write_row_line(slot *s, const pipeline *p, cli_row *r, const nsc_hit *h)
{
    if (p->o->format == CLI_CSV)
        cli_screen_csv(&s->out, r, h);
    else
        cli_screen_jsonl(&s->out, r, h);
}

/* The hits written (--limit cuts them), or with --all one line for a row without a hit. */
static void write_row(slot *s, const pipeline *p, cli_row *r, const nsc_hits *hits)
{
    size_t n = nsc_hits_count(hits);
    fate *fates = n ? calloc(n, sizeof *fates) : NULL;
    if (n && fates == NULL) {
        s->err = NSC_ENOMEM;
        return;
    }
    size_t k = judge_hits(fates, s, p, hits, r->id);
    size_t limit = p->o->limit > 0 ? (size_t)p->o->limit : k;
    s->cut = k > limit;
    r->cut = s->cut;
    for (size_t i = 0; i < k && i < limit; i++) {
        int lapsed = fates[i].allow != CLI_ALLOW_NONE;
        r->status = lapsed ? "lapsed" : "hit";
        r->cleared_by = lapsed ? fates[i].c->cleared_by : NULL;
        r->cleared_on = lapsed ? fates[i].c->cleared_on : NULL;
        r->lapse_reason = lapsed ? cli_allow_reason(fates[i].allow) : NULL;
        write_row_line(s, p, r, fates[i].h);
        s->written++;
        s->lapsed += lapsed;
    }
    free(fates);
    if (s->written == 0 && p->o->all) {
        r->status = s->suppressed ? "suppressed" : "clear";
        r->cleared_by = r->cleared_on = r->lapse_reason = NULL;
        write_row_line(s, p, r, NULL);
    }
}

static const char *cell(const slot *s, long col) { return col >= 0 ? s->f[col] : NULL; }

static const char *nonblank(const char *v) { return v && !is_blank(v) ? v : NULL; }

static void screen_slot(slot *s, const pipeline *p, const char **vals)
{
    size_t off = 0;
    for (size_t i = 0; i < p->ncols; i++) { /* the fields, back to back */
        s->f[i] = s->rec.p + off;
        off += strlen(s->f[i]) + 1;
    }
    cli_record rec = { s->row, s->line, p->ncols, s->f };
    nsc_query q = NSC_QUERY_INIT;
    char iso[11] = "", namebuf[2 * NSC_MAX_NAME_BYTES + 2];
    cli_date_note note = CLI_DATE_NONE;
    cli_record_query(&q, iso, &note, &rec, p->cols, p->date_format);
    if (q.type == NSC_TYPE_UNKNOWN) q.type = p->o->type;
    const char *name = cli_record_name(&rec, p->cols, namebuf, sizeof namebuf);
    s->note = (int)note;
    if (name == NULL || is_blank(name)) return;
    s->screened = 1;
    nsc_hits *hits = NULL;
    if (!p->skip_all) {
        int rc = nsc_screen(&hits, p->eng, &q, p->so);
        if (rc != 0) {
            s->err = rc;
            return;
        }
    }
    for (size_t i = 0; i < p->n_pt; i++) vals[i] = s->f[p->pt_cols[i]];
    cli_row r = { .has_row = 1,
                  .row = s->row,
                  .query = name,
                  .n_cols = p->n_pt,
                  .col_names = p->pt_names,
                  .col_values = vals };
    r.run_id = p->run_id;
    r.id = nonblank(cell(s, p->cols->id));
    r.date_value = nonblank(cell(s, p->cols->dob));
    r.date_note = r.date_value ? cli_date_note_name(note) : NULL;
    write_row(s, p, &r, hits);
    if (s->out.oom) s->err = NSC_ENOMEM;
    nsc_hits_free(hits);
}

static void *screen_worker(void *arg)
{
    pipeline *p = arg;
    const char **vals = calloc(p->n_pt ? p->n_pt : 1, sizeof *vals);
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t i = p->next < p->fill ? p->next++ : p->fill;
        pthread_mutex_unlock(&p->mu);
        if (i >= p->fill) break;
        if (vals == NULL)
            p->slots[i].err = NSC_ENOMEM;
        else
            screen_slot(&p->slots[i], p, vals);
    }
    free(vals);
    return NULL;
}

/* Screens the window's rows on nthreads threads (this one among them). */
static void screen_window(pipeline *p, long nthreads)
{
    p->next = 0;
    pthread_t tids[MAX_THREADS];
    long started = 0;
    for (long i = 1; i < nthreads && (size_t)i < p->fill; i++) {
        if (pthread_create(&tids[started], NULL, screen_worker, p) != 0)
            break; /* fewer threads: the same output, just slower */
        started++;
    }
    screen_worker(p);
    for (long i = 0; i < started; i++) pthread_join(tids[i], NULL);
}

/* ---------------------------------------------------------------------------------------------
 * Reading rows into the window
 * ------------------------------------------------------------------------------------------- */

/* Checks a record as the reader gives it: 0 fine, 1 set aside as a bad row (--skip-bad-rows),
 * -1 a fatal bad row (reported). */
static int check_record(cli_input *in, const cli_record *rec, const pipeline *p)
{
    nsc_query q = NSC_QUERY_INIT;
    char iso[11], namebuf[2 * NSC_MAX_NAME_BYTES + 2], why[256];
    cli_date_note note;
    const char *name = cli_record_name(rec, p->cols, namebuf, sizeof namebuf);
    size_t len = name ? strlen(name) : 0;
    if (cli_record_query(&q, iso, &note, rec, p->cols, p->date_format) == CLI_RECORD_BAD_TYPE)
        snprintf(why, sizeof why,
                 "unknown entity type '%.64s' in column '%s' (person, organization, vessel or "
                 "aircraft)",
                 rec->f[p->cols->type], cli_input_colname(in, (size_t)p->cols->type));
    else if (len > NSC_MAX_NAME_BYTES)
        snprintf(why, sizeof why, "the name is %zu bytes long, more than %d", len,
                 NSC_MAX_NAME_BYTES);
    else
        return 0;
    return cli_input_bad_row(in, rec, why) == 0 ? 1 : -1;
}

static void slot_take(slot *s, const cli_record *rec)
{
    s->row = rec->row;
    s->line = rec->line;
    s->rec.len = 0;
    for (size_t i = 0; i < rec->n; i++) cli_buf_put(&s->rec, rec->f[i], strlen(rec->f[i]) + 1);
    cli_buf_free(&s->out);
    s->err = s->screened = s->note = s->cut = 0;
    s->written = s->suppressed = s->lapsed = 0;
}

/* Fills the window: 1 rows were read and more may follow, 0 the end of the input was reached,
 * -1 a fatal error (reported; the rows before it are in the window). */
static int fill_window(pipeline *p, cli_input *in)
{
    p->fill = 0;
    while (p->fill < p->cap) {
        cli_record rec;
        int rc = cli_input_next(in, &rec);
        if (rc <= 0) return rc;
        int bad = check_record(in, &rec, p);
        if (bad < 0) return -1;
        if (bad > 0) continue;
        slot *s = &p->slots[p->fill++];
        slot_take(s, &rec);
        if (s->rec.oom) {
            errorf("out of memory");
            return -1;
        }
    }
    return 1;
}

/* ---------------------------------------------------------------------------------------------
 * Writing the window in order
 * ------------------------------------------------------------------------------------------- */

typedef struct run_state {
    cli_sink sink;
    cli_run_stats *st;
    long done_row; /* every data row up to here is written */
    long empty, first_empty;
    long first_note[4]; /* the first data row of each cli_date_note */
    int header_done;    /* the CSV header is written with the first line, or at the end */
} run_state;

static void count_slot(run_state *rs, const slot *s)
{
    cli_run_stats *st = rs->st;
    if (!s->screened) {
        if (rs->empty++ == 0) rs->first_empty = s->row;
        return;
    }
    st->rows_screened++;
    st->rows_with_hits += s->written > 0;
    st->rows_clear += s->written == 0;
    st->rows_cut += s->cut;
    st->hits_written += s->written;
    st->hits_suppressed += s->suppressed;
    st->hits_lapsed += s->lapsed;
    if (s->note >= 0 && s->note < 4 && rs->first_note[s->note] == 0)
        rs->first_note[s->note] = s->row;
    st->dates_ambiguous += s->note == CLI_DATE_AMBIGUOUS;
    st->dates_unparsed += s->note == CLI_DATE_UNPARSED;
}

static int write_header(run_state *rs, const pipeline *p)
{
    rs->header_done = 1;
    if (p->o->format != CLI_CSV) return 0;
    cli_buf head;
    cli_buf_init(&head);
    cli_row r = { .has_row = 1, .n_cols = p->n_pt, .col_names = p->pt_names };
    cli_screen_csv_header(&head, &r);
    int ret = !head.oom && cli_sink_write(&rs->sink, head.p, head.len) == 0 ? 0 : EXIT_ERR;
    if (ret != 0) errorf("error writing to %s: %s", rs->sink.name, strerror(errno));
    cli_buf_free(&head);
    return ret;
}

/* 0, or EXIT_ERR after a message (a row that could not be screened, a write error). */
static int write_window(run_state *rs, const pipeline *p, const char *display)
{
    for (size_t i = 0; i < p->fill; i++) {
        const slot *s = &p->slots[i];
        if (s->err != 0) {
            errorf("%s line %ld (data row %ld): cannot screen the row: %s", display, s->line,
                   s->row, nsc_strerror(s->err));
            return EXIT_ERR;
        }
        if (s->out.len && !rs->header_done && write_header(rs, p) != 0) return EXIT_ERR;
        if (s->out.len && cli_sink_write(&rs->sink, s->out.p, s->out.len) != 0) {
            errorf("error writing to %s: %s", rs->sink.name, strerror(errno));
            return EXIT_ERR;
        }
        count_slot(rs, s);
        rs->done_row = s->row;
    }
    return 0;
}

static long online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : n;
}

static void progress_tick(cli_progress *pg, const cli_input *in, const cli_run_stats *st, int end)
{
    if (!pg->on) return;
    char hex[65];
    long long bytes = 0;
    cli_input_digest(in, hex, &bytes);
    long rows = cli_input_rows_read(in);
    if (end)
        cli_progress_end(pg, rows, st->hits_written, bytes);
    else
        cli_progress_update(pg, rows, st->hits_written, bytes);
}

/* What the run set aside or could not use, on standard error. */
static void run_warnings(const run_state *rs, const cli_input *in)
{
    const char *display = cli_input_display(in);
    const cli_run_stats *st = rs->st;
    if (rs->empty > 0)
        errorf("warning: %s: %ld row%s with an empty name (first: data row %ld) not screened",
               display, rs->empty, rs->empty == 1 ? "" : "s", rs->first_empty);
    if (st->dates_ambiguous > 0)
        errorf("warning: %s: %ld date%s of birth ambiguous, day-first or month-first (first: data "
               "row %ld), not used as evidence; give --date-format dmy or mdy",
               display, st->dates_ambiguous, st->dates_ambiguous == 1 ? "" : "s",
               rs->first_note[CLI_DATE_AMBIGUOUS]);
    if (st->dates_unparsed > 0)
        errorf("warning: %s: %ld date%s of birth not understood (first: data row %ld), not used "
               "as evidence",
               display, st->dates_unparsed, st->dates_unparsed == 1 ? "" : "s",
               rs->first_note[CLI_DATE_UNPARSED]);
    long skipped = cli_input_rows_skipped(in);
    if (skipped > 0)
        errorf("warning: %s: %ld bad row%s set aside in %s, not screened", display, skipped,
               skipped == 1 ? "" : "s", cli_input_reject_path(in));
}

/* Reads, screens and writes window after window. 0, or EXIT_ERR (reported). */
static int pipeline_run(pipeline *p, cli_input *in, run_state *rs, long nthreads, long long size)
{
    cli_progress pg;
    cli_progress_init(&pg, size);
    int ret = 0, more = 1;
    while (ret == 0 && more > 0) {
        more = fill_window(p, in);
        screen_window(p, nthreads);
        ret = write_window(rs, p, cli_input_display(in));
        if (ret == 0 && more < 0) { /* the reader stopped at a bad row: all before it is out */
            rs->done_row = cli_input_rows_read(in) - 1;
            ret = EXIT_ERR;
        }
        progress_tick(&pg, in, rs->st, 0);
    }
    if (ret == 0 && !rs->header_done) ret = write_header(rs, p); /* a run without a line */
    progress_tick(&pg, in, rs->st, 1);
    run_warnings(rs, in);
    return ret;
}

/* ---------------------------------------------------------------------------------------------
 * The command
 * ------------------------------------------------------------------------------------------- */

/* Everything one run holds, freed by screen_free. */
typedef struct screen_run {
    cli_opts *o;
    nsc_engine *eng;
    nsc_screen_options so;
    changed_set changed;
    cli_allowlist allow;
    int have_allow;
    cli_input *in;
    cli_columns cols;
    pipeline p;
    cli_summary sum;
    char as_of[11];
    const char *path; /* the input path given, or "-" */
    char *spool;      /* --validate-first on standard input: the copy read twice */
    char *partial;    /* --output FILE: FILE.partial */
    FILE *out;
} screen_run;

static void slots_free(pipeline *p)
{
    for (size_t i = 0; p->slots && i < p->cap; i++) {
        cli_buf_free(&p->slots[i].rec);
        cli_buf_free(&p->slots[i].out);
        free(p->slots[i].f);
    }
    free(p->slots);
    free(p->pt_cols);
    free(p->pt_names);
}

static void screen_free(screen_run *r)
{
    changed_free(&r->changed);
    if (r->have_allow) cli_allowlist_free(&r->allow);
    cli_input_close(r->in);
    slots_free(&r->p);
    nsc_engine_free(r->eng);
    if (r->spool) remove(r->spool);
    free(r->spool);
    free(r->partial);
}

/* Opens the input; bad rows go to --reject-file, else OUTPUT.rejects.csv, else rejects.csv. */
static int open_input(screen_run *r, const char *path)
{
    const cli_opts *o = r->o;
    char *rej = NULL; /* --reject-file without --skip-bad-rows: cli_columns_resolve refuses it */
    if (o->skip_bad_rows && !o->reject_file && o->output) {
        rej = xcalloc(strlen(o->output) + sizeof ".rejects.csv", 1);
        snprintf(rej, strlen(o->output) + sizeof ".rejects.csv", "%s.rejects.csv", o->output);
    }
    cli_input_opts io = { path,
                          o->delimiter,
                          o->no_header,
                          o->input_encoding,
                          o->skip_bad_rows,
                          o->reject_file ? o->reject_file : rej };
    int ret = cli_input_open(&r->in, &io);
    free(rej);
    return ret;
}

/* Copies standard input to a temporary file, for --validate-first to read twice. */
static int spool_stdin(screen_run *r)
{
    const char *dir = getenv("TMPDIR");
    size_t n = strlen(dir ? dir : "/tmp") + sizeof "/namescreen-input-XXXXXX";
    r->spool = xcalloc(n, 1);
    snprintf(r->spool, n, "%s/namescreen-input-XXXXXX", dir ? dir : "/tmp");
    int fd = mkstemp(r->spool);
    if (fd < 0) {
        errorf("cannot create a temporary file for --validate-first: %s", strerror(errno));
        free(r->spool);
        r->spool = NULL;
        return EXIT_ERR;
    }
    FILE *f = fdopen(fd, "wb");
    char buf[65536];
    size_t got;
    int ok = f != NULL;
    while (ok && (got = fread(buf, 1, sizeof buf, stdin)) > 0) ok = fwrite(buf, 1, got, f) == got;
    if (ferror(stdin)) ok = 0;
    if (f == NULL || fclose(f) != 0) ok = 0;
    if (!ok) errorf("cannot copy standard input for --validate-first: %s", strerror(errno));
    return ok ? 0 : EXIT_ERR;
}

/* The input's SHA-256 and size before anything is screened, for the run id: a first pass
 * over a regular file; standard input cannot be read twice (without --validate-first). */
static void input_checksum(screen_run *r, const char *path)
{
    struct stat sb;
    r->sum.input_size = -1;
    if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) return;
    if (cli_file_sha256(r->sum.input_sha256, &r->sum.input_size, path) != 0) {
        r->sum.input_sha256[0] = '\0';
        r->sum.input_size = -1;
    }
}

/* The pass-through columns: every column but the name's (given and family names, which the
 * query joins, pass through as they were written). */
static void passthrough(pipeline *p, const cli_input *in)
{
    p->ncols = cli_input_ncols(in);
    p->pt_cols = xcalloc(p->ncols + 1, sizeof *p->pt_cols);
    p->pt_names = xcalloc(p->ncols + 1, sizeof *p->pt_names);
    for (size_t i = 0; i < p->ncols; i++) {
        long c = (long)i;
        if (c == p->cols->name) continue;
        p->pt_cols[p->n_pt] = i;
        p->pt_names[p->n_pt++] = cli_input_colname(in, i);
    }
}

static void slots_new(pipeline *p, long nthreads)
{
    p->cap = (size_t)nthreads * ROWS_PER_THREAD_BATCH;
    p->slots = xcalloc(p->cap, sizeof *p->slots);
    for (size_t i = 0; i < p->cap; i++) p->slots[i].f = xcalloc(p->ncols + 1, sizeof(char *));
}

/* --validate-first: every row is read and checked before anything is screened or written. */
static int validate_all(screen_run *r, const char *path)
{
    cli_record rec;
    int rc;
    while ((rc = cli_input_next(r->in, &rec)) == 1)
        if (check_record(r->in, &rec, &r->p) < 0) rc = -1;
    cli_input_close(r->in);
    r->in = NULL;
    if (rc < 0) {
        errorf("--validate-first: nothing was screened");
        return EXIT_ERR;
    }
    return open_input(r, path);
}

/* Whether path exists and is not a regular file (/dev/null, a FIFO, a terminal): written in
 * place, since renaming FILE.partial over it would replace the device with a file. */
static int is_special(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && !S_ISREG(sb.st_mode);
}

/* Opens --output FILE as FILE.partial (a FILE that is a device or FIFO as itself). */
static int open_output(screen_run *r, run_state *rs)
{
    if (r->o->output == NULL) {
        cli_sink_init(&rs->sink, stdout, "standard output");
        return 0;
    }
    if (is_special(r->o->output)) {
        r->out = fopen(r->o->output, "w");
        if (r->out == NULL) {
            errorf("cannot write %s: %s", r->o->output, strerror(errno));
            return EXIT_ERR;
        }
        cli_sink_init(&rs->sink, r->out, r->o->output);
        return 0;
    }
    size_t n = strlen(r->o->output) + sizeof ".partial";
    r->partial = xcalloc(n, 1);
    snprintf(r->partial, n, "%s.partial", r->o->output);
    r->out = fopen(r->partial, "w");
    if (r->out == NULL) {
        errorf("cannot write %s: %s", r->partial, strerror(errno));
        return EXIT_ERR;
    }
    cli_sink_init(&rs->sink, r->out, r->partial);
    return 0;
}

/* Closes the output: renamed to FILE when the run is complete, removed otherwise. */
static int close_output(screen_run *r, int status)
{
    if (r->out == NULL) return fflush(stdout) == 0 || status == EXIT_ERR ? status : EXIT_ERR;
    if (fclose(r->out) != 0 && status != EXIT_ERR) {
        errorf("error writing to %s: %s", r->partial ? r->partial : r->o->output, strerror(errno));
        status = EXIT_ERR;
    }
    r->out = NULL;
    if (r->partial == NULL) return status; /* a device or FIFO, written in place */
    if (status != EXIT_ERR && rename(r->partial, r->o->output) != 0) {
        errorf("cannot rename %s to %s: %s", r->partial, r->o->output, strerror(errno));
        status = EXIT_ERR;
    }
    if (status == EXIT_ERR) remove(r->partial);
    return status;
}

static int screen_setup(screen_run *r, long nthreads)
{
    cli_opts *o = r->o;
    if (o->allowlist && o->id_column == NULL)
        return usage_error("screen: --allowlist needs --id-column, the counterparty key the "
                           "clearances are keyed by");
    if (o->as_of)
        snprintf(r->as_of, sizeof r->as_of, "%s", o->as_of);
    else
        cli_utc_today(r->as_of);
    if (o->allowlist) {
        r->have_allow = 1;
        if (cli_allowlist_read(&r->allow, o->allowlist) != 0) return EXIT_ERR;
    }
    if (cli_engine_open(&r->eng, o, 1) != 0) return EXIT_ERR;
    r->so.max_hits = 0; /* every hit: --limit cuts after the allowlist */
    if (o->changed_since && changed_since(&r->changed, &r->so, &r->p.skip_all, r->eng, o) != 0)
        return EXIT_ERR;
    const char *path = r->path;
    if (o->validate_first && strcmp(path, "-") == 0) {
        if (spool_stdin(r) != 0) return EXIT_ERR;
        path = r->spool;
    }
    input_checksum(r, path);
    if (open_input(r, path) != 0 || cli_columns_resolve(&r->cols, r->in, o) != 0) return EXIT_ERR;
    pipeline *p = &r->p;
    p->eng = r->eng;
    p->so = &r->so;
    p->o = o;
    p->cols = &r->cols;
    p->allow = r->have_allow ? &r->allow : NULL;
    p->as_of = r->as_of;
    p->date_format = o->date_format;
    if (o->validate_first && validate_all(r, path) != 0) return EXIT_ERR;
    passthrough(p, r->in); /* the column names of the input that is streamed */
    slots_new(p, nthreads);
    return 0;
}

static void summary_start(screen_run *r, long nthreads)
{
    cli_summary *s = &r->sum;
    s->o = r->o;
    s->input_path = r->path;
    s->input_size = -1;
    s->threads = nthreads;
    s->as_of = r->as_of;
    s->header = 1;
    s->complete = 0;
    s->date_format = cli_date_format_name((cli_date_format)r->o->date_format);
    cli_utc_now(s->started);
}

/* The run id: --run-id, else the hash of what decides the output. */
static void run_id(screen_run *r)
{
    cli_summary *s = &r->sum;
    s->eng = r->eng;
    if (r->have_allow) {
        memcpy(s->allowlist_sha256, r->allow.sha256, sizeof s->allowlist_sha256);
        s->allowlist_entries = (long)r->allow.n;
    }
    if (r->in) {
        s->encoding = cli_input_encoding(r->in);
        s->delimiter = cli_input_delimiter(r->in);
        s->header = cli_input_has_header(r->in);
    }
    if (r->o->run_id)
        snprintf(s->run_id, sizeof s->run_id, "%s", r->o->run_id);
    else
        cli_summary_run_id(s);
    r->p.run_id = s->run_id;
}

static void summary_finish(screen_run *r, run_state *rs, int status)
{
    cli_summary *s = &r->sum;
    s->complete = status != EXIT_ERR;
    s->incomplete_after_row = rs->done_row;
    if (r->in && s->input_sha256[0] == '\0' && s->complete) {
        /* standard input: the reader hashed it as it went (a file was hashed first) */
        long long bytes;
        cli_input_digest(r->in, s->input_sha256, &bytes);
        s->input_size = bytes;
    }
    if (r->in) {
        s->st.rows_read = cli_input_rows_read(r->in);
        s->st.rows_skipped = cli_input_rows_skipped(r->in);
        s->reject_path = cli_input_reject_path(r->in);
    }
    if (s->complete) cli_sink_digest(&rs->sink, s->output_sha256);
    cli_utc_now(s->finished);
}

static int run(cli_opts *o)
{
    if (cli_opts_format(o, "screen", CLI_CSV, CLI_TEXT) != 0) return EXIT_ERR;
    if (o->n_pos > 1) return usage_error("screen: one input FILE at most (got %zu)", o->n_pos);
    screen_run r;
    memset(&r, 0, sizeof r);
    nsc_screen_options so = NSC_SCREEN_OPTIONS_INIT;
    r.so = so;
    r.o = o;
    r.path = o->n_pos ? o->pos[0] : "-";
    long nthreads = o->threads ? o->threads : online_cpus();
    run_state rs;
    memset(&rs, 0, sizeof rs);
    rs.st = &r.sum.st;
    summary_start(&r, nthreads);
    int started = 0, status = screen_setup(&r, nthreads);
    if (status == 0) {
        run_id(&r);
        status = open_output(&r, &rs);
    }
    if (status == 0) {
        started = 1;
        pipeline_run(&r.p, r.in, &rs, nthreads, r.sum.input_size) == 0 ? (void)0
                                                                       : (void)(status = EXIT_ERR);
        status = close_output(&r, status);
    }
    if (status == EXIT_ERR && started)
        errorf("incomplete after data row %ld%s", rs.done_row,
               r.partial ? "; the partial output was removed" : "");
    if (!started) run_id(&r);
    summary_finish(&r, &rs, status);
    if (o->summary && cli_summary_write(&r.sum, o->summary) != 0) status = EXIT_ERR;
    if (status != EXIT_ERR) {
        status = r.sum.st.hits_written > 0 ? EXIT_HIT : 0;
        if (r.sum.st.rows_skipped > 0) status += EXIT_SKIPPED;
    }
    screen_free(&r);
    return status;
}

static const char *const forms[] = { "[FILE|-]", NULL };

const cli_cmd cli_cmd_screen = {
    .name = "screen",
    .bit = CLI_SCREEN,
    .forms = forms,
    .summary = "screen the names of a CSV file (the nightly run)",
    .description =
        "Screens the name column (--column, default name; or --given-column and "
        "--family-column) of a CSV file, or of standard input when FILE is '-' or absent: its "
        "delimiter is detected from the first line, gzip is read as such, and Latin-1 or "
        "Windows-1252 with --input-encoding; the dob and country (or nationality) columns are "
        "used as evidence when present. Rows are read as a stream, screened on --threads "
        "threads and written in input order as they are screened, in memory that does not grow "
        "with the input: one output line per hit (csv by default, or jsonl), every hit unless "
        "--limit, each carrying the run id, its status and the list entry; with --all one line "
        "for each row without a hit too. With --output the result goes to FILE.partial, renamed "
        "to FILE when the run is complete. A malformed row stops the run (\"incomplete after "
        "data row N\") unless --skip-bad-rows, which sets it aside in the reject file; "
        "--validate-first checks every row before anything is screened. --summary records the "
        "run.",
    .hit_status = 1,
    .exit_text = "Exit status: 0 no hit; 1 at least one hit written (lapsed clearances "
                 "included); 2 an error (the run is incomplete); 4 added when --skip-bad-rows "
                 "set rows aside (4: rows skipped and no hit, 5: rows skipped and hits).",
    .run = run,
};
