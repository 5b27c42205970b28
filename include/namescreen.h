/* SPDX-License-Identifier: Apache-2.0 */
/*
 * namescreen.h: the public API of namescreen, a sanctions-list screening engine.
 *
 * namescreen loads official sanctions lists (OFAC, UN, UK, EU, OpenSanctions, in-house CSV),
 * freezes them into an immutable index, and screens names against them from any number of
 * threads. Every hit carries a score in 0..1, the matched list name, the list version and a
 * structured explanation of how the query met the list entry.
 *
 * Simple use:
 *
 *     nsc_engine *eng;
 *     if (nsc_engine_new(&eng, NULL) != 0) abort();
 *     if (nsc_engine_load(eng, "sdn.csv", NULL) != 0)
 *         fprintf(stderr, "%s\n", nsc_engine_errmsg(eng));
 *     nsc_engine_freeze(eng);
 *
 *     nsc_query q = NSC_QUERY_INIT;
 *     q.name = "Gaobin Ni";
 *     nsc_hits *hits;
 *     if (nsc_screen(&hits, eng, &q, NULL) == 0) {
 *         for (size_t i = 0; i < nsc_hits_count(hits); i++) {
 *             const nsc_hit *h = nsc_hits_get(hits, i);
 *             printf("%.3f %s %s %s\n", nsc_hit_score(h), nsc_hit_list(h),
 *                    nsc_hit_entity_id(h), nsc_hit_matched_name(h));
 *         }
 *         nsc_hits_free(hits);
 *     }
 *     nsc_engine_free(eng);
 *
 * Conventions:
 * - Functions that can fail return int: 0 on success, a negative NSC_E* code otherwise;
 *   nsc_strerror() names the code. Out-parameters come first and are named out.
 * - Strings are UTF-8 and NUL-terminated. Strings returned by the library are owned by the
 *   object they came from and stay valid until that object is freed.
 * - Every destructor accepts NULL.
 * - Threads: an engine is mutable (loading) until nsc_engine_freeze(); afterwards it is
 *   immutable and any number of threads may call nsc_screen() and nsc_compare() on it at once
 *   (nsc_engine_prepare_threads() readies it for them ahead of their first queries). Loading
 *   after freezing fails with NSC_EFROZEN. A hit set belongs to the thread that
 *   received it until it is freed.
 *
 * Companion headers: <namescreen/version.h> (generated; included here) and <namescreen/csv.h>
 * (the RFC 4180 reader every namescreen tool parses its input with).
 */
#ifndef NAMESCREEN_H
#define NAMESCREEN_H

#include <stddef.h>
#include <stdint.h>

#include "namescreen/version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(NSC_STATIC)
#define NSC_API
#elif defined(NSC_BUILDING)
#define NSC_API __attribute__((visibility("default")))
#else
#define NSC_API
#endif

/* ---------------------------------------------------------------------------------------------
 * Versions
 * ------------------------------------------------------------------------------------------- */

/* NSC_VERSION_MAJOR, _MINOR, _PATCH, NSC_VERSION_STRING ("0.7.0") and NSC_VERSION_NUMBER
 * (MAJOR * 10000 + MINOR * 100 + PATCH) come from <namescreen/version.h>, which the build
 * generates from the project version. */

/* The scoring version changes whenever the same inputs can produce a different score: the
 * normalization tables, the token-frequency table, the scorer or the default threshold. It is
 * printed with every hit so that an auditor can reproduce a decision. */
#define NSC_SCORING_VERSION "ns-score-10"

/* The default threshold: a hit is reported when its score is at or above it. See README.md,
 * "What a score means", for how it was chosen on the labelled development sets. */
#define NSC_DEFAULT_THRESHOLD 0.80

/* The library's version string, e.g. "0.7.0"; may differ from NSC_VERSION_STRING when the
 * shared library was upgraded under an application. */
NSC_API const char *nsc_version(void);
/* The library's NSC_VERSION_NUMBER, for run-time checks (700 for 0.7.0). */
NSC_API unsigned long nsc_version_number(void);
/* The library's scoring version. */
NSC_API const char *nsc_scoring_version(void);

/* The longest name, in bytes of UTF-8, that nsc_screen(), nsc_compare() and nsc_normalize()
 * accept; longer ones fail with NSC_ETOOLONG. */
#define NSC_MAX_NAME_BYTES 4096

/* ---------------------------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------------------------- */

#define NSC_ERRNO_MAP(X)                                                                           \
    X(ENOMEM, -1, "out of memory")                                                                 \
    X(EINVAL, -2, "invalid argument")                                                              \
    X(EIO, -3, "cannot read file")                                                                 \
    X(EFORMAT, -4, "malformed list file")                                                          \
    X(EUNKNOWNFMT, -5, "unknown or undetectable list format")                                      \
    X(EFROZEN, -6, "engine is frozen; lists can no longer be loaded")                              \
    X(ENOTFROZEN, -7, "engine is not frozen; call nsc_engine_freeze() first")                      \
    X(EVERSION, -8, "unsupported struct version")                                                  \
    X(EENCODING, -9, "invalid UTF-8")                                                              \
    X(EICU, -10, "Unicode library (ICU) failure")                                                  \
    X(ENOLISTS, -11, "no list is loaded")                                                          \
    X(EDUPLICATE, -12, "a list of that name is already loaded")                                    \
    X(ETOOLONG, -13, "input too long")                                                             \
    X(ENOTFOUND, -14, "not found")                                                                 \
    X(ESTALE, -15, "index snapshot made for other lists or another version")                       \
    X(ECORRUPT, -16, "index snapshot is truncated or corrupt")

typedef enum nsc_error {
    NSC_OK = 0,
#define NSC__ERR_ENUM(name, code, msg) NSC_##name = (code),
    NSC_ERRNO_MAP(NSC__ERR_ENUM)
#undef NSC__ERR_ENUM
} nsc_error;

/* A static English message for an error code; "unknown error" for codes not in the map. */
NSC_API const char *nsc_strerror(int code);
/* The symbolic name of an error code ("NSC_EFORMAT"), or "NSC_UNKNOWN". */
NSC_API const char *nsc_errname(int code);

/* ---------------------------------------------------------------------------------------------
 * Enumerations of the entity model
 * ------------------------------------------------------------------------------------------- */

typedef enum nsc_entity_type {
    NSC_TYPE_UNKNOWN = 0,
    NSC_TYPE_PERSON = 1,
    NSC_TYPE_ORGANIZATION = 2,
    NSC_TYPE_VESSEL = 3,
    NSC_TYPE_AIRCRAFT = 4
} nsc_entity_type;

/* Bit masks of entity types for filters: NSC_TYPE_BIT(NSC_TYPE_PERSON) | ... */
#define NSC_TYPE_BIT(t) (1u << (unsigned)(t))
#define NSC_TYPES_ALL 0x1Fu

/* "person", "organization", "vessel", "aircraft", "unknown". */
NSC_API const char *nsc_entity_type_name(nsc_entity_type type);
/* Parses those names (and "individual", "entity", "company"); NSC_EINVAL when unknown. */
NSC_API int nsc_entity_type_parse(nsc_entity_type *out, const char *name);

typedef enum nsc_name_kind {
    NSC_NAME_PRIMARY = 0,
    NSC_NAME_ALIAS = 1,      /* strong a.k.a. */
    NSC_NAME_WEAK_ALIAS = 2, /* low-quality a.k.a.: matched only closely */
    NSC_NAME_FORMER = 3      /* f.k.a. */
} nsc_name_kind;

/* "primary", "alias", "weak alias", "former name". */
NSC_API const char *nsc_name_kind_name(nsc_name_kind kind);

/* How one query token met one list token, in an explanation. */
typedef enum nsc_match_kind {
    NSC_MATCH_EXACT = 0,      /* identical after normalization */
    NSC_MATCH_TRANSLITERATED, /* identical after romanization of another script or variant folding */
    NSC_MATCH_FUZZY,          /* within the edit budget; edits gives the count */
    NSC_MATCH_INITIAL,        /* an initial met a token with that first letter */
    NSC_MATCH_NICKNAME,       /* a nickname or name variant table entry */
    NSC_MATCH_JOINED,         /* tokens written apart on one side, together on the other */
    NSC_MATCH_PHONETIC,       /* consonant skeleton of an abjad (Arabic, Hebrew) romanization */
    NSC_MATCH_UNMATCHED_QUERY, /* a query token that met nothing */
    NSC_MATCH_UNMATCHED_LIST   /* a list token that met nothing */
} nsc_match_kind;

/* "exact", "transliterated", "fuzzy", "initial", "nickname", "joined", "phonetic",
 * "unmatched-query", "unmatched-list". */
NSC_API const char *nsc_match_kind_name(nsc_match_kind kind);

/* ---------------------------------------------------------------------------------------------
 * Engine
 * ------------------------------------------------------------------------------------------- */

/* An allocator hook. Every allocation made by namescreen's own code for an engine, its lists,
 * its index and its hit sets goes through it (ICU's and the XML library's allocations are
 * process-wide and outside it). Functions receive `ctx`. realloc(ctx, NULL, n) must behave as
 * malloc. NULL fields select the C library. */
typedef struct nsc_allocator {
    void *(*malloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *ptr, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} nsc_allocator;

#define NSC_ENGINE_OPTIONS_VERSION 1

typedef struct nsc_engine_options {
    unsigned version;        /* NSC_ENGINE_OPTIONS_VERSION */
    double threshold;        /* default hit threshold, 0..1 (NSC_DEFAULT_THRESHOLD) */
    size_t max_hits;         /* default maximum hits per query; 0 = no limit (default 10) */
    unsigned type_mask;      /* default entity-type filter, NSC_TYPE_BIT()s (NSC_TYPES_ALL) */
    int exhaustive;          /* nonzero: score every list name, no candidate index (reference) */
    nsc_allocator allocator; /* all-NULL = C library */
} nsc_engine_options;

#define NSC_ENGINE_OPTIONS_INIT                                                                    \
    {                                                                                              \
        NSC_ENGINE_OPTIONS_VERSION, NSC_DEFAULT_THRESHOLD, 10, NSC_TYPES_ALL, 0, { 0, 0, 0, 0 }    \
    }

/* Fills *opts with the defaults for `version`; NSC_EVERSION when the version is unknown. */
NSC_API int nsc_engine_options_init(nsc_engine_options *opts, unsigned version);

typedef struct nsc_engine nsc_engine;

/* Creates an engine. opts may be NULL for the defaults. Returns NSC_EINVAL for out-of-range
 * options, NSC_EVERSION for an unknown options version, NSC_ENOMEM, NSC_EICU. On failure *out
 * is set to NULL. */
NSC_API int nsc_engine_new(nsc_engine **out, const nsc_engine_options *opts);

/* Engines are reference-counted. nsc_engine_new() returns one reference; nsc_engine_ref()
 * takes another (and returns engine), nsc_engine_unref() drops one, and the engine is freed
 * with the last. Every hit set holds a reference to the engine it came from until
 * nsc_hits_free(), so hits, their entities and their strings stay valid however the host
 * replaces its engine. Reference counting is thread-safe; freeing is not a use, so do not
 * unref an engine another thread may still take a reference to through the same pointer: to
 * replace a serving engine use an engine slot (below). */
NSC_API nsc_engine *nsc_engine_ref(nsc_engine *engine);
NSC_API void nsc_engine_unref(nsc_engine *engine);
/* The same as nsc_engine_unref(). */
NSC_API void nsc_engine_free(nsc_engine *engine);

/* An engine slot: the engine a long-running host (a service, a worker) serves with now,
 * replaced while other threads keep screening. The pattern:
 *
 *     nsc_engine_slot *slot;                  // at start-up, with a frozen engine
 *     nsc_engine_slot_new(&slot, engine);     // the slot takes the caller's reference
 *
 *     // each request, in any thread:
 *     nsc_engine *e = nsc_engine_slot_acquire(slot);
 *     nsc_screen(&hits, e, &q, NULL);  ...  nsc_hits_free(hits);
 *     nsc_engine_unref(e);
 *
 *     // on a list update, in one thread: load and freeze a new engine, then
 *     nsc_engine_slot_swap(slot, fresh);      // takes fresh's reference; the old engine is
 *                                             // freed when its last request lets go of it
 *
 * Requests that acquired the old engine finish on it; the next ones get the new one; no
 * request ever sees a half-loaded engine. Engines put into a slot must be frozen
 * (NSC_ENOTFROZEN otherwise). All slot functions are thread-safe. */
typedef struct nsc_engine_slot nsc_engine_slot;
NSC_API int nsc_engine_slot_new(nsc_engine_slot **out, nsc_engine *engine);
/* A new reference to the current engine (release it with nsc_engine_unref()); NULL for a
 * NULL slot. */
NSC_API nsc_engine *nsc_engine_slot_acquire(nsc_engine_slot *slot);
NSC_API int nsc_engine_slot_swap(nsc_engine_slot *slot, nsc_engine *engine);
/* Drops the slot's reference to its engine and frees the slot. */
NSC_API void nsc_engine_slot_free(nsc_engine_slot *slot);

/* The detailed message of the last failed load on this engine: names the file, the line or
 * XML element, and what is wrong. Empty string when there is none. Owned by the engine; valid
 * until the next call that loads. Not for screening errors, which are codes only. */
NSC_API const char *nsc_engine_errmsg(const nsc_engine *engine);

/* ---------------------------------------------------------------------------------------------
 * Loading lists
 * ------------------------------------------------------------------------------------------- */

#define NSC_LOAD_OPTIONS_VERSION 1

typedef struct nsc_load_options {
    unsigned version;      /* NSC_LOAD_OPTIONS_VERSION */
    const char *format;    /* "ofac", "ofac-advanced", "ofac-enhanced", "un", "uk", "eu", "ftm",
                              "os-csv", "csv"; NULL = detect */
    const char *name;      /* list short name; NULL = the format's own ("ofac-sdn", "un", ...) */
    const char *published; /* publication date YYYY-MM-DD when the data has none; may be NULL */
    /* Generic CSV ("csv") column names; NULL = conventional header names (id, name, alias,
     * type, dob, country, program). alias may hold several names separated by ';'. */
    const char *csv_id;
    const char *csv_name;
    const char *csv_alias;
    const char *csv_type;
    const char *csv_dob;
    const char *csv_country;
    const char *csv_program;
} nsc_load_options;

#define NSC_LOAD_OPTIONS_INIT                                                                      \
    {                                                                                              \
        NSC_LOAD_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0                                     \
    }

/* Loads one list from `path` (for OFAC legacy CSV, the path of sdn.csv or cons_prim.csv; the
 * companion files beside it are read when present). opts may be NULL (detect the format).
 * Either the whole list is loaded or nothing is: on failure the engine is as it was before the
 * call and nsc_engine_errmsg() names the file, line and problem. Returns NSC_EIO, NSC_EFORMAT,
 * NSC_EENCODING, NSC_EUNKNOWNFMT, NSC_EDUPLICATE, NSC_EFROZEN, NSC_ENOMEM. Not thread-safe. */
NSC_API int nsc_engine_load(nsc_engine *engine, const char *path, const nsc_load_options *opts);

/* Builds the index and makes the engine immutable; screening requires it. Returns NSC_ENOMEM,
 * NSC_EICU. Idempotent. An engine with no list may be frozen (for nsc_compare()). */
NSC_API int nsc_engine_freeze(nsc_engine *engine);

/* ---- Index snapshots: a fast start for big lists ----------------------------------------------
 * Freezing prepares every list name (romanization, tokens, fuzzy keys): seconds for a list of
 * a million names. A snapshot is that index written to a file once and mapped read-only by the
 * next engine that loads the same lists, which is then ready in a fraction of the time (a
 * restart, every worker of a scale-out). The lists are still loaded (parsed) as usual; only
 * what freezing derives from them is read from the snapshot, and screening on it gives
 * byte-identical results.
 *
 *     nsc_engine_load_dir(eng, dir);
 *     int mapped;
 *     if (nsc_engine_freeze_snapshot(&mapped, eng, NULL, 0) == 0 && !mapped)
 *         nsc_engine_write_snapshot(eng, NULL);   // built this time: the next start maps it
 *
 * A snapshot is keyed to the lists loaded, in load order (name, format, XXH3-128 of their
 * files, entity and name counts, and a hash of every name with its flags and entity type, so
 * that other load options give another key), the library version (NSC_VERSION_STRING), the
 * scoring version (NSC_SCORING_VERSION), its file format and the memory layout of the index;
 * it carries an XXH3-64 checksum of its contents. A snapshot made for anything else is
 * rejected with NSC_ESTALE, a truncated or damaged one with NSC_ECORRUPT, and
 * nsc_engine_errmsg() then names the file and what differs ("stale snapshot: it was made for
 * \"list 1: ofac-sdn (ofac), xxh128 ...\", the engine has \"...\"").
 *
 * Where it goes: for an engine whose lists all come from a lists directory, path NULL selects
 * DIR/<list>/<version>/index-<key>.nsx, in the version folder fetched last among the lists
 * loaded (the one the latest update created; <key>: 32 hex digits of the key's hash), so that
 * each set of list versions has its own file and old ones go with their versions. Any other
 * engine names a path.
 *
 * Memory: a mapped snapshot's pages belong to the file mapping (read-only, shared by every
 * process that maps the same file through the page cache), outside the allocator hook; only
 * the dictionary and the list-name table (which hold pointers, fixed up at map time) and the
 * shared caches come from the hook. The file must not be modified while mapped (it is
 * replaced by rename, never rewritten in place). */

/* Writes the index of a frozen engine to `path` (NULL: the default path above) through a
 * temporary file renamed into place. Returns NSC_ENOTFROZEN, NSC_EINVAL (an engine frozen from
 * a snapshot: it has one), NSC_ENOTFOUND (path NULL and a list not from a lists directory),
 * NSC_EIO, NSC_ENOMEM; nsc_engine_errmsg() says why. Not thread-safe with respect to other
 * calls that set the message. */
NSC_API int nsc_engine_write_snapshot(nsc_engine *engine, const char *path);

/* Flags of nsc_engine_freeze_snapshot(). */
#define NSC_SNAPSHOT_REQUIRE 1u /* fail when the snapshot cannot be used, rather than build */

/* Freezes the engine from the snapshot at `path` (NULL: the default path above). When the
 * snapshot cannot be used (missing, stale, corrupt) the engine builds its index as
 * nsc_engine_freeze() does and returns 0, leaving the reason in nsc_engine_errmsg(); with
 * NSC_SNAPSHOT_REQUIRE it fails instead with NSC_EIO (cannot open or map), NSC_ESTALE,
 * NSC_ECORRUPT or NSC_ENOTFOUND (no default path), and stays unfrozen. *out (may be NULL)
 * receives 1 when the snapshot was mapped, 0 when the index was built. Also NSC_ENOMEM,
 * NSC_EICU. An engine already frozen is left as it is. Not thread-safe. */
NSC_API int nsc_engine_freeze_snapshot(int *out, nsc_engine *engine, const char *path,
                                       unsigned flags);

/* The default snapshot path of the engine's lists (see above) into out[0..cap). Returns
 * NSC_ENOLISTS, NSC_ENOTFOUND (a list not loaded from a lists directory), NSC_ETOOLONG (cap too
 * small), NSC_ENOMEM, NSC_EINVAL. */
NSC_API int nsc_engine_snapshot_path(char *out, size_t cap, const nsc_engine *engine);

/* Readies a frozen engine for `threads` threads screening at once (at most
 * NSC_MAX_PREPARED_THREADS): builds now what each thread's first queries would otherwise build,
 * and pay for (a few milliseconds a thread): its transliterators for every script and its
 * scratch sized to the index. Optional; screening builds what it lacks. What earlier calls or
 * queries built counts. Thread-safe. Returns NSC_EINVAL, NSC_ENOTFROZEN, NSC_ENOMEM, NSC_EICU. */
#define NSC_MAX_PREPARED_THREADS 1024
NSC_API int nsc_engine_prepare_threads(const nsc_engine *engine, unsigned threads);

/* Detects the format of a list file from its name and content: "ofac", "un", "uk", ...; NULL
 * when unknown or ambiguous. */
NSC_API const char *nsc_detect_format(const char *path);

/* The list formats the engine loads, by the names nsc_load_options.format takes: format `i`
 * for i < nsc_format_count(), NULL past the end. Static strings. */
NSC_API size_t nsc_format_count(void);
NSC_API const char *nsc_format_name(size_t i);

/* ---------------------------------------------------------------------------------------------
 * Lists directories
 * ------------------------------------------------------------------------------------------- */

/* A lists directory (README.md, "Lists directories", has the full layout, which `namescreen
 * update` writes) holds:
 *
 *     DIR/sources.csv             header list,format,url: where each list comes from, in load order
 *     DIR/<list>/current          one line: the name of the current version folder
 *     DIR/<list>/checked.csv      key,value: the last check of the source (checked = UTC time)
 *     DIR/<list>/<version>/       <published>_<sha12>: the list's files and their manifest.csv
 *
 * A version's manifest.csv (key,value rows, written by the tool) names the list, its format,
 * its main file, source, fetched time, published date and where that date came from, the list
 * SHA-256, the entity and name counts, and one `file` row (BASENAME SIZE SHA256) per file. The
 * bundled snapshots shipped with namescreen form such a directory (source `bundled`, snapshot
 * true), for trying the tool, not for production: their lists are months old.
 *
 * The functions of this section read files and the environment; they are not thread-safe with
 * respect to loading into the same engine, and nsc_lists_dir_default() and
 * nsc_lists_dir_updated() return a static buffer (call them from one thread). */

/* The updated lists directory, where `namescreen update` writes by default:
 * ${XDG_DATA_HOME:-$HOME/.local/share}/namescreen/lists (XDG_DATA_HOME only when absolute).
 * A static buffer overwritten by the next call; NULL when neither variable is usable. */
NSC_API const char *nsc_lists_dir_updated(void);

/* 1 when dir holds at least one list, that is a folder DIR/<list> with a `current` file; 0
 * otherwise (also for NULL, a missing or unreadable directory). */
NSC_API int nsc_lists_dir_holds_lists(const char *dir);

/* The lists directory used when the application names none, by precedence: $NAMESCREEN_LISTS
 * when set and not empty; else the updated directory (nsc_lists_dir_updated()) when it holds a
 * list (nsc_lists_dir_holds_lists()); else the bundled snapshots installed with the library
 * (<datadir>/namescreen/lists). The environment's string or a static one; never NULL.
 * Whether it exists is for nsc_engine_load_dir() to find out. */
NSC_API const char *nsc_lists_dir_default(void);

/* Loads the current version of every list of the lists directory `dir` (NULL:
 * nsc_lists_dir_default()): first the lists of sources.csv in its order, then list folders that
 * have a `current` file but no sources.csv row, in byte order of their names. A sources.csv
 * row whose list has no folder, or a folder with neither `current` nor a version folder (a
 * first download under way), is skipped: the list was never fetched. A directory without
 * sources.csv is read by its folders alone. For each list: `current` names a version folder
 * that must exist; its manifest.csv gives the format, the main file and the published date
 * (used when the file states none); every `file` row is checked (size and SHA-256) before
 * parsing, and the list SHA-256 after. All or nothing: on failure no list of the directory
 * stays loaded and nsc_engine_errmsg() names the list, the file and the problem (a checksum
 * mismatch gives both sums, a malformed manifest its line). Returns NSC_EIO (unreadable
 * directory or file, a missing `current` or version folder), NSC_EFORMAT (a malformed
 * sources.csv, current or manifest, a size or checksum that differs, the old layout with a
 * MANIFEST.csv), NSC_ENOLISTS (no list has been fetched), the codes of nsc_engine_load(),
 * NSC_EFROZEN, NSC_ENOMEM. Not thread-safe. */
NSC_API int nsc_engine_load_dir(nsc_engine *engine, const char *dir);

/* Loads one version of one list of the lists directory `dir` (NULL: nsc_lists_dir_default()),
 * checked like nsc_engine_load_dir() does. `version` is
 *     "LIST"              its current version;
 *     "LIST@previous"     the version current before it: the newest other version by fetched time;
 *     "LIST@YYYY-MM-DD"   the newest version published on or before that date;
 *     "LIST@FOLDER"       the version folder of that name (e.g. "2024-05-03_b29c8d60c3a5").
 * The list is loaded under its own name, so two versions of one list go into two engines
 * (nsc_diff_lists()). Returns NSC_EINVAL (a malformed `version`), NSC_ENOTFOUND (no such list
 * or no version matches; the message says which versions exist), and the codes of
 * nsc_engine_load_dir(). Not thread-safe. */
NSC_API int nsc_engine_load_dir_version(nsc_engine *engine, const char *dir, const char *version);

/* What nsc_lists_dir_check() reports for each list, in load order: the list name, its current
 * version folder ("" when unknown), 0 or the error code of the check, and a message (on
 * success "14965 entities, 36139 names, 3 files", otherwise the problem, naming the file).
 * The strings are valid during the call only. */
typedef void (*nsc_check_report)(void *ctx, const char *list, const char *version, int rc,
                                 const char *message);

/* Verifies every current version of the lists directory `dir` (NULL: the default) against its
 * manifest: the size and SHA-256 of each file, that it parses, the list SHA-256 and the entity
 * and name counts. Unlike loading it goes on after a failing list, calling `report` (may be
 * NULL) once per list, each in an engine of its own. Returns 0 when every list passed, else the
 * first failing list's code; a directory that cannot be read at all returns its code with one
 * report whose list is "". It touches no engine of the caller's: any thread may call it with a
 * non-NULL dir. */
NSC_API int nsc_lists_dir_check(const char *dir, nsc_check_report report, void *ctx);

/* ---------------------------------------------------------------------------------------------
 * What is loaded
 * ------------------------------------------------------------------------------------------- */

/* Version 2 added the lists-directory fields after `warnings`; a version 1 caller (whose struct
 * ends at `warnings`) still works and gets the first ten fields only. */
#define NSC_LIST_INFO_VERSION 2

typedef struct nsc_list_info {
    unsigned version;      /* set by the caller: NSC_LIST_INFO_VERSION (1 or 2) */
    const char *name;      /* "ofac-sdn" */
    const char *format;    /* "ofac" */
    const char *files;     /* the files read, separated by ", " */
    const char *published; /* YYYY-MM-DD, or "" when unknown */
    const char *sha256;    /* SHA-256 (hex) of the files read, in the order of `files` */
    const char *xxh128;    /* XXH3-128 (hex) of the same bytes: the list version in hits */
    size_t entries;        /* entities */
    size_t names;          /* names including aliases */
    size_t warnings;       /* recoverable oddities; nsc_engine_list_warning() lists them */
    /* Version 2: where a list from a lists directory came from; every string is "" (and
     * snapshot 0) for a list loaded with nsc_engine_load(). */
    const char *lists_dir;      /* the lists directory it was loaded from */
    const char *version_dir;    /* its version folder, "2024-05-03_b29c8d60c3a5" */
    const char *source;         /* the URL it was fetched from, or "bundled" */
    const char *fetched;        /* UTC time the bytes were received, YYYY-MM-DDTHH:MM:SSZ */
    const char *published_from; /* "file", "last-modified" or "none" */
    const char *checked;        /* the last check of its source (checked.csv), "" when never */
    int snapshot;               /* 1 for the bundled snapshots: for trying namescreen only */
} nsc_list_info;

/* Number of loaded lists. */
NSC_API size_t nsc_engine_list_count(const nsc_engine *engine);
/* Fills *out (whose version the caller sets) for list `index` in load order. NSC_EINVAL when
 * out of range. Strings are owned by the engine. */
NSC_API int nsc_engine_list_info(nsc_list_info *out, const nsc_engine *engine, size_t index);
/* Warning `w` of list `index` ("alt.csv: 2727 alias rows name ent_nums not in sdn.csv ..."),
 * or NULL when out of range. */
NSC_API const char *nsc_engine_list_warning(const nsc_engine *engine, size_t index, size_t w);

/* How old a list is, as nsc_list_stale() judges it. */
typedef enum nsc_list_age {
    NSC_LIST_FRESH = 0,         /* checked (or, never checked, published) recently enough */
    NSC_LIST_STALE_CHECKED = 1, /* its last check is older than max_age_checked */
    NSC_LIST_STALE_PUBLISHED =
        2,                   /* never checked, and published longer ago than max_age_published */
    NSC_LIST_AGE_UNKNOWN = 3 /* never checked and undated: its age cannot be judged */
} nsc_list_age;

/* The default maximum ages of nsc_list_stale(), in seconds: 2 days since the last check of a
 * list of a lists directory; 30 days since publication for a list never checked (a file given
 * by path, the bundled snapshots). */
#define NSC_DEFAULT_MAX_AGE_CHECKED (2L * 24 * 3600)
#define NSC_DEFAULT_MAX_AGE_PUBLISHED (30L * 24 * 3600)

/* Judges whether the list `info` describes (filled by nsc_engine_list_info(), version 1 or 2)
 * is stale at time `now` (seconds since the epoch, UTC; pass time(NULL)): by its last check
 * when it has one (version 2 only), else by its publication date (a date counts from 00:00 UTC
 * of that day). A max age < 0 selects the default above. When age_out is not NULL it
 * receives the age in seconds of the time judged (-1 when unknown). Returns an nsc_list_age,
 * or NSC_EINVAL (info NULL), NSC_EVERSION (an unknown info version), NSC_EFORMAT (a checked
 * time that is not YYYY-MM-DDTHH:MM:SSZ). Pure: thread-safe. */
NSC_API int nsc_list_stale(const nsc_list_info *info, int64_t now, long max_age_checked,
                           long max_age_published, int64_t *age_out);

/* ---------------------------------------------------------------------------------------------
 * Comparing two versions of a list
 * ------------------------------------------------------------------------------------------- */

typedef enum nsc_diff_kind {
    NSC_DIFF_ADDED = 0,
    NSC_DIFF_REMOVED = 1,
    NSC_DIFF_CHANGED = 2
} nsc_diff_kind;

typedef struct nsc_diff nsc_diff;

/* Compares list `list_name` of `old_engine` with the list of the same name in `new_engine`
 * (list_name NULL: the first list of each). Entities are matched by their list id; an entity
 * is changed when any of its names, type, dates of birth, countries, identifiers, programs,
 * addresses or remarks differ. Entries come sorted: added, removed, changed, each by id in
 * natural order (numbers by value). Both engines may be frozen or not. Returns NSC_ENOTFOUND
 * when a list of that name is missing, NSC_ENOMEM. */
NSC_API int nsc_diff_lists(nsc_diff **out, const nsc_engine *old_engine,
                           const nsc_engine *new_engine, const char *list_name);
NSC_API size_t nsc_diff_count(const nsc_diff *diff);
/* Entry `i`: its kind, entity id, primary name (of the new version, or the old one when
 * removed) and, for NSC_DIFF_CHANGED, the changed fields ("names, programs"; "" otherwise).
 * Any out-pointer may be NULL. NSC_EINVAL when out of range. */
NSC_API int nsc_diff_get(const nsc_diff *diff, size_t i, nsc_diff_kind *kind,
                         const char **entity_id, const char **primary_name, const char **fields);
NSC_API void nsc_diff_free(nsc_diff *diff);

/* ---------------------------------------------------------------------------------------------
 * Screening
 * ------------------------------------------------------------------------------------------- */

#define NSC_QUERY_VERSION 1

/* A name to screen, with optional evidence. Any field may be NULL. */
typedef struct nsc_query {
    unsigned version;      /* NSC_QUERY_VERSION */
    const char *name;      /* the full name, any script and order */
    const char *given;     /* or its parts: given name(s) ... */
    const char *family;    /* ... and family name; joined when name is NULL */
    nsc_entity_type type;  /* NSC_TYPE_UNKNOWN = any; a different type is filtered out */
    const char *dob;       /* date of birth: "1972-05-25", "1972-05", "1972", "25 May 1972" */
    const char *country;   /* nationality or country: ISO code or English name ("af", "Chile") */
    const char *id_number; /* a passport, national ID, IMO or similar number */
} nsc_query;

#define NSC_QUERY_INIT                                                                             \
    {                                                                                              \
        NSC_QUERY_VERSION, 0, 0, 0, NSC_TYPE_UNKNOWN, 0, 0, 0                                      \
    }

#define NSC_SCREEN_OPTIONS_VERSION 1

/* Per-call overrides of the engine options. */
typedef struct nsc_screen_options {
    unsigned version;   /* NSC_SCREEN_OPTIONS_VERSION */
    double threshold;   /* < 0: the engine's */
    long max_hits;      /* < 0: the engine's; 0: no limit */
    unsigned type_mask; /* 0: the engine's */
    const char *list;   /* only this list (short name); NULL: all */
    /* Only these entity ids (of `list`, or of any list when list is NULL): a sorted array of
     * ids as strings, for screening against entries changed since an older version. */
    const char *const *only_ids;
    size_t n_only_ids;
} nsc_screen_options;

#define NSC_SCREEN_OPTIONS_INIT                                                                    \
    {                                                                                              \
        NSC_SCREEN_OPTIONS_VERSION, -1.0, -1, 0, 0, 0, 0                                           \
    }

typedef struct nsc_hits nsc_hits;
typedef struct nsc_hit nsc_hit;

/* Screens one query against the frozen engine. On success *out holds the hits (possibly none),
 * best first: by score descending, then list load order, then entity id. Thread-safe on a
 * frozen engine. Returns NSC_ENOTFROZEN, NSC_EINVAL (no name), NSC_EVERSION, NSC_EENCODING
 * (name is not UTF-8), NSC_ETOOLONG (name over 4096 bytes), NSC_ENOMEM, NSC_EICU; *out is NULL
 * on failure. */
NSC_API int nsc_screen(nsc_hits **out, const nsc_engine *engine, const nsc_query *query,
                       const nsc_screen_options *opts);

/* Scores `query` against one other name, as if that name were on a list: *out holds exactly
 * one hit whose score may be below the threshold; its list is "" and its id "". The engine
 * supplies token statistics and need not hold lists, but must be frozen. Thread-safe. */
NSC_API int nsc_compare(nsc_hits **out, const nsc_engine *engine, const nsc_query *query,
                        const char *name);

/* ---------------------------------------------------------------------------------------------
 * Hits
 * ------------------------------------------------------------------------------------------- */

NSC_API size_t nsc_hits_count(const nsc_hits *hits);
/* Hit `i` (0-based), NULL when out of range. A hit set is walked with i from 0 to
 * nsc_hits_count() - 1; reading it changes nothing, so several threads may read one. */
NSC_API const nsc_hit *nsc_hits_get(const nsc_hits *hits, size_t i);
/* True when the hit limit cut the hit set short. */
NSC_API int nsc_hits_truncated(const nsc_hits *hits);
NSC_API void nsc_hits_free(nsc_hits *hits);

NSC_API double nsc_hit_score(const nsc_hit *hit);
NSC_API const char *nsc_hit_list(const nsc_hit *hit);      /* "ofac-sdn" */
NSC_API const char *nsc_hit_entity_id(const nsc_hit *hit); /* the list's own id */
NSC_API nsc_entity_type nsc_hit_entity_type(const nsc_hit *hit);
NSC_API const char *nsc_hit_matched_name(const nsc_hit *hit); /* as written on the list */
NSC_API nsc_name_kind nsc_hit_name_kind(const nsc_hit *hit);
NSC_API const char *nsc_hit_primary_name(const nsc_hit *hit);
NSC_API const char *nsc_hit_programs(const nsc_hit *hit);     /* "CYBER2; SDGT", or "" */
NSC_API const char *nsc_hit_list_version(const nsc_hit *hit); /* XXH3-128 of the list files */
NSC_API const char *nsc_hit_scoring_version(const nsc_hit *hit);
/* Cross-references the list gives for the entity ("un:QDi.017"), separated by "; ", or "". */
NSC_API const char *nsc_hit_xrefs(const nsc_hit *hit);

/* The explanation, structured: the pairings of query and list tokens. */
typedef struct nsc_token_match {
    const char *query_token; /* normalized; NULL for an unmatched list token */
    const char *list_token;  /* normalized; NULL for an unmatched query token */
    nsc_match_kind kind;
    double similarity; /* 0..1 */
    int edits;         /* edit count for NSC_MATCH_FUZZY, else 0 */
    double weight;     /* the token's share of the score */
} nsc_token_match;

typedef enum nsc_evidence_kind {
    NSC_EVIDENCE_DOB = 0,
    NSC_EVIDENCE_COUNTRY = 1,
    NSC_EVIDENCE_ID = 2,
    NSC_EVIDENCE_WEAK_ALIAS = 3,
    NSC_EVIDENCE_ORDER = 4
} nsc_evidence_kind;

/* "dob", "country", "id", "weak-alias", "order"; "unknown" for other values. */
NSC_API const char *nsc_evidence_kind_name(nsc_evidence_kind kind);

typedef struct nsc_evidence {
    nsc_evidence_kind kind;
    double delta;       /* added to the score (negative: lowered) */
    const char *detail; /* "dob 1972 agrees with 1972-05-25" */
} nsc_evidence;

NSC_API size_t nsc_hit_token_count(const nsc_hit *hit);
/* Token pairing `i`, NULL when out of range. */
NSC_API const nsc_token_match *nsc_hit_token(const nsc_hit *hit, size_t i);
NSC_API size_t nsc_hit_evidence_count(const nsc_hit *hit);
NSC_API const nsc_evidence *nsc_hit_evidence(const nsc_hit *hit, size_t i);
/* The explanation as one line of text:
 * "gaobin~gao+bin (joined) ni=ni (exact); dob agrees +0.05". */
NSC_API const char *nsc_hit_explanation(const nsc_hit *hit);

/* ---------------------------------------------------------------------------------------------
 * List entities
 * ------------------------------------------------------------------------------------------- */

/* An entry of a loaded list, read-only, owned by its engine: its names (with kinds, scripts
 * and parts), dates and places of birth, countries, identifiers and documents, programs,
 * listing date, addresses, vessel and aircraft details, cross-references and remarks. Read it
 * whole as JSON (nsc_entity_json) or its key facts with the accessors below. */
typedef struct nsc__entity nsc_entity;

/* The entity a hit is on; NULL for the hit of nsc_compare(). Valid while the hit set is. */
NSC_API const nsc_entity *nsc_hit_entity(const nsc_hit *hit);
/* Finds entity `id` (the list's own id) of the list named `list` (short name). Returns
 * NSC_EINVAL, NSC_ENOTFOUND (no such list or id). Thread-safe on a frozen engine. */
NSC_API int nsc_engine_entity(const nsc_entity **out, const nsc_engine *engine, const char *list,
                              const char *id);
NSC_API const char *nsc_entity_id(const nsc_entity *entity);
NSC_API const char *nsc_entity_list(const nsc_entity *entity);
NSC_API nsc_entity_type nsc_entity_get_type(const nsc_entity *entity);
NSC_API const char *nsc_entity_primary_name(const nsc_entity *entity);
/* The entity's content hash, 32 hex digits and a NUL: XXH3-128 over a canonical form of the
 * facts a match rests on (type, names, dates of birth, countries, identifier values,
 * programs), each field taken as a set, so that the same entry has the same hash whichever
 * file format or order its list came in, and a different one when any of those facts changes.
 * Name kinds, country roles, identifier types, addresses, remarks and labels do not count
 * (formats write them differently). It keys the decisions an analyst took on a hit (an
 * allowlist) to what the hit was on. */
NSC_API void nsc_entity_content_hash(char out[33], const nsc_entity *entity);

/* ---------------------------------------------------------------------------------------------
 * JSON: the one serialization of hits and entities
 * ------------------------------------------------------------------------------------------- */

/* Both functions write one JSON object (UTF-8, no newline) into buf with snprintf's contract:
 * at most cap bytes including a NUL, and return the length the whole object needs (excluding
 * the NUL), so a return >= cap means call again with a larger buffer; a negative NSC_E* code
 * on bad arguments. Keys come in a fixed order and are always present (null or [] when
 * empty); scores and similarities have four decimals. The same hit gives the same bytes.
 *
 * An entity:
 *   {"list","list_version","id","type","content_hash","primary_name",
 *    "names":[{"name","kind","script","original_script","parts":[{"type","value"}]}],
 *    "gender","dates_of_birth":["1972-05-25","1960..1962","~1970"],"places_of_birth":[],
 *    "countries":[{"role","code","text"}],
 *    "identifiers":[{"type","value","label","country","issued","expires","authority"}],
 *    "programs":[],"listed","addresses":[],"details":[{"key","value"}],"xrefs":[],
 *    "linked_to":[],"remarks"}
 * A hit:
 *   {"score","list","entity_id","entity_type","matched_name","name_kind","primary_name",
 *    "programs","xrefs","list_version","scoring_version","content_hash","explanation",
 *    "tokens":[{"q","l","kind","sim","weight"[,"edits"]}],
 *    "evidence":[{"kind","delta","detail"}][,"entity":{...}]}
 * with "entity" (the entity object above) when flags has NSC_JSON_ENTITY. */
#define NSC_JSON_ENTITY 0x1u
NSC_API long nsc_entity_json(char *buf, size_t cap, const nsc_entity *entity);
NSC_API long nsc_hit_json(char *buf, size_t cap, const nsc_hit *hit, unsigned flags);

/* ---------------------------------------------------------------------------------------------
 * Name normalization: what the matcher sees
 * ------------------------------------------------------------------------------------------- */

/* Writes the normalized, romanized token string of `name` ("ni gao bin" for 倪高彬) into buf
 * (NUL-terminated, truncated to cap), using the engine's transliterators (the engine need not
 * be frozen or hold lists). Returns the length it needed, or a negative code: NSC_EINVAL,
 * NSC_ETOOLONG (over NSC_MAX_NAME_BYTES), NSC_EENCODING, NSC_ENOMEM, NSC_EICU. Thread-safe on
 * a frozen engine; on an engine being loaded, not concurrently with loading. */
NSC_API long nsc_normalize(char *buf, size_t cap, const nsc_engine *engine, const char *name);

#ifdef __cplusplus
}
#endif

#endif /* NAMESCREEN_H */
