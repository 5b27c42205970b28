/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/ofac_adv.c: parser of OFAC's ADVANCED XML (SDN_ADVANCED.XML, CONS_ADVANCED.XML; root
 * <Sanctions>, in either of its namespaces, matched on local names). The file is relational:
 * reference tables, locations and identity documents come first, then the parties, then the
 * sanctions entries (list, programs, listing date) that point back at the parties by profile
 * id. It is streamed (xmlTextReader), one top-level record expanded at a time, so memory holds
 * the entities and these tables, never the document; the file's bytes pass through the list
 * checksums as they are read.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "formats/ofac_xml.h"
#include "formats/parsers.h"
#include "formats/xml.h"
#include "model/country.h"

/* The reference tables used (ReferenceValueSets/<X>Values/<X>). */
enum {
    T_ALIAS,
    T_COUNTRY,
    T_FEATURE,
    T_PARTYSUB,
    T_PARTY,
    T_SCRIPT,
    T_NAMEPART,
    T_SANCTIONS,
    T_DOCTYPE,
    T_DOCDATE,
    T_LOCPART,
    T_DETAILREF,
    T_LIST,
    T_COUNT
};

static const char *const table_elem[T_COUNT] = {
    "AliasType",   "Country",         "FeatureType",   "PartySubType", "PartyType",
    "Script",      "NamePartType",    "SanctionsType", "IDRegDocType", "IDRegDocDateType",
    "LocPartType", "DetailReference", "List",
};

/* One reference value: its text and the attribute some tables add (Country/@ISO2,
 * Script/@ScriptCode, PartySubType/@PartyTypeID). */
typedef struct adv_ref {
    const char *text, *extra;
} adv_ref;

/* OFAC's published numbering (FORMATS.md 4a; the same ids in every ADVANCED and ENHANCED file
 * seen), used only for an id the file's own tables lack: the file's tables always win. */
static const struct {
    int table;
    long long id;
    adv_ref ref;
} builtin[] = {
    { T_ALIAS, 1400, { "A.K.A.", NULL } },
    { T_ALIAS, 1401, { "F.K.A.", NULL } },
    { T_ALIAS, 1402, { "N.K.A.", NULL } },
    { T_ALIAS, 1403, { "Name", NULL } },
    { T_NAMEPART, 1520, { "Last Name", NULL } },
    { T_NAMEPART, 1521, { "First Name", NULL } },
    { T_NAMEPART, 1522, { "Middle Name", NULL } },
    { T_NAMEPART, 1523, { "Maiden Name", NULL } },
    { T_NAMEPART, 1524, { "Aircraft Name", NULL } },
    { T_NAMEPART, 1525, { "Entity Name", NULL } },
    { T_NAMEPART, 1526, { "Vessel Name", NULL } },
    { T_NAMEPART, 1528, { "Nickname", NULL } },
    { T_NAMEPART, 91708, { "Patronymic", NULL } },
    { T_NAMEPART, 91709, { "Matronymic", NULL } },
    { T_FEATURE, 8, { "Birthdate", NULL } },
    { T_FEATURE, 9, { "Place of Birth", NULL } },
    { T_FEATURE, 10, { "Nationality Country", NULL } },
    { T_FEATURE, 11, { "Citizenship Country", NULL } },
    { T_FEATURE, 25, { "Location", NULL } },
    { T_FEATURE, 224, { "Gender", NULL } },
    { T_PARTYSUB, 1, { "Vessel", "4" } },
    { T_PARTYSUB, 2, { "Aircraft", "4" } },
    { T_PARTYSUB, 3, { "Unknown", "2" } },
    { T_PARTYSUB, 4, { "Unknown", "1" } },
    { T_PARTY, 1, { "Individual", NULL } },
    { T_PARTY, 2, { "Entity", NULL } },
    { T_SCRIPT, 215, { "Latin", "Latn" } },
    { T_SCRIPT, 220, { "Cyrillic", "Cyrl" } },
    { T_SCRIPT, 160, { "Arabic", "Arab" } },
    { T_SCRIPT, 501, { "Chinese Simplified", "Hans" } },
    { T_SCRIPT, 502, { "Chinese Traditional", "Hant" } },
    { T_LOCPART, 1450, { "REGION", NULL } },
    { T_LOCPART, 1451, { "ADDRESS1", NULL } },
    { T_LOCPART, 1452, { "ADDRESS2", NULL } },
    { T_LOCPART, 1453, { "ADDRESS3", NULL } },
    { T_LOCPART, 1454, { "CITY", NULL } },
    { T_LOCPART, 1455, { "STATE/PROVINCE", NULL } },
    { T_LOCPART, 1456, { "POSTAL CODE", NULL } },
    { T_DOCTYPE, 1571, { "Passport", NULL } },
    { T_DOCTYPE, 1584, { "National ID No.", NULL } },
    { T_DOCTYPE, 1570, { "Cedula No.", NULL } },
    { T_DOCDATE, 1480, { "Issue Date", NULL } },
    { T_DOCDATE, 1481, { "Expiration Date", NULL } },
    { T_SANCTIONS, 1, { "Program", NULL } },
    { T_LIST, 1550, { "SDN List", NULL } },
    { T_LIST, 91512, { "Consolidated List", NULL } },
};

/* A location: its address as one line and its country (a name or ISO code), may be NULL. */
typedef struct adv_loc {
    const char *address, *country;
} adv_loc;

/* An identity document, kept until its holder's party is read. */
typedef struct adv_doc {
    long long identity;
    const char *type, *number, *country, *issued, *expires, *authority;
    long line;
    uint32_t next; /* next document of the same identity, +1; 0 = none */
    int used;
} adv_doc;

typedef struct adv_st {
    nsc__load *ld;
    nsc__list *l;
    nsc__xml_stream xs;
    nsc__arena arena; /* tables, locations, documents: freed after the load */
    nsc__sbuf text, join;
    nsc__idmap refs; /* (table << 40 | id) -> index in ref[] */
    adv_ref *ref;
    size_t n_ref, cap_ref;
    nsc__idmap locs; /* location id -> index in loc[] */
    adv_loc *loc;
    size_t n_loc, cap_loc;
    nsc__idmap docs; /* identity id -> first document + 1 */
    adv_doc *doc;
    size_t n_doc, cap_doc;
    nsc__idmap profiles; /* profile id -> entity index */
    nsc__idmap groups;   /* name part group id -> name part type id, one identity at a time */
    nsc__ofac_part *parts;
    size_t cap_parts;
    size_t n_sdn, n_other; /* sanctions entries on the SDN list and on other lists */
    size_t builtin_used;
    nsc__ofac_tally dangling_ref, dangling_loc, dangling_profile, dangling_doc, bad_date, odd_alias,
        no_name;
    int saw_refsets;
} adv_st;

static const char *keep(adv_st *st, const char *s, size_t n)
{
    return nsc__arena_strndup(&st->arena, s, n);
}

#define TEXT(var, lenvar, node)                                                                    \
    size_t lenvar;                                                                                 \
    const char *var = nsc__xml_text(&st->text, (node), &lenvar);                                   \
    if (!var) return NSC_ENOMEM

/* ---- reference values --------------------------------------------------------------------- */

static uint64_t ref_key(int table, long long id) { return ((uint64_t)table << 40) | (uint64_t)id; }

static int ref_put(adv_st *st, int table, long long id, const char *text, size_t tl,
                   const char *extra)
{
    if (nsc__grow(st->ld->mem, (void **)&st->ref, &st->cap_ref, st->n_ref + 1, sizeof *st->ref))
        return NSC_ENOMEM;
    adv_ref *r = &st->ref[st->n_ref];
    r->text = keep(st, text, tl);
    r->extra = extra && *extra ? keep(st, extra, strlen(extra)) : NULL;
    if (!r->text || (extra && *extra && !r->extra)) return NSC_ENOMEM;
    return nsc__idmap_put(&st->refs, ref_key(table, id), (uint32_t)st->n_ref++);
}

static const adv_ref *builtin_ref(int table, long long id)
{
    for (size_t k = 0; k < sizeof builtin / sizeof builtin[0]; k++)
        if (builtin[k].table == table && builtin[k].id == id) return &builtin[k].ref;
    return NULL;
}

/* The value `attr` of element n names in `table`; NULL when the attribute is absent, or when
 * it resolves to nothing (counted, with the element and line). */
static const adv_ref *ref_of(adv_st *st, int table, const xmlNode *n, const char *attr)
{
    const char *v = nsc__xml_attr(n, attr);
    if (!*v) return NULL;
    long long id = nsc__ofac_num(v);
    uint32_t i;
    if (id >= 0 && nsc__idmap_get(&st->refs, ref_key(table, id), &i)) return &st->ref[i];
    const adv_ref *b = builtin_ref(table, id);
    if (b) {
        st->builtin_used++;
        return b;
    }
    char what[80];
    snprintf(what, sizeof what, "<%s %s=\"%.20s\">", (const char *)n->name, attr, v);
    nsc__ofac_tally_add(&st->dangling_ref, (long)xmlGetLineNo(n), "%s%s", what, "");
    return NULL;
}

static const char *ref_text(adv_st *st, int table, const xmlNode *n, const char *attr)
{
    const adv_ref *r = ref_of(st, table, n, attr);
    return r ? r->text : "";
}

static int table_of(const char *elem)
{
    for (int t = 0; t < T_COUNT; t++)
        if (strcmp(elem, table_elem[t]) == 0) return t;
    return -1;
}

/* One <XValues> table: each child <X ID="..">text</X>. */
static int read_table(adv_st *st, const xmlNode *tab)
{
    for (const xmlNode *v = tab->children; v; v = v->next) {
        if (v->type != XML_ELEMENT_NODE) continue;
        int t = table_of((const char *)v->name);
        if (t < 0) return 0; /* a table the parser does not use */
        long long id = nsc__ofac_num(nsc__xml_attr(v, "ID"));
        if (id < 0)
            return nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, (long)xmlGetLineNo(v),
                                  "<%s> has no numeric ID", (const char *)v->name);
        TEXT(s, n, v);
        const char *extra = t == T_COUNTRY    ? nsc__xml_attr(v, "ISO2")
                            : t == T_SCRIPT   ? nsc__xml_attr(v, "ScriptCode")
                            : t == T_PARTYSUB ? nsc__xml_attr(v, "PartyTypeID")
                                              : NULL;
        int rc = ref_put(st, t, id, s, n, extra);
        if (rc) return rc;
    }
    return 0;
}

/* A country reference as the entity model takes it: the name when it maps to a code, else
 * the ISO code, else the name as written. */
static const char *country_arg(const adv_ref *c)
{
    if (!c) return NULL;
    char code[3];
    if (c->text && *c->text && nsc__country_code(code, c->text, strlen(c->text)) == 0)
        return c->text;
    return c->extra ? c->extra : (c->text && *c->text ? c->text : NULL);
}

/* ---- locations and documents -------------------------------------------------------------- */

static int read_location(adv_st *st, const xmlNode *loc)
{
    long long id = nsc__ofac_num(nsc__xml_attr(loc, "ID"));
    if (id < 0)
        return nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, (long)xmlGetLineNo(loc),
                              "<Location> has no numeric ID");
    static const char *const order[] = { "ADDRESS1",       "ADDRESS2",    "ADDRESS3", "CITY",
                                         "STATE/PROVINCE", "POSTAL CODE", "REGION" };
    const size_t n_order = sizeof order / sizeof order[0];
    st->join.len = 0;
    /* the parts in address order, then those of other types ("Unknown": a bare country) */
    for (size_t k = 0; k <= n_order; k++)
        for (const xmlNode *p = loc->children; p; p = p->next) {
            if (!nsc__xml_is_elem(p, "LocationPart")) continue;
            const char *type = ref_text(st, T_LOCPART, p, "LocPartTypeID");
            size_t at = 0;
            while (at < n_order && strcasecmp(type, order[at]) != 0) at++;
            if (at != k) continue;
            TEXT(v, vl, nsc__xml_child(nsc__xml_child(p, "LocationPartValue"), "Value"));
            if (nsc__sb_join(&st->join, ", ", v, vl)) return NSC_ENOMEM;
        }
    const adv_ref *c = ref_of(st, T_COUNTRY, nsc__xml_child(loc, "LocationCountry"), "CountryID");
    const char *country = country_arg(c);
    if (c && c->text && nsc__sb_join(&st->join, ", ", c->text, strlen(c->text))) return NSC_ENOMEM;
    if (nsc__grow(st->ld->mem, (void **)&st->loc, &st->cap_loc, st->n_loc + 1, sizeof *st->loc))
        return NSC_ENOMEM;
    adv_loc *L = &st->loc[st->n_loc];
    L->address = keep(st, st->join.p ? st->join.p : "", st->join.len);
    L->country = country;
    if (!L->address) return NSC_ENOMEM;
    return nsc__idmap_put(&st->locs, (uint64_t)id, (uint32_t)st->n_loc++);
}

/* A DatePeriod (or a SanctionsEntry Date) as a date. */
static int ymd_of(const xmlNode *n, int out[3])
{
    static const char *const f[3] = { "Year", "Month", "Day" };
    for (int i = 0; i < 3; i++) {
        const xmlNode *c = nsc__xml_child(n, f[i]);
        const char *s = c && c->children ? (const char *)c->children->content : "";
        long long v = nsc__ofac_num(s);
        out[i] = v > 0 && v < 10000 ? (int)v : 0;
    }
    return out[0] ? 0 : -1;
}

static int period_date(const xmlNode *dp, nsc__date *out)
{
    const xmlNode *start = nsc__xml_child(dp, "Start"), *end = nsc__xml_child(dp, "End");
    int s[3] = { 0, 0, 0 }, e[3] = { 0, 0, 0 };
    if (ymd_of(nsc__xml_child(start, "From"), s)) ymd_of(nsc__xml_child(start, "To"), s);
    if (ymd_of(nsc__xml_child(end, "To"), e)) ymd_of(nsc__xml_child(end, "From"), e);
    int approx = strcmp(nsc__xml_attr(start, "Approximate"), "true") == 0 ||
                 strcmp(nsc__xml_attr(end, "Approximate"), "true") == 0;
    return nsc__ofac_span_date(out, s, e, approx);
}

static int read_document(adv_st *st, const xmlNode *d)
{
    long long identity = nsc__ofac_num(nsc__xml_attr(d, "IdentityID"));
    long line = (long)xmlGetLineNo(d);
    if (identity < 0)
        return nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, line,
                              "<IDRegDocument ID=\"%.20s\"> has no IdentityID",
                              nsc__xml_attr(d, "ID"));
    if (nsc__grow(st->ld->mem, (void **)&st->doc, &st->cap_doc, st->n_doc + 1, sizeof *st->doc))
        return NSC_ENOMEM;
    adv_doc *D = &st->doc[st->n_doc];
    memset(D, 0, sizeof *D);
    D->identity = identity;
    D->line = line;
    const char *t = ref_text(st, T_DOCTYPE, d, "IDRegDocTypeID");
    D->type = *t ? t : NULL;
    TEXT(num, nl, nsc__xml_child(d, "IDRegistrationNo"));
    if (!(D->number = keep(st, num, nl))) return NSC_ENOMEM;
    D->country = country_arg(ref_of(st, T_COUNTRY, d, "IssuedBy-CountryID"));
    TEXT(auth, al, nsc__xml_child(d, "IssuingAuthority"));
    if (al && !(D->authority = keep(st, auth, al))) return NSC_ENOMEM;
    for (const xmlNode *c = d->children; c; c = c->next) {
        if (!nsc__xml_is_elem(c, "DocumentDate")) continue;
        const char *dt = ref_text(st, T_DOCDATE, c, "IDRegDocDateTypeID");
        nsc__date date;
        if (period_date(nsc__xml_child(c, "DatePeriod"), &date) != 0) continue;
        char buf[32];
        nsc__date_format(buf, &date);
        const char **slot = strncasecmp(dt, "Expir", 5) == 0 ? &D->expires : &D->issued;
        if (!(*slot = keep(st, buf, strlen(buf)))) return NSC_ENOMEM;
    }
    uint32_t head = 0;
    nsc__idmap_get(&st->docs, (uint64_t)identity, &head);
    D->next = head;
    return nsc__idmap_put(&st->docs, (uint64_t)identity, (uint32_t)++st->n_doc);
}

/* ---- parties ------------------------------------------------------------------------------ */

static int attach_documents(adv_st *st, nsc__entity *e, long long identity)
{
    uint32_t i = 0;
    if (!nsc__idmap_get(&st->docs, (uint64_t)identity, &i)) return 0;
    for (; i; i = st->doc[i - 1].next) {
        adv_doc *D = &st->doc[i - 1];
        D->used = 1;
        nsc__ident *id = NULL;
        int rc = nsc__entity_add_ident_ref(st->l, e, nsc__ofac_id_type(D->type), D->number,
                                           strlen(D->number), D->country, D->type, &id);
        if (rc) return rc;
        if (!id) continue;
        if ((D->issued &&
             (rc = nsc__ident_set(st->l, &id->issued, D->issued, strlen(D->issued)))) ||
            (D->expires &&
             (rc = nsc__ident_set(st->l, &id->expires, D->expires, strlen(D->expires)))) ||
            (D->authority &&
             (rc = nsc__ident_set(st->l, &id->authority, D->authority, strlen(D->authority)))))
            return rc;
    }
    return 0;
}

static int read_groups(adv_st *st, const xmlNode *identity)
{
    if (st->groups.cap) memset(st->groups.keys, 0, st->groups.cap * sizeof *st->groups.keys);
    st->groups.n = 0;
    const xmlNode *gs = nsc__xml_child(identity, "NamePartGroups");
    for (const xmlNode *m = gs ? gs->children : NULL; m; m = m->next)
        for (const xmlNode *g = m->children; g; g = g->next) {
            if (!nsc__xml_is_elem(g, "NamePartGroup")) continue;
            long long id = nsc__ofac_num(nsc__xml_attr(g, "ID"));
            long long type = nsc__ofac_num(nsc__xml_attr(g, "NamePartTypeID"));
            if (id >= 0 && type >= 0 && nsc__idmap_put(&st->groups, (uint64_t)id, (uint32_t)type))
                return NSC_ENOMEM;
        }
    return 0;
}

static const char *script_of(adv_st *st, const xmlNode *npv)
{
    const adv_ref *s = ref_of(st, T_SCRIPT, npv, "ScriptID");
    long long num = nsc__ofac_num(nsc__xml_attr(npv, "ScriptID"));
    const char *code = nsc__ofac_script_code(s ? s->extra : NULL, s ? s->text : NULL, num);
    if (!code && s && s->extra && strlen(s->extra) == 4) code = s->extra;
    return code;
}

static int read_docname(adv_st *st, nsc__entity *e, const xmlNode *dn, nsc_name_kind kind)
{
    size_t n = 0;
    const char *script = NULL;
    for (const xmlNode *p = dn->children; p; p = p->next) {
        if (!nsc__xml_is_elem(p, "DocumentedNamePart")) continue;
        const xmlNode *v = nsc__xml_child(p, "NamePartValue");
        if (!v) continue;
        if (nsc__grow(st->ld->mem, (void **)&st->parts, &st->cap_parts, n + 1, sizeof *st->parts))
            return NSC_ENOMEM;
        nsc__ofac_part *P = &st->parts[n];
        /* the text stays in the expanded tree while the name is built */
        P->text = nsc__xml_text(&st->text, v, &P->len);
        if (!P->text) return NSC_ENOMEM;
        if (v->children && v->children->next) { /* joined into st->text: keep a copy */
            if (!(P->text = keep(st, P->text, P->len))) return NSC_ENOMEM;
        }
        uint32_t type = 0;
        const char *gid = nsc__xml_attr(v, "NamePartGroupID");
        long long g = nsc__ofac_num(gid);
        P->type = NSC_PART_OTHER;
        if (g >= 0 && nsc__idmap_get(&st->groups, (uint64_t)g, &type)) {
            uint32_t ri;
            const adv_ref *r = nsc__idmap_get(&st->refs, ref_key(T_NAMEPART, type), &ri)
                                   ? &st->ref[ri]
                                   : builtin_ref(T_NAMEPART, type);
            if (r) P->type = nsc__ofac_part_type(r->text);
        } else if (*gid) {
            nsc__ofac_tally_add(&st->dangling_ref, (long)xmlGetLineNo(v),
                                "<NamePartValue NamePartGroupID=\"%.20s\">%s", gid, "");
        }
        if (!script) script = script_of(st, v);
        n++;
    }
    if (!n) return 0;
    if (kind == NSC_NAME_PRIMARY && (e->names || !nsc__ofac_script_latin(script)))
        kind = NSC_NAME_ALIAS; /* one primary name: the first Latin one */
    nsc__name *nm;
    return nsc__ofac_add_name(st->l, e, &st->join, st->parts, n, NULL, kind, script, &nm);
}

static int read_identity(adv_st *st, nsc__entity *e, const xmlNode *idn)
{
    int rc = read_groups(st, idn);
    if (rc) return rc;
    long long iid = nsc__ofac_num(nsc__xml_attr(idn, "ID"));
    if (iid >= 0 && (rc = attach_documents(st, e, iid))) return rc;
    for (const xmlNode *a = idn->children; a; a = a->next) {
        if (!nsc__xml_is_elem(a, "Alias")) continue;
        int odd = 0;
        nsc_name_kind kind =
            nsc__ofac_alias_kind(ref_text(st, T_ALIAS, a, "AliasTypeID"),
                                 strcmp(nsc__xml_attr(a, "Primary"), "true") == 0,
                                 strcmp(nsc__xml_attr(a, "LowQuality"), "true") == 0, &odd);
        if (odd)
            nsc__ofac_tally_add(&st->odd_alias, (long)xmlGetLineNo(a), "AliasTypeID %s%s",
                                nsc__xml_attr(a, "AliasTypeID"), "");
        for (const xmlNode *dn = a->children; dn; dn = dn->next)
            if (nsc__xml_is_elem(dn, "DocumentedName") && (rc = read_docname(st, e, dn, kind)))
                return rc;
    }
    return 0;
}

static int read_feature(adv_st *st, nsc__entity *e, const xmlNode *f)
{
    const char *type = ref_text(st, T_FEATURE, f, "FeatureTypeID");
    if (!*type) return 0; /* counted as a dangling reference */
    for (const xmlNode *fv = f->children; fv; fv = fv->next) {
        if (!nsc__xml_is_elem(fv, "FeatureVersion")) continue;
        const char *v = "", *country = NULL;
        size_t vl = 0;
        nsc__date date;
        int has_date = 0;
        for (const xmlNode *c = fv->children; c; c = c->next) {
            if (nsc__xml_is_elem(c, "VersionDetail")) {
                const char *r = ref_text(st, T_DETAILREF, c, "DetailReferenceID");
                if (*r) {
                    v = r;
                    vl = strlen(r);
                } else {
                    TEXT(t, tl, c);
                    if (tl) v = t, vl = tl;
                }
            } else if (nsc__xml_is_elem(c, "VersionLocation")) {
                long long lid = nsc__ofac_num(nsc__xml_attr(c, "LocationID"));
                uint32_t li;
                if (lid >= 0 && nsc__idmap_get(&st->locs, (uint64_t)lid, &li)) {
                    v = st->loc[li].address;
                    vl = strlen(v);
                    country = st->loc[li].country;
                } else {
                    nsc__ofac_tally_add(&st->dangling_loc, (long)xmlGetLineNo(c),
                                        "LocationID %.20s%s", nsc__xml_attr(c, "LocationID"), "");
                }
            } else if (nsc__xml_is_elem(c, "DatePeriod")) {
                if (period_date(c, &date) == 0)
                    has_date = 1;
                else if (strcasecmp(type, "Birthdate") == 0)
                    nsc__ofac_tally_add(&st->bad_date, (long)xmlGetLineNo(c), "%s%s", type, "");
            }
        }
        /* v may point into st->text, which the feature call does not touch */
        int rc = nsc__ofac_feature(st->l, e, type, v, vl, country, has_date ? &date : NULL);
        if (rc) return rc;
    }
    return 0;
}

static nsc_entity_type party_type(adv_st *st, const xmlNode *profile)
{
    const adv_ref *sub = ref_of(st, T_PARTYSUB, profile, "PartySubTypeID");
    if (!sub) return NSC_TYPE_UNKNOWN;
    if (strcasecmp(sub->text, "Vessel") == 0) return NSC_TYPE_VESSEL;
    if (strcasecmp(sub->text, "Aircraft") == 0) return NSC_TYPE_AIRCRAFT;
    long long pt = nsc__ofac_num(sub->extra);
    uint32_t i;
    const adv_ref *r = pt >= 0 && nsc__idmap_get(&st->refs, ref_key(T_PARTY, pt), &i)
                           ? &st->ref[i]
                           : builtin_ref(T_PARTY, pt);
    const char *party = r ? r->text : NULL;
    if (party && strcasecmp(party, "Individual") == 0) return NSC_TYPE_PERSON;
    if (party && strcasecmp(party, "Entity") == 0) return NSC_TYPE_ORGANIZATION;
    return NSC_TYPE_UNKNOWN;
}

static int read_party(adv_st *st, const xmlNode *dp)
{
    long line = (long)xmlGetLineNo(dp);
    const char *fixed = nsc__xml_attr(dp, "FixedRef");
    if (!*fixed)
        return nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, line,
                              "<DistinctParty> has no FixedRef");
    const xmlNode *profile = nsc__xml_child(dp, "Profile");
    if (!profile)
        return nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, line,
                              "<DistinctParty FixedRef=\"%.20s\"> has no <Profile>", fixed);
    if (nsc__list_find(st->l, fixed, strlen(fixed)))
        return nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, line,
                              "duplicate <DistinctParty FixedRef=\"%.20s\">", fixed);
    nsc__entity *e = nsc__list_add_entity(st->l, fixed, strlen(fixed), party_type(st, profile));
    if (!e) return NSC_ENOMEM;
    long long pid = nsc__ofac_num(nsc__xml_attr(profile, "ID"));
    if (pid >= 0 && nsc__idmap_put(&st->profiles, (uint64_t)pid, e->index)) return NSC_ENOMEM;
    int rc = 0;
    for (const xmlNode *c = profile->children; c && !rc; c = c->next)
        if (nsc__xml_is_elem(c, "Identity")) rc = read_identity(st, e, c);
    for (const xmlNode *c = profile->children; c && !rc; c = c->next)
        if (nsc__xml_is_elem(c, "Feature")) rc = read_feature(st, e, c);
    if (rc) return rc;
    if (!e->names) nsc__ofac_tally_add(&st->no_name, line, "FixedRef %.20s%s", fixed, "");
    TEXT(cm, cl, nsc__xml_child(dp, "Comment"));
    return cl ? nsc__entity_set_remarks(st->l, e, cm, cl) : 0;
}

/* ---- sanctions entries and relationships -------------------------------------------------- */

static nsc__entity *profile_entity(adv_st *st, const xmlNode *n, const char *attr)
{
    long long pid = nsc__ofac_num(nsc__xml_attr(n, attr));
    uint32_t i;
    if (pid >= 0 && nsc__idmap_get(&st->profiles, (uint64_t)pid, &i)) return st->l->entities[i];
    nsc__ofac_tally_add(&st->dangling_profile, (long)xmlGetLineNo(n), "%s %.20s", attr,
                        nsc__xml_attr(n, attr));
    return NULL;
}

static int read_entry(adv_st *st, const xmlNode *se)
{
    const char *list = ref_text(st, T_LIST, se, "ListID");
    if (*list) {
        if (strcasecmp(list, "SDN List") == 0)
            st->n_sdn++;
        else
            st->n_other++;
    }
    nsc__entity *e = profile_entity(st, se, "ProfileID");
    if (!e) return 0;
    int rc = 0;
    for (const xmlNode *c = se->children; c && !rc; c = c->next) {
        if (nsc__xml_is_elem(c, "EntryEvent")) {
            int d[3];
            if (ymd_of(nsc__xml_child(c, "Date"), d) == 0 && d[1] && d[2]) {
                char buf[16];
                snprintf(buf, sizeof buf, "%04d-%02d-%02d", d[0], d[1], d[2]);
                rc = nsc__entity_set_listed(st->l, e, buf);
            }
        } else if (nsc__xml_is_elem(c, "SanctionsMeasure")) {
            if (strcasecmp(ref_text(st, T_SANCTIONS, c, "SanctionsTypeID"), "Program") != 0)
                continue;
            TEXT(p, pl, nsc__xml_child(c, "Comment"));
            rc = nsc__entity_add_program(st->l, e, p, pl);
        }
    }
    return rc;
}

/* From-ProfileID is linked to To-ProfileID ("Owned or Controlled By"): the link names the
 * other party by its primary name, as sdn.csv's "Linked To:" does. */
static int read_relation(adv_st *st, const xmlNode *r)
{
    nsc__entity *from = profile_entity(st, r, "From-ProfileID");
    nsc__entity *to = from ? profile_entity(st, r, "To-ProfileID") : NULL;
    if (!from || !to || !to->names) return 0;
    return nsc__entity_add_link(st->l, from, to->names->text, strlen(to->names->text));
}

/* ---- the file ----------------------------------------------------------------------------- */

static int set_published(adv_st *st, const xmlNode *doi)
{
    int d[3];
    if (st->l->published || ymd_of(doi, d) != 0 || !d[1] || !d[2]) return 0;
    char buf[16];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", d[0], d[1], d[2]);
    return nsc__list_set_published(st->l, buf);
}

enum { S_NONE, S_REFS, S_LOCS, S_DOCS, S_PARTIES, S_RELATIONS, S_ENTRIES };

static int section_of(const char *name)
{
    static const char *const names[] = { "",
                                         "ReferenceValueSets",
                                         "Locations",
                                         "IDRegDocuments",
                                         "DistinctParties",
                                         "ProfileRelationships",
                                         "SanctionsEntries" };
    for (int i = 1; i < (int)(sizeof names / sizeof names[0]); i++)
        if (strcmp(name, names[i]) == 0) return i;
    return S_NONE;
}

static int record(adv_st *st, int section, const xmlNode *n)
{
    const char *name = (const char *)n->name;
    switch (section) {
    case S_REFS: return read_table(st, n);
    case S_LOCS: return strcmp(name, "Location") == 0 ? read_location(st, n) : 0;
    case S_DOCS: return strcmp(name, "IDRegDocument") == 0 ? read_document(st, n) : 0;
    case S_PARTIES: return strcmp(name, "DistinctParty") == 0 ? read_party(st, n) : 0;
    case S_RELATIONS: return strcmp(name, "ProfileRelationship") == 0 ? read_relation(st, n) : 0;
    case S_ENTRIES: return strcmp(name, "SanctionsEntry") == 0 ? read_entry(st, n) : 0;
    default: return 0;
    }
}

static int walk_section(void *ctx, const char *name)
{
    adv_st *st = ctx;
    int section = section_of(name);
    if (section == S_REFS) st->saw_refsets = 1;
    return section;
}

static int walk_header(void *ctx, const xmlNode *n) { return set_published(ctx, n); }

static int walk_record(void *ctx, int section, const xmlNode *n) { return record(ctx, section, n); }

static int walk(adv_st *st)
{
    static const nsc__ofac_walk w = { "Sanctions",  "OFAC advanced XML", "DateOfIssue",
                                      walk_section, walk_header,         walk_record };
    return nsc__ofac_stream_walk(&st->xs, st->ld, &w, st);
}

static int warn(adv_st *st, const nsc__ofac_tally *t, const char *what)
{
    return nsc__ofac_tally_warn(st->l, st->ld->path, t, what);
}

static int finish(adv_st *st)
{
    nsc__list *l = st->l;
    const char *f = st->ld->path;
    for (size_t i = 0; i < st->n_doc; i++)
        if (!st->doc[i].used) {
            char id[24];
            snprintf(id, sizeof id, "%lld", st->doc[i].identity);
            nsc__ofac_tally_add(&st->dangling_doc, st->doc[i].line, "IdentityID %s%s", id, "");
        }
    if (warn(st, &st->dangling_ref,
             "references to ReferenceValueSets resolve to nothing; ignored") ||
        warn(st, &st->dangling_loc, "LocationIDs name no <Location>; ignored") ||
        warn(st, &st->dangling_profile, "profile ids name no <DistinctParty>; ignored") ||
        warn(st, &st->dangling_doc, "<IDRegDocument>s name an IdentityID no party has; ignored") ||
        warn(st, &st->bad_date, "birthdates have no year; ignored") ||
        warn(st, &st->odd_alias, "aliases have an unknown alias type, taken as a.k.a.") ||
        warn(st, &st->no_name, "parties have no name"))
        return NSC_ENOMEM;
    if (!st->saw_refsets &&
        nsc__list_warn(l,
                       "%s: no <ReferenceValueSets>; %zu ids resolved by OFAC's published "
                       "numbering",
                       f, st->builtin_used))
        return NSC_ENOMEM;
    if (!l->name) {
        const char *name = st->n_other ? "ofac-cons"
                           : st->n_sdn ? "ofac-sdn"
                                       : nsc__ofac_list_from_path(f);
        if (!(l->name = nsc__strndup(st->ld->mem, name, strlen(name)))) return NSC_ENOMEM;
    }
    return 0;
}

int nsc__parse_ofac_advanced(nsc__load *ld)
{
    adv_st st;
    memset(&st, 0, sizeof st);
    st.ld = ld;
    st.l = ld->list;
    st.xs.ld = ld;
    st.text.mem = st.join.mem = ld->mem;
    st.refs.mem = st.locs.mem = st.docs.mem = st.profiles.mem = st.groups.mem = ld->mem;
    nsc__arena_init(&st.arena, ld->mem);
    size_t first = st.l->n_entities;
    int rc = nsc__xml_stream_open(&st.xs);
    if (!rc) rc = walk(&st);
    if (!rc && st.l->n_entities == first)
        rc = nsc__load_fail(ld, NSC_EFORMAT, ld->path, 0, "no <DistinctParty> records");
    if (!rc) rc = finish(&st);
    if (rc == NSC_ENOMEM) rc = nsc__load_fail(ld, NSC_ENOMEM, ld->path, 0, "out of memory");
    nsc__xml_stream_close(&st.xs);
    nsc__idmap_free(&st.refs);
    nsc__idmap_free(&st.locs);
    nsc__idmap_free(&st.docs);
    nsc__idmap_free(&st.profiles);
    nsc__idmap_free(&st.groups);
    nsc__free(ld->mem, st.ref);
    nsc__free(ld->mem, st.loc);
    nsc__free(ld->mem, st.doc);
    nsc__free(ld->mem, st.parts);
    nsc__free(ld->mem, st.text.p);
    nsc__free(ld->mem, st.join.p);
    nsc__arena_free(&st.arena);
    return rc;
}
