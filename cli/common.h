/* SPDX-License-Identifier: Apache-2.0 */
/*
 * common.h: what every file of the namescreen tool shares: exit statuses, error messages on
 * standard error, allocation that exits on out of memory, and writing results to standard output.
 */
#ifndef NSC_CLI_COMMON_H
#define NSC_CLI_COMMON_H

#include <stddef.h>

#include "output.h"

#define PROG "namescreen"
#define EXIT_HIT 1
#define EXIT_ERR 2

/* "namescreen: " fmt "\n" on standard error. */
void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same followed by a pointer to --help; returns EXIT_ERR. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* calloc, realloc and strdup that print "out of memory" and exit with EXIT_ERR on failure. */
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

int ascii_casecmp(const char *a, const char *b);
/* 1 when s holds nothing but white space. */
int is_blank(const char *s);

/* Writes b to standard output: 0, or EXIT_ERR (reported) when b ran out of memory or the
 * write failed. */
int write_out(const cli_buf *b);
/* Flushes standard output: status, or EXIT_ERR (reported) when the output failed. */
int finish_stdout(int status);

#endif /* NSC_CLI_COMMON_H */
