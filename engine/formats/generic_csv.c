/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/generic_csv.c: an in-house list as any CSV file with a header row. Columns are those named
 * in the load options (csv_id, csv_name, ...) or conventional header names; multi-valued
 * cells (aliases, countries, programmes, dates of birth) are separated by ';'.
 */
#include <stdio.h>
#include <string.h>

#include "formats/csvlist.h"
#include "formats/parsers.h"
#include "model/country.h"
#include "util/file.h"
#include "util/utf8.h"

enum { G_ID, G_NAME, G_ALIAS, G_TYPE, G_DOB, G_COUNTRY, G_PROGRAM, G_NCOLS };

typedef struct g_state {
    nsc__load *ld;
    nsc__csvlist cl; /* the driver's part; the reader is cl.c */
    long col[G_NCOLS];
    unsigned long row; /* 1-based data row: the id when there is no id column */
    size_t dup_rows, no_name_rows, no_id_rows, bad_types, bad_dobs;
    long first_no_name_line;
} g_state;

/* Conventional header names, tried in order when the option is NULL. */
static const char *const conventional[G_NCOLS][4] = {
    [G_ID] = { "id", NULL },
    [G_NAME] = { "name", NULL },
    [G_ALIAS] = { "alias", "aliases", NULL },
    [G_TYPE] = { "type", "entity_type", NULL },
    [G_DOB] = { "dob", "date_of_birth", NULL },
    [G_COUNTRY] = { "country", "nationality", NULL },
    [G_PROGRAM] = { "program", "programs", NULL },
};

static const char *option_of(const nsc_load_options *o, int which)
{
    switch (which) {
    case G_ID: return o->csv_id;
    case G_NAME: return o->csv_name;
    case G_ALIAS: return o->csv_alias;
    case G_TYPE: return o->csv_type;
    case G_DOB: return o->csv_dob;
    case G_COUNTRY: return o->csv_country;
    case G_PROGRAM: return o->csv_program;
    }
    return NULL;
}

static const char *const option_names[G_NCOLS] = { "csv_id",     "csv_name", "csv_alias",
                                                   "csv_type",   "csv_dob",  "csv_country",
                                                   "csv_program" };

/* "id, name, alias" from the header, cut short to fit `cap`. */
static void header_list(char *out, size_t cap, const nsc__csvbuf *c)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < c->nfields && used + 8 < cap; i++) {
        size_t n;
        const char *f = nsc__csvbuf_field(c, i, &n);
        const char *sep = i ? ", " : "";
        size_t room = cap - used - 1;
        size_t want = strlen(sep) + n;
        if (want > room) {
            memcpy(out + used, "...", 3);
            used += 3;
            break;
        }
        memcpy(out + used, sep, strlen(sep));
        memcpy(out + used + strlen(sep), f, n);
        used += want;
    }
    out[used] = '\0';
}

static int find_columns(void *ctx)
{
    g_state *st = ctx;
    nsc__load *ld = st->ld;
    const nsc__csvbuf *c = &st->cl.c;
    for (int w = 0; w < G_NCOLS; w++) {
        const char *opt = option_of(ld->opts, w);
        st->col[w] = -1;
        if (opt) {
            st->col[w] = nsc__csvbuf_column(c, opt);
            if (st->col[w] < 0) {
                char cols[512];
                header_list(cols, sizeof cols, c);
                return nsc__load_fail(ld, NSC_EFORMAT, ld->path, c->line,
                                      "no column '%s' (given as %s); the header has: %s", opt,
                                      option_names[w], cols);
            }
            continue;
        }
        for (int k = 0; k < 4 && conventional[w][k] && st->col[w] < 0; k++)
            st->col[w] = nsc__csvbuf_column(c, conventional[w][k]);
    }
    if (st->col[G_NAME] < 0) {
        char cols[512];
        header_list(cols, sizeof cols, c);
        return nsc__load_fail(ld, NSC_EFORMAT, ld->path, c->line,
                              "no name column (name it with csv_name); the header has: %s", cols);
    }
    return 0;
}

static const char *cell(const nsc__csvbuf *c, long i, size_t *len)
{
    if (i < 0 || (size_t)i >= c->nfields) {
        *len = 0;
        return "";
    }
    return nsc__csvbuf_field(c, (size_t)i, len);
}

/* Calls add() for each ';'-separated part of a cell (the builder trims and skips empties). */
static int each_part(g_state *st, nsc__entity *e, int which, const char *s, size_t n)
{
    nsc__list *l = st->ld->list;
    const char *end = s + n;
    while (s <= end) {
        const char *semi = memchr(s, ';', (size_t)(end - s));
        const char *stop = semi ? semi : end;
        size_t pn = (size_t)(stop - s);
        while (pn > 0 && (*s == ' ' || *s == '\t')) {
            s++;
            pn--;
        }
        int rc = 0;
        if (pn > 0) {
            switch (which) {
            case G_ALIAS: rc = nsc__entity_add_name(l, e, s, pn, NSC_NAME_ALIAS, 0); break;
            case G_COUNTRY:
                rc = nsc__entity_add_country(l, e, s, pn, NSC_COUNTRY_NATIONALITY);
                break;
            case G_PROGRAM: rc = nsc__entity_add_program(l, e, s, pn); break;
            case G_DOB: {
                nsc__date d;
                if (nsc__date_parse(&d, s, pn) == 0)
                    rc = nsc__entity_add_dob(l, e, &d);
                else
                    st->bad_dobs++;
                break;
            }
            }
        }
        if (rc != 0) return rc;
        if (!semi) break;
        s = semi + 1;
    }
    return 0;
}

static int g_row(void *ctx)
{
    g_state *st = ctx;
    nsc__list *l = st->ld->list;
    const nsc__csvbuf *c = &st->cl.c;
    size_t idn, nn, tn;
    char rowid[24];
    const char *id = cell(c, st->col[G_ID], &idn);
    const char *name = cell(c, st->col[G_NAME], &nn);
    const char *ts = cell(c, st->col[G_TYPE], &tn);
    st->row++;
    if (st->col[G_ID] < 0) {
        idn = (size_t)snprintf(rowid, sizeof rowid, "%lu", st->row);
        id = rowid;
    } else {
        while (idn > 0 && (*id == ' ' || *id == '\t')) {
            id++;
            idn--;
        }
        if (idn == 0) {
            st->no_id_rows++;
            return 0;
        }
    }
    size_t k = 0;
    while (k < nn && (name[k] == ' ' || name[k] == '\t')) k++;
    if (k == nn) {
        if (!st->no_name_rows++) st->first_no_name_line = c->line;
        return 0;
    }
    nsc_entity_type type = NSC_TYPE_UNKNOWN;
    while (tn > 0 && (*ts == ' ' || *ts == '\t')) {
        ts++;
        tn--;
    }
    while (tn > 0 && (ts[tn - 1] == ' ' || ts[tn - 1] == '\t')) tn--;
    if (tn > 0) {
        char tbuf[32];
        if (tn < sizeof tbuf) {
            memcpy(tbuf, ts, tn);
            tbuf[tn] = '\0';
        }
        if (tn >= sizeof tbuf || nsc_entity_type_parse(&type, tbuf) != 0) {
            type = NSC_TYPE_UNKNOWN;
            st->bad_types++;
        }
    }
    nsc__entity *e = nsc__list_find(l, id, idn);
    if (e) {
        st->dup_rows++;
        if (e->type == NSC_TYPE_UNKNOWN) e->type = (uint8_t)type;
    } else if (!(e = nsc__list_add_entity(l, id, idn, type))) {
        return NSC_ENOMEM;
    }
    int rc = nsc__entity_add_name(l, e, name, nn, e->names ? NSC_NAME_ALIAS : NSC_NAME_PRIMARY, 0);
    for (int w = G_ALIAS; w < G_NCOLS && rc == 0; w++) {
        if (w == G_TYPE) continue;
        size_t n;
        const char *s = cell(c, st->col[w], &n);
        rc = each_part(st, e, w, s, n);
    }
    return rc;
}

/* The warnings of this format, after the driver's row-length ones; 0 or NSC_ENOMEM. */
static int warn_counts(g_state *st)
{
    nsc__list *l = st->ld->list;
    const char *file = nsc__csvlist_base_name(st->ld->path);
    int rc = 0;
    if (st->no_name_rows)
        rc = nsc__list_warn(l,
                            "%s: %zu rows have an empty name and were skipped (first on line "
                            "%ld)",
                            file, st->no_name_rows, st->first_no_name_line);
    if (!rc && st->no_id_rows)
        rc = nsc__list_warn(l, "%s: %zu rows have an empty id and were skipped", file,
                            st->no_id_rows);
    if (!rc && st->dup_rows)
        rc = nsc__list_warn(l,
                            "%s: %zu rows repeat an earlier id; their names were added to it "
                            "as aliases",
                            file, st->dup_rows);
    if (!rc && st->bad_types)
        rc = nsc__list_warn(l, "%s: %zu rows have an unknown entity type (taken as unknown)", file,
                            st->bad_types);
    if (!rc && st->bad_dobs)
        rc = nsc__list_warn(l, "%s: %zu dates of birth could not be read and were left out", file,
                            st->bad_dobs);
    return rc;
}

/* The header's delimiter: ',' unless the first line has none but has tabs or semicolons. */
static char sniff_delim(const char *buf, size_t len)
{
    size_t commas = 0, tabs = 0, semis = 0;
    for (size_t i = 0; i < len && buf[i] != '\n'; i++) {
        commas += buf[i] == ',';
        tabs += buf[i] == '\t';
        semis += buf[i] == ';';
    }
    if (commas) return ',';
    return tabs ? '\t' : semis ? ';' : ',';
}

/* The file's base name without its extension: "lists/inhouse.csv" -> "inhouse". */
static int default_name(nsc__load *ld)
{
    const char *b = nsc__csvlist_base_name(ld->path);
    const char *dot = strrchr(b, '.');
    size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
    ld->list->name = nsc__strndup(ld->list->mem, b, n);
    return ld->list->name ? 0 : NSC_ENOMEM;
}

/* The warnings, the list name when the caller gave none, and the publication date. */
static int g_finish(void *ctx)
{
    g_state *st = ctx;
    nsc__load *ld = st->ld;
    if (warn_counts(st) != 0 || (!ld->list->name && default_name(ld) != 0)) return NSC_ENOMEM;
    return nsc__list_set_published(ld->list, ld->opts->published);
}

static const nsc__csvlist_spec g_spec = {
    .no_header = "empty file: no header line",
    .what = "named rows",
    .delimiter = sniff_delim,
    .header = find_columns,
    .row = g_row,
    .finish = g_finish,
};

int nsc__parse_csv(nsc__load *ld)
{
    g_state st;
    memset(&st, 0, sizeof st);
    st.ld = ld;
    return nsc__csvlist_run(&st.cl, ld, &g_spec, &st);
}
