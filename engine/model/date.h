/* SPDX-License-Identifier: Apache-2.0 */
/*
 * model/date.h: dates as lists and customer files write them (days, months, years, ranges,
 * circa), parsed into one comparable form.
 */
#ifndef NSC_MODEL_DATE_H
#define NSC_MODEL_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "namescreen.h"

typedef enum nsc__date_prec {
    NSC_DATE_NONE = 0,
    NSC_DATE_YEAR = 1,
    NSC_DATE_MONTH = 2,
    NSC_DATE_DAY = 3,
    NSC_DATE_RANGE = 4 /* years y..y2 (month/day unused) */
} nsc__date_prec;

typedef struct nsc__date {
    int16_t y, y2; /* y2 only for NSC_DATE_RANGE */
    int8_t m, d;
    int8_t prec; /* nsc__date_prec */
    int8_t circa;
} nsc__date;

/* Parses the date forms found on lists and in customer files: "1972-05-25", "1972-05",
 * "1972", "25 May 1972", "May 1972", "25/05/1972" (day first), "dd/mm/1972", "00/00/1972",
 * "circa 1972", "Circa 1970-1975", "1965 to 1970", "between 1965 and 1970", "1972-05-25T00:00:00".
 * Returns 0 with *out filled, or NSC_EINVAL when nothing date-like is found. */
int nsc__date_parse(nsc__date *out, const char *s, size_t len);
/* Writes "1972-05-25", "1972-05", "1972", "1965..1970", with "~" in front when circa. */
void nsc__date_format(char buf[32], const nsc__date *d);

#endif /* NSC_MODEL_DATE_H */
