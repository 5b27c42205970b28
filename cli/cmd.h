/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cmd.h: the commands of the namescreen tool, one file each (cmd_query.c, ...). main.c
 * dispatches to them; their help and manual entries come from these descriptions.
 */
#ifndef NSC_CLI_CMD_H
#define NSC_CLI_CMD_H

#include "opts.h"

extern const cli_cmd cli_cmd_query;
extern const cli_cmd cli_cmd_screen;
extern const cli_cmd cli_cmd_compare;
extern const cli_cmd cli_cmd_lists;
extern const cli_cmd cli_cmd_diff;
extern const cli_cmd cli_cmd_update;
extern const cli_cmd cli_cmd_report;

#endif /* NSC_CLI_CMD_H */
