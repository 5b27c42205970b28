/* SPDX-License-Identifier: Apache-2.0 */
/*
 * output.c: formatting of the namescreen tool's results. Hits become JSON lines, CSV rows or a
 * readable text block, always into a cli_buf, so that output is byte-identical whatever thread
 * formatted it. Numbers print with a fixed four decimals in the C locale.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

/* ---------------------------------------------------------------------------------------------
 * Buffers
 * ------------------------------------------------------------------------------------------- */

void cli_buf_init(cli_buf *b)
{
    b->p = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void cli_buf_free(cli_buf *b)
{
    free(b->p);
    cli_buf_init(b);
}

static int buf_reserve(cli_buf *b, size_t extra)
{
    if (b->oom) return -1;
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->oom = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(b->p, cap);
    if (p == NULL) {
        b->oom = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

void cli_buf_put(cli_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n) != 0) return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void cli_buf_puts(cli_buf *b, const char *s) { cli_buf_put(b, s, strlen(s)); }

static void buf_putc(cli_buf *b, char c) { cli_buf_put(b, &c, 1); }

void cli_buf_printf(cli_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        cli_buf_put(b, small, (size_t)n);
        return;
    }
    if (buf_reserve(b, (size_t)n) != 0) return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

int cli_buf_write(const cli_buf *b, FILE *f)
{
    if (b->oom) return -1;
    if (b->len > 0 && fwrite(b->p, 1, b->len, f) != b->len) return -1;
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * JSON, CSV and numbers
 * ------------------------------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (2..4), or 0 when p does not start one. */
static size_t utf8_seq(const unsigned char *p)
{
    unsigned c = p[0];
    unsigned lo = 0x80, hi = 0xBF;
    size_t n;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if (p[i] < 0x80 || p[i] > 0xBF) return 0;
    return n;
}

void cli_json_str(cli_buf *b, const char *s)
{
    if (s == NULL) {
        cli_buf_puts(b, "null");
        return;
    }
    const unsigned char *p = (const unsigned char *)s;
    buf_putc(b, '"');
    while (*p) {
        const unsigned char *run = p;
        while (*p >= 0x20 && *p < 0x7F && *p != '"' && *p != '\\') p++;
        cli_buf_put(b, (const char *)run, (size_t)(p - run));
        if (*p == '\0') break;
        if (*p == '"' || *p == '\\') {
            buf_putc(b, '\\');
            buf_putc(b, (char)*p++);
        } else if (*p < 0x20 || *p == 0x7F) {
            cli_buf_printf(b, "\\u%04x", (unsigned)*p++);
        } else {
            size_t n = utf8_seq(p);
            if (n == 0) {
                cli_buf_puts(b, "\\ufffd");
                p++;
            } else {
                cli_buf_put(b, (const char *)p, n);
                p += n;
            }
        }
    }
    buf_putc(b, '"');
}

void cli_csv_field(cli_buf *b, const char *s)
{
    if (s == NULL || *s == '\0') return;
    size_t n = strlen(s);
    int quote = strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
                s[n - 1] == '\t';
    if (!quote) {
        cli_buf_put(b, s, n);
        return;
    }
    buf_putc(b, '"');
    for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
        cli_buf_put(b, s, (size_t)(q - s) + 1);
        buf_putc(b, '"');
    }
    cli_buf_puts(b, s);
    buf_putc(b, '"');
}

void cli_num4(cli_buf *b, double x)
{
    if (x > -0.00005 && x < 0.00005) x = 0.0;
    cli_buf_printf(b, "%.4f", x);
}

static const char *str_or_empty(const char *s) { return s ? s : ""; }

/* ---------------------------------------------------------------------------------------------
 * Pieces shared by hits and comparisons
 * ------------------------------------------------------------------------------------------- */

static void json_key(cli_buf *b, const char *key)
{
    buf_putc(b, ',');
    cli_json_str(b, key);
    buf_putc(b, ':');
}

static void json_kv(cli_buf *b, const char *key, const char *value)
{
    json_key(b, key);
    cli_json_str(b, str_or_empty(value));
}

static void json_tokens(cli_buf *b, const nsc_hit *h)
{
    json_key(b, "tokens");
    buf_putc(b, '[');
    size_t n = nsc_hit_token_count(h);
    for (size_t i = 0; i < n; i++) {
        const nsc_token_match *t = nsc_hit_token(h, i);
        if (t == NULL) continue;
        if (i > 0) buf_putc(b, ',');
        cli_buf_puts(b, "{\"q\":");
        cli_json_str(b, t->query_token);
        cli_buf_puts(b, ",\"l\":");
        cli_json_str(b, t->list_token);
        cli_buf_puts(b, ",\"kind\":");
        cli_json_str(b, nsc_match_kind_name(t->kind));
        cli_buf_puts(b, ",\"sim\":");
        cli_num4(b, t->similarity);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void json_evidence(cli_buf *b, const nsc_hit *h)
{
    json_key(b, "evidence");
    buf_putc(b, '[');
    size_t n = nsc_hit_evidence_count(h);
    for (size_t i = 0; i < n; i++) {
        const nsc_evidence *e = nsc_hit_evidence(h, i);
        if (e == NULL) continue;
        if (i > 0) buf_putc(b, ',');
        cli_buf_puts(b, "{\"kind\":");
        cli_json_str(b, nsc_evidence_kind_name(e->kind));
        cli_buf_puts(b, ",\"delta\":");
        cli_num4(b, e->delta);
        cli_buf_puts(b, ",\"detail\":");
        cli_json_str(b, str_or_empty(e->detail));
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void json_input(cli_buf *b, const cli_row *r)
{
    if (r->n_cols == 0) return;
    json_key(b, "input");
    buf_putc(b, '{');
    for (size_t i = 0; i < r->n_cols; i++) {
        if (i > 0) buf_putc(b, ',');
        cli_json_str(b, r->col_names[i]);
        buf_putc(b, ':');
        cli_json_str(b, str_or_empty(r->col_values[i]));
    }
    buf_putc(b, '}');
}

/* The token pairings as one CSV cell: "q:l:kind:sim; ...", "-" for a missing side. */
static void csv_tokens(cli_buf *b, const nsc_hit *h)
{
    cli_buf t;
    cli_buf_init(&t);
    size_t n = nsc_hit_token_count(h);
    for (size_t i = 0; i < n; i++) {
        const nsc_token_match *m = nsc_hit_token(h, i);
        if (m == NULL) continue;
        cli_buf_printf(&t, "%s%s:%s:%s:", i ? "; " : "", m->query_token ? m->query_token : "-",
                       m->list_token ? m->list_token : "-", nsc_match_kind_name(m->kind));
        cli_num4(&t, m->similarity);
    }
    if (t.oom) b->oom = 1;
    cli_csv_field(b, t.p);
    cli_buf_free(&t);
}

/* The evidence as one CSV cell: "kind:delta:detail; ...". */
static void csv_evidence(cli_buf *b, const nsc_hit *h)
{
    cli_buf t;
    cli_buf_init(&t);
    size_t n = nsc_hit_evidence_count(h);
    for (size_t i = 0; i < n; i++) {
        const nsc_evidence *e = nsc_hit_evidence(h, i);
        if (e == NULL) continue;
        cli_buf_printf(&t, "%s%s:", i ? "; " : "", nsc_evidence_kind_name(e->kind));
        cli_num4(&t, e->delta);
        cli_buf_printf(&t, ":%s", str_or_empty(e->detail));
    }
    if (t.oom) b->oom = 1;
    cli_csv_field(b, t.p);
    cli_buf_free(&t);
}

static void csv_passthrough_header(cli_buf *b, const cli_row *r)
{
    for (size_t i = 0; i < r->n_cols; i++) {
        cli_csv_field(b, r->col_names[i]);
        buf_putc(b, ',');
    }
}

static void csv_passthrough(cli_buf *b, const cli_row *r)
{
    for (size_t i = 0; i < r->n_cols; i++) {
        cli_csv_field(b, r->col_values[i]);
        buf_putc(b, ',');
    }
}

/* ---------------------------------------------------------------------------------------------
 * Hits
 * ------------------------------------------------------------------------------------------- */

void cli_hit_csv_header(cli_buf *b, const cli_row *r)
{
    csv_passthrough_header(b, r);
    if (r->has_row) cli_buf_puts(b, "row,");
    cli_buf_puts(b, "query,score,list,entity_id,entity_type,matched_name,name_kind,primary_name,"
                    "programs,list_version,scoring_version,explanation,tokens,evidence\n");
}

void cli_hit_csv(cli_buf *b, const cli_row *r, const nsc_hit *h)
{
    csv_passthrough(b, r);
    if (r->has_row) cli_buf_printf(b, "%ld,", r->row);
    cli_csv_field(b, r->query);
    buf_putc(b, ',');
    cli_num4(b, nsc_hit_score(h));
    const char *fields[] = {
        nsc_hit_list(h),
        nsc_hit_entity_id(h),
        nsc_entity_type_name(nsc_hit_entity_type(h)),
        nsc_hit_matched_name(h),
        nsc_name_kind_name(nsc_hit_name_kind(h)),
        nsc_hit_primary_name(h),
        nsc_hit_programs(h),
        nsc_hit_list_version(h),
        nsc_hit_scoring_version(h),
        nsc_hit_explanation(h),
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        buf_putc(b, ',');
        cli_csv_field(b, fields[i]);
    }
    buf_putc(b, ',');
    csv_tokens(b, h);
    buf_putc(b, ',');
    csv_evidence(b, h);
    buf_putc(b, '\n');
}

/* The library's JSON of hit h (its one serialization of hits and entities) into b. */
static void json_hit(cli_buf *b, const nsc_hit *h, unsigned flags)
{
    char small[4096];
    long n = nsc_hit_json(small, sizeof small, h, flags);
    if (n < 0) {
        b->oom = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        cli_buf_put(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL) {
        b->oom = 1;
        return;
    }
    nsc_hit_json(big, (size_t)n + 1, h, flags);
    cli_buf_put(b, big, (size_t)n);
    free(big);
}

void cli_hit_jsonl(cli_buf *b, const cli_row *r, const nsc_hit *h)
{
    buf_putc(b, '{');
    if (r->has_row) cli_buf_printf(b, "\"row\":%ld,", r->row);
    cli_buf_puts(b, "\"query\":");
    cli_json_str(b, str_or_empty(r->query));
    json_input(b, r);
    json_key(b, "hit");
    json_hit(b, h, NSC_JSON_ENTITY);
    cli_buf_puts(b, "}\n");
}

void cli_hits_lines(cli_buf *b, const cli_row *r, const nsc_hits *hits, cli_format format)
{
    size_t n = nsc_hits_count(hits);
    for (size_t i = 0; i < n; i++) {
        const nsc_hit *h = nsc_hits_get(hits, i);
        if (h == NULL) continue;
        if (format == CLI_CSV)
            cli_hit_csv(b, r, h);
        else
            cli_hit_jsonl(b, r, h);
    }
}

void cli_hits_text(cli_buf *b, const char *query, const nsc_hits *hits, double threshold)
{
    size_t n = nsc_hits_count(hits);
    cli_buf_printf(b, "query \"%s\": ", query);
    if (n == 0) {
        cli_buf_puts(b, "no hit at threshold ");
        cli_num4(b, threshold);
        cli_buf_puts(b, "\n\n");
        return;
    }
    cli_buf_printf(b, "%zu hit%s%s\n", n, n == 1 ? "" : "s",
                   nsc_hits_truncated(hits) ? " (limit reached; --limit shows more)" : "");
    cli_buf_printf(b, "  %-6s  %-10s  %-10s  %-12s  %s\n", "score", "list", "id", "type",
                   "matched name (kind)");
    for (size_t i = 0; i < n; i++) {
        const nsc_hit *h = nsc_hits_get(hits, i);
        if (h == NULL) continue;
        cli_buf_puts(b, "  ");
        cli_num4(b, nsc_hit_score(h));
        cli_buf_printf(
            b, "  %-10s  %-10s  %-12s  %s (%s)\n", str_or_empty(nsc_hit_list(h)),
            str_or_empty(nsc_hit_entity_id(h)), nsc_entity_type_name(nsc_hit_entity_type(h)),
            str_or_empty(nsc_hit_matched_name(h)), nsc_name_kind_name(nsc_hit_name_kind(h)));
        if (nsc_hit_name_kind(h) != NSC_NAME_PRIMARY)
            cli_buf_printf(b, "          primary name: %s\n",
                           str_or_empty(nsc_hit_primary_name(h)));
        const char *progs = nsc_hit_programs(h);
        if (progs != NULL && *progs != '\0') cli_buf_printf(b, "          programs: %s\n", progs);
        cli_buf_printf(b, "          why: %s\n", str_or_empty(nsc_hit_explanation(h)));
    }
    buf_putc(b, '\n');
}

/* ---------------------------------------------------------------------------------------------
 * Comparisons
 * ------------------------------------------------------------------------------------------- */

void cli_compare_csv_header(cli_buf *b, const cli_row *r)
{
    csv_passthrough_header(b, r);
    if (r->has_row) cli_buf_puts(b, "row,");
    cli_buf_puts(b, "name1,name2,score,match,explanation,tokens,evidence,scoring_version\n");
}

void cli_compare_csv(cli_buf *b, const cli_row *r, const char *name2, const nsc_hit *h,
                     double threshold)
{
    csv_passthrough(b, r);
    if (r->has_row) cli_buf_printf(b, "%ld,", r->row);
    cli_csv_field(b, r->query);
    buf_putc(b, ',');
    cli_csv_field(b, name2);
    buf_putc(b, ',');
    cli_num4(b, nsc_hit_score(h));
    cli_buf_puts(b, nsc_hit_score(h) >= threshold ? ",true," : ",false,");
    cli_csv_field(b, nsc_hit_explanation(h));
    buf_putc(b, ',');
    csv_tokens(b, h);
    buf_putc(b, ',');
    csv_evidence(b, h);
    buf_putc(b, ',');
    cli_csv_field(b, nsc_hit_scoring_version(h));
    buf_putc(b, '\n');
}

void cli_compare_jsonl(cli_buf *b, const cli_row *r, const char *name2, const nsc_hit *h,
                       double threshold)
{
    buf_putc(b, '{');
    if (r->has_row) cli_buf_printf(b, "\"row\":%ld,", r->row);
    cli_buf_puts(b, "\"name1\":");
    cli_json_str(b, str_or_empty(r->query));
    json_kv(b, "name2", name2);
    json_key(b, "score");
    cli_num4(b, nsc_hit_score(h));
    json_key(b, "match");
    cli_buf_puts(b, nsc_hit_score(h) >= threshold ? "true" : "false");
    json_key(b, "threshold");
    cli_num4(b, threshold);
    json_kv(b, "explanation", nsc_hit_explanation(h));
    json_tokens(b, h);
    json_evidence(b, h);
    json_kv(b, "scoring_version", nsc_hit_scoring_version(h));
    json_input(b, r);
    cli_buf_puts(b, "}\n");
}

void cli_compare_text(cli_buf *b, const char *name1, const char *name2, const nsc_hit *h,
                      double threshold)
{
    cli_buf_printf(b, "name1        %s\nname2        %s\nscore        ", name1, name2);
    cli_num4(b, nsc_hit_score(h));
    cli_buf_printf(b, "\nmatch        %s (threshold ",
                   nsc_hit_score(h) >= threshold ? "true" : "false");
    cli_num4(b, threshold);
    cli_buf_printf(b, ")\nexplanation  %s\n", str_or_empty(nsc_hit_explanation(h)));
    size_t n = nsc_hit_token_count(h);
    cli_buf_puts(b, "tokens:\n");
    if (n == 0) cli_buf_puts(b, "  (none)\n");
    for (size_t i = 0; i < n; i++) {
        const nsc_token_match *t = nsc_hit_token(h, i);
        if (t == NULL) continue;
        cli_buf_printf(b, "  %-16s -> %-16s %-16s sim ", t->query_token ? t->query_token : "-",
                       t->list_token ? t->list_token : "-", nsc_match_kind_name(t->kind));
        cli_num4(b, t->similarity);
        cli_buf_puts(b, "  weight ");
        cli_num4(b, t->weight);
        if (t->kind == NSC_MATCH_FUZZY) cli_buf_printf(b, "  edits %d", t->edits);
        buf_putc(b, '\n');
    }
    n = nsc_hit_evidence_count(h);
    for (size_t i = 0; i < n; i++) {
        const nsc_evidence *e = nsc_hit_evidence(h, i);
        if (e == NULL) continue;
        cli_buf_printf(b, "%s  %-10s ", i == 0 ? "evidence:\n" : "",
                       nsc_evidence_kind_name(e->kind));
        if (e->delta >= 0) buf_putc(b, '+');
        cli_num4(b, e->delta);
        cli_buf_printf(b, "  %s\n", str_or_empty(e->detail));
    }
    cli_buf_printf(b, "scoring      %s\n", str_or_empty(nsc_hit_scoring_version(h)));
}

/* ---------------------------------------------------------------------------------------------
 * Screen's rows
 * ------------------------------------------------------------------------------------------- */

/* Past the JSON value starting at p (a string, number, literal, object or array). */
static const char *json_skip(const char *p)
{
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++)
            if (*p == '\\' && p[1]) p++;
        return *p ? p + 1 : p;
    }
    if (*p == '{' || *p == '[') {
        int depth = 0;
        for (; *p; p++) {
            if (*p == '"') {
                p = json_skip(p) - 1;
            } else if (*p == '{' || *p == '[') {
                depth++;
            } else if ((*p == '}' || *p == ']') && --depth == 0) {
                return p + 1;
            }
        }
        return p;
    }
    while (*p && *p != ',' && *p != '}' && *p != ']') p++;
    return p;
}

/* The string at p (quoted, escapes kept but for \" and \\) appended to b. */
static void json_string_raw(cli_buf *b, const char *p)
{
    const char *end = json_skip(p) - 1;
    for (p++; p < end; p++) {
        if (*p == '\\' && (p[1] == '"' || p[1] == '\\')) p++;
        buf_putc(b, *p);
    }
}

/* The value of key `key` of the object at p (just after its '{'), or NULL. */
static const char *json_member(const char *p, const char *key)
{
    size_t klen = strlen(key);
    while (*p == '"') {
        const char *k = p, *v = json_skip(p);
        if (*v != ':') return NULL;
        v++;
        if ((size_t)(v - k) == klen + 3 && strncmp(k + 1, key, klen) == 0) return v;
        p = json_skip(v);
        if (*p != ',') return NULL;
        p++;
    }
    return NULL;
}

/* The strings of entity member `key` ("; "-separated): a string itself, the strings of an
 * array, or member `sub` of each object of an array. */
static void entity_fact(cli_buf *b, const char *entity_json, const char *key, const char *sub)
{
    const char *v = entity_json[0] == '{' ? json_member(entity_json + 1, key) : NULL;
    if (v == NULL) return;
    if (*v == '"') {
        json_string_raw(b, v);
        return;
    }
    if (*v != '[') return;
    int first = 1;
    for (const char *p = v + 1; *p && *p != ']';) {
        const char *s = *p == '"' ? p : *p == '{' && sub ? json_member(p + 1, sub) : NULL;
        if (s != NULL && *s == '"') {
            if (!first) cli_buf_puts(b, "; ");
            json_string_raw(b, s);
            first = 0;
        }
        p = json_skip(p);
        if (*p == ',') p++;
    }
}

static void entity_json_buf(cli_buf *b, const nsc_entity *e)
{
    long n = nsc_entity_json(NULL, 0, e);
    if (n < 0) return;
    char *s = malloc((size_t)n + 1);
    if (s == NULL) {
        b->oom = 1;
        return;
    }
    nsc_entity_json(s, (size_t)n + 1, e);
    cli_buf_put(b, s, (size_t)n + 1); /* with its NUL */
    free(s);
}

void cli_screen_csv_header(cli_buf *b, const cli_row *r)
{
    cli_buf t;
    cli_buf_init(&t);
    cli_hit_csv_header(&t, r);
    if (t.len > 0) t.len--; /* its newline */
    cli_buf_put(b, t.p, t.len);
    if (t.oom) b->oom = 1;
    cli_buf_free(&t);
    cli_buf_puts(b,
                 ",run_id,status,counterparty_id,date_note,cut,content_hash,dobs,countries,listed,"
                 "lapse_reason\n");
}

void cli_screen_csv(cli_buf *b, const cli_row *r, const nsc_hit *h)
{
    if (h != NULL) {
        cli_buf t;
        cli_buf_init(&t);
        cli_hit_csv(&t, r, h);
        if (t.len > 0) t.len--;
        cli_buf_put(b, t.p, t.len);
        if (t.oom) b->oom = 1;
        cli_buf_free(&t);
    } else {
        csv_passthrough(b, r);
        if (r->has_row) cli_buf_printf(b, "%ld,", r->row);
        cli_csv_field(b, r->query);
        cli_buf_puts(b, ",,,,,,,,,,,,,,"); /* score .. evidence */
    }
    const char *fields[] = { r->run_id, r->status, r->id, r->date_note };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        buf_putc(b, ',');
        cli_csv_field(b, fields[i]);
    }
    cli_buf_puts(b, r->cut ? ",true," : ",false,");
    const nsc_entity *e = h ? nsc_hit_entity(h) : NULL;
    if (e != NULL) {
        char hash[33];
        nsc_entity_content_hash(hash, e);
        cli_buf_puts(b, hash);
        cli_buf ej, f;
        cli_buf_init(&ej);
        entity_json_buf(&ej, e);
        static const char *const facts[][2] = { { "dates_of_birth", NULL },
                                                { "countries", "code" },
                                                { "listed", NULL } };
        for (size_t i = 0; i < 3; i++) {
            cli_buf_init(&f);
            if (ej.p) entity_fact(&f, ej.p, facts[i][0], facts[i][1]);
            buf_putc(&f, '\0');
            buf_putc(b, ',');
            cli_csv_field(b, f.p);
            cli_buf_free(&f);
        }
        cli_buf_free(&ej);
    } else {
        cli_buf_puts(b, ",,,");
    }
    buf_putc(b, ',');
    cli_csv_field(b, r->lapse_reason);
    buf_putc(b, '\n');
}

void cli_screen_jsonl(cli_buf *b, const cli_row *r, const nsc_hit *h)
{
    cli_buf_puts(b, "{\"run_id\":");
    cli_json_str(b, str_or_empty(r->run_id));
    cli_buf_printf(b, ",\"row\":%ld", r->row);
    json_kv(b, "status", r->status);
    json_kv(b, "query", r->query);
    json_key(b, "id");
    cli_json_str(b, r->id);
    json_key(b, "input");
    buf_putc(b, '{');
    for (size_t i = 0; i < r->n_cols; i++) {
        if (i > 0) buf_putc(b, ',');
        cli_json_str(b, r->col_names[i]);
        buf_putc(b, ':');
        cli_json_str(b, str_or_empty(r->col_values[i]));
    }
    buf_putc(b, '}');
    json_key(b, "date");
    if (r->date_value != NULL) {
        cli_buf_puts(b, "{\"value\":");
        cli_json_str(b, r->date_value);
        json_kv(b, "note", r->date_note);
        buf_putc(b, '}');
    } else {
        cli_buf_puts(b, "null");
    }
    cli_buf_puts(b, r->cut ? ",\"cut\":true" : ",\"cut\":false");
    if (r->lapse_reason != NULL) {
        cli_buf_puts(b, ",\"allowlist\":{\"cleared_by\":");
        cli_json_str(b, r->cleared_by);
        json_kv(b, "cleared_on", r->cleared_on);
        json_kv(b, "reason", r->lapse_reason);
        buf_putc(b, '}');
    }
    json_key(b, "hit");
    if (h != NULL)
        json_hit(b, h, NSC_JSON_ENTITY);
    else
        cli_buf_puts(b, "null");
    cli_buf_puts(b, "}\n");
}
