/* SPDX-License-Identifier: Apache-2.0 */
/*
 * util/utf8.h: UTF-8 validation as every input path applies it (no overlong forms, no
 * surrogates, no NUL), and line numbers of byte offsets for error messages.
 */
#ifndef NSC_UTIL_UTF8_H
#define NSC_UTIL_UTF8_H

#include <stddef.h>

/* Checks that s[0..len) is valid UTF-8 (no overlong forms, no surrogates, no NUL).
 * Returns 1 when valid; else 0 with *bad set to the offset of the first bad byte. */
int nsc__utf8_valid(const char *s, size_t len, size_t *bad);
/* 1-based line number of offset `off` in buf (counts '\n'). */
long nsc__line_of(const char *buf, size_t off);

#endif /* NSC_UTIL_UTF8_H */
