/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/entity.c: list entities as the public API hands them out: from a hit, or by list and id.
 * The public nsc_entity is the model's nsc__entity, read-only.
 */
#include <string.h>

#include "api/engine.h"
#include "api/hits.h"

const nsc_entity *nsc_hit_entity(const nsc_hit *h) { return h ? h->entity : NULL; }

int nsc_engine_entity(const nsc_entity **out, const nsc_engine *e, const char *list, const char *id)
{
    if (!out) return NSC_EINVAL;
    *out = NULL;
    if (!e || !list || !id) return NSC_EINVAL;
    const nsc__list *l = NULL;
    for (size_t i = 0; i < e->n_lists && !l; i++)
        if (strcmp(e->lists[i]->name, list) == 0) l = e->lists[i];
    if (!l) return NSC_ENOTFOUND;
    const nsc__entity *ent = nsc__list_find(l, id, strlen(id));
    if (!ent) return NSC_ENOTFOUND;
    *out = ent;
    return 0;
}

const char *nsc_entity_id(const nsc_entity *e) { return e ? e->id : ""; }
const char *nsc_entity_list(const nsc_entity *e) { return e && e->list ? e->list->name : ""; }
nsc_entity_type nsc_entity_get_type(const nsc_entity *e)
{
    return e ? (nsc_entity_type)e->type : NSC_TYPE_UNKNOWN;
}
const char *nsc_entity_primary_name(const nsc_entity *e)
{
    return e && e->names ? e->names->text : "";
}
void nsc_entity_content_hash(char out[33], const nsc_entity *e)
{
    if (!out) return;
    if (!e) {
        out[0] = '\0';
        return;
    }
    nsc__hash_hex(out, e->content_hash);
}
