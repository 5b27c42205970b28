/* SPDX-License-Identifier: Apache-2.0 */
/*
 * model/names.c: the names of the public enumerations (entity types, name kinds, match kinds,
 * evidence kinds), one table each, so that every tool prints and parses them alike.
 */
#include <stddef.h>

#include "namescreen.h"

const char *nsc_entity_type_name(nsc_entity_type t)
{
    switch (t) {
    case NSC_TYPE_PERSON: return "person";
    case NSC_TYPE_ORGANIZATION: return "organization";
    case NSC_TYPE_VESSEL: return "vessel";
    case NSC_TYPE_AIRCRAFT: return "aircraft";
    default: return "unknown";
    }
}

int nsc_entity_type_parse(nsc_entity_type *out, const char *s)
{
    static const struct {
        const char *name;
        nsc_entity_type t;
    } tab[] = {
        { "person", NSC_TYPE_PERSON },
        { "individual", NSC_TYPE_PERSON },
        { "organization", NSC_TYPE_ORGANIZATION },
        { "organisation", NSC_TYPE_ORGANIZATION },
        { "entity", NSC_TYPE_ORGANIZATION },
        { "company", NSC_TYPE_ORGANIZATION },
        { "vessel", NSC_TYPE_VESSEL },
        { "ship", NSC_TYPE_VESSEL },
        { "aircraft", NSC_TYPE_AIRCRAFT },
        { "unknown", NSC_TYPE_UNKNOWN },
    };
    if (!out || !s) return NSC_EINVAL;
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++) {
        const char *a = tab[i].name, *b = s;
        while (*a && (*b | 0x20) == *a) a++, b++;
        if (!*a && !*b) {
            *out = tab[i].t;
            return 0;
        }
    }
    return NSC_EINVAL;
}

const char *nsc_name_kind_name(nsc_name_kind k)
{
    switch (k) {
    case NSC_NAME_PRIMARY: return "primary";
    case NSC_NAME_ALIAS: return "alias";
    case NSC_NAME_WEAK_ALIAS: return "weak alias";
    case NSC_NAME_FORMER: return "former name";
    default: return "unknown";
    }
}

/* The name of enumerator k of a table indexed by value, or "unknown". */
static const char *table_name(const char *const *names, size_t n, unsigned k)
{
    return k < n ? names[k] : "unknown";
}

const char *nsc_match_kind_name(nsc_match_kind k)
{
    static const char *const names[] = { "exact",    "transliterated",  "fuzzy",
                                         "initial",  "nickname",        "joined",
                                         "phonetic", "unmatched-query", "unmatched-list" };
    return table_name(names, sizeof names / sizeof names[0], (unsigned)k);
}

const char *nsc_evidence_kind_name(nsc_evidence_kind k)
{
    static const char *const names[] = { "dob", "country", "id", "weak-alias", "order" };
    return table_name(names, sizeof names / sizeof names[0], (unsigned)k);
}
