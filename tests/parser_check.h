/* SPDX-License-Identifier: Apache-2.0 */
/*
 * parser_check.h: checks shared by the list-parser tests (test_un.c, test_eu.c, test_ftm.c):
 * loading a fixture with the format FORMAT (defined by the includer), finding an entity, and
 * comparing its names, dates of birth and countries with what is expected.
 */
#ifndef NSC_PARSER_CHECK_H
#define NSC_PARSER_CHECK_H

#ifndef FORMAT
#error "define FORMAT (the list format under test) before including parser_check.h"
#endif

static inline nsc_engine *load_ok(const char *path)
{
    nsc_engine *eng = NULL;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = FORMAT;
    int rc = nsc_engine_load(eng, path, &o);
    if (rc != 0) fail_msg("loading %s: %s: %s", path, nsc_errname(rc), nsc_engine_errmsg(eng));
    return eng;
}

static inline int load_err(const char *path, char *msg, size_t cap)
{
    nsc_engine *eng = NULL;
    assert_int_equal(nsc_engine_new(&eng, NULL), 0);
    nsc_load_options o = NSC_LOAD_OPTIONS_INIT;
    o.format = FORMAT;
    int rc = nsc_engine_load(eng, path, &o);
    snprintf(msg, cap, "%s", nsc_engine_errmsg(eng));
    assert_int_equal(nsc_engine_list_count(eng), 0);
    nsc_engine_free(eng);
    return rc;
}

static inline const nsc__entity *entity(const nsc_engine *eng, const char *id)
{
    const nsc__list *l = nsc__engine_list_at(eng, 0);
    assert_non_null(l);
    const nsc__entity *e = nsc__list_find(l, id, strlen(id));
    if (!e) fail_msg("entity %s not loaded", id);
    return e;
}

static inline const nsc__name *name_of(const nsc__entity *e, const char *text)
{
    for (const nsc__name *n = e->names; n; n = n->next)
        if (strcmp(n->text, text) == 0) return n;
    fail_msg("%s has no name '%s'", e->id, text);
    return NULL;
}

static inline void expect_name(const nsc__entity *e, const char *text, int kind, unsigned flags)
{
    const nsc__name *n = name_of(e, text);
    if (n->kind != kind || n->flags != flags)
        fail_msg("%s '%s': kind %d flags %u, want kind %d flags %u", e->id, text, n->kind, n->flags,
                 kind, flags);
}

static inline size_t count_names(const nsc__entity *e)
{
    size_t n = 0;
    for (const nsc__name *x = e->names; x; x = x->next) n++;
    return n;
}

static inline void expect_dobs(const nsc__entity *e, const char *want)
{
    char got[256] = "", b[32];
    for (const nsc__dob *d = e->dobs; d; d = d->next) {
        nsc__date_format(b, &d->date);
        if (got[0]) strcat(got, " ");
        strcat(got, b);
    }
    if (strcmp(got, want) != 0) fail_msg("%s dobs '%s', want '%s'", e->id, got, want);
}

static inline void expect_countries(const nsc__entity *e, const char *want)
{
    char got[256] = "";
    for (const nsc__country *c = e->countries; c; c = c->next) {
        char item[24];
        snprintf(item, sizeof item, "%s%d:%s", got[0] ? " " : "", c->role,
                 c->code[0] ? c->code : "?");
        strcat(got, item);
    }
    if (strcmp(got, want) != 0) fail_msg("%s countries '%s', want '%s'", e->id, got, want);
}

#endif /* NSC_PARSER_CHECK_H */
