/* SPDX-License-Identifier: Apache-2.0 */
/*
 * util/utf8.c: UTF-8 validation (every input path applies it) and line numbers of offsets.
 */
#include "util/utf8.h"

int nsc__utf8_valid(const char *s, size_t len, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned c = *p;
        if (c < 0x80) {
            if (c == 0) goto fail;
            p++;
            continue;
        }
        size_t need;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            min = 0x10000;
        } else
            goto fail;
        if ((size_t)(end - p) <= need) goto fail;
        unsigned cp = c & (0x3Fu >> need);
        for (size_t i = 1; i <= need; i++) {
            if ((p[i] & 0xC0) != 0x80) goto fail;
            cp = (cp << 6) | (p[i] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) goto fail;
        p += need + 1;
    }
    return 1;
fail:
    if (bad) *bad = (size_t)(p - (const unsigned char *)s);
    return 0;
}

long nsc__line_of(const char *buf, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        if (buf[i] == '\n') line++;
    return line;
}
