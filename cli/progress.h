/* SPDX-License-Identifier: Apache-2.0 */
/*
 * progress.h: screen's progress line on standard error: rows done, rows per second, hits so
 * far and the time left, updated in place a few times a second, and only when standard error
 * is a terminal (pipes, log files and CI stay clean).
 */
#ifndef NSC_CLI_PROGRESS_H
#define NSC_CLI_PROGRESS_H

typedef struct cli_progress {
    int on;                /* standard error is a terminal */
    long long total_bytes; /* the input's size, -1 when unknown (standard input) */
    double start, last;    /* seconds (monotonic) */
    int shown;             /* a line is on the screen */
} cli_progress;

/* total_bytes: the input file's size, or -1. */
void cli_progress_init(cli_progress *p, long long total_bytes);
/* Redraws the line when at least a quarter of a second passed since the last one. */
void cli_progress_update(cli_progress *p, long rows, long hits, long long bytes_read);
/* Ends the line (the last figures stay on the screen). */
void cli_progress_end(cli_progress *p, long rows, long hits, long long bytes_read);

#endif /* NSC_CLI_PROGRESS_H */
