/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cmd_query.c: `namescreen query NAME...` screens each name given on the command line and
 * prints its hits as text, CSV or JSON lines. Exit status 1 when any name hits.
 */
#include "cmd.h"
#include "common.h"
#include "lists.h"

static int screen_error(const char *name, int rc)
{
    if (rc == NSC_EENCODING) /* do not echo the invalid bytes */
        errorf("query: a NAME is not valid UTF-8 (%s)", nsc_errname(rc));
    else
        errorf("query '%s': %s (%s)", name, rc == NSC_EINVAL ? "empty name" : nsc_strerror(rc),
               nsc_errname(rc));
    return EXIT_ERR;
}

static int check_names(const cli_opts *o)
{
    if (o->n_pos == 0) return usage_error("query: no NAME given");
    for (size_t i = 0; i < o->n_pos; i++)
        if (is_blank(o->pos[i])) return usage_error("query: NAME %zu is empty", i + 1);
    return 0;
}

/* Screens one name into out: 0 no hit, EXIT_HIT, or EXIT_ERR. */
static int query_one(cli_buf *out, const nsc_engine *eng, const cli_opts *o, const char *name)
{
    nsc_query q = NSC_QUERY_INIT;
    q.name = name;
    q.type = o->type;
    nsc_hits *hits;
    int rc = nsc_screen(&hits, eng, &q, NULL);
    if (rc != 0) return screen_error(name, rc);
    cli_row r = { 0 };
    r.query = name;
    if (o->format == CLI_TEXT)
        cli_hits_text(out, name, hits, o->threshold);
    else
        cli_hits_lines(out, &r, hits, o->format);
    int status = nsc_hits_count(hits) > 0 ? EXIT_HIT : 0;
    nsc_hits_free(hits);
    return status;
}

static int run(cli_opts *o)
{
    if (check_names(o) != 0) return EXIT_ERR;
    nsc_engine *eng;
    if (cli_engine_open(&eng, o, 1) != 0) return EXIT_ERR;
    cli_buf out;
    cli_buf_init(&out);
    int status = 0;
    if (o->format == CLI_CSV) {
        cli_row r = { 0 };
        cli_hit_csv_header(&out, &r);
    }
    for (size_t i = 0; i < o->n_pos; i++) {
        int rc = query_one(&out, eng, o, o->pos[i]);
        if (rc == EXIT_ERR) {
            status = EXIT_ERR;
            goto fail;
        }
        if (rc == EXIT_HIT) status = EXIT_HIT;
    }
    if (write_out(&out) != 0) status = EXIT_ERR;
fail:
    cli_buf_free(&out);
    nsc_engine_free(eng);
    return finish_stdout(status);
}

static const char *const forms[] = { "NAME...", NULL };

const cli_cmd cli_cmd_query = {
    .name = "query",
    .bit = CLI_QUERY,
    .forms = forms,
    .summary = "screen each NAME against the lists",
    .description =
        "Screens each NAME against the lists and prints its hits, as a readable text block by "
        "default.",
    .hit_status = 1,
    .run = run,
};
