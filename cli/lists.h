/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lists.h: engines and the lists they hold: the lists named by --list SPEC, or the bundled ones
 * of MANIFEST.csv (found next to the binary, checksums checked) when no --list is given.
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
/* cli_engine_new holding the --list lists (the bundled ones without --list), frozen when
 * `freeze`. On error *out is NULL. */
int cli_engine_open(nsc_engine **out, const cli_opts *o, int freeze);

#endif /* NSC_CLI_LISTS_H */
