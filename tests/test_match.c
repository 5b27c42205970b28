/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_match.c: the matcher as specified by tables: normalization and romanization
 * (data/match/normalize.tsv), name pairs that must or must not meet at the default threshold
 * (data/match/pairs.tsv), and unit cases of the tokenizer (legal forms, numbers, titles,
 * folds, skeletons), the token similarity (edit budget, graded near misses, initials,
 * nicknames, joined runs), contradictions that long names cannot dilute, and the
 * explanation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "api/ctx.h"
#include "api/engine.h"
#include "match/params.h"
#include "match/sim.h"
#include "text/tokenize.h"

#include "compare_fixture.h"

/* Calls fn(fields, n, line) for each non-comment line of a TSV file under data/match/. */
static void each_row(const char *name, void (*fn)(char **f, int n, int line))
{
    char path[1024];
    snprintf(path, sizeof path, "%s/match/%s", NSC_TEST_DATA, name);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char buf[2048];
    int line = 0, rows = 0;
    while (fgets(buf, sizeof buf, fp)) {
        line++;
        buf[strcspn(buf, "\r\n")] = '\0';
        if (buf[0] == '#' || buf[0] == '\0') continue;
        char *f[8];
        int n = 0;
        for (char *p = buf; n < 8;) {
            f[n++] = p;
            char *t = strchr(p, '\t');
            if (!t) break;
            *t = '\0';
            p = t + 1;
        }
        fn(f, n, line);
        rows++;
    }
    fclose(fp);
    assert_true(rows > 10);
}

static void normalize_row(char **f, int n, int line)
{
    assert_true(n >= 2);
    char out[4096];
    long len = nsc_normalize(out, sizeof out, engine, f[0]);
    if (len < 0 || strcmp(out, f[1]) != 0)
        fail_msg("normalize.tsv:%d: \"%s\" gave \"%s\", want \"%s\"", line, f[0], out, f[1]);
}

static void test_normalize_table(void **state)
{
    (void)state;
    each_row("normalize.tsv", normalize_row);
}

static void pair_row(char **f, int n, int line)
{
    assert_true(n >= 3);
    const char *expl;
    double s = compare(f[0], f[1], &expl);
    int ok = strcmp(f[2], "exact") == 0  ? s == 1.0
             : strcmp(f[2], "hit") == 0  ? s >= NSC_DEFAULT_THRESHOLD && s < 1.0 + 1e-12
             : strcmp(f[2], "miss") == 0 ? s < NSC_DEFAULT_THRESHOLD
                                         : 0;
    if (!ok)
        fail_msg("pairs.tsv:%d: \"%s\" / \"%s\" scored %.4f, want %s (%s)\n  %s", line, f[0], f[1],
                 s, f[2], n > 3 ? f[3] : "", expl);
}

static void test_pairs_table(void **state)
{
    (void)state;
    each_row("pairs.tsv", pair_row);
}

/* Prepares a name and returns its first variant's tokens as "tok/FLAGS tok/FLAGS". */
static const char *tokens(const char *name)
{
    static char out[1024];
    nsc__ctx *ctx;
    assert_int_equal(nsc__ctx_acquire(engine, &ctx), 0);
    assert_int_equal(nsc__prepare(&ctx->text, &ctx->query, name, strlen(name), 0), 0);
    size_t w = 0;
    const nsc__pname *p = &ctx->query.v[0];
    for (int i = 0; i < p->n; i++) {
        unsigned fl = p->tok[i].ti.flags;
        w += (size_t)snprintf(out + w, sizeof out - w, "%s%s%s%s%s%s%s", i ? " " : "", p->tok[i].s,
                              fl & NSC_TOKF_LEGAL ? "/L" : "", fl & NSC_TOKF_NUMBER ? "/N" : "",
                              fl & NSC_TOKF_STOP ? "/S" : "", fl & NSC_TOKF_GENERIC ? "/G" : "",
                              fl & NSC_TOKF_PARTICLE ? "/P" : "");
    }
    nsc__ctx_release(engine, ctx);
    return out;
}

static void test_tokenizer(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "Acme Trading Co., Ltd.", "acme trading/G co/L ltd/L" },
        { "Foo S.A.", "foo s/L a/L" },
        { "Bar Sp. z o.o.", "bar sp/L z/L o/L o/L" },
        { "OOO Romashka", "ooo/L romashka" },
        { "Fund XII LP", "fund/G 12/N lp/L" },
        { "Brigade Forty-Four", "brigade 44/N" },
        { "Mr. John al-Rashid", "mr/S john al/P rashid" },
        { "Bank of China", "bank/G of/S china" },
        { "Int'l Bank of Zug", "international/G bank/G of/S zug" },
        { "Xi Jinping", "xi jinping" }, /* a roman numeral first is a name */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = tokens(cases[i][0]);
        if (strcmp(got, cases[i][1]) != 0)
            fail_msg("\"%s\": \"%s\", want \"%s\"", cases[i][0], got, cases[i][1]);
    }
}

static void test_fold_and_skeleton(void **state)
{
    (void)state;
    static const char *const folds[][2] = {
        { "aleksandr", "aleksandr" }, { "alexandr", "aleksandr" }, { "yevgeny", "evgeni" },
        { "evgenij", "evgeni" },      { "wladimir", "vladimir" },  { "yousef", "iusef" },
        { "abdullah", "abdala" },     { "mueller", "muler" },      { "khaled", "haled" },
        { "dijkstra", "dikstra" },    { "hijazi", "hijasi" },      { "khadija", "hadija" },
    };
    for (size_t i = 0; i < sizeof folds / sizeof folds[0]; i++) {
        char out[NSC_MAX_TOKLEN + 1];
        nsc__fold_token(out, folds[i][0], strlen(folds[i][0]));
        if (strcmp(out, folds[i][1]) != 0)
            fail_msg("fold(%s) = %s, want %s", folds[i][0], out, folds[i][1]);
    }
    static const char *const skels[][2] = {
        { "muhammad", "mhmd" }, { "mhmd", "mhmd" },     { "hussein", "hsn" },
        { "hsyn", "hsn" },      { "abdullah", "bdlh" }, { "bdallh", "bdlh" },
    };
    for (size_t i = 0; i < sizeof skels / sizeof skels[0]; i++) {
        char out[NSC_MAX_TOKLEN + 1];
        nsc__skeleton(out, skels[i][0], strlen(skels[i][0]));
        if (strcmp(out, skels[i][1]) != 0)
            fail_msg("skeleton(%s) = %s, want %s", skels[i][0], out, skels[i][1]);
    }
}

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(nsc__osa("john", 4, "jon", 3, 1), 1);
    assert_int_equal(nsc__osa("abcd", 4, "abdc", 4, 2), 1); /* a transposition is one edit */
    assert_int_equal(nsc__osa("sancho", 6, "sanchez", 7, 3), 2);
    assert_int_equal(nsc__osa("kitten", 6, "sitting", 7, 1), 2); /* over budget: budget + 1 */
    assert_int_equal(nsc__osa("", 0, "ab", 2, 2), 2);
}

/* The edit budget and the graded near-miss similarity (match/params.h), as a table: credit
 * falls with the share of the token edited, falls further for an edit in the first letter, is
 * positive up to the budget and exactly 0 one edit past it. */
static void test_graded_similarity(void **state)
{
    (void)state;
    /* retrieval bounds an unmatched query token by the smaller of the two factors */
    assert_true(NSC_QUERY_INNER_FACTOR <= NSC_QUERY_UNMATCHED_FACTOR);
    static const struct {
        size_t n;
        int budget;
    } budgets[] = { { 1, 0 }, { 2, 0 },  { 3, 1 },  { 4, 1 }, { 7, 1 },
                    { 8, 2 }, { 11, 2 }, { 12, 3 }, { 63, 3 } };
    for (size_t i = 0; i < sizeof budgets / sizeof budgets[0]; i++)
        if (nsc__edit_budget(budgets[i].n) != budgets[i].budget)
            fail_msg("budget(%zu) = %d, want %d", budgets[i].n, nsc__edit_budget(budgets[i].n),
                     budgets[i].budget);
    static const struct {
        int d;
        size_t m;
        int head;
        double want;
    } sims[] = {
        { 0, 3, 0, 1.0 },    { 1, 3, 0, 0.70 },  { 1, 3, 1, 0.65 },  { 2, 3, 0, 0.0 },
        { 1, 4, 0, 0.775 },  { 1, 4, 1, 0.725 }, { 2, 4, 0, 0.0 },   { 1, 5, 0, 0.82 },
        { 2, 5, 0, 0.0 },    { 2, 7, 0, 0.0 },   { 2, 8, 0, 0.775 }, { 2, 8, 1, 0.725 },
        { 3, 8, 0, 0.0 },    { 2, 10, 0, 0.82 }, { 3, 11, 0, 0.0 },  { 3, 12, 0, 0.775 },
        { 3, 12, 1, 0.725 }, { 4, 12, 0, 0.0 },  { 1, 2, 0, 0.0 }, /* no edit below three letters */
    };
    for (size_t i = 0; i < sizeof sims / sizeof sims[0]; i++) {
        double got = nsc__fuzzy_sim(sims[i].d, sims[i].m, sims[i].head);
        if (got < sims[i].want - 1e-9 || got > sims[i].want + 1e-9)
            fail_msg("fuzzy_sim(%d, %zu, %d) = %.4f, want %.4f", sims[i].d, sims[i].m, sims[i].head,
                     got, sims[i].want);
    }
    /* over every length: more edits score less, the same edits in a longer token more, an edit
     * in the first letter less; the zero point is one edit past the budget */
    for (size_t m = 1; m < NSC_MAX_TOKLEN; m++) {
        int k = nsc__edit_budget(m);
        assert_true(nsc__fuzzy_sim(k + 1, m, 0) == 0.0);
        for (int d = 1; d <= k; d++) {
            double s = nsc__fuzzy_sim(d, m, 0);
            assert_true(s > 0.0 && nsc__fuzzy_sim(d, m, 1) < s);
            assert_true(nsc__fuzzy_sim(d - 1, m, 0) > s);
            assert_true(nsc__fuzzy_sim(d, m + 1, 0) > s);
        }
    }
    /* the head: a different first letter is in it, the first two letters swapped are not */
    static const struct {
        const char *a, *b;
        int head;
    } heads[] = {
        { "faiz", "afiz", 0 }, { "faiz", "haiz", 1 },   { "faiz", "fiaz", 0 },
        { "faiz", "aiz", 1 },  { "aaron", "aaorn", 0 }, { "ab", "ba", 0 },
    };
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        if (nsc__edit_in_head(heads[i].a, strlen(heads[i].a), heads[i].b, strlen(heads[i].b)) !=
            heads[i].head)
            fail_msg("edit_in_head(%s, %s) != %d", heads[i].a, heads[i].b, heads[i].head);
}

/* The similarity of two single tokens, prepared as the tokenizer prepares them. */
static nsc__sim token_pair(const char *a, const char *b)
{
    static nsc__qtok x, y;
    memset(&x, 0, sizeof x);
    memset(&y, 0, sizeof y);
    snprintf(x.s, sizeof x.s, "%s", a);
    snprintf(y.s, sizeof y.s, "%s", b);
    nsc__qtok_finish(&x, 0);
    nsc__qtok_finish(&y, 0);
    return nsc__token_sim(&x.ti, &y.ti);
}

/* Near misses between tokens: one edit from three letters, two from eight, the first letter
 * costing more, nothing past the budget. Tokens without the letters the romanization fold
 * rewrites, so the raw fuzzy match is the best one. */
static void test_near_miss_tokens(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        int edits;
        double want;
    } cases[] = {
        { "sok", "sko", 1, 0.70 },     /* a swap in three letters */
        { "bor", "bar", 1, 0.70 },     /* one edit in three letters */
        { "dor", "bor", 1, 0.65 },     /* ... in the first letter */
        { "bor", "rob", 0, 0.0 },      /* two edits in three letters: past the budget */
        { "pardo", "pordo", 1, 0.82 }, /* one edit in five */
        { "pardo", "tardo", 1, 0.77 }, /* ... in the first letter */
        { "pardo", "purdi", 0, 0.0 },  /* two edits in five: past the budget */
        { "pardo", "odrap", 0, 0.0 },  /* far past the budget */
        { "santelmo", "santalmo", 1, 0.8875 },
        { "santelmo", "sontalmo", 2, 0.775 },
        { "santelmo", "sontalma", 0, 0.0 }, /* three edits in eight: past the budget */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nsc__sim v = token_pair(cases[i].a, cases[i].b);
        if (v.s < cases[i].want - 1e-9 || v.s > cases[i].want + 1e-9 ||
            (cases[i].want > 0 && (v.kind != NSC_MATCH_FUZZY || v.edits != cases[i].edits)))
            fail_msg("%s ~ %s: sim %.4f kind %d edits %d, want %.4f with %d edits", cases[i].a,
                     cases[i].b, v.s, v.kind, v.edits, cases[i].want, cases[i].edits);
    }
}

/* A contradicted distinctive token (a different family name) is not diluted by the tokens
 * that agree: however long the shared chain, the names stay below the threshold, and below the
 * same names with the family name omitted on one side. */
static void test_contradiction_not_diluted(void **state)
{
    (void)state;
    static const char *const chain[] = { "Rashid", "bin",    "Hamdan", "bin",  "Saqr",
                                         "bin",    "Sultan", "bin",    "Zayed" };
    char common[256] = "";
    for (size_t n = 0; n < sizeof chain / sizeof chain[0]; n++) {
        if (n) strcat(common, " ");
        strcat(common, chain[n]);
        if (n % 2) continue; /* end the chain on a name, not a particle */
        char a[320], b[320];
        snprintf(a, sizeof a, "%s al-Qasimi", common);
        snprintf(b, sizeof b, "%s al-Nuaimi", common);
        double contradicted = compare(a, b, NULL), omitted = compare(common, b, NULL);
        if (contradicted > NSC_CONTRADICTION_CAP + NSC_BONUS_ORDER + 1e-9 || contradicted >= 0.80 ||
            contradicted >= omitted)
            fail_msg("%s / %s: %.4f (omitted: %.4f)", a, b, contradicted, omitted);
    }
    /* the cap needs a contradiction on both sides: an extra family name on one side only is an
     * omission, which long agreeing names still match */
    assert_true(compare("Rashid bin Hamdan bin Saqr bin Sultan",
                        "Rashid bin Hamdan bin Saqr bin Sultan al-Nuaimi", NULL) >= 0.80);
}

/* The bit-parallel OSA distance (retrieval) must equal the dynamic programme (scoring) on every
 * pair: random tokens over small and large alphabets, edited copies (insertions, deletions,
 * substitutions, adjacent swaps) and unrelated strings, up to the longest token. */
static void test_bit_parallel_osa(void **state)
{
    (void)state;
    static nsc__osa_pat pat; /* zeroed; nsc__osa_pat_clear keeps it so */
    static const char *alpha[] = { "ab", "abcd", "abcdefghijklmnopqrstuvwxyz0123456789" };
    uint64_t x = 0x9E3779B97F4A7C15ull;
#define RND() (x ^= x << 13, x ^= x >> 7, x ^= x << 17, x)
    for (int it = 0; it < 300000; it++) {
        const char *al = alpha[it % 3];
        size_t na = strlen(al);
        char a[NSC_MAX_TOKLEN + 8], b[NSC_MAX_TOKLEN + 8];
        size_t la = it % 97 == 0 ? NSC_MAX_TOKLEN : RND() % 16, lb;
        for (size_t i = 0; i < la; i++) a[i] = al[RND() % na];
        if (RND() % 2) {
            memcpy(b, a, la);
            lb = la;
            for (int e = (int)(RND() % 5); e > 0; e--) {
                size_t pos = RND() % (lb + 1);
                switch (RND() % 4) {
                case 0:
                    if (lb < NSC_MAX_TOKLEN) {
                        memmove(b + pos + 1, b + pos, lb - pos);
                        b[pos] = al[RND() % na];
                        lb++;
                    }
                    break;
                case 1:
                    if (pos < lb) {
                        memmove(b + pos, b + pos + 1, lb - pos - 1);
                        lb--;
                    }
                    break;
                case 2:
                    if (pos < lb) b[pos] = al[RND() % na];
                    break;
                default:
                    if (pos + 1 < lb) {
                        char t = b[pos];
                        b[pos] = b[pos + 1];
                        b[pos + 1] = t;
                    }
                    break;
                }
            }
        } else {
            lb = RND() % 16;
            for (size_t i = 0; i < lb; i++) b[i] = al[RND() % na];
        }
        int budget = (int)(RND() % 5);
        nsc__osa_pat_set(&pat, a, la);
        int want = nsc__osa(a, la, b, lb, budget), got = nsc__osa_bp(&pat, b, lb, budget);
        nsc__osa_pat_clear(&pat, a, la);
        if (want != got)
            fail_msg("osa(%.*s, %.*s, %d): dp %d, bit-parallel %d", (int)la, a, (int)lb, b, budget,
                     want, got);
    }
#undef RND
}

static void test_scores_mean_something(void **state)
{
    (void)state;
    /* an exact full name is 1.0; a partial name never is */
    assert_true(compare("Vladimir Vladimirovich Putin", "PUTIN, Vladimir Vladimirovich", NULL) ==
                1.0);
    assert_true(compare("Putin Vladimir", "PUTIN, Vladimir Vladimirovich", NULL) < 1.0);
    /* one edit scores below exact, two below one */
    double one = compare("Olaf Scholze", "Olaf Scholz", NULL);
    double two = compare("Olaf Schulze", "Olaf Scholz", NULL);
    assert_true(one < 1.0 && two < one);
    /* contradiction weighs more than omission */
    double omitted = compare("Khawla Barzan Hasan", "Khawla Barzan Hasan al-Tikriti", NULL);
    double contradicted =
        compare("Khawla Barzan Hasan al-Mashhadani", "Khawla Barzan Hasan al-Tikriti", NULL);
    assert_true(contradicted < omitted);
}

static void test_explanation(void **state)
{
    (void)state;
    nsc_query q = NSC_QUERY_INIT;
    q.name = "Ni Gao Bin";
    nsc_hits *h;
    assert_int_equal(nsc_compare(&h, engine, &q, "NI, Gaobin"), 0);
    const nsc_hit *hit = nsc_hits_get(h, 0);
    int joined = 0, exact = 0;
    for (size_t i = 0; i < nsc_hit_token_count(hit); i++) {
        const nsc_token_match *t = nsc_hit_token(hit, i);
        if (t->kind == NSC_MATCH_JOINED && strcmp(t->query_token, "gao+bin") == 0 &&
            strcmp(t->list_token, "gaobin") == 0)
            joined = 1;
        if (t->kind == NSC_MATCH_EXACT && strcmp(t->query_token, "ni") == 0) exact = 1;
    }
    assert_true(joined && exact);
    assert_non_null(strstr(nsc_hit_explanation(hit), "gao+bin~gaobin (joined)"));
    nsc_hits_free(h);

    q.name = "Vladmir Putin";
    assert_int_equal(nsc_compare(&h, engine, &q, "Vladimir Putin"), 0);
    hit = nsc_hits_get(h, 0);
    int fuzzy = 0;
    for (size_t i = 0; i < nsc_hit_token_count(hit); i++) {
        const nsc_token_match *t = nsc_hit_token(hit, i);
        if (t->kind == NSC_MATCH_FUZZY && t->edits == 1) fuzzy = 1;
    }
    assert_true(fuzzy);
    assert_non_null(strstr(nsc_hit_explanation(hit), "vladmir~vladimir (fuzzy, 1 edit)"));
    nsc_hits_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_table),  cmocka_unit_test(test_pairs_table),
        cmocka_unit_test(test_tokenizer),        cmocka_unit_test(test_fold_and_skeleton),
        cmocka_unit_test(test_edit_distance),    cmocka_unit_test(test_graded_similarity),
        cmocka_unit_test(test_near_miss_tokens), cmocka_unit_test(test_contradiction_not_diluted),
        cmocka_unit_test(test_bit_parallel_osa), cmocka_unit_test(test_scores_mean_something),
        cmocka_unit_test(test_explanation),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
