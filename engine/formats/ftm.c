/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/ftm.c: parser of OpenSanctions FollowTheMoney entity exports (entities.ftm.json): one JSON
 * object per line, {id, schema, properties{prop: [strings]}, caption, target, ...}.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "formats/parsers.h"
#include "model/country.h"
#include "util/utf8.h"

/* What is loaded: entities of the schemas Person, Organization, Company, LegalEntity, PublicBody,
 * Vessel and Airplane whose `target` is true or absent. Non-target entities (helpers such as
 * Address, Ownership, or a director who is not sanctioned himself) and targets of other schemas
 * (CryptoWallet, Security...) are skipped and counted in one warning each. A second pass reads
 * the helpers that describe a loaded target: Sanction (entity -> programId/program) and
 * Passport/Identification (holder -> number), since they may come before or after it. */

typedef struct ftm_state {
    nsc__load *ld;
    nsc__list *l;
    json_tokener *tok;
    size_t *helpers; /* line start offsets of Sanction / Passport / Identification lines */
    long *helper_lines;
    size_t n_helpers, cap_helpers, cap_helper_lines;
    size_t skipped_helpers, skipped_schema, duplicates, bad_dates, unresolved, no_name;
    char schema_example[40];
    const char *prop; /* the property being read, as the label of identifiers */
} ftm_state;

static const struct {
    const char *schema;
    nsc_entity_type type;
} SCHEMAS[] = {
    { "Person", NSC_TYPE_PERSON },           { "Organization", NSC_TYPE_ORGANIZATION },
    { "Company", NSC_TYPE_ORGANIZATION },    { "LegalEntity", NSC_TYPE_ORGANIZATION },
    { "PublicBody", NSC_TYPE_ORGANIZATION }, { "Vessel", NSC_TYPE_VESSEL },
    { "Airplane", NSC_TYPE_AIRCRAFT },
};

static int schema_type(const char *schema, nsc_entity_type *out)
{
    for (size_t i = 0; i < sizeof SCHEMAS / sizeof SCHEMAS[0]; i++)
        if (!strcmp(SCHEMAS[i].schema, schema)) {
            *out = SCHEMAS[i].type;
            return 1;
        }
    return 0;
}

static int is_helper_of_interest(const char *schema)
{
    return !strcmp(schema, "Sanction") || !strcmp(schema, "Passport") ||
           !strcmp(schema, "Identification");
}

/* Parses one line into a JSON object; NULL with an error already reported otherwise. */
static json_object *parse_line(ftm_state *st, const char *s, size_t n, long line, int *rc)
{
    size_t bad;
    *rc = 0;
    if (!nsc__utf8_valid(s, n, &bad)) {
        *rc = nsc__load_fail(st->ld, NSC_EENCODING, st->ld->path, line,
                             "invalid UTF-8 at byte %zu of the line", bad + 1);
        return NULL;
    }
    if (n > 0x7fffffff) {
        *rc = nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, line, "line too long");
        return NULL;
    }
    json_tokener_reset(st->tok);
    json_object *o = json_tokener_parse_ex(st->tok, s, (int)n);
    enum json_tokener_error jerr = json_tokener_get_error(st->tok);
    if (o && jerr == json_tokener_success) {
        size_t used = json_tokener_get_parse_end(st->tok);
        while (used < n && (s[used] == ' ' || s[used] == '\t' || s[used] == '\r')) used++;
        if (used != n) {
            json_object_put(o);
            *rc = nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, line,
                                 "unexpected text after the JSON object at column %zu", used + 1);
            return NULL;
        }
    } else {
        if (o) json_object_put(o);
        const char *why = jerr == json_tokener_continue ? "unexpected end of line (truncated JSON)"
                                                        : json_tokener_error_desc(jerr);
        *rc = nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, line,
                             "malformed JSON at column %zu: %s",
                             json_tokener_get_parse_end(st->tok) + 1, why);
        return NULL;
    }
    if (!json_object_is_type(o, json_type_object)) {
        json_object_put(o);
        *rc = nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, line,
                             "a line must hold one JSON object");
        return NULL;
    }
    return o;
}

static const char *str_member(json_object *o, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* Calls fn for every string of properties[prop]. */
typedef int (*value_fn)(ftm_state *st, nsc__entity *e, const char *s, size_t n, int arg);

static int each_value(ftm_state *st, nsc__entity *e, json_object *props, const char *prop,
                      value_fn fn, int arg)
{
    json_object *arr;
    if (!props || !json_object_object_get_ex(props, prop, &arr)) return 0;
    if (json_object_is_type(arr, json_type_string))
        return fn(st, e, json_object_get_string(arr), (size_t)json_object_get_string_len(arr), arg);
    if (!json_object_is_type(arr, json_type_array)) return 0;
    size_t n = json_object_array_length(arr);
    for (size_t i = 0; i < n; i++) {
        json_object *v = json_object_array_get_idx(arr, i);
        if (!json_object_is_type(v, json_type_string)) continue;
        int rc = fn(st, e, json_object_get_string(v), (size_t)json_object_get_string_len(v), arg);
        if (rc) return rc;
    }
    return 0;
}

static int non_latin(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s, *end = u + n;
    while (u < end) {
        unsigned c = *u++;
        if (c < 0x80) continue;
        int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
        unsigned cp = c & (0x3Fu >> more);
        for (int k = 0; k < more && u < end && (*u & 0xC0) == 0x80; k++, u++)
            cp = (cp << 6) | (*u & 0x3Fu);
        if ((cp >= 0x370 && cp < 0x1E00) || (cp >= 0x2E80 && cp < 0xFB00) || cp >= 0x10000)
            return 1;
    }
    return 0;
}

static int v_name(ftm_state *st, nsc__entity *e, const char *s, size_t n, int kind)
{
    if (!e->names) kind = NSC_NAME_PRIMARY;
    return nsc__entity_add_name(st->l, e, s, n, (nsc_name_kind)kind,
                                non_latin(s, n) ? NSC_NAMEF_ORIGINAL_SCRIPT : 0);
}

static int v_dob(ftm_state *st, nsc__entity *e, const char *s, size_t n, int unused)
{
    (void)unused;
    nsc__date d;
    if (nsc__date_parse(&d, s, n) != 0) {
        st->bad_dates++;
        return 0;
    }
    for (const nsc__dob *o = e->dobs; o; o = o->next)
        if (memcmp(&o->date, &d, sizeof d) == 0) return 0;
    return nsc__entity_add_dob(st->l, e, &d);
}

static int v_country(ftm_state *st, nsc__entity *e, const char *s, size_t n, int role)
{
    return nsc__entity_add_country(st->l, e, s, n, (nsc__country_role)role);
}

static int v_gender(ftm_state *st, nsc__entity *e, const char *s, size_t n, int unused)
{
    (void)st, (void)unused;
    if (n == 4 && !strncasecmp(s, "male", 4))
        e->gender = NSC_GENDER_MALE;
    else if (n == 6 && !strncasecmp(s, "female", 6))
        e->gender = NSC_GENDER_FEMALE;
    return 0;
}

static int v_ident(ftm_state *st, nsc__entity *e, const char *s, size_t n, int type)
{
    return nsc__entity_add_ident(st->l, e, (nsc__id_type)type, s, n, NULL, st->prop);
}

static int v_program(ftm_state *st, nsc__entity *e, const char *s, size_t n, int unused)
{
    (void)unused;
    return nsc__entity_add_program(st->l, e, s, n);
}

static int v_address(ftm_state *st, nsc__entity *e, const char *s, size_t n, int unused)
{
    (void)unused;
    return nsc__entity_add_address(st->l, e, s, n);
}

static int v_birthplace(ftm_state *st, nsc__entity *e, const char *s, size_t n, int unused)
{
    (void)unused;
    return nsc__entity_add_birthplace(st->l, e, s, n);
}

/* notes: several are joined with "; " into the remarks. */
static int v_note(ftm_state *st, nsc__entity *e, const char *s, size_t n, int unused)
{
    (void)unused;
    if (!n) return 0;
    if (!e->remarks) return nsc__entity_set_remarks(st->l, e, s, n);
    size_t old = strlen(e->remarks);
    char *j = nsc__malloc(st->ld->mem, old + 2 + n + 1);
    if (!j) return NSC_ENOMEM;
    memcpy(j, e->remarks, old);
    memcpy(j + old, "; ", 2);
    memcpy(j + old + 2, s, n);
    j[old + 2 + n] = '\0';
    int rc = nsc__entity_set_remarks(st->l, e, j, old + 2 + n);
    nsc__free(st->ld->mem, j);
    return rc;
}

typedef struct prop_rule {
    const char *prop;
    value_fn fn;
    int arg;
} prop_rule;

/* Property -> model field. Names come first so that the caption (or first name) is primary.
 * weakAlias is FtM's "not matchable" alias; abbreviation is treated alike (short acronyms are
 * only useful when matched closely). */
static const prop_rule RULES[] = {
    { "name", v_name, NSC_NAME_ALIAS },
    { "alias", v_name, NSC_NAME_ALIAS },
    { "previousName", v_name, NSC_NAME_FORMER },
    { "weakAlias", v_name, NSC_NAME_WEAK_ALIAS },
    { "abbreviation", v_name, NSC_NAME_WEAK_ALIAS },
    { "birthDate", v_dob, 0 },
    { "nationality", v_country, NSC_COUNTRY_NATIONALITY },
    { "citizenship", v_country, NSC_COUNTRY_CITIZENSHIP },
    { "birthCountry", v_country, NSC_COUNTRY_BIRTH },
    { "birthPlace", v_birthplace, 0 },
    { "country", v_country, NSC_COUNTRY_OTHER },
    { "jurisdiction", v_country, NSC_COUNTRY_OTHER },
    { "mainCountry", v_country, NSC_COUNTRY_OTHER },
    { "flag", v_country, NSC_COUNTRY_OTHER },
    { "gender", v_gender, 0 },
    { "passportNumber", v_ident, NSC_ID_PASSPORT },
    { "idNumber", v_ident, NSC_ID_NATIONAL },
    { "taxNumber", v_ident, NSC_ID_TAX },
    { "innCode", v_ident, NSC_ID_TAX },
    { "vatCode", v_ident, NSC_ID_TAX },
    { "registrationNumber", v_ident, NSC_ID_REGISTRATION },
    { "ogrnCode", v_ident, NSC_ID_REGISTRATION },
    { "imoNumber", v_ident, NSC_ID_IMO },
    { "mmsi", v_ident, NSC_ID_MMSI },
    { "swiftBic", v_ident, NSC_ID_BIC },
    { "bicCode", v_ident, NSC_ID_BIC },
    { "leiCode", v_ident, NSC_ID_LEI },
    { "programId", v_program, 0 },
    { "address", v_address, 0 },
    { "notes", v_note, 0 },
};

static int load_target(ftm_state *st, json_object *o, const char *id, nsc_entity_type type)
{
    nsc__entity *e = nsc__list_find(st->l, id, strlen(id));
    if (e)
        st->duplicates++;
    else if (!(e = nsc__list_add_entity(st->l, id, strlen(id), type)))
        return NSC_ENOMEM;
    json_object *props = NULL;
    json_object_object_get_ex(o, "properties", &props);
    if (props && !json_object_is_type(props, json_type_object)) props = NULL;
    int rc = 0;
    const char *caption = str_member(o, "caption");
    if (caption && *caption) rc = v_name(st, e, caption, strlen(caption), NSC_NAME_ALIAS);
    for (size_t i = 0; !rc && i < sizeof RULES / sizeof RULES[0]; i++) {
        int arg = RULES[i].arg;
        /* an aircraft's registration number is its tail number */
        if (type == NSC_TYPE_AIRCRAFT && RULES[i].fn == v_ident && arg == NSC_ID_REGISTRATION)
            arg = NSC_ID_AIRCRAFT;
        st->prop = RULES[i].prop;
        rc = each_value(st, e, props, RULES[i].prop, RULES[i].fn, arg);
    }
    /* program: the long text, used only when there is no programId */
    if (!rc && !e->programs) rc = each_value(st, e, props, "program", v_program, 0);
    if (!rc && !e->names) st->no_name++; /* kept: it may still be found by an identifier */
    return rc;
}

/* First pass: targets are loaded, helpers of interest remembered for the second pass. */
static int first_pass_line(ftm_state *st, json_object *o, size_t off, long line)
{
    const char *id = str_member(o, "id"), *schema = str_member(o, "schema");
    if (!id || !*id)
        return nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, line, "entity has no \"id\"");
    if (!schema || !*schema)
        return nsc__load_fail(st->ld, NSC_EFORMAT, st->ld->path, line,
                              "entity \"%.80s\" has no \"schema\"", id);
    json_object *t;
    int target = 1;
    if (json_object_object_get_ex(o, "target", &t) && json_object_is_type(t, json_type_boolean))
        target = json_object_get_boolean(t);
    nsc_entity_type type;
    if (is_helper_of_interest(schema)) {
        if (nsc__grow(st->ld->mem, (void **)&st->helpers, &st->cap_helpers, st->n_helpers + 1,
                      sizeof *st->helpers) ||
            nsc__grow(st->ld->mem, (void **)&st->helper_lines, &st->cap_helper_lines,
                      st->n_helpers + 1, sizeof *st->helper_lines))
            return NSC_ENOMEM;
        st->helpers[st->n_helpers] = off;
        st->helper_lines[st->n_helpers++] = line;
        return 0;
    }
    if (!schema_type(schema, &type)) {
        if (target && !st->skipped_schema++)
            snprintf(st->schema_example, sizeof st->schema_example, "%.30s", schema);
        else if (!target)
            st->skipped_helpers++;
        return 0;
    }
    if (!target) {
        st->skipped_helpers++;
        return 0;
    }
    return load_target(st, o, id, type);
}

static int first_value(json_object *props, const char *prop, const char **out)
{
    json_object *arr, *v;
    *out = NULL;
    if (!props || !json_object_object_get_ex(props, prop, &arr)) return 0;
    if (json_object_is_type(arr, json_type_array) && json_object_array_length(arr) > 0 &&
        (v = json_object_array_get_idx(arr, 0)) && json_object_is_type(v, json_type_string))
        *out = json_object_get_string(v);
    else if (json_object_is_type(arr, json_type_string))
        *out = json_object_get_string(arr);
    return *out != NULL;
}

/* Second pass: a Sanction adds its programme to its entity; a Passport or Identification adds
 * its number to its holder. Helpers of entities not loaded are counted, not errors. */
static int helper_line(ftm_state *st, json_object *o)
{
    const char *schema = str_member(o, "schema");
    json_object *props = NULL;
    json_object_object_get_ex(o, "properties", &props);
    int sanction = !strcmp(schema, "Sanction");
    const char *ref;
    if (!first_value(props, sanction ? "entity" : "holder", &ref)) return 0;
    nsc__entity *e = nsc__list_find(st->l, ref, strlen(ref));
    if (!e) {
        st->unresolved++;
        return 0;
    }
    if (sanction) {
        json_object *ids;
        if (props && json_object_object_get_ex(props, "programId", &ids))
            return each_value(st, e, props, "programId", v_program, 0);
        return each_value(st, e, props, "program", v_program, 0);
    }
    const char *number, *country = NULL, *type = NULL;
    if (!first_value(props, "number", &number)) return 0;
    first_value(props, "country", &country);
    first_value(props, "type", &type);
    nsc__id_type t = !strcmp(schema, "Passport") ? NSC_ID_PASSPORT : NSC_ID_OTHER;
    return nsc__entity_add_ident(st->l, e, t, number, strlen(number), country,
                                 type ? type : schema);
}

static int warn_counts(ftm_state *st)
{
    const char *f = st->ld->path;
    nsc__list *l = st->l;
    if (st->skipped_helpers &&
        nsc__list_warn(l,
                       "%s: %zu non-target entities (helpers such as Address, Ownership, "
                       "or related parties) skipped",
                       f, st->skipped_helpers))
        return NSC_ENOMEM;
    if (st->skipped_schema &&
        nsc__list_warn(l,
                       "%s: %zu target entities of schemas that are not screened skipped "
                       "(e.g. %s)",
                       f, st->skipped_schema, st->schema_example))
        return NSC_ENOMEM;
    if (st->no_name && nsc__list_warn(l, "%s: %zu entities have no name", f, st->no_name))
        return NSC_ENOMEM;
    if (st->duplicates && nsc__list_warn(l, "%s: %zu entities repeat an id; merged into the first",
                                         f, st->duplicates))
        return NSC_ENOMEM;
    if (st->bad_dates &&
        nsc__list_warn(l, "%s: %zu birth dates could not be read; ignored", f, st->bad_dates))
        return NSC_ENOMEM;
    if (st->unresolved &&
        nsc__list_warn(l,
                       "%s: %zu Sanction/Passport/Identification entities refer to entities "
                       "not loaded; ignored",
                       f, st->unresolved))
        return NSC_ENOMEM;
    return 0;
}

static const char *line_end(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    return nl ? nl : end;
}

int nsc__parse_ftm(nsc__load *ld)
{
    char *buf = NULL;
    size_t len = 0;
    int rc = nsc__read_file(ld, ld->path, &buf, &len, 0);
    if (rc) return rc;
    ftm_state st;
    memset(&st, 0, sizeof st);
    st.ld = ld;
    st.l = ld->list;
    if (!(st.tok = json_tokener_new())) {
        rc = nsc__load_fail(ld, NSC_ENOMEM, ld->path, 0, "out of memory");
        goto done;
    }
    const char *p = buf, *end = buf + len;
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3;
    long line = 0;
    size_t loaded_lines = 0;
    while (p < end && !rc) {
        const char *e = line_end(p, end), *q = e;
        line++;
        while (q > p && (q[-1] == '\r' || q[-1] == ' ' || q[-1] == '\t')) q--;
        const char *s = p;
        while (s < q && (*s == ' ' || *s == '\t')) s++;
        if (s < q) {
            json_object *o = parse_line(&st, s, (size_t)(q - s), line, &rc);
            if (o) {
                rc = first_pass_line(&st, o, (size_t)(s - buf), line);
                json_object_put(o);
                loaded_lines++;
            }
        }
        p = e + 1;
    }
    for (size_t i = 0; i < st.n_helpers && !rc; i++) {
        const char *s = buf + st.helpers[i], *e = line_end(s, end);
        while (e > s && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t')) e--;
        json_object *o = parse_line(&st, s, (size_t)(e - s), st.helper_lines[i], &rc);
        if (o) {
            rc = helper_line(&st, o);
            json_object_put(o);
        }
    }
    if (!rc && !loaded_lines)
        rc = nsc__load_fail(ld, NSC_EFORMAT, ld->path, 0, "no JSON lines in the file");
    if (!rc) rc = warn_counts(&st);
    if (rc == NSC_ENOMEM) rc = nsc__load_fail(ld, NSC_ENOMEM, ld->path, 0, "out of memory");

done:
    if (st.tok) json_tokener_free(st.tok);
    nsc__free(ld->mem, st.helpers);
    nsc__free(ld->mem, st.helper_lines);
    nsc__free(ld->mem, buf);
    return rc;
}
