/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cmd_diff.c: `namescreen diff OLD_SPEC NEW_SPEC` compares two versions of a list and prints
 * the entries added, removed and changed, as text or JSON lines.
 */
#include "cmd.h"
#include "common.h"
#include "lists.h"

static const char *diff_kind_name(nsc_diff_kind k)
{
    return k == NSC_DIFF_ADDED ? "added" : k == NSC_DIFF_REMOVED ? "removed" : "changed";
}

static void diff_jsonl(cli_buf *out, const char *list, nsc_diff_kind kind, const char *id,
                       const char *name, const char *fields)
{
    cli_buf_puts(out, "{\"list\":");
    cli_json_str(out, list);
    cli_buf_puts(out, ",\"change\":");
    cli_json_str(out, diff_kind_name(kind));
    cli_buf_puts(out, ",\"entity_id\":");
    cli_json_str(out, id ? id : "");
    cli_buf_puts(out, ",\"primary_name\":");
    cli_json_str(out, name ? name : "");
    cli_buf_puts(out, ",\"fields\":");
    cli_json_str(out, fields ? fields : "");
    cli_buf_puts(out, "}\n");
}

static void diff_text(cli_buf *out, nsc_diff_kind kind, const char *id, const char *name,
                      const char *fields)
{
    cli_buf_printf(out, "%s %s %s", diff_kind_name(kind), id ? id : "", name ? name : "");
    if (kind == NSC_DIFF_CHANGED && fields && *fields) cli_buf_printf(out, " (%s)", fields);
    cli_buf_puts(out, "\n");
}

static void diff_format(cli_buf *out, const nsc_diff *d, const char *list, cli_format fmt)
{
    size_t count[3] = { 0, 0, 0 }, n = nsc_diff_count(d);
    for (size_t i = 0; i < n; i++) {
        nsc_diff_kind kind;
        const char *id = NULL, *name = NULL, *fields = NULL;
        if (nsc_diff_get(d, i, &kind, &id, &name, &fields) != 0) continue;
        count[kind]++;
        if (fmt == CLI_JSONL)
            diff_jsonl(out, list, kind, id, name, fields);
        else
            diff_text(out, kind, id, name, fields);
    }
    if (fmt == CLI_TEXT)
        cli_buf_printf(out, "%zu added, %zu removed, %zu changed\n", count[NSC_DIFF_ADDED],
                       count[NSC_DIFF_REMOVED], count[NSC_DIFF_CHANGED]);
}

static int run(cli_opts *o)
{
    if (cli_opts_format(o, "diff", CLI_TEXT, CLI_CSV) != 0) return EXIT_ERR;
    if (o->n_pos != 2)
        return usage_error("diff: expected OLD_SPEC NEW_SPEC, got %zu operand%s", o->n_pos,
                           o->n_pos == 1 ? "" : "s");
    nsc_engine *old = NULL, *cur = NULL;
    nsc_diff *d = NULL;
    cli_buf out;
    cli_buf_init(&out);
    int status = EXIT_ERR;
    if (cli_open_version(&old, o, o->pos[0]) != 0 || cli_open_version(&cur, o, o->pos[1]) != 0)
        goto fail;
    int rc = nsc_diff_lists(&d, old, cur, NULL);
    if (rc != 0) {
        errorf("diff: %s (%s)", nsc_strerror(rc), nsc_errname(rc));
        goto fail;
    }
    nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
    nsc_engine_list_info(&li, cur, 0);
    diff_format(&out, d, li.name ? li.name : "", o->format);
    status = write_out(&out);
fail:
    cli_buf_free(&out);
    nsc_diff_free(d);
    nsc_engine_free(old);
    nsc_engine_free(cur);
    return finish_stdout(status);
}

static const char *const forms[] = { "OLD_SPEC NEW_SPEC", NULL };

const cli_cmd cli_cmd_diff = {
    .name = "diff",
    .bit = CLI_DIFF,
    .forms = forms,
    .summary = "compare two versions of a list",
    .description =
        "Compares two versions of a list, each given as a SPEC (a file) or as a version of a "
        "list of the lists directory (LIST, LIST@previous, LIST@YYYY-MM-DD, LIST@FOLDER: "
        "\"diff ofac-sdn@previous ofac-sdn\"), and prints the entries added, removed and "
        "changed, then their counts (text), or one JSON object per entry (jsonl).",
    .hit_status = 0,
    .run = run,
};
