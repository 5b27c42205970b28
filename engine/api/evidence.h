/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/evidence.h: the evidence a query carries besides its name (date of birth, country,
 * identifier) and how it raises or lowers the score of a list entity (match/params.h).
 */
#ifndef NSC_API_EVIDENCE_H
#define NSC_API_EVIDENCE_H

#include "model/list.h"

typedef struct nsc__evidence_item {
    nsc_evidence_kind kind;
    double delta;
    char detail[96];
} nsc__evidence_item;

typedef struct nsc__qinfo {
    nsc__date dob;
    int has_dob;
    char country[3];
    int has_country;
    char id[64];
    size_t idlen;
} nsc__qinfo;

/* The evidence of query q, parsed: a date that does not parse is not used. */
void nsc__query_info(nsc__qinfo *qi, const nsc_query *q);
/* The evidence items of entity ent against the query's (at most 4), in ev[0..*nev). */
int nsc__evidence_for(const nsc__qinfo *qi, const nsc__entity *ent, nsc__evidence_item *ev,
                      int *nev);

#endif /* NSC_API_EVIDENCE_H */
