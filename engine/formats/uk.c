/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/uk.c: the UK Sanctions List (FCDO) in CSV: the full 58-column layout (a "Report Date:" banner,
 * then one row per name, rows of one Unique ID merged into one entity) and the bundled
 * 8-column summary (one row per designation). Columns are found by header name.
 */
#include <stdio.h>
#include <string.h>

#include "formats/csvlist.h"
#include "formats/parsers.h"
#include "model/country.h"
#include "util/file.h"
#include "util/utf8.h"

/* Column indices, -1 when absent. */
typedef struct uk_cols {
    long id, group, unref, parts[6]; /* parts[0..5] = Name 1 .. Name 6 */
    long name_type, strength, nonlatin, regime, type, other;
    long addr[6], postcode, addr_country;
    long dob, nationality, nat_id, passport, gender, birth_country, business_reg, imo, flag;
    long summary_name; /* the summary's single "Name" column */
    long designated, birth_town;
} uk_cols;

typedef struct uk_state {
    nsc__load *ld;
    nsc__csvlist cl; /* the driver's part; the reader is cl.c */
    uk_cols k;
    int full;           /* the full layout (Name 1 .. Name 6), else the summary */
    char published[11]; /* the report date of the banner, "" when there is none */
    char *tmp;          /* joined name parts and addresses */
    size_t tmp_cap;
    /* counts behind warnings */
    size_t no_id_rows, bad_types, bad_dobs, bad_listed;
} uk_state;

static int lower(int ch) { return (ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch; }

/* Case-insensitive: does s[0..len) start with `prefix`? */
static int has_prefix(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    if (len < n) return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != lower((unsigned char)prefix[i])) return 0;
    return 1;
}

static int equals_ci(const char *s, size_t len, const char *word)
{
    return len == strlen(word) && has_prefix(s, len, word);
}

/* Appends s to st->tmp at *used, with `sep` before it when something is already there. */
static int tmp_append(uk_state *st, size_t *used, const char *sep, const char *s, size_t n)
{
    if (n == 0) return 0;
    size_t sl = *used ? strlen(sep) : 0;
    void *arr = st->tmp;
    if (nsc__grow(st->ld->mem, &arr, &st->tmp_cap, *used + sl + n + 1, 1) != 0) return NSC_ENOMEM;
    st->tmp = arr;
    memcpy(st->tmp + *used, sep, sl);
    memcpy(st->tmp + *used + sl, s, n);
    *used += sl + n;
    st->tmp[*used] = '\0';
    return 0;
}

static long column(const nsc__csvbuf *c, const char *name) { return nsc__csvbuf_column(c, name); }

static void find_columns(uk_cols *k, const nsc__csvbuf *c)
{
    static const char *const part_names[6] = { "Name 1", "Name 2", "Name 3",
                                               "Name 4", "Name 5", "Name 6" };
    static const char *const addr_names[6] = {
        "Address Line 1", "Address Line 2", "Address Line 3",
        "Address Line 4", "Address Line 5", "Address Line 6"
    };
    k->id = column(c, "Unique ID");
    k->group = column(c, "OFSI Group ID");
    k->unref = column(c, "UN Reference Number");
    for (int i = 0; i < 6; i++) {
        k->parts[i] = column(c, part_names[i]);
        k->addr[i] = column(c, addr_names[i]);
    }
    k->name_type = column(c, "Name type");
    k->strength = column(c, "Alias strength");
    k->nonlatin = column(c, "Name non-latin script");
    k->regime = column(c, "Regime Name");
    k->type = column(c, "Designation Type");
    if (k->type < 0) k->type = column(c, "Individual, Entity, Ship");
    if (k->type < 0) k->type = column(c, "Type");
    k->other = column(c, "Other Information");
    k->postcode = column(c, "Address Postal Code");
    k->addr_country = column(c, "Address Country");
    k->dob = column(c, "D.O.B");
    k->nationality = column(c, "Nationality(/ies)");
    k->nat_id = column(c, "National Identifier number");
    k->passport = column(c, "Passport number");
    k->gender = column(c, "Gender");
    k->birth_country = column(c, "Country of birth");
    k->business_reg = column(c, "Business registration number (s)");
    k->imo = column(c, "IMO number");
    k->flag = column(c, "Current believed flag of ship");
    k->summary_name = column(c, "Name");
    k->designated = column(c, "Date Designated");
    k->birth_town = column(c, "Town of birth");
}

/* "29-06-2012" or "29/06/2012" -> "2012-06-29". Returns 0 or -1. */
static int designation_date(char out[11], const char *s, size_t n)
{
    if (n != 10 || (s[2] != '-' && s[2] != '/') || s[5] != s[2]) return -1;
    static const int digits[] = { 0, 1, 3, 4, 6, 7, 8, 9 };
    for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++)
        if (s[digits[i]] < '0' || s[digits[i]] > '9') return -1;
    int d = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (d < 1 || d > 31 || m < 1 || m > 12) return -1;
    memcpy(out, s + 6, 4);
    out[4] = '-';
    memcpy(out + 5, s + 3, 2);
    out[7] = '-';
    memcpy(out + 8, s, 2);
    out[10] = '\0';
    return 0;
}

/* "13-Feb-2026" -> "2026-02-13". Returns 0 or -1. */
static int report_date(char out[11], const char *s, size_t n)
{
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    int d = 0, y = 0, m = 0;
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && i < 2) d = d * 10 + (s[i++] - '0');
    if (i == 0 || i + 9 > n || (s[i] != '-' && s[i] != ' ')) return -1;
    i++;
    for (int k = 0; k < 12; k++)
        if (lower((unsigned char)s[i]) == months[3 * k] &&
            lower((unsigned char)s[i + 1]) == months[3 * k + 1] &&
            lower((unsigned char)s[i + 2]) == months[3 * k + 2])
            m = k + 1;
    i += 3;
    if (!m || (s[i] != '-' && s[i] != ' ')) return -1;
    i++;
    size_t start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9' && i - start < 5) /* a fifth digit: no year */
        y = y * 10 + (s[i++] - '0');
    if (i - start != 4 || d < 1 || d > 31) return -1;
    const int digits[8] = { y / 1000, y / 100 % 10, y / 10 % 10, y % 10,
                            m / 10,   m % 10,       d / 10,      d % 10 };
    static const int at[8] = { 0, 1, 2, 3, 5, 6, 8, 9 };
    memcpy(out, "0000-00-00", 11);
    for (int k = 0; k < 8; k++) out[at[k]] = (char)('0' + digits[k]);
    return 0;
}

/* UK dates of birth: "25/01/1958", with "dd" and "mm" standing for an unknown day or month
 * ("dd/mm/1945", "dd/06/1970"); other forms go to the shared date parser. */
static int uk_dob(nsc__date *out, const char *s, size_t n)
{
    memset(out, 0, sizeof *out);
    if (n == 10 && s[2] == '/' && s[5] == '/') {
        int y = 0;
        for (int i = 6; i < 10; i++) {
            if (s[i] < '0' || s[i] > '9') return NSC_EINVAL;
            y = y * 10 + (s[i] - '0');
        }
        int parts[2]; /* day, month; 0 = unknown */
        for (int k = 0; k < 2; k++) {
            const char *p = s + 3 * k;
            if ((lower(p[0]) == 'd' && lower(p[1]) == 'd') ||
                (lower(p[0]) == 'm' && lower(p[1]) == 'm') || (p[0] == '0' && p[1] == '0'))
                parts[k] = 0;
            else if (p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9')
                parts[k] = (p[0] - '0') * 10 + (p[1] - '0');
            else
                return NSC_EINVAL;
        }
        if (parts[1] > 12 || parts[0] > 31 || y < 1000) return NSC_EINVAL;
        out->y = (int16_t)y;
        out->m = (int8_t)parts[1];
        out->d = (int8_t)(parts[1] ? parts[0] : 0);
        out->prec = (int8_t)(!out->m ? NSC_DATE_YEAR : !out->d ? NSC_DATE_MONTH : NSC_DATE_DAY);
        return 0;
    }
    return nsc__date_parse(out, s, n);
}

static int add_dob_once(nsc__list *l, nsc__entity *e, const nsc__date *d)
{
    for (const nsc__dob *x = e->dobs; x; x = x->next)
        if (memcmp(&x->date, d, sizeof *d) == 0) return 0;
    return nsc__entity_add_dob(l, e, d);
}

static int add_country_once(nsc__list *l, nsc__entity *e, const char *s, size_t n,
                            nsc__country_role role)
{
    if (n == 0) return 0;
    for (const nsc__country *x = e->countries; x; x = x->next)
        if (x->role == role && strlen(x->text) == n && memcmp(x->text, s, n) == 0) return 0;
    return nsc__entity_add_country(l, e, s, n, role);
}

static int add_ident_once(nsc__list *l, nsc__entity *e, nsc__id_type type, const char *s, size_t n,
                          const char *label)
{
    if (n == 0) return 0;
    for (const nsc__ident *x = e->idents; x; x = x->next)
        if (x->type == type && strlen(x->value) == n && memcmp(x->value, s, n) == 0) return 0;
    return nsc__entity_add_ident(l, e, type, s, n, NULL, label);
}

static int add_address_once(nsc__list *l, nsc__entity *e, const char *s, size_t n)
{
    if (n == 0) return 0;
    for (const nsc__text *x = e->addresses; x; x = x->next)
        if (strlen(x->text) == n && memcmp(x->text, s, n) == 0) return 0;
    return nsc__entity_add_address(l, e, s, n);
}

static nsc_entity_type uk_type(uk_state *st, const char *s, size_t n)
{
    if (equals_ci(s, n, "Individual")) return NSC_TYPE_PERSON;
    if (equals_ci(s, n, "Entity")) return NSC_TYPE_ORGANIZATION;
    if (equals_ci(s, n, "Ship")) return NSC_TYPE_VESSEL;
    if (n > 0) st->bad_types++;
    return NSC_TYPE_UNKNOWN;
}

/* Adds a name; a primary name that arrives after aliases of its entity is moved to the front
 * (the first name of an entity is its primary name). */
static int add_name(nsc__list *l, nsc__entity *e, const char *s, size_t n, nsc_name_kind kind,
                    unsigned flags)
{
    if (n == 0) return 0;
    if (kind == NSC_NAME_PRIMARY && e->names && e->names->kind == NSC_NAME_PRIMARY)
        kind = NSC_NAME_ALIAS; /* a second primary spelling */
    nsc__name *node = NULL;
    size_t had = l->n_names;
    int rc = nsc__entity_add_name_ref(l, e, s, n, kind, flags, &node);
    if (rc != 0 || kind != NSC_NAME_PRIMARY || l->n_names == had || node == e->names) return rc;
    nsc__name *before = e->names; /* a new name is the last: detach it, push it in front */
    while (before->next != node) before = before->next;
    before->next = NULL;
    node->next = e->names;
    e->names = node;
    return 0;
}

/* Finds or creates the entity of the current row; NULL with *rc set on failure or no id. */
static nsc__entity *row_entity(uk_state *st, int *rc)
{
    nsc__list *l = st->ld->list;
    size_t idn, tn;
    const char *id = nsc__csvbuf_cell(&st->cl.c, st->k.id, &idn);
    const char *ts = nsc__csvbuf_cell(&st->cl.c, st->k.type, &tn);
    *rc = 0;
    if (idn == 0) {
        st->no_id_rows++;
        return NULL;
    }
    nsc__entity *e = nsc__list_find(l, id, idn);
    if (e) {
        if (e->type == NSC_TYPE_UNKNOWN) e->type = (uint8_t)uk_type(st, ts, tn);
        return e;
    }
    e = nsc__list_add_entity(l, id, idn, uk_type(st, ts, tn));
    if (!e) *rc = NSC_ENOMEM;
    return e;
}

static int add_prefixed_xref(uk_state *st, nsc__entity *e, const char *prefix, long col)
{
    size_t n;
    const char *v = nsc__csvbuf_cell(&st->cl.c, col, &n);
    size_t used = 0;
    if (n == 0) return 0;
    if (tmp_append(st, &used, "", prefix, strlen(prefix)) != 0 ||
        tmp_append(st, &used, "", v, n) != 0)
        return NSC_ENOMEM;
    return nsc__entity_add_xref(st->ld->list, e, st->tmp, used);
}

/* The row's Date Designated as the entity's listing date (the earliest of its rows). */
static int set_designated(uk_state *st, nsc__entity *e)
{
    size_t n;
    const char *s = nsc__csvbuf_cell(&st->cl.c, st->k.designated, &n);
    if (n == 0) return 0;
    char day[11];
    if (designation_date(day, s, n) == 0) return nsc__entity_set_listed(st->ld->list, e, day);
    st->bad_listed++;
    return 0;
}

static int summary_row(uk_state *st)
{
    int rc;
    nsc__entity *e = row_entity(st, &rc);
    if (!e) return rc;
    nsc__list *l = st->ld->list;
    size_t n;
    const char *s = nsc__csvbuf_cell(&st->cl.c, st->k.summary_name, &n);
    if ((rc = add_name(l, e, s, n, e->names ? NSC_NAME_ALIAS : NSC_NAME_PRIMARY, 0)) != 0)
        return rc;
    s = nsc__csvbuf_cell(&st->cl.c, st->k.regime, &n);
    if ((rc = nsc__entity_add_program(l, e, s, n)) != 0 || (rc = set_designated(st, e)) != 0)
        return rc;
    return add_prefixed_xref(st, e, "ofsi:", st->k.group);
}

static int full_names(uk_state *st, nsc__entity *e)
{
    nsc__list *l = st->ld->list;
    size_t used = 0, n;
    for (int i = 0; i < 6; i++) { /* Name 1 .. Name 5, then Name 6 (the surname) */
        const char *p = nsc__csvbuf_cell(&st->cl.c, st->k.parts[i], &n);
        if (tmp_append(st, &used, " ", p, n) != 0) return NSC_ENOMEM;
    }
    size_t tn, sn;
    const char *type = nsc__csvbuf_cell(&st->cl.c, st->k.name_type, &tn);
    const char *strength = nsc__csvbuf_cell(&st->cl.c, st->k.strength, &sn);
    nsc_name_kind kind;
    if (equals_ci(type, tn, "Primary Name") || (tn == 0 && !e->names))
        kind = NSC_NAME_PRIMARY;
    else if (has_prefix(strength, sn, "Low quality"))
        kind = NSC_NAME_WEAK_ALIAS;
    else
        kind = NSC_NAME_ALIAS;
    int rc = add_name(l, e, st->tmp, used, kind, 0);
    if (rc != 0) return rc;
    const char *nl = nsc__csvbuf_cell(&st->cl.c, st->k.nonlatin, &n);
    return add_name(l, e, nl, n, e->names ? NSC_NAME_ALIAS : NSC_NAME_PRIMARY,
                    NSC_NAMEF_ORIGINAL_SCRIPT);
}

static int full_address(uk_state *st, nsc__entity *e)
{
    size_t used = 0, n;
    for (int i = 0; i < 6; i++) {
        const char *p = nsc__csvbuf_cell(&st->cl.c, st->k.addr[i], &n);
        if (tmp_append(st, &used, ", ", p, n) != 0) return NSC_ENOMEM;
    }
    const char *p = nsc__csvbuf_cell(&st->cl.c, st->k.postcode, &n);
    if (tmp_append(st, &used, ", ", p, n) != 0) return NSC_ENOMEM;
    p = nsc__csvbuf_cell(&st->cl.c, st->k.addr_country, &n);
    if (tmp_append(st, &used, ", ", p, n) != 0) return NSC_ENOMEM;
    int rc = add_country_once(st->ld->list, e, p, n, NSC_COUNTRY_ADDRESS);
    if (rc != 0) return rc;
    return add_address_once(st->ld->list, e, st->tmp, used);
}

static int full_row(uk_state *st)
{
    int rc;
    nsc__entity *e = row_entity(st, &rc);
    if (!e) return rc;
    nsc__list *l = st->ld->list;
    const nsc__csvbuf *c = &st->cl.c;
    size_t n;
    const char *s;
    if ((rc = full_names(st, e)) != 0 || (rc = full_address(st, e)) != 0) return rc;
    s = nsc__csvbuf_cell(c, st->k.regime, &n);
    if ((rc = nsc__entity_add_program(l, e, s, n)) != 0) return rc;
    if ((rc = add_prefixed_xref(st, e, "un:", st->k.unref)) != 0 ||
        (rc = add_prefixed_xref(st, e, "ofsi:", st->k.group)) != 0)
        return rc;
    s = nsc__csvbuf_cell(c, st->k.dob, &n);
    if (n > 0) {
        nsc__date d;
        if (uk_dob(&d, s, n) == 0) {
            if ((rc = add_dob_once(l, e, &d)) != 0) return rc;
        } else {
            st->bad_dobs++;
        }
    }
    s = nsc__csvbuf_cell(c, st->k.nationality, &n);
    if ((rc = add_country_once(l, e, s, n, NSC_COUNTRY_NATIONALITY)) != 0) return rc;
    s = nsc__csvbuf_cell(c, st->k.birth_country, &n);
    if ((rc = add_country_once(l, e, s, n, NSC_COUNTRY_BIRTH)) != 0) return rc;
    size_t tn;
    const char *town = nsc__csvbuf_cell(c, st->k.birth_town, &tn);
    if (tn || n) { /* "Aleppo, Syria": the town and the country of birth */
        char place[512];
        int k = snprintf(place, sizeof place, "%.*s%s%.*s", (int)tn, town, tn && n ? ", " : "",
                         (int)n, s);
        size_t pn = k < 0 ? 0 : strlen(place);
        if ((size_t)k >= sizeof place) { /* snprintf cut it: drop a character cut in two */
            size_t lead = pn;
            while (lead && ((unsigned char)place[lead - 1] & 0xC0) == 0x80) lead--;
            if (lead) {
                unsigned char b = (unsigned char)place[lead - 1];
                size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                if (pn - (lead - 1) < need) pn = lead - 1;
            }
        }
        if ((rc = nsc__entity_add_birthplace(l, e, place, pn)) != 0) return rc;
    }
    if ((rc = set_designated(st, e)) != 0) return rc;
    s = nsc__csvbuf_cell(c, st->k.flag, &n);
    if ((rc = add_country_once(l, e, s, n, NSC_COUNTRY_OTHER)) != 0) return rc;
    s = nsc__csvbuf_cell(c, st->k.passport, &n);
    if ((rc = add_ident_once(l, e, NSC_ID_PASSPORT, s, n, "Passport number")) != 0) return rc;
    s = nsc__csvbuf_cell(c, st->k.nat_id, &n);
    if ((rc = add_ident_once(l, e, NSC_ID_NATIONAL, s, n, "National Identifier number")) != 0)
        return rc;
    s = nsc__csvbuf_cell(c, st->k.business_reg, &n);
    if ((rc = add_ident_once(l, e, NSC_ID_REGISTRATION, s, n, "Business registration number")) != 0)
        return rc;
    s = nsc__csvbuf_cell(c, st->k.imo, &n);
    if ((rc = add_ident_once(l, e, NSC_ID_IMO, s, n, "IMO number")) != 0) return rc;
    s = nsc__csvbuf_cell(c, st->k.gender, &n);
    if (equals_ci(s, n, "Male"))
        e->gender = NSC_GENDER_MALE;
    else if (equals_ci(s, n, "Female"))
        e->gender = NSC_GENDER_FEMALE;
    s = nsc__csvbuf_cell(c, st->k.other, &n);
    if (!e->remarks && n > 0 && (rc = nsc__entity_set_remarks(l, e, s, n)) != 0) return rc;
    return 0;
}

/* The warnings of this format, after the driver's row-length ones; 0 or NSC_ENOMEM. */
static int warn_counts(uk_state *st, const char *file)
{
    nsc__list *l = st->ld->list;
    int rc = 0;
    if (st->no_id_rows)
        rc = nsc__list_warn(l, "%s: %zu rows have no Unique ID and were skipped", file,
                            st->no_id_rows);
    if (st->bad_types && !rc)
        rc = nsc__list_warn(l,
                            "%s: %zu rows have an unknown designation type (not Individual, "
                            "Entity or Ship)",
                            file, st->bad_types);
    if (st->bad_dobs && !rc)
        rc = nsc__list_warn(l, "%s: %zu dates of birth could not be read and were left out", file,
                            st->bad_dobs);
    if (st->bad_listed && !rc)
        rc = nsc__list_warn(l, "%s: %zu designation dates could not be read and were left out",
                            file, st->bad_listed);
    size_t unnamed = 0;
    const char *ids[3] = { "", "", "" };
    for (size_t i = 0; i < l->n_entities; i++)
        if (!l->entities[i]->names && unnamed++ < 3) ids[unnamed - 1] = l->entities[i]->id;
    if (unnamed && !rc)
        rc = nsc__list_warn(l, "%s: %zu designations have no name and cannot match (%s%s%s%s%s%s)",
                            file, unnamed, ids[0], unnamed > 1 ? ", " : "", ids[1],
                            unnamed > 2 ? ", " : "", ids[2], unnamed > 3 ? ", ..." : "");
    return rc;
}

/* The header, after the "Report Date:" banner of the full layout when there is one. */
static int uk_header(void *ctx)
{
    uk_state *st = ctx;
    nsc__load *ld = st->ld;
    nsc__csvbuf *c = &st->cl.c;
    size_t n;
    const char *f = nsc__csvbuf_field(c, 0, &n);
    if (has_prefix(f, n, "Report Date:")) {
        const char *d = f + 12;
        size_t dn = n - 12;
        while (dn > 0 && *d == ' ') {
            d++;
            dn--;
        }
        if (report_date(st->published, d, dn) != 0) {
            st->published[0] = '\0';
            if (nsc__list_warn(ld->list, "%s line %ld: cannot read the report date '%.*s'",
                               nsc__csvlist_base_name(ld->path), c->line, (int)(n > 60 ? 60 : n),
                               f) != 0)
                return nsc__load_fail(ld, NSC_ENOMEM, ld->path, 0, "out of memory");
        }
        int rc = nsc__csvbuf_next(c);
        if (rc < 0) return nsc__csvlist_fail(ld, c, rc);
        if (rc == 0)
            return nsc__load_fail(ld, NSC_EFORMAT, ld->path, c->line,
                                  "no header line after the report date");
    }
    find_columns(&st->k, c);
    st->full = st->k.parts[5] >= 0;
    if (st->k.id < 0 || (!st->full && st->k.summary_name < 0)) {
        f = nsc__csvbuf_field(c, 0, &n);
        return nsc__load_fail(ld, NSC_EFORMAT, ld->path, c->line,
                              "not a UK Sanctions List header: it needs 'Unique ID' and "
                              "'Name 6' (full list) or 'Name' (summary); first column is '%.*s'",
                              (int)(n > 60 ? 60 : n), f);
    }
    return 0;
}

static int uk_row(void *ctx)
{
    uk_state *st = ctx;
    return st->full ? full_row(st) : summary_row(st);
}

/* The warnings, and the publication date: the banner's, else the one the caller gave. */
static int uk_finish(void *ctx)
{
    uk_state *st = ctx;
    nsc__load *ld = st->ld;
    if (warn_counts(st, nsc__csvlist_base_name(ld->path)) != 0) return NSC_ENOMEM;
    return nsc__list_set_published(ld->list,
                                   st->published[0] ? st->published : ld->opts->published);
}

static const nsc__csvlist_spec uk_spec = {
    .no_header = "no header line",
    .what = "designations",
    .lenient_quotes = 1, /* FCDO files carry the odd stray quote */
    .warn_long_rows = 1,
    .header = uk_header,
    .row = uk_row,
    .finish = uk_finish,
};

int nsc__parse_uk(nsc__load *ld)
{
    uk_state st;
    memset(&st, 0, sizeof st);
    st.ld = ld;
    int rc = nsc__csvlist_run(&st.cl, ld, &uk_spec, &st);
    nsc__free(ld->mem, st.tmp);
    return rc;
}
