/* SPDX-License-Identifier: Apache-2.0 */
/*
 * model/country.h: countries as lists write them (codes, names, demonyms, variants), mapped
 * to ISO 3166 alpha-2 codes. The table itself is generated (model/country_table.c).
 */
#ifndef NSC_MODEL_COUNTRY_H
#define NSC_MODEL_COUNTRY_H

#include <stddef.h>

#include "namescreen.h"

/* Maps a country given as an ISO 3166 alpha-2 or alpha-3 code, an English name or a common
 * variant ("Russian Federation", "Iran (Islamic Republic of)", "Democratic People's Republic of
 * Korea", "nationality China", "Syrian") to its lower-case alpha-2 code in out[0..2].
 * Returns 0, or NSC_ENOTFOUND. */
int nsc__country_code(char out[3], const char *s, size_t len);

/* The generated table behind nsc__country_code (model/country_table.c): keys normalized as
 * lookups normalize them (lower-case, accents folded, apostrophes dropped, other punctuation
 * as one space, a leading "nationality", "citizenship" and "the" removed), sorted by strcmp. */
typedef struct nsc__country_key {
    const char *key;
    const char *code;
} nsc__country_key;
extern const nsc__country_key nsc__country_keys[];
extern const size_t nsc__n_country_keys;

#endif /* NSC_MODEL_COUNTRY_H */
