/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/oscsv.c: OpenSanctions targets.simple.csv: one row per target with multi-valued cells joined
 * by ';' (values holding ';' or '"' quoted inside the cell). Both the older 15-column header
 * and the newer one with program_ids are read, by column name.
 */
#include <string.h>

#include "formats/csvlist.h"
#include "formats/parsers.h"
#include "model/country.h"
#include "util/file.h"
#include "util/utf8.h"

typedef struct os_cols {
    long id, schema, name, aliases, birth_date, countries, addresses, identifiers, sanctions,
        program_ids, last_seen;
} os_cols;

typedef struct os_state {
    nsc__load *ld;
    nsc__csvlist cl; /* the driver's part; the reader is cl.c */
    os_cols k;
    char *val; /* one value of a multi-valued cell, unquoted */
    size_t val_cap;
    char last_seen[11]; /* the latest last_seen date: the export's date */
    size_t no_id_rows, dup_rows, bad_dates;
} os_state;

/* The next ';'-separated value of a cell, unquoted into st->val. *p advances past it.
 * Returns 1 with a value (possibly empty), 0 at the end, NSC_ENOMEM. */
static int next_value(os_state *st, const char **p, const char *end, size_t *out_len)
{
    const char *s = *p;
    if (s > end) return 0;
    size_t used = 0;
    void *arr = st->val;
    if (nsc__grow(st->ld->mem, &arr, &st->val_cap, (size_t)(end - s) + 1, 1) != 0)
        return NSC_ENOMEM;
    st->val = arr;
    while (s < end && *s == ' ') s++;
    if (s < end && *s == '"') {
        s++;
        while (s < end) {
            if (*s == '"') {
                if (s + 1 < end && s[1] == '"') {
                    st->val[used++] = '"';
                    s += 2;
                    continue;
                }
                s++;
                break;
            }
            st->val[used++] = *s++;
        }
    }
    while (s < end && *s != ';') /* unquoted value, or text after a closing inner quote */
        st->val[used++] = *s++;
    while (used > 0 && st->val[used - 1] == ' ') used--;
    st->val[used] = '\0';
    *p = s + 1; /* past the ';' (or one past the end: the next call returns 0) */
    *out_len = used;
    return 1;
}

static nsc_entity_type schema_type(const char *s, size_t n)
{
    static const struct {
        const char *schema;
        nsc_entity_type type;
    } map[] = {
        { "Person", NSC_TYPE_PERSON },           { "Organization", NSC_TYPE_ORGANIZATION },
        { "Company", NSC_TYPE_ORGANIZATION },    { "LegalEntity", NSC_TYPE_ORGANIZATION },
        { "PublicBody", NSC_TYPE_ORGANIZATION }, { "Vessel", NSC_TYPE_VESSEL },
        { "Airplane", NSC_TYPE_AIRCRAFT },
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strlen(map[i].schema) == n && memcmp(map[i].schema, s, n) == 0) return map[i].type;
    return NSC_TYPE_UNKNOWN;
}

typedef enum os_what { OS_ALIAS, OS_DOB, OS_COUNTRY, OS_ADDRESS, OS_IDENT, OS_PROGRAM } os_what;

static int add_value(os_state *st, nsc__entity *e, os_what what, const char *s, size_t n)
{
    nsc__list *l = st->ld->list;
    if (n == 0) return 0;
    switch (what) {
    case OS_ALIAS: return nsc__entity_add_name(l, e, s, n, NSC_NAME_ALIAS, 0);
    case OS_DOB: {
        nsc__date d;
        if (nsc__date_parse(&d, s, n) != 0) {
            st->bad_dates++;
            return 0;
        }
        return nsc__entity_add_dob(l, e, &d);
    }
    case OS_COUNTRY:
        /* the simple export merges every country-typed property: no role is known */
        return nsc__entity_add_country(l, e, s, n, NSC_COUNTRY_OTHER);
    case OS_ADDRESS: return nsc__entity_add_address(l, e, s, n);
    case OS_IDENT: return nsc__entity_add_ident(l, e, NSC_ID_OTHER, s, n, NULL, NULL);
    case OS_PROGRAM: {
        /* a sanction is "program - reason - status - start - end"; keep the program */
        const char *dash = strstr(s, " - ");
        return nsc__entity_add_program(l, e, s, dash ? (size_t)(dash - s) : n);
    }
    }
    return 0;
}

static int add_cell(os_state *st, nsc__entity *e, long col, os_what what)
{
    size_t n, vn;
    const char *s = nsc__csvbuf_cell(&st->cl.c, col, &n);
    const char *p = s, *end = s + n;
    int rc;
    if (n == 0) return 0;
    while ((rc = next_value(st, &p, end, &vn)) == 1)
        if ((rc = add_value(st, e, what, st->val, vn)) != 0) return rc;
    return rc;
}

static void note_last_seen(os_state *st)
{
    size_t n;
    const char *s = nsc__csvbuf_cell(&st->cl.c, st->k.last_seen, &n);
    if (n < 10 || s[4] != '-' || s[7] != '-') return;
    if (memcmp(s, st->last_seen, 10) > 0 || !st->last_seen[0]) {
        memcpy(st->last_seen, s, 10);
        st->last_seen[10] = '\0';
    }
}

static int os_row(void *ctx)
{
    os_state *st = ctx;
    nsc__list *l = st->ld->list;
    const nsc__csvbuf *c = &st->cl.c;
    size_t idn, sn, nn;
    const char *id = nsc__csvbuf_cell(c, st->k.id, &idn);
    const char *schema = nsc__csvbuf_cell(c, st->k.schema, &sn);
    const char *name = nsc__csvbuf_cell(c, st->k.name, &nn);
    int rc;
    if (idn == 0) {
        st->no_id_rows++;
        return 0;
    }
    nsc__entity *e = nsc__list_find(l, id, idn);
    if (e)
        st->dup_rows++;
    else if (!(e = nsc__list_add_entity(l, id, idn, schema_type(schema, sn))))
        return NSC_ENOMEM;
    if ((rc = nsc__entity_add_name(l, e, name, nn, e->names ? NSC_NAME_ALIAS : NSC_NAME_PRIMARY,
                                   0)) != 0 ||
        (rc = add_cell(st, e, st->k.aliases, OS_ALIAS)) != 0 ||
        (rc = add_cell(st, e, st->k.birth_date, OS_DOB)) != 0 ||
        (rc = add_cell(st, e, st->k.countries, OS_COUNTRY)) != 0 ||
        (rc = add_cell(st, e, st->k.addresses, OS_ADDRESS)) != 0 ||
        (rc = add_cell(st, e, st->k.identifiers, OS_IDENT)) != 0)
        return rc;
    /* programme ids when the export has them, else the programme part of each sanction */
    size_t pn;
    nsc__csvbuf_cell(c, st->k.program_ids, &pn);
    if (pn > 0)
        rc = add_cell(st, e, st->k.program_ids, OS_PROGRAM);
    else
        rc = add_cell(st, e, st->k.sanctions, OS_PROGRAM);
    note_last_seen(st);
    return rc;
}

/* The warnings of this format, after the driver's row-length ones; 0 or NSC_ENOMEM. */
static int warn_counts(os_state *st)
{
    nsc__list *l = st->ld->list;
    const char *file = nsc__csvlist_base_name(st->ld->path);
    int rc = 0;
    if (st->no_id_rows)
        rc = nsc__list_warn(l, "%s: %zu rows have no id and were skipped", file, st->no_id_rows);
    if (!rc && st->dup_rows)
        rc = nsc__list_warn(l, "%s: %zu rows repeat an earlier id and were merged into it", file,
                            st->dup_rows);
    if (!rc && st->bad_dates)
        rc = nsc__list_warn(l, "%s: %zu birth dates could not be read and were left out", file,
                            st->bad_dates);
    size_t unnamed = 0;
    for (size_t i = 0; i < l->n_entities; i++)
        if (!l->entities[i]->names) unnamed++;
    if (!rc && unnamed) rc = nsc__list_warn(l, "%s: %zu targets have no name", file, unnamed);
    return rc;
}

static int os_header(void *ctx)
{
    os_state *st = ctx;
    nsc__load *ld = st->ld;
    const nsc__csvbuf *c = &st->cl.c;
    os_cols *k = &st->k;
    k->id = nsc__csvbuf_column(c, "id");
    k->schema = nsc__csvbuf_column(c, "schema");
    k->name = nsc__csvbuf_column(c, "name");
    k->aliases = nsc__csvbuf_column(c, "aliases");
    k->birth_date = nsc__csvbuf_column(c, "birth_date");
    k->countries = nsc__csvbuf_column(c, "countries");
    k->addresses = nsc__csvbuf_column(c, "addresses");
    k->identifiers = nsc__csvbuf_column(c, "identifiers");
    k->sanctions = nsc__csvbuf_column(c, "sanctions");
    k->program_ids = nsc__csvbuf_column(c, "program_ids");
    k->last_seen = nsc__csvbuf_column(c, "last_seen");
    if (k->id < 0 || k->name < 0 || k->schema < 0)
        return nsc__load_fail(ld, NSC_EFORMAT, ld->path, c->line,
                              "not an OpenSanctions targets.simple.csv header: it needs the "
                              "columns id, schema and name");
    return 0;
}

/* The warnings, and the publication date: the latest last_seen, else the one the caller
 * gave. */
static int os_finish(void *ctx)
{
    os_state *st = ctx;
    if (warn_counts(st) != 0) return NSC_ENOMEM;
    return nsc__list_set_published(st->ld->list,
                                   st->last_seen[0] ? st->last_seen : st->ld->opts->published);
}

static const nsc__csvlist_spec os_spec = {
    .no_header = "no header line",
    .what = "targets",
    .header = os_header,
    .row = os_row,
    .finish = os_finish,
};

int nsc__parse_oscsv(nsc__load *ld)
{
    os_state st;
    memset(&st, 0, sizeof st);
    st.ld = ld;
    int rc = nsc__csvlist_run(&st.cl, ld, &os_spec, &st);
    nsc__free(ld->mem, st.val);
    return rc;
}
