/* SPDX-License-Identifier: Apache-2.0 */
/*
 * text/words.c: the word tables that say what a token is (legal forms, generic words, stop
 * words, titles, particles, number words, abbreviations, and the legal forms and generic words
 * of other scripts), with their hash-indexed lookups.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "text/words.h"
#include "util/strtab.h"

/* ---- the tables ------------------------------------------------------------------------------
 * Every word is as the tokenizer writes it: romanized, lower case, apostrophes dropped, other
 * punctuation a token boundary ("S.A." is "s a", "sp. z o.o." is "sp z o o"). */

/* Legal forms, after the ISO 20275 Entity Legal Forms (ELF) code list (GLEIF, version 1.5): its
 * "abbreviations local" and "entity legal form name local" columns, romanized, for the
 * jurisdictions whose companies the bundled lists name most (US, GB, IE, CA, AU, NZ, SG, MY, IN,
 * HK, ID, DE, AT, CH, FR, BE, LU, IT, ES, PT, BR, MX and the rest of Latin America, NL, PL, CZ,
 * SK, HU, RO, BG, the former Yugoslav states, the Nordic and Baltic states, RU, UA, BY, KZ, TR,
 * CN, JP, KR, the Gulf states and EG), spelled out and abbreviated. A legal form neither makes
 * nor breaks a match: it carries no weight. */

/* Legal forms spanning several tokens: nsc__legal_phrase takes the longest that matches
 * ("s a s" over "s a", "s a de c v" over "s a"). */
static const char *const legal_phrases[] = {
    /* English-speaking jurisdictions */
    "limited liability company", "limited liability partnership", "limited partnership",
    "public limited company", "private limited company", "company limited", "company ltd", "co ltd",
    "co limited", "ltd co", "pvt ltd", "pte ltd", "pty ltd", "private limited", "public company",
    "joint stock company", "closed joint stock company", "open joint stock company",
    "public joint stock company", "private joint stock company", "l l c", "l t d", "l l p", "p l c",
    "and co", "co inc", "fz llc", "fz co", "fz e", "w l l", "sdn bhd", "s b", "pt tbk",
    /* German, Dutch */
    "g m b h", "gmbh co kg", "gmbh und co kg", "co kg", "mit beschrankter haftung",
    "gesellschaft mit beschrankter haftung", "e k", "e v", "b v", "n v", "besloten vennootschap",
    "naamloze vennootschap", "v o f",
    /* French, Spanish, Portuguese, Italian */
    "s a", "s a s", "s a s u", "s a r l", "s c", "s c s", "s c a", "s n c", "s e",
    "societe anonyme", "societe a responsabilite limitee", "societe par actions simplifiee", "s l",
    "s l u", "s a u", "s a c", "s a a", "s a s", "s de r l", "s de r l de c v", "s a de c v",
    "sa de cv", "s a b de c v", "s a p i de c v", "s en c", "s r l", "s p a", "s r l s", "s a p a",
    "sociedad anonima", "sociedad limitada", "sociedad de responsabilidad limitada",
    "sociedade anonima", "sociedade limitada", "societa per azioni",
    "societa a responsabilita limitata", "c a", "s c a r l",
    /* Central and Eastern Europe */
    "sp z o o", "sp zoo", "z o o", "sp j", "sp k", "s r o", "spol s r o", "a s", "v o s", "k s",
    "d o o", "d d", "a d", "e o o d", "e a d", "o o o", "z a o", "o a o", "p a o", "a o", "t o o",
    "s r l", "s a", "zrt", "nyrt",
    /* Nordic and Baltic */
    "a b", "a s a", "a p s", "i s", "o y", "o y j",
    /* Turkish: limited sirketi (Ltd. Sti.), anonim sirketi (A.S.) */
    "ltd sti", "limited sti", "limited sirketi", "anonim sirketi", "a s",
    /* Japanese and Korean, romanized */
    "kabushiki kaisha", "kabushiki gaisha", "yugen kaisha", "yugen gaisha", "godo kaisha",
    "godo gaisha", "k k", "y k", "g k", "jusik hoesa", "chusik hoesa", "yuhan hoesa",
    /* Arabic and Persian, romanized: dhat mas'uliya mahduda (LLC), sahami khas / am (private /
     * public joint stock), ba mas'uliyat mahdud (LLC) */
    "dhat masuliya mahduda", "that masuliya mahduda", "sahami khas", "sahami am", "sahami aam",
    "ba masuliat mahdud", "ba masuliyat mahdud", "w l l", "s a o g", "s a o c", "q s c", "q p s c",
    "b s c", "k s c", "k s c c", "k s c p", "p j s c", "p s c", "s a e", "s a l", NULL
};

/* Legal-form words and abbreviations of one token (Ltd, GmbH, SARL, BV, OOO, Sdn Bhd, PT, Tbk,
 * kabushiki kaisha, chusik hoesa, sharikat ...), and words that occur only in them
 * (gesellschaft, responsabilidad). */
static const char *const legal_words[] = {
    /* English-speaking jurisdictions, and the Gulf free zones */
    "co", "company", "corp", "corporation", "inc", "incorporated", "limited", "ltd", "llc", "llp",
    "lllp", "lp", "pllc", "plc", "pte", "pty", "pvt", "bhd", "sdn", "berhad", "tbk", "persero",
    "pt", "cv", "fze", "fzco", "fzc", "fzllc", "wll", "spc",
    /* German, Dutch, Belgian, Swiss */
    "ag", "aktiengesellschaft", "gmbh", "mbh", "kg", "kgaa", "ohg", "gesellschaft", "bv", "nv",
    "bvba", "sprl", "vof", "sagl", "ug",
    /* French, Spanish, Portuguese, Italian, Latin America */
    "sa", "sas", "sasu", "sarl", "eurl", "societe", "sociedad", "sociedade", "societa", "anonima",
    "anonyme", "responsabilidad", "limitada", "ltda", "lda", "eireli", "eirl", "sl", "slu", "sau",
    "sac", "saa", "srl", "srls", "spa", "sapa", "snc", "scarl", "scrl", "cia", "sae", "sal", "ca",
    /* Central and Eastern Europe */
    "spzoo", "sro", "doo", "dd", "ad", "ead", "eood", "kft", "zrt", "nyrt", "bt", "as", "ooo",
    "zao", "oao", "pao", "ao", "tov", "too", "jsc", "ojsc", "cjsc", "pjsc", "pat", "prat",
    /* Nordic and Baltic */
    "ab", "publ", "asa", "aps", "oy", "oyj", "ou", "sia", "uab",
    /* Turkish (sirketi: company, sti: its abbreviation) */
    "sirketi", "sirket", "sti",
    /* Japanese and Korean, romanized */
    "kk", "kabushiki", "kaisha", "gaisha", "yugen", "godo", "chusik", "jusik", "hoesa",
    "jusikhoesa", "chusikhoesa",
    /* Arabic and Persian, romanized, and the Gulf abbreviations */
    "sharikat", "sharika", "sharikah", "sherkat", "shirkat", "saog", "saoc", "qsc", "qpsc", "bsc",
    "ksc", "kscc", "kscp", "psc", "sahami", "musahama", "musahamah", "mahduda", "mahdudah",
    "masuliya", "masuliyat", NULL
};

/* Legal-form words that are also names or common words (Sa and Ag are surnames, Ab and Ad
 * initials of names, Co a Chinese surname, Pat a given name, Too a word): they are legal forms
 * only where a legal form stands (nsc__legal_weak, text/tokenize.c). */
static const char *const legal_weak[] = { "ab",  "ad",  "ag",  "ao",  "as",   "bt",  "ca",
                                          "co",  "cv",  "dd",  "kg",  "kk",   "lp",  "nv",
                                          "bv",  "oy",  "ou",  "pt",  "sa",   "sl",  "ug",
                                          "cia", "pat", "pao", "zao", "sal",  "sas", "sau",
                                          "spa", "sia", "too", "tov", "godo", "sti", NULL };

/* Legal forms written before the name rather than after it (PT Bank ..., OOO Romashka, TOV
 * ..., Sharikat ...). */
static const char *const legal_leading[] = { "pt",      "cv",    "ooo",      "zao",       "oao",
                                             "pao",     "ao",    "tov",      "too",       "pat",
                                             "prat",    "jsc",   "pjsc",     "ojsc",      "cjsc",
                                             "uab",     "sia",   "sharikat", "sharika",   "sherkat",
                                             "shirkat", "jusik", "chusik",   "kabushiki", NULL };

/* Stems of the Russian and Ukrainian legal-form words (obshchestvo s ogranichennoy
 * otvetstvennostyu, aktsionernoe obshchestvo, zakrytoe, otkrytoe, publichnoe, tovarystvo), in
 * the spellings of the usual romanizations of Cyrillic (BGN/PCGN, ISO 9, scholarly): every
 * inflection of the word shares the stem. */
static const char *const legal_stems[] = { "obshchestv",  "obshestv",   "obscestv",    "obsestv",
                                           "ogranichenn", "ogranicenn", "otvetstvenn", "aktsionern",
                                           "akcionern",   "aktsioner",  "tovaristv",   "tovarystv",
                                           "zakryt",      "otkryt",     "publichn",    "publicn",
                                           "vidkryt",     "zakrit",     NULL };

/* Generic words of Russian and Ukrainian organization names, by stem, with the English that
 * replaces them (nsc__abbreviation): the stem in the usual romanizations of Cyrillic (BGN/PCGN,
 * ISO 9 as ICU writes it, scholarly), followed by one of the inflection endings below or by
 * nothing. Translations: common English equivalents (torgovyy = trading, promyshlennyy =
 * industrial, mezhdunarodnyy = international ...). */
typedef struct stem_word {
    const char *stem, *full;
} stem_word;
static const stem_word generic_stems[] = { { "torgov", "trading" },
                                           { "torhov", "trading" },
                                           { "torgoveln", "trading" },
                                           { "torhoveln", "trading" },
                                           { "promyshlenn", "industry" },
                                           { "promyslenn", "industry" },
                                           { "promishlenn", "industry" },
                                           { "promyslov", "industry" },
                                           { "mezhdunarodn", "international" },
                                           { "mezdunarodn", "international" },
                                           { "mejdunarodn", "international" },
                                           { "mizhnarodn", "international" },
                                           { "miznarodn", "international" },
                                           { "investitsionn", "investment" },
                                           { "investicionn", "investment" },
                                           { "investytsiin", "investment" },
                                           { "investiciin", "investment" },
                                           { "investicijn", "investment" },
                                           { "nauchn", "science" },
                                           { "naucn", "science" },
                                           { "naukov", "science" },
                                           { "tekhnolog", "technology" },
                                           { "tehnolog", "technology" },
                                           { "tekhnolohi", "technology" },
                                           { "tehnolohi", "technology" },
                                           { "tekhnologichesk", "technology" },
                                           { "tehnologicesk", "technology" },
                                           { "tekhnichesk", "technical" },
                                           { "tehnicesk", "technical" },
                                           { "tekhnichn", "technical" },
                                           { "tehnicn", "technical" },
                                           { "inzhenern", "engineering" },
                                           { "inzenern", "engineering" },
                                           { "inzhiniring", "engineering" },
                                           { "inziniring", "engineering" },
                                           { "inzhynirynh", "engineering" },
                                           { "grupp", "group" },
                                           { "kholding", "holding" },
                                           { "razvit", "development" },
                                           { "rozvytk", "development" },
                                           { "rozvitk", "development" },
                                           { "neft", "petroleum" },
                                           { "neftyan", "petroleum" },
                                           { "neftan", "petroleum" },
                                           { "naftov", "petroleum" },
                                           { "sudokhodn", "shipping" },
                                           { "sudohodn", "shipping" },
                                           { "morsk", "maritime" },
                                           { "kompani", "company" },
                                           { "korporatsi", "corporation" },
                                           { "korporaci", "corporation" },
                                           { "energetichesk", "energy" },
                                           { "energeticesk", "energy" },
                                           { "stroiteln", "construction" },
                                           { "budiveln", "construction" },
                                           { "eksportn", "export" },
                                           { "importn", "import" },
                                           { "tsentr", "center" },
                                           { "centr", "center" },
                                           { "institut", "institute" },
                                           { "zavod", "factory" },
                                           { "kombinat", "factory" },
                                           { "fabrik", "factory" },
                                           { "universitet", "university" },
                                           { "akademi", "academy" },
                                           { "ministerstv", "ministry" },
                                           { "ministerstv", "ministry" },
                                           { "agentstv", "agency" },
                                           { "khimichesk", "chemical" },
                                           { "himicesk", "chemical" },
                                           { "transportn", "transport" },
                                           { "finansov", "finance" },
                                           { "strakhov", "insurance" },
                                           { "strahov", "insurance" },
                                           { "bank", "bank" },
                                           { NULL, NULL } };

/* The inflection endings of Russian and Ukrainian nouns and adjectives as the romanizations
 * write them (-yy, -aya, -oye, -ogo, -ykh ...; ICU's ISO 9 writes я as "a": -aa). */
static const char *const stem_endings[] = {
    "a",   "u",  "e",   "i",   "o",   "y",   "yy",  "yi",  "iy",  "ij",  "yj",  "ii",
    "ie",  "ye", "je",  "aya", "aja", "aa",  "ia",  "ya",  "ja",  "iya", "ija", "oe",
    "oye", "oj", "oy",  "oi",  "ogo", "oho", "ovo", "ykh", "ikh", "yh",  "ih",  "ym",
    "im",  "om", "oyu", "oju", "uyu", "uju", "uu",  "yu",  "iu",  "ju",  "ami", "ah",
    "akh", "ov", "ev",  "ey",  "ej",  "ei",  "iyu", "iju", "yam", "am",  NULL
};

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
                                             "movement",
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
                                             "machinery",
                                             "mining",
                                             "software",
                                             "aviation",
                                             "branch",
                                             "petrochemical",
                                             "pharmaceutical",
                                             "marketing",
                                             "administration",
                                             "cooperative",
                                             "commerce",
                                             "contracting",
                                             "laboratory",
                                             "agricultural",
                                             "agriculture",
                                             "telecom",
                                             "navigation",
                                             "partnership",
                                             NULL };

/* Stop words: conjunctions, prepositions and articles of English, French, German, Spanish,
 * Italian, Portuguese and Catalan names, and the "and" of Turkish (ve), Dutch (en), Persian (va)
 * organization names. */
static const char *const stop_words[] = { "and", "of",    "the", "for", "y",  "e",   "et", "und",
                                          "i",   "des",   "du",  "la",  "le", "les", "di", "da",
                                          "del", "della", "ve",  "en",  "va", NULL };

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

/* The English a word stands for, written out before the token is classified
 * (nsc__abbreviation), so that every written form of a generic word meets every other:
 * - abbreviations of the words of organization names (Sci, Tech, Engg, Intl, Mfg, Mgmt, Svcs,
 *   Hldgs, Devt ...), after the ISO 4 List of Title Word Abbreviations (ISSN International
 *   Centre) and common English business usage;
 * - English variants of one generic word (industries, industrial: industry; holdings: holding),
 *   one form for all;
 * - the generic words of French, Spanish, Portuguese, Italian, German, Dutch, Turkish, and
 *   romanized Persian and Arabic organization names, by their common English equivalents
 *   (ticaret: trading, sanayi: industry, tejarat: trading, sherkat: company, handasa:
 *   engineering ...).
 * org_only: the word is also a name (Dev, Ind, Eng): written out only in a name that is not a
 * person's and, when the type is unknown, holds a legal form or another generic word. */
typedef struct abbreviation {
    /* cppcheck-suppress unusedStructMember ; the key, read by nsc__strtab_first_key */
    const char *abbr;
    const char *full;
    int org_only;
} abbreviation;
static const abbreviation abbreviations[] = {
    { "sci", "science", 0 },
    { "scient", "science", 0 },
    { "tech", "technology", 0 },
    { "technol", "technology", 0 },
    { "techn", "technical", 0 },
    { "scitech", "science technology", 0 },
    { "hitech", "high technology", 0 },
    { "eng", "engineering", 1 },
    { "engg", "engineering", 0 },
    { "engr", "engineering", 0 },
    { "engrg", "engineering", 0 },
    { "intl", "international", 0 },
    { "internat", "international", 0 },
    { "internatl", "international", 0 },
    { "intnl", "international", 0 },
    { "natl", "national", 0 },
    { "mfg", "manufacturing", 0 },
    { "mfr", "manufacturing", 0 },
    { "mfrs", "manufacturing", 0 },
    { "manuf", "manufacturing", 0 },
    { "mgmt", "management", 0 },
    { "mgt", "management", 0 },
    { "mngt", "management", 0 },
    { "mgmnt", "management", 0 },
    { "svcs", "services", 0 },
    { "svc", "services", 0 },
    { "srvcs", "services", 0 },
    { "servs", "services", 0 },
    { "serv", "services", 0 },
    { "grp", "group", 0 },
    { "hldgs", "holding", 0 },
    { "hldg", "holding", 0 },
    { "hldng", "holding", 0 },
    { "hldngs", "holding", 0 },
    { "inv", "investment", 1 },
    { "invt", "investment", 0 },
    { "invest", "investment", 0 },
    { "invst", "investment", 0 },
    { "invts", "investment", 0 },
    { "dev", "development", 1 },
    { "devt", "development", 0 },
    { "devel", "development", 0 },
    { "dvlpt", "development", 0 },
    { "ind", "industry", 1 },
    { "inds", "industry", 0 },
    { "indus", "industry", 0 },
    { "indl", "industry", 0 },
    { "indust", "industry", 0 },
    { "bros", "brothers", 0 },
    { "assoc", "association", 0 },
    { "assn", "association", 0 },
    { "asso", "association", 0 },
    { "dept", "department", 0 },
    { "govt", "government", 0 },
    { "univ", "university", 0 },
    { "inst", "institute", 0 },
    { "ctr", "center", 0 },
    { "cntr", "center", 0 },
    { "entpr", "enterprise", 0 },
    { "enterp", "enterprise", 0 },
    { "chem", "chemical", 0 },
    { "pharm", "pharmaceutical", 0 },
    { "pharma", "pharmaceutical", 0 },
    { "trdg", "trading", 0 },
    { "tradg", "trading", 0 },
    { "telecom", "communications", 0 },
    { "telecoms", "communications", 0 },
    { "info", "information", 0 },
    { "sys", "systems", 0 },
    { "syst", "systems", 0 },
    { "logist", "logistics", 0 },
    { "transp", "transport", 0 },
    { "equip", "equipment", 0 },
    { "eqpt", "equipment", 0 },
    { "constr", "construction", 0 },
    { "consult", "consulting", 0 },
    { "finl", "financial", 0 },
    { "insur", "insurance", 0 },
    { "mktg", "marketing", 0 },
    { "mkt", "marketing", 0 },
    { "distr", "distribution", 0 },
    { "distrib", "distribution", 0 },
    { "prods", "products", 0 },
    { "solns", "solutions", 0 },
    { "shpg", "shipping", 0 },
    { "acad", "academy", 0 },
    { "admin", "administration", 0 },
    { "auth", "authority", 0 },
    { "coop", "cooperative", 0 },
    { "fdn", "foundation", 0 },
    { "labs", "laboratory", 0 },
    { "lab", "laboratory", 0 },
    { "petrochem", "petrochemical", 0 },
    { "elec", "electronics", 0 },
    { "electr", "electronics", 0 },
    { "agri", "agricultural", 0 },
    { "agric", "agricultural", 0 },
    { "nav", "navigation", 1 },
    { "expt", "export", 0 },
    { "sciences", "science", 0 },
    { "scientific", "science", 0 },
    { "technologies", "technology", 0 },
    { "technological", "technology", 0 },
    { "industries", "industry", 0 },
    { "industrial", "industry", 0 },
    { "industrie", "industry", 0 },
    { "industria", "industry", 0 },
    { "industrias", "industry", 0 },
    { "industriale", "industry", 0 },
    { "service", "services", 0 },
    { "holdings", "holding", 0 },
    { "investments", "investment", 0 },
    { "developments", "development", 0 },
    { "enterprises", "enterprise", 0 },
    { "electronic", "electronics", 0 },
    { "chemicals", "chemical", 0 },
    { "exports", "export", 0 },
    { "imports", "import", 0 },
    { "projects", "project", 0 },
    { "system", "systems", 0 },
    { "product", "products", 0 },
    { "solution", "solutions", 0 },
    { "resource", "resources", 0 },
    { "communication", "communications", 0 },
    { "telecommunications", "communications", 0 },
    { "telecommunication", "communications", 0 },
    { "manufacturers", "manufacturing", 0 },
    { "manufacturer", "manufacturing", 0 },
    { "manufacture", "manufacturing", 0 },
    { "trade", "trading", 0 },
    { "traders", "trading", 0 },
    { "laboratories", "laboratory", 0 },
    { "pharmaceuticals", "pharmaceutical", 0 },
    { "petrochemicals", "petrochemical", 0 },
    { "networks", "network", 0 },
    { "agencies", "agency", 0 },
    { "associates", "association", 0 },
    { "internacional", "international", 0 },
    { "internationale", "international", 0 },
    { "internazionale", "international", 0 },
    /* the romanized Arabic, Persian and Urdu words for movements and groups (harakat,
     * tehrik, jama'at), which lists keep as often as they translate them */
    { "harakat", "movement", 0 },
    { "haraka", "movement", 0 },
    { "harakah", "movement", 0 },
    { "harkat", "movement", 0 },
    { "tehrik", "movement", 0 },
    { "tehreek", "movement", 0 },
    { "tahrik", "movement", 0 },
    { "tahreek", "movement", 0 },
    { "jamaat", "group", 0 },
    { "jamaa", "group", 0 },
    { "jamaah", "group", 0 },
    { "jamat", "group", 0 },
    { "jemaah", "group", 0 },
    { "groupe", "group", 0 },
    { "grupo", "group", 0 },
    { "gruppo", "group", 0 },
    { "gruppe", "group", 0 },
    { "groep", "group", 0 },
    { "banque", "bank", 0 },
    { "banco", "bank", 0 },
    { "banca", "bank", 0 },
    { "tecnologia", "technology", 0 },
    { "technologie", "technology", 0 },
    { "tecnologias", "technology", 0 },
    { "ingenieria", "engineering", 0 },
    { "ingenierie", "engineering", 0 },
    { "ingegneria", "engineering", 0 },
    { "inversiones", "investment", 0 },
    { "investissement", "investment", 0 },
    { "compagnie", "company", 0 },
    { "compania", "company", 0 },
    { "companhia", "company", 0 },
    { "compagnia", "company", 0 },
    { "comercial", "commercial", 0 },
    { "commerciale", "commercial", 0 },
    { "ticaret", "trading", 0 },
    { "ticari", "trading", 0 },
    { "sanayi", "industry", 0 },
    { "sanayii", "industry", 0 },
    { "sanayisi", "industry", 0 },
    { "bankasi", "bank", 0 },
    { "grubu", "group", 0 },
    { "grup", "group", 0 },
    { "uluslararasi", "international", 0 },
    { "yatirim", "investment", 0 },
    { "yatirimlari", "investment", 0 },
    { "yatirimlar", "investment", 0 },
    { "muhendislik", "engineering", 0 },
    { "teknoloji", "technology", 0 },
    { "teknolojileri", "technology", 0 },
    { "teknolojisi", "technology", 0 },
    { "bilim", "science", 0 },
    { "bilimleri", "science", 0 },
    { "gelistirme", "development", 0 },
    { "kalkinma", "development", 0 },
    { "denizcilik", "shipping", 0 },
    { "enerji", "energy", 0 },
    { "insaat", "construction", 0 },
    { "ithalat", "import", 0 },
    { "ihracat", "export", 0 },
    { "hizmetleri", "services", 0 },
    { "hizmet", "services", 0 },
    { "lojistik", "logistics", 0 },
    { "tasimacilik", "transport", 0 },
    { "kimya", "chemical", 0 },
    { "elektronik", "electronics", 0 },
    { "petrolleri", "petroleum", 0 },
    { "madencilik", "mining", 0 },
    { "sigorta", "insurance", 0 },
    { "finans", "finance", 0 },
    { "tejarat", "trading", 0 },
    { "tejari", "trading", 0 },
    { "bazargani", "trading", 0 },
    { "sanaye", "industry", 0 },
    { "sanayeh", "industry", 0 },
    { "sanati", "industry", 0 },
    { "saderat", "export", 0 },
    { "varedat", "import", 0 },
    { "gorooh", "group", 0 },
    { "goruh", "group", 0 },
    { "gorouh", "group", 0 },
    { "beynolmelal", "international", 0 },
    { "beinolmelal", "international", 0 },
    { "bainolmelal", "international", 0 },
    { "beynolmelali", "international", 0 },
    { "beinolmelali", "international", 0 },
    { "sarmayeh", "investment", 0 },
    { "sarmaye", "investment", 0 },
    { "sarmayegozari", "investment", 0 },
    { "gozari", "investment", 0 },
    { "mohandesi", "engineering", 0 },
    { "fanavari", "technology", 0 },
    { "oloum", "science", 0 },
    { "olum", "science", 0 },
    { "tosee", "development", 0 },
    { "toseh", "development", 0 },
    { "tousee", "development", 0 },
    { "toseeh", "development", 0 },
    { "kashtirani", "shipping", 0 },
    { "naft", "petroleum", 0 },
    { "moasseseh", "establishment", 0 },
    { "moassese", "establishment", 0 },
    { "moasese", "establishment", 0 },
    { "khadamat", "services", 0 },
    { "daneshgah", "university", 0 },
    { "sazman", "organization", 0 },
    { "bimeh", "insurance", 0 },
    { "petroshimi", "petrochemical", 0 },
    { "petrochimi", "petrochemical", 0 },
    { "pazhouheshgah", "institute", 0 },
    { "pajuheshgah", "institute", 0 },
    { "masraf", "bank", 0 },
    { "tijara", "trading", 0 },
    { "tijarah", "trading", 0 },
    { "tijariya", "trading", 0 },
    { "tijariyya", "trading", 0 },
    { "tijariyah", "trading", 0 },
    { "tijari", "trading", 0 },
    { "tijarat", "trading", 0 },
    { "sinaa", "industry", 0 },
    { "sinaat", "industry", 0 },
    { "sinaiya", "industry", 0 },
    { "sinaiyya", "industry", 0 },
    { "sinaiyah", "industry", 0 },
    { "majmua", "group", 0 },
    { "majmuat", "group", 0 },
    { "majmuah", "group", 0 },
    { "majmooa", "group", 0 },
    { "majmoua", "group", 0 },
    { "dawli", "international", 0 },
    { "dawliya", "international", 0 },
    { "dawliyya", "international", 0 },
    { "dawliyah", "international", 0 },
    { "duwali", "international", 0 },
    { "duwaliya", "international", 0 },
    { "istithmar", "investment", 0 },
    { "istithmarat", "investment", 0 },
    { "lilistithmar", "investment", 0 },
    { "handasa", "engineering", 0 },
    { "handasah", "engineering", 0 },
    { "handasiya", "engineering", 0 },
    { "handasiyya", "engineering", 0 },
    { "handasiyah", "engineering", 0 },
    { "tiknulujiya", "technology", 0 },
    { "tiknolojia", "technology", 0 },
    { "teknolojia", "technology", 0 },
    { "ulum", "science", 0 },
    { "uloom", "science", 0 },
    { "tanmiya", "development", 0 },
    { "tanmiyah", "development", 0 },
    { "tanmia", "development", 0 },
    { "milaha", "shipping", 0 },
    { "bitrul", "petroleum", 0 },
    { "batrul", "petroleum", 0 },
    { "bitrol", "petroleum", 0 },
    { "muassasa", "establishment", 0 },
    { "muassasat", "establishment", 0 },
    { "muassasah", "establishment", 0 },
    { "moassasa", "establishment", 0 },
    { "qabida", "holding", 0 },
    { "qabidah", "holding", 0 },
};

/* Abbreviations written as two initials joined by an ampersand (S&T, R&D: "s and t" once the
 * ampersand is spelled out), written out. */
typedef struct abbreviation_pair {
    const char *a, *b, *fa, *fb;
} abbreviation_pair;
static const abbreviation_pair abbreviation_pairs[] = {
    { "s", "t", "science", "technology" },
    { "r", "d", "research", "development" },
    { "m", "a", "mergers", "acquisitions" },
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
    /* Japanese and Korean legal forms; Chinese legal forms and generic words (ISO 20275 ELF
     * code list for CN, JP, KR; common English equivalents for the generic words) */
    { .word = "株式会社", .latin = " kabushiki kaisha " },
    { .word = "株式會社", .latin = " kabushiki kaisha " },
    { .word = "有限会社", .latin = " yugen kaisha " },
    { .word = "有限會社", .latin = " yugen kaisha " },
    { .word = "合伙企业", .latin = " partnership " },
    { .word = "合夥企業", .latin = " partnership " },
    { .word = "有限合伙", .latin = " limited partnership " },
    { .word = "有限合夥", .latin = " limited partnership " },
    { .word = "股份公司", .latin = " joint stock company " },
    { .word = "总公司", .latin = " company " },
    { .word = "總公司", .latin = " company " },
    { .word = "分公司", .latin = " branch company " },
    { .word = "科学", .latin = " science " },
    { .word = "科學", .latin = " science " },
    { .word = "工程", .latin = " engineering " },
    { .word = "船务", .latin = " shipping " },
    { .word = "船務", .latin = " shipping " },
    { .word = "海运", .latin = " shipping " },
    { .word = "海運", .latin = " shipping " },
    { .word = "石油化工", .latin = " petrochemical " },
    { .word = "石化", .latin = " petrochemical " },
    { .word = "化学", .latin = " chemical " },
    { .word = "化學", .latin = " chemical " },
    { .word = "机械", .latin = " machinery " },
    { .word = "機械", .latin = " machinery " },
    { .word = "制造", .latin = " manufacturing " },
    { .word = "製造", .latin = " manufacturing " },
    { .word = "设备", .latin = " equipment " },
    { .word = "設備", .latin = " equipment " },
    { .word = "通信", .latin = " communications " },
    { .word = "电信", .latin = " communications " },
    { .word = "電信", .latin = " communications " },
    { .word = "软件", .latin = " software " },
    { .word = "軟件", .latin = " software " },
    { .word = "矿业", .latin = " mining " },
    { .word = "礦業", .latin = " mining " },
    { .word = "咨询", .latin = " consulting " },
    { .word = "諮詢", .latin = " consulting " },
    { .word = "服务", .latin = " services " },
    { .word = "服務", .latin = " services " },
    { .word = "研究院", .latin = " research institute " },
    { .word = "商贸", .latin = " trading " },
    { .word = "商貿", .latin = " trading " },
    { .word = "商务", .latin = " commercial " },
    { .word = "商務", .latin = " commercial " },
    { .word = "开发", .latin = " development " },
    { .word = "開發", .latin = " development " },
    { .word = "产业", .latin = " industry " },
    { .word = "產業", .latin = " industry " },
    { .word = "航空", .latin = " aviation " },
    { .word = "주식회사", .latin = " jusik hoesa " },
    { .word = "유한회사", .latin = " yuhan hoesa " },
    { .word = "유한책임회사", .latin = " limited liability company " },
    /* Arabic and Persian legal forms (ISO 20275 ELF code list for AE, SA, EG, OM, QA, BH, KW, IR:
     * ذ.م.م dhat mas'uliya mahduda, LLC; ش.م.ع public joint stock; سهامی خاص private joint
     * stock) and generic words (common English equivalents), each also with the article and
     * the prepositions written joined to it (ال al-, لل li-l-, وال wa-l-), a final heh for ta
     * marbuta (شركه), and the Arabic yeh and kaf for the Persian letters (شركت) */
    { .word = "ذ.م.م", .latin = " limited liability company " },
    { .word = "ذ. م. م", .latin = " limited liability company " },
    { .word = "ش.م.م", .latin = " company " },
    { .word = "ش.م.ع", .latin = " public joint stock company " },
    { .word = "ش.م.ل", .latin = " joint stock company " },
    { .word = "ش.م.ب", .latin = " joint stock company " },
    { .word = "ش.م.ك", .latin = " joint stock company " },
    { .word = "والشركة", .latin = " company " },
    { .word = "والشركه", .latin = " company " },
    { .word = "والمؤسسة", .latin = " establishment " },
    { .word = "والمؤسسه", .latin = " establishment " },
    { .word = "والموسسة", .latin = " establishment " },
    { .word = "والموسسه", .latin = " establishment " },
    { .word = "والمجموعة", .latin = " group " },
    { .word = "والمجموعه", .latin = " group " },
    { .word = "والبنك", .latin = " bank " },
    { .word = "والمصرف", .latin = " bank " },
    { .word = "والمحدودة", .latin = " limited " },
    { .word = "والمحدوده", .latin = " limited " },
    { .word = "والمساهمة", .latin = " joint stock " },
    { .word = "والمساهمه", .latin = " joint stock " },
    { .word = "والقابضة", .latin = " holding " },
    { .word = "والقابضه", .latin = " holding " },
    { .word = "والتجارة", .latin = " trading " },
    { .word = "والتجاره", .latin = " trading " },
    { .word = "والتجارية", .latin = " trading " },
    { .word = "والتجاريه", .latin = " trading " },
    { .word = "والتجاري", .latin = " trading " },
    { .word = "والصناعات", .latin = " industry " },
    { .word = "والصناعية", .latin = " industry " },
    { .word = "والصناعيه", .latin = " industry " },
    { .word = "والصناعة", .latin = " industry " },
    { .word = "والصناعه", .latin = " industry " },
    { .word = "والصناعي", .latin = " industry " },
    { .word = "والدولية", .latin = " international " },
    { .word = "والدوليه", .latin = " international " },
    { .word = "والدولي", .latin = " international " },
    { .word = "والاستثمارات", .latin = " investment " },
    { .word = "والاستثمار", .latin = " investment " },
    { .word = "والهندسية", .latin = " engineering " },
    { .word = "والهندسيه", .latin = " engineering " },
    { .word = "والهندسة", .latin = " engineering " },
    { .word = "والهندسه", .latin = " engineering " },
    { .word = "والتكنولوجيا", .latin = " technology " },
    { .word = "والتقنية", .latin = " technology " },
    { .word = "والتقنيه", .latin = " technology " },
    { .word = "والعلوم", .latin = " science " },
    { .word = "والتنمية", .latin = " development " },
    { .word = "والتنميه", .latin = " development " },
    { .word = "والتطوير", .latin = " development " },
    { .word = "والملاحة", .latin = " shipping " },
    { .word = "والملاحه", .latin = " shipping " },
    { .word = "والبحرية", .latin = " maritime " },
    { .word = "والبحريه", .latin = " maritime " },
    { .word = "والنفط", .latin = " petroleum " },
    { .word = "والبترول", .latin = " petroleum " },
    { .word = "والطاقة", .latin = " energy " },
    { .word = "والطاقه", .latin = " energy " },
    { .word = "والخدمات", .latin = " services " },
    { .word = "والمقاولات", .latin = " contracting " },
    { .word = "والتأمين", .latin = " insurance " },
    { .word = "والكيماويات", .latin = " chemical " },
    { .word = "والإلكترونيات", .latin = " electronics " },
    { .word = "والجامعة", .latin = " university " },
    { .word = "والجامعه", .latin = " university " },
    { .word = "والمعهد", .latin = " institute " },
    { .word = "والمصنع", .latin = " factory " },
    { .word = "والوزارة", .latin = " ministry " },
    { .word = "والوزاره", .latin = " ministry " },
    { .word = "والهيئة", .latin = " authority " },
    { .word = "والهيئه", .latin = " authority " },
    { .word = "والمنظمة", .latin = " organization " },
    { .word = "والمنظمه", .latin = " organization " },
    { .word = "والجمعية", .latin = " association " },
    { .word = "والجمعيه", .latin = " association " },
    { .word = "والصندوق", .latin = " fund " },
    { .word = "والوطنية", .latin = " national " },
    { .word = "والوطنيه", .latin = " national " },
    { .word = "والسهامی", .latin = " joint stock " },
    { .word = "والسهامي", .latin = " joint stock " },
    { .word = "والشرکت", .latin = " company " },
    { .word = "والشركت", .latin = " company " },
    { .word = "والبانک", .latin = " bank " },
    { .word = "والبانك", .latin = " bank " },
    { .word = "والبازرگانی", .latin = " trading " },
    { .word = "والبازرگاني", .latin = " trading " },
    { .word = "والتجارت", .latin = " trading " },
    { .word = "والصنایع", .latin = " industry " },
    { .word = "والصنايع", .latin = " industry " },
    { .word = "والصنعتی", .latin = " industry " },
    { .word = "والصنعتي", .latin = " industry " },
    { .word = "والگروه", .latin = " group " },
    { .word = "والبین‌المللی", .latin = " international " },
    { .word = "والبين‌المللي", .latin = " international " },
    { .word = "والبینالمللی", .latin = " international " },
    { .word = "والبينالمللي", .latin = " international " },
    { .word = "والسرمایه‌گذاری", .latin = " investment " },
    { .word = "والسرمايه‌گذاري", .latin = " investment " },
    { .word = "والسرمایهگذاری", .latin = " investment " },
    { .word = "والسرمايهگذاري", .latin = " investment " },
    { .word = "والمهندسی", .latin = " engineering " },
    { .word = "والمهندسي", .latin = " engineering " },
    { .word = "والفناوری", .latin = " technology " },
    { .word = "والفناوري", .latin = " technology " },
    { .word = "والتوسعه", .latin = " development " },
    { .word = "والکشتیرانی", .latin = " shipping " },
    { .word = "والكشتيراني", .latin = " shipping " },
    { .word = "والنفت", .latin = " petroleum " },
    { .word = "والپتروشیمی", .latin = " petrochemical " },
    { .word = "والپتروشيمي", .latin = " petrochemical " },
    { .word = "والهلدینگ", .latin = " holding " },
    { .word = "والهلدينگ", .latin = " holding " },
    { .word = "والبیمه", .latin = " insurance " },
    { .word = "والبيمه", .latin = " insurance " },
    { .word = "والدانشگاه", .latin = " university " },
    { .word = "والسازمان", .latin = " organization " },
    { .word = "والمرکز", .latin = " center " },
    { .word = "والمركز", .latin = " center " },
    { .word = "والصادرات", .latin = " export " },
    { .word = "والواردات", .latin = " import " },
    { .word = "والانرژی", .latin = " energy " },
    { .word = "والانرژي", .latin = " energy " },
    { .word = "والپژوهشگاه", .latin = " research institute " },
    { .word = "والتحقیقات", .latin = " research " },
    { .word = "والتحقيقات", .latin = " research " },
    { .word = "للشركة", .latin = " company " },
    { .word = "للشركه", .latin = " company " },
    { .word = "للمؤسسة", .latin = " establishment " },
    { .word = "للمؤسسه", .latin = " establishment " },
    { .word = "للموسسة", .latin = " establishment " },
    { .word = "للموسسه", .latin = " establishment " },
    { .word = "للمجموعة", .latin = " group " },
    { .word = "للمجموعه", .latin = " group " },
    { .word = "للبنك", .latin = " bank " },
    { .word = "للمصرف", .latin = " bank " },
    { .word = "للمحدودة", .latin = " limited " },
    { .word = "للمحدوده", .latin = " limited " },
    { .word = "للمساهمة", .latin = " joint stock " },
    { .word = "للمساهمه", .latin = " joint stock " },
    { .word = "للقابضة", .latin = " holding " },
    { .word = "للقابضه", .latin = " holding " },
    { .word = "للتجارة", .latin = " trading " },
    { .word = "للتجاره", .latin = " trading " },
    { .word = "للتجارية", .latin = " trading " },
    { .word = "للتجاريه", .latin = " trading " },
    { .word = "للتجاري", .latin = " trading " },
    { .word = "للصناعات", .latin = " industry " },
    { .word = "للصناعية", .latin = " industry " },
    { .word = "للصناعيه", .latin = " industry " },
    { .word = "للصناعة", .latin = " industry " },
    { .word = "للصناعه", .latin = " industry " },
    { .word = "للصناعي", .latin = " industry " },
    { .word = "للدولية", .latin = " international " },
    { .word = "للدوليه", .latin = " international " },
    { .word = "للدولي", .latin = " international " },
    { .word = "للاستثمارات", .latin = " investment " },
    { .word = "للاستثمار", .latin = " investment " },
    { .word = "للهندسية", .latin = " engineering " },
    { .word = "للهندسيه", .latin = " engineering " },
    { .word = "للهندسة", .latin = " engineering " },
    { .word = "للهندسه", .latin = " engineering " },
    { .word = "للتكنولوجيا", .latin = " technology " },
    { .word = "للتقنية", .latin = " technology " },
    { .word = "للتقنيه", .latin = " technology " },
    { .word = "للعلوم", .latin = " science " },
    { .word = "للتنمية", .latin = " development " },
    { .word = "للتنميه", .latin = " development " },
    { .word = "للتطوير", .latin = " development " },
    { .word = "للملاحة", .latin = " shipping " },
    { .word = "للملاحه", .latin = " shipping " },
    { .word = "للبحرية", .latin = " maritime " },
    { .word = "للبحريه", .latin = " maritime " },
    { .word = "للنفط", .latin = " petroleum " },
    { .word = "للبترول", .latin = " petroleum " },
    { .word = "للطاقة", .latin = " energy " },
    { .word = "للطاقه", .latin = " energy " },
    { .word = "للخدمات", .latin = " services " },
    { .word = "للمقاولات", .latin = " contracting " },
    { .word = "للتأمين", .latin = " insurance " },
    { .word = "للكيماويات", .latin = " chemical " },
    { .word = "للإلكترونيات", .latin = " electronics " },
    { .word = "للجامعة", .latin = " university " },
    { .word = "للجامعه", .latin = " university " },
    { .word = "للمعهد", .latin = " institute " },
    { .word = "للمصنع", .latin = " factory " },
    { .word = "للوزارة", .latin = " ministry " },
    { .word = "للوزاره", .latin = " ministry " },
    { .word = "للهيئة", .latin = " authority " },
    { .word = "للهيئه", .latin = " authority " },
    { .word = "للمنظمة", .latin = " organization " },
    { .word = "للمنظمه", .latin = " organization " },
    { .word = "للجمعية", .latin = " association " },
    { .word = "للجمعيه", .latin = " association " },
    { .word = "للصندوق", .latin = " fund " },
    { .word = "للوطنية", .latin = " national " },
    { .word = "للوطنيه", .latin = " national " },
    { .word = "للسهامی", .latin = " joint stock " },
    { .word = "للسهامي", .latin = " joint stock " },
    { .word = "للشرکت", .latin = " company " },
    { .word = "للشركت", .latin = " company " },
    { .word = "للبانک", .latin = " bank " },
    { .word = "للبانك", .latin = " bank " },
    { .word = "للبازرگانی", .latin = " trading " },
    { .word = "للبازرگاني", .latin = " trading " },
    { .word = "للتجارت", .latin = " trading " },
    { .word = "للصنایع", .latin = " industry " },
    { .word = "للصنايع", .latin = " industry " },
    { .word = "للصنعتی", .latin = " industry " },
    { .word = "للصنعتي", .latin = " industry " },
    { .word = "للگروه", .latin = " group " },
    { .word = "للبین‌المللی", .latin = " international " },
    { .word = "للبين‌المللي", .latin = " international " },
    { .word = "للبینالمللی", .latin = " international " },
    { .word = "للبينالمللي", .latin = " international " },
    { .word = "للسرمایه‌گذاری", .latin = " investment " },
    { .word = "للسرمايه‌گذاري", .latin = " investment " },
    { .word = "للسرمایهگذاری", .latin = " investment " },
    { .word = "للسرمايهگذاري", .latin = " investment " },
    { .word = "للمهندسی", .latin = " engineering " },
    { .word = "للمهندسي", .latin = " engineering " },
    { .word = "للفناوری", .latin = " technology " },
    { .word = "للفناوري", .latin = " technology " },
    { .word = "للتوسعه", .latin = " development " },
    { .word = "للکشتیرانی", .latin = " shipping " },
    { .word = "للكشتيراني", .latin = " shipping " },
    { .word = "للنفت", .latin = " petroleum " },
    { .word = "للپتروشیمی", .latin = " petrochemical " },
    { .word = "للپتروشيمي", .latin = " petrochemical " },
    { .word = "للهلدینگ", .latin = " holding " },
    { .word = "للهلدينگ", .latin = " holding " },
    { .word = "للبیمه", .latin = " insurance " },
    { .word = "للبيمه", .latin = " insurance " },
    { .word = "للدانشگاه", .latin = " university " },
    { .word = "للسازمان", .latin = " organization " },
    { .word = "للمرکز", .latin = " center " },
    { .word = "للمركز", .latin = " center " },
    { .word = "للصادرات", .latin = " export " },
    { .word = "للواردات", .latin = " import " },
    { .word = "للانرژی", .latin = " energy " },
    { .word = "للانرژي", .latin = " energy " },
    { .word = "للپژوهشگاه", .latin = " research institute " },
    { .word = "للتحقیقات", .latin = " research " },
    { .word = "للتحقيقات", .latin = " research " },
    { .word = "الشركة", .latin = " company " },
    { .word = "الشركه", .latin = " company " },
    { .word = "المؤسسة", .latin = " establishment " },
    { .word = "المؤسسه", .latin = " establishment " },
    { .word = "الموسسة", .latin = " establishment " },
    { .word = "الموسسه", .latin = " establishment " },
    { .word = "المجموعة", .latin = " group " },
    { .word = "المجموعه", .latin = " group " },
    { .word = "البنك", .latin = " bank " },
    { .word = "المصرف", .latin = " bank " },
    { .word = "المحدودة", .latin = " limited " },
    { .word = "المحدوده", .latin = " limited " },
    { .word = "المساهمة", .latin = " joint stock " },
    { .word = "المساهمه", .latin = " joint stock " },
    { .word = "القابضة", .latin = " holding " },
    { .word = "القابضه", .latin = " holding " },
    { .word = "التجارة", .latin = " trading " },
    { .word = "التجاره", .latin = " trading " },
    { .word = "التجارية", .latin = " trading " },
    { .word = "التجاريه", .latin = " trading " },
    { .word = "التجاري", .latin = " trading " },
    { .word = "الصناعات", .latin = " industry " },
    { .word = "الصناعية", .latin = " industry " },
    { .word = "الصناعيه", .latin = " industry " },
    { .word = "الصناعة", .latin = " industry " },
    { .word = "الصناعه", .latin = " industry " },
    { .word = "الصناعي", .latin = " industry " },
    { .word = "الدولية", .latin = " international " },
    { .word = "الدوليه", .latin = " international " },
    { .word = "الدولي", .latin = " international " },
    { .word = "الاستثمارات", .latin = " investment " },
    { .word = "الاستثمار", .latin = " investment " },
    { .word = "الهندسية", .latin = " engineering " },
    { .word = "الهندسيه", .latin = " engineering " },
    { .word = "الهندسة", .latin = " engineering " },
    { .word = "الهندسه", .latin = " engineering " },
    { .word = "التكنولوجيا", .latin = " technology " },
    { .word = "التقنية", .latin = " technology " },
    { .word = "التقنيه", .latin = " technology " },
    { .word = "العلوم", .latin = " science " },
    { .word = "التنمية", .latin = " development " },
    { .word = "التنميه", .latin = " development " },
    { .word = "التطوير", .latin = " development " },
    { .word = "الملاحة", .latin = " shipping " },
    { .word = "الملاحه", .latin = " shipping " },
    { .word = "البحرية", .latin = " maritime " },
    { .word = "البحريه", .latin = " maritime " },
    { .word = "النفط", .latin = " petroleum " },
    { .word = "البترول", .latin = " petroleum " },
    { .word = "الطاقة", .latin = " energy " },
    { .word = "الطاقه", .latin = " energy " },
    { .word = "الخدمات", .latin = " services " },
    { .word = "المقاولات", .latin = " contracting " },
    { .word = "التأمين", .latin = " insurance " },
    { .word = "الكيماويات", .latin = " chemical " },
    { .word = "الإلكترونيات", .latin = " electronics " },
    { .word = "الجامعة", .latin = " university " },
    { .word = "الجامعه", .latin = " university " },
    { .word = "المعهد", .latin = " institute " },
    { .word = "المصنع", .latin = " factory " },
    { .word = "الوزارة", .latin = " ministry " },
    { .word = "الوزاره", .latin = " ministry " },
    { .word = "الهيئة", .latin = " authority " },
    { .word = "الهيئه", .latin = " authority " },
    { .word = "المنظمة", .latin = " organization " },
    { .word = "المنظمه", .latin = " organization " },
    { .word = "الجمعية", .latin = " association " },
    { .word = "الجمعيه", .latin = " association " },
    { .word = "الصندوق", .latin = " fund " },
    { .word = "الوطنية", .latin = " national " },
    { .word = "الوطنيه", .latin = " national " },
    { .word = "السهامی", .latin = " joint stock " },
    { .word = "السهامي", .latin = " joint stock " },
    { .word = "الشرکت", .latin = " company " },
    { .word = "الشركت", .latin = " company " },
    { .word = "البانک", .latin = " bank " },
    { .word = "البانك", .latin = " bank " },
    { .word = "البازرگانی", .latin = " trading " },
    { .word = "البازرگاني", .latin = " trading " },
    { .word = "التجارت", .latin = " trading " },
    { .word = "الصنایع", .latin = " industry " },
    { .word = "الصنايع", .latin = " industry " },
    { .word = "الصنعتی", .latin = " industry " },
    { .word = "الصنعتي", .latin = " industry " },
    { .word = "الگروه", .latin = " group " },
    { .word = "البین‌المللی", .latin = " international " },
    { .word = "البين‌المللي", .latin = " international " },
    { .word = "البینالمللی", .latin = " international " },
    { .word = "البينالمللي", .latin = " international " },
    { .word = "السرمایه‌گذاری", .latin = " investment " },
    { .word = "السرمايه‌گذاري", .latin = " investment " },
    { .word = "السرمایهگذاری", .latin = " investment " },
    { .word = "السرمايهگذاري", .latin = " investment " },
    { .word = "المهندسی", .latin = " engineering " },
    { .word = "المهندسي", .latin = " engineering " },
    { .word = "الفناوری", .latin = " technology " },
    { .word = "الفناوري", .latin = " technology " },
    { .word = "التوسعه", .latin = " development " },
    { .word = "الکشتیرانی", .latin = " shipping " },
    { .word = "الكشتيراني", .latin = " shipping " },
    { .word = "النفت", .latin = " petroleum " },
    { .word = "الپتروشیمی", .latin = " petrochemical " },
    { .word = "الپتروشيمي", .latin = " petrochemical " },
    { .word = "الهلدینگ", .latin = " holding " },
    { .word = "الهلدينگ", .latin = " holding " },
    { .word = "البیمه", .latin = " insurance " },
    { .word = "البيمه", .latin = " insurance " },
    { .word = "الدانشگاه", .latin = " university " },
    { .word = "السازمان", .latin = " organization " },
    { .word = "المرکز", .latin = " center " },
    { .word = "المركز", .latin = " center " },
    { .word = "الصادرات", .latin = " export " },
    { .word = "الواردات", .latin = " import " },
    { .word = "الانرژی", .latin = " energy " },
    { .word = "الانرژي", .latin = " energy " },
    { .word = "الپژوهشگاه", .latin = " research institute " },
    { .word = "التحقیقات", .latin = " research " },
    { .word = "التحقيقات", .latin = " research " },
    /* movements and groups, the kinds of organisation of political and armed groups (Arabic
     * haraka, jama'a; Persian and Urdu tahrik, jonbesh, jama'at) */
    { .word = "الحركة", .latin = " movement " },
    { .word = "الحركه", .latin = " movement " },
    { .word = "حركة", .latin = " movement " },
    { .word = "حركه", .latin = " movement " },
    { .word = "تحریک", .latin = " movement " },
    { .word = "تحريك", .latin = " movement " },
    { .word = "جنبش", .latin = " movement " },
    { .word = "الجماعة", .latin = " group " },
    { .word = "الجماعه", .latin = " group " },
    { .word = "جماعة", .latin = " group " },
    { .word = "جماعه", .latin = " group " },
    { .word = "جماعت", .latin = " group " },
    { .word = "شركة", .latin = " company " },
    { .word = "شركه", .latin = " company " },
    { .word = "مؤسسة", .latin = " establishment " },
    { .word = "مؤسسه", .latin = " establishment " },
    { .word = "موسسة", .latin = " establishment " },
    { .word = "موسسه", .latin = " establishment " },
    { .word = "مجموعة", .latin = " group " },
    { .word = "مجموعه", .latin = " group " },
    { .word = "بنك", .latin = " bank " },
    { .word = "مصرف", .latin = " bank " },
    { .word = "محدودة", .latin = " limited " },
    { .word = "محدوده", .latin = " limited " },
    { .word = "مساهمة", .latin = " joint stock " },
    { .word = "مساهمه", .latin = " joint stock " },
    { .word = "قابضة", .latin = " holding " },
    { .word = "قابضه", .latin = " holding " },
    { .word = "تجارة", .latin = " trading " },
    { .word = "تجاره", .latin = " trading " },
    { .word = "تجارية", .latin = " trading " },
    { .word = "تجاريه", .latin = " trading " },
    { .word = "تجاري", .latin = " trading " },
    { .word = "صناعات", .latin = " industry " },
    { .word = "صناعية", .latin = " industry " },
    { .word = "صناعيه", .latin = " industry " },
    { .word = "صناعة", .latin = " industry " },
    { .word = "صناعه", .latin = " industry " },
    { .word = "صناعي", .latin = " industry " },
    { .word = "دولية", .latin = " international " },
    { .word = "دوليه", .latin = " international " },
    { .word = "دولي", .latin = " international " },
    { .word = "استثمارات", .latin = " investment " },
    { .word = "استثمار", .latin = " investment " },
    { .word = "هندسية", .latin = " engineering " },
    { .word = "هندسيه", .latin = " engineering " },
    { .word = "هندسة", .latin = " engineering " },
    { .word = "هندسه", .latin = " engineering " },
    { .word = "تكنولوجيا", .latin = " technology " },
    { .word = "تقنية", .latin = " technology " },
    { .word = "تقنيه", .latin = " technology " },
    { .word = "علوم", .latin = " science " },
    { .word = "تنمية", .latin = " development " },
    { .word = "تنميه", .latin = " development " },
    { .word = "تطوير", .latin = " development " },
    { .word = "ملاحة", .latin = " shipping " },
    { .word = "ملاحه", .latin = " shipping " },
    { .word = "بحرية", .latin = " maritime " },
    { .word = "بحريه", .latin = " maritime " },
    { .word = "نفط", .latin = " petroleum " },
    { .word = "بترول", .latin = " petroleum " },
    { .word = "طاقة", .latin = " energy " },
    { .word = "طاقه", .latin = " energy " },
    { .word = "خدمات", .latin = " services " },
    { .word = "مقاولات", .latin = " contracting " },
    { .word = "تأمين", .latin = " insurance " },
    { .word = "كيماويات", .latin = " chemical " },
    { .word = "إلكترونيات", .latin = " electronics " },
    { .word = "جامعة", .latin = " university " },
    { .word = "جامعه", .latin = " university " },
    { .word = "معهد", .latin = " institute " },
    { .word = "مصنع", .latin = " factory " },
    { .word = "وزارة", .latin = " ministry " },
    { .word = "وزاره", .latin = " ministry " },
    { .word = "هيئة", .latin = " authority " },
    { .word = "هيئه", .latin = " authority " },
    { .word = "منظمة", .latin = " organization " },
    { .word = "منظمه", .latin = " organization " },
    { .word = "جمعية", .latin = " association " },
    { .word = "جمعيه", .latin = " association " },
    { .word = "صندوق", .latin = " fund " },
    { .word = "وطنية", .latin = " national " },
    { .word = "وطنيه", .latin = " national " },
    { .word = "سهامی خاص", .latin = " private joint stock company " },
    { .word = "سهامي خاص", .latin = " private joint stock company " },
    { .word = "سهامی عام", .latin = " public joint stock company " },
    { .word = "سهامي عام", .latin = " public joint stock company " },
    { .word = "سهامی", .latin = " joint stock " },
    { .word = "سهامي", .latin = " joint stock " },
    { .word = "شرکت", .latin = " company " },
    { .word = "شركت", .latin = " company " },
    { .word = "بانک", .latin = " bank " },
    { .word = "بانك", .latin = " bank " },
    { .word = "بازرگانی", .latin = " trading " },
    { .word = "بازرگاني", .latin = " trading " },
    { .word = "تجارت", .latin = " trading " },
    { .word = "صنایع", .latin = " industry " },
    { .word = "صنايع", .latin = " industry " },
    { .word = "صنعتی", .latin = " industry " },
    { .word = "صنعتي", .latin = " industry " },
    { .word = "گروه", .latin = " group " },
    { .word = "بین‌المللی", .latin = " international " },
    { .word = "بين‌المللي", .latin = " international " },
    { .word = "بین المللی", .latin = " international " },
    { .word = "بين المللي", .latin = " international " },
    { .word = "بینالمللی", .latin = " international " },
    { .word = "بينالمللي", .latin = " international " },
    { .word = "سرمایه‌گذاری", .latin = " investment " },
    { .word = "سرمايه‌گذاري", .latin = " investment " },
    { .word = "سرمایه گذاری", .latin = " investment " },
    { .word = "سرمايه گذاري", .latin = " investment " },
    { .word = "سرمایهگذاری", .latin = " investment " },
    { .word = "سرمايهگذاري", .latin = " investment " },
    { .word = "مهندسی", .latin = " engineering " },
    { .word = "مهندسي", .latin = " engineering " },
    { .word = "فناوری", .latin = " technology " },
    { .word = "فناوري", .latin = " technology " },
    { .word = "فن آوری", .latin = " technology " },
    { .word = "فن آوري", .latin = " technology " },
    { .word = "توسعه", .latin = " development " },
    { .word = "کشتیرانی", .latin = " shipping " },
    { .word = "كشتيراني", .latin = " shipping " },
    { .word = "نفت", .latin = " petroleum " },
    { .word = "پتروشیمی", .latin = " petrochemical " },
    { .word = "پتروشيمي", .latin = " petrochemical " },
    { .word = "هلدینگ", .latin = " holding " },
    { .word = "هلدينگ", .latin = " holding " },
    { .word = "بیمه", .latin = " insurance " },
    { .word = "بيمه", .latin = " insurance " },
    { .word = "دانشگاه", .latin = " university " },
    { .word = "سازمان", .latin = " organization " },
    { .word = "مرکز", .latin = " center " },
    { .word = "مركز", .latin = " center " },
    { .word = "صادرات", .latin = " export " },
    { .word = "واردات", .latin = " import " },
    { .word = "انرژی", .latin = " energy " },
    { .word = "انرژي", .latin = " energy " },
    /* English words as Urdu, Pashto and Persian company names write them (کمپنی company,
     * Persian کمپانی, Pashto کمپنۍ; لمیٹڈ limited; پرائیویٹ private), with the Arabic kaf and
     * yeh for the Persian letters */
    { .word = "کمپنی", .latin = " company " },
    { .word = "كمپني", .latin = " company " },
    { .word = "کمپنۍ", .latin = " company " },
    { .word = "کمپانی", .latin = " company " },
    { .word = "كمپاني", .latin = " company " },
    { .word = "لمیٹڈ", .latin = " limited " },
    { .word = "لميٹڈ", .latin = " limited " },
    { .word = "پرائیویٹ", .latin = " private " },
    { .word = "پرائيويٹ", .latin = " private " },
    { .word = "پژوهشگاه", .latin = " research institute " },
    { .word = "تحقیقات", .latin = " research " },
    { .word = "تحقيقات", .latin = " research " },
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
static uint16_t number_slot[256], abbr_slot[1024];
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
/* legal_phrases grouped by first byte (phrase_by_first[phrase_first_off[c] ..
 * phrase_first_off[c + 1]), in table order), so that nsc__legal_phrase, which runs at every
 * token of every name prepared, tests only the phrases that can start at the token instead of
 * scanning them all. */
#define N_LEGAL_PHRASES (sizeof legal_phrases / sizeof legal_phrases[0] - 1)
static uint16_t phrase_by_first[N_LEGAL_PHRASES];
static uint16_t phrase_first_off[257];
_Static_assert(N_LEGAL_PHRASES < UINT16_MAX, "phrase ids are 16-bit");

/* generic_stems grouped by first byte the same way, for stem_english. */
#define N_GENERIC_STEMS (sizeof generic_stems / sizeof generic_stems[0] - 1)
static uint16_t stem_by_first[N_GENERIC_STEMS];
static uint16_t stem_first_off[257];
static uint8_t stem_len[N_GENERIC_STEMS];
_Static_assert(N_GENERIC_STEMS < UINT16_MAX, "stem ids are 16-bit");

static const char *phrase_at(size_t k) { return legal_phrases[k]; }
static const char *stem_at(size_t k) { return generic_stems[k].stem; }

/* Groups the n words word(0..n) by first byte, in table order: by[off[c] .. off[c + 1]) are the
 * numbers of those that begin with byte c (off zeroed before). */
static void group_by_first(size_t n, const char *(*word)(size_t), uint16_t *by, uint16_t *off)
{
    for (size_t k = 0; k < n; k++) off[(unsigned char)word(k)[0] + 1]++;
    for (size_t c = 0; c < 256; c++) off[c + 1] += off[c];
    uint16_t fill[256];
    memcpy(fill, off, sizeof fill);
    for (size_t k = 0; k < n; k++) by[fill[(unsigned char)word(k)[0]]++] = (uint16_t)k;
}

static void tables_build(void)
{
    group_by_first(N_LEGAL_PHRASES, phrase_at, phrase_by_first, phrase_first_off);
    group_by_first(N_GENERIC_STEMS, stem_at, stem_by_first, stem_first_off);
    for (size_t k = 0; k < N_GENERIC_STEMS; k++) stem_len[k] = (uint8_t)strlen(stem_at(k));
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
        if (tab[i][0] != s[0]) continue;
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

/* The least letters a cut-off last word of a legal-form phrase keeps (nsc__legal_phrase): with
 * fewer, the token is as likely another word ("comp" begins "computer" too). */
#define NSC_LEGAL_CUT_MIN 5

int nsc__legal_phrase(const char *const *tok, int n)
{
    if (n <= 0) return 0;
    pthread_once(&tables_once, tables_build);
    int best = 0;
    unsigned c = (unsigned char)tok[0][0];
    if (phrase_first_off[c] == phrase_first_off[c + 1]) return 0;
    size_t len[16] = { 0 }; /* the lengths of the first tokens, measured once */
    int nl = n < 16 ? n : 16;
    for (int j = 0; j < nl; j++) len[j] = strlen(tok[j]);
    for (size_t i = phrase_first_off[c]; i < phrase_first_off[c + 1]; i++) {
        const char *ph = legal_phrases[phrase_by_first[i]];
        int j = 0;
        while (*ph && j < n) {
            size_t tl = j < nl ? len[j] : strlen(tok[j]);
            if (strncmp(ph, tok[j], tl) != 0) break;
            /* the name's last token may be the phrase's last word cut off */
            int cut = j == n - 1 && j >= 1 && tl >= NSC_LEGAL_CUT_MIN && !strchr(ph + tl, ' ');
            if (cut) tl = strlen(ph);
            if (ph[tl] != ' ' && ph[tl] != '\0') break;
            ph += tl;
            if (*ph == ' ') ph++;
            j++;
        }
        if (!*ph && j >= 2 && j > best) best = j;
    }
    return best;
}

static int in_list(const char *const *tab, const char *tok, size_t len)
{
    for (size_t i = 0; tab[i]; i++)
        if (strlen(tab[i]) == len && memcmp(tab[i], tok, len) == 0) return 1;
    return 0;
}

int nsc__legal_weak(const char *tok, size_t len) { return in_list(legal_weak, tok, len); }

int nsc__legal_leading(const char *tok, size_t len) { return in_list(legal_leading, tok, len); }

int nsc__number_value(const char *tok, size_t len)
{
    pthread_once(&tables_once, tables_build);
    long i = nsc__strtab_find(&number_tab, tok, len);
    return i < 0 ? -1 : number_words[i].v;
}

/* The English of a Russian or Ukrainian generic word: a stem of generic_stems followed by
 * nothing or by one of stem_endings. */
static const char *stem_english(const char *tok, size_t len)
{
    unsigned c = (unsigned char)tok[0];
    for (size_t k = stem_first_off[c]; k < stem_first_off[c + 1]; k++) {
        size_t i = stem_by_first[k], n = stem_len[i];
        if (len < n || memcmp(generic_stems[i].stem, tok, n) != 0) continue;
        if (len == n || in_list(stem_endings, tok + n, len - n)) return generic_stems[i].full;
    }
    return NULL;
}

const char *nsc__abbreviation(const char *tok, size_t len, int *org_only)
{
    pthread_once(&tables_once, tables_build);
    long i = nsc__strtab_find(&abbr_tab, tok, len);
    if (i >= 0) {
        if (org_only) *org_only = abbreviations[i].org_only;
        return abbreviations[i].full;
    }
    if (org_only) *org_only = 0;
    return len >= 4 ? stem_english(tok, len) : NULL;
}

int nsc__abbreviation_pair(const char *a, const char *b, const char **fa, const char **fb)
{
    for (size_t i = 0; i < sizeof abbreviation_pairs / sizeof abbreviation_pairs[0]; i++)
        if (strcmp(a, abbreviation_pairs[i].a) == 0 && strcmp(b, abbreviation_pairs[i].b) == 0) {
            *fa = abbreviation_pairs[i].fa;
            *fb = abbreviation_pairs[i].fb;
            return 1;
        }
    return 0;
}

/* The script words in UTF-16, as the romanizer holds names, converted once: every word is in
 * the Basic Multilingual Plane and shorter than SW_MAX units (checked when they are built). */
#define SW_MAX 24
static uint16_t sw_text[sizeof nsc__script_words / sizeof nsc__script_words[0]][SW_MAX];
static uint8_t sw_len[sizeof nsc__script_words / sizeof nsc__script_words[0]];
static uint16_t sw_by_first[sizeof nsc__script_words / sizeof nsc__script_words[0]];
_Static_assert(sizeof nsc__script_words / sizeof nsc__script_words[0] <= UINT16_MAX,
               "script words are numbered in 16 bits");
static pthread_once_t sw_once = PTHREAD_ONCE_INIT;

static void sw_build(void)
{
    for (size_t k = 0; k < nsc__n_script_words; k++) {
        const unsigned char *p = (const unsigned char *)nsc__script_words[k].word;
        size_t n = 0;
        while (*p && n < SW_MAX) {
            unsigned c = *p++;
            if (c >= 0xE0) { /* three bytes */
                c = (c & 0x0Fu) << 12 | (p[0] & 0x3Fu) << 6 | (p[1] & 0x3Fu);
                p += 2;
            } else if (c >= 0xC0) { /* two bytes */
                c = (c & 0x1Fu) << 6 | (p[0] & 0x3Fu);
                p += 1;
            }
            sw_text[k][n++] = (uint16_t)c;
        }
        sw_len[k] = *p ? 0 : (uint8_t)n; /* a word too long never matches */
    }
    /* the words in the order of their first unit, and in table order among equals (the table's
     * order decides between words of one start), for a binary search per position */
    for (size_t k = 0; k < nsc__n_script_words; k++) sw_by_first[k] = (uint16_t)k;
    for (size_t k = 1; k < nsc__n_script_words; k++) { /* insertion: stable, and run once */
        uint16_t v = sw_by_first[k];
        size_t j = k;
        while (j > 0 && sw_text[sw_by_first[j - 1]][0] > sw_text[v][0]) {
            sw_by_first[j] = sw_by_first[j - 1];
            j--;
        }
        sw_by_first[j] = v;
    }
}

const nsc__script_word *nsc__script_word_at(const uint16_t *s, size_t n, size_t *len)
{
    if (!n) return NULL;
    pthread_once(&sw_once, sw_build);
    if (s[0] < sw_text[sw_by_first[0]][0]) return NULL; /* below every word's start (Latin) */
    size_t lo = 0, hi = nsc__n_script_words; /* the first word starting at or after s[0] */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sw_text[sw_by_first[mid]][0] < s[0])
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < nsc__n_script_words && sw_text[sw_by_first[lo]][0] == s[0]; lo++) {
        size_t k = sw_by_first[lo], wl = sw_len[k];
        if (!wl || wl > n || memcmp(sw_text[k], s, wl * sizeof s[0]) != 0) continue;
        *len = wl;
        return &nsc__script_words[k];
    }
    return NULL;
}
