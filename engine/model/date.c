/* SPDX-License-Identifier: Apache-2.0 */
/*
 * date.c: parses the date forms written on sanctions lists and in customer files (OFAC
 * "12 Jan 1970" / "circa 1970" / "1965 to 1970", UN ISO, UK "25/05/1972" and "dd/mm/1972")
 * into nsc__date, and formats them back as ISO-like text for messages, diffs and hits.
 */
#include <stdio.h>
#include <string.h>

#include "model/date.h"

/* A cursor over the text being parsed. */
typedef struct cur {
    const char *p, *end;
} cur;

/* One end of a date: year with optional month and day (0 = unknown). */
typedef struct point {
    int y, m, d;
} point;

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

static void skip_blanks(cur *c)
{
    while (c->p < c->end && is_blank(*c->p)) c->p++;
}

/* Reads a run of 1..max digits; returns the digit count (0 = none) and the value. */
static int read_digits(cur *c, int max, int *value)
{
    int n = 0, v = 0;
    while (c->p < c->end && is_digit(*c->p) && n < max + 1) {
        v = v * 10 + (*c->p - '0');
        c->p++;
        n++;
    }
    *value = v;
    return n;
}

static int digits_ahead(const cur *c)
{
    int n = 0;
    for (const char *q = c->p; q < c->end && is_digit(*q); q++) n++;
    return n;
}

/* Case-insensitive match of a whole word at the cursor (not followed by a letter). */
static int take_word(cur *c, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(c->end - c->p) < n) return 0;
    for (size_t i = 0; i < n; i++)
        if (lower(c->p[i]) != w[i]) return 0;
    if (c->p + n < c->end && is_alpha(c->p[n])) return 0;
    c->p += n;
    return 1;
}

static const char *const month_names[12] = { "january",   "february", "march",    "april",
                                             "may",       "june",     "july",     "august",
                                             "september", "october",  "november", "december" };

/* An English month name, full or abbreviated to three letters ("Sept" too), optionally
 * followed by a period; returns 1..12 or 0. */
static int take_month(cur *c)
{
    const char *q = c->p;
    size_t n = 0;
    while (q + n < c->end && is_alpha(q[n])) n++;
    if (n < 3) return 0;
    for (int i = 0; i < 12; i++) {
        const char *name = month_names[i];
        size_t full = strlen(name);
        int ok = (n == 3 || n == full || (i == 8 && n == 4)) && n <= full;
        for (size_t k = 0; ok && k < n; k++) ok = lower(q[k]) == name[k];
        if (ok) {
            c->p += n;
            if (c->p < c->end && *c->p == '.') c->p++;
            return i + 1;
        }
    }
    return 0;
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return (m == 2 && is_leap(y)) ? 29 : days[m - 1];
}

static int point_valid(const point *pt)
{
    if (pt->y < 1000 || pt->y > 2999) return 0;
    if (pt->m < 0 || pt->m > 12 || pt->d < 0) return 0;
    if (pt->m == 0) return pt->d == 0;
    return pt->d <= days_in_month(pt->y, pt->m);
}

/* "dd" / "mm" placeholders of UK files: an unknown day or month. */
static int take_placeholder(cur *c, char letter)
{
    if (c->end - c->p >= 2 && lower(c->p[0]) == letter && lower(c->p[1]) == letter &&
        (c->p + 2 == c->end || !is_alpha(c->p[2]))) {
        c->p += 2;
        return 1;
    }
    return 0;
}

/* Day-first numeric date: "25/05/1972", "25.05.1972", "00/00/1972", "dd/mm/1972". */
static int parse_numeric_dmy(cur *c, point *pt)
{
    int d = 0, m = 0, y = 0;
    if (!take_placeholder(c, 'd')) {
        int n = read_digits(c, 2, &d);
        if (n < 1 || n > 2) return 0;
    }
    if (c->p >= c->end || (*c->p != '/' && *c->p != '.' && *c->p != '-')) return 0;
    char sep = *c->p++;
    if (!take_placeholder(c, 'm')) {
        int n = read_digits(c, 2, &m);
        if (n < 1 || n > 2) return 0;
    }
    if (c->p >= c->end || *c->p != sep) return 0;
    c->p++;
    if (read_digits(c, 4, &y) != 4) return 0;
    if (m == 0) d = 0; /* a day without a month says nothing */
    pt->y = y;
    pt->m = m;
    pt->d = d;
    return 1;
}

/* Parses one date at the cursor. Returns 1, or 0 when the text is not a date. */
static int parse_point(cur *c, point *pt)
{
    memset(pt, 0, sizeof *pt);
    skip_blanks(c);
    if (c->p >= c->end) return 0;
    if (is_digit(*c->p)) {
        int n = digits_ahead(c);
        if (n == 4) {
            /* ISO: 1972, 1972-05, 1972-05-25, 1972-05-25T00:00:00 */
            read_digits(c, 4, &pt->y);
            if (c->p + 1 < c->end && *c->p == '-' && is_digit(c->p[1])) {
                cur save = *c;
                c->p++;
                int nd = digits_ahead(c);
                if (nd != 1 && nd != 2) {
                    *c = save; /* "1970-1975": a range, left to the caller */
                    return 1;
                }
                read_digits(c, 2, &pt->m);
                if (c->p + 1 < c->end && *c->p == '-' && is_digit(c->p[1])) {
                    c->p++;
                    if (read_digits(c, 2, &pt->d) > 2) return 0;
                }
                if (pt->m == 0) pt->d = 0;
                if (c->p < c->end && (*c->p == 'T' || *c->p == 't') && pt->d > 0) {
                    /* a time of day: skip it (digits, ':', '.', zone) */
                    c->p++;
                    while (c->p < c->end && !is_blank(*c->p)) c->p++;
                }
            }
            return 1;
        }
        if (n > 2) return 0;
        cur save = *c;
        if (parse_numeric_dmy(c, pt)) return 1;
        *c = save;
        /* "25 May 1972", "25-May-1972" */
        int d;
        read_digits(c, 2, &d);
        if (c->p < c->end && (*c->p == '-' || *c->p == '/')) c->p++;
        skip_blanks(c);
        int m = take_month(c);
        if (!m) return 0;
        if (c->p < c->end && (*c->p == '-' || *c->p == '/' || *c->p == ',')) c->p++;
        skip_blanks(c);
        if (read_digits(c, 4, &pt->y) != 4) return 0;
        pt->m = m;
        pt->d = d;
        if (d == 0) return 0;
        return 1;
    }
    {
        cur save = *c; /* "dd/mm/1972" */
        if (parse_numeric_dmy(c, pt)) return 1;
        *c = save;
    }
    /* "May 1972", "May 25, 1972" */
    int m = take_month(c);
    if (!m) return 0;
    skip_blanks(c);
    int d = 0, y = 0;
    int n = read_digits(c, 4, &y);
    if (n == 1 || n == 2) {
        d = y;
        if (c->p < c->end && *c->p == ',') c->p++;
        skip_blanks(c);
        if (read_digits(c, 4, &y) != 4) return 0;
    } else if (n != 4) {
        return 0;
    }
    pt->y = y;
    pt->m = m;
    pt->d = d;
    return 1;
}

static void set_point(nsc__date *out, const point *pt)
{
    out->y = (int16_t)pt->y;
    out->m = (int8_t)pt->m;
    out->d = (int8_t)pt->d;
    out->prec = (int8_t)(pt->d ? NSC_DATE_DAY : pt->m ? NSC_DATE_MONTH : NSC_DATE_YEAR);
}

/* A range separator: "to", "-", an en dash, "and" (after "between"), "..". */
static int take_range_sep(cur *c, int between)
{
    skip_blanks(c);
    if (between) return take_word(c, "and");
    if (take_word(c, "to")) return 1;
    if (c->end - c->p >= 2 && c->p[0] == '.' && c->p[1] == '.') {
        c->p += 2;
        return 1;
    }
    if (c->p < c->end && *c->p == '-') {
        c->p++;
        return 1;
    }
    if (c->end - c->p >= 3 && memcmp(c->p, "\xe2\x80\x93", 3) == 0) { /* en dash */
        c->p += 3;
        return 1;
    }
    return 0;
}

int nsc__date_parse(nsc__date *out, const char *s, size_t len)
{
    nsc__date r;
    memset(&r, 0, sizeof r);
    if (out) memset(out, 0, sizeof *out);
    if (!out || !s) return NSC_EINVAL;
    if (len == (size_t)-1) len = strlen(s);
    cur c = { s, s + len };
    /* trailing blanks and one closing period ("DOB 1962.") */
    while (c.end > c.p && is_blank(c.end[-1])) c.end--;
    if (c.end > c.p && c.end[-1] == '.') c.end--;
    skip_blanks(&c);

    if (take_word(&c, "circa") || take_word(&c, "approximately") || take_word(&c, "approx") ||
        take_word(&c, "about") || take_word(&c, "ca") || take_word(&c, "c")) {
        r.circa = 1;
        if (c.p < c.end && *c.p == '.') c.p++;
        skip_blanks(&c);
    }
    int between = take_word(&c, "between");

    point a, b;
    if (!parse_point(&c, &a) || !point_valid(&a)) return NSC_EINVAL;
    cur save = c;
    if (take_range_sep(&c, between)) {
        if (!parse_point(&c, &b) || !point_valid(&b)) return NSC_EINVAL;
        skip_blanks(&c);
        if (c.p != c.end) return NSC_EINVAL;
        if (b.y < a.y) return NSC_EINVAL;
        if (a.y == b.y && a.m == b.m && a.d == b.d) {
            set_point(&r, &a); /* "12 Jan 1970 to 12 Jan 1970" */
        } else if (a.y == b.y) {
            r.y = (int16_t)a.y;
            r.prec = NSC_DATE_YEAR; /* "01 Jan 1970 to 31 Dec 1970": within one year */
        } else {
            r.y = (int16_t)a.y;
            r.y2 = (int16_t)b.y;
            r.prec = NSC_DATE_RANGE;
        }
        *out = r;
        return 0;
    }
    c = save;
    if (between) return NSC_EINVAL;
    skip_blanks(&c);
    if (c.p != c.end) return NSC_EINVAL;
    set_point(&r, &a);
    *out = r;
    return 0;
}

void nsc__date_format(char buf[32], const nsc__date *d)
{
    buf[0] = '\0';
    if (!d) return;
    const char *pre = d->circa ? "~" : "";
    switch (d->prec) {
    case NSC_DATE_YEAR: snprintf(buf, 32, "%s%04d", pre, d->y); break;
    case NSC_DATE_MONTH: snprintf(buf, 32, "%s%04d-%02d", pre, d->y, d->m); break;
    case NSC_DATE_DAY: snprintf(buf, 32, "%s%04d-%02d-%02d", pre, d->y, d->m, d->d); break;
    case NSC_DATE_RANGE: snprintf(buf, 32, "%s%04d..%04d", pre, d->y, d->y2); break;
    default: break;
    }
}
