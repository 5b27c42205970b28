/*
 * model.h: the internal entity model that every list parser fills, and the helpers they share
 * (arena memory, load errors and warnings, whole-file reads with checksums, dates, countries).
 * Parsers include this header and nothing from the scoring side.
 */
#ifndef NSC_MODEL_H
#define NSC_MODEL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "namescreen.h"

/* ---- memory ------------------------------------------------------------------------------ */

typedef struct nsc__mem {
    nsc_allocator a; /* never has NULL fields */
} nsc__mem;

/* The C library allocator, for code that has no engine (the public CSV reader). */
const nsc__mem *nsc__mem_default(void);
/* Fills *m from a user allocator, any NULL field falling back to the C library. */
void nsc__mem_from(nsc__mem *m, const nsc_allocator *a);

void *nsc__malloc(const nsc__mem *m, size_t n);
void *nsc__calloc(const nsc__mem *m, size_t count, size_t size); /* overflow-checked */
void *nsc__realloc(const nsc__mem *m, void *p, size_t n);
void nsc__free(const nsc__mem *m, void *p);
char *nsc__strndup(const nsc__mem *m, const char *s, size_t n);

/* Grows *arr (of element size `size`) so that it holds at least `need` elements; doubles.
 * Returns 0 or NSC_ENOMEM (leaving *arr and *cap untouched). */
int nsc__grow(const nsc__mem *m, void **arr, size_t *cap, size_t need, size_t size);

/* A bump allocator: many small objects freed together. Blocks come from `mem`. */
typedef struct nsc__arena_block nsc__arena_block;
typedef struct nsc__arena {
    const nsc__mem *mem;
    nsc__arena_block *head;
    size_t used, cap;
    size_t total; /* bytes handed out, for statistics */
} nsc__arena;

void nsc__arena_init(nsc__arena *a, const nsc__mem *mem);
void *nsc__arena_alloc(nsc__arena *a, size_t n); /* 8-byte aligned, zeroed; NULL on ENOMEM */
char *nsc__arena_strndup(nsc__arena *a, const char *s, size_t n);
char *nsc__arena_strdup(nsc__arena *a, const char *s);
void nsc__arena_free(nsc__arena *a);

/* ---- dates and countries ----------------------------------------------------------------- */

typedef enum nsc__date_prec {
    NSC_DATE_NONE = 0,
    NSC_DATE_YEAR = 1,
    NSC_DATE_MONTH = 2,
    NSC_DATE_DAY = 3,
    NSC_DATE_RANGE = 4 /* years y..y2 (month/day unused) */
} nsc__date_prec;

typedef struct nsc__date {
    int16_t y, y2; /* y2 only for NSC_DATE_RANGE */
    int8_t m, d;
    int8_t prec; /* nsc__date_prec */
    int8_t circa;
} nsc__date;

/* Parses the date forms found on lists and in customer files: "1972-05-25", "1972-05",
 * "1972", "25 May 1972", "May 1972", "25/05/1972" (day first), "dd/mm/1972", "00/00/1972",
 * "circa 1972", "Circa 1970-1975", "1965 to 1970", "between 1965 and 1970", "1972-05-25T00:00:00".
 * Returns 0 with *out filled, or NSC_EINVAL when nothing date-like is found. */
int nsc__date_parse(nsc__date *out, const char *s, size_t len);
/* Writes "1972-05-25", "1972-05", "1972", "1965..1970", with "~" in front when circa. */
void nsc__date_format(char buf[32], const nsc__date *d);

/* Maps a country given as an ISO 3166 alpha-2 or alpha-3 code, an English name or a common
 * variant ("Russian Federation", "Iran (Islamic Republic of)", "Democratic People's Republic of
 * Korea", "nationality China", "Syrian") to its lower-case alpha-2 code in out[0..2].
 * Returns 0, or NSC_ENOTFOUND. */
int nsc__country_code(char out[3], const char *s, size_t len);

/* ---- the entity model -------------------------------------------------------------------- */

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
#define NSC_NAMEF_SURNAME_FIRST 0x1u /* written "SURNAME, Given" (OFAC individuals) */
#define NSC_NAMEF_ORIGINAL_SCRIPT 0x2u /* a non-Latin original-script name given by the list */

typedef struct nsc__name {
    struct nsc__name *next;
    const char *text;  /* as the list writes it */
    uint8_t kind;      /* nsc_name_kind */
    uint8_t flags;     /* NSC_NAMEF_* */
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
} nsc__ident;

typedef struct nsc__text {
    struct nsc__text *next;
    const char *text;
} nsc__text;

typedef struct nsc__entity {
    const char *id;
    uint8_t type;   /* nsc_entity_type */
    uint8_t gender; /* nsc__gender */
    uint32_t index; /* position in its list, assigned at creation */
    nsc__name *names, *names_tail;       /* first is the primary name */
    nsc__dob *dobs, *dobs_tail;
    nsc__country *countries, *countries_tail;
    nsc__ident *idents, *idents_tail;
    nsc__text *programs, *programs_tail;
    nsc__text *addresses, *addresses_tail;
    nsc__text *xrefs, *xrefs_tail;       /* "un:QDi.017" */
    nsc__text *links, *links_tail;       /* OFAC "Linked To:" names: other entities, not aliases */
    const char *remarks;                 /* free text, may be NULL */
} nsc__entity;

typedef struct nsc__list {
    const nsc__mem *mem;
    nsc__arena arena;         /* every string and node of the list's entities */
    char *name;               /* "ofac-sdn" */
    const char *format;       /* static: "ofac" */
    char *published;          /* YYYY-MM-DD or "" */
    nsc__entity **entities;   /* in file order */
    size_t n_entities, cap_entities;
    size_t n_names;
    /* id -> entity lookup (open addressing, rebuilt as it grows) */
    uint32_t *id_slots;
    size_t id_cap;
    /* files read, in order, and the running checksums over their bytes */
    char *files;              /* "sdn.csv, alt.csv, add.csv" */
    size_t files_len, files_cap;
    void *sha256_ctx;         /* struct sha256_ctx (nettle), opaque here */
    void *xxh_state;          /* XXH3_state_t */
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
    char *errmsg;      /* buffer of NSC__ERRMSG_CAP bytes owned by the engine */
} nsc__load;

#define NSC__ERRMSG_CAP 1024

/* Formats the engine's load error message and returns `code`. `file` is shown by its base
 * name with its directory; line <= 0 leaves the line out. Use: return nsc__load_fail(ld,
 * NSC_EFORMAT, path, line, "field %d is empty", 4); */
int nsc__load_fail(nsc__load *ld, int code, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Records a recoverable oddity; returns 0 or NSC_ENOMEM. */
int nsc__list_warn(nsc__list *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The list's XXH3 streaming state (aligned view of xxh_state). */
void *nsc__list_xxh_state(const nsc__list *l);

/* Reads a whole file into memory from ld->mem (NUL-terminated; *len excludes the NUL) and adds
 * its bytes and name to the list's checksums and file list. Fails with NSC_EIO and a message
 * naming the path and the system error (missing, a directory, unreadable), or NSC_EFORMAT for
 * an empty file when allow_empty is 0. Free the buffer with nsc__free(ld->mem, ...). */
int nsc__read_file(nsc__load *ld, const char *path, char **out, size_t *len, int allow_empty);
/* nsc__read_file (empty files refused) and a check that the bytes are UTF-8: NSC_EENCODING
 * with the line and the offending byte otherwise. */
int nsc__read_text(nsc__load *ld, const char *path, char **out, size_t *len);
/* Whether a file exists and is a regular file. */
int nsc__file_exists(const char *path);
/* Builds "dir of base_path" + "/" + name into a new string from mem; NULL on ENOMEM. */
char *nsc__sibling_path(const nsc__mem *mem, const char *base_path, const char *name);

/* Checks that s[0..len) is valid UTF-8 (no overlong forms, no surrogates, no NUL).
 * Returns 1 when valid; else 0 with *bad set to the offset of the first bad byte. */
int nsc__utf8_valid(const char *s, size_t len, size_t *bad);
/* 1-based line number of offset `off` in buf (counts '\n'). */
long nsc__line_of(const char *buf, size_t off);

/* Builder: all return NULL / NSC_ENOMEM only when memory runs out. Strings are copied (len may
 * be (size_t)-1 for NUL-terminated); leading and trailing white space is trimmed and empty
 * values are ignored (return 0 without adding). */
nsc__entity *nsc__list_add_entity(nsc__list *l, const char *id, size_t idlen, nsc_entity_type type);
nsc__entity *nsc__list_find(const nsc__list *l, const char *id, size_t idlen);
int nsc__entity_add_name(nsc__list *l, nsc__entity *e, const char *s, size_t len,
                         nsc_name_kind kind, unsigned flags);
int nsc__entity_add_dob(nsc__list *l, nsc__entity *e, const nsc__date *d);
/* Adds a country by code or name (mapped with nsc__country_code; unmapped text is kept). */
int nsc__entity_add_country(nsc__list *l, nsc__entity *e, const char *s, size_t len,
                            nsc__country_role role);
int nsc__entity_add_ident(nsc__list *l, nsc__entity *e, nsc__id_type type, const char *value,
                          size_t len, const char *country, const char *label);
int nsc__entity_add_program(nsc__list *l, nsc__entity *e, const char *s, size_t len);
int nsc__entity_add_address(nsc__list *l, nsc__entity *e, const char *s, size_t len);
int nsc__entity_add_xref(nsc__list *l, nsc__entity *e, const char *s, size_t len);
int nsc__entity_add_link(nsc__list *l, nsc__entity *e, const char *s, size_t len);
int nsc__entity_set_remarks(nsc__list *l, nsc__entity *e, const char *s, size_t len);
int nsc__list_set_published(nsc__list *l, const char *yyyy_mm_dd);

/* ---- parsers ----------------------------------------------------------------------------- */

typedef int (*nsc__parse_fn)(nsc__load *ld);

typedef struct nsc__format {
    const char *name;          /* "ofac" */
    const char *default_list;  /* "ofac-sdn"; NULL = derived by the parser */
    nsc__parse_fn parse;
} nsc__format;

/* The registry of formats (engine/list/registry.c). */
const nsc__format *nsc__format_find(const char *name);
const char *nsc__format_detect(const char *path);

int nsc__parse_ofac(nsc__load *ld);   /* engine/list/ofac.c */
/* Default list name of an OFAC legacy CSV file: "ofac-cons" when the base name starts with
 * "cons_", else "ofac-sdn" (engine/list/ofac.c). */
const char *nsc__ofac_default_list_name(const char *path);
int nsc__parse_un(nsc__load *ld);     /* engine/list/un.c */
int nsc__parse_uk(nsc__load *ld);     /* engine/list/uk.c */
int nsc__parse_eu(nsc__load *ld);     /* engine/list/eu.c */
int nsc__parse_ftm(nsc__load *ld);    /* engine/list/ftm.c */
int nsc__parse_oscsv(nsc__load *ld);  /* engine/list/oscsv.c */
int nsc__parse_csv(nsc__load *ld);    /* engine/list/generic_csv.c */

/* ---- in-memory CSV records (engine/list/csvbuf.c), shared by the CSV-based parsers ------- */

typedef struct nsc__csvbuf {
    const char *p, *end; /* the unread rest of the buffer */
    const char *buf;
    char delim;
    long line;           /* line where the current record starts */
    long next_line;
    /* the current record: fields are NUL-terminated copies in `scratch` */
    char *scratch;
    size_t scratch_cap;
    size_t *offs;        /* field i starts at scratch + offs[i] */
    size_t *lens;
    size_t nfields, cap_fields;
    const nsc__mem *mem;
    char err[160];       /* set on NSC_EFORMAT */
    int lenient_quotes;  /* accept a stray quote inside an unquoted field (OFAC data has some) */
} nsc__csvbuf;

void nsc__csvbuf_init(nsc__csvbuf *c, const nsc__mem *mem, const char *buf, size_t len, char delim);
/* 1 = a record, 0 = end, NSC_EFORMAT (c->err says why; c->line where), NSC_ENOMEM. A trailing
 * 0x1A (DOS end-of-file) byte and a UTF-8 BOM are ignored; blank lines are skipped. */
int nsc__csvbuf_next(nsc__csvbuf *c);
static inline const char *nsc__csvbuf_field(const nsc__csvbuf *c, size_t i, size_t *len)
{
    if (i >= c->nfields) {
        if (len) *len = 0;
        return NULL;
    }
    if (len) *len = c->lens[i];
    return c->scratch + c->offs[i];
}
void nsc__csvbuf_free(nsc__csvbuf *c);
/* Field `i` of the current record with surrounding blanks (and a stray CR or LF) trimmed, not
 * NUL-terminated: *len bytes. "" (length 0) when i is negative or past the record's end. */
const char *nsc__csvbuf_cell(const nsc__csvbuf *c, long i, size_t *len);
/* The load error for a failed nsc__csvbuf_next (rc): the reader's message and line. */
int nsc__csvbuf_fail(nsc__load *ld, const nsc__csvbuf *c, int rc);
/* Index of the header column named `name` (case-insensitive, surrounding blanks ignored) in
 * the current record, or -1. */
long nsc__csvbuf_column(const nsc__csvbuf *c, const char *name);

/* The lists of an engine, for code outside engine.c (diff): list i in load order, or NULL. */
const nsc__list *nsc__engine_list_at(const nsc_engine *e, size_t i);
const nsc__mem *nsc__engine_mem(const nsc_engine *e);

#endif /* NSC_MODEL_H */
