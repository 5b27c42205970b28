/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/listsdir.h: what the engine keeps about each list loaded from a lists directory (its
 * version folder, source, fetched and checked times), beside the list itself.
 */
#ifndef NSC_API_LISTSDIR_H
#define NSC_API_LISTSDIR_H

#include "util/mem.h"

/* The lists-directory facts of one loaded list; one allocation, strings owned. */
typedef struct nsc__dirfacts {
    char *lists_dir, *version_dir, *source, *fetched, *published_from, *checked;
    int snapshot;
} nsc__dirfacts;

void nsc__dirfacts_free(const nsc__mem *mem, nsc__dirfacts *f);

#endif /* NSC_API_LISTSDIR_H */
