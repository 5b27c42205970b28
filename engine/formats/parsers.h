/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/parsers.h: the parser of each list format, as the registry (formats/registry.c)
 * lists them. Each reads ld->path (and its companion files) into ld->list through the
 * builders of model/list.h, and fails with a message naming the file, line and problem.
 */
#ifndef NSC_FORMATS_PARSERS_H
#define NSC_FORMATS_PARSERS_H

#include "model/list.h"

int nsc__parse_ofac(nsc__load *ld); /* formats/ofac.c: OFAC legacy CSV */
/* "ofac-cons" when the base name of path starts with "cons_", else "ofac-sdn". */
const char *nsc__ofac_default_list_name(const char *path);
/* formats/ofac_adv.c: OFAC ADVANCED XML; formats/ofac_enh.c: OFAC ENHANCED XML. Both name the
 * list from the file's own list info ("ofac-sdn", "ofac-cons") when the caller names none. */
int nsc__parse_ofac_advanced(nsc__load *ld);
int nsc__parse_ofac_enhanced(nsc__load *ld);
int nsc__parse_un(nsc__load *ld);    /* formats/un.c: UN Security Council XML */
int nsc__parse_uk(nsc__load *ld);    /* formats/uk.c: UK Sanctions List CSV */
int nsc__parse_eu(nsc__load *ld);    /* formats/eu.c: EU FSF XML */
int nsc__parse_ftm(nsc__load *ld);   /* formats/ftm.c: FollowTheMoney JSON lines */
int nsc__parse_oscsv(nsc__load *ld); /* formats/oscsv.c: OpenSanctions targets.simple.csv */
int nsc__parse_csv(nsc__load *ld);   /* formats/generic_csv.c: an in-house CSV list */

#endif /* NSC_FORMATS_PARSERS_H */
