/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dates.h: the dates of birth of an input file, read as written by other systems (ISO, 25/01/1968,
 * 01/25/1968, 25 Jan 1968, Jan 25, 1968) into ISO for the query, with a note for each date that
 * cannot be used: ambiguous (01/02/1968 under --date-format auto) or unparsed.
 */
#ifndef NSC_CLI_DATES_H
#define NSC_CLI_DATES_H

/* --date-format: how a numeric date with the year last is read. */
typedef enum cli_date_format {
    CLI_DATES_AUTO = 0, /* day-first or month-first when only one reading is a date */
    CLI_DATES_DMY,
    CLI_DATES_MDY,
    CLI_DATES_YMD /* year first only: a date with the year last is unparsed */
} cli_date_format;

typedef enum cli_date_note {
    CLI_DATE_NONE = 0,  /* no date (an empty cell) */
    CLI_DATE_OK,        /* read: iso holds it */
    CLI_DATE_AMBIGUOUS, /* d/m/y or m/d/y, both 12 or less and different: not used */
    CLI_DATE_UNPARSED   /* not a date: not used */
} cli_date_note;

/* "auto", "dmy", "mdy", "ymd" into *out: 0, or -1 when unknown. */
int cli_date_format_parse(cli_date_format *out, const char *s);
const char *cli_date_format_name(cli_date_format f);

/* Reads the date s (surrounding blanks ignored) into iso ("1968-01-25", "1968-01" or "1968",
 * NUL-terminated) and returns CLI_DATE_OK, or returns another note and leaves iso empty. */
cli_date_note cli_date_read(char iso[11], const char *s, cli_date_format f);
/* "", "ok", "ambiguous", "unparsed". */
const char *cli_date_note_name(cli_date_note n);

#endif /* NSC_CLI_DATES_H */
