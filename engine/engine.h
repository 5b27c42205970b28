/*
 * engine.h: the engine object and the matcher's internal interfaces: name preparation
 * (normalize.c, translit.c, tokenize.c), token similarity and name scoring (score.c), the
 * frozen index (index.c) and screening (screen.c, hits.c).
 */
#ifndef NSC_ENGINE_H
#define NSC_ENGINE_H

#include <pthread.h>
#include <stdint.h>

#include "model.h"

/* ---- prepared names ---------------------------------------------------------------------- */

/* Token flags. */
#define NSC_TOKF_LEGAL 0x01u    /* a legal form (Ltd, GmbH, 有限公司): no weight, never decisive */
#define NSC_TOKF_GENERIC 0x02u  /* a generic word (science, trading, bank): low weight */
#define NSC_TOKF_STOP 0x04u     /* and, of, the: almost no weight */
#define NSC_TOKF_PARTICLE 0x08u /* al, bin, van, de, von: low weight */
#define NSC_TOKF_NUMBER 0x10u   /* digits or a roman numeral: must agree */
#define NSC_TOKF_ABJAD 0x20u    /* romanized from Arabic or Hebrew script: vowels are guesses */
#define NSC_TOKF_ROMAN 0x40u    /* romanized from a non-Latin script */
#define NSC_TOKF_INITIAL 0x80u  /* a single letter */

#define NSC_MAX_TOKENS 24     /* tokens kept per prepared name; the rest are dropped */
#define NSC_MAX_TOKLEN 63     /* bytes per token (ASCII after romanization); longer is cut */
#define NSC_MAX_NAME_BYTES 4096
#define NSC_MAX_RUN 3         /* tokens joined at most into one (van der bilt = vanderbilt) */

/* What the scorer knows of a token: its forms, filters and weight. The same struct describes
 * query tokens, list tokens and joined runs of tokens (the dictionary in index.c). */
typedef struct nsc__tokinfo {
    const char *s, *fold, *skel;   /* normalized ASCII; romanization-folded; consonant skeleton */
    uint8_t len, flen, sklen;
    uint8_t flags;                 /* NSC_TOKF_* (for a run: the union of its tokens' flags) */
    uint64_t mask, fmask;          /* letters and digits present in s / fold (filters) */
    uint16_t nick[2];              /* name-variant classes (tokenize.c), 0 = none */
    uint8_t role;                  /* dictionary entries: NSC_ROLE_SINGLE and/or NSC_ROLE_RUN */
    double weight;
} nsc__tokinfo;

#define NSC_ROLE_SINGLE 1u
#define NSC_ROLE_RUN 2u

/* A token with its own storage (query side and name preparation). */
typedef struct nsc__qtok {
    nsc__tokinfo ti;
    char s[NSC_MAX_TOKLEN + 1], fold[NSC_MAX_TOKLEN + 1], skel[NSC_MAX_TOKLEN + 1];
} nsc__qtok;

/* One romanization of a name, tokenized; legal forms are kept but flagged. */
typedef struct nsc__pname {
    nsc__qtok tok[NSC_MAX_TOKENS];
    int n;
    int lossy; /* a romanization that folds distinctions (Korean eo/o): two lossy variants
                  never meet, or 김종은 would equal 김정은 */
} nsc__pname;

#define NSC_MAX_VARIANTS 6

/* A name prepared for matching: up to NSC_MAX_VARIANTS romanizations. */
typedef struct nsc__prepared {
    nsc__pname v[NSC_MAX_VARIANTS];
    int nv;
} nsc__prepared;

/* Per-thread state: ICU transliterators are not thread-safe, so each context owns clones. */
typedef struct nsc__ctx nsc__ctx;

/* Normalizes and romanizes `name` (valid UTF-8) into up to `max` ASCII strings (tokens
 * separated by single spaces) written to out[i] (each NSC_MAX_NAME_BYTES). *flags receives
 * NSC_TOKF_ROMAN when another script was romanized, plus NSC_TOKF_ABJAD for Arabic or Hebrew;
 * bit i of *lossy_mask marks variant i as lossy (see nsc__pname).
 * Returns the number of variants (>= 1), or a negative code. */
int nsc__romanize(nsc__ctx *ctx, const char *name, size_t len, char out[][NSC_MAX_NAME_BYTES],
                  int max, unsigned *flags, unsigned *lossy_mask);

/* Prepares `name`: romanization variants, tokens, flags, folded forms, skeletons, weights.
 * A comma in a name of a person written "SURNAME, Given" moves the given names first.
 * Returns 0 or a negative code. */
int nsc__prepare(nsc__ctx *ctx, nsc__prepared *out, const char *name, size_t len,
                 int surname_first);

/* Fills the derived fields of a token whose text is in t->s (fold, skeleton, masks,
 * nickname classes, flags from the tables, weight). extra_flags are ORed in. */
void nsc__qtok_finish(nsc__qtok *t, unsigned extra_flags);

size_t nsc__fold_token(char *out, const char *tok, size_t len);
size_t nsc__skeleton(char *out, const char *tok, size_t len);
uint64_t nsc__charmask(const char *s, size_t len);
/* Name-variant classes of a token: up to 2 class ids written to cls; returns how many. */
int nsc__nick_classes(const char *tok, size_t len, uint16_t cls[2]);
/* Whether class c groups spelling variants (Mohammed/Muhammad) rather than nicknames. */
int nsc__nick_is_spelling(uint16_t c);
/* Every token of class c, for the index: calls fn(arg, token) for each. */
void nsc__nick_members(uint16_t c, void (*fn)(void *arg, const char *tok), void *arg);
double nsc__token_weight(const char *tok, size_t len, unsigned flags);

/* An exact-match hash index over a static table of records (strtab.c): key(rec) gives a
 * record's NUL-terminated key; slots (a power of two, at least twice the records) hold record
 * index + 1. Of records with equal keys, the first is found. */
typedef struct nsc__strtab {
    uint16_t *slot;
    size_t mask;
    const void *base;
    size_t stride;
    const char *(*key)(const void *rec);
} nsc__strtab;
int nsc__strtab_init(nsc__strtab *t, uint16_t *slots, size_t nslots, const void *base, size_t n,
                     size_t stride, const char *(*key)(const void *rec));
/* The key of a record whose first member is its key (a const char *). */
const char *nsc__strtab_first_key(const void *rec);
/* The index of the first record whose key is s[0..n), or -1 (also on a zeroed table that
 * nsc__strtab_init refused). */
long nsc__strtab_find(const nsc__strtab *t, const char *s, size_t n);

/* ---- scoring ------------------------------------------------------------------------------ */

/* Similarity of a pair and how it was found. */
typedef struct nsc__sim {
    double s;
    uint8_t kind;  /* nsc_match_kind */
    uint8_t edits;
} nsc__sim;

/* Similarities, kept as named constants; README "What a score means" explains them. */
#define NSC_SIM_TRANSLIT 0.95  /* identical after romanization folding */
#define NSC_SIM_SPELLING 0.95  /* spelling variants of one name (Mohammed/Muhammad) */
#define NSC_SIM_NICKNAME 0.90  /* nickname (Bill/William) */
#define NSC_SIM_SKELETON 0.90  /* same consonant skeleton, one side from Arabic/Hebrew script */
#define NSC_SIM_INITIAL 0.70   /* an initial against a token with that letter */
#define NSC_SIM_PARTICLE_TYPO 0.70 /* a particle of 2-3 letters one edit away (xal / al) */
#define NSC_SIM_SHORT_SWAP 0.70 /* two adjacent letters swapped in a three-letter token (sko / sok) */
#define NSC_SIM_JOINED 0.98    /* tokens written apart on one side, together on the other */
#define NSC_FOLD_FUZZY_FACTOR 0.97 /* a fuzzy match of folded forms keeps this share */
/* No token similarity is positive and below this: the smallest are an initial, a particle
 * typo or a short swap (0.70) and a
 * folded fuzzy match at the edit budget (0.97 * (1 - 0.9 * 1/4) = 0.75). Retrieval at this
 * level therefore finds every nonzero pair (index.c). tests/test_index.c checks it. */
#define NSC_SIM_MIN_NONZERO 0.70

/* Unmatched query tokens weigh this share of their weight (score.c explains the value). */
#ifndef NSC_QUERY_UNMATCHED_FACTOR
#define NSC_QUERY_UNMATCHED_FACTOR 0.95
#endif
/* Unmatched list tokens weigh this share of their weight (score.c explains the value). */
#ifndef NSC_LIST_UNMATCHED_FACTOR
#define NSC_LIST_UNMATCHED_FACTOR 0.6
#endif

/* Bonuses that can raise a score; their sum bounds the candidate filter (index.c). */
#define NSC_BONUS_ORDER 0.02
#define NSC_BONUS_DOB 0.05
#define NSC_BONUS_COUNTRY 0.03
#define NSC_BONUS_ID 0.10
#define NSC_BONUS_MAX (NSC_BONUS_ORDER + NSC_BONUS_DOB + NSC_BONUS_COUNTRY + NSC_BONUS_ID)

/* Similarity of two tokens (or joined runs) as the scorer sees it: the best of exact, folded,
 * name-variant, skeleton, fuzzy and initial matching; exactly 0 when nothing applies. A pure
 * function of the two tokinfos: the index relies on that (index.c). */
nsc__sim nsc__token_sim(const nsc__tokinfo *q, const nsc__tokinfo *l);
/* With joined set: the similarity of a token against a joined run of tokens (or of a joined
 * run against a token), which must meet without edits: exact, folded, name variant or
 * skeleton ("vanderbilt" = "van der bilt"); initials and fuzzy matches do not count. */
nsc__sim nsc__token_sim_mode(const nsc__tokinfo *q, const nsc__tokinfo *l, int joined);

/* A word, as initials meet it (an initial against a word of its letter, NSC_SIM_INITIAL):
 * starts with a letter, is neither an initial nor a number. The scorer and the index must agree
 * on it. */
static inline int nsc__is_word(const nsc__tokinfo *t)
{
    return t->s[0] >= 'a' && t->s[0] <= 'z' && !(t->flags & (NSC_TOKF_INITIAL | NSC_TOKF_NUMBER));
}

/* Whether n bytes are equal: for the short strings of tokens a loop beats a call of memcmp. */
static inline int nsc__same(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

/* SWAR population count: Debian's x86-64 baseline has no POPCNT instruction, and the libgcc
 * fallback is a call. */
static inline int nsc__popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (int)((x * 0x0101010101010101ull) >> 56);
}

/* The edit budget for a token of length n: edits beyond it make the similarity 0. */
int nsc__edit_budget(size_t n);
/* Optimal string alignment distance, or budget+1 when it exceeds `budget`. */
int nsc__osa(const char *a, size_t alen, const char *b, size_t blen, int budget);
/* A token prepared for bit-parallel OSA distance (Hyyrö 2003): for every byte value, the bit
 * set of its positions in the token. NSC_MAX_TOKLEN < 64, so one word holds a token. */
typedef struct nsc__osa_pat {
    uint64_t peq[256];
    size_t len;
} nsc__osa_pat;
/* Prepares p for token a; nsc__osa_pat_clear undoes it (p must start zeroed). */
void nsc__osa_pat_set(nsc__osa_pat *p, const char *a, size_t alen);
void nsc__osa_pat_clear(nsc__osa_pat *p, const char *a, size_t alen);
/* nsc__osa(a, alen, b, blen, budget) for the token a that p was prepared with. */
int nsc__osa_bp(const nsc__osa_pat *p, const char *b, size_t blen, int budget);
/* nsc__token_sim_mode with q's string and fold prepared in pat[0] and pat[1] (retrieval tests
 * thousands of entries against one query token). */
nsc__sim nsc__token_sim_pat(const nsc__tokinfo *q, const nsc__osa_pat *pat, const nsc__tokinfo *l,
                            int joined);
/* Similarity of a fuzzy match with `edits` edits between tokens of the given lengths. */
double nsc__fuzzy_sim(int edits, size_t maxlen);

/* One side of a comparison: scored tokens (legal forms left out) and joined runs of 2..3
 * adjacent tokens. `id` values are dictionary ids (index.c) or NSC_NOID; they key the
 * similarity memo. */
#define NSC_NOID UINT32_MAX
#define NSC_MAX_RUNS (NSC_MAX_TOKENS * (NSC_MAX_RUN - 1))

typedef struct nsc__run {
    uint8_t start, len;
    const nsc__tokinfo *ti;
    uint32_t id;
} nsc__run;

typedef struct nsc__side {
    const nsc__tokinfo *tok[NSC_MAX_TOKENS];
    uint32_t id[NSC_MAX_TOKENS];
    int n;
    nsc__run run[NSC_MAX_RUNS];
    int nrun;
} nsc__side;

/* A similarity memo for one query side: keyed by (query token or run, list dictionary id). */
typedef struct nsc__memo nsc__memo;

nsc__memo *nsc__memo_new(const nsc__mem *mem);
void nsc__memo_free(nsc__memo *m);
/* Empties the memo for a new query side (and marks it incomplete). */
void nsc__memo_reset(nsc__memo *m);
/* Stores a similarity; NSC_ENOMEM when the memo cannot grow. */
int nsc__memo_put(nsc__memo *m, uint32_t qi, uint32_t lid, nsc__sim v);
/* Stores a similarity in the row of dictionary id lid (n_dict: the dictionary's size), for a
 * complete memo; NSC_ENOMEM when it cannot grow. */
int nsc__memo_add(nsc__memo *m, uint32_t unit, uint32_t lid, size_t n_dict, nsc__sim v);
/* Declares that every nonzero similarity of the side is in the rows (retrieval found them all),
 * except, with implicit_initials, those of a query initial with a list word (a token that is
 * neither an initial nor a number) of its letter, NSC_SIM_INITIAL each, which the scorer adds
 * itself: an initial meets thousands of words. */
void nsc__memo_set_complete(nsc__memo *m, int complete, int implicit_initials);
/* Memo keys of query units: token i is i, run r is NSC_MAX_TOKENS + r, and token i against
 * list runs (joined similarity) is NSC_MEMO_JOIN(i). */
#define NSC_MEMO_RUN(r) ((uint32_t)(NSC_MAX_TOKENS + (r)))
#define NSC_MEMO_JOIN(i) ((uint32_t)(NSC_MAX_TOKENS + NSC_MAX_RUNS + (i)))

/* One pairing in a scored match, for the explanation. */
typedef struct nsc__pair {
    uint8_t q0, qn;  /* query tokens q0 .. q0+qn-1 (qn = 0: none) */
    uint8_t l0, ln;  /* list tokens */
    uint8_t kind;
    uint8_t edits;
    double s;
    double w;        /* weight this pairing carries */
} nsc__pair;

typedef struct nsc__match {
    double score;    /* name score before evidence, 0..1 */
    int all_exact;   /* every token on both sides matched exactly */
    int in_order;
    nsc__pair pair[2 * NSC_MAX_TOKENS];
    int npair;
} nsc__match;

/* Builds a side from a prepared name: legal forms left out, runs built in `runs` (room for
 * NSC_MAX_RUNS). Pointers into p and runs. */
int nsc__side_from_pname(nsc__side *side, const nsc__pname *p, nsc__qtok *runs);

/* Scores query side q against list side l (order-free alignment). memo may be NULL. */
void nsc__score_sides(nsc__match *out, const nsc__side *q, const nsc__side *l, nsc__memo *memo);

/* ---- the frozen index --------------------------------------------------------------------- */

/* A list name variant as the index keeps it: its tokens and runs as dictionary ids. */
typedef struct nsc__lname {
    uint32_t list;       /* list index */
    uint32_t entity;     /* entity index within the list */
    uint32_t gentity;    /* entity number across all lists */
    const nsc__name *name;
    uint32_t tok_off, run_off;
    uint8_t ntok, nrun;
    uint8_t lossy;
    uint8_t etype;       /* the entity's type, kept here so that filters touch no entity */
} nsc__lname;

typedef struct nsc__lrun {
    uint8_t start, len;
    uint32_t id;
} nsc__lrun;

typedef struct nsc__index nsc__index; /* index.c */

struct nsc_engine {
    nsc__mem mem;
    nsc_engine_options opts;
    nsc__list **lists;
    size_t n_lists, cap_lists;
    int frozen;
    char errmsg[NSC__ERRMSG_CAP];

    /* built by freeze (index.c) */
    nsc__index *index;
    nsc__lname *lnames;
    size_t n_lnames;
    uint32_t *ltok;      /* dictionary ids of lname tokens */
    uint8_t *lfirst;     /* beside them: the first letter of a word (not an initial, not a
                            number), which query initials meet; 0 for other tokens */
    double *lweight;     /* their weights, beside them for the candidate bound */
    /* per lname, for the candidate conditions (index.c): the sum of its token weights, and the
     * first letters (bit c - 'a') of its words and of its initials, which initials meet */
    struct nsc__lmeta { double wsum; uint32_t words, initials; } *lmeta;
    nsc__lrun *lrun;     /* runs of lname tokens */
    const nsc__tokinfo *dict; /* the dictionary: distinct tokens and runs */
    size_t n_dict;
    size_t n_gentities;  /* entities across all lists */
    size_t *list_base;   /* gentity of each list's first entity */

    /* per-thread contexts: a free list guarded by a mutex */
    pthread_mutex_t ctx_lock;
    nsc__ctx **ctx_free;
    size_t n_ctx_free, cap_ctx_free;
    void *translit_proto; /* opened transliterators cloned into contexts (translit.c) */
};

/* Caps the units the shared unit cache of a frozen engine takes (index.c; tests use it to
 * exercise the private caches, which take over when it is full). */
void nsc__index_set_shared_units(nsc_engine *e, size_t units);
int nsc__ctx_acquire(const nsc_engine *e, nsc__ctx **out);
void nsc__ctx_release(const nsc_engine *e, nsc__ctx *ctx);
int nsc__ctx_new(const nsc_engine *e, nsc__ctx **out);
/* Builds everything a context's queries would otherwise build on first use: transliterator
 * clones of every script (translit.c), the index's and screening's scratch, written through
 * (index.c, screen.c). For nsc_engine_prepare_threads(). */
int nsc__ctx_prepare(const nsc_engine *e, nsc__ctx *ctx);
int nsc__translit_prepare(nsc__ctx *ctx);
int nsc__index_prepare(nsc__ctx *ctx, const nsc_engine *e);
void nsc__ctx_free(nsc__ctx *ctx);
void nsc__translit_proto_free(nsc_engine *e);

int nsc__index_build(nsc_engine *e);
void nsc__index_free(nsc_engine *e);
/* Collects into ctx->cands every lname that may score at or above `floor` against the query
 * side q (a superset of them: see the argument in index.c), each once, in no set order, and
 * stores in ctx->memo every nonzero similarity between q's units and the dictionary, marking
 * the memo complete. */
int nsc__index_candidates(const nsc_engine *e, nsc__ctx *ctx, const nsc__side *q, double floor,
                          double threshold, double max_bonus);
/* Builds the side of lname `ln` (pointers into the dictionary). */
void nsc__lname_side(const nsc_engine *e, uint32_t ln, nsc__side *out);

#endif /* NSC_ENGINE_H */
