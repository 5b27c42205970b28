/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cmd_lists.c: `namescreen lists` describes the loaded lists: their files, publication date,
 * entry and name counts, checksums, the warnings their parsers gave and, for a lists directory,
 * their version, source and last check; `lists --check` verifies a lists directory, `lists
 * --compile` writes its index snapshot.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "common.h"
#include "lists.h"
#include "namescreen/csv.h"

/* "fresh", "stale", "age unknown", as nsc_list_stale() judges it now. */
static const char *age_word(const nsc_list_info *li, const cli_opts *o)
{
    int r = nsc_list_stale(li, (int64_t)time(NULL), o->max_age, o->max_age, NULL);
    return r == NSC_LIST_FRESH ? "fresh" : r == NSC_LIST_AGE_UNKNOWN ? "age unknown" : "stale";
}

static void describe_dir_facts(cli_buf *out, const nsc_list_info *li, const cli_opts *o)
{
    if (*li->version_dir == '\0') return;
    cli_buf_printf(out,
                   "  version    %s\n  source     %s\n  fetched    %s\n  date from  %s\n"
                   "  checked    %s\n  age        %s%s\n",
                   li->version_dir, li->source, *li->fetched ? li->fetched : "unknown",
                   *li->published_from ? li->published_from : "unknown",
                   *li->checked ? li->checked : "never", age_word(li, o),
                   li->snapshot ? " (bundled snapshot, for trying namescreen; run `namescreen "
                                  "update`)"
                                : "");
}

static void describe_list(cli_buf *out, const nsc_engine *eng, size_t i, const cli_opts *o)
{
    nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
    if (nsc_engine_list_info(&li, eng, i) != 0) return;
    cli_buf_printf(out,
                   "%s%s\n  format     %s\n  files      %s\n  published  %s\n"
                   "  entries    %zu\n  names      %zu\n  sha256     %s\n  xxh128     %s\n",
                   i ? "\n" : "", li.name, li.format, li.files,
                   li.published && *li.published ? li.published : "unknown", li.entries, li.names,
                   li.sha256, li.xxh128);
    describe_dir_facts(out, &li, o);
    cli_buf_printf(out, "  warnings   %zu\n", li.warnings);
    const char *w;
    for (size_t k = 0; (w = nsc_engine_list_warning(eng, i, k)) != NULL; k++)
        cli_buf_printf(out, "    %s\n", w);
}

static int is_loaded(const nsc_engine *eng, const char *name)
{
    size_t n = nsc_engine_list_count(eng);
    for (size_t i = 0; i < n; i++) {
        nsc_list_info li = { .version = 1 };
        if (nsc_engine_list_info(&li, eng, i) == 0 && strcmp(li.name, name) == 0) return 1;
    }
    return 0;
}

/* The lists of DIR/sources.csv that are not loaded: never fetched. */
static void describe_unfetched(cli_buf *out, const nsc_engine *eng, const char *dir)
{
    size_t n = strlen(dir) + sizeof "/sources.csv";
    char *path = xcalloc(n, 1);
    snprintf(path, n, "%s/sources.csv", dir);
    nsc_csv *csv = NULL;
    if (nsc_csv_open(&csv, path, ',') == 0 && nsc_csv_next(csv) == 1) {
        long lc = -1, uc = -1;
        for (size_t i = 0; i < nsc_csv_nfields(csv); i++) {
            const char *h = nsc_csv_field(csv, i, NULL);
            if (strcmp(h, "list") == 0) lc = (long)i;
            if (strcmp(h, "url") == 0) uc = (long)i;
        }
        while (lc >= 0 && nsc_csv_next(csv) == 1) {
            const char *l = nsc_csv_field(csv, (size_t)lc, NULL);
            const char *u = uc >= 0 ? nsc_csv_field(csv, (size_t)uc, NULL) : NULL;
            if (l == NULL || *l == '\0' || is_loaded(eng, l)) continue;
            cli_buf_printf(out, "\n%s\n  not fetched (source %s); run `namescreen update`\n", l,
                           u && *u ? u : "unknown");
        }
    }
    nsc_csv_close(csv);
    free(path);
}

/* What --check collects: one line per list for standard output; the directory's own error. */
typedef struct check_ctx {
    cli_buf out;
    const char *dir, *from;
} check_ctx;

static void check_report(void *ctx, const char *list, const char *version, int rc,
                         const char *message)
{
    check_ctx *c = ctx;
    if (*list == '\0') { /* the directory itself could not be read */
        errorf("lists --check: %s (%s): %s (%s)", c->dir, c->from, message, nsc_errname(rc));
        return;
    }
    cli_buf_printf(&c->out, "%-4s %s %s: %s\n", rc == 0 ? "ok" : "FAIL", list,
                   *version ? version : "-", message);
    if (rc != 0) errorf("lists --check: list %s: %s (%s)", list, message, nsc_errname(rc));
}

static int run_check(const cli_opts *o)
{
    check_ctx c;
    char *dir = cli_lists_dir(o, &c.from);
    if (dir == NULL) return EXIT_ERR;
    c.dir = dir;
    cli_buf_init(&c.out);
    int rc = nsc_lists_dir_check(dir, check_report, &c);
    int status = write_out(&c.out);
    cli_buf_free(&c.out);
    free(dir);
    return finish_stdout(rc != 0 ? EXIT_ERR : status);
}

/* lists --compile: builds the index and writes its snapshot where the next start finds it. */
static int run_compile(const cli_opts *o)
{
    nsc_engine *eng;
    if (cli_engine_open(&eng, o, 0) != 0) return EXIT_ERR;
    char path[4096];
    int rc = nsc_engine_snapshot_path(path, sizeof path, eng);
    if (rc == 0) rc = nsc_engine_freeze(eng);
    if (rc == 0) rc = nsc_engine_write_snapshot(eng, path);
    if (rc != 0)
        errorf("lists --compile: %s (%s)",
               *nsc_engine_errmsg(eng) ? nsc_engine_errmsg(eng) : nsc_strerror(rc),
               nsc_errname(rc));
    else
        printf("%s\n", path);
    nsc_engine_free(eng);
    return rc != 0 ? EXIT_ERR : finish_stdout(0);
}

static int run(cli_opts *o)
{
    if (o->n_pos != 0)
        return usage_error("lists: unexpected operand '%s' (use --list SPEC or --lists DIR)",
                           o->pos[0]);
    if (o->check) {
        if (o->n_lists != 0)
            return usage_error("lists: --check verifies a lists directory, not --list");
        return run_check(o);
    }
    if (o->compile) {
        if (o->n_lists != 0)
            return usage_error("lists: --compile writes the snapshot of a lists directory, not "
                               "of --list");
        return run_compile(o);
    }
    nsc_engine *eng;
    if (cli_engine_open(&eng, o, 0) != 0) return EXIT_ERR;
    cli_buf out;
    cli_buf_init(&out);
    size_t n = nsc_engine_list_count(eng);
    for (size_t i = 0; i < n; i++) describe_list(&out, eng, i, o);
    if (o->n_lists == 0) {
        const char *from;
        char *dir = cli_lists_dir(o, &from);
        if (dir != NULL) describe_unfetched(&out, eng, dir);
        free(dir);
    }
    int status = write_out(&out);
    cli_buf_free(&out);
    nsc_engine_free(eng);
    return finish_stdout(status);
}

static const char *const forms[] = { "", "--check", "--compile", NULL };

const cli_cmd cli_cmd_lists = {
    .name = "lists",
    .bit = CLI_LISTS,
    .forms = forms,
    .summary = "describe the loaded lists, or check a lists directory",
    .description =
        "Describes each loaded list: its format, files, publication date, entry and name counts, "
        "SHA-256 and XXH3-128 checksums and, for a lists directory, its version folder, source, "
        "fetched and last-checked times and whether it is stale; then the warnings its parser "
        "gave, and the lists of sources.csv not fetched yet. With --check, verifies every "
        "current list of the lists directory against its manifest instead. With --compile, "
        "builds the index and writes it as a snapshot (printing its path), which every later "
        "command on the same list versions maps instead of building the index.",
    .hit_status = 0,
    .run = run,
};
