/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_cjk.c: names in Han, Hangul and kana, by tables: the readings of single characters
 * (Mandarin, Wade-Giles, Cantonese and Hong Kong spellings, Korean, Japanese), the fold of
 * simplified to traditional characters, the Revised Romanization of Hangul, name pairs that
 * must or must not meet, the bound on a name's readings, and the token flags of CJK syllables
 * (no fuzzy edits; no particles).
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
#include "match/sim.h"
#include "text/han.h"
#include "text/tokenize.h"

#include "compare_fixture.h"

/* The readings of one character, as the Unihan tables and the derivation rules give them. */
static void test_readings(void **state)
{
    (void)state;
    static const struct {
        uint32_t c;
        int which, word_start;
        const char *want;
    } rows[] = {
        { 0x9673, NSC_HAN_PINYIN, 1, "chen" },      /* 陳 */
        { 0x9648, NSC_HAN_PINYIN, 1, "chen" },      /* 陈 */
        { 0x9673, NSC_HAN_JYUTPING, 1, "can" },     /* 陳 */
        { 0x9673, NSC_HAN_HONG_KONG, 1, "chan" },   /* 陳 */
        { 0x5927, NSC_HAN_HONG_KONG, 0, "tai" },    /* 大 */
        { 0x6587, NSC_HAN_HONG_KONG, 0, "man" },    /* 文 */
        { 0x9EC3, NSC_HAN_HONG_KONG, 1, "wong" },   /* 黃 */
        { 0x5F35, NSC_HAN_HONG_KONG, 1, "cheung" }, /* 張 */
        { 0x6881, NSC_HAN_HONG_KONG, 1, "leung" },  /* 梁 */
        { 0x674E, NSC_HAN_HONG_KONG, 1, "lee" },    /* 李 */
        { 0x5433, NSC_HAN_HONG_KONG, 1, "ng" },     /* 吳 */
        { 0x5F90, NSC_HAN_HONG_KONG, 1, "chui" },   /* 徐 (ceoi4) */
        { 0x5F35, NSC_HAN_WADE_GILES, 1, "chang" }, /* 張 */
        { 0x4E60, NSC_HAN_WADE_GILES, 1, "hsi" },   /* 习 */
        { 0x6CFD, NSC_HAN_WADE_GILES, 0, "tse" },   /* 泽 (ze) */
        { 0x4E1C, NSC_HAN_WADE_GILES, 0, "tung" },  /* 东 (dong) */
        { 0x91D1, NSC_HAN_KOREAN, 1, "gim" },       /* 金: 김, the reading of names */
        { 0x674E, NSC_HAN_KOREAN, 1, "i" },         /* 李: 리, initial-sound rule */
        { 0x674E, NSC_HAN_KOREAN_NORTH, 1, "ri" },  /* 李 as the North writes it */
        { 0x674E, NSC_HAN_KOREAN, 0, "ri" },        /* inside a word the rule does not apply */
        { 0x6734, NSC_HAN_KOREAN, 1, "bak" },       /* 朴 */
        { 0x76E7, NSC_HAN_KOREAN, 1, "no" },        /* 盧: 로 -> 노 */
        { 0x7530, NSC_HAN_JA_KUN, 1, "ta" },        /* 田 */
        { 0x4E2D, NSC_HAN_JA_KUN, 0, "naka" },      /* 中 */
        { 0x85E4, NSC_HAN_JA_ON, 0, "to" },         /* 藤: TOU, written short */
        { 0x4E00, NSC_HAN_JA_ON, 0, "ichi" },       /* 一 */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char out[32];
        size_t n = nsc__han_reading(rows[i].c, rows[i].which, rows[i].word_start, out, sizeof out);
        if (n != strlen(rows[i].want) || strcmp(out, rows[i].want) != 0)
            fail_msg("U+%04X reading %d: \"%s\", want \"%s\"", (unsigned)rows[i].c, rows[i].which,
                     out, rows[i].want);
    }
    char out[32];
    assert_int_equal(nsc__han_reading(0x41, NSC_HAN_PINYIN, 1, out, sizeof out), 0); /* "A" */
    assert_string_equal(out, "");
    /* a short buffer is cut, not overrun */
    assert_int_equal(nsc__han_reading(0x5F35, NSC_HAN_PINYIN, 1, out, 3), 2);
    assert_string_equal(out, "zh");
}

static void test_fold(void **state)
{
    (void)state;
    assert_int_equal(nsc__han_fold(0x5F20), 0x5F35); /* 张 -> 張 */
    assert_int_equal(nsc__han_fold(0x9648), 0x9673); /* 陈 -> 陳 */
    assert_int_equal(nsc__han_fold(0x5F35), 0x5F35); /* 張 stays */
    assert_int_equal(nsc__han_fold(0x540E), 0x540E); /* 后 is its own traditional form */
    assert_int_equal(nsc__han_fold(0x41), 0x41);
}

/* Revised Romanization of Hangul syllables: final consonants as at the end of a word. */
static void test_hangul(void **state)
{
    (void)state;
    static const struct {
        uint32_t c;
        int word_start, rule;
        const char *want;
    } rows[] = {
        { 0xBC15, 1, 0, "bak" },   /* 박 */
        { 0xAE40, 1, 0, "gim" },   /* 김 */
        { 0xC815, 0, 0, "jeong" }, /* 정 */
        { 0xC740, 0, 0, "eun" },   /* 은 */
        { 0xCD5C, 1, 0, "choe" },  /* 최 */
        { 0xACFD, 1, 0, "gwak" },  /* 곽 */
        { 0xC74A, 0, 0, "eup" },   /* 읊: final ㄿ is p */
        { 0xB9AC, 1, 1, "i" },     /* 리 at the start, the rule applied */
        { 0xB9AC, 1, 0, "ri" },    /* 리 as written */
        { 0xB85C, 1, 1, "no" },    /* 로 -> 노 */
        { 0xB155, 1, 1, "yeong" }, /* 녕 -> 영 */
        { 0xB2ED, 0, 0, "dak" },   /* 닭: final ㄺ is k */
        { 0xC0B6, 0, 0, "sam" },   /* 삶: final ㄻ is m */
        { 0xAC12, 0, 0, "gap" },   /* 값: final ㅄ is p */
        { 0xBC16, 0, 0, "bak" },   /* 밖: final ㄲ is k */
        { 0xC787, 0, 0, "it" },    /* 잇: final ㅅ is t */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char out[16];
        nsc__hangul_rr(rows[i].c, rows[i].word_start, rows[i].rule, out, sizeof out);
        if (strcmp(out, rows[i].want) != 0)
            fail_msg("U+%04X: \"%s\", want \"%s\"", (unsigned)rows[i].c, out, rows[i].want);
    }
    char out[16];
    assert_int_equal(nsc__hangul_rr(0x4E00, 1, 0, out, sizeof out), 0); /* no Hangul */
}

/* Pairs that must meet (1) or not (0) at the default threshold. */
static void test_pairs(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        int meet;
    } rows[] = {
        { "陳大文", "Chan Tai Man", 1 }, /* Cantonese, Hong Kong spelling */
        { "陳大文", "Chen Dawen", 1 },   /* pinyin */
        { "陈大文", "Chen Dawen", 1 },   /* simplified */
        { "陈大文", "陳大文", 1 },       /* simplified = traditional */
        { "張", "张", 1 },
        { "毛泽东", "Mao Tse-tung", 1 }, /* Wade-Giles */
        { "习近平", "Xi Jinping", 1 },
        { "金正恩", "Kim Jong Un", 1 }, /* Korean reading of Hanja */
        { "김정은", "Kim Jong Un", 1 },
        { "朴槿惠", "Park Geun-hye", 1 },
        { "李", "Lee", 1 },
        { "李", "Li", 1 },
        { "李", "Yi", 1 },
        { "李", "Ri", 1 },
        { "박", "Park", 1 },
        { "박", "Bak", 1 },
        { "이민호", "Lee Min Ho", 1 },
        { "田中花子", "Tanaka Hanako", 1 }, /* Japanese kun readings */
        { "佐藤", "Sato", 1 },              /* Japanese on readings */
        { "たなか はなこ", "Tanaka Hanako", 1 },
        { "田中 はなこ", "Tanaka Hanako", 1 }, /* kana: the Han read as Japanese */
        { "张", "Zhao", 0 },                   /* distinct surnames, one edit apart or two */
        { "赵", "Zhang", 0 },
        { "张伟", "Zhao Wei", 0 },
        { "王", "Wang", 1 },
        { "王", "Wong", 1 },
        { "王", "Gang", 0 },
        { "王", "Huang", 0 },
        { "陈", "Cheng", 0 },
        { "陳大文", "Chen Dawei", 0 },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const char *expl;
        double s = compare(rows[i].a, rows[i].b, &expl);
        if ((s >= NSC_DEFAULT_THRESHOLD) != rows[i].meet)
            fail_msg("\"%s\" / \"%s\" scored %.4f, want %s\n  %s", rows[i].a, rows[i].b, s,
                     rows[i].meet ? "a match" : "no match", expl);
    }
}

/* A name in Han alone gets at most one variant per reading; kana or Hangul fewer. */
static int variants(const char *name, char all[][NSC_MAX_NAME_BYTES])
{
    nsc__ctx *ctx;
    assert_int_equal(nsc__ctx_acquire(engine, &ctx), 0);
    assert_int_equal(nsc__prepare(&ctx->text, &ctx->query, name, strlen(name), 0), 0);
    int nv = ctx->query.nv;
    for (int v = 0; v < nv; v++) {
        size_t w = 0;
        const nsc__pname *p = &ctx->query.v[v];
        all[v][0] = '\0';
        for (int i = 0; i < p->n; i++)
            w += (size_t)snprintf(all[v] + w, NSC_MAX_NAME_BYTES - w, "%s%s", i ? " " : "",
                                  p->tok[i].s);
    }
    nsc__ctx_release(engine, ctx);
    return nv;
}

static int has_variant(char all[][NSC_MAX_NAME_BYTES], int nv, const char *want)
{
    for (int v = 0; v < nv; v++)
        if (strcmp(all[v], want) == 0) return 1;
    return 0;
}

static void test_bounded_readings(void **state)
{
    (void)state;
    static char all[NSC_MAX_VARIANTS][NSC_MAX_NAME_BYTES];
    int nv = variants("陳大文", all);
    assert_true(nv >= 5 && nv <= NSC_MAX_VARIANTS);
    assert_true(has_variant(all, nv, "chen da wen"));  /* pinyin */
    assert_true(has_variant(all, nv, "chan tai man")); /* Hong Kong */
    assert_true(has_variant(all, nv, "chen ta wen"));  /* Wade-Giles */
    assert_true(has_variant(all, nv, "jin dae mun"));  /* Korean */
    nv = variants("박지성", all);
    assert_int_equal(nv, 2); /* Revised Romanization and the customary spelling */
    assert_true(has_variant(all, nv, "bak ji seong"));
    assert_true(has_variant(all, nv, "park ji song"));
    nv = variants("たなか", all);
    assert_int_equal(nv, 1);
    nv = variants("陳大文 ltd", all); /* Latin mixed in: read as Chinese only */
    assert_int_equal(nv, 1);
}

/* CJK syllables carry NSC_TOKF_HAN, meet nothing by fuzzy edits, and are never particles. */
static void test_syllable_flags(void **state)
{
    (void)state;
    nsc__ctx *ctx;
    assert_int_equal(nsc__ctx_acquire(engine, &ctx), 0);
    const char *name = "陳德安";
    assert_int_equal(nsc__prepare(&ctx->text, &ctx->query, name, strlen(name), 0), 0);
    const nsc__pname *p = &ctx->query.v[0];
    assert_int_equal(p->n, 3);
    assert_string_equal(p->tok[1].s, "de");
    assert_string_equal(p->tok[2].s, "an");
    for (int i = 0; i < p->n; i++) {
        assert_true(p->tok[i].ti.flags & NSC_TOKF_HAN);
        assert_false(p->tok[i].ti.flags & (NSC_TOKF_PARTICLE | NSC_TOKF_STOP));
    }
    nsc__qtok zhao = { 0 };
    snprintf(zhao.s, sizeof zhao.s, "%s", "zhao");
    nsc__qtok_finish(&zhao, 0);
    nsc__qtok zhang = { 0 };
    snprintf(zhang.s, sizeof zhang.s, "%s", "zhang");
    nsc__qtok_finish(&zhang, NSC_TOKF_HAN);
    nsc__qtok chang = { 0 };
    snprintf(chang.s, sizeof chang.s, "%s", "chang");
    nsc__qtok_finish(&chang, 0);
    assert_true(nsc__token_sim(&zhang.ti, &chang.ti).s == 0.0);
    assert_true(nsc__token_sim(&zhang.ti, &zhao.ti).s == 0.0);
    nsc__qtok_finish(&zhang, 0); /* the same spellings from Latin text keep their fuzzy match */
    assert_true(nsc__token_sim(&zhang.ti, &chang.ti).s > 0.0);
    /* a Latin name of Chinese syllables has no particles; a Spanish one keeps them */
    name = "Chen De Ming";
    assert_int_equal(nsc__prepare(&ctx->text, &ctx->query, name, strlen(name), 0), 0);
    assert_false(ctx->query.v[0].tok[1].ti.flags & NSC_TOKF_PARTICLE);
    name = "Juan de la Cruz";
    assert_int_equal(nsc__prepare(&ctx->text, &ctx->query, name, strlen(name), 0), 0);
    assert_true(ctx->query.v[0].tok[1].ti.flags & (NSC_TOKF_PARTICLE | NSC_TOKF_STOP));
    /* the English of a known Han word keeps its flag */
    name = "华为有限公司";
    assert_int_equal(nsc__prepare(&ctx->text, &ctx->query, name, strlen(name), 0), 0);
    p = &ctx->query.v[0];
    assert_true(p->n >= 3);
    assert_true(p->tok[p->n - 1].ti.flags & NSC_TOKF_LEGAL);
    nsc__ctx_release(engine, ctx);
    assert_true(nsc__han_is_syllable("zhang", 5));
    assert_true(nsc__han_is_syllable("cheung", 6));
    assert_false(nsc__han_is_syllable("cruz", 4));
    assert_false(nsc__han_is_syllable("zhan", 3) && !nsc__han_is_syllable("zha", 3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readings),         cmocka_unit_test(test_fold),
        cmocka_unit_test(test_hangul),           cmocka_unit_test(test_pairs),
        cmocka_unit_test(test_bounded_readings), cmocka_unit_test(test_syllable_flags),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
