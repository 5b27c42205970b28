/*
 * formats/csvlist.c: the shared part of the CSV-based list parsers.
 */
#include "formats/csvlist.h"

int nsc__csvlist_fail(nsc__load *ld, const nsc__csvbuf *c, int rc)
{
    if (rc == NSC_ENOMEM) return nsc__load_fail(ld, rc, ld->path, 0, "out of memory");
    return nsc__load_fail(ld, rc, ld->path, c->line, "%s", c->err);
}
