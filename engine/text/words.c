/* SPDX-License-Identifier: Apache-2.0 */
/*
 * text/words.c: the word tables that say what a token is (legal forms, generic words, stop
 * words, titles, particles, number words, abbreviations, and the legal forms and generic words
 * of other scripts), with their hash-indexed lookups.
 */
#include <pthread.h>
#include <string.h>

#include "text/words.h"
#include "util/strtab.h"

/* ---- the tables ------------------------------------------------------------------------------
 * Every word is as the tokenizer writes it: romanized, lower case, apostrophes dropped, other
 * punctuation a token boundary ("S.A." is "s a", "sp. z o.o." is "sp z o o"). */

/* Legal forms spanning several tokens: the company-law designations of the languages concerned
 * (English, French, Spanish, Italian, German, Dutch, Polish, Czech and Slovak, the South Slavic
 * languages, Russian, Malay ...), spelled out and abbreviated. A legal form neither makes nor
 * breaks a match: it carries no weight. The first phrase that matches decides ("s a" before
 * "s a s"). */
static const char *const legal_phrases[] = { "limited liability company",
                                             "limited liability partnership",
                                             "joint stock company",
                                             "closed joint stock company",
                                             "open joint stock company",
                                             "public joint stock company",
                                             "company limited",
                                             "co ltd",
                                             "pvt ltd",
                                             "pte ltd",
                                             "sdn bhd",
                                             "private limited",
                                             "s a",
                                             "s a s",
                                             "s r l",
                                             "s p a",
                                             "s a r l",
                                             "s de r l",
                                             "b v",
                                             "n v",
                                             "l l c",
                                             "l t d",
                                             "s a de c v",
                                             "sa de cv",
                                             "gmbh co kg",
                                             "co kg",
                                             "ltd co",
                                             "and co",
                                             "public company",
                                             "sp z o o",
                                             "z o o",
                                             "s r o",
                                             "d o o",
                                             "a s",
                                             "s c",
                                             "o o o",
                                             "l l p",
                                             "p l c",
                                             "g m b h",
                                             "mit beschrankter haftung",
                                             "societe anonyme",
                                             "societe a responsabilite limitee",
                                             "sociedad anonima",
                                             "sociedad de responsabilidad limitada",
                                             "besloten vennootschap",
                                             "naamloze vennootschap",
                                             "public limited company",
                                             "private limited company",
                                             NULL };

/* Legal-form words and abbreviations of one token: the company-law designations of the
 * languages concerned (Ltd, GmbH, SARL, BV, OOO, Sdn Bhd, PT, Tbk, kabushiki kaisha, chusik
 * hoesa, sharikat ...), and words that occur only in them (gesellschaft, responsabilidad). */
static const char *const legal_words[] = { "ab",           "ag",        "aktiengesellschaft",
                                           "as",           "asa",       "bhd",
                                           "bv",           "cia",       "cjsc",
                                           "co",           "company",   "corp",
                                           "corporation",  "cv",        "eirl",
                                           "fze",          "fzco",      "fzc",
                                           "fzllc",        "gmbh",      "inc",
                                           "incorporated", "jsc",       "kft",
                                           "kg",           "kk",        "limited",
                                           "llc",          "llp",       "lp",
                                           "ltd",          "ltda",      "nv",
                                           "oao",          "ojsc",      "ooo",
                                           "oy",           "pao",       "pjsc",
                                           "plc",          "pt",        "pte",
                                           "pty",          "pvt",       "sa",
                                           "sae",          "sal",       "sarl",
                                           "sas",          "sdn",       "spa",
                                           "sp",           "srl",       "tbk",
                                           "zao",          "ao",        "tov",
                                           "too",          "ead",       "eood",
                                           "doo",          "dd",        "ad",
                                           "sro",          "spzoo",     "sharikat",
                                           "sherkat",      "shirkat",   "gesellschaft",
                                           "mbh",          "societe",   "sociedad",
                                           "anonima",      "anonyme",   "responsabilidad",
                                           "limitada",     "kabushiki", "kaisha",
                                           "yugen",        "chusik",    "hoesa",
                                           "jusikhoesa",   NULL };

/* Stems of the Russian and Ukrainian legal-form words (obshchestvo s ogranichennoy
 * otvetstvennostyu, aktsionernoe obshchestvo, zakrytoe, otkrytoe, publichnoe, tovarystvo), in
 * the spellings of the usual romanizations of Cyrillic (BGN/PCGN, ISO 9, scholarly): every
 * inflection of the word shares the stem. */
static const char *const legal_stems[] = { "obshchestv",  "obshestv",   "obscestv",    "obsestv",
                                           "ogranichenn", "ogranicenn", "otvetstvenn", "aktsionern",
                                           "akcionern",   "aktsioner",  "tovaristv",   "tovarystv",
                                           "zakryt",      "otkryt",     "publichn",    "publicn",
                                           "vidkryt",     "zakrit",     NULL };

/* Generic words: common English words of organization names (kinds of organization, trades
 * and industries, regions): weak evidence of identity. */
static const char *const generic_words[] = { "academy",
                                             "agency",
                                             "air",
                                             "airlines",
                                             "airways",
                                             "association",
                                             "authority",
                                             "bank",
                                             "brothers",
                                             "building",
                                             "center",
                                             "centre",
                                             "chemical",
                                             "chemicals",
                                             "commercial",
                                             "committee",
                                             "communications",
                                             "construction",
                                             "consulting",
                                             "corporate",
                                             "council",
                                             "defense",
                                             "defence",
                                             "department",
                                             "development",
                                             "distribution",
                                             "electronic",
                                             "electronics",
                                             "energy",
                                             "engineering",
                                             "enterprise",
                                             "enterprises",
                                             "equipment",
                                             "establishment",
                                             "export",
                                             "exports",
                                             "factory",
                                             "finance",
                                             "financial",
                                             "firm",
                                             "foundation",
                                             "fund",
                                             "general",
                                             "global",
                                             "group",
                                             "holding",
                                             "holdings",
                                             "import",
                                             "imports",
                                             "industrial",
                                             "industries",
                                             "industry",
                                             "information",
                                             "institute",
                                             "insurance",
                                             "international",
                                             "investment",
                                             "investments",
                                             "logistics",
                                             "management",
                                             "manufacturing",
                                             "marine",
                                             "maritime",
                                             "media",
                                             "ministry",
                                             "national",
                                             "network",
                                             "oil",
                                             "organization",
                                             "organisation",
                                             "partners",
                                             "petroleum",
                                             "products",
                                             "project",
                                             "projects",
                                             "research",
                                             "resources",
                                             "science",
                                             "sciences",
                                             "scientific",
                                             "security",
                                             "service",
                                             "services",
                                             "shipping",
                                             "solutions",
                                             "supply",
                                             "systems",
                                             "technical",
                                             "technologies",
                                             "technology",
                                             "tech",
                                             "trade",
                                             "trading",
                                             "transport",
                                             "travel",
                                             "union",
                                             "university",
                                             "ventures",
                                             "world",
                                             "europe",
                                             "european",
                                             "asia",
                                             "asian",
                                             "africa",
                                             "african",
                                             "joint",
                                             "stock",
                                             "government",
                                             NULL };

/* Stop words: conjunctions, prepositions and articles of English, French, German, Spanish,
 * Italian, Portuguese and Catalan names. */
static const char *const stop_words[] = { "and", "of", "the", "for",   "y",  "e",  "et",
                                          "und", "i",  "des", "du",    "la", "le", "les",
                                          "di",  "da", "del", "della", NULL };

/* Name particles: the article and filiation words of Arabic names (al, bin, ibn, abu, ould,
 * bou), and the prefixes of Dutch, German, French, Spanish, Portuguese, Hebrew and Gaelic
 * family names (van, von, der, de, dos, ben, mac). */
static const char *const particles[] = { "al",  "el",   "ul",  "bin",  "ibn", "bint", "ben", "van",
                                         "von", "der",  "den", "de",   "dos", "das",  "ter", "ten",
                                         "abu", "abou", "bou", "ould", "mac", "mc",   "san", NULL };

/* Titles and honorifics: civil, academic, military, religious (the Islamic ones in their
 * usual romanizations) and noble, in English and a few other languages. They say nothing of
 * who a person is: they are flagged as stop words. */
static const char *const titles[] = {
    "president",    "monsieur", "madame",   "mademoiselle", "mister",     "mr",
    "mrs",          "ms",       "miss",     "dr",           "doctor",     "prof",
    "professor",    "sir",      "dame",     "lord",         "lady",       "colonel",
    "col",          "major",    "maj",      "captain",      "capt",       "lieutenant",
    "lt",           "sergeant", "sgt",      "admiral",      "commander",  "minister",
    "senator",      "governor", "mayor",    "judge",        "excellency", "his",
    "her",          "sheikh",   "shaikh",   "sheik",        "shaykh",     "haji",
    "hajji",        "hadji",    "alhaji",   "mullah",       "mulla",      "mawlawi",
    "maulavi",      "maulvi",   "mawlana",  "maulana",      "imam",       "ayatollah",
    "hojatoleslam", "prince",   "princess", "king",         "queen",      "herr",
    "frau",         "senor",    "senora",   "signor",       "gospodin",   "engineer",
    "eng",          "qari",     "sayyid",   "sayyed",       "seyyed",     "sayed",
    "syed",         NULL
};

/* English cardinal and ordinal numbers, and roman numerals, written as digits so that all
 * spellings of a number meet ("1st" = "First", "Forty-Four" = "44", "II" = "2"). The roman
 * numerals i, v, x and xi are not in the table: as tokens they are far more often initials or
 * names (Xi). */
typedef struct number_word {
    /* cppcheck-suppress unusedStructMember ; the key, read by nsc__strtab_first_key */
    const char *w;
    int v;
} number_word;
static const number_word number_words[] = {
    { "zero", 0 },      { "one", 1 },        { "two", 2 },       { "three", 3 },
    { "four", 4 },      { "five", 5 },       { "six", 6 },       { "seven", 7 },
    { "eight", 8 },     { "nine", 9 },       { "ten", 10 },      { "eleven", 11 },
    { "twelve", 12 },   { "thirteen", 13 },  { "fourteen", 14 }, { "fifteen", 15 },
    { "sixteen", 16 },  { "seventeen", 17 }, { "eighteen", 18 }, { "nineteen", 19 },
    { "twenty", 20 },   { "thirty", 30 },    { "forty", 40 },    { "fifty", 50 },
    { "sixty", 60 },    { "seventy", 70 },   { "eighty", 80 },   { "ninety", 90 },
    { "hundred", 100 }, { "first", 1 },      { "second", 2 },    { "third", 3 },
    { "fourth", 4 },    { "fifth", 5 },      { "sixth", 6 },     { "seventh", 7 },
    { "eighth", 8 },    { "ninth", 9 },      { "tenth", 10 },    { "1st", 1 },
    { "2nd", 2 },       { "3rd", 3 },        { "4th", 4 },       { "5th", 5 },
    { "6th", 6 },       { "7th", 7 },        { "8th", 8 },       { "9th", 9 },
    { "10th", 10 },     { "ii", 2 },         { "iii", 3 },       { "iv", 4 },
    { "vi", 6 },        { "vii", 7 },        { "viii", 8 },      { "ix", 9 },
    { "xii", 12 },      { "xiii", 13 },      { "xiv", 14 },      { "xv", 15 },
    { "xvi", 16 },      { "xvii", 17 },      { "xviii", 18 },    { "xix", 19 },
    { "xx", 20 },
};

/* Abbreviations of English words common in organization names, written out. */
typedef struct abbreviation {
    /* cppcheck-suppress unusedStructMember ; the key, read by nsc__strtab_first_key */
    const char *abbr;
    const char *full;
} abbreviation;
static const abbreviation abbreviations[] = {
    { "intl", "international" }, { "natl", "national" },     { "mfg", "manufacturing" },
    { "bros", "brothers" },      { "assn", "association" },  { "dept", "department" },
    { "govt", "government" },    { "univ", "university" },   { "mgmt", "management" },
    { "svcs", "services" },      { "invest", "investment" }, { "hldgs", "holdings" },
};

/* Legal forms and generic words written in other scripts, replaced by English before
 * romanizing (text/translit.c): the legal forms of Chinese company names and the words common
 * in them (simplified and traditional characters), Arabic legal forms and generic words, and
 * Russian and Ukrainian legal-form abbreviations. A word comes before the words it contains
 * (股份有限公司 before 有限公司 before 公司): the first that matches is taken. */
const nsc__script_word nsc__script_words[] = {
    { .word = "股份有限公司", .latin = " joint stock company limited " },
    { .word = "有限责任公司", .latin = " company limited " },
    { .word = "有限責任公司", .latin = " company limited " },
    { .word = "有限公司", .latin = " company limited " },
    { .word = "集团", .latin = " group " },
    { .word = "集團", .latin = " group " },
    { .word = "公司", .latin = " company " },
    { .word = "科技", .latin = " science technology " },
    { .word = "技术", .latin = " technology " },
    { .word = "技術", .latin = " technology " },
    { .word = "贸易", .latin = " trading " },
    { .word = "貿易", .latin = " trading " },
    { .word = "国际", .latin = " international " },
    { .word = "國際", .latin = " international " },
    { .word = "银行", .latin = " bank " },
    { .word = "銀行", .latin = " bank " },
    { .word = "工业", .latin = " industrial " },
    { .word = "工業", .latin = " industrial " },
    { .word = "控股", .latin = " holding " },
    { .word = "实业", .latin = " industrial " },
    { .word = "實業", .latin = " industrial " },
    { .word = "发展", .latin = " development " },
    { .word = "發展", .latin = " development " },
    { .word = "投资", .latin = " investment " },
    { .word = "投資", .latin = " investment " },
    { .word = "电子", .latin = " electronics " },
    { .word = "電子", .latin = " electronics " },
    { .word = "网络", .latin = " network " },
    { .word = "網絡", .latin = " network " },
    { .word = "信息", .latin = " information " },
    { .word = "进出口", .latin = " import export " },
    { .word = "進出口", .latin = " import export " },
    { .word = "研究所", .latin = " research institute " },
    { .word = "大学", .latin = " university " },
    { .word = "大學", .latin = " university " },
    { .word = "航运", .latin = " shipping " },
    { .word = "航運", .latin = " shipping " },
    { .word = "物流", .latin = " logistics " },
    { .word = "能源", .latin = " energy " },
    { .word = "石油", .latin = " petroleum " },
    { .word = "化工", .latin = " chemical " },
    /* Arabic and Persian legal forms and generic words (شركه: شركة with a final heh) */
    { .word = "شركة", .latin = " company " },
    { .word = "شركه", .latin = " company " },
    { .word = "مؤسسة", .latin = " establishment " },
    { .word = "بنك", .latin = " bank " },
    { .word = "مصرف", .latin = " bank " },
    { .word = "مجموعة", .latin = " group " },
};
const size_t nsc__n_script_words = sizeof nsc__script_words / sizeof nsc__script_words[0];

/* ---- the indexes ------------------------------------------------------------------------------
 * Tokenizing every list name at freeze time looks up each token several times: the one-token
 * tables are merged into one array with a hash index (util/strtab.h), and the number words and
 * abbreviations have an index each. All are built once per process, on first use. */

/* A word of the one-token tables and the flag of its table. */
typedef struct word_class {
    const char *w;
    unsigned char flag;
} word_class;

static word_class words[512];
static size_t n_words;
static uint16_t words_slot[2 * sizeof words / sizeof words[0]];
static nsc__strtab words_tab;

#define N_NUMBER_WORDS (sizeof number_words / sizeof number_words[0])
#define N_ABBREVIATIONS (sizeof abbreviations / sizeof abbreviations[0])
static uint16_t number_slot[256], abbr_slot[128];
_Static_assert(2 * N_NUMBER_WORDS <= sizeof number_slot / sizeof number_slot[0] &&
                   2 * N_ABBREVIATIONS <= sizeof abbr_slot / sizeof abbr_slot[0],
               "enlarge the slots");
static nsc__strtab number_tab, abbr_tab;

static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void add_words(const char *const *tab, unsigned flag)
{
    for (size_t i = 0; tab[i] && n_words < sizeof words / sizeof words[0]; i++)
        words[n_words++] = (word_class){ .w = tab[i], .flag = (unsigned char)flag };
}

/* A word in two tables takes the flag of the first added (legal before stop before ...): of
 * records with equal keys, the index finds the first. */
static void tables_build(void)
{
    add_words(legal_words, NSC_TOKF_LEGAL);
    add_words(stop_words, NSC_TOKF_STOP);
    add_words(titles, NSC_TOKF_STOP);
    add_words(particles, NSC_TOKF_PARTICLE);
    add_words(generic_words, NSC_TOKF_GENERIC);
    /* none can fail: n_words <= the array and its slots are twice the array; the other slots
     * are large enough (asserted above) */
    (void)nsc__strtab_init(&words_tab, words_slot, sizeof words_slot / sizeof words_slot[0], words,
                           n_words, sizeof words[0], nsc__strtab_first_key);
    (void)nsc__strtab_init(&number_tab, number_slot, sizeof number_slot / sizeof number_slot[0],
                           number_words, N_NUMBER_WORDS, sizeof number_words[0],
                           nsc__strtab_first_key);
    (void)nsc__strtab_init(&abbr_tab, abbr_slot, sizeof abbr_slot / sizeof abbr_slot[0],
                           abbreviations, N_ABBREVIATIONS, sizeof abbreviations[0],
                           nsc__strtab_first_key);
}

/* ---- the lookups ----------------------------------------------------------------------------- */

static int has_stem(const char *const *tab, const char *s, size_t len)
{
    for (size_t i = 0; tab[i]; i++) {
        size_t n = strlen(tab[i]);
        if (len >= n && memcmp(tab[i], s, n) == 0) return 1;
    }
    return 0;
}

unsigned nsc__word_flag(const char *tok, size_t len)
{
    pthread_once(&tables_once, tables_build);
    long i = nsc__strtab_find(&words_tab, tok, len);
    if (i >= 0) return words[i].flag;
    return len >= 5 && has_stem(legal_stems, tok, len) ? NSC_TOKF_LEGAL : 0u;
}

int nsc__legal_phrase(const char *const *tok, int n)
{
    for (size_t k = 0; n > 0 && legal_phrases[k]; k++) {
        const char *ph = legal_phrases[k];
        if (ph[0] != tok[0][0]) continue; /* the common case, decided at once */
        int j = 0;
        while (*ph && j < n) {
            size_t tl = strlen(tok[j]);
            if (strncmp(ph, tok[j], tl) != 0 || (ph[tl] != ' ' && ph[tl] != '\0')) break;
            ph += tl;
            if (*ph == ' ') ph++;
            j++;
        }
        if (!*ph && j >= 2) return j;
    }
    return 0;
}

int nsc__number_value(const char *tok, size_t len)
{
    pthread_once(&tables_once, tables_build);
    long i = nsc__strtab_find(&number_tab, tok, len);
    return i < 0 ? -1 : number_words[i].v;
}

const char *nsc__abbreviation(const char *tok, size_t len)
{
    pthread_once(&tables_once, tables_build);
    long i = nsc__strtab_find(&abbr_tab, tok, len);
    return i < 0 ? NULL : abbreviations[i].full;
}
