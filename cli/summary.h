/* SPDX-License-Identifier: Apache-2.0 */
/*
 * summary.h: the record of one `screen` run: its counts, the run id every output row carries
 * (a hash of what decides the output), the output's running SHA-256, and the run summary
 * written as JSON (--summary) in the schema of README.md, "The nightly run", also when it failed.
 */
#ifndef NSC_CLI_SUMMARY_H
#define NSC_CLI_SUMMARY_H

#include <stdio.h>

#include <nettle/sha2.h>

#include "namescreen.h"
#include "opts.h"

/* What the run counted. */
typedef struct cli_run_stats {
    long rows_read, rows_screened, rows_skipped, rows_with_hits, rows_clear, rows_cut;
    long hits_written, hits_suppressed, hits_lapsed;
    long dates_ambiguous, dates_unparsed;
} cli_run_stats;

/* The output file (or standard output), hashed as it is written. */
typedef struct cli_sink {
    FILE *f;
    const char *name; /* for messages */
    struct sha256_ctx sha;
    long long bytes;
} cli_sink;

void cli_sink_init(cli_sink *s, FILE *f, const char *name);
/* Writes n bytes; 0, or -1 (errno) on a write error. */
int cli_sink_write(cli_sink *s, const char *p, size_t n);
void cli_sink_digest(cli_sink *s, char hex[65]);

typedef struct cli_summary {
    const cli_opts *o;
    const nsc_engine *eng;
    char run_id[65];
    int complete;
    long incomplete_after_row; /* when not complete */
    char started[21], finished[21];
    /* the input */
    const char *input_path;
    long long input_size;  /* -1: unknown */
    char input_sha256[65]; /* "" when unknown */
    const char *encoding;
    int delimiter;
    int header;
    /* options and their files */
    long threads;
    const char *as_of;
    const char *date_format;
    char allowlist_sha256[65];
    long allowlist_entries;
    /* the output and the rejects */
    char output_sha256[65];
    const char *reject_path; /* NULL: none */
    cli_run_stats st;
} cli_summary;

/* The default run id into s->run_id: the first 32 hex digits of the SHA-256 of the namescreen
 * and scoring versions, the options that decide the output, every list's name and version, the
 * allowlist's SHA-256 and as-of date, and the input's SHA-256 (when known). */
void cli_summary_run_id(cli_summary *s);
/* Writes the summary to `path` (through path.partial and a rename). 0, or EXIT_ERR after a
 * message. */
int cli_summary_write(const cli_summary *s, const char *path);
/* SHA-256 (hex) of bytes. */
void cli_sha256_hex(char hex[65], const void *p, size_t n);
/* Today's date (UTC), YYYY-MM-DD. */
void cli_utc_today(char out[11]);

#endif /* NSC_CLI_SUMMARY_H */
