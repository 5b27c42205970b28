/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cmd_update.c: `namescreen update [--lists DIR] [LIST...]` fetches new versions of the lists
 * named in DIR/sources.csv into the lists directory DIR (layout: README.md, "Lists
 * directories"), and `update --from-file LIST FILE...` installs a local file instead.
 *
 * Each list: download into DIR/<list>/.staging-XXXXXX/, parse it with the library, refuse it
 * when it lost too many entities, write manifest.csv, fsync, rename the folder to
 * <published>_<sha12>, then switch DIR/<list>/current atomically (current.tmp + rename) and
 * record the check in checked.csv. Until that rename the current version is untouched, so a
 * failure or a kill at any point leaves it current and intact; leftovers are cleaned by the
 * next run, which holds DIR/.lock as every run does.
 */
#define _DEFAULT_SOURCE   /* flock */
#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "common.h"
#include "fetch.h"
#include "lists.h"
#include "lsdir.h"

#define DEFAULT_MAX_DROP 0.10
#define CONNECT_TIMEOUT 30  /* seconds; also how long a transfer may stall */
#define RETRY_DELAY_MS 1000 /* the first wait between tries; NAMESCREEN_RETRY_DELAY_MS */
#define MAX_FILES 16        /* files of one list: the main one and its companions */
#define PATH_CAP 4096

typedef enum outcome { OUT_SAME, OUT_CHANGED, OUT_FAILED } outcome;

/* What every list's update shares. */
typedef struct updater {
    const char *dir;
    cli_fetch_opts fetch;
    double max_drop; /* -1: per list */
    long keep;
} updater;

/* One list's update in progress. */
typedef struct job {
    const updater *u;
    const char *list, *format;
    double max_drop;
    int from_file;
    char ldir[PATH_CAP], staging[PATH_CAP];
    size_t n_files;
    char *url[MAX_FILES];
    char *shown[MAX_FILES]; /* url without its password (cli_url_redacted): what is printed */
    char name[MAX_FILES][256];
    char cur_version[256]; /* "" when the list has no current version */
    cli_kv cur;            /* its manifest */
    cli_fetch_result main; /* the main file's response */
    char fetched[21];
    nsc_engine *eng;
    nsc_list_info info;
    char published[11], version[256];
    const char *published_from;
    char why[1024]; /* OUT_FAILED: what failed */
} job;

static void failf(job *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void failf(job *j, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(j->why, sizeof j->why, fmt, ap);
    va_end(ap);
}

static int pathf(char out[PATH_CAP], const char *a, const char *b)
{
    return snprintf(out, PATH_CAP, "%s/%s", a, b) < PATH_CAP ? 0 : -1;
}

/* ---------------------------------------------------------------------------------------------
 * Where: the target directory, the bundled sources.csv
 * ------------------------------------------------------------------------------------------- */

/* --lists DIR, else $NAMESCREEN_LISTS, else the updated directory
 * (${XDG_DATA_HOME:-$HOME/.local/share}/namescreen/lists, nsc_lists_dir_updated()). */
static char *target_dir(const cli_opts *o)
{
    if (o->lists_dir) return xstrdup(o->lists_dir);
    const char *env = getenv("NAMESCREEN_LISTS");
    if (env && *env) return xstrdup(env);
    const char *upd = nsc_lists_dir_updated();
    return upd ? xstrdup(upd) : NULL;
}

/* The bundled sources.csv (cli_find_bundled: where the bundled snapshots are). 0 with its
 * path in out, or -1. */
static int bundled_sources(char out[PATH_CAP])
{
    char *dir = cli_find_bundled(0);
    int rc = dir && pathf(out, dir, "sources.csv") == 0 && access(out, R_OK) == 0 ? 0 : -1;
    free(dir);
    return rc;
}

/* DIR/sources.csv, copied from the bundled one when DIR has none. 0, or EXIT_ERR reported;
 * with `optional`, a missing bundled one is no error (--from-file needs no sources). */
static int ensure_sources(const char *dir, int optional)
{
    char path[PATH_CAP], bundled[PATH_CAP];
    if (pathf(path, dir, "sources.csv") != 0) return EXIT_ERR;
    if (access(path, F_OK) == 0) return 0;
    if (bundled_sources(bundled) != 0) {
        if (optional) return 0;
        errorf("update: %s has no sources.csv and the bundled one (lists/sources.csv) is not "
               "found; write one (header list,format,url)",
               dir);
        return EXIT_ERR;
    }
    if (cli_copy_file(bundled, path) != 0) {
        errorf("update: cannot copy %s to %s: %s", bundled, path, strerror(errno));
        return EXIT_ERR;
    }
    return 0;
}

/* flock(LOCK_EX) on fd, tried every 100 ms for up to `wait` seconds. */
static int lock_within(int fd, long wait)
{
    for (long tries = wait * 10;; tries--) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) return 0;
        if (errno != EWOULDBLOCK || tries <= 0) return -1;
        struct timespec ts = { 0, 100000000L };
        nanosleep(&ts, NULL);
    }
}

/* DIR/.lock, held (flock) until the process ends. 0, or EXIT_ERR reported. */
static int take_lock(const char *dir, long wait)
{
    char path[PATH_CAP];
    if (pathf(path, dir, ".lock") != 0) return EXIT_ERR;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) {
        errorf("update: cannot open %s: %s", path, strerror(errno));
        return EXIT_ERR;
    }
    if (lock_within(fd, wait) != 0) {
        if (errno == EWOULDBLOCK && wait > 0)
            errorf("another namescreen update is running on %s (lock %s); waited %ld s", dir, path,
                   wait);
        else if (errno == EWOULDBLOCK)
            errorf("another namescreen update is running on %s (lock %s)", dir, path);
        else
            errorf("update: cannot lock %s: %s", path, strerror(errno));
        close(fd);
        return EXIT_ERR;
    }
    return 0; /* fd stays open: the lock lasts as long as the process */
}

/* ---------------------------------------------------------------------------------------------
 * File names
 * ------------------------------------------------------------------------------------------- */

static const char *format_extension(const char *format)
{
    if (strcmp(format, "ftm") == 0) return "json";
    if (strcmp(format, "un") == 0 || strcmp(format, "eu") == 0 || strstr(format, "xml") ||
        strstr(format, "advanced"))
        return "xml";
    return "csv";
}

static int plain_file_name(const char *s, size_t n)
{
    static const char ok[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
    if (n == 0 || n > 200 || s[0] == '.') return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr(ok, s[i])) return 0;
    return memchr(s, '.', n) != NULL && !(n == 12 && strncmp(s, "manifest.csv", 12) == 0);
}

/* The name a downloaded file is saved under: the last segment of the URL's path when it is a
 * plain file name with an extension (SDN_ADVANCED.XML, consolidated.xml, sdn.csv); else, for the
 * main file, the list name with its format's extension (the EU's ".../content?token=..." is saved
 * as eu.xml). A companion file must have a plain name. 0, or -1. */
static int file_name(char out[256], const char *url, int is_main, const char *list,
                     const char *format)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    if (strncmp(url, "file://", 7) != 0) p += strcspn(p, "/"); /* the host */
    size_t len = strcspn(p, "?#");
    const char *seg = p + len;
    while (seg > p && seg[-1] != '/') seg--;
    size_t n = (size_t)(p + len - seg);
    if (plain_file_name(seg, n)) {
        snprintf(out, 256, "%.*s", (int)n, seg);
        return 0;
    }
    if (!is_main) return -1;
    snprintf(out, 256, "%s.%s", list, format_extension(format));
    return 0;
}

/* Splits the url field into j->url and names the files. 0, or -1 with j->why. */
static int plan_files(job *j, const char *urls)
{
    char *copy = xstrdup(urls), *save = NULL;
    int rc = 0;
    for (char *u = strtok_r(copy, " ", &save); u && rc == 0; u = strtok_r(NULL, " ", &save)) {
        if (j->n_files == MAX_FILES) {
            failf(j, "more than %d URLs", MAX_FILES);
            rc = -1;
        } else if (file_name(j->name[j->n_files], u, j->n_files == 0, j->list, j->format) != 0) {
            failf(j, "%s: a companion file's URL must end in a file name", u);
            rc = -1;
        } else {
            for (size_t i = 0; i < j->n_files && rc == 0; i++)
                if (strcmp(j->name[i], j->name[j->n_files]) == 0) {
                    failf(j, "%s: two files named %s", u, j->name[i]);
                    rc = -1;
                }
            j->shown[j->n_files] = cli_url_redacted(u);
            j->url[j->n_files++] = xstrdup(u);
        }
    }
    free(copy);
    if (rc == 0 && j->n_files == 0) {
        failf(j, "no URL in sources.csv");
        rc = -1;
    }
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * The list folder: current version, leftovers, old versions
 * ------------------------------------------------------------------------------------------- */

static int version_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 13 || s[n - 13] != '_' || strspn(s + n - 12, "0123456789abcdef") != 12) return 0;
    if (n == 13 + 7) return strncmp(s, "undated", 7) == 0;
    return n == 13 + 10 && strspn(s, "0123456789-") == 10;
}

/* DIR/<list>/current and its manifest into j->cur_version and j->cur. */
static void read_current(job *j)
{
    char path[PATH_CAP], mpath[PATH_CAP];
    j->cur_version[0] = '\0';
    if (pathf(path, j->ldir, "current") != 0) return;
    FILE *f = fopen(path, "r");
    if (f == NULL) return;
    char line[256] = "";
    if (fgets(line, sizeof line, f) == NULL) line[0] = '\0';
    fclose(f);
    line[strcspn(line, "\r\n")] = '\0';
    if (!version_name_ok(line)) return;
    if (snprintf(mpath, sizeof mpath, "%s/%s/manifest.csv", j->ldir, line) >= PATH_CAP) return;
    if (cli_kv_read(&j->cur, mpath) != 0) return;
    snprintf(j->cur_version, sizeof j->cur_version, "%s", line);
}

/* Removes what an interrupted update left: staging folders and *.tmp files. Safe under the
 * lock: no other update is running. */
static void clean_leftovers(const char *ldir)
{
    DIR *d = opendir(ldir);
    if (d == NULL) return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        char path[PATH_CAP];
        if (pathf(path, ldir, e->d_name) != 0) continue;
        if (strncmp(e->d_name, ".staging-", 9) == 0)
            cli_remove_tree(path);
        else if (n > 4 && strcmp(e->d_name + n - 4, ".tmp") == 0)
            unlink(path);
    }
    closedir(d);
}

typedef struct version_entry {
    char name[256], fetched[32];
} version_entry;

static int newest_first(const void *a, const void *b)
{
    const version_entry *x = a, *y = b;
    int c = strcmp(y->fetched, x->fetched);
    return c ? c : strcmp(y->name, x->name);
}

/* Keeps `keep` version folders: the current one and the newest others (by their manifest's
 * fetched time, to the second; ties by name); deletes the rest. */
static void prune(const char *ldir, const char *current, long keep)
{
    DIR *d = opendir(ldir);
    if (d == NULL) return;
    version_entry *v = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (!version_name_ok(e->d_name)) continue;
        if (n == cap) v = xrealloc(v, (cap = cap ? 2 * cap : 16) * sizeof *v);
        snprintf(v[n].name, sizeof v[n].name, "%s", e->d_name);
        char m[PATH_CAP];
        cli_kv kv;
        v[n].fetched[0] = '\0';
        if (snprintf(m, sizeof m, "%s/%s/manifest.csv", ldir, e->d_name) < PATH_CAP &&
            cli_kv_read(&kv, m) == 0) {
            const char *f = cli_kv_get(&kv, "fetched");
            snprintf(v[n].fetched, sizeof v[n].fetched, "%s", f ? f : "");
            cli_kv_free(&kv);
        }
        n++;
    }
    closedir(d);
    if (n > 1) qsort(v, n, sizeof *v, newest_first);
    size_t kept = 1; /* the current version counts as one of the `keep` */
    for (size_t i = 0; i < n; i++) {
        char path[PATH_CAP];
        if (strcmp(v[i].name, current) == 0) continue;
        if (kept < (size_t)keep)
            kept++;
        else if (pathf(path, ldir, v[i].name) == 0)
            cli_remove_tree(path);
    }
    free(v);
}

/* ---------------------------------------------------------------------------------------------
 * Downloading, parsing, accepting
 * ------------------------------------------------------------------------------------------- */

/* The stored ETag and Last-Modified, when they belong to the current version. */
static void conditional(job *j, cli_fetch_opts *fo, cli_kv *checked)
{
    char path[PATH_CAP];
    fo->etag = fo->last_modified = NULL;
    if (j->from_file || j->n_files != 1 || !*j->cur_version) return;
    if (pathf(path, j->ldir, "checked.csv") != 0 || cli_kv_read(checked, path) != 0) return;
    const char *v = cli_kv_get(checked, "version");
    if (v == NULL || strcmp(v, j->cur_version) != 0) return;
    fo->etag = cli_kv_get(checked, "etag");
    fo->last_modified = cli_kv_get(checked, "last_modified");
}

/* Downloads every file into the staging folder. 0, or -1 with j->why. Only the main file of a
 * one-file list is asked for conditionally: with companions a 304 on one file says nothing of
 * the others, so they are all fetched and compared by SHA-256. */
static int download(job *j)
{
    cli_fetch_opts fo = j->u->fetch;
    cli_kv checked = { 0 };
    conditional(j, &fo, &checked);
    int rc = 0;
    for (size_t i = 0; i < j->n_files && rc == 0; i++) {
        char path[PATH_CAP];
        cli_fetch_result r;
        if (pathf(path, j->staging, j->name[i]) != 0) {
            failf(j, "%s: path too long", j->shown[i]);
            rc = -1;
        } else if (cli_fetch(&r, j->url[i], path, &fo) != 0) {
            failf(j, "%s: %s", j->shown[i], r.error);
            rc = -1;
        } else if (i == 0) {
            j->main = r;
            if (r.status == 0) /* file://: a file's mtime is not a publication date */
                j->main.etag[0] = j->main.last_modified[0] = '\0';
            if (r.not_modified) {
                /* A 304 need not repeat the validators: keep the stored ones. */
                if (!r.etag[0] && fo.etag)
                    snprintf(j->main.etag, sizeof j->main.etag, "%s", fo.etag);
                if (!r.last_modified[0] && fo.last_modified)
                    snprintf(j->main.last_modified, sizeof j->main.last_modified, "%s",
                             fo.last_modified);
                break;
            }
        }
        fo.etag = fo.last_modified = NULL;
    }
    cli_utc_now(j->fetched);
    cli_kv_free(&checked);
    return rc;
}

static int engine_load(nsc_engine **out, const char *path, const char *format, const char *list,
                       char *err, size_t cap)
{
    if (nsc_engine_new(out, NULL) != 0) {
        snprintf(err, cap, "cannot create an engine");
        return -1;
    }
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = format && *format ? format : NULL;
    lo.name = list;
    int rc = nsc_engine_load(*out, path, &lo);
    if (rc != 0) {
        const char *msg = nsc_engine_errmsg(*out);
        snprintf(err, cap, "%s (%s)", msg && *msg ? msg : nsc_strerror(rc), nsc_errname(rc));
        nsc_engine_free(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

/* Removes "PREFIX/" wherever it occurs in s: the staging folder from the parser's messages. */
static void strip_prefix(char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    for (char *p; n > 0 && (p = strstr(s, prefix)) != NULL && p[n] == '/';)
        memmove(p, p + n + 1, strlen(p + n + 1) + 1);
}

/* Parses the download with the library, and names its version. 0, or -1 with j->why. */
static int parse(job *j)
{
    char path[PATH_CAP], err[768];
    if (pathf(path, j->staging, j->name[0]) != 0 ||
        engine_load(&j->eng, path, j->format, j->list, err, sizeof err) != 0) {
        strip_prefix(err, j->staging);
        failf(j, "%s: does not parse: %s", j->shown[0], err);
        return -1;
    }
    j->info.version = NSC_LIST_INFO_VERSION;
    nsc_engine_list_info(&j->info, j->eng, 0);
    j->published_from = "none";
    j->published[0] = '\0';
    if (j->info.published && strlen(j->info.published) == 10) {
        snprintf(j->published, sizeof j->published, "%s", j->info.published);
        j->published_from = "file";
    } else if (j->main.last_modified[0] &&
               cli_http_date_day(j->published, j->main.last_modified) == 0) {
        j->published_from = "last-modified";
    }
    snprintf(j->version, sizeof j->version, "%s_%.12s", j->published[0] ? j->published : "undated",
             j->info.sha256);
    return 0;
}

static size_t cur_entities(const job *j)
{
    const char *e = cli_kv_get(&j->cur, "entities");
    return e ? (size_t)strtoull(e, NULL, 10) : 0;
}

/* Refuses a version that lost more than max_drop of the current one's entities. */
static int check_drop(job *j)
{
    size_t old = cur_entities(j), now = j->info.entries;
    if (!*j->cur_version || old == 0 || now >= old) return 0;
    double drop = (double)(old - now) / (double)old;
    if (drop <= j->max_drop) return 0;
    failf(j,
          "%s: entity count dropped from %zu to %zu (%.0f%%, over %s %g%%); current version "
          "kept",
          j->shown[0], old, now, drop * 100.0, j->u->max_drop >= 0 ? "--max-drop" : "max_drop",
          j->max_drop * 100.0);
    return -1;
}

static void manifest_files(cli_buf *b, const job *j)
{
    for (size_t i = 0; i < j->n_files; i++) {
        char path[PATH_CAP], hex[65], row[512];
        long long size = 0;
        if (pathf(path, j->staging, j->name[i]) != 0 || cli_file_sha256(hex, &size, path) != 0) {
            b->oom = 1; /* makes the write fail */
            continue;
        }
        cli_fsync_path(path);
        snprintf(row, sizeof row, "%s %lld %s", j->name[i], size, hex);
        cli_kv_put(b, "file", row);
    }
}

/* manifest.csv into the staging folder, as the lists-directory contract says. */
static int write_manifest(job *j)
{
    cli_buf b;
    char n[32];
    cli_buf_init(&b);
    cli_kv_put(&b, "key", "value");
    cli_kv_put(&b, "list", j->list);
    cli_kv_put(&b, "format", j->info.format ? j->info.format : j->format);
    cli_kv_put(&b, "main", j->name[0]);
    cli_kv_put(&b, "source", j->shown[0]);
    cli_kv_put(&b, "fetched", j->fetched);
    cli_kv_put(&b, "published", j->published);
    cli_kv_put(&b, "published_from", j->published_from);
    cli_kv_put(&b, "sha256", j->info.sha256);
    snprintf(n, sizeof n, "%zu", j->info.entries);
    cli_kv_put(&b, "entities", n);
    snprintf(n, sizeof n, "%zu", j->info.names);
    cli_kv_put(&b, "names", n);
    manifest_files(&b, j);
    for (size_t w = 0; w < j->info.warnings; w++)
        cli_kv_put(&b, "warning", nsc_engine_list_warning(j->eng, 0, w));
    cli_kv_put(&b, "snapshot", "false");
    cli_kv_put(&b, "tool", "namescreen " NSC_VERSION_STRING);
    int rc = cli_write_atomic(j->staging, "manifest.csv", &b);
    cli_buf_free(&b);
    if (rc != 0) failf(j, "cannot write %s/manifest.csv: %s", j->staging, strerror(errno));
    return rc;
}

/* The staging folder becomes the version folder. A folder of that name that is not current
 * (left by an update killed before its switch) holds the same bytes: it is replaced. */
static int install_version(job *j)
{
    char dst[PATH_CAP];
    if (strcmp(j->version, j->cur_version) == 0) { /* the same 48 bits of another SHA-256 */
        failf(j, "%s: version %s is current but its SHA-256 differs", j->shown[0], j->version);
        return -1;
    }
    if (pathf(dst, j->ldir, j->version) != 0) return -1;
    if (cli_fsync_path(j->staging) != 0 || cli_remove_tree(dst) != 0 ||
        rename(j->staging, dst) != 0 || cli_fsync_path(j->ldir) != 0) {
        failf(j, "cannot install %s: %s", dst, strerror(errno));
        return -1;
    }
    j->staging[0] = '\0';
    return 0;
}

/* The atomic switch: DIR/<list>/current names the new version. */
static int switch_current(job *j)
{
    cli_buf b;
    cli_buf_init(&b);
    cli_buf_printf(&b, "%s\n", j->version);
    /* Test hook, deliberately left out of the help: NAMESCREEN_TEST_KILL_BEFORE_SWITCH=1 kills
     * the process here, after the new version folder is in place and before current moves, so
     * the tests can prove that such a death leaves the old version current and intact. */
    const char *kill_hook = getenv("NAMESCREEN_TEST_KILL_BEFORE_SWITCH");
    if (kill_hook && strcmp(kill_hook, "1") == 0) {
        fflush(stdout);
        raise(SIGKILL);
    }
    int rc = cli_write_atomic(j->ldir, "current", &b);
    cli_buf_free(&b);
    if (rc != 0) failf(j, "cannot switch %s/current: %s", j->ldir, strerror(errno));
    return rc;
}

/* checked.csv after a 200, a 304 or a file read. */
static void record_check(const job *j, const char *version)
{
    cli_buf b;
    cli_buf_init(&b);
    const char *status = j->main.status == 304 ? "304" : j->main.status == 0 ? "file" : "200";
    cli_kv_put(&b, "key", "value");
    cli_kv_put(&b, "checked", j->fetched);
    cli_kv_put(&b, "status", status);
    cli_kv_put(&b, "etag", j->main.etag);
    cli_kv_put(&b, "last_modified", j->main.last_modified);
    cli_kv_put(&b, "version", version);
    if (cli_write_atomic(j->ldir, "checked.csv", &b) != 0)
        errorf("update: %s: cannot write %s/checked.csv: %s", j->list, j->ldir, strerror(errno));
    cli_buf_free(&b);
}

/* "(+23 added, -1 removed, 4 changed)" between the old current version and the new one. */
static void describe_diff(cli_buf *out, const job *j)
{
    char path[PATH_CAP], err[768];
    const char *main = cli_kv_get(&j->cur, "main"), *fmt = cli_kv_get(&j->cur, "format");
    nsc_engine *old = NULL;
    nsc_diff *d = NULL;
    if (main == NULL ||
        snprintf(path, sizeof path, "%s/%s/%s", j->ldir, j->cur_version, main) >= PATH_CAP) {
        cli_buf_puts(out, " (the old version's manifest names no main file)");
        return;
    }
    if (engine_load(&old, path, fmt, j->list, err, sizeof err) != 0) {
        cli_buf_printf(out, " (the old version does not load: %s)", err);
        return;
    }
    if (nsc_diff_lists(&d, old, j->eng, j->list) == 0) {
        size_t count[3] = { 0, 0, 0 };
        nsc_diff_kind kind;
        for (size_t i = 0; i < nsc_diff_count(d); i++)
            if (nsc_diff_get(d, i, &kind, NULL, NULL, NULL) == 0) count[kind]++;
        cli_buf_printf(out, " (+%zu added, -%zu removed, %zu changed)", count[NSC_DIFF_ADDED],
                       count[NSC_DIFF_REMOVED], count[NSC_DIFF_CHANGED]);
    }
    nsc_diff_free(d);
    nsc_engine_free(old);
}

/* ---------------------------------------------------------------------------------------------
 * One list
 * ------------------------------------------------------------------------------------------- */

static void job_free(job *j)
{
    if (j->staging[0]) cli_remove_tree(j->staging);
    for (size_t i = 0; i < j->n_files; i++) free(j->url[i]), free(j->shown[i]);
    cli_kv_free(&j->cur);
    nsc_engine_free(j->eng);
}

static int job_prepare(job *j)
{
    if (pathf(j->ldir, j->u->dir, j->list) != 0 || cli_mkdirs(j->ldir) != 0) {
        failf(j, "cannot create %s/%s: %s", j->u->dir, j->list, strerror(errno));
        return -1;
    }
    clean_leftovers(j->ldir);
    read_current(j);
    if (pathf(j->staging, j->ldir, ".staging-XXXXXX") != 0 || mkdtemp(j->staging) == NULL) {
        failf(j, "cannot create a staging folder in %s: %s", j->ldir, strerror(errno));
        j->staging[0] = '\0';
        return -1;
    }
    return 0;
}

/* Accepts the parsed download as the new current version; the line to print into out. */
static outcome accept_version(job *j, cli_buf *out)
{
    if (check_drop(j) != 0 || write_manifest(j) != 0 || install_version(j) != 0 ||
        switch_current(j) != 0)
        return OUT_FAILED;
    record_check(j, j->version);
    if (*j->cur_version) {
        cli_buf_printf(out, "%s: updated %s -> %s", j->list, j->cur_version, j->version);
        describe_diff(out, j);
    } else {
        cli_buf_printf(out, "%s: installed %s (%zu entities, %zu names)", j->list, j->version,
                       j->info.entries, j->info.names);
    }
    return OUT_CHANGED;
}

static int format_known(const char *format)
{
    if (*format == '\0') return 1; /* detected */
    for (size_t i = 0; i < nsc_format_count(); i++)
        if (strcmp(nsc_format_name(i), format) == 0) return 1;
    return 0;
}

static outcome run_job(job *j, const char *urls, cli_buf *out)
{
    if (!format_known(j->format)) {
        failf(j, "sources.csv names format '%s', which this namescreen does not load (%s)",
              j->format, cli_known_formats());
        return OUT_FAILED;
    }
    if (job_prepare(j) != 0 || plan_files(j, urls) != 0 || download(j) != 0) return OUT_FAILED;
    if (j->main.not_modified && !*j->cur_version) {
        failf(j, "%s: HTTP 304 to a request that was not conditional", j->shown[0]);
        return OUT_FAILED;
    }
    if (j->main.not_modified) {
        record_check(j, j->cur_version);
        cli_buf_printf(out, "%s: not modified (304), checked %s", j->list, j->fetched);
        return OUT_SAME;
    }
    if (parse(j) != 0) return OUT_FAILED;
    const char *sha = cli_kv_get(&j->cur, "sha256");
    if (*j->cur_version && sha && strcmp(sha, j->info.sha256) == 0) {
        record_check(j, j->cur_version);
        cli_buf_printf(out, "%s: unchanged (same SHA-256)", j->list);
        return OUT_SAME;
    }
    return accept_version(j, out);
}

/* Updates one list from `urls` and prints its line. */
static outcome update_list(const updater *u, const char *list, const char *format, double max_drop,
                           const char *urls, int from_file)
{
    job *j = xcalloc(1, sizeof *j);
    j->u = u;
    j->list = list;
    j->format = format;
    j->max_drop = u->max_drop >= 0 ? u->max_drop : max_drop >= 0 ? max_drop : DEFAULT_MAX_DROP;
    j->from_file = from_file;
    cli_buf out;
    cli_buf_init(&out);
    outcome r = run_job(j, urls, &out);
    if (r == OUT_FAILED) {
        out.len = 0;
        cli_buf_printf(&out, "%s: FAILED: %s", list, j->why);
    } else {
        prune(j->ldir, *j->version && r == OUT_CHANGED ? j->version : j->cur_version, u->keep);
    }
    cli_buf_puts(&out, "\n");
    write_out(&out);
    fflush(stdout);
    cli_buf_free(&out);
    job_free(j);
    free(j);
    return r;
}

/* ---------------------------------------------------------------------------------------------
 * The command
 * ------------------------------------------------------------------------------------------- */

static long retry_delay(void)
{
    const char *s = getenv("NAMESCREEN_RETRY_DELAY_MS");
    char *end;
    long v = s && *s ? strtol(s, &end, 10) : -1;
    return s && *s && *end == '\0' && v >= 0 && v <= 600000 ? v : RETRY_DELAY_MS;
}

static void updater_init(updater *u, const cli_opts *o, const char *dir)
{
    memset(u, 0, sizeof *u);
    u->dir = dir;
    u->max_drop = o->max_drop;
    u->keep = o->keep;
    u->fetch.timeout = o->timeout;
    u->fetch.connect_timeout = o->timeout < CONNECT_TIMEOUT ? o->timeout : CONNECT_TIMEOUT;
    u->fetch.retries = o->retries;
    u->fetch.retry_delay_ms = retry_delay();
    u->fetch.max_bytes = o->max_bytes;
    u->fetch.proxy = o->proxy;
    u->fetch.cacert = o->cacert;
}

/* The file:// URLs of FILE [COMPANION...] into one space-separated string. */
static char *file_urls(const cli_opts *o)
{
    cli_buf b;
    cli_buf_init(&b);
    for (size_t i = 0; i < o->n_pos; i++) {
        char real[PATH_MAX];
        if (realpath(o->pos[i], real) == NULL) {
            errorf("update: --from-file: cannot read %s: %s", o->pos[i], strerror(errno));
            cli_buf_free(&b);
            return NULL;
        }
        if (strchr(real, ' ') || strchr(real, '%') || strchr(real, '?') || strchr(real, '#')) {
            errorf("update: --from-file: %s: a path with spaces, '%%', '?' or '#' is not "
                   "supported",
                   real);
            cli_buf_free(&b);
            return NULL;
        }
        cli_buf_printf(&b, "%sfile://%s", i ? " " : "", real);
    }
    cli_buf_puts(&b, "");
    char *s = b.oom ? NULL : xstrdup(b.p);
    cli_buf_free(&b);
    return s;
}

static int from_file(const updater *u, const cli_opts *o, const cli_sources *s)
{
    const char *list = o->from_file;
    if (!cli_list_name_ok(list))
        return usage_error("update: --from-file: '%s' is not a list name ([a-z0-9][a-z0-9_-]*)",
                           list);
    if (o->n_pos == 0) return usage_error("update: --from-file LIST needs FILE [COMPANION...]");
    const cli_source *row = cli_sources_find(s, list);
    const char *format = row ? row->format : nsc_detect_format(o->pos[0]);
    if (format == NULL || !*format) {
        errorf("update: --from-file: the format of %s is not detected and %s has no row in "
               "sources.csv",
               o->pos[0], list);
        return EXIT_ERR;
    }
    char *urls = file_urls(o);
    if (urls == NULL) return EXIT_ERR;
    outcome r = update_list(u, list, format, row ? row->max_drop : -1.0, urls, 1);
    free(urls);
    return r == OUT_FAILED ? EXIT_ERR : r == OUT_CHANGED ? EXIT_HIT : 0;
}

static int update_sources(const updater *u, const cli_opts *o, const cli_sources *s)
{
    for (size_t i = 0; i < o->n_pos; i++)
        if (!cli_sources_find(s, o->pos[i])) {
            errorf("update: no list '%s' in %s/sources.csv", o->pos[i], u->dir);
            return EXIT_ERR;
        }
    int changed = 0, failed = 0;
    for (size_t i = 0; i < s->n; i++) {
        const cli_source *r = &s->v[i];
        int wanted = o->n_pos == 0;
        for (size_t k = 0; k < o->n_pos && !wanted; k++) wanted = strcmp(o->pos[k], r->list) == 0;
        if (!wanted) continue;
        outcome out = update_list(u, r->list, r->format, r->max_drop, r->urls, 0);
        changed |= out == OUT_CHANGED;
        failed |= out == OUT_FAILED;
    }
    return failed ? EXIT_ERR : changed ? EXIT_HIT : 0;
}

static int run_in(const cli_opts *o, const char *dir)
{
    if (cli_mkdirs(dir) != 0) {
        errorf("update: cannot create %s: %s", dir, strerror(errno));
        return EXIT_ERR;
    }
    if (take_lock(dir, o->wait) != 0) return EXIT_ERR;
    char path[PATH_CAP], err[1024];
    if (ensure_sources(dir, o->from_file != NULL) != 0) return EXIT_ERR;
    cli_sources s = { 0 };
    if (pathf(path, dir, "sources.csv") != 0 ||
        (access(path, F_OK) == 0 && cli_sources_read(&s, path, err, sizeof err) != 0)) {
        errorf("update: %s", err);
        return EXIT_ERR;
    }
    if (cli_fetch_global_init() != 0) {
        errorf("update: cannot initialize libcurl");
        cli_sources_free(&s);
        return EXIT_ERR;
    }
    updater u;
    updater_init(&u, o, dir);
    int rc = o->from_file ? from_file(&u, o, &s) : update_sources(&u, o, &s);
    cli_fetch_global_cleanup();
    cli_sources_free(&s);
    return rc;
}

static int run(cli_opts *o)
{
    char *dir = target_dir(o);
    if (dir == NULL) {
        errorf("update: no lists directory: give --lists DIR or set NAMESCREEN_LISTS or HOME");
        return EXIT_ERR;
    }
    int rc = run_in(o, dir);
    free(dir);
    return finish_stdout(rc);
}

static const char *const forms[] = { "[LIST]...", "--from-file LIST FILE [COMPANION]...", NULL };

const cli_cmd cli_cmd_update = {
    .name = "update",
    .bit = CLI_UPDATE,
    .forms = forms,
    .summary = "fetch new versions of the lists into a lists directory",
    .description =
        "Downloads each list of DIR/sources.csv (or the LISTs named) from its URLs, parses it, and "
        "makes it the list's current version in DIR/<list>/<published>_<sha12>/, switching "
        "DIR/<list>/current atomically. A download is asked for conditionally (ETag, "
        "Last-Modified): a 304 only records the check in DIR/<list>/checked.csv, as does a "
        "download with the current version's SHA-256. A download that fails, is cut short, does "
        "not parse, or lost more than --max-drop of the entities leaves the current version as it "
        "was; one list failing does not stop the others. Prints one line per list: updated (with "
        "the entries added, removed and changed), installed, not modified, unchanged, or FAILED "
        "and why. sources.csv has the columns list, format, url (the main file, then its "
        "companion files, separated by spaces; https, http and file URLs) and, optionally, "
        "max_drop; a directory without one starts from a copy of the bundled one. Files are "
        "saved under the last segment of their URL, or, when that is not a file name, the main "
        "file as LIST.EXT (eu.xml). Only one update runs on a directory at a time (DIR/.lock).",
    .hit_status = 0,
    .exit_one = "at least one list changed",
    .exit_text = "Exit status: 0 no list changed (not modified or unchanged); 1 at least one list "
                 "changed and none failed; 2 at least one list failed, another update holds the "
                 "lock, or a usage error, with a message.",
    .run = run,
};
