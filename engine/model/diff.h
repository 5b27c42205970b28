/* SPDX-License-Identifier: Apache-2.0 */
/*
 * model/diff.h: the differences between two versions of a list, entity by entity (added,
 * removed, changed and which fields), behind nsc_diff_lists(); the nsc_diff accessors of the
 * public header are implemented with it.
 */
#ifndef NSC_MODEL_DIFF_H
#define NSC_MODEL_DIFF_H

#include "model/list.h"

/* Compares list ol (old) with nl (new) into a new diff whose memory comes from m. Returns 0,
 * or NSC_ENOMEM with *out NULL. */
int nsc__diff_lists(nsc_diff **out, const nsc__mem *m, const nsc__list *ol, const nsc__list *nl);

#endif /* NSC_MODEL_DIFF_H */
