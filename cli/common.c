/* SPDX-License-Identifier: Apache-2.0 */
/*
 * common.c: error messages, allocation that cannot fail, small string tests and the writing of
 * results to standard output, shared by every command of the namescreen tool.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

static void vmessage(const char *fmt, va_list ap, const char *tail)
    __attribute__((format(printf, 1, 0)));
static void vmessage(const char *fmt, va_list ap, const char *tail)
{
    fputs(PROG ": ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs(tail, stderr);
}

void errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(fmt, ap, "\n");
    va_end(ap);
}

int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(fmt, ap, "\nTry 'namescreen --help'.\n");
    va_end(ap);
    return EXIT_ERR;
}

static void *checked(void *p)
{
    if (p == NULL) {
        errorf("out of memory");
        exit(EXIT_ERR);
    }
    return p;
}

void *xcalloc(size_t n, size_t size) { return checked(calloc(n ? n : 1, size ? size : 1)); }

void *xrealloc(void *p, size_t n) { return checked(realloc(p, n)); }

char *xstrdup(const char *s) { return checked(strdup(s)); }

int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb || ca == 0) return ca - cb;
    }
}

int is_blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) return 0;
    return 1;
}

int finish_stdout(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        errorf("error writing to standard output: %s", strerror(errno));
        return EXIT_ERR;
    }
    return status;
}

int write_out(const cli_buf *b)
{
    if (b->oom) {
        errorf("out of memory");
        return EXIT_ERR;
    }
    if (cli_buf_write(b, stdout) != 0) {
        errorf("error writing to standard output: %s", strerror(errno));
        return EXIT_ERR;
    }
    return 0;
}
