/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/un.c: parser of the UN Security Council Consolidated List XML (CONSOLIDATED_LIST with
 * INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY records). The whole file is read through
 * nsc__read_file (for the checksums) and parsed into a libxml2 tree without network access.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "formats/parsers.h"
#include "formats/xml.h"
#include "model/country.h"

typedef struct un_state {
    nsc__load *ld;
    nsc__list *l;
    nsc__sbuf text; /* text of one element */
    nsc__sbuf join; /* names and addresses being assembled */
    size_t no_name, duplicates, unmapped, bad_dates, odd_quality;
    char unmapped_example[80];
} un_state;

/* The text content of element n (NULL or empty element: ""), trimmed of surrounding blanks. A
 * single text child is returned in place; several are concatenated into st->text. */
static const char *text_of(un_state *st, const xmlNode *n, size_t *len)
{
    return nsc__xml_text(&st->text, n, len);
}

#define TEXT_OR_FAIL(var, lenvar, node)                                                            \
    size_t lenvar;                                                                                 \
    const char *var = text_of(st, (node), &lenvar);                                                \
    if (!var) return NSC_ENOMEM

static int add_country(un_state *st, nsc__entity *e, const char *s, size_t n,
                       nsc__country_role role)
{
    if (!n) return 0;
    /* "na" is the list's placeholder for an unknown nationality, not Namibia. */
    if ((n == 2 && strncasecmp(s, "na", 2) == 0) || (n == 3 && strncasecmp(s, "n/a", 3) == 0))
        return 0;
    char code[3];
    if (nsc__country_code(code, s, n) != 0) {
        if (!st->unmapped++)
            snprintf(st->unmapped_example, sizeof st->unmapped_example, "%.*s",
                     (int)(n < 60 ? n : 60), s);
    }
    return nsc__entity_add_country(st->l, e, s, n, role);
}

/* QUALITY of an alias: Low = weak, f.k.a. = former name, Good / a.k.a. / empty = strong. */
static nsc_name_kind alias_kind(un_state *st, const char *q, size_t n)
{
    if (n == 3 && strncasecmp(q, "low", 3) == 0) return NSC_NAME_WEAK_ALIAS;
    if (n == 6 && strncasecmp(q, "f.k.a.", 6) == 0) return NSC_NAME_FORMER;
    if (n == 4 && strncasecmp(q, "fka.", 4) == 0) return NSC_NAME_FORMER;
    if (!(n == 0 || (n == 4 && strncasecmp(q, "good", 4) == 0) ||
          (n == 6 && strncasecmp(q, "a.k.a.", 6) == 0)))
        st->odd_quality++;
    return NSC_NAME_ALIAS;
}

/* A date string (DATE element, alias DATE_OF_BIRTH) as a DOB; circa when approximate. */
static int add_dob_text(un_state *st, nsc__entity *e, const char *s, size_t n, int circa)
{
    if (!n) return 0;
    nsc__date d;
    if (nsc__date_parse(&d, s, n) != 0) {
        st->bad_dates++;
        return 0;
    }
    if (circa) d.circa = 1;
    /* alias records repeat the main date of birth */
    for (const nsc__dob *o = e->dobs; o; o = o->next)
        if (memcmp(&o->date, &d, sizeof d) == 0) return 0;
    return nsc__entity_add_dob(st->l, e, &d);
}

static int year_of(const char *s, size_t n, int *y)
{
    if (n != 4) return -1;
    int v = 0;
    for (size_t i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    *y = v;
    return 0;
}

/* INDIVIDUAL_DATE_OF_BIRTH: TYPE_OF_DATE EXACT / APPROXIMATELY / BETWEEN with DATE, YEAR or
 * FROM_YEAR..TO_YEAR. */
static int add_un_dob(un_state *st, nsc__entity *e, const xmlNode *dob)
{
    TEXT_OR_FAIL(type, tlen, nsc__xml_first_child(dob, "TYPE_OF_DATE"));
    int circa = tlen >= 6 && strncasecmp(type, "APPROX", 6) == 0;
    const xmlNode *from = nsc__xml_first_child(dob, "FROM_YEAR"),
                  *to = nsc__xml_first_child(dob, "TO_YEAR");
    if (from || to) {
        TEXT_OR_FAIL(fs, fl, from);
        int y1 = 0, y2 = 0, ok1 = year_of(fs, fl, &y1) == 0;
        TEXT_OR_FAIL(ts, tl, to);
        int ok2 = year_of(ts, tl, &y2) == 0;
        if (!ok1 && !ok2) {
            st->bad_dates++;
            return 0;
        }
        if (!ok1) y1 = y2;
        if (!ok2) y2 = y1;
        if (y2 < y1) {
            int t = y1;
            y1 = y2;
            y2 = t;
        }
        nsc__date d;
        memset(&d, 0, sizeof d);
        d.y = (int16_t)y1;
        d.y2 = (int16_t)y2;
        d.prec = y1 == y2 ? NSC_DATE_YEAR : NSC_DATE_RANGE;
        d.circa = (int8_t)circa;
        return nsc__entity_add_dob(st->l, e, &d);
    }
    const xmlNode *date = nsc__xml_first_child(dob, "DATE");
    if (date) {
        TEXT_OR_FAIL(ds, dl, date);
        if (dl) return add_dob_text(st, e, ds, dl, circa);
    }
    TEXT_OR_FAIL(ys, yl, nsc__xml_first_child(dob, "YEAR"));
    if (yl) return add_dob_text(st, e, ys, yl, circa);
    return 0;
}

/* Adds a name, and when the list packs several into one field with " ; " (some entities do),
 * each part as a strong alias as well. */
static int add_names(un_state *st, nsc__entity *e, const char *s, size_t n, nsc_name_kind kind,
                     unsigned flags)
{
    if (!n) return 0;
    int rc = nsc__entity_add_name(st->l, e, s, n, kind, flags);
    if (rc) return rc;
    if (!memchr(s, ';', n)) return 0;
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *q = semi ? semi : end;
        nsc_name_kind k = kind == NSC_NAME_PRIMARY ? NSC_NAME_ALIAS : kind;
        if ((rc = nsc__entity_add_name(st->l, e, p, (size_t)(q - p), k, flags))) return rc;
        p = q + (semi ? 1 : 0);
    }
    return 0;
}

static int add_alias(un_state *st, nsc__entity *e, const xmlNode *al)
{
    TEXT_OR_FAIL(q, ql, nsc__xml_first_child(al, "QUALITY"));
    nsc_name_kind kind = alias_kind(st, q, ql);
    TEXT_OR_FAIL(name, nl, nsc__xml_first_child(al, "ALIAS_NAME"));
    int rc = add_names(st, e, name, nl, kind, 0);
    if (rc || !nl) return rc;
    TEXT_OR_FAIL(dob, dl, nsc__xml_first_child(al, "DATE_OF_BIRTH"));
    if ((rc = add_dob_text(st, e, dob, dl, 0))) return rc;
    TEXT_OR_FAIL(cob, cl, nsc__xml_first_child(al, "COUNTRY_OF_BIRTH"));
    return add_country(st, e, cob, cl, NSC_COUNTRY_BIRTH);
}

static int add_address(un_state *st, nsc__entity *e, const xmlNode *ad)
{
    static const char *const parts[] = { "STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE",
                                         "COUNTRY" };
    st->join.len = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        TEXT_OR_FAIL(s, n, nsc__xml_first_child(ad, parts[i]));
        if (nsc__sb_join(&st->join, ", ", s, n)) return NSC_ENOMEM;
    }
    int rc = st->join.len ? nsc__entity_add_address(st->l, e, st->join.p, st->join.len) : 0;
    if (rc) return rc;
    TEXT_OR_FAIL(c, cl, nsc__xml_first_child(ad, "COUNTRY"));
    return add_country(st, e, c, cl, NSC_COUNTRY_ADDRESS);
}

static nsc__id_type doc_type(const char *t, size_t n)
{
    if (n >= 8 && (strncasecmp(t, "passport", 8) == 0)) return NSC_ID_PASSPORT;
    /* French and Spanish labels occur: "Numéro de passeport", "Número de pasaporte". */
    for (size_t i = 0; i + 5 <= n; i++)
        if (strncasecmp(t + i, "passe", 5) == 0 || strncasecmp(t + i, "pasap", 5) == 0 ||
            strncasecmp(t + i, "passp", 5) == 0)
            return NSC_ID_PASSPORT;
    if (n >= 8 && strncasecmp(t, "national", 8) == 0) return NSC_ID_NATIONAL;
    return NSC_ID_OTHER;
}

static int add_document(un_state *st, nsc__entity *e, const xmlNode *doc)
{
    TEXT_OR_FAIL(num, nl, nsc__xml_first_child(doc, "NUMBER"));
    if (!nl) return 0; /* a document described only in a NOTE carries nothing to match */
    const nsc__mem *m = st->ld->mem;
    char *value = NULL, *label = NULL, *country = NULL;
    int rc = NSC_ENOMEM;
    if (!(value = nsc__strndup(m, num, nl))) goto out;
    /* The label: TYPE_OF_DOCUMENT, with TYPE_OF_DOCUMENT2 in parentheses when given. */
    size_t t1l, t2l;
    const char *t1 = text_of(st, nsc__xml_first_child(doc, "TYPE_OF_DOCUMENT"), &t1l);
    if (!t1) goto out;
    nsc__id_type type = doc_type(t1, t1l);
    st->join.len = 0;
    if (nsc__sb_add(&st->join, t1, t1l)) goto out;
    const char *t2 = text_of(st, nsc__xml_first_child(doc, "TYPE_OF_DOCUMENT2"), &t2l);
    if (!t2) goto out;
    if (t2l && (nsc__sb_add(&st->join, st->join.len ? " (" : "(", st->join.len ? 2u : 1u) ||
                nsc__sb_add(&st->join, t2, t2l) || nsc__sb_add(&st->join, ")", 1)))
        goto out;
    if (!(label = nsc__strndup(m, st->join.p ? st->join.p : "", st->join.len))) goto out;
    size_t cl;
    const char *c = text_of(st, nsc__xml_first_child(doc, "ISSUING_COUNTRY"), &cl);
    if (c && !cl) c = text_of(st, nsc__xml_first_child(doc, "COUNTRY_OF_ISSUE"), &cl);
    if (!c || !(country = nsc__strndup(m, c, cl))) goto out;
    rc = nsc__entity_add_ident(st->l, e, type, value, nl, cl ? country : NULL, label);
out:
    nsc__free(m, value);
    nsc__free(m, label);
    nsc__free(m, country);
    return rc;
}

/* INDIVIDUAL_PLACE_OF_BIRTH as one place: "CITY, STATE_PROVINCE, COUNTRY", the parts given. */
static int add_birthplace(un_state *st, nsc__entity *e, const xmlNode *pob)
{
    static const char *const parts[] = { "CITY", "STATE_PROVINCE", "COUNTRY" };
    st->join.len = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        size_t n;
        const char *s = text_of(st, nsc__xml_first_child(pob, parts[i]), &n);
        if (!s) return NSC_ENOMEM;
        if (n && nsc__sb_join(&st->join, ", ", s, n)) return NSC_ENOMEM;
    }
    return nsc__entity_add_birthplace(st->l, e, st->join.p, st->join.len);
}

static int add_record(un_state *st, const xmlNode *rec, int person)
{
    const char *what = person ? "INDIVIDUAL" : "ENTITY";
    TEXT_OR_FAIL(id, idlen, nsc__xml_first_child(rec, "REFERENCE_NUMBER"));
    if (!idlen)
        return nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, (long)xmlGetLineNo(rec),
                              "<%s> has no REFERENCE_NUMBER", what);
    nsc__entity *e = nsc__list_find(st->l, id, idlen);
    if (e) {
        st->duplicates++; /* merged into the first record of that reference */
    } else if (!(e = nsc__list_add_entity(st->l, id, idlen,
                                          person ? NSC_TYPE_PERSON : NSC_TYPE_ORGANIZATION))) {
        return NSC_ENOMEM;
    }
    int rc = 0;
    st->join.len = 0;
    static const char *const parts[] = { "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME" };
    for (size_t i = 0; i < (person ? 4u : 1u); i++) {
        TEXT_OR_FAIL(s, n, nsc__xml_first_child(rec, parts[i]));
        if (nsc__sb_join(&st->join, " ", s, n)) return NSC_ENOMEM;
    }
    if (!st->join.len)
        st->no_name++;
    else if ((rc = add_names(st, e, st->join.p, st->join.len,
                             e->names ? NSC_NAME_ALIAS : NSC_NAME_PRIMARY, 0)))
        return rc;

    for (const xmlNode *c = rec->children; c && !rc; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const char *name = (const char *)c->name;
        size_t n;
        const char *s;
        if (!strcmp(name, "NAME_ORIGINAL_SCRIPT")) {
            if (!(s = text_of(st, c, &n))) return NSC_ENOMEM;
            rc = nsc__entity_add_name(st->l, e, s, n, NSC_NAME_ALIAS, NSC_NAMEF_ORIGINAL_SCRIPT);
        } else if (!strcmp(name, "INDIVIDUAL_ALIAS") || !strcmp(name, "ENTITY_ALIAS")) {
            rc = add_alias(st, e, c);
        } else if (!strcmp(name, "INDIVIDUAL_DATE_OF_BIRTH")) {
            rc = add_un_dob(st, e, c);
        } else if (!strcmp(name, "NATIONALITY")) {
            for (const xmlNode *v = c->children; v && !rc; v = v->next) {
                if (!nsc__xml_is_elem(v, "VALUE")) continue;
                if (!(s = text_of(st, v, &n))) return NSC_ENOMEM;
                rc = add_country(st, e, s, n, NSC_COUNTRY_NATIONALITY);
            }
        } else if (!strcmp(name, "INDIVIDUAL_PLACE_OF_BIRTH")) {
            if (!(s = text_of(st, nsc__xml_first_child(c, "COUNTRY"), &n))) return NSC_ENOMEM;
            if ((rc = add_country(st, e, s, n, NSC_COUNTRY_BIRTH))) return rc;
            rc = add_birthplace(st, e, c);
        } else if (!strcmp(name, "LISTED_ON")) {
            if (!(s = text_of(st, c, &n))) return NSC_ENOMEM;
            if (n >= 10 && s[4] == '-' && s[7] == '-') {
                char day[11];
                memcpy(day, s, 10);
                day[10] = '\0';
                rc = nsc__entity_set_listed(st->l, e, day);
            }
        } else if (!strcmp(name, "GENDER")) {
            if (!(s = text_of(st, c, &n))) return NSC_ENOMEM;
            if (n == 4 && strncasecmp(s, "male", 4) == 0)
                e->gender = NSC_GENDER_MALE;
            else if (n == 6 && strncasecmp(s, "female", 6) == 0)
                e->gender = NSC_GENDER_FEMALE;
        } else if (!strcmp(name, "INDIVIDUAL_DOCUMENT")) {
            rc = add_document(st, e, c);
        } else if (!strcmp(name, "INDIVIDUAL_ADDRESS") || !strcmp(name, "ENTITY_ADDRESS")) {
            rc = add_address(st, e, c);
        } else if (!strcmp(name, "UN_LIST_TYPE")) {
            if (!(s = text_of(st, c, &n))) return NSC_ENOMEM;
            rc = nsc__entity_add_program(st->l, e, s, n);
        } else if (!strcmp(name, "COMMENTS1")) {
            if (!(s = text_of(st, c, &n))) return NSC_ENOMEM;
            if (n) rc = nsc__entity_set_remarks(st->l, e, s, n);
        }
    }
    return rc;
}

static int set_published(un_state *st, const xmlNode *root)
{
    xmlChar *d = xmlGetProp(root, (const xmlChar *)"dateGenerated");
    int rc = 0;
    if (d) {
        const char *s = (const char *)d;
        if (strlen(s) >= 10 && s[4] == '-' && s[7] == '-') {
            char day[11];
            memcpy(day, s, 10);
            day[10] = '\0';
            rc = nsc__list_set_published(st->l, day);
        } else {
            rc =
                nsc__list_warn(st->l, "%s: dateGenerated \"%.40s\" is not a date", st->ld->path, s);
        }
        xmlFree(d);
    }
    return rc;
}

static int warn_counts(un_state *st)
{
    const char *f = st->ld->path;
    nsc__list *l = st->l;
    if (st->no_name && nsc__list_warn(l, "%s: %zu records have no name", f, st->no_name))
        return NSC_ENOMEM;
    if (st->duplicates &&
        nsc__list_warn(l, "%s: %zu records repeat a REFERENCE_NUMBER; merged into the first", f,
                       st->duplicates))
        return NSC_ENOMEM;
    if (st->unmapped &&
        nsc__list_warn(l,
                       "%s: %zu country names not mapped to ISO codes (e.g. \"%s\"); kept as text",
                       f, st->unmapped, st->unmapped_example))
        return NSC_ENOMEM;
    if (st->bad_dates &&
        nsc__list_warn(l, "%s: %zu dates of birth could not be read; ignored", f, st->bad_dates))
        return NSC_ENOMEM;
    if (st->odd_quality &&
        nsc__list_warn(l, "%s: %zu aliases have an unknown QUALITY; taken as strong", f,
                       st->odd_quality))
        return NSC_ENOMEM;
    return 0;
}

int nsc__parse_un(nsc__load *ld)
{
    xmlDocPtr doc;
    const xmlNode *root;
    int rc = nsc__xml_load(ld, "CONSOLIDATED_LIST", "UN <CONSOLIDATED_LIST>", &doc, &root);
    if (rc) return rc;
    un_state st;
    memset(&st, 0, sizeof st);
    st.ld = ld;
    st.l = ld->list;
    st.text.mem = st.join.mem = ld->mem;

    if ((rc = set_published(&st, root))) goto done;
    for (const xmlNode *sec = root->children; sec && !rc; sec = sec->next) {
        int person = nsc__xml_is_elem(sec, "INDIVIDUALS");
        if (!person && !nsc__xml_is_elem(sec, "ENTITIES")) continue;
        for (const xmlNode *r = sec->children; r && !rc; r = r->next)
            if (nsc__xml_is_elem(r, person ? "INDIVIDUAL" : "ENTITY"))
                rc = add_record(&st, r, person);
    }
    if (!rc) rc = warn_counts(&st);
    if (rc == NSC_ENOMEM) rc = nsc__load_fail(ld, NSC_ENOMEM, ld->path, 0, "out of memory");

done:
    xmlFreeDoc(doc);
    nsc__free(ld->mem, st.text.p);
    nsc__free(ld->mem, st.join.p);
    return rc;
}
