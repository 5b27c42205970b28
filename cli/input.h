/* SPDX-License-Identifier: Apache-2.0 */
/*
 * input.h: the input of `namescreen screen`, read as a stream of records in bounded memory
 * (RFC 4180, any of four delimiters, BOM, CRLF, gzip, standard input, Latin-1 and Windows-1252
 * converted to UTF-8), with bad rows stopped or set aside in a reject file, and the mapping of
 * a record to a query (name or given and family name, id, date of birth, country, type).
 */
#ifndef NSC_CLI_INPUT_H
#define NSC_CLI_INPUT_H

#include <stddef.h>

#include "dates.h"
#include "namescreen.h"
#include "opts.h"

/* The longest record read (bytes, quotes included); a longer one is a bad row. */
#define CLI_INPUT_MAX_RECORD (1024 * 1024)

typedef struct cli_input cli_input;

typedef struct cli_input_opts {
    const char *path;        /* a file, or "-" for standard input; .gz or gzip magic: gunzipped */
    int delimiter;           /* ',', ';', '\t', '|'; 0 = detect from the header line */
    int no_header;           /* the columns are 1, 2, 3 ... (positional) */
    const char *encoding;    /* NULL or "utf-8" (checked), "latin1", "cp1252" (converted) */
    int skip_bad_rows;       /* bad rows go to the reject file instead of stopping the reader */
    const char *reject_path; /* the reject file with skip_bad_rows; NULL: "rejects.csv" */
} cli_input_opts;

/* Opens the input and reads its header (or, with no_header, looks at its first record). 0, or
 * EXIT_ERR after a message (the file cannot be read, is empty, an unknown encoding, a bad
 * header); *out is then NULL. */
int cli_input_open(cli_input **out, const cli_input_opts *o);
/* The file name for messages ("standard input" for "-"). */
const char *cli_input_display(const cli_input *in);
size_t cli_input_ncols(const cli_input *in);
/* Column i's name: the header's, or "1", "2", ... with no_header; NULL when out of range. */
const char *cli_input_colname(const cli_input *in, size_t i);
/* The column called `name` (exactly, else ignoring ASCII case, else also ignoring blanks
 * around the header's name), or -1. */
long cli_input_column(const cli_input *in, const char *name);

typedef struct cli_record {
    long row;             /* 1-based data row (bad rows are counted too) */
    long line;            /* the line on which the row starts */
    size_t n;             /* fields: always cli_input_ncols() */
    const char *const *f; /* UTF-8, NUL-terminated, valid until the next cli_input_next() */
} cli_record;

/* The next record: 1 a record, 0 the end of the input, -1 a fatal error (a message naming the
 * file, row, line and, for invalid UTF-8, the byte offset was printed). Bad rows (ragged,
 * an unterminated quote, a stray quote, a NUL byte, invalid UTF-8, longer than
 * CLI_INPUT_MAX_RECORD) are fatal unless skip_bad_rows, which writes them to the reject file
 * (row, line, reason, raw), counts them and reads on. A row with exactly one field more than
 * the header whose last field is empty (Excel's trailing comma) is not bad: that field is
 * dropped. Blank lines are skipped. */
int cli_input_next(cli_input *in, cli_record *rec);
/* A bad row found by the caller in the current record (an unknown type, a name too long):
 * 0 when it was set aside (skip_bad_rows), -1 after a fatal message naming file, row and line. */
int cli_input_bad_row(cli_input *in, const cli_record *rec, const char *reason);

/* For the run summary. */
long cli_input_rows_read(const cli_input *in);    /* data rows, bad ones included */
long cli_input_rows_skipped(const cli_input *in); /* bad rows set aside */
int cli_input_delimiter(const cli_input *in);     /* the one used */
int cli_input_has_header(const cli_input *in);
const char *cli_input_encoding(const cli_input *in); /* "utf-8", "latin1" or "cp1252" */
/* SHA-256 (hex) and size of the raw bytes read so far (compressed when gzip): the whole file's
 * once cli_input_next() returned 0. */
void cli_input_digest(const cli_input *in, char sha256_hex[65], long long *bytes);
/* The reject file: created with its header at open whenever skip_bad_rows (so that an empty one
 * shows nothing was set aside), else NULL. */
const char *cli_input_reject_path(const cli_input *in);
/* Closes the input (and the reject file). Accepts NULL. */
void cli_input_close(cli_input *in);

/* The columns a record maps to a query; -1 when absent. */
typedef struct cli_columns {
    long name, given, family, id, dob, country, type;
} cli_columns;

/* Finds the columns of --column (default name) or --given-column and --family-column,
 * --id-column, --dob-column (default dob), --country-column (default country or nationality)
 * and --type-column. 0, or EXIT_ERR after a message naming the missing column and listing the
 * header (with a hint at --delimiter when the header is one field holding ';', tab or '|'),
 * or after a usage error (--column with --given-column, --reject-file without
 * --skip-bad-rows). */
int cli_columns_resolve(cli_columns *c, const cli_input *in, const cli_opts *o);

/* The name of a record for output: the name column, or given and family joined by a space into
 * buf (cap bytes) when the name comes in parts. */
const char *cli_record_name(const cli_record *rec, const cli_columns *c, char *buf, size_t cap);

/* Fills q from rec (pointers into rec, and into iso for the date of birth), the date note and,
 * when the date is used, its ISO form in iso. Returns 0, or CLI_RECORD_BAD_TYPE when the type
 * column holds an unknown entity type (a bad row: see cli_input_bad_row). `date_format` is a
 * cli_date_format. An empty type is NSC_TYPE_UNKNOWN (any). */
#define CLI_RECORD_BAD_TYPE 1
int cli_record_query(nsc_query *q, char iso[11], cli_date_note *note, const cli_record *rec,
                     const cli_columns *c, int date_format);

#endif /* NSC_CLI_INPUT_H */
