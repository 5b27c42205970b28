/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/xml.c: what the XML list parsers (un.c, eu.c, ofac_adv.c, ofac_enh.c) share: a small
 * growable string and the libxml2 plumbing (a tree parse and a streaming reader, both with no
 * network, no external entities and no printing, whose first error is kept with its line).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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

/* ---- tree helpers ------------------------------------------------------------------------- */

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

const char *nsc__xml_text(nsc__sbuf *b, const xmlNode *n, size_t *len)
{
    *len = 0;
    if (!n) return "";
    const xmlNode *only = NULL;
    int count = 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            only = c;
            count++;
        }
    const char *s = "";
    size_t sl = 0;
    if (count == 1) {
        s = (const char *)only->content;
        sl = strlen(s);
    } else if (count > 1) {
        b->len = 0;
        for (const xmlNode *c = n->children; c; c = c->next)
            if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
                nsc__sb_add(b, (const char *)c->content, strlen((const char *)c->content)))
                return NULL;
        s = b->p ? b->p : "";
        sl = b->len;
    }
    while (sl && is_blank(*s)) s++, sl--;
    while (sl && is_blank(s[sl - 1])) sl--;
    *len = sl;
    return s;
}

const xmlNode *nsc__xml_child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (nsc__xml_is_elem(c, name)) return c;
    return NULL;
}

const char *nsc__xml_attr(const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE) return "";
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0) {
            const xmlNode *t = a->children;
            return t && t->type == XML_TEXT_NODE && !t->next && t->content
                       ? (const char *)t->content
                       : "";
        }
    return "";
}

const char *nsc__xml_root_what(const char *local_name)
{
    static const char *const known[][2] = {
        { "Sanctions", " (OFAC advanced XML)" },        { "sanctionsData", " (OFAC enhanced XML)" },
        { "CONSOLIDATED_LIST", " (UN XML)" },           { "export", " (EU FSF XML)" },
        { "designations", " (UK Sanctions List XML)" },
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (local_name && strcmp(local_name, known[i][0]) == 0) return known[i][1];
    return "";
}

/* ---- streaming ---------------------------------------------------------------------------- */

/* The reader's input: chunks of the file, each added to the list's checksums as it passes. */
static int stream_read(void *ctx, char *buf, int len)
{
    nsc__xml_stream *s = ctx;
    FILE *f = s->file;
    size_t n = fread(buf, 1, (size_t)len, f);
    if (n == 0 && ferror(f)) {
        s->io_errno = errno ? errno : EIO;
        return -1;
    }
    if (n && s->ld->list && s->ld->list->sum) nsc__checksum_update(s->ld->list->sum, buf, n);
    s->bytes += n;
    return (int)n;
}

static int stream_close(void *ctx)
{
    (void)ctx; /* the file is closed by nsc__xml_stream_close, after the rest is read */
    return 0;
}

static void on_stream_error(void *arg, xmlErrorPtr err)
{
    nsc__xml_error *e = arg;
    if (!e || e->set || !err || err->level < XML_ERR_ERROR) return;
    e->set = 1;
    e->line = err->line;
    snprintf(e->msg, sizeof e->msg, "%s", err->message ? err->message : "unknown XML error");
    size_t n = strlen(e->msg);
    while (n && (e->msg[n - 1] == '\n' || e->msg[n - 1] == ' ')) e->msg[--n] = '\0';
}

int nsc__xml_stream_open(nsc__xml_stream *s)
{
    nsc__load *ld = s->ld;
    struct stat st;
    if (stat(ld->path, &st) != 0)
        return nsc__load_fail(ld, NSC_EIO, ld->path, 0, "cannot open: %s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return nsc__load_fail(ld, NSC_EIO, ld->path, 0, "is a directory, not a list file");
    if (!S_ISREG(st.st_mode)) return nsc__load_fail(ld, NSC_EIO, ld->path, 0, "not a regular file");
    if (st.st_size == 0) return nsc__load_fail(ld, NSC_EFORMAT, ld->path, 0, "file is empty");
    FILE *f = fopen(ld->path, "rb");
    if (!f) return nsc__load_fail(ld, NSC_EIO, ld->path, 0, "cannot open: %s", strerror(errno));
    s->file = f;
    if (ld->list && nsc__list_add_file(ld->list, ld->path)) {
        nsc__xml_stream_close(s);
        return nsc__load_fail(ld, NSC_ENOMEM, ld->path, 0, "out of memory");
    }
    /* NONET: no network; no NOENT or DTDLOAD, so no external entity or DTD is ever read. */
    s->r = xmlReaderForIO(stream_read, stream_close, s, ld->path, NULL,
                          XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
    if (!s->r) {
        nsc__xml_stream_close(s);
        return nsc__load_fail(ld, NSC_ENOMEM, ld->path, 0, "out of memory creating the XML reader");
    }
    xmlTextReaderSetStructuredErrorHandler(s->r, on_stream_error, &s->err);
    return 0;
}

static int stream_fail(nsc__xml_stream *s)
{
    nsc__load *ld = s->ld;
    if (s->io_errno)
        return nsc__load_fail(ld, NSC_EIO, ld->path, 0, "read error: %s", strerror(s->io_errno));
    if (!s->err.set) {
        const xmlError *last = xmlGetLastError();
        s->err.line = last ? last->line : 0;
        snprintf(s->err.msg, sizeof s->err.msg, "%s",
                 last && last->message ? last->message : "not a well-formed XML document");
    }
    int code = strstr(s->err.msg, "not proper UTF-8") ? NSC_EENCODING : NSC_EFORMAT;
    long line = s->err.line > 0 ? s->err.line : (long)xmlTextReaderGetParserLineNumber(s->r);
    return nsc__load_fail(ld, code, ld->path, line, "invalid XML: %s", s->err.msg);
}

int nsc__xml_stream_next(nsc__xml_stream *s, int skip)
{
    int r = skip ? xmlTextReaderNext(s->r) : xmlTextReaderRead(s->r);
    if (r == 1 && !s->err.set && !s->io_errno) return 1;
    if (r == 0 && !s->err.set && !s->io_errno) return 0;
    return stream_fail(s);
}

xmlNodePtr nsc__xml_stream_expand(nsc__xml_stream *s, int *rc)
{
    xmlNodePtr n = xmlTextReaderExpand(s->r);
    *rc = 0;
    if (!n || s->err.set || s->io_errno) {
        *rc = stream_fail(s);
        return NULL;
    }
    return n;
}

const char *nsc__xml_stream_name(const nsc__xml_stream *s)
{
    const xmlChar *n = xmlTextReaderConstLocalName(s->r);
    return n ? (const char *)n : "";
}

int nsc__xml_stream_depth(const nsc__xml_stream *s) { return xmlTextReaderDepth(s->r); }

long nsc__xml_stream_line(const nsc__xml_stream *s)
{
    xmlNodePtr n = xmlTextReaderCurrentNode(s->r);
    long line = n ? (long)xmlGetLineNo(n) : -1;
    return line > 0 ? line : (long)xmlTextReaderGetParserLineNumber(s->r);
}

int nsc__xml_stream_is_element(const nsc__xml_stream *s)
{
    return xmlTextReaderNodeType(s->r) == XML_READER_TYPE_ELEMENT;
}

void nsc__xml_stream_close(nsc__xml_stream *s)
{
    if (s->r) xmlFreeTextReader(s->r);
    s->r = NULL;
    FILE *f = s->file;
    if (!f) return;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (s->ld->list && s->ld->list->sum) nsc__checksum_update(s->ld->list->sum, buf, n);
    fclose(f);
    s->file = NULL;
}
