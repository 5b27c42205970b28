/* SPDX-License-Identifier: Apache-2.0 */
/*
 * util/csvrec.c: an RFC 4180 record reader over a file held in memory, shared by every
 * CSV-based list parser and by the public nsc_csv_* reader. Fields are copied, unquoted and
 * NUL-terminated, into one scratch buffer that is reused from record to record.
 */
#include <stdio.h>
#include <string.h>

#include "util/csvrec.h"

#define CSV_BOM "\xEF\xBB\xBF"
#define CSV_EOF_BYTE '\x1A' /* DOS end-of-file marker, still found at the end of OFAC files */

void nsc__csvbuf_init(nsc__csvbuf *c, const nsc__mem *mem, const char *buf, size_t len, char delim)
{
    memset(c, 0, sizeof *c);
    c->mem = mem;
    c->buf = buf;
    c->p = buf;
    c->end = buf + len;
    c->delim = delim;
    c->line = 1;
    c->next_line = 1;
    if (len >= 3 && memcmp(buf, CSV_BOM, 3) == 0) c->p += 3;
    while (c->end > c->p && c->end[-1] == CSV_EOF_BYTE) c->end--;
}

void nsc__csvbuf_free(nsc__csvbuf *c)
{
    if (!c || !c->mem) return;
    nsc__free(c->mem, c->scratch);
    nsc__free(c->mem, c->offs);
    nsc__free(c->mem, c->lens);
    c->scratch = NULL;
    c->offs = c->lens = NULL;
    c->scratch_cap = c->cap_fields = c->nfields = 0;
}

/* Fails the current record: stops the reader (later calls return 0) and records why. */
static int csv_fail(nsc__csvbuf *c, long line, const char *what, long extra)
{
    if (extra > 0)
        snprintf(c->err, sizeof c->err, "%s (opened on line %ld)", what, extra);
    else
        snprintf(c->err, sizeof c->err, "%s", what);
    c->line = line;
    c->p = c->end;
    c->nfields = 0;
    return NSC_EFORMAT;
}

/* Makes room for `extra` more bytes (plus a NUL) after `used` bytes of scratch. */
static int scratch_reserve(nsc__csvbuf *c, size_t used, size_t extra)
{
    if (used + extra + 1 <= c->scratch_cap) return 0;
    void *arr = c->scratch;
    size_t cap = c->scratch_cap;
    if (nsc__grow(c->mem, &arr, &cap, used + extra + 1 < 256 ? 256 : used + extra + 1, 1) != 0)
        return NSC_ENOMEM;
    c->scratch = arr;
    c->scratch_cap = cap;
    return 0;
}

static int scratch_append(nsc__csvbuf *c, size_t *used, const char *s, size_t n)
{
    if (scratch_reserve(c, *used, n) != 0) return NSC_ENOMEM;
    memcpy(c->scratch + *used, s, n);
    *used += n;
    return 0;
}

/* Ends the field that started at scratch offset `start`. */
static int field_close(nsc__csvbuf *c, size_t start, size_t *used)
{
    if (c->nfields == c->cap_fields) {
        void *offs = c->offs, *lens = c->lens;
        size_t cap1 = c->cap_fields, cap2 = c->cap_fields;
        size_t need = c->nfields < 16 ? 16 : c->nfields + 1;
        if (nsc__grow(c->mem, &offs, &cap1, need, sizeof(size_t)) != 0) return NSC_ENOMEM;
        c->offs = offs;
        if (nsc__grow(c->mem, &lens, &cap2, need, sizeof(size_t)) != 0) return NSC_ENOMEM;
        c->lens = lens;
        c->cap_fields = cap1 < cap2 ? cap1 : cap2;
    }
    if (scratch_reserve(c, *used, 0) != 0) return NSC_ENOMEM;
    c->scratch[*used] = '\0';
    c->offs[c->nfields] = start;
    c->lens[c->nfields] = *used - start;
    c->nfields++;
    (*used)++;
    return 0;
}

/* At p: 1 when a line ends here (consumes "\n" or "\r\n"), 0 otherwise. */
static int eat_eol(nsc__csvbuf *c)
{
    const char *p = c->p;
    if (p < c->end && *p == '\r' && (p + 1 == c->end || p[1] == '\n')) p++;
    if (p < c->end && *p == '\n') {
        c->p = p + 1;
        c->next_line++;
        return 1;
    }
    if (p == c->end) {
        c->p = p;
        return 1;
    }
    return 0;
}

/* Reads an unquoted field (or the rest of one, after a lenient stray quote). Stops before the
 * delimiter or the line end. */
static int read_unquoted(nsc__csvbuf *c, size_t *used)
{
    const char *p = c->p, *end = c->end;
    const char delim = c->delim;
    for (;;) {
        const char *seg = p;
        while (p < end) {
            char ch = *p;
            if (ch == delim || ch == '\n' || ch == '"' || ch == '\0' || ch == '\r') break;
            p++;
        }
        if (scratch_append(c, used, seg, (size_t)(p - seg)) != 0) return NSC_ENOMEM;
        if (p == end || *p == delim || *p == '\n') break;
        if (*p == '\r') {
            if (p + 1 == end || p[1] == '\n') break;
            if (scratch_append(c, used, p, 1) != 0) /* a bare CR inside a field is data */
                return NSC_ENOMEM;
            p++;
            continue;
        }
        if (*p == '\0') return csv_fail(c, c->next_line, "NUL byte in field", 0);
        /* a quote inside an unquoted field */
        if (!c->lenient_quotes)
            return csv_fail(c, c->next_line, "quote inside an unquoted field", 0);
        if (scratch_append(c, used, p, 1) != 0) return NSC_ENOMEM;
        p++;
    }
    c->p = p;
    return 0;
}

/* Reads a quoted field; c->p is on the opening quote. */
static int read_quoted(nsc__csvbuf *c, size_t *used)
{
    const char *p = c->p + 1, *end = c->end;
    long opened = c->next_line;
    for (;;) {
        const char *seg = p;
        while (p < end && *p != '"' && *p != '\0') {
            if (*p == '\n') c->next_line++;
            p++;
        }
        if (p == end) return csv_fail(c, opened, "unterminated quoted field", opened);
        if (*p == '\0') return csv_fail(c, c->next_line, "NUL byte in field", 0);
        if (scratch_append(c, used, seg, (size_t)(p - seg)) != 0) return NSC_ENOMEM;
        p++; /* past the quote */
        if (p < end && *p == '"') {
            if (scratch_append(c, used, "\"", 1) != 0) return NSC_ENOMEM;
            p++;
            continue;
        }
        break;
    }
    c->p = p;
    if (p == end || *p == c->delim || *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] == '\n')))
        return 0;
    if (!c->lenient_quotes) return csv_fail(c, c->next_line, "text after a closing quote", 0);
    /* Lenient: the closing quote was a stray one; keep it and read on as unquoted text. */
    if (scratch_append(c, used, "\"", 1) != 0) return NSC_ENOMEM;
    return read_unquoted(c, used);
}

int nsc__csvbuf_next(nsc__csvbuf *c)
{
    c->nfields = 0;
    /* skip blank lines */
    for (;;) {
        if (c->p >= c->end) return 0;
        if (*c->p == '\n' || (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')) {
            c->p += *c->p == '\r' ? 2 : 1;
            c->next_line++;
            continue;
        }
        if (*c->p == '\r' && c->p + 1 == c->end) {
            c->p++;
            continue;
        }
        break;
    }
    c->line = c->next_line;
    size_t used = 0;
    for (;;) {
        size_t start = used;
        int rc = (c->p < c->end && *c->p == '"') ? read_quoted(c, &used) : read_unquoted(c, &used);
        if (rc != 0) {
            if (rc == NSC_ENOMEM) snprintf(c->err, sizeof c->err, "out of memory");
            return rc;
        }
        if (field_close(c, start, &used) != 0) {
            snprintf(c->err, sizeof c->err, "out of memory");
            return NSC_ENOMEM;
        }
        if (c->p < c->end && *c->p == c->delim) {
            c->p++;
            continue;
        }
        if (eat_eol(c)) return 1;
        /* unreachable: fields stop only at a delimiter or a line end */
        return csv_fail(c, c->next_line, "internal CSV reader error", 0);
    }
}

static int ascii_lower(int ch) { return (ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch; }

static int is_blank(char ch) { return ch == ' ' || ch == '\t'; }

long nsc__csvbuf_column(const nsc__csvbuf *c, const char *name)
{
    size_t nlen = strlen(name);
    while (nlen > 0 && is_blank(*name)) {
        name++;
        nlen--;
    }
    while (nlen > 0 && is_blank(name[nlen - 1])) nlen--;
    for (size_t i = 0; i < c->nfields; i++) {
        size_t len;
        const char *f = nsc__csvbuf_field(c, i, &len);
        while (len > 0 && is_blank(*f)) {
            f++;
            len--;
        }
        while (len > 0 && is_blank(f[len - 1])) len--;
        if (len != nlen) continue;
        size_t k = 0;
        while (k < len && ascii_lower((unsigned char)f[k]) == ascii_lower((unsigned char)name[k]))
            k++;
        if (k == len) return (long)i;
    }
    return -1;
}

const char *nsc__csvbuf_cell(const nsc__csvbuf *c, long i, size_t *len)
{
    if (i < 0 || (size_t)i >= c->nfields) {
        *len = 0;
        return "";
    }
    size_t n;
    const char *f = nsc__csvbuf_field(c, (size_t)i, &n);
    while (n > 0 && (*f == ' ' || *f == '\t')) {
        f++;
        n--;
    }
    while (n > 0 && (f[n - 1] == ' ' || f[n - 1] == '\t' || f[n - 1] == '\r' || f[n - 1] == '\n'))
        n--;
    *len = n;
    return f;
}
