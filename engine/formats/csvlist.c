/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/csvlist.c: the shared part of the CSV-based list parsers: the driver of a list with a
 * header row (formats/uk.c, oscsv.c, generic_csv.c), its row-length warnings, reader errors.
 */
#include <string.h>

#include "formats/csvlist.h"

int nsc__csvlist_fail(nsc__load *ld, const nsc__csvbuf *c, int rc)
{
    if (rc == NSC_ENOMEM) return nsc__load_fail(ld, rc, ld->path, 0, "out of memory");
    return nsc__load_fail(ld, rc, ld->path, c->line, "%s", c->err);
}

const char *nsc__csvlist_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The warnings of rows whose length is not the header's; 0 or NSC_ENOMEM. */
static int warn_row_lengths(const nsc__csvlist *cl, int warn_long, const char *file)
{
    nsc__list *l = cl->ld->list;
    if (cl->short_rows &&
        nsc__list_warn(l,
                       "%s: %zu rows have fewer fields than the header's %zu (first on line "
                       "%ld); the missing fields were taken as empty",
                       file, cl->short_rows, cl->header_fields, cl->first_short_line))
        return NSC_ENOMEM;
    if (warn_long && cl->long_rows &&
        nsc__list_warn(l,
                       "%s: %zu rows have more fields than the header's %zu; the extra "
                       "fields were ignored",
                       file, cl->long_rows, cl->header_fields))
        return NSC_ENOMEM;
    return 0;
}

/* Everything between reading the file and freeing it. */
static int run_records(nsc__csvlist *cl, const nsc__csvlist_spec *spec, void *ctx)
{
    nsc__load *ld = cl->ld;
    nsc__csvbuf *c = &cl->c;
    int rc = nsc__csvbuf_next(c);
    if (rc < 0) return nsc__csvlist_fail(ld, c, rc);
    if (rc == 0) return nsc__load_fail(ld, NSC_EFORMAT, ld->path, 0, "%s", spec->no_header);
    if ((rc = spec->header(ctx)) != 0) return rc;
    cl->header_fields = c->nfields;
    while ((rc = nsc__csvbuf_next(c)) == 1) {
        if (c->nfields < cl->header_fields) {
            if (!cl->short_rows++) cl->first_short_line = c->line;
        } else if (c->nfields > cl->header_fields) {
            cl->long_rows++;
        }
        if ((rc = spec->row(ctx)) != 0)
            return nsc__load_fail(ld, rc, ld->path, c->line, "out of memory");
    }
    if (rc < 0) return nsc__csvlist_fail(ld, c, rc);
    if (ld->list->n_entities == 0)
        return nsc__load_fail(ld, NSC_EFORMAT, ld->path, 0, "no %s after the header", spec->what);
    if (warn_row_lengths(cl, spec->warn_long_rows, nsc__csvlist_base_name(ld->path)) != 0 ||
        (spec->finish && spec->finish(ctx) != 0))
        return nsc__load_fail(ld, NSC_ENOMEM, ld->path, 0, "out of memory");
    return 0;
}

int nsc__csvlist_run(nsc__csvlist *cl, nsc__load *ld, const nsc__csvlist_spec *spec, void *ctx)
{
    char *buf = NULL;
    size_t len = 0;
    memset(cl, 0, sizeof *cl);
    cl->ld = ld;
    int rc = nsc__read_text(ld, ld->path, &buf, &len);
    if (rc != 0) return rc;
    nsc__csvbuf_init(&cl->c, ld->mem, buf, len, spec->delimiter ? spec->delimiter(buf, len) : ',');
    cl->c.lenient_quotes = spec->lenient_quotes;
    rc = run_records(cl, spec, ctx);
    nsc__csvbuf_free(&cl->c);
    nsc__free(ld->mem, buf);
    return rc;
}
