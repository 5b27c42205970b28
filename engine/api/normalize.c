/* SPDX-License-Identifier: Apache-2.0 */
/*
 * api/normalize.c: nsc_normalize(), the romanized token string the matcher sees for a name,
 * made in a context borrowed from the caller's engine (no hidden engine of its own).
 */
#include <string.h>

#include "api/ctx.h"
#include "api/engine.h"
#include "util/utf8.h"

long nsc_normalize(char *buf, size_t cap, const nsc_engine *e, const char *name)
{
    if (!e || !name || (!buf && cap)) return NSC_EINVAL;
    size_t len = strlen(name);
    if (len > NSC_MAX_NAME_BYTES) return NSC_ETOOLONG;
    if (!nsc__utf8_valid(name, len, NULL)) return NSC_EENCODING;
    nsc__ctx *ctx;
    int rc = nsc__ctx_acquire(e, &ctx);
    if (rc) return rc;
    unsigned flags, lossy;
    char(*var)[NSC_MAX_NAME_BYTES] = ctx->text.var;
    int nv = nsc__romanize(&ctx->text, name, len, var, 1, &flags, &lossy);
    if (nv >= 0) { /* the parentheses the tokenizer reads (text/translit.c) are no text */
        char *w = var[0];
        for (const char *r = var[0]; *r; r++) {
            if ((*r == '(' || *r == ')') && (r[1] == ' ' || !r[1])) {
                r += r[1] == ' ';
                continue;
            }
            *w++ = *r;
        }
        *w = '\0';
        while (w > var[0] && w[-1] == ' ') *--w = '\0';
    }
    long n = nv < 0 ? nv : (long)strlen(var[0]);
    if (nv >= 0 && cap) {
        size_t k = (size_t)n < cap - 1 ? (size_t)n : cap - 1;
        memcpy(buf, var[0], k);
        buf[k] = '\0';
    }
    nsc__ctx_release(e, ctx);
    return n;
}
