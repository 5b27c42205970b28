/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/evidence.c: dates of birth, countries and identifiers given with a query, held against a
 * list entity's: agreement raises a score a little, contradiction lowers it more.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "api/evidence.h"
#include "match/params.h"
#include "model/country.h"

static int date_years(const nsc__date *d, int *lo, int *hi)
{
    if (d->prec == NSC_DATE_NONE) return 0;
    *lo = d->y;
    *hi = d->prec == NSC_DATE_RANGE ? d->y2 : d->y;
    if (d->circa) *lo -= 1, *hi += 1;
    return 1;
}

/* 2: same day; 1: compatible years; 0: contradiction */
static int dob_agree(const nsc__date *a, const nsc__date *b)
{
    int alo, ahi, blo, bhi;
    if (!date_years(a, &alo, &ahi) || !date_years(b, &blo, &bhi)) return 1;
    if (ahi < blo || bhi < alo) return 0;
    if (a->prec == NSC_DATE_DAY && b->prec == NSC_DATE_DAY && !a->circa && !b->circa) {
        if (a->y == b->y && a->m == b->m && a->d == b->d) return 2;
        return 0;
    }
    if (a->prec >= NSC_DATE_MONTH && b->prec >= NSC_DATE_MONTH && a->prec != NSC_DATE_RANGE &&
        b->prec != NSC_DATE_RANGE && !a->circa && !b->circa && a->y == b->y && a->m != b->m)
        return 0;
    return 1;
}

static size_t norm_id(char *out, size_t cap, const char *s)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++)
        if (isalnum((unsigned char)*s)) out[n++] = (char)toupper((unsigned char)*s);
    out[n] = '\0';
    return n;
}

int nsc__evidence_for(const nsc__qinfo *qi, const nsc__entity *ent, nsc__evidence_item *ev,
                      int *nev)
{
    *nev = 0;
    if (qi->has_dob && ent->dobs && ent->type != NSC_TYPE_ORGANIZATION) {
        char buf[32], buf2[32];
        int best = 0;
        const nsc__date *bd = &ent->dobs->date;
        for (const nsc__dob *d = ent->dobs; d; d = d->next) {
            int a = dob_agree(&qi->dob, &d->date);
            if (a > best) best = a, bd = &d->date;
        }
        nsc__evidence_item *x = &ev[(*nev)++];
        x->kind = NSC_EVIDENCE_DOB;
        nsc__date_format(buf, &qi->dob);
        nsc__date_format(buf2, bd);
        if (best == 2)
            x->delta = NSC_BONUS_DOB;
        else if (best == 1)
            x->delta = NSC_BONUS_DOB_YEAR;
        else
            x->delta = -NSC_PENALTY_DOB;
        snprintf(x->detail, sizeof x->detail, "dob %s %s %s", buf,
                 best ? "agrees with" : "contradicts", buf2);
    }
    if (qi->has_country) {
        int any = 0, agree = 0, nat = 0;
        for (const nsc__country *c = ent->countries; c; c = c->next) {
            if (!c->code[0]) continue;
            any = 1;
            if (c->role == NSC_COUNTRY_NATIONALITY || c->role == NSC_COUNTRY_CITIZENSHIP) nat = 1;
            if (memcmp(c->code, qi->country, 3) == 0) agree = 1;
        }
        if (agree || nat) {
            nsc__evidence_item *x = &ev[(*nev)++];
            x->kind = NSC_EVIDENCE_COUNTRY;
            x->delta = agree ? NSC_BONUS_COUNTRY : -NSC_PENALTY_COUNTRY;
            snprintf(x->detail, sizeof x->detail, "country %s %s", qi->country,
                     agree ? "agrees" : "contradicts nationality");
        }
        (void)any;
    }
    if (qi->idlen) {
        for (const nsc__ident *d = ent->idents; d; d = d->next) {
            char v[64];
            if (norm_id(v, sizeof v, d->value) == qi->idlen && strcmp(v, qi->id) == 0) {
                nsc__evidence_item *x = &ev[(*nev)++];
                x->kind = NSC_EVIDENCE_ID;
                x->delta = NSC_BONUS_ID;
                snprintf(x->detail, sizeof x->detail, "identifier %.60s matches", d->value);
                break;
            }
        }
    }
    return 0;
}

void nsc__query_info(nsc__qinfo *qi, const nsc_query *q)
{
    memset(qi, 0, sizeof *qi);
    if (q->dob && *q->dob && nsc__date_parse(&qi->dob, q->dob, strlen(q->dob)) == 0)
        qi->has_dob = 1;
    if (q->country && *q->country &&
        nsc__country_code(qi->country, q->country, strlen(q->country)) == 0)
        qi->has_country = 1;
    if (q->id_number && *q->id_number) qi->idlen = norm_id(qi->id, sizeof qi->id, q->id_number);
}
