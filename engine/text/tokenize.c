/* SPDX-License-Identifier: Apache-2.0 */
/*
 * text/tokenize.c: from romanized name strings to scored tokens: cutting, numbers and
 * abbreviations rewritten, flags from the word tables (text/words.h), the romanization fold
 * and the consonant skeleton that let spellings of one name meet, letter masks, token weights.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "match/params.h"
#include "text/han.h"
#include "text/tokenize.h"
#include "text/tokfreq.h"
#include "text/words.h"
#include "util/bits.h"

/* ---- fold and skeleton --------------------------------------------------------------------- */

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* Rewrites that romanization conventions disagree on. Applied left to right, longest first. */
typedef struct fold_rule {
    const char *from, *to;
    unsigned char fl, tl; /* their lengths */
} fold_rule;
#define R(f, t)                                                                                    \
    {                                                                                              \
        .from = f, .to = t, .fl = sizeof f - 1, .tl = sizeof t - 1                                 \
    }
static const fold_rule fold_rules[] = {
    R("shch", "sh"), R("sch", "sh"), R("tch", "ch"), R("dzh", "j"), R("zh", "j"), R("dj", "j"),
    R("kh", "h"),    R("gh", "g"),   R("ph", "f"),   R("th", "t"),  R("dh", "d"), R("ck", "k"),
    R("x", "ks"),    R("q", "k"),    R("w", "v"),    R("ou", "u"),  R("oo", "u"), R("ee", "i"),
    R("iy", "i"),    R("ij", "i"),   R("yi", "i"),   R("ii", "i"),  R("ue", "u"), R("oe", "o"),
    R("ae", "a"),    R("y", "i"),    R("c", "k"),    R("z", "s"),
};
#undef R

/* Rule indices by first letter, in table order, so that each byte tries only its rules. */
static unsigned char rules_by_letter[26][8];
static unsigned char n_rules_by_letter[26];
static pthread_once_t rules_once = PTHREAD_ONCE_INIT;

static void rules_build(void)
{
    for (size_t r = 0; r < sizeof fold_rules / sizeof fold_rules[0]; r++) {
        int c = fold_rules[r].from[0] - 'a';
        rules_by_letter[c][n_rules_by_letter[c]++] = (unsigned char)r;
    }
}

static size_t fold_core(char *out, const char *tok, size_t len, int final_h);

/* ---- Arabic compound names -------------------------------------------------------------------
 * A compound given name (Abd al-Rahman, Nasr al-Din, Nasr Allah) is written joined or apart,
 * with the article as al, el, ul or assimilated to a following sun letter (ar-Rahman, ad-Din:
 * Abdurrahman, Nasruddin, Nasreddine), which Arabic script never shows (عبد الرحمن). The fold
 * writes every form as first element + "al" + second element: abd + al + rahman, nasr + allah;
 * and name + din for al-Din. Tokens written apart meet this form as a joined run (match/score.c). */

/* The compound normal form of tok into dst (2 * NSC_MAX_TOKLEN + 2 bytes); returns its length,
 * or 0 when tok is no compound. */
static size_t arabic_compound(char *dst, const char *tok, size_t len)
{
    if (len < 5 || len > NSC_MAX_TOKLEN) return 0;
    /* abd + article + name: abdul, abdel, abdal, abdol, abdoul; abdur-, abdus-, abdun- (sun
     * letters); abdu-, abdi- + name; abd + name */
    if (memcmp(tok, "abd", 3) == 0) {
        static const char *const links[] = { "oul", "ul", "el", "al", "ol", "il" };
        const char *rest = tok + 3;
        size_t rl = len - 3, skip = 0;
        for (size_t k = 0; k < sizeof links / sizeof links[0] && !skip; k++) {
            size_t ll = strlen(links[k]);
            if (rl >= ll && memcmp(rest, links[k], ll) == 0 && (rl == ll || !is_vowel(rest[ll])))
                skip = ll;
        }
        if (!skip && rl >= 4 && is_vowel(rest[0]) && !is_vowel(rest[1])) skip = 1; /* abdur- */
        if (!skip && rl >= 5 && rest[0] == 'o' && rest[1] == 'u' && !is_vowel(rest[2])) skip = 2;
        /* without a link the name must follow at once (abdrakhman); abduh, abdou are names */
        if (!skip && (rl < 3 || is_vowel(rest[0]))) return 0;
        memcpy(dst, "abdal", 5);
        memcpy(dst + 5, rest + skip, rl - skip);
        return 5 + rl - skip;
    }
    /* name + al-Din: -uddin, -eddin(e), -oddin, -addin, -iddin, -aldin, -eldin, -uldin, -uddeen,
     * and -aldyn of Arabic script: the article is dropped (name + din), since Persian and
     * Pashto write some of these names without it (گلبدین, Gulbuddin) */
    static const char *const din_links[] = { "udd", "edd", "odd", "add", "idd",
                                             "uld", "eld", "ald", "old" };
    static const char *const din_ends[] = { "in", "yn", "een", "iin", "ine" };
    for (size_t a = 0; a < sizeof din_ends / sizeof din_ends[0]; a++) {
        size_t el = strlen(din_ends[a]);
        if (len < 3 + el + 3 || memcmp(tok + len - el, din_ends[a], el) != 0) continue;
        size_t stem = len - el - 3;
        for (size_t b = 0; b < sizeof din_links / sizeof din_links[0]; b++) {
            if (memcmp(tok + stem, din_links[b], 3) != 0) continue;
            if (din_links[b][1] == 'l' && din_ends[a][el - 1] == 'e') break; /* Geraldine */
            memcpy(dst, tok, stem);
            memcpy(dst + stem, "din", 3);
            return stem + 3;
        }
    }
    /* name + Allah: -ullah, -ollah (Nasrullah, Hezbollah = Nasrallah, Hizballah) */
    if (len >= 8 &&
        (memcmp(tok + len - 5, "ullah", 5) == 0 || memcmp(tok + len - 5, "ollah", 5) == 0)) {
        memcpy(dst, tok, len - 5);
        memcpy(dst + len - 5, "allah", 5);
        return len;
    }
    return 0;
}

size_t nsc__fold_token(char *out, const char *tok, size_t len)
{
    return fold_core(out, tok, len, 1);
}

/* The size of the buffer of a fold before doubled letters collapse. */
#define FOLD_TMP (2 * NSC_MAX_TOKLEN + 2)

/* The fold before doubled letters collapse, into tmp (FOLD_TMP bytes); returns its length. */
static size_t fold_letters(char *tmp, const char *tok, size_t len)
{
    pthread_once(&rules_once, rules_build);
    char comp[FOLD_TMP];
    size_t clen = arabic_compound(comp, tok, len);
    if (clen) {
        tok = comp;
        len = clen;
    }
    size_t n = 0, i = 0;
    /* leading "ye"/"yu"/"ya" of Cyrillic romanizations: Yevgeny = Evgeny */
    if (len > 3 && tok[0] == 'y' && tok[1] == 'e') i = 1;
    while (i < len && n < FOLD_TMP - 3) {
        unsigned char c0 = (unsigned char)tok[i];
        int done = 0;
        if (c0 >= 'a' && c0 <= 'z') {
            int L = c0 - 'a';
            for (int k = 0; k < n_rules_by_letter[L] && !done; k++) {
                size_t r = rules_by_letter[L][k];
                size_t fl = fold_rules[r].fl;
                if (i + fl > len || !nsc__same(tok + i, fold_rules[r].from, fl)) continue;
                /* "c" before "h" stays a digraph: ch; before e, i, y it is soft: s
                 * (Lounici = Lounisi, as French transliterations of Arabic write it) */
                if (fl == 1 && c0 == 'c' && i + 1 < len && tok[i + 1] == 'h') continue;
                /* the Dutch ij (Dijk = Dyk) stands before a consonant or at the end; before a
                 * vowel it is i and the consonant j (Hijazi, Khadija, Bijan) */
                if (fl == 2 && c0 == 'i' && tok[i + 1] == 'j' && i + 2 < len &&
                    is_vowel(tok[i + 2]))
                    continue;
                if (fl == 1 && c0 == 'c' && i + 1 < len && strchr("eiy", tok[i + 1])) {
                    tmp[n++] = 's';
                    i++;
                    done = 1;
                    continue;
                }
                memcpy(tmp + n, fold_rules[r].to, fold_rules[r].tl);
                n += fold_rules[r].tl;
                i += fl;
                done = 1;
            }
        }
        if (!done) tmp[n++] = tok[i++];
    }
    return n;
}

/* tmp[0..n) into out with doubled letters collapsed; returns the length. */
static size_t collapse(char *out, const char *tmp, size_t n)
{
    size_t m = 0;
    for (size_t k = 0; k < n && m < NSC_MAX_TOKLEN; k++)
        if (m == 0 || out[m - 1] != tmp[k]) out[m++] = tmp[k];
    out[m] = '\0';
    return m;
}

/* Whether tmp[0..n) ends in a final h after a vowel, which is silent: Abdullah = Abdulla (a
 * spelling habit of Latin names). The fold drops it; the skeleton keeps it, since an abjad
 * romanization writes it (allh). n > 3: tmp[0..n) is written. */
static int silent_final_h(const char *tmp, size_t n)
{
    return n > 3 && tmp[n - 1] == 'h' && is_vowel(tmp[n - 2]);
}

/* final_h: drop a silent final h (silent_final_h) */
static size_t fold_core(char *out, const char *tok, size_t len, int final_h)
{
    char tmp[FOLD_TMP];
    size_t n = fold_letters(tmp, tok, len);
    if (final_h && silent_final_h(tmp, n)) n--;
    return collapse(out, tmp, n);
}

/* The skeleton of an already folded token. */
static size_t skeleton_of_fold(char *out, const char *f, size_t n)
{
    size_t m = 0;
    int apart = 0; /* a vowel came after the last consonant kept */
    for (size_t k = 0; k < n; k++) {
        char c = f[k];
        if (is_vowel(c) || c == 'y' || c == 'v' || c == '\'') { /* v: folded w (و) */
            apart = 1;
            continue;
        }
        /* sh and the French ch are one letter (ش), which romanizations of Arabic write s */
        if ((c == 's' || c == 'c') && k + 1 < n && f[k + 1] == 'h') {
            c = 's';
            k++;
        }
        /* a doubled letter is one (the fold collapsed it already, as Arabic script writes
         * it once); the same consonant again after a vowel is another letter (Habib = hbb,
         * as حبيب = hbyb is) */
        if (m == 0 || out[m - 1] != c || apart) out[m++] = c;
        apart = 0;
    }
    out[m] = '\0';
    return m;
}

size_t nsc__skeleton(char *out, const char *tok, size_t len)
{
    char f[NSC_MAX_TOKLEN + 1];
    size_t n = fold_core(f, tok, len, 0);
    return skeleton_of_fold(out, f, n);
}

/* nsc__fold_token and nsc__skeleton of one token from one pass of the fold rules. */
static void fold_and_skeleton(nsc__tokinfo *ti, char *fold, char *skel, const char *tok, size_t len)
{
    char tmp[FOLD_TMP], f[NSC_MAX_TOKLEN + 1];
    size_t n = fold_letters(tmp, tok, len);
    size_t fn = collapse(f, tmp, n); /* the skeleton's fold keeps a final h */
    ti->sklen = (uint8_t)skeleton_of_fold(skel, f, fn);
    if (silent_final_h(tmp, n))
        ti->flen = (uint8_t)collapse(fold, tmp, n - 1);
    else
        memcpy(fold, f, (ti->flen = (uint8_t)fn) + 1);
}

uint64_t nsc__charmask(const char *s, size_t len)
{
    uint64_t m = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z')
            m |= 1ull << (c - 'a');
        else if (c >= '0' && c <= '9')
            m |= 1ull << (26 + c - '0');
        else
            m |= 1ull << 63;
    }
    return m;
}

/* ---- weights -------------------------------------------------------------------------------
 * Weights say how much a token tells about identity. Values were set on the development sets
 * (bench/eval): a legal form tells nothing; stop words almost nothing; generic words and
 * particles a quarter of an ordinary token; a number as much as any token, because numbered
 * sister companies must not meet. Frequent name tokens weigh less (tokfreq.c). */

double nsc__token_weight(const char *tok, size_t len, unsigned flags)
{
    if (flags & NSC_TOKF_LEGAL) return 0.0;
    if (flags & NSC_TOKF_STOP) return NSC_W_STOP;
    if (flags & NSC_TOKF_NUMBER) return NSC_W_NUMBER;
    if (flags & NSC_TOKF_INITIAL) return NSC_W_INITIAL;
    if (flags & (NSC_TOKF_GENERIC | NSC_TOKF_PARTICLE)) return NSC_W_GENERIC;
    return nsc__tokfreq_weight(tok, len);
}

static int is_number(const char *s, size_t len)
{
    size_t digits = 0;
    for (size_t i = 0; i < len; i++) digits += isdigit((unsigned char)s[i]) != 0;
    return digits == len || (digits && digits * 2 >= len);
}

/* The derived fields of a token whose flags are decided; len is strlen(t->s). */
static void finish_forms(nsc__qtok *t, size_t len, unsigned f)
{
    nsc__tokinfo *ti = &t->ti;
    ti->s = t->s;
    ti->len = (uint8_t)len;
    ti->flags = (uint16_t)f;
    fold_and_skeleton(ti, t->fold, t->skel, t->s, len);
    ti->fold = t->fold;
    ti->skel = t->skel;
    ti->mask = nsc__charmask(t->s, len);
    ti->fmask = nsc__charmask(t->fold, ti->flen);
    nsc__nick_classes(t->s, len, ti->nick);
    ti->weight = nsc__token_weight(t->s, len, f);
}

/* The word-table flag of a token of a CJK name (NSC_TOKF_HAN): a syllable spelt like a
 * particle, stop word or short legal form (de, an, sa) is none of them; the English words that
 * replaced known Han words (company, limited, trading) keep their flags. */
static unsigned cjk_word_flag(const char *s, size_t len)
{
    unsigned f = nsc__word_flag(s, len);
    if (f & (NSC_TOKF_PARTICLE | NSC_TOKF_STOP)) return 0;
    if (len < 4 || nsc__han_is_syllable(s, len)) return 0;
    return f;
}

void nsc__qtok_finish(nsc__qtok *t, unsigned extra_flags)
{
    size_t len = strlen(t->s);
    unsigned f = extra_flags;
    if (len == 1 && isalpha((unsigned char)t->s[0])) f |= NSC_TOKF_INITIAL;
    if (is_number(t->s, len))
        f |= NSC_TOKF_NUMBER;
    else if (extra_flags & NSC_TOKF_HAN)
        f |= cjk_word_flag(t->s, len);
    else
        f |= nsc__word_flag(t->s, len);
    if ((f & NSC_TOKF_STOP) && len == 1) f &= ~NSC_TOKF_STOP; /* "y", "e", "i" as initials */
    finish_forms(t, len, f);
}

/* Whether the article t of a name in Arabic script, written between the tokens before and
 * next, is also spoken as next's first letter: before the sun letters (t th d dh r z s sh s d t
 * z l n) the l of al is, and a romanization that joins the article to the word before may
 * write it so, after the case vowel (bilad al-Sudan: Biladis Sudan; ahl al-sunna: Ahlus
 * Sunna; dar al-salam: Darussalam), or not (Binalshibh), while the script always writes al
 * (بلاد السودان). Abd + al is left to the compound fold (arabic_compound), which writes every
 * form of it as abdal. */
int nsc__article_assimilates(const nsc__tokinfo *before, const nsc__tokinfo *t,
                             const nsc__tokinfo *next)
{
    if (!(t->flags & NSC_TOKF_ABJAD) || t->len != 2 || t->s[0] != 'a' || t->s[1] != 'l' ||
        next->len < 2)
        return 0;
    if ((before->len == 3 && memcmp(before->s, "abd", 3) == 0) ||
        (before->len == 2 && memcmp(before->s, "bd", 2) == 0)) /* عبد without its ayn */
        return 0;
    return strchr("tdrzsnl", next->s[0]) != NULL;
}

/* A joined run is a word of its own: no table flags, only its scripts (and a number, which
 * runs exclude anyway). */
void nsc__qtok_finish_run(nsc__qtok *t, unsigned script)
{
    size_t len = strlen(t->s);
    finish_forms(t, len, script | (is_number(t->s, len) ? NSC_TOKF_NUMBER : 0u));
}

/* Whether a legal-form phrase is made of initials and two-letter words ("s a", "a s", "e k"),
 * which a person's initials can spell too. */
static int phrase_is_weak(const nsc__pname *p, int i, int span)
{
    for (int m = i; m < i + span; m++)
        if (strlen(p->tok[m].s) > 2) return 0;
    return 1;
}

/* Takes the legal-form flag off a token the tables gave it to. */
static void unmark_legal(nsc__tokinfo *ti)
{
    ti->flags &= (uint16_t)~NSC_TOKF_LEGAL;
    if (ti->len == 1) ti->flags |= NSC_TOKF_INITIAL;
    ti->weight = nsc__token_weight(ti->s, ti->len, ti->flags);
}

/* Decides which tokens are legal forms: the one-token forms the tables flagged and the
 * phrases spanning several tokens ("co ltd", "s a"), by the kind of name.
 * - A person's name has no legal form: Sa, Ag or Co there are names.
 * - Elsewhere a form that is also a name or a word (nsc__legal_weak, and phrases of initials:
 *   the "a b" of A.B.C.) is one only among the legal forms that end the name, or first when it
 *   is written before the name (PT, OOO), with a token that is not a legal form elsewhere;
 *   the other forms are legal forms anywhere.
 * Returns whether a weak form was taken as a legal form in a name of unknown type (the caller
 * adds the reading without it). keep_weak: take none of them. */
static int mark_legal(nsc__pname *p, int kind, int keep_weak)
{
    const char *tok[NSC_MAX_TOKENS];
    unsigned char cand[NSC_MAX_TOKENS] = { 0 }; /* 0 no legal form, 1 one, 2 a weak one */
    for (int i = 0; i < p->n; i++) {
        tok[i] = p->tok[i].s;
        const nsc__tokinfo *ti = &p->tok[i].ti;
        cand[i] = !(ti->flags & NSC_TOKF_LEGAL) ? 0 : nsc__legal_weak(ti->s, ti->len) ? 2 : 1;
    }
    for (int i = 0; i < p->n; i++) {
        int span = nsc__legal_phrase(tok + i, p->n - i);
        if (!span) continue;
        unsigned char c = phrase_is_weak(p, i, span) ? 2 : 1;
        for (int m = i; m < i + span; m++) cand[m] = c;
        i += span - 1;
    }
    int tail = p->n; /* the legal forms that end the name: tok[tail..n) */
    while (tail > 0 && cand[tail - 1]) tail--;
    int weak_taken = 0;
    for (int i = 0; i < p->n; i++) {
        nsc__tokinfo *ti = &p->tok[i].ti;
        int legal = cand[i] != 0;
        if (kind == NSC_PREP_PERSON)
            legal = 0;
        else if (cand[i] == 2) {
            int leading = i == 0 && p->n > 1 && !cand[1] && nsc__legal_leading(ti->s, ti->len);
            legal = !keep_weak && ((i >= tail && tail > 0) || leading);
            weak_taken |= legal && kind == 0;
        }
        if (!legal) {
            if (ti->flags & NSC_TOKF_LEGAL) unmark_legal(ti);
            continue;
        }
        ti->flags = (uint16_t)((ti->flags | NSC_TOKF_LEGAL) & ~(NSC_TOKF_INITIAL | NSC_TOKF_STOP));
        ti->weight = 0.0;
    }
    return weak_taken;
}

/* When nothing but legal forms, stop words and generic words is left (a name such as "The
 * Trading Company"), those words are all there is to match on: give them ordinary weight. */
static void ensure_weight(nsc__pname *p)
{
    double w = 0;
    for (int i = 0; i < p->n; i++)
        if (!(p->tok[i].ti.flags & (NSC_TOKF_LEGAL | NSC_TOKF_STOP | NSC_TOKF_GENERIC)))
            w += p->tok[i].ti.weight;
    if (w > 0) return;
    for (int i = 0; i < p->n; i++) {
        nsc__tokinfo *ti = &p->tok[i].ti;
        ti->flags &= (uint16_t) ~(NSC_TOKF_LEGAL | NSC_TOKF_STOP | NSC_TOKF_GENERIC);
        ti->weight = nsc__token_weight(ti->s, ti->len, ti->flags);
    }
}

/* The Arabic article assimilated to a sun letter and written apart (ad-Din, ar-Rahman,
 * as-Sayyid, ash-Shami, an-Nur; es-Sayed, ur-Rahman) is the article al, which Arabic script
 * writes so (الدين): a token a, e or u + sun consonant(s) followed by a word of three letters or
 * more that begins with the same consonants becomes "al" (a particle, not the legal form AS). */
static void assimilated_articles(nsc__pname *p)
{
    static const char *const cons[] = { "th", "dh", "sh", "zh", "t", "d", "r", "z", "s", "n" };
    for (int i = 0; i + 1 < p->n; i++) {
        const char *t = p->tok[i].s, *next = p->tok[i + 1].s;
        if (t[0] != 'a' && t[0] != 'e' && t[0] != 'u') continue;
        size_t tl = strlen(t);
        if (tl < 2 || tl > 3) continue; /* a vowel and one or two consonants */
        for (size_t k = 0; k < sizeof cons / sizeof cons[0]; k++) {
            size_t cl = strlen(cons[k]);
            if (strcmp(t + 1, cons[k]) != 0 || strncmp(next, cons[k], cl) != 0 || strlen(next) < 3)
                continue;
            strcpy(p->tok[i].s, "al");
            break;
        }
    }
}

/* Whether a name of unknown type reads as an organization's: it holds a legal form (one that is
 * also a name only last), a generic word, or an abbreviation of one that is not also a name. */
static int looks_organization(const nsc__pname *p)
{
    for (int i = 0; i < p->n; i++) {
        const char *s = p->tok[i].s;
        size_t len = strlen(s);
        int org_only;
        unsigned f = nsc__word_flag(s, len);
        if ((f & (NSC_TOKF_LEGAL | NSC_TOKF_GENERIC)) &&
            (!nsc__legal_weak(s, len) || i == p->n - 1)) /* Co, SA: where they end a name */
            return 1;
        if (nsc__abbreviation(s, len, &org_only) && !org_only) return 1;
    }
    return 0;
}

/* The paren mask after a token is inserted after token i (it takes token i's bit), or token
 * i + 1 removed. */
static uint32_t paren_insert(uint32_t m, int i)
{
    uint32_t low = m & ((2u << i) - 1u);
    return low | ((m & (1u << i)) << 1) | ((m & ~((2u << i) - 1u)) << 1);
}

static uint32_t paren_remove(uint32_t m, int i)
{
    uint32_t low = m & ((2u << i) - 1u);
    return low | ((m >> 1) & ~((2u << i) - 1u));
}

/* Writes token i as the word or two words full stands for ("scitech": "science technology"),
 * moving the tokens after it when there is room for the second. */
static void write_out(nsc__pname *p, int i, const char *full)
{
    const char *sp = strchr(full, ' ');
    if (!sp) {
        snprintf(p->tok[i].s, sizeof p->tok[i].s, "%s", full);
        return;
    }
    snprintf(p->tok[i].s, sizeof p->tok[i].s, "%.*s", (int)(sp - full), full);
    if (p->n >= NSC_MAX_TOKENS) return;
    memmove(&p->tok[i + 2], &p->tok[i + 1], sizeof p->tok[0] * (size_t)(p->n - i - 1));
    p->n++;
    p->paren = paren_insert(p->paren, i);
    snprintf(p->tok[i + 1].s, sizeof p->tok[i + 1].s, "%s", sp + 1);
}

/* Rewrites number words, ordinals and roman numerals as digits (joining "forty four" into
 * "44"), and writes out abbreviations and the other written forms of generic words
 * (nsc__abbreviation), before the tokens are classified. A person's name keeps its words;
 * words that are also names (Dev, Ind) are written out only in organization names. */
static void rewrite_tokens(nsc__pname *p, int kind)
{
    int org = kind == NSC_PREP_ORG || (kind == 0 && looks_organization(p));
    for (int i = 0; kind != NSC_PREP_PERSON && i + 2 < p->n; i++) {
        const char *fa, *fb; /* S&T, R&D */
        if (strcmp(p->tok[i + 1].s, "and") != 0 ||
            !nsc__abbreviation_pair(p->tok[i].s, p->tok[i + 2].s, &fa, &fb))
            continue;
        snprintf(p->tok[i].s, sizeof p->tok[i].s, "%s", fa);
        snprintf(p->tok[i + 2].s, sizeof p->tok[i + 2].s, "%s", fb);
    }
    for (int i = 0; i < p->n; i++) {
        nsc__qtok *t = &p->tok[i];
        int org_only;
        const char *full =
            kind == NSC_PREP_PERSON ? NULL : nsc__abbreviation(t->s, strlen(t->s), &org_only);
        if (full && (!org_only || org)) {
            write_out(p, i, full);
            if (strchr(full, ' ')) i++;
            continue;
        }
        int v = nsc__number_value(t->s, strlen(t->s));
        if (v < 0) continue;
        /* a roman numeral first in a name is more likely a name (Vi, Ix): numbers follow */
        if (i == 0 && isalpha((unsigned char)t->s[0]) && strspn(t->s, "ivx") == strlen(t->s))
            continue;
        if (v >= 20 && v % 10 == 0 && v < 100 && i + 1 < p->n) { /* forty four */
            int u = nsc__number_value(p->tok[i + 1].s, strlen(p->tok[i + 1].s));
            if (u > 0 && u < 10) {
                v += u;
                memmove(&p->tok[i + 1], &p->tok[i + 2], sizeof p->tok[0] * (size_t)(p->n - i - 2));
                p->n--;
                p->paren = paren_remove(p->paren, i);
            }
        }
        snprintf(t->s, sizeof t->s, "%d", v);
    }
}

/* A Latin name all of whose tokens (two or more) are Chinese syllables (Chen De Ming, Li An)
 * is Chinese: its "de" and "an" are syllables, not particles or stop words. */
static void chinese_latin(nsc__pname *p)
{
    if (p->n < 2) return;
    for (int i = 0; i < p->n; i++)
        if (!nsc__han_is_syllable(p->tok[i].s, strlen(p->tok[i].s))) return;
    for (int i = 0; i < p->n; i++) {
        nsc__tokinfo *ti = &p->tok[i].ti;
        if (!(ti->flags & (NSC_TOKF_PARTICLE | NSC_TOKF_STOP))) continue;
        ti->flags &= (uint16_t) ~(NSC_TOKF_PARTICLE | NSC_TOKF_STOP);
        ti->weight = nsc__token_weight(ti->s, ti->len, ti->flags);
    }
}

/* An option of tokenize_variant beside NSC_PREP_*: weak legal forms are names (mark_legal). */
#define PREP_KEEP_WEAK 8u

/* Splits one romanized variant into tokens. A comma marks "SURNAME, Given" when
 * NSC_PREP_SURNAME_FIRST is set: the given names move in front, so that order bonuses compare
 * like with like. Returns mark_legal's answer. */
static int tokenize_variant(nsc__pname *p, const char *s, unsigned flags, unsigned opts)
{
    int surname_first = (opts & NSC_PREP_SURNAME_FIRST) != 0;
    int kind = (int)(opts & (NSC_PREP_PERSON | NSC_PREP_ORG));
    p->n = 0;
    p->paren = 0;
    const char *comma = surname_first ? strchr(s, ',') : NULL;
    const char *parts[2][2];
    int nparts = 0;
    if (comma) {
        parts[nparts][0] = comma + 1, parts[nparts][1] = s + strlen(s), nparts++;
        parts[nparts][0] = s, parts[nparts][1] = comma, nparts++;
    } else {
        parts[nparts][0] = s, parts[nparts][1] = s + strlen(s), nparts++;
    }
    for (int k = 0; k < nparts; k++) {
        const char *q = parts[k][0], *end = parts[k][1];
        int depth = 0;
        while (q < end && p->n < NSC_MAX_TOKENS) {
            while (q < end && (*q == ' ' || *q == ',')) q++;
            const char *b = q;
            while (q < end && *q != ' ' && *q != ',') q++;
            if (q - b == 1 && (*b == '(' || *b == ')')) {
                depth += *b == '(' ? 1 : depth > 0 ? -1 : 0;
                continue;
            }
            if (q > b) {
                if (depth) p->paren |= 1u << p->n;
                size_t n = (size_t)(q - b);
                if (n > NSC_MAX_TOKLEN) n = NSC_MAX_TOKLEN;
                nsc__qtok *t = &p->tok[p->n++];
                memcpy(t->s, b, n);
                t->s[n] = '\0';
            }
        }
    }
    /* "SURNAME, Given" is a person's name */
    if (comma) kind = NSC_PREP_PERSON;
    rewrite_tokens(p, kind);
    assimilated_articles(p);
    for (int i = 0; i < p->n; i++) nsc__qtok_finish(&p->tok[i], flags);
    chinese_latin(p);
    /* a short romanized word of Arabic or Hebrew script is not a legal form (Arabic legal
     * forms are replaced by English words before romanizing, text/translit.c) */
    for (int i = 0; (flags & NSC_TOKF_ABJAD) && i < p->n; i++) {
        nsc__tokinfo *ti = &p->tok[i].ti;
        if ((ti->flags & NSC_TOKF_LEGAL) && ti->len < 4) unmark_legal(ti);
    }
    int weak = mark_legal(p, kind, (opts & PREP_KEEP_WEAK) != 0);
    ensure_weight(p);
    return weak;
}

/* Whether p repeats a variant already in out: the same tokens, the same legal forms. */
static int is_dup(const nsc__prepared *out, const nsc__pname *p)
{
    for (int j = 0; j < out->nv; j++) {
        if (out->v[j].n != p->n) continue;
        int dup = 1;
        for (int k = 0; k < p->n && dup; k++)
            dup = strcmp(out->v[j].tok[k].s, p->tok[k].s) == 0 &&
                  ((out->v[j].tok[k].ti.flags ^ p->tok[k].ti.flags) & NSC_TOKF_LEGAL) == 0;
        if (dup) return 1;
    }
    return 0;
}

/* Adds the variants of one source string; returns 0 or a negative code. A variant of a name
 * of unknown type that took a weak legal form (Sa, Ag) as one is added again with it as a
 * name, so that it meets both the company and the person. */
static int add_source(nsc__text_scratch *ctx, nsc__prepared *out, const char *name, size_t len,
                      unsigned opts)
{
    char(*var)[NSC_MAX_NAME_BYTES] = ctx->var;
    unsigned flags = 0, lossy = 0;
    int room = NSC_MAX_VARIANTS - out->nv;
    if (room <= 0) return 0;
    int nv = nsc__romanize(ctx, name, len, var, room, &flags, &lossy);
    if (nv < 0) return nv;
    for (int i = 0; i < nv; i++) {
        for (unsigned keep = 0; keep <= PREP_KEEP_WEAK && out->nv < NSC_MAX_VARIANTS;
             keep += PREP_KEEP_WEAK) {
            nsc__pname *p = &out->v[out->nv];
            int weak = tokenize_variant(p, var[i], flags, opts | keep);
            p->lossy = (lossy >> i) & 1u;
            if (p->n > 0 && !is_dup(out, p)) out->nv++; /* identical variants add nothing */
            if (!weak) break;
        }
    }
    return 0;
}

int nsc__prepare(nsc__text_scratch *ctx, nsc__prepared *out, const char *name, size_t len,
                 unsigned opts)
{
    out->nv = 0;
    int rc = add_source(ctx, out, name, len, opts);
    if (rc) return rc;
    /* "AL-QA'IDA/ISLAMIC ARMY" names two alternatives: each is a variant of its own */
    const char *slash = memchr(name, '/', len);
    if (slash) {
        const char *b = name, *end = name + len;
        while (b < end && !rc) {
            const char *e = memchr(b, '/', (size_t)(end - b));
            if (!e) e = end;
            int letters = 0;
            for (const char *c = b; c < e; c++)
                letters += isalpha((unsigned char)*c) || (unsigned char)*c >= 0x80;
            if (letters >= 2 && (b != name || e != end))
                rc = add_source(ctx, out, b, (size_t)(e - b), opts);
            b = e + 1;
        }
    }
    if (out->nv == 0) { /* an empty name: one variant without tokens */
        out->v[0].n = 0;
        out->v[0].lossy = 0;
        out->nv = 1;
    }
    return rc;
}
