/* SPDX-License-Identifier: Apache-2.0 */
/*
 * table.h: an input CSV file with a header (screen, compare --pairs), read whole and checked
 * into memory before anything is screened, and the lookup of its columns by name.
 */
#ifndef NSC_CLI_TABLE_H
#define NSC_CLI_TABLE_H

#include <stddef.h>

typedef struct cli_table {
    const char *display; /* the file name for messages */
    size_t ncols;
    char **header;
    size_t nrows, caprows;
    size_t *offs; /* nrows * ncols offsets into text */
    long *lines;  /* line on which each row starts */
    long *rows;   /* each row's 1-based data row in the file (rows set aside are counted) */
    char *text;
    size_t text_len, text_cap;
} cli_table;

/* Reads a whole CSV file with a header ("-": standard input); a malformed row is an error
 * naming its row and line. 0, or EXIT_ERR after a message; free t in both cases. */
int table_read(cli_table *t, const char *path);
void table_free(cli_table *t);
/* An empty table of these columns, for rows read by the streaming reader (input.h); display
 * must outlive t. */
void table_init(cli_table *t, const char *display, size_t ncols, const char *const *names);
/* Appends a row of t->ncols cells, data row `row` starting on `line`. */
void table_append(cli_table *t, const char *const *cells, long line, long row);
const char *table_cell(const cli_table *t, size_t row, size_t col);
/* The column called `name` (exactly, else ignoring ASCII case), or -1. */
long table_col(const cli_table *t, const char *name);
/* Reports that column `name` is missing (`why` follows the name) and lists the header;
 * returns EXIT_ERR. */
int table_missing_column(const cli_table *t, const char *name, const char *why);
/* The column given by an option (must exist), else the first of the default names present
 * (-1 when none is). */
int table_pick_column(long *out, const cli_table *t, const char *opt_value, const char *opt_name,
                      const char *const *defaults);

#endif /* NSC_CLI_TABLE_H */
