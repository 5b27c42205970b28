/* SPDX-License-Identifier: Apache-2.0 */
/*
 * util/csvrec.h: an RFC 4180 record reader over a buffer held in memory, shared by every
 * CSV-based list parser and by the public nsc_csv_* reader, so that all of them parse exactly
 * alike. Fields are copied, unquoted and NUL-terminated, into one reused scratch buffer.
 */
#ifndef NSC_UTIL_CSVREC_H
#define NSC_UTIL_CSVREC_H

#include <stddef.h>

#include "util/mem.h"

typedef struct nsc__csvbuf {
    const char *p, *end; /* the unread rest of the buffer */
    const char *buf;
    char delim;
    long line; /* line where the current record starts */
    long next_line;
    /* the current record: fields are NUL-terminated copies in `scratch` */
    char *scratch;
    size_t scratch_cap;
    size_t *offs; /* field i starts at scratch + offs[i] */
    size_t *lens;
    size_t nfields, cap_fields;
    const nsc__mem *mem;
    char err[160];      /* set on NSC_EFORMAT */
    int lenient_quotes; /* accept a stray quote inside an unquoted field (OFAC data has some) */
} nsc__csvbuf;

void nsc__csvbuf_init(nsc__csvbuf *c, const nsc__mem *mem, const char *buf, size_t len, char delim);
/* 1 = a record, 0 = end, NSC_EFORMAT (c->err says why; c->line where), NSC_ENOMEM. A trailing
 * 0x1A (DOS end-of-file) byte and a UTF-8 BOM are ignored; blank lines are skipped. */
int nsc__csvbuf_next(nsc__csvbuf *c);
static inline const char *nsc__csvbuf_field(const nsc__csvbuf *c, size_t i, size_t *len)
{
    if (i >= c->nfields) {
        if (len) *len = 0;
        return NULL;
    }
    if (len) *len = c->lens[i];
    return c->scratch + c->offs[i];
}
void nsc__csvbuf_free(nsc__csvbuf *c);
/* Field `i` of the current record with surrounding blanks (and a stray CR or LF) trimmed, not
 * NUL-terminated: *len bytes. "" (length 0) when i is negative or past the record's end. */
const char *nsc__csvbuf_cell(const nsc__csvbuf *c, long i, size_t *len);
/* Index of the header column named `name` (case-insensitive, surrounding blanks ignored) in
 * the current record, or -1. */
long nsc__csvbuf_column(const nsc__csvbuf *c, const char *name);

#endif /* NSC_UTIL_CSVREC_H */
