/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lsdir.h: the files of a lists directory as `namescreen update` reads and writes them
 * (the layout of README.md, "Lists directories"): key,value files (manifest.csv,
 * checked.csv), sources.csv, durable writes and atomic renames, recursive removal, SHA-256.
 */
#ifndef NSC_CLI_LSDIR_H
#define NSC_CLI_LSDIR_H

#include <stddef.h>

#include "output.h"

/* A key,value file (manifest.csv, checked.csv): its rows in file order. */
typedef struct cli_kv {
    char **key, **value;
    size_t n;
} cli_kv;

/* Reads `path`; 0, or -1 when it is missing, has not the header key,value, or is malformed. *out
 * is empty then and may be freed in every case. */
int cli_kv_read(cli_kv *out, const char *path);
/* The value of the first row of `key`, or NULL. */
const char *cli_kv_get(const cli_kv *kv, const char *key);
void cli_kv_free(cli_kv *kv);
/* Appends the row key,value (CSV-quoted as needed) to b. */
void cli_kv_put(cli_buf *b, const char *key, const char *value);

/* One row of sources.csv. */
typedef struct cli_source {
    char *list, *format, *urls;
    double max_drop; /* -1 when the row has none */
} cli_source;

typedef struct cli_sources {
    cli_source *v;
    size_t n;
} cli_sources;

/* Reads DIR/sources.csv; 0, or -1 with a message in err (file, line, what). */
int cli_sources_read(cli_sources *out, const char *path, char *err, size_t cap);
const cli_source *cli_sources_find(const cli_sources *s, const char *list);
void cli_sources_free(cli_sources *s);

/* Whether `name` is a list short name: [a-z0-9][a-z0-9_-]*. */
int cli_list_name_ok(const char *name);

/* mkdir -p; 0 or -1 (errno). */
int cli_mkdirs(const char *path);
/* rm -rf without following symbolic links; 0 or -1. */
int cli_remove_tree(const char *path);
/* fsync of a file or directory; 0 or -1. */
int cli_fsync_path(const char *path);
/* Writes b to DIR/NAME.tmp, fsyncs it, renames it to DIR/NAME and fsyncs DIR: the file is the
 * old one or the new one, never a mixture. 0 or -1 (errno). */
int cli_write_atomic(const char *dir, const char *name, const cli_buf *b);
/* Copies the file src to dst (through dst.tmp and a rename). 0 or -1. */
int cli_copy_file(const char *src, const char *dst);
/* SHA-256 (hex) and size of the file `path`; 0 or -1. */
int cli_file_sha256(char hex[65], long long *size, const char *path);
/* The current UTC time as YYYY-MM-DDTHH:MM:SSZ. */
void cli_utc_now(char out[21]);

#endif /* NSC_CLI_LSDIR_H */
