/*
 * ctx.h: the per-thread context that screening borrows from the engine's pool: ICU
 * transliterator clones and buffers, the Han syllable cache, and the screening scratch
 * (prepared query, candidate stamps, similarity memo).
 */
#ifndef NSC_CTX_H
#define NSC_CTX_H

#include <unicode/utrans.h>

#include "engine.h"

enum {
    NSC_TR_ANY = 0,
    NSC_TR_RU_BGN,
    NSC_TR_UK_BGN,
    NSC_TR_AR_BGN,
    NSC_TR_HE_BGN,
    NSC_TR_EL_UNGEGN,
    NSC_TR_HAN,
    NSC_TR_FA_BGN,
    NSC_TR_COUNT
};

#define NSC_UBUF 16384   /* UTF-16 units per buffer: a 4096-byte name grows at most 4x */
#define NSC_HAN_CACHE 1024

struct nsc__ctx {
    const nsc_engine *engine;
    pthread_t owner; /* the thread that acquired it last (engine.c) */
    UTransliterator *tr[NSC_TR_COUNT];
    UChar ubuf[NSC_UBUF], ubuf2[NSC_UBUF];
    char u8buf[4 * NSC_UBUF];
    UChar32 han_cp[NSC_HAN_CACHE];
    char han_py[NSC_HAN_CACHE][12];

    /* screening scratch (screen.c, index.c) */
    nsc__prepared query, other;
    /* per lname: the query serial that last reached it and the query tokens it meets (bit t:
     * token t; index.c) */
    struct nsc__reach { uint32_t stamp, mask; } *reach;
    size_t reach_cap;
    uint32_t serial;
    uint32_t *cands;      /* candidate lnames of the current query */
    size_t n_cands, cap_cands;
    size_t dict_cap;      /* the entries unit_stamp and best hold */
    nsc__memo *memo;
    uint32_t *unit_stamp; /* per dictionary entry: the unit serial that last tested it */
    /* per dictionary entry: its best similarity to any query unit, valid when stamp is the
     * query serial (the bound in screen.c); one array, so that a lookup is one cache line */
    struct nsc__best { double v; uint32_t stamp, qmask; } *best;
    int run_hits;         /* some query token met a list run (its best is set) */
    /* the letters of the query's initials (bit c - 'a') whose pairs with words are implicit
     * (nsc__memo_set_complete): their bests are not in best[], bound() adds them */
    uint32_t implicit_letters;
    uint32_t *ents;       /* the entries met by the current query side (their best is set) */
    size_t n_ents, cap_ents;
    double qw[NSC_MAX_TOKENS]; /* the weights of its tokens */
    double qweight;       /* total weight of the query side */
    double qunit_wmax;    /* the largest weight one query token or run carries */
    uint32_t unit_serial;
    struct nsc__ucache *ucache; /* retrieval results of distinct query units (index.c) */
    uint32_t *ent_slot, *ent_stamp; /* per entity across lists (screen.c) */
    size_t ent_cap;
    uint32_t ent_serial;
};

void nsc__ctx_scratch_free(nsc__ctx *ctx);
/* The query weight of the tokens in a reach mask. */
double nsc__mask_weight(const nsc__ctx *ctx, uint32_t mask);
void nsc__ucache_free(nsc__ctx *ctx);

#endif /* NSC_CTX_H */
