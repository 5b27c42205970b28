/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fetch.c: one URL into one file with libcurl, for `namescreen update`. Only the command-line
 * tool links libcurl, never the library. TLS peers and host names are always verified (there is
 * deliberately no way to turn that off); redirects may lead to http and https only.
 */
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common.h"
#include "fetch.h"
#include "namescreen.h"

int cli_fetch_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT) == 0 ? 0 : -1; }

void cli_fetch_global_cleanup(void) { curl_global_cleanup(); }

/* The state of one attempt, seen by libcurl's callbacks. */
typedef struct transfer {
    FILE *f;
    long long bytes, max_bytes;
    int too_big, write_failed;
    char reason[128]; /* the status line's reason phrase: "Not Found" */
    cli_fetch_result *r;
} transfer;

static size_t on_data(char *data, size_t size, size_t n, void *ud)
{
    transfer *t = ud;
    size_t len = size * n;
    if (t->bytes + (long long)len > t->max_bytes) {
        t->too_big = 1;
        return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
    }
    if (fwrite(data, 1, len, t->f) != len) {
        t->write_failed = errno ? errno : EIO;
        return 0;
    }
    t->bytes += (long long)len;
    return len;
}

/* Copies the value of header line `line` (name `name` with its colon) into out, trimmed. */
static int header_value(char *out, size_t cap, const char *line, size_t len, const char *name)
{
    size_t nlen = strlen(name);
    if (len < nlen || strncasecmp(line, name, nlen) != 0) return 0;
    const char *v = line + nlen, *end = line + len;
    while (v < end && (*v == ' ' || *v == '\t')) v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ')) end--;
    size_t vlen = (size_t)(end - v) < cap - 1 ? (size_t)(end - v) : cap - 1;
    memcpy(out, v, vlen);
    out[vlen] = '\0';
    return 1;
}

/* Each response (a redirect has its own) starts with its status line: forget the headers of
 * the one before. */
static size_t on_header(char *line, size_t size, size_t n, void *ud)
{
    transfer *t = ud;
    size_t len = size * n;
    if (len > 5 && strncmp(line, "HTTP/", 5) == 0) {
        t->r->etag[0] = t->r->last_modified[0] = t->reason[0] = '\0';
        const char *sp = memchr(line, ' ', len);
        if (sp) sp = memchr(sp + 1, ' ', len - (size_t)(sp + 1 - line));
        if (sp) header_value(t->reason, sizeof t->reason, sp, len - (size_t)(sp - line), "");
    } else if (!header_value(t->r->etag, sizeof t->r->etag, line, len, "ETag:")) {
        header_value(t->r->last_modified, sizeof t->r->last_modified, line, len, "Last-Modified:");
    }
    return len;
}

static void setup(CURL *c, const char *url, transfer *t, struct curl_slist *hdrs, char *errbuf,
                  const cli_fetch_opts *o)
{
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,file");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "namescreen/" NSC_VERSION_STRING);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (o->cacert) curl_easy_setopt(c, CURLOPT_CAINFO, o->cacert);
    if (o->proxy) curl_easy_setopt(c, CURLOPT_PROXY, o->proxy);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
    /* A transfer that stalls (under 1 byte/s for this long) ends before the total timeout. */
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, o->connect_timeout);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, t);
}

/* Whether a failed attempt may succeed when repeated. */
static int transient(CURLcode rc, long status)
{
    if (rc == CURLE_OK) return status >= 500 && status <= 599;
    return rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
           rc == CURLE_COULDNT_RESOLVE_PROXY || rc == CURLE_OPERATION_TIMEDOUT ||
           rc == CURLE_PARTIAL_FILE || rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR ||
           rc == CURLE_GOT_NOTHING || rc == CURLE_HTTP2 || rc == CURLE_HTTP2_STREAM;
}

/* Says in r->error why the attempt failed; 0 when it did not. */
static int describe(cli_fetch_result *r, CURL *c, CURLcode rc, const transfer *t,
                    const char *errbuf, const cli_fetch_opts *o)
{
    curl_off_t expected = -1;
    curl_easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected);
    if (t->too_big || rc == CURLE_FILESIZE_EXCEEDED)
        snprintf(r->error, sizeof r->error, "larger than --max-bytes %lld bytes", o->max_bytes);
    else if (t->write_failed)
        snprintf(r->error, sizeof r->error, "cannot write the download: %s",
                 strerror(t->write_failed));
    else if (rc == CURLE_PARTIAL_FILE)
        snprintf(r->error, sizeof r->error, "connection cut after %lld of %lld bytes", t->bytes,
                 (long long)expected);
    else if (rc == CURLE_OPERATION_TIMEDOUT)
        snprintf(r->error, sizeof r->error, "timed out (--timeout %ld s) after %lld bytes: %s",
                 o->timeout, t->bytes, errbuf[0] ? errbuf : curl_easy_strerror(rc));
    else if (rc != CURLE_OK)
        snprintf(r->error, sizeof r->error, "%s%s%s", curl_easy_strerror(rc), errbuf[0] ? ": " : "",
                 errbuf);
    else if (r->status == 0 || r->status == 200 || r->status == 304)
        return 0;
    else
        snprintf(r->error, sizeof r->error, "HTTP %ld%s%s", r->status, t->reason[0] ? " " : "",
                 t->reason);
    return -1;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* One attempt: 0 done, -1 failed (r->error), with *retry set when it may be repeated. */
static int attempt(cli_fetch_result *r, CURL *c, const char *url, const char *path,
                   struct curl_slist *hdrs, const cli_fetch_opts *o, int *retry)
{
    char errbuf[CURL_ERROR_SIZE] = "";
    transfer t = { .max_bytes = o->max_bytes, .r = r };
    *retry = 0;
    t.f = fopen(path, "wb");
    if (t.f == NULL) {
        snprintf(r->error, sizeof r->error, "cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    curl_easy_reset(c);
    setup(c, url, &t, hdrs, errbuf, o);
    CURLcode rc = curl_easy_perform(c);
    r->status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    r->bytes = t.bytes;
    if (fclose(t.f) != 0 && rc == CURLE_OK && !t.write_failed) t.write_failed = errno;
    if (describe(r, c, rc, &t, errbuf, o) == 0) {
        r->not_modified = r->status == 304;
        return 0;
    }
    *retry = !t.too_big && !t.write_failed && transient(rc, r->status);
    return -1;
}

int cli_fetch(cli_fetch_result *r, const char *url, const char *path, const cli_fetch_opts *o)
{
    memset(r, 0, sizeof *r);
    CURL *c = curl_easy_init();
    if (c == NULL) {
        snprintf(r->error, sizeof r->error, "cannot start libcurl");
        return -1;
    }
    struct curl_slist *hdrs = NULL;
    char h[512];
    if (o->etag && *o->etag) {
        snprintf(h, sizeof h, "If-None-Match: %s", o->etag);
        hdrs = curl_slist_append(hdrs, h);
    }
    if (o->last_modified && *o->last_modified) {
        snprintf(h, sizeof h, "If-Modified-Since: %s", o->last_modified);
        hdrs = curl_slist_append(hdrs, h);
    }
    int rc = -1, retry = 0;
    long delay = o->retry_delay_ms;
    for (long i = 0; i <= o->retries; i++) {
        if (i > 0) {
            sleep_ms(delay);
            delay = delay > 3600000L / 2 ? 3600000L : delay * 2;
        }
        rc = attempt(r, c, url, path, hdrs, o, &retry);
        if (rc == 0 || !retry) break;
    }
    if (rc != 0 && retry && o->retries > 0) {
        size_t n = strlen(r->error);
        snprintf(r->error + n, sizeof r->error - n, " (after %ld attempts)", o->retries + 1);
    }
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(c);
    return rc;
}

int cli_http_date_day(char out[11], const char *http_date)
{
    time_t t = curl_getdate(http_date, NULL);
    struct tm tm;
    if (t == (time_t)-1 || gmtime_r(&t, &tm) == NULL) return -1;
    return strftime(out, 11, "%Y-%m-%d", &tm) == 10 ? 0 : -1;
}

char *cli_url_redacted(const char *url)
{
    const char *auth = strstr(url, "://");
    if (auth == NULL) return xstrdup(url);
    auth += 3;
    size_t alen = strcspn(auth, "/?#");
    const char *at = memchr(auth, '@', alen);
    if (at == NULL) return xstrdup(url);
    /* the last '@' of the authority ends the userinfo */
    for (const char *p = at + 1; p < auth + alen; p++)
        if (*p == '@') at = p;
    const char *colon = memchr(auth, ':', (size_t)(at - auth));
    size_t keep = colon ? (size_t)(colon + 1 - url) : (size_t)(auth - url);
    size_t n = keep + 3 + strlen(at) + 1;
    char *out = xcalloc(n, 1);
    snprintf(out, n, "%.*s***%s", (int)keep, url, at);
    return out;
}
