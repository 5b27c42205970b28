/* SPDX-License-Identifier: Apache-2.0 */
/*
 * namescreen/csv.h: the RFC 4180 reader of namescreen. The command-line tool, the benchmarks,
 * the fuzzers and the bindings read every CSV input through it, so all of them parse exactly
 * alike (the list parsers share its record reader).
 */
#ifndef NAMESCREEN_CSV_H
#define NAMESCREEN_CSV_H

#include "namescreen.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nsc_csv nsc_csv;

/* Opens a CSV reader over a file (path "-" = standard input). Fields are separated by `delim`
 * (',' usually), quoted with '"', quotes doubled inside; quoted fields may span lines; CRLF,
 * LF and a UTF-8 byte-order mark are accepted. Returns NSC_EIO, NSC_ENOMEM. */
NSC_API int nsc_csv_open(nsc_csv **out, const char *path, char delim);
/* Reads the next record. Returns 1 with a record, 0 at end of file, NSC_EFORMAT on a
 * malformed record (an unterminated quote, a quote inside an unquoted field, a NUL byte) and
 * NSC_EENCODING on invalid UTF-8; nsc_csv_error() then says what and where. */
NSC_API int nsc_csv_next(nsc_csv *csv);
NSC_API size_t nsc_csv_nfields(const nsc_csv *csv);
/* Field `i` of the current record (NUL-terminated; *len receives its length when len is not
 * NULL), or NULL when out of range. Valid until the next nsc_csv_next(). */
NSC_API const char *nsc_csv_field(const nsc_csv *csv, size_t i, size_t *len);
/* Line number (1-based) on which the current record starts. */
NSC_API long nsc_csv_line(const nsc_csv *csv);
/* The last error: "line 12: unterminated quoted field". */
NSC_API const char *nsc_csv_error(const nsc_csv *csv);
NSC_API void nsc_csv_close(nsc_csv *csv);

#ifdef __cplusplus
}
#endif

#endif /* NAMESCREEN_CSV_H */
