/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/sim.c: token similarity (the best of exact, folded, name variant, skeleton, initial
 * and fuzzy matching) and the optimal string alignment distance, banded and bit-parallel
 * (Hyyro 2003). Every constant is in match/params.h.
 */
#include <stdlib.h>
#include <string.h>

#include "match/sim.h"
#include "util/bits.h"

int nsc__edit_budget(size_t n)
{
    if (n < NSC_BUDGET_1) return 0;
    if (n < NSC_BUDGET_2) return 1;
    if (n < NSC_BUDGET_3) return 2;
    return 3;
}

double nsc__fuzzy_sim(int edits, size_t maxlen, int head)
{
    if (maxlen == 0 || edits > nsc__edit_budget(maxlen)) return 0.0;
    double s = 1.0 - NSC_FUZZY_EDIT_COST * (double)edits / (double)maxlen;
    if (head && edits > 0) s -= NSC_FUZZY_HEAD_COST;
    return s > 0 ? s : 0;
}

int nsc__edit_in_head(const char *a, size_t n, const char *b, size_t m)
{
    /* the first two letters swapped (a typing slip) keep the letters the name starts with */
    if (n >= 2 && m >= 2 && a[0] == b[1] && a[1] == b[0] && a[0] != a[1]) return 0;
    for (size_t i = 0; i < NSC_FUZZY_HEAD; i++)
        if (i >= n || i >= m || a[i] != b[i]) return 1;
    return 0;
}

/* Banded dynamic programming: with at most `budget` edits only cells within `budget` of the
 * diagonal matter; the rest stay at budget + 1 ("too far"). */
int nsc__osa(const char *a, size_t n, const char *b, size_t m, int budget)
{
    int k = budget, inf = budget + 1;
    if ((size_t)abs((int)n - (int)m) > (size_t)k) return inf;
    if (n == 0 || m == 0) return (int)(n + m);
    if (m > NSC_MAX_TOKLEN * 2) return inf;
    int rows[3][NSC_MAX_TOKLEN * 2 + 2];
    int *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m + 1 && j < NSC_MAX_TOKLEN * 2 + 2; j++) {
        pp[j] = cur[j] = inf;
        prev[j] = (int)j <= k ? (int)j : inf;
    }
    for (size_t i = 1; i <= n; i++) {
        size_t lo = i > (size_t)k ? i - (size_t)k : 1, hi = i + (size_t)k < m ? i + (size_t)k : m;
        cur[0] = (int)i <= k ? (int)i : inf;
        if (lo > 1) cur[lo - 1] = inf;
        int rowmin = lo == 1 ? cur[0] : inf;
        for (size_t j = lo; j <= hi; j++) {
            int v = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            if (v > inf) v = inf;
            cur[j] = v;
            if (v < rowmin) rowmin = v;
        }
        if (hi < m) cur[hi + 1] = inf;
        if (rowmin > k) return inf;
        int *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[m] <= k ? prev[m] : inf;
}

void nsc__osa_pat_set(nsc__osa_pat *p, const char *a, size_t n)
{
    p->len = n;
    for (size_t i = 0; i < n && i < 64; i++) p->peq[(unsigned char)a[i]] |= 1ull << i;
}

void nsc__osa_pat_clear(nsc__osa_pat *p, const char *a, size_t n)
{
    for (size_t i = 0; i < n && i < 64; i++) p->peq[(unsigned char)a[i]] = 0;
    p->len = 0;
}

/* Hyyrö's bit-vector OSA distance: the DP column of the pattern (one bit per row) advances by
 * one text byte with a handful of word operations. VP/VN hold the vertical +1/-1 differences,
 * D0 the diagonal zeros; a transposition adds a zero where the byte matched the row below in
 * the previous column while the diagonal there was not already zero. dist tracks the last row. */
int nsc__osa_bp(const nsc__osa_pat *p, const char *b, size_t m, int budget)
{
    size_t n = p->len;
    int inf = budget + 1;
    if ((size_t)abs((int)n - (int)m) > (size_t)budget) return inf;
    if (n == 0 || m == 0) return (int)(n + m);
    if (n > 64) return inf;
    uint64_t vp = n == 64 ? ~0ull : (1ull << n) - 1, vn = 0, d0 = 0, prev_eq = 0;
    uint64_t last = 1ull << (n - 1);
    int dist = (int)n;
    for (size_t j = 0; j < m; j++) {
        uint64_t eq = p->peq[(unsigned char)b[j]];
        uint64_t tr = ((~d0 & eq) << 1) & prev_eq;
        d0 = (((eq & vp) + vp) ^ vp) | eq | vn | tr;
        uint64_t hp = vn | ~(d0 | vp), hn = d0 & vp;
        dist += (hp & last) != 0;
        dist -= (hn & last) != 0;
        /* the last row can fall by at most one per remaining text byte */
        if (dist - (int)(m - 1 - j) > budget) return inf;
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        prev_eq = eq;
    }
    return dist <= budget ? dist : inf;
}

/* Whether strings with these letter sets can be within k edits: each edit puts at most one
 * letter into each set difference. */
static int masks_within(uint64_t a, uint64_t b, int k)
{
    return nsc__popcount64(a & ~b) <= k && nsc__popcount64(b & ~a) <= k;
}

/* Whether the romanization of an abjad token, a (written without short vowels), is the Latin
 * token b with only vowels left out: the letters of a appear in b in order, and every letter
 * of b between them is a vowel (a, e, i, o, u). Both are folded, so that the long vowels the
 * script writes with و and ي are v and i: v meets u or o, i meets e. */
static int vowels_only(const char *a, size_t n, const char *b, size_t m)
{
    size_t i = 0;
    for (size_t j = 0; j < m; j++) {
        if (i < n && (b[j] == a[i] || (a[i] == 'v' && (b[j] == 'u' || b[j] == 'o')) ||
                      (a[i] == 'i' && b[j] == 'e')))
            i++;
        else if (!strchr("aeiou", b[j]))
            return 0;
    }
    return i == n;
}

static void take(nsc__sim *best, double s, int kind, int edits)
{
    if (s > best->s) {
        best->s = s;
        best->kind = (uint8_t)kind;
        best->edits = (uint8_t)edits;
    }
}

nsc__sim nsc__token_sim(const nsc__tokinfo *q, const nsc__tokinfo *l)
{
    return nsc__token_sim_mode(q, l, 0);
}

nsc__sim nsc__token_sim_mode(const nsc__tokinfo *q, const nsc__tokinfo *l, int joined)
{
    return nsc__token_sim_pat(q, NULL, l, joined);
}

nsc__sim nsc__token_sim_pat(const nsc__tokinfo *q, const nsc__osa_pat *pat, const nsc__tokinfo *l,
                            int joined)
{
    nsc__sim best = { .s = 0.0, .kind = NSC_MATCH_UNMATCHED_QUERY, .edits = 0 };
    unsigned fl = (unsigned)q->flags | l->flags;
    if (q->len == l->len && nsc__same(q->s, l->s, q->len)) {
        best.s = 1.0;
        best.kind = (fl & NSC_TOKF_ROMAN) ? NSC_MATCH_TRANSLITERATED : NSC_MATCH_EXACT;
        return best;
    }
    if (fl & NSC_TOKF_NUMBER) return best; /* numbers agree exactly or not at all */
    if (joined && (fl & NSC_TOKF_INITIAL)) return best;
    if (fl & NSC_TOKF_INITIAL) {
        /* an initial meets a longer token with its letter; two initials must be equal */
        if ((q->flags & NSC_TOKF_INITIAL) != (l->flags & NSC_TOKF_INITIAL) && q->s[0] == l->s[0])
            take(&best, NSC_SIM_INITIAL, NSC_MATCH_INITIAL, 0);
        return best;
    }
    if (q->flen == l->flen && q->flen > 0 && nsc__same(q->fold, l->fold, q->flen))
        take(&best, NSC_SIM_TRANSLIT, NSC_MATCH_TRANSLITERATED, 0);
    for (int i = 0; i < 2 && q->nick[i]; i++)
        for (int j = 0; j < 2 && l->nick[j]; j++)
            if (q->nick[i] == l->nick[j])
                take(&best, nsc__nick_is_spelling(q->nick[i]) ? NSC_SIM_SPELLING : NSC_SIM_NICKNAME,
                     NSC_MATCH_NICKNAME, 0);
    if ((fl & NSC_TOKF_ABJAD) && q->sklen == l->sklen && q->sklen > 0 &&
        nsc__same(q->skel, l->skel, q->sklen)) {
        /* a one- or two-consonant skeleton says less than a long one */
        double s = NSC_SIM_SKELETON;
        /* the abjad side is the other with only its short vowels left out: closer than a
         * skeleton alone, which also ignores long vowels and y, w */
        if ((q->flags & NSC_TOKF_ABJAD) != (l->flags & NSC_TOKF_ABJAD)) {
            const nsc__tokinfo *a = (q->flags & NSC_TOKF_ABJAD) ? q : l, *b = a == q ? l : q;
            if (vowels_only(a->fold, a->flen, b->fold, b->flen)) s = NSC_SIM_VOWELED;
        }
        if (q->sklen < 3) s -= NSC_SIM_SKELETON_SHORT * (3 - q->sklen);
        take(&best, s, NSC_MATCH_PHONETIC, 0);
    }
    if (joined || best.s >= NSC_SIM_TRANSLIT) return best; /* no fuzzy match can beat it */
    /* an edit inside a Chinese or Korean syllable makes another name (Zhang, Zhao, Chang) */
    if (fl & NSC_TOKF_HAN) return best;
    size_t maxlen = q->len > l->len ? q->len : l->len;
    /* a token of three letters romanized from an abjad is its root's consonants, written
     * without vowels: one edit makes another root (nsr, nur) */
    if ((fl & NSC_TOKF_ABJAD) && maxlen <= 3) return best;
    int k = nsc__edit_budget(maxlen);
    if (k > 0 && masks_within(q->mask, l->mask, k)) {
        int d =
            pat ? nsc__osa_bp(&pat[0], l->s, l->len, k) : nsc__osa(q->s, q->len, l->s, l->len, k);
        if (d <= k)
            take(&best, nsc__fuzzy_sim(d, maxlen, nsc__edit_in_head(q->s, q->len, l->s, l->len)),
                 NSC_MATCH_FUZZY, d);
    }
    size_t fmax = q->flen > l->flen ? q->flen : l->flen;
    int fk = nsc__edit_budget(fmax);
    if (fk > 0 && masks_within(q->fmask, l->fmask, fk)) {
        int d = pat ? nsc__osa_bp(&pat[1], l->fold, l->flen, fk)
                    : nsc__osa(q->fold, q->flen, l->fold, l->flen, fk);
        if (d <= fk)
            take(&best,
                 NSC_FOLD_FUZZY_FACTOR *
                     nsc__fuzzy_sim(d, fmax, nsc__edit_in_head(q->fold, q->flen, l->fold, l->flen)),
                 NSC_MATCH_FUZZY, d);
    }
    return best;
}
