/* SPDX-License-Identifier: Apache-2.0 */
/*
 * text/translit.c: normalization and romanization with ICU. Pure-ASCII names skip ICU; others
 * are NFKC-case-folded, known words of other scripts replaced by English (text/words.h), Han and
 * Hangul spaced syllable by syllable, then romanized by one or more transliterators so that
 * several conventions are kept (ISO 9 and BGN/PCGN for Cyrillic, for instance).
 */
#include <ctype.h>
#include <pthread.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "text/han.h"
#include "text/khmer.h"
#include "text/translit.h"
#include "text/words.h"

/* The transliterators, by role. */
static const char *const tr_ids[NSC_TR_COUNT] = {
    [NSC_TR_ANY] = "Any-Latin; Latin-ASCII",
    [NSC_TR_RU_BGN] = "Russian-Latin/BGN; Latin-ASCII",
    [NSC_TR_UK_BGN] = "Ukrainian-Latin/BGN; Latin-ASCII",
    [NSC_TR_AR_BGN] = "Arabic-Latin/BGN; Latin-ASCII",
    [NSC_TR_HE_BGN] = "Hebrew-Latin/BGN; Latin-ASCII",
    [NSC_TR_EL_UNGEGN] = "Greek-Latin/UNGEGN; Latin-ASCII",
    [NSC_TR_HAN] = "Han-Latin; Latin-ASCII",
    [NSC_TR_FA_BGN] = "Persian-Latin/BGN; Latin-ASCII",
};

/* Transliterators are not thread-safe: the prototypes are opened once per engine, under the
 * lock, and cloned into each thread's scratch (ctx_tr). */
struct nsc__translit {
    const nsc__mem *mem;
    pthread_mutex_t lock; /* guards opening; an opened prototype never changes */
    UTransliterator *tr[NSC_TR_COUNT];
};

nsc__translit *nsc__translit_new(const nsc__mem *mem)
{
    nsc__translit *tl = nsc__calloc(mem, 1, sizeof *tl);
    if (!tl) return NULL;
    tl->mem = mem;
    if (pthread_mutex_init(&tl->lock, NULL) != 0) {
        nsc__free(mem, tl);
        return NULL;
    }
    return tl;
}

void nsc__translit_free(nsc__translit *tl)
{
    if (!tl) return;
    for (int i = 0; i < NSC_TR_COUNT; i++)
        if (tl->tr[i]) utrans_close(tl->tr[i]);
    pthread_mutex_destroy(&tl->lock);
    nsc__free(tl->mem, tl);
}

/* Prototype `which`, opened on first use; NULL with *rc set when that failed. */
static const UTransliterator *proto_tr(nsc__translit *tl, int which, int *rc)
{
    pthread_mutex_lock(&tl->lock);
    if (!tl->tr[which]) {
        UErrorCode st = U_ZERO_ERROR;
        UChar id[128];
        u_uastrcpy(id, tr_ids[which]);
        tl->tr[which] = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
        if (U_FAILURE(st)) {
            tl->tr[which] = NULL;
            if (st == U_MEMORY_ALLOCATION_ERROR) *rc = NSC_ENOMEM;
        }
    }
    const UTransliterator *proto = tl->tr[which];
    pthread_mutex_unlock(&tl->lock);
    return proto;
}

/* The scratch's clone of transliterator `which`, made on first use. *rc receives NSC_ENOMEM
 * when memory ran out, NSC_EICU when ICU failed. */
static UTransliterator *ctx_tr(nsc__text_scratch *ctx, int which, int *rc)
{
    if (ctx->tr[which]) return ctx->tr[which];
    *rc = NSC_EICU;
    const UTransliterator *proto = proto_tr(ctx->tl, which, rc);
    /* Cloning is a const use of a prototype, which ICU allows from several threads at once;
     * outside the lock, a clone (about a millisecond for Any-Latin) does not hold up the
     * other threads. */
    UErrorCode st = U_ZERO_ERROR;
    if (proto) {
        ctx->tr[which] = utrans_clone(proto, &st);
        if (U_FAILURE(st)) {
            ctx->tr[which] = NULL;
            if (st == U_MEMORY_ALLOCATION_ERROR) *rc = NSC_ENOMEM;
        }
    }
    return ctx->tr[which];
}

int nsc__translit_prepare(nsc__text_scratch *ctx)
{
    for (int i = 0; i < NSC_TR_COUNT; i++) {
        int rc;
        if (!ctx_tr(ctx, i, &rc)) return rc;
    }
    return 0;
}

void nsc__text_scratch_init(nsc__text_scratch *ts, nsc__translit *tl) { ts->tl = tl; }

void nsc__text_scratch_clear(nsc__text_scratch *ts)
{
    for (int i = 0; i < NSC_TR_COUNT; i++) {
        if (ts->tr[i]) utrans_close(ts->tr[i]);
        ts->tr[i] = NULL;
    }
}

/* ---- ASCII clean-up: the last step of every path ---------------------------------------- */

/* Whether the character starting at s[*i] (not ASCII) separates words: the punctuation and
 * spaces romanization leaves as they are (the katakana middle dot of バラク・オバマ, the Khmer
 * signs). Letters and modifiers left over (ʿ ʾ) vanish, as apostrophes do. Advances *i past the
 * character's last byte. */
static int utf8_separates(const char *s, size_t len, size_t *i)
{
    UChar32 c;
    int32_t k = (int32_t)*i;
    U8_NEXT(s, k, (int32_t)len, c);
    *i = (size_t)k - 1;
    if (c < 0) return 0;
    switch (u_charType(c)) {
    case U_SPACE_SEPARATOR:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION: return 1;
    default: return 0;
    }
}

/* Lower case; apostrophes vanish (O'Brien = OBrien); '&' is "and"; commas are kept as
 * separators for "SURNAME, Given"; every other non-alphanumeric byte separates tokens, and so
 * does punctuation beyond ASCII (utf8_separates). */
static size_t ascii_clean(char *out, size_t cap, const char *s, size_t len)
{
    size_t n = 0;
    int space = 1;
    for (size_t i = 0; i < len && n + 6 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if (c >= 0x80 && utf8_separates(s, len, &i)) c = ' ';
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out[n++] = (char)c;
            space = 0;
        } else if (c == '\'' || c == '`' || c >= 0x80) {
            continue; /* leftovers of romanization (modifier letters) vanish too */
        } else if (c == '&') {
            if (!space) out[n++] = ' ';
            memcpy(out + n, "and ", 4);
            n += 4;
            space = 1;
        } else if (c == ',') {
            if (n && out[n - 1] == ' ') n--;
            out[n++] = ',';
            out[n++] = ' ';
            space = 1;
        } else if (c == '(' || c == ')' || c == '[' || c == ']') {
            /* kept as tokens of their own: what they enclose qualifies the name (text/tokenize.c) */
            if (!space) out[n++] = ' ';
            out[n++] = c == '(' || c == '[' ? '(' : ')';
            out[n++] = ' ';
            space = 1;
        } else if (!space) {
            out[n++] = ' ';
            space = 1;
        }
    }
    while (n && (out[n - 1] == ' ' || out[n - 1] == ',' || out[n - 1] == '(')) n--;
    out[n] = '\0';
    return n;
}

static int is_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) return 0;
    return 1;
}

/* ---- Han: legal forms and generic words before romanizing ------------------------------------
 * ICU romanizes whole words of Han ("晓睿智科技" becomes "xiao ruizhike ji"), gluing syllables
 * across word boundaries; and legal forms must be recognized in the original script. Known
 * words (nsc__script_words, text/words.h) are replaced by English in presplit(), the rest is
 * romanized one character at a time. */

/* Pinyin of one Han character, cached per context. */
static int han_syllable(nsc__text_scratch *ctx, UChar32 c, char *out, size_t cap)
{
    unsigned slot = (unsigned)c % NSC_HAN_CACHE;
    if (ctx->han_cp[slot] == c) {
        strncpy(out, ctx->han_py[slot], cap - 1);
        out[cap - 1] = '\0';
        return 0;
    }
    int rc;
    UTransliterator *tr = ctx_tr(ctx, NSC_TR_HAN, &rc);
    if (!tr) return rc;
    UChar buf[32];
    int32_t len = 0;
    U16_APPEND_UNSAFE(buf, len, c);
    int32_t limit = len;
    UErrorCode st = U_ZERO_ERROR;
    utrans_transUChars(tr, buf, &len, 32, 0, &limit, &st);
    if (U_FAILURE(st)) return NSC_EICU;
    char u8[64];
    int32_t n8 = 0;
    u_strToUTF8(u8, sizeof u8, &n8, buf, len, &st);
    if (U_FAILURE(st)) return NSC_EICU;
    ascii_clean(out, cap, u8, (size_t)n8);
    if (strlen(out) < sizeof ctx->han_py[slot]) {
        ctx->han_cp[slot] = c;
        strcpy(ctx->han_py[slot], out);
    }
    return 0;
}

/* Script classes that choose the transliterators. */
enum {
    S_HAN = 1,
    S_HANGUL = 2,
    S_CYRL = 4,
    S_ARAB = 8,
    S_HEBR = 16,
    S_GREEK = 32,
    S_OTHER = 64,
    S_UKR = 128,
    S_KANA = 256,
    S_KHMER = 512
};

static unsigned scripts_of(const UChar *u, int32_t n)
{
    unsigned s = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(u, i, n, c);
        if (c < 0x80) continue;
        UErrorCode st = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(c, &st);
        switch (sc) {
        case USCRIPT_HAN: s |= S_HAN; break;
        case USCRIPT_HANGUL: s |= S_HANGUL; break;
        case USCRIPT_HIRAGANA:
        case USCRIPT_KATAKANA: s |= S_KANA; break;
        case USCRIPT_CYRILLIC:
            s |= S_CYRL;
            if (c == 0x0454 || c == 0x0456 || c == 0x0457 || c == 0x0491) s |= S_UKR;
            break;
        case USCRIPT_ARABIC: s |= S_ARAB; break;
        case USCRIPT_HEBREW: s |= S_HEBR; break;
        case USCRIPT_GREEK: s |= S_GREEK; break;
        case USCRIPT_KHMER: s |= S_KHMER; break;
        case USCRIPT_LATIN:
        case USCRIPT_COMMON:
        case USCRIPT_INHERITED: break;
        default: s |= S_OTHER; break;
        }
    }
    return s;
}

/* Runs transliterator `which` over u[0..n) into UTF-8, then the ASCII clean-up. */
static int run_tr(nsc__text_scratch *ctx, int which, const UChar *u, int32_t n, char *out)
{
    int rc;
    UTransliterator *tr = ctx_tr(ctx, which, &rc);
    if (!tr) return rc;
    UChar *buf = ctx->ubuf2;
    if (n > NSC_UBUF / 4) n = NSC_UBUF / 4;
    u_memcpy(buf, u, n);
    int32_t len = n, limit = n;
    UErrorCode st = U_ZERO_ERROR;
    utrans_transUChars(tr, buf, &len, NSC_UBUF, 0, &limit, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) return NSC_ETOOLONG;
    if (U_FAILURE(st)) return NSC_EICU;
    int32_t n8 = 0;
    st = U_ZERO_ERROR;
    u_strToUTF8(ctx->u8buf, sizeof ctx->u8buf, &n8, buf, len, &st);
    if (U_FAILURE(st) && st != U_STRING_NOT_TERMINATED_WARNING) return NSC_ETOOLONG;
    /* Latin-ASCII leaves some letters it has no ASCII for; drop what is still not ASCII */
    ascii_clean(out, NSC_MAX_NAME_BYTES, ctx->u8buf, (size_t)n8);
    return 0;
}

/* ---- Arabic script: the letters of Persian, Urdu, Pashto, Kurdish and Uyghur ---------------
 * ICU's Any-Latin romanizes the Arabic letters and the four Persian ones (پ چ ژ گ) but drops
 * most letters of Urdu and Pashto (ٹ ڈ ڑ ں ے ځ څ ډ ړ ږ ګ ڼ ې). They are written here as the
 * BGN/PCGN romanizations of Urdu (2007) and Pashto (1968) write them, without diacritics
 * (ṭ ḍ ṛ ṇ as t d r n), and the Kurdish and Uyghur letters as their Latin alphabets do. Kashida
 * (tatweel) is a stretch of the line, not a letter. */
static const struct {
    UChar32 c;
    const char *latin;
} arabic_letters[] = {
    { 0x0640, "" },   /* tatweel */
    { 0x0679, "t" },  /* ٹ Urdu tteh */
    { 0x0688, "d" },  /* ڈ Urdu ddal */
    { 0x0691, "r" },  /* ڑ Urdu rreh */
    { 0x06BA, "n" },  /* ں Urdu noon ghunna */
    { 0x06BE, "h" },  /* ھ do-chashmi heh (the aspiration of bh, ph, th) */
    { 0x06C1, "h" },  /* ہ Urdu heh goal */
    { 0x06C2, "e" },  /* ۂ heh goal with hamza (izafat) */
    { 0x06C3, "a" },  /* ۃ Urdu teh marbuta goal, as ة */
    { 0x06D2, "e" },  /* ے Urdu yeh barree */
    { 0x06D3, "e" },  /* ۓ yeh barree with hamza */
    { 0x067C, "t" },  /* ټ Pashto teh with ring */
    { 0x0681, "dz" }, /* ځ Pashto dzeh */
    { 0x0685, "ts" }, /* څ Pashto tseh */
    { 0x0689, "d" },  /* ډ Pashto ddal */
    { 0x0693, "r" },  /* ړ Pashto rreh */
    { 0x0696, "j" },  /* ږ Pashto zheh: zh, which the fold writes j (text/tokenize.c) */
    { 0x0698, "j" },  /* ژ Persian zheh: likewise (Zhaleh, Jaleh) */
    { 0x069A, "sh" }, /* ښ Pashto sheen */
    { 0x06AB, "g" },  /* ګ Pashto gaf */
    { 0x06BC, "n" },  /* ڼ Pashto nnoon */
    { 0x06D0, "e" },  /* ې Pashto e */
    { 0x06CD, "ai" }, /* ۍ Pashto yeh with tail */
    { 0x06C0, "e" },  /* ۀ heh with yeh (Persian izafat) */
    { 0x06A4, "v" },  /* ڤ veh (Kurdish, Maghreb) */
    { 0x06C6, "o" },  /* ۆ Kurdish o */
    { 0x06CE, "e" },  /* ێ Kurdish e */
    { 0x06B5, "l" },  /* ڵ Kurdish velarized l */
    { 0x0695, "r" },  /* ڕ Kurdish trilled r */
    { 0x06D5, "e" },  /* ە Kurdish and Uyghur e */
    { 0x06C7, "u" },  /* ۇ Uyghur u */
    { 0x06C8, "u" },  /* ۈ Uyghur ü */
    { 0x06CB, "v" },  /* ۋ Uyghur ve */
};

/* Whether c is an Arabic-script z (ز ظ): followed by h it would read as zh, the letter ژ,
 * which Latin spellings of Arabic names never write for z + h (Zuhair, Zahra). Other letters
 * before h stay as they are: Latin spellings write both Fathi and Fatahi, Ishaq and Isahaq. */
static int arabic_before_h(UChar32 c) { return c == 0x0632 || c == 0x0638; }

/* Whether the heh at in[i] (ه, or the Urdu ہ) ends its word after a consonant letter: Persian,
 * Urdu and Pashto write it there, silent, for a final short vowel (حواله hawala, زاده zada,
 * خواجہ khwaja), and informal Arabic for ta marbuta (المزيده al-Mazida), which Latin spellings end
 * in a vowel, with or without h. Allah keeps its h (الله, عبدالله), and so do a word of two
 * letters (طه Taha) and a heh after a long vowel, a hamza or another heh (شاه Shah, فقيه
 * Faqih). */
static int silent_heh(const UChar *in, int32_t i, int32_t n)
{
    if (in[i] != 0x0647 && in[i] != 0x06C1) return 0;
    if (i + 1 < n && (u_isalpha(in[i + 1]) || u_charType(in[i + 1]) == U_NON_SPACING_MARK))
        return 0;
    if (i < 2 || u_charType(in[i - 1]) != U_OTHER_LETTER || u_charType(in[i - 2]) != U_OTHER_LETTER)
        return 0;
    static const UChar long_vowels[] = { 0x0627, 0x0622, 0x0623, 0x0625, 0x0648, 0x064A,
                                         0x06CC, 0x0649, 0x06CD, 0x06D0, 0x06D2, 0x0647,
                                         0x06C1, 0x0621, 0x0626, 0x0624, 0 };
    if (u_strchr(long_vowels, in[i - 1])) return 0;
    return !(in[i - 1] == 0x0644 && in[i - 2] == 0x0644); /* -llah */
}

/* Whether the Arabic-script name in[0..n) has a letter that Latin spellings end with or
 * without h: ta marbuta (ة) or a silent final heh (silent_heh). */
static int has_final_ah(const UChar *in, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        if (in[i] == 0x0629 || silent_heh(in, i, n)) return 1;
    return 0;
}

/* The Latin of an Arabic-script letter ICU does not romanize, or NULL. */
static const char *arabic_letter(UChar32 c)
{
    if (c < 0x0640 || c > 0x06D5) return NULL;
    for (size_t k = 0; k < sizeof arabic_letters / sizeof arabic_letters[0]; k++)
        if (arabic_letters[k].c == c) return arabic_letters[k].latin;
    return NULL;
}

/* Whether c is Han or a Hangul syllable (a character of a CJK name). */
static int is_cjk_syllable(UChar32 c)
{
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &st);
    return sc == USCRIPT_HAN || (c >= 0xAC00 && c <= 0xD7A3);
}

/* Replaces known Han/Arabic/Cyrillic words by English, and spaces Han and Hangul syllables
 * apart, in place in ctx->ubuf; returns the new length. Han is read per character by
 * `reading` (NSC_HAN_*, text/han.h; ICU's pinyin for a character the tables lack), Hangul by
 * the Revised Romanization. */
static int32_t presplit(nsc__text_scratch *ctx, int32_t n, int reading, int ta_ah, int *rc)
{
    UChar *in = ctx->ubuf, *out = ctx->ubuf2;
    int32_t m = 0;
    *rc = 0;
    for (int32_t i = 0; i < n && m < NSC_UBUF - 64;) {
        size_t wl;
        const nsc__script_word *sw =
            nsc__script_word_at((const uint16_t *)(in + i), (size_t)(n - i), &wl);
        if (sw) {
            for (const char *p = sw->latin; *p; p++) out[m++] = (UChar)*p;
            i += (int32_t)wl;
            continue;
        }
        UChar32 c;
        int32_t j = i;
        U16_NEXT(in, j, n, c);
        UErrorCode st = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(c, &st);
        if (nsc__is_khmer((uint32_t)c)) { /* which ICU does not romanize (text/khmer.h) */
            char lat[NSC_MAX_NAME_BYTES];
            size_t used, room = (size_t)(NSC_UBUF - 64 - m);
            size_t ll = nsc__khmer_romanize((const uint16_t *)(in + i), (size_t)(n - i), &used, lat,
                                            room < sizeof lat ? room : sizeof lat);
            for (size_t k = 0; k < ll; k++) out[m++] = (UChar)lat[k];
            i += (int32_t)used;
            continue;
        }
        if (sc == USCRIPT_ARABIC) {
            /* Latin spellings end ta marbuta and alif maksura in "a" (Hamza, Mustafa), and
             * write the article apart (al-Kuni); ICU gives "t", "y" and glues the article. */
            int word_start = i == 0 || uscript_getScript(in[i - 1], &st) != USCRIPT_ARABIC;
            /* as ta marbuta: "a" here, ICU's "h" in the reading with ta_ah */
            if (!ta_ah && silent_heh(in, i, n)) {
                out[m++] = 'a';
                i = j;
                continue;
            }
            const char *lat = arabic_letter(c);
            if (lat) {
                while (*lat) out[m++] = (UChar)*lat++;
                i = j;
                continue;
            }
            /* z before ح or ه (h): the script writes no vowel between them, but a Latin
             * spelling does (Zuhair, Zahra), since zh would read as ژ; the vowel written here
             * keeps the two letters apart in the fold and the skeleton, which match Latin
             * spellings by their consonants */
            if (arabic_before_h(c) && j < n && (in[j] == 0x062D || in[j] == 0x0647)) {
                out[m++] = (UChar)c;
                out[m++] = 'a';
                i = j;
                continue;
            }
            if (c == 0x0629 || (c == 0x0649 && (j >= n || !u_isalpha(in[j])))) {
                out[m++] = 'a';
                if (ta_ah && c == 0x0629) out[m++] = 'h';
                i = j;
                continue;
            }
            int allah = j + 2 < n && in[j] == 0x0644 && in[j + 1] == 0x0644 && in[j + 2] == 0x0647;
            if (word_start && !allah && c == 0x0627 && j + 1 < n && in[j] == 0x0644 && j + 2 < n &&
                u_isalpha(in[j + 1])) {
                out[m++] = 'a', out[m++] = 'l', out[m++] = ' ';
                i = j + 1;
                continue;
            }
        }
        int cjk = sc == USCRIPT_HAN || (c >= 0xAC00 && c <= 0xD7A3), word_start = 1;
        if (cjk && i > 0) {
            UChar32 pc;
            int32_t pi = i;
            U16_PREV(in, 0, pi, pc);
            word_start = !is_cjk_syllable(pc);
        }
        char py[32];
        if (sc == USCRIPT_HAN) {
            if (!nsc__han_reading((uint32_t)c, reading, word_start, py, sizeof py)) {
                *rc = han_syllable(ctx, (UChar32)nsc__han_fold((uint32_t)c), py, sizeof py);
                if (*rc) return 0;
            }
            out[m++] = ' ';
            for (const char *p = py; *p && m < NSC_UBUF - 40; p++) out[m++] = (UChar)*p;
            out[m++] = ' ';
        } else if (cjk && nsc__hangul_rr((uint32_t)c, word_start, 0, py, sizeof py)) {
            out[m++] = ' ';
            for (const char *p = py; *p && m < NSC_UBUF - 40; p++) out[m++] = (UChar)*p;
            out[m++] = ' ';
        } else if (sc == USCRIPT_HANGUL) {
            out[m++] = ' ';
            for (int32_t t = i; t < j; t++) out[m++] = in[t];
            out[m++] = ' ';
        } else {
            for (int32_t t = i; t < j; t++) out[m++] = in[t];
        }
        i = j;
    }
    u_memcpy(in, out, m);
    return m;
}

/* Korean: lists and passports spell family names by custom (Kim, Lee, Park, Choi), not by the
 * Revised Romanization that ICU produces (Gim, I, Bak, Choe); given-name syllables lose the
 * RR digraphs eo and eu (Jeong Un -> Jong Un, as North Korean names are written). This is a
 * second variant; the first keeps ICU's Revised Romanization. */
static const struct {
    const char *rr, *custom;
} korean_surnames[] = {
    { "gim", "kim" },    { "i", "lee" },      { "ri", "ri" },     { "bak", "park" },
    { "choe", "choi" },  { "jeong", "jung" }, { "gang", "kang" }, { "jo", "cho" },
    { "yun", "yoon" },   { "jang", "jang" },  { "im", "lim" },    { "o", "oh" },
    { "sin", "shin" },   { "gwon", "kwon" },  { "an", "ahn" },    { "yu", "yoo" },
    { "jeon", "jun" },   { "go", "ko" },      { "mun", "moon" },  { "baek", "paek" },
    { "heo", "huh" },    { "sim", "shim" },   { "no", "noh" },    { "gwak", "kwak" },
    { "seong", "sung" }, { "ju", "joo" },     { "u", "woo" },     { "gu", "koo" },
    { "seo", "suh" },    { "hyeon", "hyun" }, { "gong", "kong" }, { "gil", "kil" },
    { "pyeon", "pyun" },
};

static void korean_variant(char *dst, const char *src)
{
    size_t n = 0;
    const char *p = src;
    const char *sp = strchr(p, ' ');
    size_t flen = sp ? (size_t)(sp - p) : strlen(p);
    for (size_t k = 0; k < sizeof korean_surnames / sizeof korean_surnames[0]; k++)
        if (strlen(korean_surnames[k].rr) == flen && memcmp(p, korean_surnames[k].rr, flen) == 0) {
            n = strlen(korean_surnames[k].custom);
            memcpy(dst, korean_surnames[k].custom, n);
            p += flen;
            break;
        }
    for (; *p && n < NSC_MAX_NAME_BYTES - 4; p++) {
        if (p[0] == 'e' && (p[1] == 'o' || p[1] == 'u')) continue; /* eo -> o, eu -> u */
        dst[n++] = *p;
    }
    dst[n] = '\0';
}

/* ---- Wade-Giles ------------------------------------------------------------------------------
 * Older romanizations of Chinese (Hsi Chin-p'ing, Mao Tse-tung) name the same people as pinyin
 * (Xi Jinping, Mao Zedong). A name written in Wade-Giles (a syllable beginning "hs", an
 * aspiration apostrophe, "tz"/"ts" or a final "ih") gets a pinyin variant: each syllable
 * converted, the syllables of a hyphenated given name joined. Without those signs a name is
 * left alone: plain "Ting" must not become "Ding". */
static int wg_signs(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        int start = i == 0 || !isalpha((unsigned char)s[i - 1]);
        char c = (char)tolower((unsigned char)s[i]),
             d = i + 1 < len ? (char)tolower((unsigned char)s[i + 1]) : 0;
        if (start && c == 'h' && d == 's') return 1;
        if (start && c == 't' && (d == 's' || d == 'z')) return 1;
        if ((s[i] == '\'' || s[i] == '`') && i > 0 && strchr("kKpPtThH", s[i - 1])) return 1;
        if (c == 'i' && d == 'h' && (i + 2 >= len || !isalpha((unsigned char)s[i + 2]))) return 1;
    }
    return 0;
}

/* One Wade-Giles syllable (lower case, aspiration apostrophe kept) to pinyin. */
static size_t wg_syllable(char *out, const char *syl, size_t n)
{
    static const struct {
        const char *wg, *py;
    } initials[] = {
        { "ch'", "q" }, { "ch", "j" }, { "hs", "x" }, { "ts'", "c" }, { "tz'", "c" },
        { "ts", "z" },  { "tz", "z" }, { "k'", "k" }, { "k", "g" },   { "p'", "p" },
        { "p", "b" },   { "t'", "t" }, { "t", "d" },  { "j", "r" },
    };
    char buf[32];
    size_t w = 0, i = 0;
    for (size_t k = 0; k < sizeof initials / sizeof initials[0]; k++) {
        size_t l = strlen(initials[k].wg);
        if (n >= l && memcmp(syl, initials[k].wg, l) == 0) {
            const char *py = initials[k].py;
            /* ch/ch' before a, e, o, u (not ü) are zh/ch */
            if (syl[0] == 'c' && l >= 2 && n > l && strchr("aeou", syl[l]))
                py = syl[2] == '\'' ? "ch" : "zh";
            w = strlen(py);
            memcpy(buf, py, w);
            i = l;
            break;
        }
    }
    for (; i < n && w < sizeof buf - 4; i++) {
        if (syl[i] == '\'' || syl[i] == '`') continue;
        buf[w++] = syl[i];
    }
    buf[w] = '\0';
    /* finals: -ih is -i (shih, chih), -ieh -ie, -ien -ian, -ung -ong, -erh -er */
    if (w >= 3 && strcmp(buf + w - 2, "ih") == 0) buf[--w] = '\0';
    if (w >= 3 && strcmp(buf + w - 3, "ieh") == 0) buf[--w] = '\0';
    if (w >= 3 && strcmp(buf + w - 3, "ien") == 0) memcpy(buf + w - 3, "ian", 3);
    if (w >= 3 && strcmp(buf + w - 3, "ung") == 0) buf[w - 3] = 'o';
    if (w >= 3 && strcmp(buf + w - 3, "erh") == 0) buf[--w] = '\0';
    memcpy(out, buf, w);
    return w;
}

/* The pinyin variant of a Wade-Giles name, into out (then cleaned like any name). */
static void wade_giles(char *out, size_t cap, const char *s, size_t len)
{
    char tmp[NSC_MAX_NAME_BYTES];
    size_t w = 0;
    for (size_t i = 0; i < len && w + 40 < sizeof tmp;) {
        if (!isalpha((unsigned char)s[i])) {
            if (s[i] != '-') tmp[w++] = s[i]; /* a hyphen joins the syllables of a name */
            i++;
            continue;
        }
        char syl[32];
        size_t n = 0;
        while (i < len && n < sizeof syl - 1 &&
               (isalpha((unsigned char)s[i]) || ((s[i] == '\'' || s[i] == '`') && n > 0)))
            syl[n++] = (char)tolower((unsigned char)s[i++]);
        w += wg_syllable(tmp + w, syl, n);
    }
    ascii_clean(out, cap, tmp, w);
}

/* ---- CJK names -------------------------------------------------------------------------------
 * A name in Han characters alone may be Chinese (read in Mandarin, written in pinyin or
 * Wade-Giles, or in Cantonese, written as Hong Kong spells names), Korean or Japanese: it gets
 * each of those readings as a variant. Kana make a name Japanese, Hangul Korean. */

static int has_ascii_letter(const UChar *u, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        if (u[i] < 0x80 && isalpha((int)u[i])) return 1;
    return 0;
}

/* The readings (NSC_HAN_*) a name of scripts sc gets, in order of preference; returns how
 * many. latin: Latin letters are mixed in. */
static int cjk_readings(unsigned sc, int latin, int *r)
{
    int n = 0;
    if (sc & S_KANA) {
        r[n++] = NSC_HAN_JA_KUN;
        if (sc & S_HAN) r[n++] = NSC_HAN_JA_ON;
    } else if (sc & S_HANGUL) {
        r[n++] = NSC_HAN_KOREAN;
        if (sc & S_HAN) r[n++] = NSC_HAN_KOREAN_NORTH;
    } else if (sc == S_HAN && !latin) {
        static const int all[] = { NSC_HAN_PINYIN,      NSC_HAN_WADE_GILES, NSC_HAN_HONG_KONG,
                                   NSC_HAN_KOREAN,      NSC_HAN_JA_KUN,     NSC_HAN_JA_ON,
                                   NSC_HAN_KOREAN_NORTH };
        for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) r[n++] = all[k];
    } else {
        r[n++] = NSC_HAN_PINYIN; /* Han among other scripts: Chinese */
    }
    return n;
}

/* The variants of a name with Han, Hangul or kana, normalized in ctx->ubuf[0..n): one per
 * reading, Korean ones followed by their customary spelling (korean_variant, lossy). Its
 * tokens are CJK syllables (NSC_TOKF_HAN) when no Latin letter is mixed in. */
static int romanize_cjk(nsc__text_scratch *ctx, int32_t n, unsigned sc,
                        char out[][NSC_MAX_NAME_BYTES], int max, unsigned *flags,
                        unsigned *lossy_mask)
{
    int readings[NSC_HAN_READINGS], latin = has_ascii_letter(ctx->ubuf, n);
    int nr = cjk_readings(sc, latin, readings), nv = 0, rc = 0;
    u_memcpy(ctx->unorm, ctx->ubuf, n);
    for (int k = 0; k < nr && nv < max; k++) {
        if (k) u_memcpy(ctx->ubuf, ctx->unorm, n);
        int32_t m = presplit(ctx, n, readings[k], 0, &rc);
        if (rc) return rc;
        if ((rc = run_tr(ctx, NSC_TR_ANY, ctx->ubuf, m, out[nv]))) return rc;
        nv++;
        if (readings[k] == NSC_HAN_KOREAN && nv < max) {
            korean_variant(out[nv], out[nv - 1]);
            *lossy_mask |= 1u << nv;
            nv++;
        }
    }
    *flags |= NSC_TOKF_ROMAN;
    if (sc & (S_ARAB | S_HEBR)) *flags |= NSC_TOKF_ABJAD;
    if (!(sc & S_KANA) && !latin) *flags |= NSC_TOKF_HAN;
    return nv;
}

int nsc__romanize(nsc__text_scratch *ctx, const char *name, size_t len,
                  char out[][NSC_MAX_NAME_BYTES], int max, unsigned *flags, unsigned *lossy_mask)
{
    *flags = 0;
    *lossy_mask = 0;
    if (is_ascii(name, len)) {
        ascii_clean(out[0], NSC_MAX_NAME_BYTES, name, len);
        if (max > 1 && wg_signs(name, len)) {
            wade_giles(out[1], NSC_MAX_NAME_BYTES, name, len);
            return 2;
        }
        return 1;
    }
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8(ctx->ubuf2, NSC_UBUF / 4, &n, name, (int32_t)len, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) return NSC_ETOOLONG;
    if (U_FAILURE(st)) return NSC_EENCODING;
    const UNormalizer2 *nfkc = unorm2_getNFKCCasefoldInstance(&st);
    if (U_FAILURE(st)) return NSC_EICU;
    n = unorm2_normalize(nfkc, ctx->ubuf2, n, ctx->ubuf, NSC_UBUF / 2, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) return NSC_ETOOLONG;
    if (U_FAILURE(st)) return NSC_EICU;
    unsigned sc = scripts_of(ctx->ubuf, n);
    if (sc & (S_HAN | S_HANGUL | S_KANA))
        return romanize_cjk(ctx, n, sc, out, max, flags, lossy_mask);
    int32_t n0 = n; /* the name before presplit, for the Persian reading below */
    if (sc & S_ARAB) u_memcpy(ctx->unorm, ctx->ubuf, n);
    if (sc & (S_ARAB | S_CYRL | S_KHMER)) {
        int rc;
        n = presplit(ctx, n, NSC_HAN_PINYIN, 0, &rc);
        if (rc) return rc;
    }
    int nv = 0, rc;
    if ((rc = run_tr(ctx, NSC_TR_ANY, ctx->ubuf, n, out[nv]))) return rc;
    nv++;
    int alt = -1;
    if (sc & S_UKR)
        alt = NSC_TR_UK_BGN;
    else if (sc & S_CYRL)
        alt = NSC_TR_RU_BGN;
    else if (sc & S_HEBR)
        alt = NSC_TR_HE_BGN;
    else if (sc & S_GREEK)
        alt = NSC_TR_EL_UNGEGN;
    if (alt >= 0 && nv < max) {
        if ((rc = run_tr(ctx, alt, ctx->ubuf, n, out[nv]))) return rc;
        nv++;
    }
    if ((sc & S_CYRL) && !(sc & S_UKR) && nv < max) { /* Ukrainian BGN too: names cross */
        if ((rc = run_tr(ctx, NSC_TR_UK_BGN, ctx->ubuf, n, out[nv]))) return rc;
        nv++;
    }
    /* ta marbuta (ة) as Latin spellings also end it: ah (Hamzah, Fatimah, Talhah), and a
     * silent final heh as written (Hawalah, Zadeh): a spelling of the same reading, so not
     * lossy */
    if ((sc & S_ARAB) && nv < max && has_final_ah(ctx->unorm, n0)) {
        u_memcpy(ctx->ubuf, ctx->unorm, n0);
        int32_t m = presplit(ctx, n0, NSC_HAN_PINYIN, 1, &rc);
        if (rc) return rc;
        if ((rc = run_tr(ctx, NSC_TR_ANY, ctx->ubuf, m, out[nv]))) return rc;
        nv++;
    }
    /* Arabic script as Persian, Urdu and Pashto read it (the ALA-LC Persian and Urdu tables,
     * and Egyptian usage): ض ذ ظ are z and ث is s (Fazl, Zakir, Usman, Sanaullah), where the
     * Arabic reading writes d, dh, z and th. One more variant, a reading rather than the
     * spelling (lossy: it does not meet another reading); last, as it rewrites ubuf. */
    if ((sc & S_ARAB) && nv < max) {
        int changed = 0;
        for (int32_t k = 0; k < n0; k++) {
            UChar c = ctx->unorm[k];
            if (c == 0x0636 || c == 0x0630 || c == 0x0638) { /* ض ذ ظ */
                ctx->unorm[k] = 0x0632;                      /* ز */
                changed = 1;
            } else if (c == 0x062B) {   /* ث */
                ctx->unorm[k] = 0x0633; /* س */
                changed = 1;
            }
        }
        if (changed) {
            u_memcpy(ctx->ubuf, ctx->unorm, n0);
            int32_t m = presplit(ctx, n0, NSC_HAN_PINYIN, 0, &rc);
            if (rc) return rc;
            if ((rc = run_tr(ctx, NSC_TR_ANY, ctx->ubuf, m, out[nv]))) return rc;
            *lossy_mask |= 1u << nv;
            nv++;
        }
    }
    if (sc & ~(unsigned)S_UKR) *flags |= NSC_TOKF_ROMAN;
    if (sc & (S_ARAB | S_HEBR)) *flags |= NSC_TOKF_ABJAD;
    return nv;
}
