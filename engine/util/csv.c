/* SPDX-License-Identifier: Apache-2.0 */
/*
 * csv.c: the public RFC 4180 reader (nsc_csv_*): reads a whole file or standard input into
 * memory through the library allocator, then hands out records from the shared csvbuf
 * state machine, checking each record for valid UTF-8.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "namescreen/csv.h"
#include "util/csvrec.h"
#include "util/utf8.h"

struct nsc_csv {
    const nsc__mem *mem;
    char *buf;
    size_t len;
    nsc__csvbuf cb;
    int failed;    /* the last error code; sticky */
    char err[256]; /* "line 12: unterminated quoted field" */
};

#define CSV_READ_CHUNK 65536

/* Reads all of `f` into a new NUL-terminated buffer. Returns 0, NSC_EIO or NSC_ENOMEM. */
static int read_all(const nsc__mem *mem, FILE *f, char **out, size_t *out_len)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (cap - len < CSV_READ_CHUNK + 1) {
            void *arr = buf;
            if (nsc__grow(mem, &arr, &cap, len + CSV_READ_CHUNK + 1, 1) != 0) {
                nsc__free(mem, buf);
                return NSC_ENOMEM;
            }
            buf = arr;
        }
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0) {
            if (ferror(f)) {
                nsc__free(mem, buf);
                return NSC_EIO;
            }
            break;
        }
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return 0;
}

/*
 * On failure no reader exists, so there is no nsc_csv_error() to ask: the caller reports
 * nsc_strerror(code) with the path (errno still holds the system's reason for NSC_EIO, e.g.
 * EISDIR for a directory, ENOENT for a missing file).
 */
int nsc_csv_open(nsc_csv **out, const char *path, char delim)
{
    if (!out) return NSC_EINVAL;
    *out = NULL;
    if (!path || delim == '"' || delim == '\n' || delim == '\r' || delim == '\0') return NSC_EINVAL;
    const nsc__mem *mem = nsc__mem_default();
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) return NSC_EIO;
    struct stat st;
    int st_rc = fstat(fileno(f), &st);
    if (st_rc != 0 || S_ISDIR(st.st_mode)) {
        if (st_rc == 0) errno = EISDIR;
        if (!is_stdin) fclose(f);
        return NSC_EIO;
    }
    char *buf;
    size_t len;
    int rc = read_all(mem, f, &buf, &len);
    int saved = errno;
    if (!is_stdin) fclose(f);
    errno = saved;
    if (rc != 0) return rc;
    nsc_csv *csv = nsc__calloc(mem, 1, sizeof *csv);
    if (!csv) {
        nsc__free(mem, buf);
        return NSC_ENOMEM;
    }
    csv->mem = mem;
    csv->buf = buf;
    csv->len = len;
    nsc__csvbuf_init(&csv->cb, mem, buf, len, delim);
    *out = csv;
    return 0;
}

int nsc_csv_next(nsc_csv *csv)
{
    if (!csv) return NSC_EINVAL;
    if (csv->failed) return csv->failed;
    int rc = nsc__csvbuf_next(&csv->cb);
    if (rc < 0) {
        csv->failed = rc;
        snprintf(csv->err, sizeof csv->err, "line %ld: %s", csv->cb.line, csv->cb.err);
        return rc;
    }
    if (rc == 0) return 0;
    for (size_t i = 0; i < csv->cb.nfields; i++) {
        size_t flen, bad;
        const char *f = nsc__csvbuf_field(&csv->cb, i, &flen);
        if (!nsc__utf8_valid(f, flen, &bad)) {
            csv->failed = NSC_EENCODING;
            snprintf(csv->err, sizeof csv->err, "line %ld: invalid UTF-8 in field %zu",
                     csv->cb.line, i + 1);
            csv->cb.nfields = 0;
            return NSC_EENCODING;
        }
    }
    return 1;
}

size_t nsc_csv_nfields(const nsc_csv *csv) { return csv ? csv->cb.nfields : 0; }

const char *nsc_csv_field(const nsc_csv *csv, size_t i, size_t *len)
{
    if (!csv) {
        if (len) *len = 0;
        return NULL;
    }
    return nsc__csvbuf_field(&csv->cb, i, len);
}

long nsc_csv_line(const nsc_csv *csv) { return csv ? csv->cb.line : 0; }

const char *nsc_csv_error(const nsc_csv *csv) { return csv ? csv->err : ""; }

void nsc_csv_close(nsc_csv *csv)
{
    if (!csv) return;
    const nsc__mem *mem = csv->mem;
    nsc__csvbuf_free(&csv->cb);
    nsc__free(mem, csv->buf);
    nsc__free(mem, csv);
}
