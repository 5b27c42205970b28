/* SPDX-License-Identifier: Apache-2.0 */
/*
 * help.h: the help of the namescreen tool and of each command, and its manual page, all printed
 * from the option table (opts.c) and the command descriptions (cmd_*.c).
 */
#ifndef NSC_CLI_HELP_H
#define NSC_CLI_HELP_H

#include <stdio.h>

#include "opts.h"

/* `namescreen --help`: the usage, the commands (cmds, NULL-terminated) and the options. */
void cli_help_top(FILE *f, const cli_cmd *const *cmds);
/* `namescreen COMMAND --help`: the command's usage, description and every option it takes. */
void cli_help_cmd(FILE *f, const cli_cmd *cmd);
/* The names of the commands (cmds, NULL-terminated) whose hit_status is `hits` (all when
 * hits < 0), joined by ", " into buf. */
void cli_command_names(char *buf, size_t cap, const cli_cmd *const *cmds, int hits);
/* `namescreen --man`: the manual page, in roff (man macros). */
void cli_man(FILE *f, const cli_cmd *const *cmds);

#endif /* NSC_CLI_HELP_H */
