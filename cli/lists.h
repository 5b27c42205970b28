/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lists.h: engines and the lists they hold: the lists named by --list SPEC, or those of a lists
 * directory (--lists, NAMESCREEN_LISTS, the updated directory, the bundled snapshots found next
 * to the binary; checksums checked) when no --list is given, and how stale they are.
 */
#ifndef NSC_CLI_LISTS_H
#define NSC_CLI_LISTS_H

#include "namescreen.h"
#include "opts.h"

/* The list formats a SPEC may name, as printed in messages and help: "ofac, un, ...", from the
 * library's format registry (nsc_format_name). A static string. */
const char *cli_known_formats(void);

/* Loads SPEC (PATH or FORMAT:PATH) into eng. 0, or EXIT_ERR after a message. */
int cli_load_spec(nsc_engine *eng, const char *spec);
/* A new engine with default options holding the one list SPEC. */
int cli_open_spec(nsc_engine **out, const char *spec);
/* A new, empty engine with the threshold, limit and exhaustive mode of the options. */
int cli_engine_new(nsc_engine **out, const cli_opts *o);
/* cli_engine_new holding the --list lists (a lists directory's without --list), frozen when
 * `freeze`. For query and screen it warns of stale lists (cli_check_fresh). On error *out is
 * NULL. */
int cli_engine_open(nsc_engine **out, const cli_opts *o, int freeze);

/* The lists directory the options select by precedence (--lists DIR, NAMESCREEN_LISTS, the
 * updated directory when it holds a list, the bundled snapshots), a new string; *from names
 * where it came from. NULL after a message when the bundled snapshots cannot be found. */
char *cli_lists_dir(const cli_opts *o, const char **from);
/* Whether SPEC names a list version of a lists directory (LIST, LIST@previous,
 * LIST@YYYY-MM-DD, LIST@FOLDER) rather than a file: a list name, with an '@' or naming no
 * existing file. */
int cli_is_version_spec(const char *spec);
/* A new engine holding SPEC: a version of a list of the selected lists directory
 * (cli_is_version_spec), else the file SPEC (cli_open_spec). */
int cli_open_version(nsc_engine **out, const cli_opts *o, const char *spec);
/* Warns on standard error, one line per list, of each stale list and of bundled snapshots
 * (errors with --require-fresh). 0, or EXIT_ERR when --require-fresh and a list is not fresh. */
int cli_check_fresh(const nsc_engine *eng, const cli_opts *o);

/* The bundled snapshots (a lists directory): the source tree's lists/ for a binary in its
 * build directory, else <dir of the binary>/../share/namescreen/lists, else the installed data
 * directory. A malloc'd path, or NULL (with a message when `report`). */
char *cli_find_bundled(int report);

#endif /* NSC_CLI_LISTS_H */
