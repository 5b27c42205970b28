/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/registry.c: the table of list formats (name, default list name, parser) and the detection
 * of a file's format from its first 8 KB. Detection is conservative: when the content does not
 * clearly say which format it is, the answer is NULL and the user must name the format.
 */
#include <stdio.h>
#include <string.h>

#include "formats/format.h"
#include "formats/parsers.h"
#include "util/csvrec.h"
#include "util/file.h"

/* default_list NULL: list_name derives the name from the path (OFAC), or the parser from the
 * content (generic CSV: the file's base name). */
static const nsc__format formats[] = {
    { .name = "ofac", .list_name = nsc__ofac_default_list_name, .parse = nsc__parse_ofac },
    { .name = "ofac-advanced", .parse = nsc__parse_ofac_advanced },
    { .name = "ofac-enhanced", .parse = nsc__parse_ofac_enhanced },
    { .name = "un", .default_list = "un", .parse = nsc__parse_un },
    { .name = "uk", .default_list = "uk", .parse = nsc__parse_uk },
    { .name = "eu", .default_list = "eu", .parse = nsc__parse_eu },
    { .name = "ftm", .default_list = "opensanctions", .parse = nsc__parse_ftm },
    { .name = "os-csv", .default_list = "opensanctions", .parse = nsc__parse_oscsv },
    { .name = "csv", .parse = nsc__parse_csv },
};
#define N_FORMATS (sizeof formats / sizeof formats[0])

size_t nsc_format_count(void) { return N_FORMATS; }

const char *nsc_format_name(size_t i) { return i < N_FORMATS ? formats[i].name : NULL; }

const char *nsc__format_list_name(const nsc__format *f, const char *path)
{
    return f->default_list ? f->default_list : f->list_name ? f->list_name(path) : NULL;
}

void nsc__format_names(char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < N_FORMATS && n < cap; i++) {
        int w = snprintf(buf + n, cap - n, "%s%s", i ? ", " : "", formats[i].name);
        if (w < 0) break;
        n += (size_t)w;
    }
}

const nsc__format *nsc__format_find(const char *name)
{
    if (!name) return NULL;
    for (size_t i = 0; i < N_FORMATS; i++)
        if (strcmp(formats[i].name, name) == 0) return &formats[i];
    return NULL;
}

#define DETECT_HEAD 8192

/* The first record of the head as CSV (lenient), or 0 when it is not one. */
static int first_record(nsc__csvbuf *c, const char *head, size_t len)
{
    nsc__csvbuf_init(c, nsc__mem_default(), head, len, ',');
    c->lenient_quotes = 1;
    return nsc__csvbuf_next(c) == 1;
}

static int field_is(const nsc__csvbuf *c, size_t i, const char *want)
{
    size_t len;
    const char *f = nsc__csvbuf_field(c, i, &len);
    return f && len == strlen(want) && memcmp(f, want, len) == 0;
}

/* OFAC legacy sdn.csv / cons_prim.csv: no header, 12 fields, a numeric first field and the
 * "-0- " placeholder. The companion files (alt, add, comments) have other field counts. */
static int looks_ofac(const char *head, size_t len)
{
    nsc__csvbuf c;
    int ok = 0;
    if (first_record(&c, head, len) && c.nfields == 12) {
        size_t flen;
        const char *f = nsc__csvbuf_field(&c, 0, &flen);
        ok = flen > 0;
        for (size_t i = 0; i < flen; i++)
            if (f[i] < '0' || f[i] > '9') ok = 0;
        ok = ok && strstr(head, "-0- ") != NULL;
    }
    nsc__csvbuf_free(&c);
    return ok;
}

static int looks_oscsv(const char *head, size_t len)
{
    nsc__csvbuf c;
    int ok = first_record(&c, head, len) && field_is(&c, 0, "id") && field_is(&c, 1, "schema") &&
             field_is(&c, 2, "name") && field_is(&c, 3, "aliases");
    nsc__csvbuf_free(&c);
    return ok;
}

static int looks_uk(const char *head)
{
    if (strncmp(head, "Report Date:", 12) == 0) return 1;
    if (strncmp(head, "Unique ID,OFSI Group ID", 23) == 0) return 1;
    /* the full layout without its banner */
    return strncmp(head, "Last Updated,Unique ID,", 23) == 0 && strstr(head, "Name 6") != NULL;
}

/* FollowTheMoney JSON lines: each line an object with "id" and "schema". */
static int looks_ftm(const char *head)
{
    if (head[0] != '{') return 0;
    const char *eol = strchr(head, '\n');
    size_t n = eol ? (size_t)(eol - head) : strlen(head);
    char line[DETECT_HEAD + 1];
    memcpy(line, head, n);
    line[n] = '\0';
    return strstr(line, "\"id\"") != NULL && strstr(line, "\"schema\"") != NULL;
}

/* The root element of an XML head: its local name (into name) and its default namespace (into
 * ns, "" when none), past the declaration, comments, processing instructions and DOCTYPE. 0,
 * or -1 when the head does not reach a start tag. */
static int xml_root(const char *p, char *name, size_t name_cap, char *ns, size_t ns_cap)
{
    name[0] = ns[0] = '\0';
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
        if (*p != '<') return -1;
        const char *end = NULL;
        if (strncmp(p, "<?", 2) == 0)
            end = strstr(p, "?>");
        else if (strncmp(p, "<!--", 4) == 0)
            end = strstr(p, "-->");
        else if (strncmp(p, "<!", 2) == 0) { /* DOCTYPE, with an internal subset [...] */
            end = strchr(p, '>');
            const char *open = strchr(p, '[');
            if (end && open && open < end && (end = strstr(open, "]")) != NULL)
                end = strchr(end, '>');
        } else
            break;
        if (!end) return -1;
        p = strchr(end, '>') + 1;
    }
    const char *s = ++p;
    while (*p && !strchr(" \t\r\n/>", *p)) p++;
    const char *colon = memchr(s, ':', (size_t)(p - s));
    if (colon) s = colon + 1;
    snprintf(name, name_cap, "%.*s", (int)(p - s), s);
    const char *gt = strchr(p, '>');
    const char *x = strstr(p, "xmlns=");
    if (!gt) return -1;
    if (x && x < gt && (x[6] == '"' || x[6] == '\'')) {
        const char *q = strchr(x + 7, x[6]);
        if (q) snprintf(ns, ns_cap, "%.*s", (int)(q - (x + 7)), x + 7);
    }
    return 0;
}

#define OFAC_ADVANCED_NS "http://www.un.org/sanctions/1.0"
#define OFAC_SLS_NS "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"

/* OFAC's XML formats by their root element and namespace. A <Sanctions> root without a
 * namespace (excerpts) counts when the head shows the ADVANCED sections. */
static const char *detect_ofac_xml(const char *head)
{
    char name[64], ns[256];
    if (xml_root(head, name, sizeof name, ns, sizeof ns) != 0) return NULL;
    if (strcmp(name, "Sanctions") == 0 &&
        (strcmp(ns, OFAC_ADVANCED_NS) == 0 || strcmp(ns, OFAC_SLS_NS "ADVANCED_XML") == 0 ||
         (!ns[0] && (strstr(head, "<DateOfIssue") || strstr(head, "<ReferenceValueSets") ||
                     strstr(head, "<DistinctParties")))))
        return "ofac-advanced";
    if (strcmp(name, "sanctionsData") == 0 && (strcmp(ns, OFAC_SLS_NS "ENHANCED_XML") == 0 ||
                                               (!ns[0] && strstr(head, "<publicationInfo"))))
        return "ofac-enhanced";
    return NULL;
}

static const char *detect_head(const char *head, size_t len)
{
    const char *found = NULL;
    int hits = 0;
    const char *xml = head;
    while (*xml == ' ' || *xml == '\t' || *xml == '\r' || *xml == '\n') xml++;
    if (*xml == '<') {
        const char *ofac = detect_ofac_xml(xml);
        if (ofac) return ofac;
        if (strstr(head, "<CONSOLIDATED_LIST") != NULL) {
            found = "un";
            hits++;
        }
        if (strstr(head, "<export") != NULL && strstr(head, "sanctionEntity") != NULL) {
            found = "eu";
            hits++;
        }
        return hits == 1 ? found : NULL;
    }
    if (looks_ftm(head)) {
        found = "ftm";
        hits++;
    }
    if (looks_uk(head)) {
        found = "uk";
        hits++;
    }
    if (looks_oscsv(head, len)) {
        found = "os-csv";
        hits++;
    }
    if (looks_ofac(head, len)) {
        found = "ofac";
        hits++;
    }
    return hits == 1 ? found : NULL;
}

const char *nsc__format_detect(const char *path)
{
    if (!path || !nsc__file_exists(path)) return NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char head[DETECT_HEAD + 1];
    size_t len = fread(head, 1, DETECT_HEAD, f);
    fclose(f);
    head[len] = '\0';
    if (len == 0 || memchr(head, '\0', len) != NULL) /* empty or binary */
        return NULL;
    const char *p = head;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        len -= 3;
    }
    /* The head may end inside a record: cut it at its last complete line. */
    if (len == DETECT_HEAD) {
        const char *nl = NULL;
        for (size_t i = len; i > 0; i--)
            if (p[i - 1] == '\n') {
                nl = p + i;
                break;
            }
        if (nl) {
            len = (size_t)(nl - p);
            // cppcheck-suppress unreadVariable ; p points into head: detect_head reads it
            head[(size_t)(nl - head)] = '\0';
        }
    }
    return detect_head(p, len);
}

NSC_API const char *nsc_detect_format(const char *path) { return nsc__format_detect(path); }
