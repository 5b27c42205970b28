/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/xml.c: what the XML list parsers (un.c, eu.c) share: a small growable string and the
 * libxml2 plumbing (a parse with no network, no external entities and no printing, whose
 * first error is kept with its line).
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "formats/xml.h"

void nsc__xml_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, xmlInitParser);
}

/* ---- small growable string -------------------------------------------------------------- */

int nsc__sb_add(nsc__sbuf *b, const char *s, size_t n)
{
    if (nsc__grow(b->mem, (void **)&b->p, &b->cap, b->len + n + 1, 1)) return NSC_ENOMEM;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

/* Appends s after `sep` unless the buffer is empty or s is. */
int nsc__sb_join(nsc__sbuf *b, const char *sep, const char *s, size_t n)
{
    if (!n) return 0;
    if (b->len && nsc__sb_add(b, sep, strlen(sep))) return NSC_ENOMEM;
    return nsc__sb_add(b, s, n);
}

/* ---- libxml2 ---------------------------------------------------------------------------- */

/* Structured error handler of one parser context: keeps the first error, prints nothing.
 * libxml2 passes ctxt->userData, which is the context itself for a tree parse. */
static void on_xml_error(void *data, xmlErrorPtr err)
{
    xmlParserCtxtPtr ctxt = data;
    nsc__xml_error *e = ctxt ? ctxt->_private : NULL;
    if (!e || e->set || !err || err->level < XML_ERR_ERROR) return;
    e->set = 1;
    e->line = err->line;
    snprintf(e->msg, sizeof e->msg, "%s", err->message ? err->message : "unknown XML error");
    size_t n = strlen(e->msg);
    while (n && (e->msg[n - 1] == '\n' || e->msg[n - 1] == ' ')) e->msg[--n] = '\0';
}

/* Parses buf into a tree with no network, no external entities and no printing. Returns NULL
 * with *xe filled on a malformed document. */
xmlDocPtr nsc__xml_parse(const char *buf, size_t len, const char *path, nsc__xml_error *xe)
{
    memset(xe, 0, sizeof *xe);
    if (len > (size_t)0x7fffffff) {
        xe->set = 1;
        snprintf(xe->msg, sizeof xe->msg, "file too large for the XML parser");
        return NULL;
    }
    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        xe->set = 1;
        snprintf(xe->msg, sizeof xe->msg, "out of memory creating the XML parser");
        return NULL;
    }
    ctxt->_private = xe;
    ctxt->sax->serror = on_xml_error;
    xmlDocPtr doc =
        xmlCtxtReadMemory(ctxt, buf, (int)len, path, NULL,
                          XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
    if (doc && !ctxt->wellFormed) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (!doc && !xe->set) {
        const xmlError *last = xmlCtxtGetLastError(ctxt);
        xe->set = 1;
        xe->line = last ? last->line : 0;
        snprintf(xe->msg, sizeof xe->msg, "%s",
                 last && last->message ? last->message : "not a well-formed XML document");
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

int nsc__xml_is_elem(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

const xmlNode *nsc__xml_first_child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (nsc__xml_is_elem(c, name)) return c;
    return NULL;
}

int nsc__xml_load(nsc__load *ld, const char *root_name, const char *what, xmlDocPtr *doc,
                  const xmlNode **root)
{
    char *buf = NULL;
    size_t len = 0;
    *doc = NULL;
    int rc = nsc__read_file(ld, ld->path, &buf, &len, 0);
    if (rc) return rc;
    nsc__xml_error xe;
    xmlDocPtr d = nsc__xml_parse(buf, len, ld->path, &xe);
    nsc__free(ld->mem, buf); /* the tree holds its own copies */
    if (!d) {
        /* libxml2 reports bad UTF-8 only by this message */
        int code = strstr(xe.msg, "not proper UTF-8") ? NSC_EENCODING : NSC_EFORMAT;
        return nsc__load_fail(ld, code, ld->path, xe.line, "invalid XML: %s", xe.msg);
    }
    const xmlNode *r = xmlDocGetRootElement(d);
    if (!nsc__xml_is_elem(r, root_name)) {
        rc = nsc__load_fail(ld, NSC_EFORMAT, ld->path, r ? (long)xmlGetLineNo(r) : 0,
                            "root element is <%s>, not the %s",
                            r ? (const char *)r->name : "(none)", what);
        xmlFreeDoc(d);
        return rc;
    }
    *doc = d;
    *root = r;
    return 0;
}
