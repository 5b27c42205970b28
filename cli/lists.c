/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lists.c: creating engines and loading their lists: a --list SPEC (PATH or FORMAT:PATH), or the
 * lists of a lists directory (--lists, NAMESCREEN_LISTS, the updated directory, the bundled
 * snapshots) checked against their manifests, named versions of them, and their staleness.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "lists.h"

/* ---------------------------------------------------------------------------------------------
 * --list SPEC
 * ------------------------------------------------------------------------------------------- */

const char *cli_known_formats(void)
{
    static char names[256];
    if (names[0] == '\0') {
        size_t n = 0;
        for (size_t i = 0; i < nsc_format_count() && n < sizeof names; i++) {
            int w =
                snprintf(names + n, sizeof names - n, "%s%s", i ? ", " : "", nsc_format_name(i));
            if (w < 0) break;
            n += (size_t)w;
        }
    }
    return names;
}

static int is_known_format(const char *s, size_t n)
{
    for (size_t i = 0; i < nsc_format_count(); i++) {
        const char *f = nsc_format_name(i);
        if (strlen(f) == n && strncmp(f, s, n) == 0) return 1;
    }
    return 0;
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Splits SPEC into format (into fmt, "" when none) and path. A prefix before the first ':' is a
 * format only when it is a known format name; one that looks like a format name but is not
 * known is an error, unless SPEC as a whole names an existing file. */
static int split_spec(char fmt[16], const char **path, const char *spec)
{
    const char *colon = strchr(spec, ':');
    fmt[0] = '\0';
    *path = spec;
    if (colon != NULL) {
        size_t n = (size_t)(colon - spec);
        if (is_known_format(spec, n)) {
            memcpy(fmt, spec, n);
            fmt[n] = '\0';
            *path = colon + 1;
        } else if (n > 0 && n < 16 && strspn(spec, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n &&
                   !file_exists(spec)) {
            errorf("unknown list format '%.*s' in '%s' (known formats: %s)", (int)n, spec, spec,
                   cli_known_formats());
            return EXIT_ERR;
        }
    }
    if (**path == '\0') {
        errorf("empty list path in '%s'", spec);
        return EXIT_ERR;
    }
    return 0;
}

static int report_load_error(nsc_engine *eng, int rc, const char *what, const char *fmt)
{
    const char *msg = nsc_engine_errmsg(eng);
    if (msg == NULL || *msg == '\0') msg = nsc_strerror(rc);
    int name_it = rc == NSC_EUNKNOWNFMT && *fmt == '\0';
    errorf("cannot load list %s: %s (%s)%s%s%s", what, msg, nsc_errname(rc),
           name_it ? "; name the format as FORMAT:PATH (" : "", name_it ? cli_known_formats() : "",
           name_it ? ")" : "");
    return EXIT_ERR;
}

int cli_load_spec(nsc_engine *eng, const char *spec)
{
    char fmt[16];
    const char *path;
    if (split_spec(fmt, &path, spec) != 0) return EXIT_ERR;
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = fmt[0] ? fmt : NULL;
    int rc = nsc_engine_load(eng, path, &lo);
    if (rc != 0) {
        char what[1024];
        snprintf(what, sizeof what, "'%s'", spec);
        return report_load_error(eng, rc, what, fmt);
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Lists directories
 * ------------------------------------------------------------------------------------------- */

static int engine_new(nsc_engine **out, const nsc_engine_options *eo)
{
    int rc = nsc_engine_new(out, eo);
    if (rc != 0) {
        errorf("cannot create the engine: %s", nsc_strerror(rc));
        return EXIT_ERR;
    }
    return 0;
}

static char *path_join(const char *dir, const char *rel)
{
    if (rel[0] == '/') return xstrdup(rel);
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = xcalloc(n, 1);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

/* The bundled snapshots: a lists directory with a sources.csv or a list. */
static int is_lists_dir(const char *dir)
{
    char *m = path_join(dir, "sources.csv");
    int ok = access(m, R_OK) == 0 || nsc_lists_dir_holds_lists(dir);
    free(m);
    return ok;
}

/* The directory of the running binary, resolved (realpath), into dir; 0 when unknown. */
static int exe_dir(char dir[PATH_MAX])
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL) return 0;
    if (slash == exe) slash++; /* "/namescreen": the root */
    *slash = '\0';
    return realpath(exe, dir) != NULL;
}

/* Whether the binary runs from the directory it was built into (NSC_BUILD_DIR): only such a
 * binary reads the source tree's lists, never an installed or copied one. */
static int in_build_dir(const char *dir)
{
#ifdef NSC_BUILD_DIR
    char build[PATH_MAX];
    return realpath(NSC_BUILD_DIR, build) != NULL && strcmp(build, dir) == 0;
#else
    (void)dir;
    return 0;
#endif
}

static char *lists_dir_if_present(const char *dir)
{
    return is_lists_dir(dir) ? xstrdup(dir) : NULL;
}

char *cli_find_bundled(int report)
{
    char exe[PATH_MAX], *found = NULL;
    if (exe_dir(exe)) {
#ifdef NSC_SOURCE_LISTS_DIR
        if (in_build_dir(exe)) found = lists_dir_if_present(NSC_SOURCE_LISTS_DIR);
#endif
        if (found == NULL) {
            char *share = path_join(exe, "../share/namescreen/lists");
            found = lists_dir_if_present(share);
            free(share);
        }
    }
#ifdef NSC_INSTALL_LISTS_DIR
    if (found == NULL) found = lists_dir_if_present(NSC_INSTALL_LISTS_DIR);
#endif
    if (found == NULL && report)
        errorf("cannot find the bundled lists (lists/sources.csv); give lists with --list SPEC "
               "or --lists DIR, or set NAMESCREEN_LISTS to a lists directory");
    return found;
}

char *cli_lists_dir(const cli_opts *o, const char **from)
{
    const char *env = getenv("NAMESCREEN_LISTS");
    const char *upd = nsc_lists_dir_updated();
    if (o->lists_dir != NULL) {
        *from = "--lists";
        return xstrdup(o->lists_dir);
    }
    if (env != NULL && *env != '\0') {
        *from = "NAMESCREEN_LISTS";
        return xstrdup(env);
    }
    if (upd != NULL && nsc_lists_dir_holds_lists(upd)) {
        *from = "the updated lists directory";
        return xstrdup(upd);
    }
    *from = "the bundled snapshots";
    return cli_find_bundled(1);
}

/* Loads the current lists of the lists directory the options select. */
static int load_dir(nsc_engine *eng, const cli_opts *o)
{
    const char *from;
    char *dir = cli_lists_dir(o, &from);
    if (dir == NULL) return EXIT_ERR;
    int rc = nsc_engine_load_dir(eng, dir);
    if (rc != 0)
        errorf("cannot load the lists of %s (%s): %s (%s)", dir, from, nsc_engine_errmsg(eng),
               nsc_errname(rc));
    free(dir);
    return rc != 0 ? EXIT_ERR : 0;
}

int cli_is_version_spec(const char *spec)
{
    size_t n = strcspn(spec, "@");
    if (n == 0 || spec[0] == '-' || spec[0] == '_') return 0;
    if (strspn(spec, "abcdefghijklmnopqrstuvwxyz0123456789-_") != n) return 0;
    return spec[n] == '@' ? spec[n + 1] != '\0' : !file_exists(spec);
}

int cli_open_version(nsc_engine **out, const cli_opts *o, const char *spec)
{
    if (!cli_is_version_spec(spec)) return cli_open_spec(out, spec);
    const char *from;
    char *dir = cli_lists_dir(o, &from);
    if (dir == NULL) return EXIT_ERR;
    int status = engine_new(out, NULL);
    if (status == 0) {
        int rc = nsc_engine_load_dir_version(*out, dir, spec);
        if (rc != 0) {
            errorf("cannot load '%s' from %s (%s): %s (%s)", spec, dir, from,
                   nsc_engine_errmsg(*out), nsc_errname(rc));
            nsc_engine_free(*out);
            *out = NULL;
            status = EXIT_ERR;
        }
    }
    free(dir);
    return status;
}

/* ---------------------------------------------------------------------------------------------
 * Staleness
 * ------------------------------------------------------------------------------------------- */

/* "12 days ago", "5 hours ago". */
static void age_text(char *buf, size_t cap, int64_t age)
{
    if (age < 0)
        snprintf(buf, cap, "in the future");
    else if (age >= 2 * 86400)
        snprintf(buf, cap, "%lld days ago", (long long)(age / 86400));
    else
        snprintf(buf, cap, "%lld hours ago", (long long)(age / 3600));
}

/* Judges list i; warns on standard error; 1 when it is stale (or of unknown age). */
static int judge_list(const nsc_engine *eng, size_t i, const cli_opts *o, int64_t now)
{
    nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
    if (nsc_engine_list_info(&li, eng, i) != 0) return 0;
    int64_t age;
    int r = nsc_list_stale(&li, now, o->max_age, o->max_age, &age);
    const char *pub = *li.published ? li.published : "unknown";
    char ago[64], limit[64];
    age_text(ago, sizeof ago, age);
    if (o->max_age_arg)
        snprintf(limit, sizeof limit, "--max-age %s", o->max_age_arg);
    else
        snprintf(limit, sizeof limit, "default %s",
                 r == NSC_LIST_STALE_CHECKED ? "2d since the last check" : "30d since publication");
    const char *level = o->require_fresh && r != NSC_LIST_FRESH ? "error" : "warning";
    const char *never = *li.version_dir ? " and its source was never checked" : "";
    if (li.snapshot)
        errorf("%s: list %s is a bundled snapshot published %s (%s), for trying namescreen, not "
               "for screening; run `namescreen update`",
               level, li.name, pub, ago);
    else if (r == NSC_LIST_STALE_CHECKED)
        errorf("%s: list %s was last checked %s (%s; %s); published %s", level, li.name, li.checked,
               ago, limit, pub);
    else if (r == NSC_LIST_STALE_PUBLISHED)
        errorf("%s: list %s was published %s (%s; %s)%s", level, li.name, pub, ago, limit, never);
    else if (r == NSC_LIST_AGE_UNKNOWN && o->require_fresh)
        errorf("error: list %s has no publication date and was never checked: its age is unknown",
               li.name);
    else if (r < 0)
        errorf("%s: list %s: cannot judge its age: %s", level, li.name, nsc_strerror(r));
    return r != NSC_LIST_FRESH;
}

int cli_check_fresh(const nsc_engine *eng, const cli_opts *o)
{
    int64_t now = (int64_t)time(NULL);
    size_t stale = 0, n = nsc_engine_list_count(eng);
    for (size_t i = 0; i < n; i++) stale += (size_t)judge_list(eng, i, o, now);
    if (stale == 0 || !o->require_fresh) return 0;
    errorf("--require-fresh: %zu of %zu list%s not fresh", stale, n, n == 1 ? " is" : "s are");
    return EXIT_ERR;
}

/* ---------------------------------------------------------------------------------------------
 * Engines
 * ------------------------------------------------------------------------------------------- */

static int load_lists(nsc_engine *eng, const cli_opts *o)
{
    if (o->n_lists == 0) return load_dir(eng, o);
    for (size_t i = 0; i < o->n_lists; i++)
        if (cli_load_spec(eng, o->lists[i]) != 0) return EXIT_ERR;
    return 0;
}

int cli_engine_new(nsc_engine **out, const cli_opts *o)
{
    nsc_engine_options eo;
    nsc_engine_options_init(&eo, NSC_ENGINE_OPTIONS_VERSION);
    eo.threshold = o->threshold;
    if (o->limit >= 0) eo.max_hits = (size_t)o->limit;
    eo.exhaustive = o->exhaustive;
    return engine_new(out, &eo);
}

int cli_open_spec(nsc_engine **out, const char *spec)
{
    if (engine_new(out, NULL) != 0) return EXIT_ERR;
    if (cli_load_spec(*out, spec) != 0) {
        nsc_engine_free(*out);
        *out = NULL;
        return EXIT_ERR;
    }
    return 0;
}

int cli_engine_open(nsc_engine **out, const cli_opts *o, int freeze)
{
    if (cli_engine_new(out, o) != 0) return EXIT_ERR;
    if (load_lists(*out, o) != 0) goto fail;
    /* the commands that screen say which lists are stale before they screen */
    if (o->cmd != NULL && (o->cmd->bit & (CLI_QUERY | CLI_SCREEN)) && cli_check_fresh(*out, o) != 0)
        goto fail;
    if (freeze) {
        /* the lists of a lists directory: its snapshot (`lists --compile`) when there is a
         * usable one, else the index is built */
        int rc = o->n_lists == 0 ? nsc_engine_freeze_snapshot(NULL, *out, NULL, 0)
                                 : nsc_engine_freeze(*out);
        if (rc != 0) {
            errorf("cannot build the index: %s", nsc_strerror(rc));
            goto fail;
        }
    }
    return 0;
fail:
    nsc_engine_free(*out);
    *out = NULL;
    return EXIT_ERR;
}
