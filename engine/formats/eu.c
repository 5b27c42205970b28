/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/eu.c: parser of the EU Consolidated Financial Sanctions List XML (FSF, export/sanctionEntity).
 * Nearly everything is carried in attributes, and elements live in a default namespace, so
 * elements are matched on their local names and empty attributes count as absent.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "formats/parsers.h"
#include "formats/xml.h"
#include "model/country.h"

typedef struct eu_state {
    nsc__load *ld;
    nsc__list *l;
    nsc__sbuf join;
    size_t duplicates, unmapped, bad_dates, no_name;
    char unmapped_example[80];
} eu_state;

/* The value of attribute `name` of n, trimmed; "" when absent or empty. A value made of several
 * nodes (entity references) is copied into the list arena; NULL only on ENOMEM. */
static const char *attr(eu_state *st, const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0) continue;
        const xmlNode *c = a->children;
        const char *v = "";
        if (c && !c->next && c->type == XML_TEXT_NODE) {
            v = (const char *)c->content;
        } else if (c) {
            xmlChar *s = xmlNodeListGetString(n->doc, c, 1);
            if (!s) return NULL;
            v = nsc__arena_strdup(&st->l->arena, (const char *)s);
            xmlFree(s);
            if (!v) return NULL;
        }
        while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r') v++;
        return v;
    }
    return "";
}

#define ATTR(var, node, name)                                                                      \
    const char *var = attr(st, (node), (name));                                                    \
    if (!var) return NSC_ENOMEM

/* Whether a name is written in a non-Latin script (Greek, Cyrillic, Arabic, CJK, ...). */
static int non_latin(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        unsigned c = *u++;
        if (c < 0x80) continue;
        int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
        unsigned cp = c & (0x3Fu >> more);
        for (int k = 0; k < more && (*u & 0xC0) == 0x80; k++, u++) cp = (cp << 6) | (*u & 0x3Fu);
        if ((cp >= 0x370 && cp < 0x1E00) || (cp >= 0x2E80 && cp < 0xFB00) || cp >= 0x10000)
            return 1;
    }
    return 0;
}

static int add_country(eu_state *st, nsc__entity *e, const char *iso2, const char *desc,
                       nsc__country_role role)
{
    /* "00" / "UNKNOWN" is how the file writes an unknown country. */
    int iso_ok = *iso2 && strcmp(iso2, "00") != 0;
    int desc_ok = *desc && strcasecmp(desc, "UNKNOWN") != 0;
    const char *s = iso_ok ? iso2 : desc_ok ? desc : NULL;
    if (!s) return 0;
    char code[3];
    if (nsc__country_code(code, s, strlen(s)) != 0 && !st->unmapped++)
        snprintf(st->unmapped_example, sizeof st->unmapped_example, "%.60s", s);
    return nsc__entity_add_country(st->l, e, s, strlen(s), role);
}

static int is_true(const char *v) { return strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0; }

static int to_int(const char *v, int *out)
{
    if (!*v) return -1;
    int x = 0;
    for (; *v; v++) {
        if (*v < '0' || *v > '9' || x > 100000) return -1;
        x = x * 10 + (*v - '0');
    }
    *out = x;
    return 0;
}

/* The name of a nameAlias: wholeName, or firstName middleName lastName when it is empty. */
static int alias_text(eu_state *st, const xmlNode *na, const char **out)
{
    ATTR(whole, na, "wholeName");
    if (*whole) {
        *out = whole;
        return 0;
    }
    static const char *const parts[] = { "firstName", "middleName", "lastName" };
    st->join.len = 0;
    for (size_t i = 0; i < 3; i++) {
        ATTR(p, na, parts[i]);
        if (nsc__sb_join(&st->join, " ", p, strlen(p))) return NSC_ENOMEM;
    }
    *out = st->join.len ? st->join.p : "";
    return 0;
}

static int alias_is_weak(eu_state *st, const xmlNode *na, int *weak)
{
    ATTR(strong, na, "strong");
    *weak = strcasecmp(strong, "false") == 0;
    const xmlNode *r = nsc__xml_first_child(na, "remark");
    if (r && r->children && r->children->type == XML_TEXT_NODE) {
        const char *t = (const char *)r->children->content;
        for (; *t; t++)
            if (strncasecmp(t, "low quality", 11) == 0) *weak = 1;
    }
    return 0;
}

/* Names: the primary is the first strong alias without a language (the list's own form), else
 * the first alias; the others are aliases, weak when strong="false". */
static int add_names(eu_state *st, nsc__entity *e, const xmlNode *ent)
{
    const xmlNode *primary = NULL, *first = NULL;
    for (const xmlNode *c = ent->children; c; c = c->next) {
        if (!nsc__xml_is_elem(c, "nameAlias")) continue;
        const char *t;
        int weak, rc;
        if ((rc = alias_text(st, c, &t)) || (rc = alias_is_weak(st, c, &weak))) return rc;
        if (!*t) continue;
        if (!first) first = c;
        ATTR(lang, c, "nameLanguage");
        if (!primary && !weak && !*lang) primary = c;
    }
    if (!primary) primary = first;
    if (!primary) {
        st->no_name++;
        return 0;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (const xmlNode *c = ent->children; c; c = c->next) {
            if (!nsc__xml_is_elem(c, "nameAlias") || (pass == 0) != (c == primary)) continue;
            const char *t;
            int weak, rc;
            if ((rc = alias_text(st, c, &t)) || (rc = alias_is_weak(st, c, &weak))) return rc;
            nsc_name_kind kind = c == primary && !e->names ? NSC_NAME_PRIMARY
                                 : weak                    ? NSC_NAME_WEAK_ALIAS
                                                           : NSC_NAME_ALIAS;
            unsigned flags = non_latin(t) ? NSC_NAMEF_ORIGINAL_SCRIPT : 0;
            if ((rc = nsc__entity_add_name(st->l, e, t, strlen(t), kind, flags))) return rc;
            ATTR(gender, c, "gender");
            if (!strcmp(gender, "M"))
                e->gender = NSC_GENDER_MALE;
            else if (!strcmp(gender, "F"))
                e->gender = NSC_GENDER_FEMALE;
        }
    }
    return 0;
}

static int add_birthdate(eu_state *st, nsc__entity *e, const xmlNode *b)
{
    ATTR(full, b, "birthdate");
    ATTR(circa, b, "circa");
    ATTR(ys, b, "year");
    ATTR(ms, b, "monthOfYear");
    ATTR(ds, b, "dayOfMonth");
    ATTR(from, b, "yearRangeFrom");
    ATTR(to, b, "yearRangeTo");
    nsc__date d;
    memset(&d, 0, sizeof d);
    int y, m, dd, y2;
    if (*full) {
        if (nsc__date_parse(&d, full, strlen(full)) != 0) memset(&d, 0, sizeof d);
    }
    if (d.prec == NSC_DATE_NONE && to_int(ys, &y) == 0 && y > 0 && y < 10000) {
        d.y = (int16_t)y;
        d.prec = NSC_DATE_YEAR;
        if (to_int(ms, &m) == 0 && m >= 1 && m <= 12) {
            d.m = (int8_t)m;
            d.prec = NSC_DATE_MONTH;
            if (to_int(ds, &dd) == 0 && dd >= 1 && dd <= 31) {
                d.d = (int8_t)dd;
                d.prec = NSC_DATE_DAY;
            }
        }
    }
    if (d.prec == NSC_DATE_NONE && to_int(from, &y) == 0 && to_int(to, &y2) == 0 && y <= y2) {
        d.y = (int16_t)y;
        d.y2 = (int16_t)y2;
        d.prec = y == y2 ? NSC_DATE_YEAR : NSC_DATE_RANGE;
    }
    int rc = 0;
    if (d.prec != NSC_DATE_NONE) {
        d.circa = (int8_t)is_true(circa);
        rc = nsc__entity_add_dob(st->l, e, &d);
    } else if (*full || *ys || *from) {
        st->bad_dates++;
    }
    if (rc) return rc;
    ATTR(iso, b, "countryIso2Code");
    ATTR(desc, b, "countryDescription");
    if ((rc = add_country(st, e, iso, desc, NSC_COUNTRY_BIRTH))) return rc;
    /* the place of birth as written: place, city, region, country ("00" is unknown) */
    ATTR(place, b, "place");
    ATTR(city, b, "city");
    ATTR(region, b, "region");
    const char *parts[] = { place, city, region, *iso && strcmp(iso, "00") ? desc : "" };
    st->join.len = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (*parts[i] && nsc__sb_join(&st->join, ", ", parts[i], strlen(parts[i])))
            return NSC_ENOMEM;
    return nsc__entity_add_birthplace(st->l, e, st->join.p, st->join.len);
}

static nsc__id_type ident_type(const char *code)
{
    if (!strcasecmp(code, "passport")) return NSC_ID_PASSPORT;
    if (!strcasecmp(code, "id") || !strcasecmp(code, "nationalid")) return NSC_ID_NATIONAL;
    if (!strcasecmp(code, "fiscalcode") || !strcasecmp(code, "tax") || !strcasecmp(code, "vat"))
        return NSC_ID_TAX;
    if (!strcasecmp(code, "regnumber") || !strcasecmp(code, "companyreg"))
        return NSC_ID_REGISTRATION;
    if (!strcasecmp(code, "imo")) return NSC_ID_IMO;
    if (!strcasecmp(code, "swiftbic")) return NSC_ID_BIC;
    return NSC_ID_OTHER;
}

static int add_identification(eu_state *st, nsc__entity *e, const xmlNode *idn)
{
    ATTR(number, idn, "number");
    ATTR(latin, idn, "latinNumber");
    ATTR(code, idn, "identificationTypeCode");
    ATTR(desc, idn, "identificationTypeDescription");
    ATTR(iso, idn, "countryIso2Code");
    ATTR(cdesc, idn, "countryDescription");
    const char *country = *iso && strcmp(iso, "00")                ? iso
                          : *cdesc && strcasecmp(cdesc, "UNKNOWN") ? cdesc
                                                                   : NULL;
    const char *label = *desc ? desc : *code ? code : NULL;
    nsc__id_type type = ident_type(code);
    int rc = nsc__entity_add_ident(st->l, e, type, number, strlen(number), country, label);
    if (!rc && *latin && strcmp(latin, number) != 0)
        rc = nsc__entity_add_ident(st->l, e, type, latin, strlen(latin), country, label);
    return rc;
}

static int add_address(eu_state *st, nsc__entity *e, const xmlNode *ad)
{
    static const char *const parts[] = { "street", "poBox", "city", "zipCode", "region", "place" };
    st->join.len = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        ATTR(p, ad, parts[i]);
        if (nsc__sb_join(&st->join, ", ", p, strlen(p))) return NSC_ENOMEM;
    }
    ATTR(iso, ad, "countryIso2Code");
    ATTR(desc, ad, "countryDescription");
    if (*desc && strcasecmp(desc, "UNKNOWN") != 0 &&
        nsc__sb_join(&st->join, ", ", desc, strlen(desc)))
        return NSC_ENOMEM;
    int rc = 0;
    if (st->join.len) rc = nsc__entity_add_address(st->l, e, st->join.p, st->join.len);
    return rc ? rc : add_country(st, e, iso, desc, NSC_COUNTRY_ADDRESS);
}

static nsc_entity_type subject_type(eu_state *st, const xmlNode *ent, int *ok)
{
    const xmlNode *s = nsc__xml_first_child(ent, "subjectType");
    *ok = 1;
    if (!s) return NSC_TYPE_UNKNOWN;
    const char *code = attr(st, s, "code");
    const char *cls = attr(st, s, "classificationCode");
    if (!code || !cls) {
        *ok = 0;
        return NSC_TYPE_UNKNOWN;
    }
    if (!strcasecmp(code, "person") || !strcasecmp(cls, "P")) return NSC_TYPE_PERSON;
    if (!strcasecmp(code, "enterprise") || !strcasecmp(cls, "E")) return NSC_TYPE_ORGANIZATION;
    return NSC_TYPE_UNKNOWN;
}

static int add_entity(eu_state *st, const xmlNode *ent)
{
    ATTR(id, ent, "logicalId");
    if (!*id)
        return nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, (long)xmlGetLineNo(ent),
                              "<sanctionEntity> has no logicalId");
    int ok;
    nsc_entity_type type = subject_type(st, ent, &ok);
    if (!ok) return NSC_ENOMEM;
    nsc__entity *e = nsc__list_find(st->l, id, strlen(id));
    if (e)
        st->duplicates++;
    else if (!(e = nsc__list_add_entity(st->l, id, strlen(id), type)))
        return NSC_ENOMEM;

    int rc = add_names(st, e, ent);
    ATTR(designated, ent, "designationDate"); /* files since 2020 carry it */
    if (!rc && strlen(designated) >= 10 && designated[4] == '-' && designated[7] == '-') {
        char day[11];
        memcpy(day, designated, 10);
        day[10] = '\0';
        rc = nsc__entity_set_listed(st->l, e, day);
    }
    ATTR(un, ent, "unitedNationId");
    if (!rc && *un) {
        st->join.len = 0;
        if (nsc__sb_add(&st->join, "un:", 3) || nsc__sb_add(&st->join, un, strlen(un)))
            return NSC_ENOMEM;
        rc = nsc__entity_add_xref(st->l, e, st->join.p, st->join.len);
    }
    nsc__sbuf remarks = { st->ld->mem, NULL, 0, 0 };
    for (const xmlNode *c = ent->children; c && !rc; c = c->next) {
        if (nsc__xml_is_elem(c, "birthdate")) {
            rc = add_birthdate(st, e, c);
        } else if (nsc__xml_is_elem(c, "citizenship")) {
            const char *iso = attr(st, c, "countryIso2Code");
            const char *desc = attr(st, c, "countryDescription");
            rc = iso && desc ? add_country(st, e, iso, desc, NSC_COUNTRY_CITIZENSHIP) : NSC_ENOMEM;
        } else if (nsc__xml_is_elem(c, "identification")) {
            rc = add_identification(st, e, c);
        } else if (nsc__xml_is_elem(c, "address")) {
            rc = add_address(st, e, c);
        } else if (nsc__xml_is_elem(c, "regulation")) {
            const char *prog = attr(st, c, "programme");
            rc = prog ? nsc__entity_add_program(st->l, e, prog, strlen(prog)) : NSC_ENOMEM;
        } else if (nsc__xml_is_elem(c, "remark")) {
            if (c->children && c->children->type == XML_TEXT_NODE)
                rc = nsc__sb_join(&remarks, "; ", (const char *)c->children->content,
                                  strlen((const char *)c->children->content));
        }
    }
    if (!rc && remarks.len) rc = nsc__entity_set_remarks(st->l, e, remarks.p, remarks.len);
    nsc__free(st->ld->mem, remarks.p);
    return rc;
}

static int warn_counts(eu_state *st)
{
    const char *f = st->ld->path;
    nsc__list *l = st->l;
    if (st->no_name &&
        nsc__list_warn(l, "%s: %zu sanctionEntity records have no name", f, st->no_name))
        return NSC_ENOMEM;
    if (st->duplicates &&
        nsc__list_warn(l,
                       "%s: %zu sanctionEntity records repeat a logicalId; merged into the first",
                       f, st->duplicates))
        return NSC_ENOMEM;
    if (st->unmapped &&
        nsc__list_warn(l, "%s: %zu countries not mapped to ISO codes (e.g. \"%s\"); kept as text",
                       f, st->unmapped, st->unmapped_example))
        return NSC_ENOMEM;
    if (st->bad_dates &&
        nsc__list_warn(l, "%s: %zu birth dates could not be read; ignored", f, st->bad_dates))
        return NSC_ENOMEM;
    return 0;
}

int nsc__parse_eu(nsc__load *ld)
{
    xmlDocPtr doc;
    const xmlNode *root;
    int rc = nsc__xml_load(ld, "export", "EU FSF <export>", &doc, &root);
    if (rc) return rc;
    eu_state st;
    memset(&st, 0, sizeof st);
    st.ld = ld;
    st.l = ld->list;
    st.join.mem = ld->mem;

    const char *gen = attr(&st, root, "generationDate");
    if (!gen) {
        rc = NSC_ENOMEM;
    } else if (strlen(gen) >= 10 && gen[4] == '-' && gen[7] == '-') {
        char day[11];
        memcpy(day, gen, 10);
        day[10] = '\0';
        rc = nsc__list_set_published(st.l, day);
    }
    for (const xmlNode *c = root->children; c && !rc; c = c->next)
        if (nsc__xml_is_elem(c, "sanctionEntity")) rc = add_entity(&st, c);
    if (!rc) rc = warn_counts(&st);
    if (rc == NSC_ENOMEM) rc = nsc__load_fail(ld, NSC_ENOMEM, ld->path, 0, "out of memory");

    xmlFreeDoc(doc);
    nsc__free(ld->mem, st.join.p);
    return rc;
}
