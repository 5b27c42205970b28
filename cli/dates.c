/* SPDX-License-Identifier: Apache-2.0 */
/*
 * dates.c: reads the dates of birth of input rows into ISO. A date is split into numbers and
 * month names; the year is the four-digit number, the month a name or, for numeric dates,
 * told by the order the --date-format gives or by which reading is a real date.
 */
#include <stdio.h>
#include <string.h>

#include "dates.h"

static const char *const format_names[] = { "auto", "dmy", "mdy", "ymd" };

int cli_date_format_parse(cli_date_format *out, const char *s)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (strcmp(s, format_names[i]) == 0) {
            *out = (cli_date_format)i;
            return 0;
        }
    return -1;
}

const char *cli_date_format_name(cli_date_format f)
{
    return (unsigned)f < sizeof format_names / sizeof format_names[0] ? format_names[f] : "?";
}

const char *cli_date_note_name(cli_date_note n)
{
    switch (n) {
    case CLI_DATE_OK: return "ok";
    case CLI_DATE_AMBIGUOUS: return "ambiguous";
    case CLI_DATE_UNPARSED: return "unparsed";
    default: return "";
    }
}

/* The parts of a date: numbers (with their digit counts) and at most one month name. */
#define MAX_PARTS 3
typedef struct date_parts {
    int n;
    long v[MAX_PARTS];
    int digits[MAX_PARTS]; /* 0: a month name, v is the month */
} date_parts;

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

/* A month's English name or its three-letter (or "sept") abbreviation, 1..12, else 0. */
static int month_name(const char *s, size_t n)
{
    static const char *const names[] = { "january",   "february", "march",    "april",
                                         "may",       "june",     "july",     "august",
                                         "september", "october",  "november", "december" };
    if (n < 3) return 0;
    for (int m = 0; m < 12; m++) {
        size_t len = strlen(names[m]);
        if (n > len) continue;
        size_t k = 0;
        while (k < n && lower((unsigned char)s[k]) == names[m][k]) k++;
        if (k == n && (n == 3 || n == len || (m == 8 && n == 4))) return m + 1;
    }
    return 0;
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Splits s into parts separated by one of "-/. ," and blanks; 0, or -1 when it is not the shape
 * of a date. An 8-digit number is read as YYYYMMDD. */
static int split(date_parts *p, const char *s)
{
    p->n = 0;
    int names = 0;
    char sep = 0; /* numeric dates use one separator throughout */
    while (*s) {
        if (*s == ' ' || *s == '\t' || *s == ',' || *s == '.' || *s == '-' || *s == '/') {
            if (*s == '-' || *s == '/' || *s == '.') {
                if (sep && sep != *s && !names) return -1;
                sep = *s;
            }
            s++;
            continue;
        }
        if (p->n == MAX_PARTS) return -1;
        const char *b = s;
        if (is_digit((unsigned char)*s)) {
            long v = 0;
            while (is_digit((unsigned char)*s) && s - b < 9) v = v * 10 + (*s++ - '0');
            if (is_digit((unsigned char)*s)) return -1;
            int d = (int)(s - b);
            if (d == 8 && p->n == 0) {
                p->v[0] = v / 10000, p->digits[0] = 4;
                p->v[1] = v / 100 % 100, p->digits[1] = 2;
                p->v[2] = v % 100, p->digits[2] = 2;
                p->n = 3;
                continue;
            }
            if (d > 4) return -1;
            p->v[p->n] = v;
            p->digits[p->n++] = d;
            /* 1st, 2nd, 3rd, 4th after a day number */
            if ((lower(*s) == 's' && lower(s[1]) == 't') ||
                (lower(*s) == 'n' && lower(s[1]) == 'd') ||
                (lower(*s) == 'r' && lower(s[1]) == 'd') ||
                (lower(*s) == 't' && lower(s[1]) == 'h'))
                if (!is_alpha((unsigned char)s[2])) s += 2;
        } else if (is_alpha((unsigned char)*s)) {
            while (is_alpha((unsigned char)*s)) s++;
            int m = month_name(b, (size_t)(s - b));
            if (m == 0 || names++) return -1;
            p->v[p->n] = m;
            p->digits[p->n++] = 0;
        } else {
            return -1;
        }
    }
    return p->n > 0 ? 0 : -1;
}

static int leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int valid(long y, long m, long d)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1000 || y > 2999) return 0;
    if (m == 0) return d == 0; /* year precision */
    if (m < 1 || m > 12) return 0;
    if (d == 0) return 1; /* month precision */
    return d >= 1 && d <= mdays[m - 1] + (m == 2 && leap(y));
}

static cli_date_note emit(char iso[11], long y, long m, long d)
{
    if (!valid(y, m, d)) return CLI_DATE_UNPARSED;
    /* valid() bounds them: four digits, two, two */
    int yy = (int)(y % 10000), mm = (int)(m % 100), dd = (int)(d % 100);
    if (m == 0)
        snprintf(iso, 11, "%04d", yy);
    else if (d == 0)
        snprintf(iso, 11, "%04d-%02d", yy, mm);
    else
        snprintf(iso, 11, "%04d-%02d-%02d", yy, mm, dd);
    return CLI_DATE_OK;
}

/* A date with a month name: "25 Jan 1968", "Jan 25, 1968", "Jan 1968", "1968 Jan 25". */
static cli_date_note with_name(char iso[11], const date_parts *p)
{
    long y = 0, m = 0, d = 0;
    int years = 0, days = 0;
    for (int i = 0; i < p->n; i++) {
        if (p->digits[i] == 0)
            m = p->v[i];
        else if (p->digits[i] == 4)
            y = p->v[i], years++;
        else if (p->digits[i] <= 2)
            d = p->v[i], days++;
        else
            return CLI_DATE_UNPARSED;
    }
    if (years != 1 || days > 1 || (days == 1 && d == 0)) return CLI_DATE_UNPARSED;
    return emit(iso, y, m, d);
}

/* Three numbers with the year last: d/m/y or m/d/y. */
static cli_date_note year_last(char iso[11], long a, long b, long y, cli_date_format f)
{
    if (f == CLI_DATES_YMD || a == 0 || b == 0) return CLI_DATE_UNPARSED;
    if (f == CLI_DATES_DMY) return emit(iso, y, b, a);
    if (f == CLI_DATES_MDY) return emit(iso, y, a, b);
    int dmy = valid(y, b, a), mdy = valid(y, a, b);
    if (dmy && mdy && a != b) return CLI_DATE_AMBIGUOUS;
    if (dmy) return emit(iso, y, b, a);
    if (mdy) return emit(iso, y, a, b);
    return CLI_DATE_UNPARSED;
}

cli_date_note cli_date_read(char iso[11], const char *s, cli_date_format f)
{
    iso[0] = '\0';
    while (*s == ' ' || *s == '\t') s++;
    if (*s == '\0') return CLI_DATE_NONE;
    char buf[64];
    size_t n = strlen(s);
    if (n >= sizeof buf) return CLI_DATE_UNPARSED;
    memcpy(buf, s, n + 1);
    /* an ISO timestamp's time: 1968-01-25T00:00:00, 1968-01-25 00:00:00 */
    if (n > 10 && is_digit((unsigned char)buf[0]) && buf[4] == '-' && buf[7] == '-' &&
        (buf[10] == 'T' || (buf[10] == ' ' && is_digit((unsigned char)buf[11]))))
        buf[10] = '\0';
    date_parts p;
    cli_date_note note = CLI_DATE_UNPARSED;
    if (split(&p, buf) != 0) return note;
    for (int i = 0; i < p.n; i++)
        if (p.digits[i] == 0) {
            note = with_name(iso, &p);
            goto out;
        }
    if (p.n == 1 && p.digits[0] == 4)
        note = emit(iso, p.v[0], 0, 0);
    else if (p.n == 2 && p.digits[0] == 4 && p.digits[1] <= 2)
        note = emit(iso, p.v[0], p.v[1], 0);
    else if (p.n == 2 && p.digits[1] == 4 && p.digits[0] <= 2)
        note = emit(iso, p.v[1], p.v[0], 0); /* 01/1968 */
    else if (p.n == 3 && p.digits[0] == 4 && p.digits[1] <= 2 && p.digits[2] <= 2)
        note = emit(iso, p.v[0], p.v[1], p.v[2] ? p.v[2] : -1);
    else if (p.n == 3 && p.digits[2] == 4 && p.digits[0] <= 2 && p.digits[1] <= 2)
        note = year_last(iso, p.v[0], p.v[1], p.v[2], f);
out:
    if (note != CLI_DATE_OK) iso[0] = '\0';
    return note;
}
