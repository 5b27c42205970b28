/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/ofac_enh.c: parser of OFAC's ENHANCED XML (SDN_ENHANCED.XML, CONS_ENHANCED.XML; root
 * <sanctionsData>, matched on local names). Each entity is self-contained apart from the
 * reference values and feature types at the top of the file. Streamed like the ADVANCED file
 * (xmlTextReader, one <entity> expanded at a time, the bytes through the list checksums).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "formats/ofac_xml.h"
#include "formats/parsers.h"
#include "formats/xml.h"
#include "model/country.h"

/* A referenceValue (type, value, code, isoCode) or a featureType (type only). */
typedef struct enh_ref {
    const char *type, *value, *code, *iso;
} enh_ref;

typedef struct enh_st {
    nsc__load *ld;
    nsc__list *l;
    nsc__xml_stream xs;
    nsc__arena arena;
    nsc__sbuf text, join;
    nsc__idmap refs;     /* refId -> index in ref[] */
    nsc__idmap features; /* featureTypeId -> index in ref[] */
    enh_ref *ref;
    size_t n_ref, cap_ref;
    nsc__ofac_part *parts;
    size_t cap_parts;
    const char *list_value; /* publicationInfo's sanctionsList */
    size_t n_sdn, n_other;
    nsc__ofac_tally dangling, odd_alias, no_name;
} enh_st;

static long line_of(const xmlNode *n) { return (long)xmlGetLineNo(n); }

/* A copy of an element's text in the load's arena ("" for none); NULL on ENOMEM. */
static const char *text_copy(enh_st *st, const xmlNode *n)
{
    size_t len;
    const char *s = nsc__xml_text(&st->text, n, &len);
    return s ? nsc__arena_strndup(&st->arena, s, len) : NULL;
}

#define TEXT(var, lenvar, node)                                                                    \
    size_t lenvar;                                                                                 \
    const char *var = nsc__xml_text(&st->text, (node), &lenvar);                                   \
    if (!var) return NSC_ENOMEM

static int is_true(enh_st *st, const xmlNode *n)
{
    size_t len;
    const char *s = nsc__xml_text(&st->text, n, &len);
    return s && len == 4 && strncasecmp(s, "true", 4) == 0;
}

/* ---- reference values --------------------------------------------------------------------- */

static int put_ref(enh_st *st, nsc__idmap *m, const xmlNode *n, const char *idattr)
{
    long long id = nsc__ofac_num(nsc__xml_attr(n, idattr));
    if (id < 0)
        return nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, line_of(n),
                              "<%s> has no numeric %s", (const char *)n->name, idattr);
    if (nsc__grow(st->ld->mem, (void **)&st->ref, &st->cap_ref, st->n_ref + 1, sizeof *st->ref))
        return NSC_ENOMEM;
    enh_ref *r = &st->ref[st->n_ref];
    if (!(r->type = text_copy(st, nsc__xml_child(n, "type"))) ||
        !(r->value = text_copy(st, nsc__xml_child(n, "value"))) ||
        !(r->code = text_copy(st, nsc__xml_child(n, "code"))) ||
        !(r->iso = text_copy(st, nsc__xml_child(n, "isoCode"))))
        return NSC_ENOMEM;
    return nsc__idmap_put(m, (uint64_t)id, (uint32_t)st->n_ref++);
}

/* The reference value an element's refId (or another attribute) names; NULL when absent or
 * dangling (counted). */
static const enh_ref *ref_of(enh_st *st, nsc__idmap *m, const xmlNode *n, const char *attr)
{
    if (!n) return NULL;
    const char *v = nsc__xml_attr(n, attr);
    if (!*v) return NULL;
    long long id = nsc__ofac_num(v);
    uint32_t i;
    if (id >= 0 && nsc__idmap_get(m, (uint64_t)id, &i)) return &st->ref[i];
    char what[80];
    snprintf(what, sizeof what, "<%s %s=\"%.20s\">", (const char *)n->name, attr, v);
    nsc__ofac_tally_add(&st->dangling, line_of(n), "%s", what);
    return NULL;
}

/* The value of a reference-valued element: the referenceValue's value, else its own text. */
static const char *ref_value(enh_st *st, const xmlNode *n, size_t *len)
{
    const enh_ref *r = ref_of(st, &st->refs, n, "refId");
    if (r && *r->value) {
        *len = strlen(r->value);
        return r->value;
    }
    return nsc__xml_text(&st->text, n, len);
}

/* A country reference as the model takes it: the name when it maps, else the ISO code. */
static const char *country_of(enh_st *st, const xmlNode *n)
{
    const enh_ref *r = ref_of(st, &st->refs, n, "refId");
    char code[3];
    if (r && *r->value && nsc__country_code(code, r->value, strlen(r->value)) == 0) return r->value;
    if (r && *r->iso) return r->iso;
    if (r && *r->value) return r->value;
    return n ? text_copy(st, n) : NULL;
}

/* ---- dates -------------------------------------------------------------------------------- */

static int iso_ymd(const char *s, size_t n, int out[3])
{
    out[0] = out[1] = out[2] = 0;
    if (n < 4) return -1;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9') return -1;
    out[0] = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (n >= 7 && s[4] == '-') out[1] = (s[5] - '0') * 10 + (s[6] - '0');
    if (n >= 10 && s[7] == '-') out[2] = (s[8] - '0') * 10 + (s[9] - '0');
    return 0;
}

/* A datePeriodType (fromDateBegin .. toDateEnd, isApproximate) as a date; -1 when none. */
static int period_date(enh_st *st, const xmlNode *p, nsc__date *out)
{
    if (!p) return -1;
    int s[3], e[3];
    size_t n;
    const char *v = nsc__xml_text(&st->text, nsc__xml_child(p, "fromDateBegin"), &n);
    if (!v || iso_ymd(v, n, s) != 0) return -1;
    v = nsc__xml_text(&st->text, nsc__xml_child(p, "toDateEnd"), &n);
    if (!v || iso_ymd(v, n, e) != 0) memcpy(e, s, sizeof e);
    return nsc__ofac_span_date(out, s, e, is_true(st, nsc__xml_child(p, "isApproximate")));
}

/* ---- one entity --------------------------------------------------------------------------- */

static nsc_entity_type entity_type(enh_st *st, const xmlNode *gi)
{
    size_t n;
    const char *t = ref_value(st, nsc__xml_child(gi, "entityType"), &n);
    if (!t) return NSC_TYPE_UNKNOWN;
    if (n == 10 && strncasecmp(t, "Individual", 10) == 0) return NSC_TYPE_PERSON;
    if (n == 6 && strncasecmp(t, "Entity", 6) == 0) return NSC_TYPE_ORGANIZATION;
    if (n == 6 && strncasecmp(t, "Vessel", 6) == 0) return NSC_TYPE_VESSEL;
    if (n == 8 && strncasecmp(t, "Aircraft", 8) == 0) return NSC_TYPE_AIRCRAFT;
    return NSC_TYPE_UNKNOWN;
}

static const char *script_of(enh_st *st, const xmlNode *tr)
{
    const xmlNode *sn = nsc__xml_child(tr, "script");
    const enh_ref *r = ref_of(st, &st->refs, sn, "refId");
    size_t n;
    const char *own = nsc__xml_text(&st->text, sn, &n);
    const char *code = nsc__ofac_script_code(r ? r->code : NULL, r ? r->value : own,
                                             r ? nsc__ofac_num(r->iso) : -1);
    if (!code && r && strlen(r->code) == 4) code = r->code;
    return code;
}

static int read_translation(enh_st *st, nsc__entity *e, const xmlNode *tr, nsc_name_kind kind)
{
    const char *script = script_of(st, tr);
    size_t n = 0;
    const xmlNode *nps = nsc__xml_child(tr, "nameParts");
    for (const xmlNode *p = nps ? nps->children : NULL; p; p = p->next) {
        if (!nsc__xml_is_elem(p, "namePart")) continue;
        if (nsc__grow(st->ld->mem, (void **)&st->parts, &st->cap_parts, n + 1, sizeof *st->parts))
            return NSC_ENOMEM;
        nsc__ofac_part *P = &st->parts[n];
        size_t tl;
        const char *t = ref_value(st, nsc__xml_child(p, "type"), &tl);
        if (!t) return NSC_ENOMEM;
        char tbuf[64];
        snprintf(tbuf, sizeof tbuf, "%.*s", (int)(tl < 63 ? tl : 63), t);
        P->type = nsc__ofac_part_type(tbuf);
        if (!(P->text = text_copy(st, nsc__xml_child(p, "value")))) return NSC_ENOMEM;
        P->len = strlen(P->text);
        n++;
    }
    const char *full = text_copy(st, nsc__xml_child(tr, "formattedFullName"));
    if (!full) return NSC_ENOMEM;
    if (kind == NSC_NAME_PRIMARY && (e->names || !nsc__ofac_script_latin(script)))
        kind = NSC_NAME_ALIAS;
    nsc__name *nm;
    return nsc__ofac_add_name(st->l, e, &st->join, st->parts, n, full, kind, script, &nm);
}

static int read_name(enh_st *st, nsc__entity *e, const xmlNode *nm)
{
    int primary = is_true(st, nsc__xml_child(nm, "isPrimary"));
    int low = is_true(st, nsc__xml_child(nm, "isLowQuality"));
    const xmlNode *at = nsc__xml_child(nm, "aliasType");
    size_t al = 0;
    const char *a = at ? ref_value(st, at, &al) : "";
    if (!a) return NSC_ENOMEM;
    char abuf[32];
    snprintf(abuf, sizeof abuf, "%.*s", (int)(al < 31 ? al : 31), a);
    int odd = 0;
    nsc_name_kind kind = nsc__ofac_alias_kind(abuf, primary, low, &odd);
    if (odd && !primary) nsc__ofac_tally_add(&st->odd_alias, line_of(nm), "aliasType %s", abuf);
    const xmlNode *trs = nsc__xml_child(nm, "translations");
    int rc = 0;
    /* the primary (Latin) translation first, so it is the entity's primary name */
    for (int pass = 0; pass < 2 && !rc; pass++)
        for (const xmlNode *t = trs ? trs->children : NULL; t && !rc; t = t->next)
            if (nsc__xml_is_elem(t, "translation") &&
                is_true(st, nsc__xml_child(t, "isPrimary")) == (pass == 0))
                rc = read_translation(st, e, t,
                                      pass == 0                  ? kind
                                      : kind == NSC_NAME_PRIMARY ? NSC_NAME_ALIAS
                                                                 : kind);
    return rc;
}

static int read_address(enh_st *st, nsc__entity *e, const xmlNode *ad)
{
    const char *country = country_of(st, nsc__xml_child(ad, "country"));
    size_t cl;
    const char *cname = ref_value(st, nsc__xml_child(ad, "country"), &cl);
    if (!cname) return NSC_ENOMEM;
    char cbuf[96];
    snprintf(cbuf, sizeof cbuf, "%.*s", (int)(cl < 95 ? cl : 95), cname);
    const xmlNode *trs = nsc__xml_child(ad, "translations");
    int rc = 0;
    for (const xmlNode *t = trs ? trs->children : NULL; t && !rc; t = t->next) {
        if (!nsc__xml_is_elem(t, "translation")) continue;
        static const char *const order[] = { "ADDRESS1",       "ADDRESS2",    "ADDRESS3", "CITY",
                                             "STATE/PROVINCE", "POSTAL CODE", "REGION" };
        nsc__sbuf *b = &st->join;
        b->len = 0;
        const xmlNode *aps = nsc__xml_child(t, "addressParts");
        for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
            for (const xmlNode *p = aps ? aps->children : NULL; p; p = p->next) {
                if (!nsc__xml_is_elem(p, "addressPart")) continue;
                size_t tl;
                const char *ty = ref_value(st, nsc__xml_child(p, "type"), &tl);
                if (!ty) return NSC_ENOMEM;
                if (tl != strlen(order[k]) || strncasecmp(ty, order[k], tl) != 0) continue;
                TEXT(v, vl, nsc__xml_child(p, "value"));
                if (nsc__sb_join(b, ", ", v, vl)) return NSC_ENOMEM;
            }
        if (nsc__sb_join(b, ", ", cbuf, strlen(cbuf))) return NSC_ENOMEM;
        if (b->len) rc = nsc__ofac_feature(st->l, e, "Location", b->p, b->len, country, NULL);
    }
    return rc;
}

static int read_feature(enh_st *st, nsc__entity *e, const xmlNode *f)
{
    const xmlNode *tn = nsc__xml_child(f, "type");
    const enh_ref *ft = ref_of(st, &st->features, tn, "featureTypeId");
    const char *type = ft && *ft->type ? ft->type : text_copy(st, tn);
    if (!type) return NSC_ENOMEM;
    if (!*type) return 0;
    nsc__date date;
    int has_date = period_date(st, nsc__xml_child(f, "valueDate"), &date) == 0;
    const char *country = NULL;
    const xmlNode *vr = nsc__xml_child(f, "valueRefId");
    if (vr) {
        size_t n;
        const char *id = nsc__xml_text(&st->text, vr, &n);
        uint32_t i;
        long long rid = id ? nsc__ofac_num(id) : -1;
        if (rid >= 0 && nsc__idmap_get(&st->refs, (uint64_t)rid, &i) &&
            strcasecmp(st->ref[i].type, "COUNTRY") == 0) {
            const enh_ref *r = &st->ref[i];
            char code[3];
            country = nsc__country_code(code, r->value, strlen(r->value)) == 0 ? r->value : r->iso;
        }
    }
    const char *v = text_copy(st, nsc__xml_child(f, "value"));
    if (!v) return NSC_ENOMEM;
    if (has_date && strcasecmp(type, "Birthdate") != 0) v = ""; /* formatted from the date */
    return nsc__ofac_feature(st->l, e, type, v, strlen(v), country && *country ? country : NULL,
                             has_date ? &date : NULL);
}

static int read_document(enh_st *st, nsc__entity *e, const xmlNode *d)
{
    size_t tl;
    const char *t = ref_value(st, nsc__xml_child(d, "type"), &tl);
    if (!t) return NSC_ENOMEM;
    char type[96];
    snprintf(type, sizeof type, "%.*s", (int)(tl < 95 ? tl : 95), t);
    const char *country = country_of(st, nsc__xml_child(d, "issuingCountry"));
    TEXT(num, nl, nsc__xml_child(d, "documentNumber"));
    nsc__ident *id = NULL;
    int rc = nsc__entity_add_ident_ref(st->l, e, nsc__ofac_id_type(type), num, nl,
                                       country && *country ? country : NULL, type, &id);
    if (rc || !id) return rc;
    static const char *const dates[2] = { "issueDate", "expirationDate" };
    for (int k = 0; k < 2; k++) {
        nsc__date date;
        if (period_date(st, nsc__xml_child(d, dates[k]), &date) != 0) continue;
        char buf[32];
        nsc__date_format(buf, &date);
        if ((rc = nsc__ident_set(st->l, k ? &id->expires : &id->issued, buf, strlen(buf))))
            return rc;
    }
    TEXT(auth, al, nsc__xml_child(d, "issuingAuthority"));
    return nsc__ident_set(st->l, &id->authority, auth, al);
}

/* Calls fn on each child element `item` of the child `group` of n. */
#define EACH(n, group, item, var)                                                                  \
    for (const xmlNode *var##_g = nsc__xml_child((n), (group)),                                    \
                       *var = var##_g ? var##_g->children : NULL;                                  \
         var; var = var->next)                                                                     \
        if (nsc__xml_is_elem(var, (item)))

static int read_entity(enh_st *st, const xmlNode *en)
{
    long line = line_of(en);
    const char *id = nsc__xml_attr(en, "id");
    if (!*id) return nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, line, "<entity> has no id");
    if (nsc__list_find(st->l, id, strlen(id)))
        return nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, line,
                              "duplicate <entity id=\"%.20s\">", id);
    const xmlNode *gi = nsc__xml_child(en, "generalInfo");
    nsc__entity *e = nsc__list_add_entity(st->l, id, strlen(id), entity_type(st, gi));
    if (!e) return NSC_ENOMEM;
    int rc = 0;
    EACH(en, "names", "name", nm)
    {
        if ((rc = read_name(st, e, nm))) return rc;
    }
    if (!e->names) nsc__ofac_tally_add(&st->no_name, line, "entity %.20s", id);
    EACH(en, "sanctionsLists", "sanctionsList", sl)
    {
        size_t n;
        const char *v = ref_value(st, sl, &n);
        if (!v) return NSC_ENOMEM;
        if (n == 8 && strncasecmp(v, "SDN List", 8) == 0)
            st->n_sdn++;
        else if (n)
            st->n_other++;
        const char *dp = nsc__xml_attr(sl, "datePublished");
        if (strlen(dp) >= 10) {
            char buf[11];
            memcpy(buf, dp, 10);
            buf[10] = '\0';
            if ((rc = nsc__entity_set_listed(st->l, e, buf))) return rc;
        }
    }
    EACH(en, "sanctionsPrograms", "sanctionsProgram", sp)
    {
        TEXT(v, n, sp);
        if ((rc = nsc__entity_add_program(st->l, e, v, n))) return rc;
    }
    EACH(en, "addresses", "address", ad)
    {
        if ((rc = read_address(st, e, ad))) return rc;
    }
    EACH(en, "features", "feature", f)
    {
        if ((rc = read_feature(st, e, f))) return rc;
    }
    EACH(en, "identityDocuments", "identityDocument", d)
    {
        if ((rc = read_document(st, e, d))) return rc;
    }
    EACH(en, "relationships", "relationship", r)
    {
        TEXT(v, n, nsc__xml_child(r, "relatedEntity"));
        if ((rc = nsc__entity_add_link(st->l, e, v, n))) return rc;
    }
    TEXT(title, tl, nsc__xml_child(gi, "title"));
    if ((rc = nsc__entity_add_detail(st->l, e, NSC_DETAIL_TITLE, title, tl))) return rc;
    TEXT(rem, rl, nsc__xml_child(gi, "remarks"));
    return rl ? nsc__entity_set_remarks(st->l, e, rem, rl) : 0;
}

/* ---- the file ----------------------------------------------------------------------------- */

static int read_publication(enh_st *st, const xmlNode *pi)
{
    TEXT(d, dl, nsc__xml_child(pi, "dataAsOf"));
    int rc = 0;
    if (dl >= 10 && !st->l->published) {
        char buf[11];
        memcpy(buf, d, 10);
        buf[10] = '\0';
        nsc__date date;
        if (nsc__date_parse(&date, buf, 10) == 0 && date.prec == NSC_DATE_DAY)
            rc = nsc__list_set_published(st->l, buf);
    }
    const xmlNode *sls = nsc__xml_child(nsc__xml_child(pi, "filters"), "sanctionsLists");
    const xmlNode *sl = nsc__xml_child(sls, "sanctionsList");
    if (!rc && sl && !(st->list_value = text_copy(st, sl))) rc = NSC_ENOMEM;
    return rc;
}

enum { S_NONE, S_REFS, S_FEATURES, S_ENTITIES };

static int walk_section(void *ctx, const char *name)
{
    (void)ctx;
    return strcmp(name, "referenceValues") == 0 ? S_REFS
           : strcmp(name, "featureTypes") == 0  ? S_FEATURES
           : strcmp(name, "entities") == 0      ? S_ENTITIES
                                                : S_NONE;
}

static int walk_header(void *ctx, const xmlNode *n) { return read_publication(ctx, n); }

static int walk_record(void *ctx, int section, const xmlNode *n)
{
    enh_st *st = ctx;
    if (section == S_REFS && nsc__xml_is_elem(n, "referenceValue"))
        return put_ref(st, &st->refs, n, "refId");
    if (section == S_FEATURES && nsc__xml_is_elem(n, "featureType"))
        return put_ref(st, &st->features, n, "featureTypeId");
    if (section == S_ENTITIES && nsc__xml_is_elem(n, "entity")) return read_entity(st, n);
    return 0;
}

static int walk(enh_st *st)
{
    static const nsc__ofac_walk w = { "sanctionsData", "OFAC enhanced XML", "publicationInfo",
                                      walk_section,    walk_header,         walk_record };
    return nsc__ofac_stream_walk(&st->xs, st->ld, &w, st);
}

static int warn(enh_st *st, const nsc__ofac_tally *t, const char *what)
{
    return nsc__ofac_tally_warn(st->l, st->ld->path, t, what);
}

static int finish(enh_st *st)
{
    if (warn(st, &st->dangling,
             "refIds or featureTypeIds resolve to nothing; their text is used") ||
        warn(st, &st->odd_alias, "aliases have an unknown alias type, taken as a.k.a.") ||
        warn(st, &st->no_name, "entities have no name"))
        return NSC_ENOMEM;
    nsc__list *l = st->l;
    if (!l->name) {
        const char *name = nsc__ofac_list_from(st->list_value);
        if (!name)
            name = st->n_other ? "ofac-cons"
                   : st->n_sdn ? "ofac-sdn"
                               : nsc__ofac_list_from_path(st->ld->path);
        if (!(l->name = nsc__strndup(st->ld->mem, name, strlen(name)))) return NSC_ENOMEM;
    }
    return 0;
}

int nsc__parse_ofac_enhanced(nsc__load *ld)
{
    enh_st st;
    memset(&st, 0, sizeof st);
    st.ld = ld;
    st.l = ld->list;
    st.xs.ld = ld;
    st.text.mem = st.join.mem = ld->mem;
    st.refs.mem = st.features.mem = ld->mem;
    nsc__arena_init(&st.arena, ld->mem);
    size_t first = st.l->n_entities;
    int rc = nsc__xml_stream_open(&st.xs);
    if (!rc) rc = walk(&st);
    if (!rc && st.l->n_entities == first)
        rc = nsc__load_fail(ld, NSC_EFORMAT, ld->path, 0, "no <entity> records");
    if (!rc) rc = finish(&st);
    if (rc == NSC_ENOMEM) rc = nsc__load_fail(ld, NSC_ENOMEM, ld->path, 0, "out of memory");
    nsc__xml_stream_close(&st.xs);
    nsc__idmap_free(&st.refs);
    nsc__idmap_free(&st.features);
    nsc__free(ld->mem, st.ref);
    nsc__free(ld->mem, st.parts);
    nsc__free(ld->mem, st.text.p);
    nsc__free(ld->mem, st.join.p);
    nsc__arena_free(&st.arena);
    return rc;
}
