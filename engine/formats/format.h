/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/format.h: the registry of list formats, the one place their names, default list
 * names, parsers and detection live. The engine loads a list by finding its format here and
 * calling its parser with a load context (model/list.h).
 */
#ifndef NSC_FORMATS_FORMAT_H
#define NSC_FORMATS_FORMAT_H

#include <stddef.h>

#include "model/list.h"

typedef int (*nsc__parse_fn)(nsc__load *ld);

typedef struct nsc__format {
    const char *name;         /* "ofac": what nsc_load_options.format takes */
    const char *default_list; /* "un"; NULL: list_name derives it, or the parser does */
    const char *(*list_name)(const char *path); /* derives the list name from the path */
    nsc__parse_fn parse;
} nsc__format;

/* The format named `name`, or NULL. */
const nsc__format *nsc__format_find(const char *name);
/* The format of the file at path by its content, or NULL when unknown or ambiguous. */
const char *nsc__format_detect(const char *path);
/* The name a list of format f read from path gets when the caller names none; NULL when the
 * parser derives it from the content. */
const char *nsc__format_list_name(const nsc__format *f, const char *path);
/* Writes the format names, "ofac, un, uk, ...", into buf (NUL-terminated, truncated). */
void nsc__format_names(char *buf, size_t cap);

#endif /* NSC_FORMATS_FORMAT_H */
