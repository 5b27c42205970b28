/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cmd_compare.c: `namescreen compare NAME1 NAME2` scores two names against each other and
 * explains the score token by token; `--pairs FILE` does so for each row of a CSV file.
 */
#include <stdlib.h>

#include "cmd.h"
#include "common.h"
#include "lists.h"
#include "table.h"

/* Scores n1 against n2: *hits holds the one hit *hit; free *hits after use. */
static int compare_one(const nsc_hit **hit, nsc_hits **hits, const nsc_engine *eng, const char *n1,
                       const char *n2)
{
    nsc_query q = NSC_QUERY_INIT;
    q.name = n1;
    int rc = nsc_compare(hits, eng, &q, n2);
    if (rc == 0 && (*hit = nsc_hits_get(*hits, 0)) == NULL) {
        nsc_hits_free(*hits);
        rc = NSC_ENOTFOUND;
    }
    if (rc != 0) {
        errorf("compare '%s' with '%s': %s (%s)", n1, n2,
               rc == NSC_EINVAL ? "empty name" : nsc_strerror(rc), nsc_errname(rc));
        return EXIT_ERR;
    }
    return 0;
}

/* Compares n1 (r->query) with n2 and adds the result to out in the chosen format. */
static int compare_into(cli_buf *out, const cli_opts *o, const nsc_engine *eng, const cli_row *r,
                        const char *n2)
{
    nsc_hits *hits;
    const nsc_hit *h;
    if (compare_one(&h, &hits, eng, r->query, n2) != 0) return EXIT_ERR;
    if (o->format == CLI_TEXT)
        cli_compare_text(out, r->query, n2, h, o->threshold);
    else if (o->format == CLI_CSV)
        cli_compare_csv(out, r, n2, h, o->threshold);
    else
        cli_compare_jsonl(out, r, n2, h, o->threshold);
    nsc_hits_free(hits);
    return 0;
}

/* The columns of the pairs file other than name1 and name2, by name or by value. */
static size_t pair_passthrough(const char **out, const cli_table *t, size_t row, long c1, long c2,
                               int values)
{
    size_t k = 0;
    for (size_t i = 0; i < t->ncols; i++)
        if ((long)i != c1 && (long)i != c2)
            out[k++] = values ? table_cell(t, row, i) : t->header[i];
    return k;
}

static int pairs_rows(cli_buf *out, const cli_opts *o, const nsc_engine *eng, const cli_table *t,
                      long c1, long c2, cli_row *r, const char **vals)
{
    for (size_t row = 0; row < t->nrows; row++) {
        const char *n1 = table_cell(t, row, (size_t)c1), *n2 = table_cell(t, row, (size_t)c2);
        if (is_blank(n1) || is_blank(n2)) {
            errorf("%s line %ld (data row %zu): empty %s", t->display, t->lines[row], row + 1,
                   is_blank(n1) ? "name1" : "name2");
            return EXIT_ERR;
        }
        pair_passthrough(vals, t, row, c1, c2, 1);
        r->row = (long)row + 1;
        r->query = n1;
        if (compare_into(out, o, eng, r, n2) != 0) return EXIT_ERR;
    }
    return 0;
}

static int compare_pairs(const cli_opts *o, const nsc_engine *eng, cli_buf *out)
{
    cli_table t;
    if (table_read(&t, o->pairs) != 0) {
        table_free(&t);
        return EXIT_ERR;
    }
    int ret = EXIT_ERR;
    long c1 = table_col(&t, "name1"), c2 = table_col(&t, "name2");
    const char **names = xcalloc(t.ncols, sizeof *names);
    const char **vals = xcalloc(t.ncols, sizeof *vals);
    if (c1 < 0 || c2 < 0) {
        table_missing_column(&t, c1 < 0 ? "name1" : "name2", " (--pairs needs name1 and name2)");
        goto fail;
    }
    cli_row r = { .has_row = 1,
                  .n_cols = pair_passthrough(names, &t, 0, c1, c2, 0),
                  .col_names = names,
                  .col_values = vals };
    if (o->format == CLI_CSV) cli_compare_csv_header(out, &r);
    if (pairs_rows(out, o, eng, &t, c1, c2, &r, vals) != 0) goto fail;
    ret = 0;
fail:
    free(names);
    free(vals);
    table_free(&t);
    return ret;
}

static int check_operands(cli_opts *o)
{
    if (o->pairs) {
        if (o->n_pos != 0)
            return usage_error("compare: give either NAME1 NAME2 or --pairs FILE, not both");
        return cli_opts_format(o, "compare --pairs", CLI_CSV, CLI_TEXT);
    }
    if (o->n_pos != 2)
        return usage_error("compare: expected two names (NAME1 NAME2), got %zu", o->n_pos);
    return 0;
}

static int compare_names(const cli_opts *o, const nsc_engine *eng, cli_buf *out)
{
    cli_row r = { .query = o->pos[0] };
    if (o->format == CLI_CSV) cli_compare_csv_header(out, &r);
    return compare_into(out, o, eng, &r, o->pos[1]);
}

static int run(cli_opts *o)
{
    if (check_operands(o) != 0) return EXIT_ERR;
    nsc_engine *eng;
    if (cli_engine_new(&eng, o) != 0) return EXIT_ERR;
    int status = EXIT_ERR;
    cli_buf out;
    cli_buf_init(&out);
    int rc = nsc_engine_freeze(eng);
    if (rc != 0) {
        errorf("cannot prepare the engine: %s", nsc_strerror(rc));
        goto fail;
    }
    if ((o->pairs ? compare_pairs(o, eng, &out) : compare_names(o, eng, &out)) != 0) goto fail;
    status = write_out(&out);
fail:
    cli_buf_free(&out);
    nsc_engine_free(eng);
    return finish_stdout(status);
}

static const char *const forms[] = { "NAME1 NAME2", "--pairs FILE", NULL };

const cli_cmd cli_cmd_compare = {
    .name = "compare",
    .bit = CLI_COMPARE,
    .forms = forms,
    .summary = "score two names against each other",
    .description =
        "Scores NAME1 against NAME2 and explains the score token by token, or does so for each "
        "name1,name2 row of a CSV file (--pairs). No list is loaded.",
    .hit_status = 0,
    .run = run,
};
