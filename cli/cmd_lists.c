/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cmd_lists.c: `namescreen lists` describes the loaded lists: their files, publication date,
 * entry and name counts, checksums and the warnings their parsers gave.
 */
#include "cmd.h"
#include "common.h"
#include "lists.h"

static void describe_list(cli_buf *out, const nsc_engine *eng, size_t i)
{
    nsc_list_info li = { .version = NSC_LIST_INFO_VERSION };
    if (nsc_engine_list_info(&li, eng, i) != 0) return;
    cli_buf_printf(out,
                   "%s%s\n  format     %s\n  files      %s\n  published  %s\n"
                   "  entries    %zu\n  names      %zu\n  sha256     %s\n  xxh128     %s\n"
                   "  warnings   %zu\n",
                   i ? "\n" : "", li.name, li.format, li.files,
                   li.published && *li.published ? li.published : "unknown", li.entries, li.names,
                   li.sha256, li.xxh128, li.warnings);
    const char *w;
    for (size_t k = 0; (w = nsc_engine_list_warning(eng, i, k)) != NULL; k++)
        cli_buf_printf(out, "    %s\n", w);
}

static int run(cli_opts *o)
{
    if (o->n_pos != 0)
        return usage_error("lists: unexpected operand '%s' (use --list SPEC)", o->pos[0]);
    nsc_engine *eng;
    if (cli_engine_open(&eng, o, 0) != 0) return EXIT_ERR;
    cli_buf out;
    cli_buf_init(&out);
    size_t n = nsc_engine_list_count(eng);
    for (size_t i = 0; i < n; i++) describe_list(&out, eng, i);
    int status = write_out(&out);
    cli_buf_free(&out);
    nsc_engine_free(eng);
    return finish_stdout(status);
}

static const char *const forms[] = { "", NULL };

const cli_cmd cli_cmd_lists = {
    .name = "lists",
    .bit = CLI_LISTS,
    .forms = forms,
    .summary = "describe the loaded lists",
    .description =
        "Describes each loaded list: its format, files, publication date, entry and name counts, "
        "SHA-256 and XXH3-128 checksums, and the warnings its parser gave.",
    .hit_status = 0,
    .run = run,
};
