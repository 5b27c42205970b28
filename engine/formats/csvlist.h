/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/csvlist.h: what the CSV-based list parsers (OFAC, UK, OpenSanctions, generic CSV)
 * share on top of the record reader of util/csvrec.h: the driver of a list with a header row
 * (file, header, data rows, row-length warnings, errors), load errors from the reader, and the
 * file names their warnings show.
 */
#ifndef NSC_FORMATS_CSVLIST_H
#define NSC_FORMATS_CSVLIST_H

#include <stddef.h>

#include "model/list.h"
#include "util/csvrec.h"

/* The driver's part of a parser's state, embedded in it: the reader on the current record and
 * what the driver counts while it hands the data rows to the parser. */
typedef struct nsc__csvlist {
    nsc__load *ld;
    nsc__csvbuf c;
    size_t header_fields;         /* fields of the header record */
    size_t short_rows, long_rows; /* data rows with fewer / more fields than the header */
    long first_short_line;
} nsc__csvlist;

/* How one format is driven. Callbacks get the parser's state (`ctx` of nsc__csvlist_run). */
typedef struct nsc__csvlist_spec {
    const char *no_header; /* error for a file without a record: "no header line" */
    const char *what;      /* "designations": error "no designations after the header" */
    int lenient_quotes;    /* nsc__csvbuf.lenient_quotes */
    int warn_long_rows;    /* also warn of rows longer than the header */
    /* The field delimiter, chosen from the file's text; NULL: ','. */
    char (*delimiter)(const char *buf, size_t len);
    /* The header: the reader holds its first record (the callback may read on, past a banner,
     * with nsc__csvbuf_next). 0, or the load error it reported. */
    int (*header)(void *ctx);
    /* One data row: 0, or a failure (NSC_ENOMEM) that fails the load as "out of memory" at
     * the row's line. */
    int (*row)(void *ctx);
    /* After the rows and the row-length warnings: the parser's own warnings and dates. 0, or
     * NSC_ENOMEM, which fails the load as "out of memory". May be NULL. */
    int (*finish)(void *ctx);
} nsc__csvlist_spec;

/* Loads ld->path through spec: reads it as UTF-8 text, reads the header (spec->no_header when
 * there is none), hands each data row to spec->row while counting rows shorter (the first one's
 * line kept) and longer than the header, fails with "no <what> after the header" when the list
 * is still empty, warns of the short rows (and long ones when spec->warn_long_rows), calls
 * spec->finish, and frees the text and the reader. cl is zeroed first. 0 or the load error. */
int nsc__csvlist_run(nsc__csvlist *cl, nsc__load *ld, const nsc__csvlist_spec *spec, void *ctx);

/* The load error for a failed nsc__csvbuf_next (rc): the reader's message and line. */
int nsc__csvlist_fail(nsc__load *ld, const nsc__csvbuf *c, int rc);

/* The base name of path ("lists/uk/summary.csv" -> "summary.csv"): how warnings name a file. */
const char *nsc__csvlist_base_name(const char *path);

#endif /* NSC_FORMATS_CSVLIST_H */
