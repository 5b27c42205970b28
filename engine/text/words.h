/* SPDX-License-Identifier: Apache-2.0 */
/*
 * text/words.h: what a token is. The token flags, and the word tables behind them: legal forms,
 * generic words, stop words, titles, particles, number words, abbreviations, legal forms and
 * generic words of other scripts, and the name-variant and nickname classes (text/nicknames.c).
 * Every table is static and read-only.
 */
#ifndef NSC_TEXT_WORDS_H
#define NSC_TEXT_WORDS_H

#include <stddef.h>
#include <stdint.h>

/* Token flags. The word tables set LEGAL, GENERIC, STOP and PARTICLE; the tokenizer NUMBER and
 * INITIAL (text/tokenize.h); romanization ABJAD, ROMAN and HAN (text/translit.h). */
#define NSC_TOKF_LEGAL 0x01u /* a legal form (Ltd, GmbH, 有限公司): no weight, never decisive */
#define NSC_TOKF_GENERIC 0x02u  /* a generic word (science, trading, bank): low weight */
#define NSC_TOKF_STOP 0x04u     /* and, of, the: almost no weight */
#define NSC_TOKF_PARTICLE 0x08u /* al, bin, van, de, von: low weight */
#define NSC_TOKF_NUMBER 0x10u   /* digits or a roman numeral: must agree */
#define NSC_TOKF_ABJAD 0x20u    /* romanized from Arabic or Hebrew script: vowels are guesses */
#define NSC_TOKF_ROMAN 0x40u    /* romanized from a non-Latin script */
#define NSC_TOKF_INITIAL 0x80u  /* a single letter */
#define NSC_TOKF_HAN 0x100u     /* a syllable romanized from Han or Hangul: no fuzzy edits */

/* The table flag of a token (romanized, lower case): NSC_TOKF_LEGAL for a legal-form word or
 * a word with a Russian or Ukrainian legal-form stem, NSC_TOKF_STOP for a stop word or a
 * title, NSC_TOKF_PARTICLE, NSC_TOKF_GENERIC; 0 for any other token. */
unsigned nsc__word_flag(const char *tok, size_t len);

/* How many of the n tokens tok[0..n) the longest legal-form phrase ("co ltd", "s a r l")
 * starting at tok[0] spans: at least 2, or 0 when none starts there. tok[n - 1] is taken to end
 * the name: a phrase that ends the name may have its last word cut off by a field's length
 * ("joint stock compan"), and tok[n - 1] then stands for that word when it spells its first
 * five letters or more. */
int nsc__legal_phrase(const char *const *tok, int n);

/* Whether a one-token legal form is also a name or a common word (Sa, Ag, Co, Pat): it is a
 * legal form only where legal forms stand (text/tokenize.c: in an organization's name, or
 * among the legal forms that end a name of unknown type). */
int nsc__legal_weak(const char *tok, size_t len);

/* Whether a legal form is written before the name (PT, OOO, TOV, Sharikat). */
int nsc__legal_leading(const char *tok, size_t len);

/* The value of a number word, an ordinal or a roman numeral ("forty", "3rd", "xiv"), or -1. */
int nsc__number_value(const char *tok, size_t len);

/* The English a word stands for, one or two words ("intl": "international", "scitech":
 * "science technology", "industries": "industry", "ticaret": "trading", "torgovyy":
 * "trading"), or NULL. *org_only (when org_only is not NULL) is set when the word is also a
 * name (Dev, Ind), to be written out only in an organization's name. */
const char *nsc__abbreviation(const char *tok, size_t len, int *org_only);

/* The two words that two initials joined by "and" stand for ("s and t": "science",
 * "technology"): returns 1 and sets *fa and *fb, or 0. */
int nsc__abbreviation_pair(const char *a, const char *b, const char **fa, const char **fb);

/* A legal form or generic word of another script (Han, Arabic), and the English
 * that replaces it before romanizing, so that ICU does not glue it to its neighbours and the
 * word tables above recognize it. */
typedef struct nsc__script_word {
    const char *word;  /* UTF-8 */
    const char *latin; /* the replacement, spaces around */
} nsc__script_word;

/* The script words, in the order they are tried: the first that matches is taken. */
extern const nsc__script_word nsc__script_words[];
extern const size_t nsc__n_script_words;

/* The first script word that s[0..n) (UTF-16) starts with, its length in units in *len; or
 * NULL. */
const nsc__script_word *nsc__script_word_at(const uint16_t *s, size_t n, size_t *len);

/* Name-variant classes of a token: up to 2 class ids written to cls; returns how many. */
int nsc__nick_classes(const char *tok, size_t len, uint16_t cls[2]);
/* Whether class c groups spelling variants (Mohammed/Muhammad) rather than nicknames. */
int nsc__nick_is_spelling(uint16_t c);
/* Every token of class c, for the index: calls fn(arg, token) for each. */
void nsc__nick_members(uint16_t c, void (*fn)(void *arg, const char *tok), void *arg);

#endif /* NSC_TEXT_WORDS_H */
