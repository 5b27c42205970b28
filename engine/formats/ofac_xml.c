/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/ofac_xml.c: what the OFAC ADVANCED and ENHANCED XML parsers share: the id map of
 * their cross-references and the mapping of OFAC's vocabulary (alias, name part, feature and
 * document types, scripts, date spans, list names) onto the entity model, so that both formats,
 * and the legacy CSV, give the same entity.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "formats/ofac_xml.h"
#include "model/country.h"

/* ---- id map ------------------------------------------------------------------------------- */

static size_t slot_of(uint64_t key, size_t cap)
{
    uint64_t h = key * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 17) & (cap - 1);
}

static int idmap_grow(nsc__idmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 256;
    uint64_t *keys = nsc__calloc(m->mem, ncap, sizeof *keys);
    uint32_t *vals = nsc__calloc(m->mem, ncap, sizeof *vals);
    if (!keys || !vals) {
        nsc__free(m->mem, keys);
        nsc__free(m->mem, vals);
        return NSC_ENOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t h = slot_of(m->keys[i] - 1, ncap);
        while (keys[h]) h = (h + 1) & (ncap - 1);
        keys[h] = m->keys[i];
        vals[h] = m->vals[i];
    }
    nsc__free(m->mem, m->keys);
    nsc__free(m->mem, m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = ncap;
    return 0;
}

int nsc__idmap_put(nsc__idmap *m, uint64_t key, uint32_t val)
{
    if ((m->n + 1) * 2 > m->cap && idmap_grow(m)) return NSC_ENOMEM;
    size_t h = slot_of(key, m->cap);
    while (m->keys[h] && m->keys[h] != key + 1) h = (h + 1) & (m->cap - 1);
    if (!m->keys[h]) m->n++;
    m->keys[h] = key + 1;
    m->vals[h] = val;
    return 0;
}

int nsc__idmap_get(const nsc__idmap *m, uint64_t key, uint32_t *val)
{
    if (!m->cap) return 0;
    size_t h = slot_of(key, m->cap);
    while (m->keys[h]) {
        if (m->keys[h] == key + 1) {
            *val = m->vals[h];
            return 1;
        }
        h = (h + 1) & (m->cap - 1);
    }
    return 0;
}

void nsc__idmap_free(nsc__idmap *m)
{
    nsc__free(m->mem, m->keys);
    nsc__free(m->mem, m->vals);
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->n = 0;
}

void nsc__ofac_tally_add(nsc__ofac_tally *t, long line, const char *fmt, ...)
{
    if (t->n++ == 0) {
        t->line = line;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(t->example, sizeof t->example, fmt, ap);
        va_end(ap);
    }
}

int nsc__ofac_tally_warn(nsc__list *l, const char *file, const nsc__ofac_tally *t, const char *what)
{
    if (!t->n) return 0;
    return nsc__list_warn(l, "%s: %zu %s (first at line %ld: %s)", file, t->n, what, t->line,
                          t->example);
}

int nsc__ofac_stream_walk(nsc__xml_stream *xs, nsc__load *ld, const nsc__ofac_walk *w, void *ctx)
{
    int rc, skip = 0, section = 0, saw_root = 0;
    while ((rc = nsc__xml_stream_next(xs, skip)) == 1) {
        skip = 0;
        if (!nsc__xml_stream_is_element(xs)) continue;
        int depth = nsc__xml_stream_depth(xs);
        const char *name = nsc__xml_stream_name(xs);
        if (depth == 0) {
            if (strcmp(name, w->root) != 0)
                return nsc__load_fail(ld, NSC_EFORMAT, ld->path, nsc__xml_stream_line(xs),
                                      "root element <%s>%s, not <%s> (%s)", name,
                                      nsc__xml_root_what(name), w->root, w->format);
            saw_root = 1;
            continue;
        }
        if (depth == 1) {
            section = w->section(ctx, name);
            if (section <= 0) {
                if (strcmp(name, w->header) == 0) {
                    xmlNodePtr n = nsc__xml_stream_expand(xs, &rc);
                    if (!n) return rc;
                    if ((rc = w->on_header(ctx, n))) return rc;
                }
                skip = 1;
            }
            continue;
        }
        if (depth == 2) {
            xmlNodePtr n = nsc__xml_stream_expand(xs, &rc);
            if (!n) return rc;
            if ((rc = w->record(ctx, section, n))) return rc;
            skip = 1;
        }
    }
    if (rc) return rc;
    if (!saw_root) return nsc__load_fail(ld, NSC_EFORMAT, ld->path, 0, "no root element");
    return 0;
}

long long nsc__ofac_num(const char *s)
{
    if (!s) return -1;
    while (*s == ' ') s++;
    if (*s < '0' || *s > '9') return -1;
    long long v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > 100000000000000ll) return -1;
        v = v * 10 + (*s - '0');
    }
    while (*s == ' ') s++;
    return *s ? -1 : v;
}

/* ---- vocabulary --------------------------------------------------------------------------- */

nsc_name_kind nsc__ofac_alias_kind(const char *t, int primary, int low_quality, int *odd)
{
    nsc_name_kind k = NSC_NAME_ALIAS;
    if (primary || strcasecmp(t, "Name") == 0)
        k = NSC_NAME_PRIMARY;
    else if (strcasecmp(t, "F.K.A.") == 0)
        k = NSC_NAME_FORMER;
    else if (strcasecmp(t, "A.K.A.") != 0 && strcasecmp(t, "N.K.A.") != 0)
        *odd = 1;
    if (low_quality && k != NSC_NAME_PRIMARY) k = NSC_NAME_WEAK_ALIAS;
    return k;
}

nsc__part_type nsc__ofac_part_type(const char *s)
{
    static const struct {
        const char *name;
        nsc__part_type type;
    } map[] = {
        { "Last Name", NSC_PART_FAMILY },       { "First Name", NSC_PART_GIVEN },
        { "Middle Name", NSC_PART_MIDDLE },     { "Maiden Name", NSC_PART_MAIDEN },
        { "Aircraft Name", NSC_PART_AIRCRAFT }, { "Entity Name", NSC_PART_ENTITY },
        { "Vessel Name", NSC_PART_VESSEL },     { "Nickname", NSC_PART_NICKNAME },
        { "Patronymic", NSC_PART_PATRONYMIC },  { "Matronymic", NSC_PART_MATRONYMIC },
    };
    for (size_t i = 0; s && i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(s, map[i].name) == 0) return map[i].type;
    return NSC_PART_OTHER;
}

/* OFAC's scripts: the ISO 15924 numeric code (ADVANCED ScriptID, ENHANCED isoCode), the
 * names both formats give them, and the alpha code. */
static const struct {
    int num;
    const char *name, *code;
} scripts[] = {
    { 215, "Latin", "Latn" },
    { 220, "Cyrillic", "Cyrl" },
    { 160, "Arabic", "Arab" },
    { 501, "Chinese Simplified", "Hans" },
    { 502, "Chinese Traditional", "Hant" },
    { 500, "Han", "Hani" },
    { 200, "Greek", "Grek" },
    { 125, "Hebrew", "Hebr" },
    { 230, "Armenian", "Armn" },
    { 240, "Georgian", "Geor" },
    { 413, "Japanese", "Jpan" },
    { 286, "Hangul", "Hang" },
    { 287, "Korean", "Kore" },
    { 352, "Thai", "Thai" },
    { 315, "Devanagari", "Deva" },
};
#define N_SCRIPTS (sizeof scripts / sizeof scripts[0])

const char *nsc__ofac_script_code(const char *code, const char *name, long long iso_numeric)
{
    for (size_t i = 0; i < N_SCRIPTS; i++)
        if (code &&
            (strcasecmp(code, scripts[i].code) == 0 || strcasecmp(code, scripts[i].name) == 0))
            return scripts[i].code;
    if (code && strlen(code) == 4) return NULL; /* an ISO code this table lacks: caller's own */
    for (size_t i = 0; i < N_SCRIPTS; i++)
        if (name && strcasecmp(name, scripts[i].name) == 0) return scripts[i].code;
    for (size_t i = 0; i < N_SCRIPTS; i++)
        if (iso_numeric == scripts[i].num) return scripts[i].code;
    return NULL;
}

int nsc__ofac_script_latin(const char *code) { return !code || strcmp(code, "Latn") == 0; }

nsc__id_type nsc__ofac_id_type(const char *t)
{
    static const struct {
        const char *label;
        nsc__id_type type;
    } map[] = {
        { "Passport", NSC_ID_PASSPORT },
        { "Diplomatic Passport", NSC_ID_PASSPORT },
        { "National ID No.", NSC_ID_NATIONAL },
        { "Cedula No.", NSC_ID_NATIONAL },
        { "C.U.R.P.", NSC_ID_NATIONAL },
        { "Personal ID Card", NSC_ID_NATIONAL },
        { "National Foreign ID Number", NSC_ID_NATIONAL },
        { "Tax ID No.", NSC_ID_TAX },
        { "NIT #", NSC_ID_TAX },
        { "RFC", NSC_ID_TAX },
        { "C.U.I.T.", NSC_ID_TAX },
        { "V.A.T. Number", NSC_ID_TAX },
        { "R.U.C. #", NSC_ID_TAX },
        { "Business Registration Number", NSC_ID_REGISTRATION },
        { "Commercial Registry Number", NSC_ID_REGISTRATION },
        { "Registration Number", NSC_ID_REGISTRATION },
        { "Registration ID", NSC_ID_REGISTRATION },
        { "Public Registration Number", NSC_ID_REGISTRATION },
        { "Company Number", NSC_ID_REGISTRATION },
        { "Unified Social Credit Code (USCC)", NSC_ID_REGISTRATION },
        { "SWIFT/BIC", NSC_ID_BIC },
        { "Legal Entity Number", NSC_ID_LEI },
        { "Vessel Registration Identification", NSC_ID_IMO },
        { "MMSI", NSC_ID_MMSI },
    };
    for (size_t i = 0; t && i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(t, map[i].label) == 0) return map[i].type;
    if (t && strncasecmp(t, "Passport", 8) == 0) return NSC_ID_PASSPORT;
    return NSC_ID_OTHER;
}

/* ---- names -------------------------------------------------------------------------------- */

static int script_unspaced(const char *code)
{
    return code && (strcmp(code, "Hans") == 0 || strcmp(code, "Hant") == 0 ||
                    strcmp(code, "Hani") == 0 || strcmp(code, "Jpan") == 0);
}

int nsc__ofac_add_name(nsc__list *l, nsc__entity *e, nsc__sbuf *b, const nsc__ofac_part *parts,
                       size_t n_parts, const char *text, nsc_name_kind kind, const char *script,
                       nsc__name **out)
{
    *out = NULL;
    int latin = nsc__ofac_script_latin(script);
    unsigned flags = latin ? 0 : NSC_NAMEF_ORIGINAL_SCRIPT;
    b->len = 0;
    if (text && *text) {
        if (nsc__sb_add(b, text, strlen(text))) return NSC_ENOMEM;
        if (latin && e->type == NSC_TYPE_PERSON && strchr(text, ','))
            flags |= NSC_NAMEF_SURNAME_FIRST;
    } else {
        size_t n_family = 0;
        for (size_t i = 0; i < n_parts; i++) n_family += parts[i].type == NSC_PART_FAMILY;
        const char *sep = script_unspaced(script) ? "" : " ";
        if (latin && e->type == NSC_TYPE_PERSON && n_family && n_family < n_parts) {
            /* "LAST, First Middle", as sdn.csv writes individuals */
            for (size_t i = 0; i < n_parts; i++)
                if (parts[i].type == NSC_PART_FAMILY &&
                    nsc__sb_join(b, " ", parts[i].text, parts[i].len))
                    return NSC_ENOMEM;
            if (nsc__sb_add(b, ",", 1)) return NSC_ENOMEM;
            for (size_t i = 0; i < n_parts; i++)
                if (parts[i].type != NSC_PART_FAMILY && parts[i].len &&
                    (nsc__sb_add(b, " ", 1) || nsc__sb_add(b, parts[i].text, parts[i].len)))
                    return NSC_ENOMEM;
            flags |= NSC_NAMEF_SURNAME_FIRST;
        } else {
            for (size_t i = 0; i < n_parts; i++)
                if (parts[i].len && ((b->len && nsc__sb_add(b, sep, strlen(sep))) ||
                                     nsc__sb_add(b, parts[i].text, parts[i].len)))
                    return NSC_ENOMEM;
        }
    }
    if (!b->len) return 0;
    nsc__name *nm = NULL;
    size_t before = l->n_names;
    int rc = nsc__entity_add_name_ref(l, e, b->p, b->len, kind, flags, &nm);
    if (rc || !nm) return rc;
    *out = nm;
    if (l->n_names == before) return 0; /* the same name again: its parts are there */
    for (size_t i = 0; i < n_parts; i++)
        if ((rc = nsc__name_add_part(l, nm, parts[i].type, parts[i].text, parts[i].len))) return rc;
    if (!latin && (rc = nsc__name_set_script(l, nm, script))) return rc;
    return 0;
}

/* ---- dates -------------------------------------------------------------------------------- */

static int month_days(int y, int m)
{
    static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12) return 31;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

int nsc__ofac_span_date(nsc__date *out, const int s[3], const int t[3], int approximate)
{
    memset(out, 0, sizeof *out);
    int e[3] = { t[0] ? t[0] : s[0], t[0] ? t[1] : s[1], t[0] ? t[2] : s[2] };
    if (!s[0] && !e[0]) return NSC_EINVAL;
    int b[3] = { s[0] ? s[0] : e[0], s[0] ? s[1] : 0, s[0] ? s[2] : 0 };
    out->circa = (int8_t)(approximate != 0);
    int whole_start = (b[1] <= 1 && b[2] <= 1);
    int whole_end = (e[1] == 0 || e[1] == 12) && (e[2] == 0 || e[2] == 31);
    if (b[0] == e[0] && b[1] == e[1] && b[2] == e[2] && b[1] && b[2]) {
        out->prec = NSC_DATE_DAY;
    } else if (b[0] == e[0] && b[1] && b[1] == e[1] && b[2] <= 1 &&
               (e[2] == 0 || e[2] == month_days(e[0], e[1]))) {
        out->prec = NSC_DATE_MONTH;
        b[2] = 0;
    } else if (b[0] == e[0] && whole_start && whole_end) {
        out->prec = NSC_DATE_YEAR;
        b[1] = b[2] = 0;
    } else if (b[0] < e[0] && whole_start && whole_end) {
        out->prec = NSC_DATE_RANGE;
        out->y2 = (int16_t)e[0];
        b[1] = b[2] = 0;
    } else if (b[0] < e[0]) {
        out->prec = NSC_DATE_RANGE; /* a span of odd days: the years it covers */
        out->y2 = (int16_t)e[0];
        b[1] = b[2] = 0;
    } else {
        out->prec = b[1] ? (b[2] ? NSC_DATE_DAY : NSC_DATE_MONTH) : NSC_DATE_YEAR;
    }
    out->y = (int16_t)b[0];
    out->m = (int8_t)b[1];
    out->d = (int8_t)b[2];
    return 0;
}

/* ---- features ----------------------------------------------------------------------------- */

typedef enum feat_kind {
    FK_DETAIL = 0, /* a detail under the key (or the feature's own name) */
    FK_DOB,
    FK_POB,
    FK_NATIONALITY,
    FK_CITIZENSHIP,
    FK_REG_COUNTRY,
    FK_ADDRESS,
    FK_GENDER,
    FK_IDENT,     /* an identifier of type id */
    FK_CALL_SIGN, /* detail, and the identifier sdn.csv's Call_Sign gives */
    FK_FLAG,      /* detail, and a country as sdn.csv's Vess_flag gives */
    FK_OWNER,     /* detail, and a link as sdn.csv's Vess_owner gives */
} feat_kind;

static const struct {
    const char *name;
    feat_kind kind;
    const char *key;
    nsc__id_type id;
} features[] = {
    { "Birthdate", FK_DOB, NULL, 0 },
    { "Place of Birth", FK_POB, NULL, 0 },
    { "Nationality Country", FK_NATIONALITY, NULL, 0 },
    { "Citizenship Country", FK_CITIZENSHIP, NULL, 0 },
    { "Nationality of Registration", FK_REG_COUNTRY, NULL, 0 },
    { "Location", FK_ADDRESS, NULL, 0 },
    { "Gender", FK_GENDER, NULL, 0 },
    { "Title", FK_DETAIL, NSC_DETAIL_TITLE, 0 },
    { "Vessel Call Sign", FK_CALL_SIGN, NSC_DETAIL_CALL_SIGN, 0 },
    { "Other Vessel Call Sign", FK_DETAIL, NSC_DETAIL_CALL_SIGN, 0 },
    { "Vessel Type", FK_DETAIL, NSC_DETAIL_VESSEL_TYPE, 0 },
    { "Vessel Flag", FK_FLAG, NSC_DETAIL_VESSEL_FLAG, 0 },
    { "Other Vessel Flag", FK_DETAIL, NSC_DETAIL_VESSEL_FLAG, 0 },
    { "Vessel Owner", FK_OWNER, NSC_DETAIL_VESSEL_OWNER, 0 },
    { "Vessel Tonnage", FK_DETAIL, NSC_DETAIL_TONNAGE, 0 },
    { "Vessel Gross Registered Tonnage", FK_DETAIL, NSC_DETAIL_GRT, 0 },
    { "Vessel Year of Build", FK_DETAIL, NSC_DETAIL_VESSEL_BUILT, 0 },
    { "Aircraft Model", FK_DETAIL, NSC_DETAIL_AIRCRAFT_MODEL, 0 },
    { "Aircraft Operator", FK_DETAIL, NSC_DETAIL_AIRCRAFT_OPERATOR, 0 },
    { "Aircraft Manufacturer's Serial Number (MSN)", FK_IDENT, NSC_DETAIL_AIRCRAFT_SERIAL,
      NSC_ID_AIRCRAFT },
    { "Aircraft Manufacture Date", FK_DETAIL, NSC_DETAIL_AIRCRAFT_BUILT, 0 },
    { "Aircraft Tail Number", FK_IDENT, NSC_DETAIL_AIRCRAFT_TAIL, NSC_ID_AIRCRAFT },
    { "Vessel Registration Identification", FK_IDENT, NULL, NSC_ID_IMO },
    { "MMSI", FK_IDENT, NULL, NSC_ID_MMSI },
    { "SWIFT/BIC", FK_IDENT, NULL, NSC_ID_BIC },
    { "Legal Entity Number", FK_IDENT, NULL, NSC_ID_LEI },
    { "Digital Currency Address", FK_IDENT, NULL, NSC_ID_CRYPTO }, /* a prefix: "... - XBT" */
};

static int feature_index(const char *name)
{
    for (size_t i = 0; i < sizeof features / sizeof features[0]; i++)
        if (strcasecmp(name, features[i].name) == 0) return (int)i;
    if (strncasecmp(name, "Digital Currency Address", 24) == 0)
        return (int)(sizeof features / sizeof features[0]) - 1;
    return -1;
}

static int add_country(nsc__list *l, nsc__entity *e, const char *s, size_t n,
                       nsc__country_role role)
{
    if (!s || !n) return 0;
    for (const nsc__country *c = e->countries; c; c = c->next)
        if (c->role == role && strlen(c->text) == n && strncasecmp(c->text, s, n) == 0) return 0;
    return nsc__entity_add_country(l, e, s, n, role);
}

int nsc__ofac_feature(nsc__list *l, nsc__entity *e, const char *feature, const char *v, size_t n,
                      const char *country, const nsc__date *date)
{
    int i = feature_index(feature);
    feat_kind k = i < 0 ? FK_DETAIL : features[i].kind;
    const char *key = i < 0 ? feature : features[i].key;
    char dbuf[32];
    if (date && date->prec != NSC_DATE_NONE && k != FK_DOB && !n) {
        nsc__date_format(dbuf, date);
        v = dbuf;
        n = strlen(dbuf);
    }
    size_t cn = country ? strlen(country) : 0;
    int rc = 0;
    switch (k) {
    case FK_DOB: return date ? nsc__entity_add_dob(l, e, date) : 0;
    case FK_POB: {
        if ((rc = nsc__entity_add_birthplace(l, e, v, n))) return rc;
        if (cn) return add_country(l, e, country, cn, NSC_COUNTRY_BIRTH);
        /* "Port-au-Prince, Haiti": the last part, when it is a country (as ofac.c reads POB) */
        const char *p = v;
        for (size_t j = 0; j < n; j++)
            if (v[j] == ',') p = v + j + 1;
        size_t pn = n - (size_t)(p - v);
        while (pn && *p == ' ') p++, pn--;
        char code[3];
        if (pn && nsc__country_code(code, p, pn) == 0)
            return add_country(l, e, p, pn, NSC_COUNTRY_BIRTH);
        return 0;
    }
    case FK_NATIONALITY:
        return add_country(l, e, cn ? country : v, cn ? cn : n, NSC_COUNTRY_NATIONALITY);
    case FK_CITIZENSHIP:
        return add_country(l, e, cn ? country : v, cn ? cn : n, NSC_COUNTRY_CITIZENSHIP);
    case FK_REG_COUNTRY: return add_country(l, e, cn ? country : v, cn ? cn : n, NSC_COUNTRY_OTHER);
    case FK_ADDRESS:
        if ((rc = nsc__entity_add_address(l, e, v, n))) return rc;
        return add_country(l, e, country, cn, NSC_COUNTRY_ADDRESS);
    case FK_GENDER:
        if (n == 4 && strncasecmp(v, "Male", 4) == 0) e->gender = NSC_GENDER_MALE;
        if (n == 6 && strncasecmp(v, "Female", 6) == 0) e->gender = NSC_GENDER_FEMALE;
        return 0;
    case FK_IDENT: {
        nsc__id_type t = features[i].id;
        const char *p = v;
        size_t pn = n;
        if (t == NSC_ID_IMO && pn > 4 && strncasecmp(p, "IMO ", 4) == 0) p += 4, pn -= 4;
        if (key && (rc = nsc__entity_add_detail(l, e, key, v, n))) return rc;
        return nsc__entity_add_ident(l, e, t, p, pn, NULL, feature);
    }
    case FK_CALL_SIGN:
        if ((rc = nsc__entity_add_detail(l, e, key, v, n))) return rc;
        return nsc__entity_add_ident(l, e, NSC_ID_OTHER, v, n, NULL, "Call Sign");
    case FK_FLAG:
        if ((rc = nsc__entity_add_detail(l, e, key, v, n))) return rc;
        return add_country(l, e, cn ? country : v, cn ? cn : n, NSC_COUNTRY_OTHER);
    case FK_OWNER:
        if ((rc = nsc__entity_add_detail(l, e, key, v, n))) return rc;
        return nsc__entity_add_link(l, e, v, n);
    case FK_DETAIL: break;
    }
    if (!n && cn) v = country, n = cn;
    return nsc__entity_add_detail(l, e, key, v, n);
}

/* ---- list names --------------------------------------------------------------------------- */

const char *nsc__ofac_list_from(const char *v)
{
    if (!v || !*v) return NULL;
    if (strcasecmp(v, "SDN List") == 0) return "ofac-sdn";
    return "ofac-cons";
}

const char *nsc__ofac_list_from_path(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    return strncasecmp(b, "cons", 4) == 0 ? "ofac-cons" : "ofac-sdn";
}
