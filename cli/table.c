/* SPDX-License-Identifier: Apache-2.0 */
/*
 * table.c: reads a CSV input file whole (one text block, an offset per cell), so that a
 * malformed row stops the tool with its row and line number before any output is written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "namescreen.h"
#include "namescreen/csv.h"
#include "table.h"

void table_free(cli_table *t)
{
    for (size_t i = 0; i < t->ncols; i++) free(t->header[i]);
    free(t->header);
    free(t->offs);
    free(t->lines);
    free(t->rows);
    free(t->text);
}

const char *table_cell(const cli_table *t, size_t row, size_t col)
{
    return t->text + t->offs[row * t->ncols + col];
}

static size_t table_add_text(cli_table *t, const char *s, size_t n)
{
    while (t->text_len + n + 1 > t->text_cap) {
        t->text_cap = t->text_cap ? t->text_cap * 2 : 65536;
        t->text = xrealloc(t->text, t->text_cap);
    }
    size_t off = t->text_len;
    memcpy(t->text + off, s, n);
    t->text[off + n] = '\0';
    t->text_len += n + 1;
    return off;
}

static void table_grow(cli_table *t)
{
    if (t->nrows < t->caprows) return;
    t->caprows = t->caprows ? t->caprows * 2 : 1024;
    t->offs = xrealloc(t->offs, t->caprows * (t->ncols ? t->ncols : 1) * sizeof *t->offs);
    t->lines = xrealloc(t->lines, t->caprows * sizeof *t->lines);
    t->rows = xrealloc(t->rows, t->caprows * sizeof *t->rows);
}

void table_init(cli_table *t, const char *display, size_t ncols, const char *const *names)
{
    memset(t, 0, sizeof *t);
    t->display = display;
    t->ncols = ncols;
    t->header = xcalloc(ncols ? ncols : 1, sizeof *t->header);
    for (size_t i = 0; i < ncols; i++) t->header[i] = xstrdup(names[i]);
}

void table_append(cli_table *t, const char *const *cells, long line, long row)
{
    table_grow(t);
    for (size_t i = 0; i < t->ncols; i++)
        t->offs[t->nrows * t->ncols + i] = table_add_text(t, cells[i], strlen(cells[i]));
    t->lines[t->nrows] = line;
    t->rows[t->nrows++] = row;
}

static int table_add_row(cli_table *t, nsc_csv *csv)
{
    size_t nf = nsc_csv_nfields(csv);
    if (nf == 1 && t->ncols > 1 && *nsc_csv_field(csv, 0, NULL) == '\0')
        return 0; /* an empty line carries no data */
    if (nf != t->ncols) {
        errorf("%s line %ld (data row %zu): %zu field%s, but the header has %zu columns",
               t->display, nsc_csv_line(csv), t->nrows + 1, nf, nf == 1 ? "" : "s", t->ncols);
        return EXIT_ERR;
    }
    table_grow(t);
    for (size_t i = 0; i < nf; i++) {
        size_t len;
        const char *f = nsc_csv_field(csv, i, &len);
        t->offs[t->nrows * t->ncols + i] = table_add_text(t, f, len);
    }
    t->lines[t->nrows] = nsc_csv_line(csv);
    t->rows[t->nrows] = (long)t->nrows + 1;
    t->nrows++;
    return 0;
}

static int table_read_header(cli_table *t, nsc_csv *csv)
{
    int rc = nsc_csv_next(csv);
    if (rc <= 0) {
        if (rc == 0)
            errorf("%s: empty file; expected a header line", t->display);
        else
            errorf("%s: header: %s", t->display, nsc_csv_error(csv));
        return EXIT_ERR;
    }
    t->ncols = nsc_csv_nfields(csv);
    t->header = xcalloc(t->ncols, sizeof *t->header);
    for (size_t i = 0; i < t->ncols; i++) t->header[i] = xstrdup(nsc_csv_field(csv, i, NULL));
    return 0;
}

int table_read(cli_table *t, const char *path)
{
    memset(t, 0, sizeof *t);
    t->display = strcmp(path, "-") == 0 ? "standard input" : path;
    nsc_csv *csv = NULL;
    errno = 0;
    int rc = nsc_csv_open(&csv, path, ',');
    if (rc != 0) {
        errorf("cannot open %s: %s%s%s", t->display, nsc_strerror(rc), errno ? ": " : "",
               errno ? strerror(errno) : "");
        return EXIT_ERR;
    }
    int ret = EXIT_ERR;
    if (table_read_header(t, csv) != 0) goto fail;
    while ((rc = nsc_csv_next(csv)) == 1)
        if (table_add_row(t, csv) != 0) goto fail;
    if (rc < 0) {
        errorf("%s: malformed data row %zu: %s; nothing was screened", t->display, t->nrows + 1,
               nsc_csv_error(csv));
        goto fail;
    }
    ret = 0;
fail:
    nsc_csv_close(csv);
    return ret;
}

long table_col(const cli_table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->header[i], name) == 0) return (long)i;
    for (size_t i = 0; i < t->ncols; i++)
        if (ascii_casecmp(t->header[i], name) == 0) return (long)i;
    return -1;
}

int table_missing_column(const cli_table *t, const char *name, const char *why)
{
    fprintf(stderr, PROG ": %s: no column '%s'%s; the header has:", t->display, name, why);
    for (size_t i = 0; i < t->ncols; i++) fprintf(stderr, "%s '%s'", i ? "," : "", t->header[i]);
    fputc('\n', stderr);
    return EXIT_ERR;
}

int table_pick_column(long *out, const cli_table *t, const char *opt_value, const char *opt_name,
                      const char *const *defaults)
{
    if (opt_value != NULL) {
        *out = table_col(t, opt_value);
        if (*out < 0) {
            char why[64];
            snprintf(why, sizeof why, " (%s)", opt_name);
            return table_missing_column(t, opt_value, why);
        }
        return 0;
    }
    *out = -1;
    for (size_t i = 0; defaults[i] && *out < 0; i++) *out = table_col(t, defaults[i]);
    return 0;
}
