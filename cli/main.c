/* SPDX-License-Identifier: Apache-2.0 */
/*
 * main.c: the namescreen command-line tool. It only dispatches: to a command (cmd_*.c), to
 * the help and the manual page (help.c), or to the version. Exit status: 0 no hit, 1 at least
 * one hit (query, screen) or at least one list changed (update), 2 usage or input error (or a
 * list that failed to update) with a message.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "common.h"
#include "help.h"

/* The commands, in the order of the help. A new command gets a file of its own and a line
 * here: cmd_serve.c (screening as a service) is the next one. */
static const cli_cmd *const commands[] = {
    &cli_cmd_query,
    &cli_cmd_screen,
    &cli_cmd_compare,
    &cli_cmd_lists,
    &cli_cmd_diff,
    &cli_cmd_update,
    &cli_cmd_report,
    /* &cli_cmd_serve, in cmd_serve.c */
    NULL,
};

static const cli_cmd *find_command(const char *name)
{
    for (const cli_cmd *const *c = commands; *c; c++)
        if (strcmp((*c)->name, name) == 0) return *c;
    return NULL;
}

static int unknown_command(const char *name)
{
    char names[256];
    cli_command_names(names, sizeof names, commands, -1);
    return usage_error("unknown command '%s' (%s)", name, names);
}

static int run_command(const cli_cmd *cmd, int argc, char **argv)
{
    cli_opts o;
    int rc = cli_opts_parse(&o, cmd, argc, argv);
    if (rc == 0)
        rc = cmd->run(&o);
    else if (rc == CLI_PARSE_HELP) {
        cli_help_cmd(stdout, cmd);
        rc = finish_stdout(0);
    }
    cli_opts_free(&o);
    return rc;
}

/* `namescreen help [COMMAND]`. */
static int help_command(int argc, char **argv)
{
    if (argc < 3) {
        cli_help_top(stdout, commands);
        return finish_stdout(0);
    }
    const cli_cmd *cmd = find_command(argv[2]);
    if (cmd == NULL) return unknown_command(argv[2]);
    cli_help_cmd(stdout, cmd);
    return finish_stdout(0);
}

/* An option given instead of a command: --help, --version, --man. */
static int top_option(const cli_opt_def *d)
{
    if (d->id == OPT_VERSION)
        printf("namescreen %s (library %s, scoring %s)\n", NSC_VERSION_STRING, nsc_version(),
               nsc_scoring_version());
    else if (d->id == OPT_MAN)
        cli_man(stdout, commands);
    else
        cli_help_top(stdout, commands);
    return finish_stdout(0);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_help_top(stderr, commands);
        return EXIT_ERR;
    }
    const char *arg = argv[1];
    const cli_opt_def *d = arg[0] == '-' ? cli_opt_find(arg, strlen(arg), CLI_TOP) : NULL;
    if (d != NULL) return top_option(d);
    if (strcmp(arg, "help") == 0) return help_command(argc, argv);
    const cli_cmd *cmd = find_command(arg);
    return cmd ? run_command(cmd, argc, argv) : unknown_command(arg);
}
