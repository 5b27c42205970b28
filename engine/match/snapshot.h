/* SPDX-License-Identifier: Apache-2.0 */
/*
 * match/snapshot.h: interface of match/snapshot.c, the compiled index snapshot: the frozen
 * index of a set of lists written to a file once and mapped read-only at start-up instead of
 * rebuilt, keyed to the exact lists, the scoring and library versions and the file format.
 */
#ifndef NSC_MATCH_SNAPSHOT_H
#define NSC_MATCH_SNAPSHOT_H

#include <stddef.h>

#include "match/index.h"

/* Writes the index *fz (built by nsc__index_build) to `path`, through a temporary file beside
 * it renamed into place, so that a reader never maps a half-written snapshot. Returns 0,
 * NSC_EIO or NSC_ENOMEM, with the reason in err[0..errcap) naming the file. */
int nsc__snapshot_write(const nsc__frozen *fz, const char *path, char *err, size_t errcap);

/* Maps the snapshot at `path` as the index of lists[0..n_lists) into *fz (zeroed): the index
 * arrays point into the read-only mapping, the dictionary and the lnames (which hold pointers)
 * are copies from mem. Returns 0; NSC_EIO (cannot open or map), NSC_ESTALE (made for other
 * lists, another scoring or library version, another format or memory layout), NSC_ECORRUPT
 * (truncated, a checksum that differs, inconsistent sizes), NSC_ENOMEM, with the reason in
 * err[0..errcap) naming the file. On failure *fz is zeroed again (nothing to free). */
int nsc__snapshot_map(nsc__frozen *fz, const nsc__mem *mem, nsc__list *const *lists, size_t n_lists,
                      const char *path, char *err, size_t errcap);

/* Whether *fz was mapped from a snapshot (nsc__index_free then unmaps it). */
int nsc__snapshot_is_mapped(const nsc__frozen *fz);
/* Frees what nsc__snapshot_map gave *fz and unmaps the file (nsc__index_free calls it). */
void nsc__snapshot_unmap(nsc__frozen *fz);

/* The key of the snapshot of lists[0..n_lists), as a 32-digit hex string into out[33]: its
 * file name in a lists directory (the file itself holds the full key, for the messages). */
int nsc__snapshot_key_hex(char out[33], const nsc__mem *mem, nsc__list *const *lists,
                          size_t n_lists);

#endif /* NSC_MATCH_SNAPSHOT_H */
