/* SPDX-License-Identifier: Apache-2.0 */
/*
 * util/file.h: whole-file reading through the allocator hook, with a sink that sees every
 * byte read (the list checksums), and small path helpers.
 */
#ifndef NSC_UTIL_FILE_H
#define NSC_UTIL_FILE_H

#include <stddef.h>

#include "util/mem.h"

/* Receives the bytes of a file as it is read (checksums). */
typedef struct nsc__sink {
    void (*put)(void *arg, const void *bytes, size_t n);
    void *arg;
} nsc__sink;

/* Reads a whole file into memory from mem (NUL-terminated; *len excludes the NUL) and hands
 * its bytes to sink (may be NULL). Fails with NSC_EIO (missing, a directory, unreadable),
 * NSC_ENOMEM, or NSC_EFORMAT for an empty file when allow_empty is 0, writing the reason
 * ("cannot open: No such file or directory") to err[0..errcap). Free the buffer with
 * nsc__free(mem, ...). */
int nsc__file_read(const nsc__mem *mem, const char *path, char **out, size_t *len, int allow_empty,
                   const nsc__sink *sink, char *err, size_t errcap);
/* Whether a path exists and is a regular file. */
int nsc__file_exists(const char *path);
/* Builds "dir of base_path" + "/" + name into a new string from mem; NULL on ENOMEM. */
char *nsc__sibling_path(const nsc__mem *mem, const char *base_path, const char *name);

#endif /* NSC_UTIL_FILE_H */
