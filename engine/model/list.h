/* SPDX-License-Identifier: Apache-2.0 */
/*
 * model/list.h: the entity model every list parser fills (entities with names, dates,
 * countries, identifiers, programs, addresses), the list that owns them with its checksums,
 * warnings and id lookup, and the load context parsers receive. Parsers and the matcher see
 * lists through this header; nothing here knows a file format or a score.
 */
#ifndef NSC_MODEL_LIST_H
#define NSC_MODEL_LIST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "model/checksum.h"
#include "model/date.h"
#include "util/mem.h"

typedef enum nsc__id_type {
    NSC_ID_OTHER = 0,
    NSC_ID_PASSPORT,
    NSC_ID_NATIONAL,
    NSC_ID_TAX,
    NSC_ID_REGISTRATION,
    NSC_ID_IMO,
    NSC_ID_MMSI,
    NSC_ID_BIC,
    NSC_ID_LEI,
    NSC_ID_CRYPTO,
    NSC_ID_AIRCRAFT
} nsc__id_type;

typedef enum nsc__country_role {
    NSC_COUNTRY_NATIONALITY = 0,
    NSC_COUNTRY_CITIZENSHIP,
    NSC_COUNTRY_ADDRESS,
    NSC_COUNTRY_BIRTH,
    NSC_COUNTRY_OTHER /* registration, flag, jurisdiction */
} nsc__country_role;

typedef enum nsc__gender { NSC_GENDER_UNKNOWN = 0, NSC_GENDER_MALE, NSC_GENDER_FEMALE } nsc__gender;

/* Name flags a parser may set. */
#define NSC_NAMEF_SURNAME_FIRST 0x1u   /* written "SURNAME, Given" (OFAC individuals) */
#define NSC_NAMEF_ORIGINAL_SCRIPT 0x2u /* a non-Latin original-script name given by the list */

/* The part types of a name the list splits into parts (OFAC's XML formats). */
typedef enum nsc__part_type {
    NSC_PART_OTHER = 0,
    NSC_PART_GIVEN,
    NSC_PART_MIDDLE,
    NSC_PART_FAMILY,
    NSC_PART_MAIDEN,
    NSC_PART_PATRONYMIC,
    NSC_PART_MATRONYMIC,
    NSC_PART_NICKNAME,
    NSC_PART_ENTITY,
    NSC_PART_VESSEL,
    NSC_PART_AIRCRAFT,
    NSC_PART_COUNT
} nsc__part_type;

typedef struct nsc__name_part {
    struct nsc__name_part *next;
    const char *text;
    uint8_t type; /* nsc__part_type */
} nsc__name_part;

typedef struct nsc__name {
    struct nsc__name *next;
    const char *text;      /* as the list writes it */
    const char *script;    /* ISO 15924 code of its script ("Hans", "Cyrl") when the list says */
    nsc__name_part *parts; /* in the list's order; none when not split */
    uint8_t kind;          /* nsc_name_kind */
    uint8_t flags;         /* NSC_NAMEF_* */
} nsc__name;

typedef struct nsc__dob {
    struct nsc__dob *next;
    nsc__date date;
} nsc__dob;

typedef struct nsc__country {
    struct nsc__country *next;
    char code[3]; /* lower-case ISO alpha-2; "" when the text could not be mapped */
    uint8_t role;
    const char *text; /* as written */
} nsc__country;

typedef struct nsc__ident {
    struct nsc__ident *next;
    uint8_t type; /* nsc__id_type */
    const char *value;
    const char *country; /* as written, may be NULL */
    const char *label;   /* the list's own label ("Passport", "Tax ID No."), may be NULL */
    /* Document details (OFAC XML), each may be NULL: */
    const char *issued;    /* issue date, YYYY[-MM[-DD]] */
    const char *expires;   /* expiration date, YYYY[-MM[-DD]] */
    const char *authority; /* issuing authority */
} nsc__ident;

typedef struct nsc__text {
    struct nsc__text *next;
    const char *text;
} nsc__text;

/* A detail the list gives that the matcher does not use: vessel and aircraft particulars,
 * titles, other features. Keys are the NSC_DETAIL_* names below or, for a feature the list
 * names itself, that name. */
typedef struct nsc__detail {
    struct nsc__detail *next;
    const char *key;
    const char *value;
} nsc__detail;

#define NSC_DETAIL_TITLE "title"
#define NSC_DETAIL_CALL_SIGN "vessel.call_sign"
#define NSC_DETAIL_VESSEL_TYPE "vessel.type"
#define NSC_DETAIL_VESSEL_FLAG "vessel.flag"
#define NSC_DETAIL_VESSEL_OWNER "vessel.owner"
#define NSC_DETAIL_TONNAGE "vessel.tonnage"
#define NSC_DETAIL_GRT "vessel.gross_registered_tonnage"
#define NSC_DETAIL_VESSEL_BUILT "vessel.year_built"
#define NSC_DETAIL_AIRCRAFT_MODEL "aircraft.model"
#define NSC_DETAIL_AIRCRAFT_OPERATOR "aircraft.operator"
#define NSC_DETAIL_AIRCRAFT_SERIAL "aircraft.serial_number"
#define NSC_DETAIL_AIRCRAFT_BUILT "aircraft.manufacture_date"
#define NSC_DETAIL_AIRCRAFT_TAIL "aircraft.tail_number"

struct nsc__list;

typedef struct nsc__entity {
    const struct nsc__list *list; /* the list that owns it */
    const char *id;
    uint8_t type;   /* nsc_entity_type */
    uint8_t gender; /* nsc__gender */
    uint32_t index; /* position in its list, assigned at creation */
    /* Each field below is a singly linked list in the list's order (no tail pointers: they would
     * cost 80 bytes an entity, and appending walks a few nodes). */
    nsc__name *names; /* first is the primary name */
    nsc__dob *dobs;
    nsc__country *countries;
    nsc__ident *idents;
    nsc__text *programs;
    nsc__text *addresses;
    nsc__text *xrefs;       /* "un:QDi.017" */
    nsc__text *links;       /* OFAC "Linked To:" names: other entities, not aliases */
    nsc__text *birthplaces; /* places of birth as written */
    nsc__detail *details;
    const char *listed;  /* listing (designation) date YYYY-MM-DD, may be NULL */
    const char *remarks; /* free text, may be NULL */
    /* The content hash (nsc__entity_content_hash), set by nsc__list_finish. */
    uint8_t content_hash[16];
} nsc__entity;

typedef struct nsc__list {
    const nsc__mem *mem;
    nsc__arena arena;       /* every string and node of the list's entities */
    char *name;             /* "ofac-sdn" */
    const char *format;     /* static: "ofac" */
    char *published;        /* YYYY-MM-DD or "" */
    nsc__entity **entities; /* in file order */
    size_t n_entities, cap_entities;
    size_t n_names;
    /* id -> entity lookup (open addressing, rebuilt as it grows) */
    uint32_t *id_slots;
    size_t id_cap;
    /* files read, in order, and the running checksums over their bytes */
    char *files; /* "sdn.csv, alt.csv, add.csv" */
    size_t files_len, files_cap;
    nsc__checksum *sum; /* until nsc__list_finish */
    char sha256_hex[65];
    char xxh128_hex[33];
    char **warnings;
    size_t n_warnings, cap_warnings;
} nsc__list;

/* Everything a parser gets. */
typedef struct nsc__load {
    const nsc__mem *mem;
    nsc__list *list;
    const nsc_load_options *opts; /* never NULL (defaults filled in) */
    const char *path;
    char *errmsg; /* buffer of NSC__ERRMSG_CAP bytes owned by the engine */
} nsc__load;

#define NSC__ERRMSG_CAP 1024

/* Formats the engine's load error message and returns `code`. `file` is shown by its base
 * name with its directory; line <= 0 leaves the line out. Use: return nsc__load_fail(ld,
 * NSC_EFORMAT, path, line, "field %d is empty", 4); */
int nsc__load_fail(nsc__load *ld, int code, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Records a recoverable oddity; returns 0 or NSC_ENOMEM. */
int nsc__list_warn(nsc__list *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reads a whole file into memory from ld->mem (NUL-terminated; *len excludes the NUL) and adds
 * its bytes and name to the list's checksums and file list (when ld->list is set). Fails with
 * NSC_EIO and a message naming the path and the system error (missing, a directory,
 * unreadable), or NSC_EFORMAT for an empty file when allow_empty is 0. Free the buffer with
 * nsc__free(ld->mem, ...). */
int nsc__read_file(nsc__load *ld, const char *path, char **out, size_t *len, int allow_empty);
/* Adds the base name of path to the list's file list ("sdn.csv, alt.csv"); for parsers that
 * stream a file through nsc__checksum_update(l->sum, ...) themselves instead of reading it
 * whole with nsc__read_file. 0 or NSC_ENOMEM. */
int nsc__list_add_file(nsc__list *l, const char *path);
/* nsc__read_file (empty files refused) and a check that the bytes are UTF-8: NSC_EENCODING
 * with the line and the offending byte otherwise. */
int nsc__read_text(nsc__load *ld, const char *path, char **out, size_t *len);

/* A new empty list whose memory comes from mem; NULL on ENOMEM. */
nsc__list *nsc__list_new(const nsc__mem *mem);
/* Ends reading: fixes the checksums of the files read (sha256_hex, xxh128_hex). */
void nsc__list_finish(nsc__list *l);
void nsc__list_free(nsc__list *l);

/* Builder: all return NULL / NSC_ENOMEM only when memory runs out. Strings are copied (len may
 * be (size_t)-1 for NUL-terminated); leading and trailing white space is trimmed and empty
 * values are ignored (return 0 without adding). */
nsc__entity *nsc__list_add_entity(nsc__list *l, const char *id, size_t idlen, nsc_entity_type type);
nsc__entity *nsc__list_find(const nsc__list *l, const char *id, size_t idlen);
int nsc__entity_add_name(nsc__list *l, nsc__entity *e, const char *s, size_t len,
                         nsc_name_kind kind, unsigned flags);
/* nsc__entity_add_name that also gives the name added, or the equal name already there, in
 * *out (NULL when s is empty), to add its parts and script to. */
int nsc__entity_add_name_ref(nsc__list *l, nsc__entity *e, const char *s, size_t len,
                             nsc_name_kind kind, unsigned flags, nsc__name **out);
int nsc__name_add_part(nsc__list *l, nsc__name *n, nsc__part_type type, const char *s, size_t len);
/* Sets the ISO 15924 script code of a name ("Hans"); empty leaves it unset. */
int nsc__name_set_script(nsc__list *l, nsc__name *n, const char *code);
int nsc__entity_add_dob(nsc__list *l, nsc__entity *e, const nsc__date *d);
/* Adds a country by code or name (mapped with nsc__country_code; unmapped text is kept). */
int nsc__entity_add_country(nsc__list *l, nsc__entity *e, const char *s, size_t len,
                            nsc__country_role role);
int nsc__entity_add_ident(nsc__list *l, nsc__entity *e, nsc__id_type type, const char *value,
                          size_t len, const char *country, const char *label);
/* nsc__entity_add_ident that also gives the identifier added in *out (NULL when value is
 * empty), to set its document details on with nsc__ident_set. */
int nsc__entity_add_ident_ref(nsc__list *l, nsc__entity *e, nsc__id_type type, const char *value,
                              size_t len, const char *country, const char *label, nsc__ident **out);
/* Sets one of the document fields of an identifier (&id->issued, &id->expires,
 * &id->authority) to a copy of s; empty leaves it unset. */
int nsc__ident_set(nsc__list *l, const char **field, const char *s, size_t len);
int nsc__entity_add_program(nsc__list *l, nsc__entity *e, const char *s, size_t len);
int nsc__entity_add_address(nsc__list *l, nsc__entity *e, const char *s, size_t len);
int nsc__entity_add_xref(nsc__list *l, nsc__entity *e, const char *s, size_t len);
int nsc__entity_add_link(nsc__list *l, nsc__entity *e, const char *s, size_t len);
int nsc__entity_set_remarks(nsc__list *l, nsc__entity *e, const char *s, size_t len);
int nsc__entity_add_birthplace(nsc__list *l, nsc__entity *e, const char *s, size_t len);
/* Adds a detail (key static or copied: it is copied); an equal key and value adds nothing. */
int nsc__entity_add_detail(nsc__list *l, nsc__entity *e, const char *key, const char *value,
                           size_t len);
/* Sets the listing date (YYYY-MM-DD); the earliest of several is kept. */
int nsc__entity_set_listed(nsc__list *l, nsc__entity *e, const char *yyyy_mm_dd);

/* The content hash of an entity: XXH3-128 over a canonical form of the facts a match rests
 * on (type, names, dates of birth, countries, identifier values, programs), each field taken
 * as a set, so that the same entry gives the same hash whatever file format or order the list
 * came in (model/content.c). nsc__hash_hex writes it as 32 hex digits. */
void nsc__entity_content_hash(const nsc__entity *e, uint8_t out[16]);
void nsc__hash_hex(char hex[33], const uint8_t h[16]);
int nsc__list_set_published(nsc__list *l, const char *yyyy_mm_dd);

#endif /* NSC_MODEL_LIST_H */
