/*
 * formats/csvlist.h: what the CSV-based list parsers (OFAC, UK, OpenSanctions, generic CSV)
 * share on top of the record reader of util/csvrec.h: load errors from the reader.
 */
#ifndef NSC_FORMATS_CSVLIST_H
#define NSC_FORMATS_CSVLIST_H

#include "model/list.h"
#include "util/csvrec.h"

/* The load error for a failed nsc__csvbuf_next (rc): the reader's message and line. */
int nsc__csvlist_fail(nsc__load *ld, const nsc__csvbuf *c, int rc);

#endif /* NSC_FORMATS_CSVLIST_H */
