/* SPDX-License-Identifier: Apache-2.0 */
/*
 * allowlist.h: the clearances an analyst gave (screen --allowlist): a CSV of counterparty key,
 * list, entity id and the entity content hash the hit was cleared against. A hit whose entity
 * still has that hash, before the clearance's expiry, is suppressed; otherwise the clearance
 * has lapsed by itself and the hit comes back, marked with why.
 */
#ifndef NSC_CLI_ALLOWLIST_H
#define NSC_CLI_ALLOWLIST_H

#include <stddef.h>

typedef struct cli_clearance {
    const char *key, *list, *entity_id, *content_hash, *cleared_by, *cleared_on;
    const char *expires; /* "" when it never expires */
    long line;
} cli_clearance;

typedef struct cli_allowlist {
    cli_clearance *c; /* sorted by (key, list, entity_id) */
    size_t n;
    char *text; /* the strings */
    char sha256[65];
} cli_allowlist;

typedef enum cli_allow {
    CLI_ALLOW_NONE = 0,       /* no clearance: the hit is written */
    CLI_ALLOW_SUPPRESS,       /* cleared and still valid: the hit is suppressed */
    CLI_ALLOW_LAPSED_CHANGED, /* the entity's content hash differs: written, status lapsed */
    CLI_ALLOW_LAPSED_EXPIRED  /* the expiry date is before as_of: written, status lapsed */
} cli_allow;

/* Reads the allowlist at `path`. Columns by name (any order, other columns ignored): id, list,
 * entity_id, content_hash (32 hex digits), cleared_by, cleared_on (YYYY-MM-DD) and optional
 * expires (YYYY-MM-DD or empty). A malformed row, or a second clearance of the same (id, list,
 * entity_id), is an error naming the file, line and field. 0, or EXIT_ERR after a message;
 * free a in both cases. */
int cli_allowlist_read(cli_allowlist *a, const char *path);
void cli_allowlist_free(cli_allowlist *a);

/* Judges a hit of counterparty `key` on (list, entity_id) whose entity has `content_hash`, at
 * the date as_of (YYYY-MM-DD); *out receives the clearance, or NULL for CLI_ALLOW_NONE. */
cli_allow cli_allowlist_judge(const cli_allowlist *a, const char *key, const char *list,
                              const char *entity_id, const char *content_hash, const char *as_of,
                              const cli_clearance **out);
/* "content changed", "expired", or "" */
const char *cli_allow_reason(cli_allow v);

#endif /* NSC_CLI_ALLOWLIST_H */
