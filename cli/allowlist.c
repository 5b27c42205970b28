/* SPDX-License-Identifier: Apache-2.0 */
/*
 * allowlist.c: reading screen's allowlist (a CSV with named columns, through the library's CSV
 * reader) into a sorted array, and judging a hit against it: suppressed, lapsed (content
 * changed or expired), or not cleared.
 */
#include <stdlib.h>
#include <string.h>

#include "namescreen/csv.h"

#include "allowlist.h"
#include "common.h"
#include "lsdir.h"
#include "output.h"

enum { F_KEY, F_LIST, F_ENTITY, F_HASH, F_BY, F_ON, F_EXPIRES, F_COUNT };
static const char *const field_names[F_COUNT] = { "id",           "list",       "entity_id",
                                                  "content_hash", "cleared_by", "cleared_on",
                                                  "expires" };

static int is_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int is_hash(const char *s)
{
    if (strlen(s) != 32) return 0;
    for (int i = 0; i < 32; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
    return 1;
}

/* Why field f's value v is malformed, or NULL when it is fine. */
static const char *field_problem(int f, const char *v)
{
    if (f == F_EXPIRES) return *v == '\0' || is_date(v) ? NULL : "not a date YYYY-MM-DD";
    if (is_blank(v)) return "empty";
    if (f == F_HASH && !is_hash(v)) return "not an entity content hash (32 lowercase hex digits)";
    if (f == F_ON && !is_date(v)) return "not a date YYYY-MM-DD";
    return NULL;
}

static int cmp_clearance(const void *pa, const void *pb)
{
    const cli_clearance *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    if (c == 0) c = strcmp(a->list, b->list);
    if (c == 0) c = strcmp(a->entity_id, b->entity_id);
    return c;
}

/* The columns of the header; EXIT_ERR when a required one is missing. */
static int read_header(long col[F_COUNT], nsc_csv *csv, const char *path)
{
    for (int f = 0; f < F_COUNT; f++) col[f] = -1;
    if (nsc_csv_next(csv) != 1) {
        errorf("%s: no header line (allowlist)", path);
        return EXIT_ERR;
    }
    for (size_t i = 0; i < nsc_csv_nfields(csv); i++)
        for (int f = 0; f < F_COUNT; f++)
            if (col[f] < 0 && strcmp(nsc_csv_field(csv, i, NULL), field_names[f]) == 0)
                col[f] = (long)i;
    for (int f = 0; f < F_EXPIRES; f++)
        if (col[f] < 0) {
            errorf("%s line 1: the allowlist has no column '%s' (it needs id, list, entity_id, "
                   "content_hash, cleared_by, cleared_on and may have expires)",
                   path, field_names[f]);
            return EXIT_ERR;
        }
    return 0;
}

/* Stores the fields of the current row as offsets into the text buffer. */
static int read_row(cli_buf *text, size_t offs[F_COUNT], nsc_csv *csv, const long col[F_COUNT],
                    const char *path)
{
    for (int f = 0; f < F_COUNT; f++) {
        const char *v = col[f] >= 0 ? nsc_csv_field(csv, (size_t)col[f], NULL) : "";
        if (v == NULL) v = "";
        const char *why = field_problem(f, v);
        if (why != NULL) {
            errorf("%s line %ld: field '%s' is %s: '%s'", path, nsc_csv_line(csv), field_names[f],
                   why, v);
            return EXIT_ERR;
        }
        offs[f] = text->len;
        cli_buf_put(text, v, strlen(v) + 1);
    }
    return 0;
}

static int read_rows(cli_allowlist *a, cli_buf *text, size_t **offs, long **lines, nsc_csv *csv,
                     const char *path)
{
    long col[F_COUNT];
    if (read_header(col, csv, path) != 0) return EXIT_ERR;
    size_t cap = 0;
    int rc;
    while ((rc = nsc_csv_next(csv)) == 1) {
        if (nsc_csv_nfields(csv) == 1 && *nsc_csv_field(csv, 0, NULL) == '\0') continue;
        if (a->n == cap) {
            cap = cap ? cap * 2 : 64;
            *offs = xrealloc(*offs, cap * F_COUNT * sizeof **offs);
            *lines = xrealloc(*lines, cap * sizeof **lines);
        }
        (*lines)[a->n] = nsc_csv_line(csv);
        if (read_row(text, *offs + a->n * F_COUNT, csv, col, path) != 0) return EXIT_ERR;
        a->n++;
    }
    if (rc < 0) {
        errorf("%s: %s (allowlist)", path, nsc_csv_error(csv));
        return EXIT_ERR;
    }
    return text->oom ? EXIT_ERR : 0;
}

/* Points the clearances into the text, sorts them and refuses duplicates. */
static int index_rows(cli_allowlist *a, const size_t *offs, const long *lines, const char *path)
{
    a->c = xcalloc(a->n ? a->n : 1, sizeof *a->c);
    for (size_t i = 0; i < a->n; i++) {
        const size_t *o = offs + i * F_COUNT;
        cli_clearance *c = &a->c[i];
        c->key = a->text + o[F_KEY];
        c->list = a->text + o[F_LIST];
        c->entity_id = a->text + o[F_ENTITY];
        c->content_hash = a->text + o[F_HASH];
        c->cleared_by = a->text + o[F_BY];
        c->cleared_on = a->text + o[F_ON];
        c->expires = a->text + o[F_EXPIRES];
        c->line = lines[i];
    }
    qsort(a->c, a->n, sizeof *a->c, cmp_clearance);
    for (size_t i = 1; i < a->n; i++)
        if (cmp_clearance(&a->c[i - 1], &a->c[i]) == 0) {
            const cli_clearance *x = &a->c[i - 1], *y = &a->c[i];
            errorf("%s line %ld: field 'id': a second clearance of (%s, %s, %s), first on line %ld",
                   path, x->line > y->line ? x->line : y->line, y->key, y->list, y->entity_id,
                   x->line < y->line ? x->line : y->line);
            return EXIT_ERR;
        }
    return 0;
}

int cli_allowlist_read(cli_allowlist *a, const char *path)
{
    memset(a, 0, sizeof *a);
    long long size;
    if (cli_file_sha256(a->sha256, &size, path) != 0) {
        errorf("cannot read the allowlist %s", path);
        return EXIT_ERR;
    }
    nsc_csv *csv;
    if (nsc_csv_open(&csv, path, ',') != 0) {
        errorf("cannot read the allowlist %s", path);
        return EXIT_ERR;
    }
    cli_buf text;
    cli_buf_init(&text);
    size_t *offs = NULL;
    long *lines = NULL;
    int ret = read_rows(a, &text, &offs, &lines, csv, path);
    nsc_csv_close(csv);
    a->text = text.p; /* owned by a from here */
    if (ret == 0 && text.oom) ret = EXIT_ERR;
    if (ret == 0) ret = index_rows(a, offs, lines, path);
    free(offs);
    free(lines);
    return ret;
}

void cli_allowlist_free(cli_allowlist *a)
{
    free(a->c);
    free(a->text);
    memset(a, 0, sizeof *a);
}

cli_allow cli_allowlist_judge(const cli_allowlist *a, const char *key, const char *list,
                              const char *entity_id, const char *content_hash, const char *as_of,
                              const cli_clearance **out)
{
    *out = NULL;
    if (a == NULL || a->n == 0 || key == NULL || *key == '\0') return CLI_ALLOW_NONE;
    cli_clearance probe = { .key = key, .list = list, .entity_id = entity_id };
    const cli_clearance *c = bsearch(&probe, a->c, a->n, sizeof *a->c, cmp_clearance);
    if (c == NULL) return CLI_ALLOW_NONE;
    *out = c;
    if (strcmp(c->content_hash, content_hash) != 0) return CLI_ALLOW_LAPSED_CHANGED;
    if (*c->expires != '\0' && strcmp(c->expires, as_of) < 0) return CLI_ALLOW_LAPSED_EXPIRED;
    return CLI_ALLOW_SUPPRESS;
}

const char *cli_allow_reason(cli_allow v)
{
    return v == CLI_ALLOW_LAPSED_CHANGED   ? "content changed"
           : v == CLI_ALLOW_LAPSED_EXPIRED ? "expired"
                                           : "";
}
