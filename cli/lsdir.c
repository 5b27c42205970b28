/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lsdir.c: reading and writing the files of a lists directory for `namescreen update`: CSV
 * through the public reader (namescreen/csv.h), writes that are durable (fsync) and atomic
 * (rename), and the SHA-256 the manifest records for each file.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "lsdir.h"
#include "namescreen/csv.h"

/* ---------------------------------------------------------------------------------------------
 * key,value files
 * ------------------------------------------------------------------------------------------- */

static int header_is(const nsc_csv *c, const char *a, const char *b)
{
    return nsc_csv_nfields(c) >= 2 && strcmp(nsc_csv_field(c, 0, NULL), a) == 0 &&
           strcmp(nsc_csv_field(c, 1, NULL), b) == 0;
}

int cli_kv_read(cli_kv *out, const char *path)
{
    memset(out, 0, sizeof *out);
    nsc_csv *c = NULL;
    if (nsc_csv_open(&c, path, ',') != 0) return -1;
    int rc = nsc_csv_next(c), ok = rc == 1 && header_is(c, "key", "value");
    size_t cap = 0;
    while (ok && (rc = nsc_csv_next(c)) == 1) {
        if (nsc_csv_nfields(c) < 2) continue;
        if (out->n == cap) {
            cap = cap ? 2 * cap : 16;
            out->key = xrealloc(out->key, cap * sizeof *out->key);
            out->value = xrealloc(out->value, cap * sizeof *out->value);
        }
        out->key[out->n] = xstrdup(nsc_csv_field(c, 0, NULL));
        out->value[out->n++] = xstrdup(nsc_csv_field(c, 1, NULL));
    }
    nsc_csv_close(c);
    if (!ok || rc != 0) {
        cli_kv_free(out);
        return -1;
    }
    return 0;
}

const char *cli_kv_get(const cli_kv *kv, const char *key)
{
    for (size_t i = 0; i < kv->n; i++)
        if (strcmp(kv->key[i], key) == 0) return kv->value[i];
    return NULL;
}

void cli_kv_free(cli_kv *kv)
{
    for (size_t i = 0; i < kv->n; i++) {
        free(kv->key[i]);
        free(kv->value[i]);
    }
    free(kv->key);
    free(kv->value);
    memset(kv, 0, sizeof *kv);
}

void cli_kv_put(cli_buf *b, const char *key, const char *value)
{
    cli_csv_field(b, key);
    cli_buf_puts(b, ",");
    cli_csv_field(b, value ? value : "");
    cli_buf_puts(b, "\n");
}

/* ---------------------------------------------------------------------------------------------
 * sources.csv
 * ------------------------------------------------------------------------------------------- */

int cli_list_name_ok(const char *name)
{
    static const char first[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    static const char rest[] = "abcdefghijklmnopqrstuvwxyz0123456789_-";
    size_t n = strlen(name);
    return n > 0 && n < 64 && strchr(first, name[0]) && strspn(name, rest) == n;
}

static long column(const nsc_csv *c, const char *name)
{
    for (size_t i = 0; i < nsc_csv_nfields(c); i++)
        if (strcmp(nsc_csv_field(c, i, NULL), name) == 0) return (long)i;
    return -1;
}

static const char *field_or_empty(const nsc_csv *c, long i)
{
    const char *f = i >= 0 ? nsc_csv_field(c, (size_t)i, NULL) : NULL;
    return f ? f : "";
}

/* One data row into s->v[s->n]; 0, or -1 with err. */
static int source_row(cli_sources *s, const nsc_csv *c, const long col[4], const char *path,
                      char *err, size_t cap)
{
    const char *list = field_or_empty(c, col[0]), *drop = field_or_empty(c, col[3]);
    long line = nsc_csv_line(c);
    if (!cli_list_name_ok(list)) {
        snprintf(err, cap, "%s line %ld: '%s' is not a list name ([a-z0-9][a-z0-9_-]*)", path, line,
                 list);
        return -1;
    }
    if (cli_sources_find(s, list)) {
        snprintf(err, cap, "%s line %ld: list '%s' given twice", path, line, list);
        return -1;
    }
    cli_source *r = &s->v[s->n];
    r->max_drop = -1.0;
    if (*drop) {
        char *end;
        r->max_drop = strtod(drop, &end);
        if (*end != '\0' || !(r->max_drop >= 0.0 && r->max_drop <= 1.0)) {
            snprintf(err, cap, "%s line %ld: max_drop '%s' is not a number from 0 to 1", path, line,
                     drop);
            return -1;
        }
    }
    r->list = xstrdup(list);
    r->format = xstrdup(field_or_empty(c, col[1]));
    r->urls = xstrdup(field_or_empty(c, col[2]));
    s->n++;
    return 0;
}

int cli_sources_read(cli_sources *out, const char *path, char *err, size_t cap)
{
    memset(out, 0, sizeof *out);
    nsc_csv *c = NULL;
    if (nsc_csv_open(&c, path, ',') != 0) {
        snprintf(err, cap, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    int rc = nsc_csv_next(c);
    long col[4] = { -1, -1, -1, -1 };
    if (rc == 1) {
        col[0] = column(c, "list");
        col[1] = column(c, "format");
        col[2] = column(c, "url");
        col[3] = column(c, "max_drop");
    }
    if (rc != 1 || col[0] < 0 || col[1] < 0 || col[2] < 0) {
        snprintf(err, cap, "%s: %s", path,
                 rc < 0 ? nsc_csv_error(c) : "the header must name list, format and url");
        nsc_csv_close(c);
        return -1;
    }
    size_t alloc = 0;
    while ((rc = nsc_csv_next(c)) == 1) {
        if (nsc_csv_nfields(c) == 1 && is_blank(nsc_csv_field(c, 0, NULL))) continue;
        if (out->n == alloc) {
            alloc = alloc ? 2 * alloc : 8;
            out->v = xrealloc(out->v, alloc * sizeof *out->v);
        }
        if (source_row(out, c, col, path, err, cap) != 0) {
            rc = -2;
            break;
        }
    }
    if (rc == NSC_EFORMAT || rc == NSC_EENCODING)
        snprintf(err, cap, "%s: %s", path, nsc_csv_error(c));
    nsc_csv_close(c);
    if (rc != 0) cli_sources_free(out);
    return rc != 0 ? -1 : 0;
}

const cli_source *cli_sources_find(const cli_sources *s, const char *list)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].list, list) == 0) return &s->v[i];
    return NULL;
}

void cli_sources_free(cli_sources *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].list);
        free(s->v[i].format);
        free(s->v[i].urls);
    }
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* ---------------------------------------------------------------------------------------------
 * Files and directories
 * ------------------------------------------------------------------------------------------- */

int cli_mkdirs(const char *path)
{
    char *p = xstrdup(path);
    int rc = 0;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0') continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) rc = -1;
        *s = c;
        if (c == '\0' || rc != 0) break;
    }
    free(p);
    struct stat st;
    return rc == 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return (flag == FTW_DP ? rmdir(path) : unlink(path)) != 0 && errno != ENOENT ? -1 : 0;
}

int cli_remove_tree(const char *path)
{
    return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0 && errno != ENOENT ? -1 : 0;
}

int cli_fsync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Writes n bytes to the new file tmp and fsyncs it; 0 or -1. */
static int write_new(const char *tmp, const char *p, size_t n)
{
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) return -1;
    int rc = write_all(fd, p, n) == 0 && fsync(fd) == 0 ? 0 : -1;
    if (close(fd) != 0) rc = -1;
    return rc;
}

static int replace(const char *tmp, const char *dst, const char *dir)
{
    if (rename(tmp, dst) != 0) {
        unlink(tmp);
        return -1;
    }
    return cli_fsync_path(dir);
}

int cli_write_atomic(const char *dir, const char *name, const cli_buf *b)
{
    char dst[4096], tmp[4096];
    if (b->oom || snprintf(dst, sizeof dst, "%s/%s", dir, name) >= (int)sizeof dst ||
        snprintf(tmp, sizeof tmp, "%s.tmp", dst) >= (int)sizeof tmp)
        return -1;
    if (write_new(tmp, b->p ? b->p : "", b->len) != 0) {
        unlink(tmp);
        return -1;
    }
    return replace(tmp, dst, dir);
}

static int read_whole(cli_buf *b, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) return -1;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) cli_buf_put(b, chunk, n);
    int rc = ferror(f) || b->oom ? -1 : 0;
    fclose(f);
    return rc;
}

int cli_copy_file(const char *src, const char *dst)
{
    cli_buf b;
    cli_buf_init(&b);
    char *dir = xstrdup(dst), *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    int rc = -1;
    if (read_whole(&b, src) == 0) {
        const char *name = slash ? slash + 1 : dst;
        rc = cli_write_atomic(slash ? dir : ".", name, &b);
    }
    free(dir);
    cli_buf_free(&b);
    return rc;
}

int cli_file_sha256(char hex[65], long long *size, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) return -1;
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    unsigned char chunk[65536], digest[SHA256_DIGEST_SIZE];
    size_t n;
    *size = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        sha256_update(&ctx, n, chunk);
        *size += (long long)n;
    }
    int rc = ferror(f) ? -1 : 0;
    fclose(f);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++) snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return rc;
}

void cli_utc_now(char out[21])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
