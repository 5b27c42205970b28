/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/xml.h: what the XML list parsers (formats/un.c, eu.c) share: libxml2's one-time
 * set-up, a growable string, and a libxml2 tree parse that keeps its first error instead of
 * printing it.
 */
#ifndef NSC_FORMATS_XML_H
#define NSC_FORMATS_XML_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "model/list.h"

/* Initializes libxml2 once per process (its global set-up is not safe when two threads run
 * it first at once); the engine calls it when it is created. */
void nsc__xml_init(void);

typedef struct nsc__sbuf {
    const nsc__mem *mem;
    char *p;
    size_t len, cap;
} nsc__sbuf;

/* Appends s[0..n); 0 or NSC_ENOMEM. */
int nsc__sb_add(nsc__sbuf *b, const char *s, size_t n);
/* Appends s[0..n) after `sep` unless the buffer or s is empty. */
int nsc__sb_join(nsc__sbuf *b, const char *sep, const char *s, size_t n);

typedef struct nsc__xml_error {
    int set;
    long line;
    char msg[300];
} nsc__xml_error;

/* Parses buf into a tree; NULL with *xe filled (line and libxml2's message) when malformed. */
xmlDocPtr nsc__xml_parse(const char *buf, size_t len, const char *path, nsc__xml_error *xe);
int nsc__xml_is_elem(const xmlNode *n, const char *name);
/* The first child element of n named `name`, or NULL. */
const xmlNode *nsc__xml_first_child(const xmlNode *n, const char *name);

/* What the XML parsers share before they walk the tree: reads ld->path (into the list's
 * checksums), parses it, and checks that the root element is `root_name`. On success *doc
 * holds the tree (xmlFreeDoc) and *root its root element; on failure the load error says
 * "invalid XML: ..." (NSC_EENCODING when libxml2 found bad UTF-8, else NSC_EFORMAT) or "root
 * element is <x>, not the <what>" and nothing is left to free. */
int nsc__xml_load(nsc__load *ld, const char *root_name, const char *what, xmlDocPtr *doc,
                  const xmlNode **root);

#endif /* NSC_FORMATS_XML_H */
