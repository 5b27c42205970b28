/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/index.h: interface of match/index.c, the frozen index of every list name (lnames, whose
 * tokens and runs are ids in a dictionary of distinct token forms) and the per-thread match
 * scratch sized for it, which retrieval (match/retrieve.h) and scoring fill.
 */
#ifndef NSC_MATCH_INDEX_H
#define NSC_MATCH_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "match/score.h"
#include "model/list.h"
#include "text/tokenize.h"

/* A list name variant as the index keeps it: its tokens and runs as dictionary ids. */
typedef struct nsc__lname {
    uint32_t list;    /* list index */
    uint32_t entity;  /* entity index within the list */
    uint32_t gentity; /* entity number across all lists */
    const nsc__name *name;
    uint32_t tok_off, run_off;
    uint8_t ntok, nrun;
    uint8_t lossy;
    uint8_t etype; /* the entity's type, kept here so that filters touch no entity */
} nsc__lname;

typedef struct nsc__lrun {
    uint8_t start, len;
    uint32_t id;
} nsc__lrun;

/* The dictionary's lookup structures (match/index_impl.h). */
typedef struct nsc__index nsc__index;

/* The frozen index of a set of lists: every lname and the dictionary of their tokens. */
typedef struct nsc__frozen {
    const nsc__mem *mem;
    nsc__list *const *lists; /* the lists indexed, in load order */
    size_t n_lists;
    nsc__index *index;
    nsc__lname *lnames;
    size_t n_lnames;
    uint32_t *ltok;  /* dictionary ids of lname tokens */
    uint8_t *lfirst; /* beside them: the first letter of a word (not an initial, not a
                            number), which query initials meet; 0 for other tokens */
    double *lweight; /* their weights, beside them for the candidate bound */
    /* per lname, for the candidate conditions (retrieve.c): the sum of its token weights, and
     * the first letters (bit c - 'a') of its words and of its initials, which initials meet */
    struct nsc__lmeta {
        double wsum;
        uint32_t words, initials;
    } * lmeta;
    nsc__lrun *lrun;          /* runs of lname tokens */
    const nsc__tokinfo *dict; /* the dictionary: distinct tokens and runs */
    size_t n_dict;
    size_t n_gentities; /* entities across all lists */
    size_t *list_base;  /* gentity of each list's first entity */
} nsc__frozen;

/* One query unit: a token (full similarity against single tokens, or joined similarity
 * against runs) or a run of tokens (joined similarity against single tokens). */
struct nsc__uhit;
typedef struct nsc__qunit {
    uint32_t key; /* memo key */
    const nsc__tokinfo *u;
    int run, joined;
    unsigned role;
    uint8_t t0, tn;                 /* the query tokens it covers */
    const struct nsc__uhit *shared; /* its hits in the shared cache, or NULL: */
    uint32_t off, n;                /* its hits in the private unit cache */
} nsc__qunit;

/* One thread's retrieval and scoring scratch. Sized by the index it last served. */
typedef struct nsc__match_scratch {
    /* per lname: the query serial that last reached it and the query tokens it meets (bit t:
     * token t) */
    struct nsc__reach {
        uint32_t stamp, mask;
    } * reach;
    size_t reach_cap;
    uint32_t serial;
    uint32_t *cands; /* candidate lnames of the current query */
    size_t n_cands, cap_cands;
    size_t dict_cap; /* the entries unit_stamp and best hold */
    nsc__memo *memo;
    uint32_t *unit_stamp; /* per dictionary entry: the unit serial that last tested it */
    /* per dictionary entry: its best similarity to any query unit, valid when stamp is the
     * query serial (for nsc__candidate_bound); one array, so that a lookup is one line */
    struct nsc__best {
        double v;
        uint32_t stamp, qmask;
    } * best;
    int run_hits; /* some query token met a list run (its best is set) */
    /* the letters of the query's initials (bit c - 'a') whose pairs with words are implicit
     * (nsc__memo_set_complete): their bests are not in best[], the bound adds them */
    uint32_t implicit_letters;
    uint32_t *ents; /* the entries met by the current query side (their best is set) */
    size_t n_ents, cap_ents;
    double qw[NSC_MAX_TOKENS]; /* the weights of its tokens */
    double qweight;            /* total weight of the query side */
    double qunit_wmax;         /* the largest weight one query token or run carries */
    uint32_t unit_serial;
    struct nsc__ucache *ucache; /* retrieval results of distinct query units (match/ucache.h) */
    nsc__qunit units[2 * NSC_MAX_TOKENS + NSC_MAX_RUNS]; /* the current query side's units */
    nsc__score_scratch score;                            /* for nsc__score_sides */
} nsc__match_scratch;

/* Builds the index of lists[0..n_lists) into *fz (zeroed), preparing every name in the text
 * scratch ts. On failure *fz holds what was built, for nsc__index_free. Returns 0, NSC_ENOMEM
 * or NSC_EICU. */
int nsc__index_build(nsc__frozen *fz, const nsc__mem *mem, nsc__list *const *lists, size_t n_lists,
                     nsc__text_scratch *ts);
void nsc__index_free(nsc__frozen *fz);
/* Caps the units the shared unit cache of a frozen index takes (tests use it to exercise the
 * private caches, which take over when it is full). */
void nsc__index_set_shared_units(nsc__frozen *fz, size_t units);
/* Builds the side of lname `ln` (pointers into the dictionary). */
void nsc__lname_side(const nsc__frozen *fz, uint32_t ln, nsc__side *out);

/* Sizes the per-lname and per-entry arrays of the scratch for the index and takes a new query
 * serial (clearing the stamps when it wraps). Returns 0 or NSC_ENOMEM. */
int nsc__match_scratch_fit(nsc__match_scratch *ms, const nsc__frozen *fz);
/* Sizes the scratch for the index and writes its pages, so that the first queries take no
 * page faults for them. */
int nsc__index_prepare(nsc__match_scratch *ms, const nsc__frozen *fz);
/* Frees what the scratch holds (not the scratch itself); mem is the index's. */
void nsc__match_scratch_clear(nsc__match_scratch *ms, const nsc__mem *mem);

#endif /* NSC_MATCH_INDEX_H */
