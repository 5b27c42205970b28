/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/xml.h: what the XML list parsers (formats/un.c, eu.c, ofac_adv.c, ofac_enh.c) share:
 * libxml2's one-time set-up, a growable string, a libxml2 tree parse that keeps its first error
 * instead of printing it, and a streaming reader (xmlTextReader) that feeds the list checksums
 * as it reads, for files too large to hold as a tree.
 */
#ifndef NSC_FORMATS_XML_H
#define NSC_FORMATS_XML_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
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

/* ---- streaming ---------------------------------------------------------------------------
 * A file read through xmlTextReader in chunks: every chunk goes through the list's checksums
 * as the parser takes it, so the file is never held whole; the parser keeps only the node it is
 * on, or one subtree the caller expands (nsc__xml_stream_expand), which it frees when the
 * reader moves past it. No network, no DTD, no external entities. */
typedef struct nsc__xml_stream {
    nsc__load *ld;
    void *file; /* FILE * */
    xmlTextReaderPtr r;
    nsc__xml_error err;
    int io_errno; /* errno of a failed read */
    unsigned long long bytes;
} nsc__xml_stream;

/* Opens ld->path, adds it to the list's files and sets up the reader. Fails with the load
 * error set (NSC_EIO: missing, a directory, unreadable; NSC_EFORMAT: empty). */
int nsc__xml_stream_open(nsc__xml_stream *s);
/* Moves to the next node (skip != 0: past the current node's subtree, to its next sibling or
 * beyond). Returns 1 on a node, 0 at the end of the document, or the load error (invalid XML
 * with file and line, a read error) already reported. */
int nsc__xml_stream_next(nsc__xml_stream *s, int skip);
/* The current element as a tree (children included); NULL with the load error reported. The
 * tree lives until the reader moves past it. */
xmlNodePtr nsc__xml_stream_expand(nsc__xml_stream *s, int *rc);
/* The current element's local name and depth (root = 0), and its line. */
const char *nsc__xml_stream_name(const nsc__xml_stream *s);
int nsc__xml_stream_depth(const nsc__xml_stream *s);
long nsc__xml_stream_line(const nsc__xml_stream *s);
int nsc__xml_stream_is_element(const nsc__xml_stream *s);
/* Reads what is left of the file into the checksums (so they cover every byte even when the
 * parser stopped reading after the root element) and frees the reader. */
void nsc__xml_stream_close(nsc__xml_stream *s);

/* What a root element says about a file: " (OFAC enhanced XML)", " (UN XML)", ... or "". */
const char *nsc__xml_root_what(const char *local_name);

/* Tree helpers that match on local names (namespaced files). nsc__xml_text: the text of n
 * trimmed of blanks, in place when it is one text node, else joined into b (NULL on ENOMEM);
 * n NULL gives "". nsc__xml_child: the first child element named `name`, or NULL.
 * nsc__xml_attr: an attribute's value, "" when absent or empty. */
const char *nsc__xml_text(nsc__sbuf *b, const xmlNode *n, size_t *len);
const xmlNode *nsc__xml_child(const xmlNode *n, const char *name);
const char *nsc__xml_attr(const xmlNode *n, const char *name);

#endif /* NSC_FORMATS_XML_H */
