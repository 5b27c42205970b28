/* SPDX-License-Identifier: Apache-2.0 */
/*
 * formats/ofac_xml.h: what OFAC's two XML parsers (ofac_adv.c: ADVANCED, ofac_enh.c: ENHANCED)
 * share: an id map for their cross-references, and the mapping of OFAC's own vocabulary (alias
 * types, name part types, feature types, document types, scripts, date spans) onto the model.
 */
#ifndef NSC_FORMATS_OFAC_XML_H
#define NSC_FORMATS_OFAC_XML_H

#include <stddef.h>
#include <stdint.h>

#include "formats/xml.h"
#include "model/list.h"

/* A map from 64-bit keys (OFAC's numeric ids, with a table tag in the high bits) to 32-bit
 * values (indexes). Open addressing; memory from mem. */
typedef struct nsc__idmap {
    const nsc__mem *mem;
    uint64_t *keys; /* key + 1; 0 = empty */
    uint32_t *vals;
    size_t cap, n;
} nsc__idmap;

int nsc__idmap_put(nsc__idmap *m, uint64_t key, uint32_t val); /* 0 or NSC_ENOMEM; replaces */
int nsc__idmap_get(const nsc__idmap *m, uint64_t key, uint32_t *val); /* 1 found, 0 not */
void nsc__idmap_free(nsc__idmap *m);

/* How often a recoverable oddity occurred, with the first one for the warning. */
typedef struct nsc__ofac_tally {
    size_t n;
    long line;
    char example[120];
} nsc__ofac_tally;

/* Counts one oddity at `line`; the first one's description is kept. */
void nsc__ofac_tally_add(nsc__ofac_tally *t, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The list warning "FILE: N WHAT (first at line L: EXAMPLE)" when t counted any; 0 or
 * NSC_ENOMEM. */
int nsc__ofac_tally_warn(nsc__list *l, const char *file, const nsc__ofac_tally *t,
                         const char *what);

/* Reads a decimal id ("1400"); -1 when s is empty or not a number. */
long long nsc__ofac_num(const char *s);

/* The kind of a name from OFAC's alias type ("A.K.A.", "F.K.A.", "N.K.A.", "Name"), its primary
 * flag and its low-quality flag. *odd is set when the type is none of these. */
nsc_name_kind nsc__ofac_alias_kind(const char *alias_type, int primary, int low_quality, int *odd);
/* The part type of an OFAC name part type ("Last Name", "First Name", ...). */
nsc__part_type nsc__ofac_part_type(const char *s);
/* The ISO 15924 code of a script from what the file gives: its code ("Hans"; OFAC writes
 * "Latin" for Latin), its name ("Chinese Simplified") or its ISO numeric code (501). NULL when
 * unknown. */
const char *nsc__ofac_script_code(const char *code, const char *name, long long iso_numeric);
/* Whether a script code is Latin. */
int nsc__ofac_script_latin(const char *code);
/* The identifier type of an OFAC document type ("Passport", "Tax ID No.", ...). */
nsc__id_type nsc__ofac_id_type(const char *label);

/* One part of a name being assembled. */
typedef struct nsc__ofac_part {
    nsc__part_type type;
    const char *text;
    size_t len;
} nsc__ofac_part;

/* Adds a name made of parts: a Latin individual's name "LAST, First Middle" as the legacy CSV
 * writes it (NSC_NAMEF_SURNAME_FIRST), other names their parts in order, Han and Japanese
 * without spaces; a non-Latin script gets NSC_NAMEF_ORIGINAL_SCRIPT and its code. `text`, when
 * not NULL, is the name as the file formats it whole (ENHANCED formattedFullName) and is used
 * instead of the joined parts. *out gets the name (NULL when empty). */
int nsc__ofac_add_name(nsc__list *l, nsc__entity *e, nsc__sbuf *join, const nsc__ofac_part *parts,
                       size_t n_parts, const char *text, nsc_name_kind kind, const char *script,
                       nsc__name **out);

/* A date span as OFAC writes it (start..end, each y/m/d with 0 = unknown) as one date: equal
 * ends a day; a whole month or year a month or a year; whole years apart a year range; else the
 * start day. 0, or NSC_EINVAL when there is no year. */
int nsc__ofac_span_date(nsc__date *out, const int start[3], const int end[3], int approximate);

/* What a feature (OFAC FeatureType) adds to an entity. The value is its text (a lookup's
 * text, a location's address); country is an ISO alpha-2 code or a country name, may be NULL;
 * date is set for date features. Birthdate, Place of Birth, Nationality Country, Citizenship
 * Country, Nationality of Registration, Location, Gender, Title, vessel and aircraft
 * particulars (NSC_DETAIL_*), IMO and MMSI numbers, SWIFT/BIC, digital currency addresses are
 * typed; any other feature becomes a detail under its own name. */
int nsc__ofac_feature(nsc__list *l, nsc__entity *e, const char *feature, const char *value,
                      size_t vlen, const char *country, const nsc__date *date);

/* The list name from the names of the lists a file's entries are on: "ofac-sdn" when the file
 * is the SDN list, "ofac-cons" for the consolidated (non-SDN) lists, NULL when unknown. */
const char *nsc__ofac_list_from(const char *list_value);
/* The list name from the file name: "ofac-cons" when it starts with "cons", else "ofac-sdn". */
const char *nsc__ofac_list_from_path(const char *path);

/* The walk both OFAC XML parsers make over a streamed file: the root element must be `root`
 * (else an error naming what it is, `format` being this format's name, "OFAC advanced XML"); each
 * child of the root is a section (section(ctx, name) > 0) whose children are expanded one at a
 * time and given to record(ctx, section, node), or the one element named `header` (expanded and
 * given to on_header), or skipped. 0, or the first error. */
typedef struct nsc__ofac_walk {
    const char *root, *format, *header;
    int (*section)(void *ctx, const char *name);
    int (*on_header)(void *ctx, const xmlNode *n);
    int (*record)(void *ctx, int section, const xmlNode *n);
} nsc__ofac_walk;

int nsc__ofac_stream_walk(nsc__xml_stream *xs, nsc__load *ld, const nsc__ofac_walk *w, void *ctx);

#endif /* NSC_FORMATS_OFAC_XML_H */
