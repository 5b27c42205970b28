/* SPDX-License-Identifier: Apache-2.0 */
/*
 * main.c: the namescreen command-line tool. It only dispatches: to a command (cmd_*.c), to
 * the help and the manual page, or to the version. Exit status: 0 no hit, 1 at least one hit
 * (query, screen), 2 usage or input error with a message on standard error.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "common.h"

static const char usage_text[] =
    "usage:\n"
    "  namescreen query   [--list SPEC]... [--threshold T] [--limit N] [--type TYPE]\n"
    "                     [--format text|csv|jsonl] [--exhaustive] NAME...\n"
    "  namescreen screen  [--list SPEC]... [--column COL] [--dob-column C] [--country-column C]\n"
    "                     [--threshold T] [--threads N] [--format csv|jsonl] [--output FILE]\n"
    "                     [--changed-since OLD_SPEC] [--exhaustive] [FILE|-]\n"
    "  namescreen compare [--threshold T] [--format text|csv|jsonl] NAME1 NAME2\n"
    "  namescreen compare [--threshold T] --pairs FILE [--format csv|jsonl]\n"
    "  namescreen lists   [--list SPEC]...\n"
    "  namescreen diff    [--format text|jsonl] OLD_SPEC NEW_SPEC\n"
    "  namescreen --version | --help\n"
    "\n"
    "SPEC is PATH or FORMAT:PATH, FORMAT one of ofac, un, uk, eu, ftm, os-csv, csv (detected from\n"
    "the file when left out). Without --list the bundled lists of lists/MANIFEST.csv are loaded and\n"
    "their SHA-256 checked (NAMESCREEN_LISTS=DIR selects another lists directory).\n"
    "\n"
    "query    screens each NAME; text output by default.\n"
    "screen   screens the name column (--column, default 'name') of a CSV file with a header\n"
    "         (standard input when FILE is '-' or absent); columns dob and country/nationality\n"
    "         are used as evidence when present. One output line per hit (csv by default, or\n"
    "         jsonl); a row without a hit produces no line. Every other column passes through.\n"
    "         The whole input is read and checked before anything is written: a malformed row\n"
    "         stops the tool with exit status 2, its row and line number, and no output.\n"
    "         --changed-since OLD_SPEC screens only against entries added or changed since\n"
    "         that older version of a list.\n"
    "compare  scores two names, or each name1,name2 row of a CSV file (--pairs); exit 0.\n"
    "lists    describes the loaded lists: files, date, counts, checksums, warnings.\n"
    "diff     compares two versions of a list: added, removed and changed entries.\n"
    "\n"
    "--threshold T  report hits scoring at least T (0..1, default 0.80)\n"
    "--limit N      at most N hits per name (default 10; 0 = no limit)\n"
    "--type TYPE    person, organization, vessel or aircraft only\n"
    "--threads N    screening threads (default: the number of online CPUs); output is the same\n"
    "--exhaustive   score every list name instead of the candidate index (slow, for reference)\n"
    "\n"
    "Exit status: query, screen: 0 no hit, 1 at least one hit; compare, lists, diff: 0;\n"
    "2 on a usage or input error (message on standard error).\n";

/* The commands, in the order of the help. New commands get a file of their own and a line
 * here: cmd_update.c (fetch new list versions) and cmd_serve.c (screening over HTTP) will. */
static const cli_cmd *const commands[] = {
    &cli_cmd_query,
    &cli_cmd_screen,
    &cli_cmd_compare,
    &cli_cmd_lists,
    &cli_cmd_diff,
    /* &cli_cmd_update, (cmd_update.c) */
    /* &cli_cmd_serve, (cmd_serve.c) */
};

static int run_command(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opts o;
    int rc = cli_opts_parse(&o, cmd, argc, argv);
    if (rc == 0)
        rc = cmd->run(&o);
    else if (rc == CLI_PARSE_HELP)
        rc = (fputs(usage_text, stdout), finish_stdout(0));
    cli_opts_free(&o);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_ERR;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return finish_stdout(0);
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("namescreen %s (library %s, scoring %s)\n", NSC_VERSION_STRING, nsc_version(),
               nsc_scoring_version());
        return finish_stdout(0);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i]->name) == 0)
            return run_command(commands[i], argc, argv);
    return usage_error("unknown command '%s' (query, screen, compare, lists, diff)", cmd);
}
