/* SPDX-License-Identifier: Apache-2.0 */
/*
 * text/khmer.c: Khmer script in Latin letters. ICU has no Khmer transliterator, so a Khmer
 * name would otherwise lose every letter. The system is the UNGEGN (BGN/PCGN 1972) one, in
 * ASCII (â and ô written a and o), as Cambodian names appear in Latin lists (Pol Pot, Hun Sen,
 * Chea Sim, Sok An):
 * - Each consonant belongs to a series (a: first, o: second) that chooses how the vowel sign
 *   after it reads (ា is a after a first-series consonant, ea after a second-series one); the
 *   signs muusikatoan (៉) and triisap (៊) move a consonant to the first or the second series.
 * - A consonant without a vowel sign reads with its series' inherent vowel (a, o) when it opens
 *   a syllable, and as a final consonant (no vowel) when it closes one: after a vowel sign, an
 *   independent vowel or an inherent vowel.
 * - A subscript consonant (coeng ្ + consonant) joins the one before it in a cluster; a
 *   second-series subscript other than a sonorant (ង ញ ន ម យ រ ល វ) puts the cluster in the
 *   second series (ស្ពាន: spean).
 * - ហ before a subscript គ or វ writes the g and f of borrowed names (ហ្គ, ហ្វ), first series.
 * - Final consonants read as they sound: k for ក ខ គ ឃ, ch for ច ឆ ជ ឈ, t for ដ ឋ ឌ ឍ ត ថ ទ ធ,
 *   p for ប ផ ព ភ; toandakhiat (៍) silences its consonant; the other signs are not written.
 */
#include <string.h>

#include "text/khmer.h"

/* U+1780..U+17A2: initial spelling, final spelling, series (1, 2), sonorant */
static const struct {
    const char *initial, *final;
    unsigned char series, sonorant;
} consonants[] = {
    { "k", "k", 1, 0 },    /* ក */
    { "kh", "k", 1, 0 },   /* ខ */
    { "k", "k", 2, 0 },    /* គ */
    { "kh", "k", 2, 0 },   /* ឃ */
    { "ng", "ng", 2, 1 },  /* ង */
    { "ch", "ch", 1, 0 },  /* ច */
    { "chh", "ch", 1, 0 }, /* ឆ */
    { "ch", "ch", 2, 0 },  /* ជ */
    { "chh", "ch", 2, 0 }, /* ឈ */
    { "nh", "nh", 2, 1 },  /* ញ */
    { "d", "t", 1, 0 },    /* ដ */
    { "th", "t", 1, 0 },   /* ឋ */
    { "d", "t", 2, 0 },    /* ឌ */
    { "th", "t", 2, 0 },   /* ឍ */
    { "n", "n", 1, 1 },    /* ណ */
    { "t", "t", 1, 0 },    /* ត */
    { "th", "t", 1, 0 },   /* ថ */
    { "t", "t", 2, 0 },    /* ទ */
    { "th", "t", 2, 0 },   /* ធ */
    { "n", "n", 2, 1 },    /* ន */
    { "b", "p", 1, 0 },    /* ប */
    { "ph", "p", 1, 0 },   /* ផ */
    { "p", "p", 2, 0 },    /* ព */
    { "ph", "p", 2, 0 },   /* ភ */
    { "m", "m", 2, 1 },    /* ម */
    { "y", "y", 2, 1 },    /* យ */
    { "r", "r", 2, 1 },    /* រ */
    { "l", "l", 2, 1 },    /* ល */
    { "v", "v", 2, 1 },    /* វ */
    { "sh", "sh", 1, 0 },  /* ឝ (obsolete) */
    { "ss", "s", 1, 0 },   /* ឞ (obsolete) */
    { "s", "s", 1, 0 },    /* ស */
    { "h", "h", 1, 0 },    /* ហ */
    { "l", "l", 1, 1 },    /* ឡ */
    { "", "", 1, 0 },      /* អ: the glottal stop that carries a vowel */
};

/* U+17B6..U+17C5, the dependent vowels: after a first-series, a second-series consonant */
static const char *const vowels[][2] = {
    { "a", "ea" },    /* ា */
    { "e", "i" },     /* ិ */
    { "ei", "i" },    /* ី */
    { "oe", "ue" },   /* ឹ */
    { "eu", "eu" },   /* ឺ */
    { "o", "u" },     /* ុ */
    { "ou", "u" },    /* ូ */
    { "uo", "uo" },   /* ួ */
    { "aeu", "eu" },  /* ើ */
    { "oea", "oea" }, /* ឿ */
    { "ie", "ie" },   /* ៀ */
    { "e", "e" },     /* េ */
    { "ae", "ae" },   /* ែ */
    { "ai", "ey" },   /* ៃ */
    { "ao", "o" },    /* ោ */
    { "au", "ov" },   /* ៅ */
};

/* U+17A3..U+17B3, the independent vowels */
static const char *const independent[] = {
    "a",    "aa",  "e",    "ei", "o",  "ou", "ou", "au", "rue",
    "rueu", "lue", "lueu", "ae", "ai", "ao", "ao", "au",
};

#define COENG 0x17D2
#define MUUSIKATOAN 0x17C9
#define TRIISAP 0x17CA
#define TOANDAKHIAT 0x17CD
#define NIKAHIT 0x17C6
#define REAHMUK 0x17C7
#define YUUKALEAPINTU 0x17C8

int nsc__is_khmer(uint32_t c)
{
    return (c >= 0x1780 && c <= 0x17FF) || (c >= 0x19E0 && c <= 0x19FF);
}

static int is_consonant(uint32_t c) { return c >= 0x1780 && c <= 0x17A2; }
static int is_vowel_sign(uint32_t c) { return c >= 0x17B6 && c <= 0x17C5; }

/* Signs written above or below a consonant that the romanization does not write: bantoc,
 * robat, the Sanskrit and Pali marks, the obsolete inherent vowels. */
static int is_silent_sign(uint32_t c)
{
    return c == 0x17B4 || c == 0x17B5 || c == 0x17CB || c == 0x17CC ||
           (c >= 0x17CE && c <= 0x17D1) || c == 0x17D3 || c == 0x17DD;
}

/* The output, cut where it would not fit. */
typedef struct out_buf {
    char *s;
    size_t n, cap;
} out_buf;

static void put(out_buf *o, const char *s)
{
    for (; *s && o->n + 1 < o->cap; s++) o->s[o->n++] = *s;
}

/* The spelling of nikahit or reahmuk after vowel v (0 for none) in series `series`; after ា,
 * nikahit spells the pair (ាំ: am, oam), which the vowel is not written before. */
static void put_coda(out_buf *o, uint32_t coda, uint32_t v, int series)
{
    if (coda == NIKAHIT) {
        if (v == 0)
            put(o, series == 1 ? "am" : "um");
        else if (v == 0x17B6)
            put(o, series == 1 ? "am" : "oam");
        else
            put(o, "m");
    } else if (coda == REAHMUK || coda == YUUKALEAPINTU) {
        if (v == 0)
            put(o, series == 1 ? "ah" : "eah");
        else
            put(o, "h");
    }
}

size_t nsc__khmer_romanize(const uint16_t *in, size_t n, size_t *used, char *out, size_t cap)
{
    out_buf o = { out, 0, cap };
    int open = 0; /* the syllable written last has its vowel and no final consonant yet */
    size_t i = 0;
    while (i < n && nsc__is_khmer(in[i])) {
        uint32_t c = in[i];
        if (is_consonant(c)) {
            const char *initial = consonants[c - 0x1780].initial;
            int series = consonants[c - 0x1780].series, cluster = 0, silent = 0;
            char sub[16] = "";
            size_t j = i + 1;
            for (; j < n; j++) {
                if (in[j] == COENG && j + 1 < n && is_consonant(in[j + 1])) {
                    uint32_t s = in[j + 1];
                    if (c == 0x17A0 && !cluster && (s == 0x1782 || s == 0x179C)) {
                        initial = s == 0x1782 ? "g" : "f"; /* ហ្គ, ហ្វ: the g and f of loans */
                        cluster = 1;
                        j++;
                        continue;
                    }
                    strncat(sub, consonants[s - 0x1780].initial, sizeof sub - strlen(sub) - 1);
                    if (consonants[s - 0x1780].series == 2 && !consonants[s - 0x1780].sonorant)
                        series = 2;
                    cluster = 1;
                    j++;
                } else if (in[j] == MUUSIKATOAN) {
                    series = 1;
                    if (c == 0x1794) initial = "p"; /* ប៉ is p */
                } else if (in[j] == TRIISAP) {
                    series = 2;
                } else if (in[j] == TOANDAKHIAT) { /* on a cluster, it silences the subscript */
                    if (cluster && sub[0])
                        sub[0] = '\0', cluster = 0;
                    else
                        silent = 1;
                } else if (!is_silent_sign(in[j])) {
                    break;
                }
            }
            uint32_t v = 0, coda = 0;
            if (j < n && is_vowel_sign(in[j])) v = in[j++];
            while (j < n && is_silent_sign(in[j])) j++;
            if (j < n && (in[j] == NIKAHIT || in[j] == REAHMUK || in[j] == YUUKALEAPINTU))
                coda = in[j++];
            /* ាំង: nikahit and ង spell the final ng (Kang), not m and a syllable ng */
            int ng = coda == NIKAHIT && v == 0x17B6 && j < n && in[j] == 0x1784 &&
                     (j + 1 >= n || (!is_vowel_sign(in[j + 1]) && in[j + 1] != COENG));
            if (ng) j++;
            while (j < n && is_silent_sign(in[j])) j++;
            if (silent) {
                /* not pronounced, not written */
            } else if (v || coda) {
                put(&o, initial);
                put(&o, sub);
                if (v && !(v == 0x17B6 && coda == NIKAHIT)) put(&o, vowels[v - 0x17B6][series - 1]);
                if (ng)
                    put(&o, series == 1 ? "ang" : "eang");
                else
                    put_coda(&o, coda, v, series);
                open = !coda;
            } else if (open && !cluster) {
                put(&o, consonants[c - 0x1780].final);
                open = 0;
            } else {
                put(&o, initial);
                put(&o, sub);
                put(&o, series == 1 ? "a" : "o");
                open = 1;
            }
            i = j;
        } else if (c >= 0x17A3 && c <= 0x17B3) {
            put(&o, independent[c - 0x17A3]);
            open = 1;
            i++;
        } else if (is_vowel_sign(c)) { /* a vowel sign without its consonant */
            put(&o, vowels[c - 0x17B6][0]);
            open = 1;
            i++;
        } else if (c >= 0x17E0 && c <= 0x17E9) {
            char d[2] = { (char)('0' + (c - 0x17E0)), '\0' };
            put(&o, d);
            open = 0;
            i++;
        } else if ((c >= 0x17D4 && c <= 0x17D6) || (c >= 0x17D8 && c <= 0x17DA)) {
            put(&o, " "); /* khan, bariyoosan and the other phrase signs */
            open = 0;
            i++;
        } else {
            i++; /* the repetition sign, the other marks, the lunar-date symbols */
        }
    }
    *used = i;
    o.s[o.n] = '\0';
    return o.n;
}
