/* SPDX-License-Identifier: Apache-2.0 */
/*
 * util/file.c: whole-file reads through the allocator hook, with a sink that sees the bytes
 * (the list checksums), and path helpers.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util/file.h"

int nsc__file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *nsc__sibling_path(const nsc__mem *mem, const char *base_path, const char *name)
{
    const char *slash = strrchr(base_path, '/');
    size_t dirlen = slash ? (size_t)(slash - base_path) + 1 : 0;
    size_t nlen = strlen(name);
    char *p = nsc__malloc(mem, dirlen + nlen + 1);
    if (!p) return NULL;
    memcpy(p, base_path, dirlen);
    memcpy(p + dirlen, name, nlen + 1);
    return p;
}

/* Reads the open file f of expected size `size` into a new buffer; the file may have grown. */
static int read_stream(const nsc__mem *mem, FILE *f, size_t size, char **out, size_t *len,
                       char *err, size_t errcap)
{
    size_t cap = size + 1, n = 0;
    char *buf = nsc__malloc(mem, cap);
    if (!buf) {
        snprintf(err, errcap, "out of memory reading %zu bytes", cap);
        return NSC_ENOMEM;
    }
    for (;;) {
        if (n + 1 >= cap && nsc__grow(mem, (void **)&buf, &cap, cap * 2, 1)) {
            nsc__free(mem, buf);
            snprintf(err, errcap, "out of memory");
            return NSC_ENOMEM;
        }
        size_t r = fread(buf + n, 1, cap - 1 - n, f);
        n += r;
        if (r == 0) break;
    }
    if (ferror(f)) {
        nsc__free(mem, buf);
        snprintf(err, errcap, "read error: %s", strerror(errno));
        return NSC_EIO;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

int nsc__file_read(const nsc__mem *mem, const char *path, char **out, size_t *len, int allow_empty,
                   const nsc__sink *sink, char *err, size_t errcap)
{
    *out = NULL;
    *len = 0;
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errcap, "cannot open: %s", strerror(errno));
        return NSC_EIO;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(err, errcap, "is a directory, not a list file");
        return NSC_EIO;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errcap, "not a regular file");
        return NSC_EIO;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errcap, "cannot open: %s", strerror(errno));
        return NSC_EIO;
    }
    int rc = read_stream(mem, f, (size_t)st.st_size, out, len, err, errcap);
    fclose(f);
    if (rc) return rc;
    if (*len == 0 && !allow_empty) {
        nsc__free(mem, *out);
        *out = NULL;
        snprintf(err, errcap, "file is empty");
        return NSC_EFORMAT;
    }
    if (sink) sink->put(sink->arg, *out, *len);
    return 0;
}
