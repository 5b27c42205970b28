/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fetch.h: downloading one URL into a file with libcurl for `namescreen update`: conditional
 * requests, timeouts, retries with exponential backoff, a size limit, TLS always verified.
 */
#ifndef NSC_CLI_FETCH_H
#define NSC_CLI_FETCH_H

typedef struct cli_fetch_opts {
    long timeout;              /* seconds for the whole transfer */
    long connect_timeout;      /* seconds to connect */
    long retries;              /* further attempts after a connection error, a timeout or a 5xx */
    long retry_delay_ms;       /* the first wait; doubled for each further attempt */
    long long max_bytes;       /* a larger download is an error */
    const char *proxy;         /* NULL: libcurl's own (http_proxy, https_proxy, no_proxy) */
    const char *cacert;        /* NULL: the system's CA certificates */
    const char *etag;          /* sent as If-None-Match when not NULL or empty */
    const char *last_modified; /* sent as If-Modified-Since when not NULL or empty */
} cli_fetch_opts;

typedef struct cli_fetch_result {
    long status;             /* the HTTP status of the last response; 0 for file:// */
    int not_modified;        /* 1: the answer was 304, nothing was written */
    long long bytes;         /* bytes written */
    char etag[256];          /* the response's ETag header, or "" */
    char last_modified[128]; /* its Last-Modified header, or "" */
    char error[512];         /* why it failed: "HTTP 404 Not Found", "timed out ..." */
} cli_fetch_result;

/* Once per process, before any cli_fetch; 0, or -1 when libcurl cannot start. */
int cli_fetch_global_init(void);
void cli_fetch_global_cleanup(void);

/* Downloads `url` into the file `path` (created or truncated). 0 for a 200 (or a file:// read)
 * or a 304 (r->not_modified; the file is then empty), -1 on failure with r->error set. The file
 * is complete when 0 is returned without not_modified: a transfer cut short is an error. */
int cli_fetch(cli_fetch_result *r, const char *url, const char *path, const cli_fetch_opts *o);

/* The UTC day (YYYY-MM-DD) of an HTTP date ("Wed, 02 Dec 2026 01:00:00 GMT") into out; 0, or
 * -1 when it is not a date. */
int cli_http_date_day(char out[11], const char *http_date);

/* url with the password of its userinfo ("https://user:secret@host/...") replaced by "***"
 * (a userinfo without ':' is replaced whole), for messages and manifests: credentials of a
 * mirror are never printed or written. A malloc'd string. */
char *cli_url_redacted(const char *url);

#endif /* NSC_CLI_FETCH_H */
