/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/ofac.c: the OFAC legacy CSV parser (sdn.csv or cons_prim.csv with their alt, add and comments
 * companions). Rows are read into the entity model; the free-text Remarks field, completed by
 * the comments file, is then cut into its "; "-separated items (a.k.a., DOB, POB, passports,
 * IMO numbers, "Linked To:" ...) which become typed names, dates, countries and identifiers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/csvlist.h"
#include "formats/parsers.h"
#include "model/country.h"
#include "util/file.h"
#include "util/utf8.h"

#define SDN_FIELDS 12 /* ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, */
                      /* Tonnage, GRT, Vess_flag, Vess_owner, Remarks */
#define ALT_FIELDS 5  /* ent_num, alt_num, alt_type, alt_name, alt_remarks */
#define ADD_FIELDS 6  /* ent_num, add_num, address, city/state/postal, country, add_remarks */
#define CMT_FIELDS 2  /* ent_num, continuation of Remarks */

enum {
    F_ENT,
    F_NAME,
    F_TYPE,
    F_PROGRAM,
    F_TITLE,
    F_CALLSIGN,
    F_VTYPE,
    F_TONNAGE,
    F_GRT,
    F_FLAG,
    F_OWNER,
    F_REMARKS
};

/* The Remarks text of one entity while files are read (comments append to it). */
typedef struct ofac_rem {
    char *s;
    size_t len;
    long line; /* line of the entity's row in the main file */
} ofac_rem;

/* How often a recoverable oddity occurred, with the first occurrence for the warning. */
typedef struct tally {
    size_t n;
    long line;
    char example[96];
} tally;

/* Companion rows whose ent_num is not in the main file. */
typedef struct orphans {
    size_t rows;
    unsigned long long *ids;
    size_t n_ids, cap_ids;
    long first_line;
    char first_id[24];
} orphans;

typedef struct ofac_ctx {
    nsc__load *ld;
    nsc__list *l;
    const char *main_base; /* "sdn.csv" */
    size_t first;          /* l->n_entities before this load */
    ofac_rem *rems;        /* one per entity of this load, by e->index - first */
    size_t cap_rems;
    tally bad_type, empty_alias, bad_alt_type, empty_address, bad_dob, truncated;
} ofac_ctx;

/* ---- small text helpers ------------------------------------------------------------------- */

static char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static void trim(const char **s, size_t *n)
{
    while (*n && is_space(**s)) (*s)++, (*n)--;
    while (*n && is_space((*s)[*n - 1])) (*n)--;
}

static int ieq(const char *a, size_t n, const char *b)
{
    size_t m = strlen(b);
    if (n != m) return 0;
    for (size_t i = 0; i < n; i++)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return 0;
    return 1;
}

/* Case-insensitive prefix test; on a match advances *s past the prefix. */
static int take_prefix(const char **s, size_t *n, const char *prefix)
{
    size_t m = strlen(prefix);
    if (*n < m) return 0;
    for (size_t i = 0; i < m; i++)
        if (ascii_lower((*s)[i]) != ascii_lower(prefix[i])) return 0;
    *s += m;
    *n -= m;
    trim(s, n);
    return 1;
}

static int icontains(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (ieq(s + i, m, needle)) return 1;
    return 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Field i of the current record, trimmed; OFAC's empty marker "-0- " becomes "". */
static const char *field(const nsc__csvbuf *c, size_t i, size_t *n)
{
    const char *s = nsc__csvbuf_field(c, i, n);
    if (!s) {
        *n = 0;
        return "";
    }
    trim(&s, n);
    if (*n == 3 && memcmp(s, "-0-", 3) == 0) *n = 0;
    return s;
}

static void tally_add(tally *t, long line, const char *example, size_t n)
{
    if (t->n++ == 0) {
        t->line = line;
        if (n >= sizeof t->example) n = sizeof t->example - 1;
        memcpy(t->example, example, n);
        t->example[n] = '\0';
    }
}

/* ---- list name and companions -------------------------------------------------------------- */

const char *nsc__ofac_default_list_name(const char *path)
{
    const char *b = path ? base_name(path) : "";
    return (strlen(b) >= 5 && ieq(b, 5, "cons_")) ? "ofac-cons" : "ofac-sdn";
}

/* The alt, add and comments files that belong beside `path`, or NULLs for another name. */
static void companions(const char *path, const char *out[3])
{
    const char *b = base_name(path);
    out[0] = out[1] = out[2] = NULL;
    if (ieq(b, strlen(b), "sdn.csv")) {
        out[0] = "alt.csv";
        out[1] = "add.csv";
        out[2] = "sdn_comments.csv";
    } else if (ieq(b, strlen(b), "cons_prim.csv")) {
        out[0] = "cons_alt.csv";
        out[1] = "cons_add.csv";
        out[2] = "cons_comments.csv";
    }
}

/* ---- records ------------------------------------------------------------------------------ */

/* Reads a file (which adds it to the checksums) and checks that it is UTF-8. */
static int read_checked(ofac_ctx *x, const char *path, char **buf, size_t *len)
{
    int rc = nsc__read_file(x->ld, path, buf, len, 0);
    if (rc != 0) return rc;
    size_t bad = 0;
    if (!nsc__utf8_valid(*buf, *len, &bad))
        return nsc__load_fail(x->ld, NSC_EENCODING, path, nsc__line_of(*buf, bad),
                              "invalid UTF-8 (byte 0x%02X at offset %zu)",
                              (unsigned)(unsigned char)(*buf)[bad], bad);
    return 0;
}

/* Checks the field count and the ent_num of the current record; returns the ent_num. */
static int check_record(ofac_ctx *x, const char *path, const nsc__csvbuf *c, size_t want,
                        const char **id, size_t *idlen)
{
    if (c->nfields != want)
        return nsc__load_fail(x->ld, NSC_EFORMAT, path, c->line,
                              "record has %zu fields, expected %zu", c->nfields, want);
    *id = field(c, 0, idlen);
    if (*idlen == 0) return nsc__load_fail(x->ld, NSC_EFORMAT, path, c->line, "ent_num is empty");
    if (*idlen > 18)
        return nsc__load_fail(x->ld, NSC_EFORMAT, path, c->line, "ent_num '%.*s' is too long", 20,
                              *id);
    for (size_t i = 0; i < *idlen; i++)
        if ((*id)[i] < '0' || (*id)[i] > '9')
            return nsc__load_fail(x->ld, NSC_EFORMAT, path, c->line,
                                  "ent_num '%.*s' is not a number", (int)*idlen, *id);
    return 0;
}

static ofac_rem *rem_of(ofac_ctx *x, const nsc__entity *e)
{
    size_t i = e->index - x->first;
    return (e->index >= x->first && i < x->cap_rems) ? &x->rems[i] : NULL;
}

static int orphan_add(ofac_ctx *x, orphans *o, const char *id, size_t idlen, long line)
{
    if (o->rows++ == 0) {
        o->first_line = line;
        snprintf(o->first_id, sizeof o->first_id, "%.*s", (int)idlen, id);
    }
    if (nsc__grow(x->ld->mem, (void **)&o->ids, &o->cap_ids, o->n_ids + 1, sizeof *o->ids))
        return NSC_ENOMEM;
    o->ids[o->n_ids++] = strtoull(id, NULL, 10);
    return 0;
}

static int cmp_ull(const void *a, const void *b)
{
    unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;
    return x < y ? -1 : x > y;
}

/* One warning for all orphan rows of a companion file. */
static int orphan_report(ofac_ctx *x, orphans *o, const char *file, const char *what)
{
    if (!o->rows) return 0;
    qsort(o->ids, o->n_ids, sizeof *o->ids, cmp_ull);
    size_t distinct = 0;
    for (size_t i = 0; i < o->n_ids; i++)
        if (i == 0 || o->ids[i] != o->ids[i - 1]) distinct++;
    return nsc__list_warn(x->l,
                          "%s: %zu %s rows name %zu ent_nums not in %s (first at line %ld, "
                          "ent_num %s)",
                          file, o->rows, what, distinct, x->main_base, o->first_line, o->first_id);
}

/* Adds a name unless the entity has it already (compared case-insensitively); a weak alias
 * weakens an equal strong alias. */
static int add_name(ofac_ctx *x, nsc__entity *e, const char *s, size_t n, nsc_name_kind kind)
{
    trim(&s, &n);
    if (!n) return 0;
    for (nsc__name *nm = e->names; nm; nm = nm->next) {
        if (ieq(s, n, nm->text)) {
            if (kind == NSC_NAME_WEAK_ALIAS && nm->kind == NSC_NAME_ALIAS)
                nm->kind = NSC_NAME_WEAK_ALIAS;
            return 0;
        }
    }
    unsigned flags =
        (e->type == NSC_TYPE_PERSON && memchr(s, ',', n)) ? NSC_NAMEF_SURNAME_FIRST : 0;
    return nsc__entity_add_name(x->l, e, s, n, kind, flags);
}

/* "SDGT] [IRGC" (and "[SDGT]") -> SDGT, IRGC. */
static int add_programs(ofac_ctx *x, nsc__entity *e, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == '[' || s[i] == ']' || is_space(s[i]))) i++;
        size_t start = i;
        while (i < n && s[i] != '[' && s[i] != ']') i++;
        if (i > start && nsc__entity_add_program(x->l, e, s + start, i - start) != 0)
            return NSC_ENOMEM;
    }
    return 0;
}

static int has_country(const nsc__entity *e, const char *s, size_t n, nsc__country_role role)
{
    for (const nsc__country *c = e->countries; c; c = c->next)
        if (c->role == role && ieq(s, n, c->text)) return 1;
    return 0;
}

static int add_country(ofac_ctx *x, nsc__entity *e, const char *s, size_t n, nsc__country_role role)
{
    trim(&s, &n);
    if (!n || has_country(e, s, n, role)) return 0;
    return nsc__entity_add_country(x->l, e, s, n, role);
}

/* ---- the main file ------------------------------------------------------------------------ */

static nsc_entity_type sdn_type(ofac_ctx *x, const char *s, size_t n, long line)
{
    if (n == 0) return NSC_TYPE_ORGANIZATION;
    if (ieq(s, n, "individual")) return NSC_TYPE_PERSON;
    if (ieq(s, n, "vessel")) return NSC_TYPE_VESSEL;
    if (ieq(s, n, "aircraft")) return NSC_TYPE_AIRCRAFT;
    tally_add(&x->bad_type, line, s, n);
    return NSC_TYPE_UNKNOWN;
}

static int main_record(ofac_ctx *x, const char *path, const nsc__csvbuf *c)
{
    const char *id, *s;
    size_t idlen, n;
    int rc = check_record(x, path, c, SDN_FIELDS, &id, &idlen);
    if (rc != 0) return rc;
    nsc__entity *dup = nsc__list_find(x->l, id, idlen);
    if (dup) {
        const ofac_rem *r = rem_of(x, dup);
        return nsc__load_fail(x->ld, NSC_EFORMAT, path, c->line,
                              "duplicate ent_num %s (first on line %ld)", dup->id,
                              r ? r->line : 0L);
    }
    const char *name = field(c, F_NAME, &n);
    size_t namelen = n;
    if (namelen == 0)
        return nsc__load_fail(x->ld, NSC_EFORMAT, path, c->line,
                              "SDN_Name of ent_num %.*s is empty", (int)idlen, id);
    s = field(c, F_TYPE, &n);
    nsc_entity_type type = sdn_type(x, s, n, c->line);
    size_t slot = x->l->n_entities - x->first;
    if (nsc__grow(x->ld->mem, (void **)&x->rems, &x->cap_rems, slot + 1, sizeof *x->rems))
        return NSC_ENOMEM;
    ofac_rem *r = &x->rems[slot];
    memset(r, 0, sizeof *r);
    r->line = c->line;
    nsc__entity *e = nsc__list_add_entity(x->l, id, idlen, type);
    if (!e) return NSC_ENOMEM;

    unsigned flags =
        (type == NSC_TYPE_PERSON && memchr(name, ',', namelen)) ? NSC_NAMEF_SURNAME_FIRST : 0;
    if (nsc__entity_add_name(x->l, e, name, namelen, NSC_NAME_PRIMARY, flags) != 0)
        return NSC_ENOMEM;
    s = field(c, F_PROGRAM, &n);
    if (add_programs(x, e, s, n) != 0) return NSC_ENOMEM;
    /* Title and the vessel columns as details, under the keys the XML formats use too */
    static const struct {
        int field;
        const char *key;
    } details[] = {
        { F_TITLE, NSC_DETAIL_TITLE },
        { F_CALLSIGN, NSC_DETAIL_CALL_SIGN },
        { F_VTYPE, NSC_DETAIL_VESSEL_TYPE },
        { F_TONNAGE, NSC_DETAIL_TONNAGE },
        { F_GRT, NSC_DETAIL_GRT },
        { F_FLAG, NSC_DETAIL_VESSEL_FLAG },
        { F_OWNER, NSC_DETAIL_VESSEL_OWNER },
    };
    for (size_t i = 0; i < sizeof details / sizeof details[0]; i++) {
        s = field(c, (size_t)details[i].field, &n);
        if (n && nsc__entity_add_detail(x->l, e, details[i].key, s, n) != 0) return NSC_ENOMEM;
    }
    s = field(c, F_CALLSIGN, &n);
    if (n && nsc__entity_add_ident(x->l, e, NSC_ID_OTHER, s, n, NULL, "Call Sign") != 0)
        return NSC_ENOMEM;
    s = field(c, F_FLAG, &n);
    if (add_country(x, e, s, n, NSC_COUNTRY_OTHER) != 0) return NSC_ENOMEM;
    s = field(c, F_OWNER, &n);
    if (n && nsc__entity_add_link(x->l, e, s, n) != 0) return NSC_ENOMEM;
    s = field(c, F_REMARKS, &n);
    if (n) {
        if (!(r->s = nsc__strndup(x->ld->mem, s, n))) return NSC_ENOMEM;
        r->len = n;
    }
    return 0;
}

/* ---- companions --------------------------------------------------------------------------- */

static int alt_record(ofac_ctx *x, const char *path, const nsc__csvbuf *c, orphans *o)
{
    const char *id, *s;
    size_t idlen, n;
    int rc = check_record(x, path, c, ALT_FIELDS, &id, &idlen);
    if (rc != 0) return rc;
    nsc__entity *e = nsc__list_find(x->l, id, idlen);
    if (!e) return orphan_add(x, o, id, idlen, c->line);
    const char *name = field(c, 3, &n);
    size_t namelen = n;
    if (!namelen) {
        tally_add(&x->empty_alias, c->line, id, idlen);
        return 0;
    }
    const char *rem = field(c, 4, &n);
    int weak = icontains(rem, n, "weak") || icontains(rem, n, "low quality") ||
               icontains(rem, n, "low-quality");
    s = field(c, 2, &n);
    nsc_name_kind kind = weak ? NSC_NAME_WEAK_ALIAS : NSC_NAME_ALIAS;
    if (ieq(s, n, "fka"))
        kind = NSC_NAME_FORMER;
    else if (!ieq(s, n, "aka") && !ieq(s, n, "nka"))
        tally_add(&x->bad_alt_type, c->line, s, n);
    return add_name(x, e, name, namelen, kind);
}

/* Appends ", " and s to the address being built in buf. */
static void join(char *buf, size_t cap, size_t *used, const char *s, size_t n)
{
    if (!n) return;
    int w = snprintf(buf + *used, cap - *used, "%s%.*s", *used ? ", " : "", (int)n, s);
    if (w > 0) *used = (*used + (size_t)w < cap) ? *used + (size_t)w : cap - 1;
}

static int add_record(ofac_ctx *x, const char *path, const nsc__csvbuf *c, orphans *o)
{
    const char *id;
    size_t idlen;
    int rc = check_record(x, path, c, ADD_FIELDS, &id, &idlen);
    if (rc != 0) return rc;
    nsc__entity *e = nsc__list_find(x->l, id, idlen);
    if (!e) return orphan_add(x, o, id, idlen, c->line);
    size_t n1, n2, n3, n4;
    const char *street = field(c, 2, &n1), *city = field(c, 3, &n2), *country = field(c, 4, &n3);
    const char *rem = field(c, 5, &n4);
    size_t cap = n1 + n2 + n3 + n4 + 16, used = 0;
    char *buf = nsc__malloc(x->ld->mem, cap);
    if (!buf) return NSC_ENOMEM;
    buf[0] = '\0';
    join(buf, cap, &used, street, n1);
    join(buf, cap, &used, city, n2);
    join(buf, cap, &used, country, n3);
    if (n4) {
        int w = snprintf(buf + used, cap - used, "%s(%.*s)", used ? " " : "", (int)n4, rem);
        used += w > 0 ? (size_t)w : 0;
    }
    rc = 0;
    if (!used)
        tally_add(&x->empty_address, c->line, id, idlen);
    else if (nsc__entity_add_address(x->l, e, buf, used) != 0 ||
             add_country(x, e, country, n3, NSC_COUNTRY_ADDRESS) != 0)
        rc = NSC_ENOMEM;
    nsc__free(x->ld->mem, buf);
    return rc;
}

static int comment_record(ofac_ctx *x, const char *path, const nsc__csvbuf *c, orphans *o)
{
    const char *id;
    size_t idlen, n;
    int rc = check_record(x, path, c, CMT_FIELDS, &id, &idlen);
    if (rc != 0) return rc;
    nsc__entity *e = nsc__list_find(x->l, id, idlen);
    if (!e) return orphan_add(x, o, id, idlen, c->line);
    /* The continuation is glued on as written: OFAC cuts the Remarks mid-word. */
    const char *s = nsc__csvbuf_field(c, 1, &n);
    if (n == 4 && memcmp(s, "-0- ", 4) == 0) return 0;
    ofac_rem *r = rem_of(x, e);
    if (!r) return 0;
    char *p = nsc__realloc(x->ld->mem, r->s, r->len + n + 1);
    if (!p) return NSC_ENOMEM;
    memcpy(p + r->len, s, n);
    r->len += n;
    p[r->len] = '\0';
    r->s = p;
    return 0;
}

enum file_kind { FILE_MAIN, FILE_ALT, FILE_ADD, FILE_COMMENTS };

/* Reads one file and hands each record to its handler. */
static int read_file_records(ofac_ctx *x, const char *path, enum file_kind kind)
{
    char *buf = NULL;
    size_t len = 0;
    nsc__csvbuf c;
    orphans o;
    memset(&o, 0, sizeof o);
    int rc = read_checked(x, path, &buf, &len);
    if (rc != 0) {
        nsc__free(x->ld->mem, buf);
        return rc;
    }
    nsc__csvbuf_init(&c, x->ld->mem, buf, len, ',');
    c.lenient_quotes = 1;
    size_t records = 0;
    for (;;) {
        rc = nsc__csvbuf_next(&c);
        if (rc == 0) break;
        if (rc == NSC_ENOMEM) goto done;
        if (rc < 0) {
            rc = nsc__load_fail(x->ld, rc, path, c.line, "%s", c.err);
            goto done;
        }
        records++;
        switch (kind) {
        case FILE_MAIN: rc = main_record(x, path, &c); break;
        case FILE_ALT: rc = alt_record(x, path, &c, &o); break;
        case FILE_ADD: rc = add_record(x, path, &c, &o); break;
        case FILE_COMMENTS: rc = comment_record(x, path, &c, &o); break;
        }
        if (rc != 0) goto done;
    }
    rc = 0;
    if (kind == FILE_MAIN && records == 0)
        rc = nsc__load_fail(x->ld, NSC_EFORMAT, path, nsc__line_of(buf, len), "no records");
    else if (kind == FILE_ALT)
        rc = orphan_report(x, &o, base_name(path), "alias");
    else if (kind == FILE_ADD)
        rc = orphan_report(x, &o, base_name(path), "address");
    else if (kind == FILE_COMMENTS)
        rc = orphan_report(x, &o, base_name(path), "comment");
done:
    if (rc == NSC_ENOMEM) rc = nsc__load_fail(x->ld, NSC_ENOMEM, path, c.line, "out of memory");
    nsc__csvbuf_free(&c);
    nsc__free(x->ld->mem, o.ids);
    nsc__free(x->ld->mem, buf);
    return rc;
}

/* ---- remarks ------------------------------------------------------------------------------ */

typedef struct id_rule {
    const char *prefix; /* followed by a blank */
    nsc__id_type type;
} id_rule;

/* The identifier items of OFAC remarks; longer prefixes first where one extends another. */
static const id_rule id_rules[] = {
    { "Vessel Registration Identification IMO", NSC_ID_IMO },
    { "Identification Number IMO", NSC_ID_IMO },
    { "IMO", NSC_ID_IMO },
    { "MMSI", NSC_ID_MMSI },
    { "Diplomatic Passport", NSC_ID_PASSPORT },
    { "Passport", NSC_ID_PASSPORT },
    { "National ID No.", NSC_ID_NATIONAL },
    { "Cedula No.", NSC_ID_NATIONAL },
    { "C.U.R.P.", NSC_ID_NATIONAL },
    { "Tax ID No.", NSC_ID_TAX },
    { "NIT #", NSC_ID_TAX },
    { "RFC", NSC_ID_TAX },
    { "C.U.I.T.", NSC_ID_TAX },
    { "Business Registration Number", NSC_ID_REGISTRATION },
    { "Commercial Registry Number", NSC_ID_REGISTRATION },
    { "Registration Number", NSC_ID_REGISTRATION },
    { "Registration ID", NSC_ID_REGISTRATION },
    { "Company Number", NSC_ID_REGISTRATION },
    { "Unified Social Credit Code (USCC)", NSC_ID_REGISTRATION },
    { "SWIFT/BIC", NSC_ID_BIC },
    { "Legal Entity Number", NSC_ID_LEI },
    { "Aircraft Manufacturer's Serial Number (MSN)", NSC_ID_AIRCRAFT },
    { "Aircraft Tail Number", NSC_ID_AIRCRAFT },
    { "Identification Number", NSC_ID_OTHER },
};

/* "X123 (Iran)", "HRA 1234 (Stuttgart) (Germany)", "X123 (Iran) expires 2020": the value runs
 * to the first " (" and the country is the last parenthesised group. s is NUL-terminated at
 * s[n] and this writes NULs into it. */
static int add_ident_text(ofac_ctx *x, nsc__entity *e, nsc__id_type type, char *s, size_t n,
                          const char *label)
{
    char *country = NULL;
    char *close = NULL, *open = NULL;
    for (size_t i = n; i-- > 0 && !close;)
        if (s[i] == ')') close = s + i;
    for (char *q = close; q && q-- > s && !open;)
        if (*q == '(') open = q;
    if (open && open > s) {
        *close = '\0';
        country = open + 1;
        while (*country == ' ') country++;
        for (char *t = close; t > country && t[-1] == ' ';) *--t = '\0';
    }
    size_t vlen = 0;
    while (vlen < n && s[vlen] != '\0' && !(s[vlen] == '(' && vlen > 0 && s[vlen - 1] == ' '))
        vlen++;
    static const char *const stops[] = { " issued ", " expires " };
    for (size_t k = 0; k < 2; k++) {
        const char *cut = strstr(s, stops[k]);
        if (cut && (size_t)(cut - s) < vlen) vlen = (size_t)(cut - s);
    }
    return nsc__entity_add_ident(x->l, e, type, s, vlen, country, label);
}

/* "Digital Currency Address - XBT 1abc...": the label keeps the currency. */
static int add_crypto(ofac_ctx *x, nsc__entity *e, const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && !is_space(s[k])) k++;
    char label[64];
    snprintf(label, sizeof label, "Digital Currency Address - %.*s", (int)(k < 32 ? k : 32), s);
    const char *v = s + k;
    size_t vn = n - k;
    trim(&v, &vn);
    if (!vn) return 0;
    return nsc__entity_add_ident(x->l, e, NSC_ID_CRYPTO, v, vn, NULL, label);
}

/* a.k.a. 'NAME' (quoted: a weak alias) or a.k.a. NAME. */
static int add_remark_alias(ofac_ctx *x, nsc__entity *e, const char *s, size_t n,
                            nsc_name_kind strong)
{
    nsc_name_kind kind = strong;
    if (n && s[0] == '\'') {
        s++, n--;
        if (n && s[n - 1] == '\'') n--;
        if (strong == NSC_NAME_ALIAS) kind = NSC_NAME_WEAK_ALIAS;
    }
    return add_name(x, e, s, n, kind);
}

/* One remarks item, NUL-terminated at item[n] (which may be written into). */
static int remark_item(ofac_ctx *x, nsc__entity *e, char *item, size_t n, long line)
{
    const char *s = item;
    trim(&s, &n);
    if (!n) return 0;
    if (take_prefix(&s, &n, "a.k.a.")) return add_remark_alias(x, e, s, n, NSC_NAME_ALIAS);
    if (take_prefix(&s, &n, "n.k.a.")) return add_remark_alias(x, e, s, n, NSC_NAME_ALIAS);
    if (take_prefix(&s, &n, "f.k.a.")) return add_remark_alias(x, e, s, n, NSC_NAME_FORMER);
    if (take_prefix(&s, &n, "Linked To:")) return nsc__entity_add_link(x->l, e, s, n);
    take_prefix(&s, &n, "alt.");
    if (take_prefix(&s, &n, "DOB ")) {
        nsc__date d;
        if (nsc__date_parse(&d, s, n) == 0) return nsc__entity_add_dob(x->l, e, &d);
        tally_add(&x->bad_dob, line, s, n);
        return 0;
    }
    if (take_prefix(&s, &n, "POB ")) {
        const char *comma = NULL;
        for (size_t i = 0; i < n; i++)
            if (s[i] == ',') comma = s + i;
        const char *part = comma ? comma + 1 : s;
        size_t pn = n - (size_t)(part - s);
        char code[3];
        trim(&part, &pn);
        if (pn && nsc__country_code(code, part, pn) == 0)
            return add_country(x, e, part, pn, NSC_COUNTRY_BIRTH);
        return 0;
    }
    if (take_prefix(&s, &n, "Nationality of Registration ")) /* vessels and companies */
        return add_country(x, e, s, n, NSC_COUNTRY_OTHER);
    if (take_prefix(&s, &n, "nationality "))
        return add_country(x, e, s, n, NSC_COUNTRY_NATIONALITY);
    if (take_prefix(&s, &n, "citizenship ") || take_prefix(&s, &n, "citizen "))
        return add_country(x, e, s, n, NSC_COUNTRY_CITIZENSHIP);
    if (take_prefix(&s, &n, "Gender ")) {
        if (ieq(s, n, "Male"))
            e->gender = NSC_GENDER_MALE;
        else if (ieq(s, n, "Female"))
            e->gender = NSC_GENDER_FEMALE;
        return 0;
    }
    if (take_prefix(&s, &n, "Digital Currency Address -")) return add_crypto(x, e, s, n);
    for (size_t i = 0; i < sizeof id_rules / sizeof id_rules[0]; i++) {
        const char *p = s;
        size_t pn = n;
        size_t m = strlen(id_rules[i].prefix);
        if (pn > m && is_space(p[m]) && take_prefix(&p, &pn, id_rules[i].prefix))
            return add_ident_text(x, e, id_rules[i].type, item + (p - item), pn,
                                  id_rules[i].prefix);
    }
    return 0; /* anything else stays in the remarks text only */
}

/* Keeps the whole text, then cuts it into "; "-separated items ending with ".". */
static int parse_remarks(ofac_ctx *x, nsc__entity *e, ofac_rem *r)
{
    if (!r->s || !r->len) return 0;
    if (nsc__entity_set_remarks(x->l, e, r->s, r->len) != 0) return NSC_ENOMEM;
    size_t n = r->len;
    while (n && is_space(r->s[n - 1])) n--;
    int cut_off = !(n && r->s[n - 1] == '.');
    if (!cut_off) n--;
    if (cut_off) /* the last item was cut in the middle: keep it as text only */
        tally_add(&x->truncated, r->line, e->id, strlen(e->id));
    r->s[n] = '\0';
    char *p = r->s, *end = r->s + n;
    while (p < end) {
        char *sep = strstr(p, "; ");
        char *stop = sep ? sep : end;
        if (!sep && cut_off) break;
        *stop = '\0';
        int rc = remark_item(x, e, p, (size_t)(stop - p), r->line);
        if (rc != 0) return rc;
        p = sep ? sep + 2 : end;
    }
    return 0;
}

/* ---- the parser --------------------------------------------------------------------------- */

/* "<file>: <count> <what> (first at line <line>, <label> <example>)". */
static int warn_tally(ofac_ctx *x, const tally *t, const char *file, const char *what,
                      const char *label, int quote)
{
    if (!t->n) return 0;
    const char *q = quote ? "'" : "";
    return nsc__list_warn(x->l, "%s: %zu %s (first at line %ld, %s %s%s%s)", file, t->n, what,
                          t->line, label, q, t->example, q);
}

static int finish_warnings(ofac_ctx *x, const char *names[3])
{
    const char *m = x->main_base;
    const char *alt = names[0] ? names[0] : "alias file";
    const char *add = names[1] ? names[1] : "address file";
    if (warn_tally(x, &x->bad_type, m, "rows have an unknown SDN_Type, loaded as type unknown",
                   "SDN_Type", 1) ||
        warn_tally(x, &x->truncated, m,
                   "Remarks end without '.' and look cut off; their last "
                   "item is kept as text only",
                   "ent_num", 0) ||
        warn_tally(x, &x->bad_dob, m, "DOB items are not dates, kept as text only", "DOB", 1) ||
        warn_tally(x, &x->empty_alias, alt, "alias rows have no name", "ent_num", 0) ||
        warn_tally(x, &x->bad_alt_type, alt,
                   "alias rows have an unknown alt_type, loaded as "
                   "a.k.a.",
                   "alt_type", 1) ||
        warn_tally(x, &x->empty_address, add, "address rows are empty", "ent_num", 0))
        return NSC_ENOMEM;
    return 0;
}

static int check_published(nsc__load *ld)
{
    const char *p = ld->opts ? ld->opts->published : NULL;
    if (!p || !*p) return 0;
    nsc__date d;
    if (strlen(p) != 10 || nsc__date_parse(&d, p, 10) != 0 || d.prec != NSC_DATE_DAY)
        return nsc__load_fail(ld, NSC_EINVAL, NULL, 0,
                              "published date '%.40s' is not a date YYYY-MM-DD", p);
    if (nsc__list_set_published(ld->list, p) != 0) return NSC_ENOMEM;
    return 0;
}

int nsc__parse_ofac(nsc__load *ld)
{
    ofac_ctx x;
    memset(&x, 0, sizeof x);
    x.ld = ld;
    x.l = ld->list;
    x.main_base = base_name(ld->path);
    x.first = x.l->n_entities;
    const char *names[3];
    char *paths[3] = { NULL, NULL, NULL };
    companions(ld->path, names);

    int rc = check_published(ld);
    if (rc == 0) rc = read_file_records(&x, ld->path, FILE_MAIN);
    for (int i = 0; i < 3 && rc == 0; i++) {
        if (!names[i]) continue;
        if (!(paths[i] = nsc__sibling_path(ld->mem, ld->path, names[i]))) {
            rc = nsc__load_fail(ld, NSC_ENOMEM, ld->path, 0, "out of memory");
            break;
        }
        if (nsc__file_exists(paths[i]))
            rc = read_file_records(&x, paths[i], (enum file_kind)(FILE_ALT + i));
    }
    for (size_t i = x.first; rc == 0 && i < x.l->n_entities; i++) {
        nsc__entity *e = x.l->entities[i];
        ofac_rem *r = rem_of(&x, e);
        if (r && parse_remarks(&x, e, r) != 0)
            rc = nsc__load_fail(ld, NSC_ENOMEM, ld->path, r->line, "out of memory");
    }
    if (rc == 0 && finish_warnings(&x, names) != 0)
        rc = nsc__load_fail(ld, NSC_ENOMEM, ld->path, 0, "out of memory");

    for (size_t i = 0; x.rems && i < x.l->n_entities - x.first && i < x.cap_rems; i++)
        nsc__free(ld->mem, x.rems[i].s);
    nsc__free(ld->mem, x.rems);
    for (int i = 0; i < 3; i++) nsc__free(ld->mem, paths[i]);
    return rc;
}
