/* SPDX-License-Identifier: Apache-2.0 */
/*
 * output.h: how results are written. output.c turns hits and comparisons into text, CSV and
 * JSON lines in growable buffers, so that threads can format rows that are written later in order.
 */
#ifndef NSC_CLI_OUTPUT_H
#define NSC_CLI_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include "namescreen.h"

typedef enum cli_format { CLI_TEXT = 0, CLI_CSV, CLI_JSONL } cli_format;

/* A growable byte buffer. On out of memory it sets oom and drops further output; the caller
 * checks oom before writing the buffer out. */
typedef struct cli_buf {
    char *p;
    size_t len, cap;
    int oom;
} cli_buf;

void cli_buf_init(cli_buf *b);
void cli_buf_free(cli_buf *b);
void cli_buf_put(cli_buf *b, const char *s, size_t n);
void cli_buf_puts(cli_buf *b, const char *s);
void cli_buf_printf(cli_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes the buffer to f; 0 on success, -1 on a write error or when the buffer ran out of
 * memory. */
int cli_buf_write(const cli_buf *b, FILE *f);

/* s as a JSON string: quoted, with '"', '\\' and control characters escaped (controls as
 * \uXXXX) and any byte that is not part of valid UTF-8 replaced by \ufffd. NULL -> null. */
void cli_json_str(cli_buf *b, const char *s);
/* s as one RFC 4180 CSV field: quoted when it holds a comma, quote, CR, LF or edge space.
 * NULL -> empty field. */
void cli_csv_field(cli_buf *b, const char *s);
/* A number with exactly four decimals; tiny values print as 0.0000, never -0.0000. */
void cli_num4(cli_buf *b, double x);

/* The input a hit belongs to: the query text and, for `screen` and `compare --pairs`, the
 * 1-based data row and the pass-through columns of the input file. */
typedef struct cli_row {
    int has_row; /* the "row" field is printed */
    long row;
    const char *query;
    size_t n_cols; /* pass-through columns */
    const char *const *col_names;
    const char *const *col_values;
    /* screen's rows (cli_screen_csv, cli_screen_jsonl) */
    const char *run_id;
    const char *status;     /* "hit", "lapsed", "clear" or "suppressed" */
    const char *id;         /* the counterparty key (--id-column), or NULL */
    const char *date_value; /* the date of birth as written, NULL when the row has none */
    const char *date_note;  /* "ok", "ambiguous" or "unparsed" */
    int cut;                /* --limit cut this row's hits */
    const char *cleared_by, *cleared_on, *lapse_reason; /* a lapsed clearance, else NULL */
} cli_row;

/* Hits of `query` and `screen`. The CSV header names the pass-through columns first, then
 * [row,] query, score, list, entity_id, entity_type, matched_name, name_kind, primary_name,
 * programs, list_version, scoring_version, explanation, tokens, evidence. */
void cli_hit_csv_header(cli_buf *b, const cli_row *r);
void cli_hit_csv(cli_buf *b, const cli_row *r, const nsc_hit *h);
void cli_hit_jsonl(cli_buf *b, const cli_row *r, const nsc_hit *h);
/* Every hit, one CSV row (format CLI_CSV) or JSON line (otherwise) each. */
void cli_hits_lines(cli_buf *b, const cli_row *r, const nsc_hits *hits, cli_format format);
/* A readable block for one query and its hits (possibly none). */
void cli_hits_text(cli_buf *b, const char *query, const nsc_hits *hits, double threshold);

/* `screen`'s rows: one line per hit written (h not NULL) or for a row without one (h NULL:
 * status clear or suppressed). JSON lines in the row format of README.md, "The nightly run":
 *   {"run_id","row","status","query","id","input":{...},"date":{"value","note"}|null,"cut",
 *    ["allowlist":{"cleared_by","cleared_on","reason"},]"hit":{nsc_hit_json with entity}|null}
 * CSV: the columns of cli_hit_csv_header, then run_id, status, counterparty_id, date_note, cut,
 * content_hash, dobs, countries, listed and lapse_reason (the entity's facts, "; "-separated). */
void cli_screen_csv_header(cli_buf *b, const cli_row *r);
void cli_screen_csv(cli_buf *b, const cli_row *r, const nsc_hit *h);
void cli_screen_jsonl(cli_buf *b, const cli_row *r, const nsc_hit *h);

/* `compare`: one scored pair. name1 is r->query. */
void cli_compare_csv_header(cli_buf *b, const cli_row *r);
void cli_compare_csv(cli_buf *b, const cli_row *r, const char *name2, const nsc_hit *h,
                     double threshold);
void cli_compare_jsonl(cli_buf *b, const cli_row *r, const char *name2, const nsc_hit *h,
                       double threshold);
void cli_compare_text(cli_buf *b, const char *name1, const char *name2, const nsc_hit *h,
                      double threshold);

#endif /* NSC_CLI_OUTPUT_H */
