/* SPDX-License-Identifier: Apache-2.0 */
/*
 * opts.h: the command line. One table describes every option: its name, argument, the commands
 * that take it and its help; the parser reads options through it and the help and manual page
 * are printed from it, so what is documented is what is parsed.
 */
#ifndef NSC_CLI_OPTS_H
#define NSC_CLI_OPTS_H

#include <stddef.h>

#include "namescreen.h"
#include "output.h"

/* The commands, as bits of an option's `cmds`. CLI_TOP: the options given instead of a command
 * (namescreen --version). Future commands (update, serve) take the next bits. */
enum {
    CLI_QUERY = 1u << 0,
    CLI_SCREEN = 1u << 1,
    CLI_COMPARE = 1u << 2,
    CLI_LISTS = 1u << 3,
    CLI_DIFF = 1u << 4,
    CLI_UPDATE = 1u << 5,
    CLI_TOP = 1u << 15,
    CLI_ALL = CLI_QUERY | CLI_SCREEN | CLI_COMPARE | CLI_LISTS | CLI_DIFF | CLI_UPDATE | CLI_TOP
};

/* The options, one bit each (cli_opts.seen). Rows of the table that share an id are the same
 * option described differently for different commands. */
typedef enum cli_opt_id {
    OPT_HELP = 1u << 0,
    OPT_VERSION = 1u << 1,
    OPT_MAN = 1u << 2,
    OPT_LIST = 1u << 3,
    OPT_THRESHOLD = 1u << 4,
    OPT_LIMIT = 1u << 5,
    OPT_TYPE = 1u << 6,
    OPT_FORMAT = 1u << 7,
    OPT_EXHAUSTIVE = 1u << 8,
    OPT_COLUMN = 1u << 9,
    OPT_DOB_COLUMN = 1u << 10,
    OPT_COUNTRY_COLUMN = 1u << 11,
    OPT_THREADS = 1u << 12,
    OPT_OUTPUT = 1u << 13,
    OPT_CHANGED_SINCE = 1u << 14,
    OPT_PAIRS = 1u << 15,
    OPT_LISTS_DIR = 1u << 16,
    OPT_FROM_FILE = 1u << 17,
    OPT_TIMEOUT = 1u << 18,
    OPT_RETRIES = 1u << 19,
    OPT_PROXY = 1u << 20,
    OPT_CACERT = 1u << 21,
    OPT_MAX_BYTES = 1u << 22,
    OPT_MAX_DROP = 1u << 23,
    OPT_KEEP = 1u << 24,
    OPT_WAIT = 1u << 25,
    OPT_MAX_AGE = 1u << 26,
    OPT_REQUIRE_FRESH = 1u << 27,
    OPT_CHECK = 1u << 28,
    /* screen's nightly run (issue 13) */
    OPT_SUMMARY = 1ull << 29,
    OPT_RUN_ID = 1ull << 30,
    OPT_ALLOWLIST = 1ull << 31,
    OPT_AS_OF = 1ull << 32,
    OPT_ALL = 1ull << 33,
    OPT_VALIDATE_FIRST = 1ull << 34
} cli_opt_id;

enum {
    CLI_OPT_REPEAT = 1u << 0, /* may be given more than once */
    CLI_OPT_HIDDEN = 1u << 1  /* parsed, but in neither help nor manual */
};

typedef struct cli_opt_def {
    cli_opt_id id;
    const char *name;  /* "--list" */
    const char *alias; /* "-h", or NULL */
    const char *arg;   /* the argument's name in help ("SPEC"); NULL: takes none */
    unsigned cmds;     /* CLI_QUERY | ...: the commands that take it */
    unsigned flags;    /* CLI_OPT_REPEAT, CLI_OPT_HIDDEN */
    const char *help;
} cli_opt_def;

/* Every option, ended by a row whose name is NULL. */
extern const cli_opt_def cli_opt_table[];

typedef struct cli_opts cli_opts;

/* A command: what dispatches to it, what its help and manual page say about it. */
typedef struct cli_cmd {
    const char *name;
    unsigned bit;             /* CLI_QUERY, ... */
    const char *const *forms; /* the operand forms of its synopsis, NULL-terminated */
    const char *summary;      /* one line, for the command list */
    const char *description;  /* a paragraph, for its help and the manual */
    int hit_status;           /* 1: exits with EXIT_HIT when something hits (query, screen) */
    const char *exit_one;     /* NULL, or what status 1 means for it when it is not a hit */
    const char *exit_text;    /* NULL, or its own "Exit status: ..." sentence for its help */
    int (*run)(cli_opts *o);
} cli_cmd;

struct cli_opts {
    const cli_cmd *cmd;
    unsigned long long seen; /* cli_opt_id bits of the options given */
    const char **lists;
    size_t n_lists;
    double threshold; /* NSC_DEFAULT_THRESHOLD unless --threshold */
    long limit;       /* -1: the engine's default */
    nsc_entity_type type;
    cli_format format;
    int exhaustive;
    const char *column, *dob_column, *country_column;
    long threads; /* 0: online CPUs */
    const char *output, *changed_since, *pairs;
    /* update */
    const char *from_file, *proxy, *cacert;
    long timeout, retries, keep, wait; /* wait: seconds for the lock, 0 = none */
    long long max_bytes;
    double max_drop;         /* -1: not given (sources.csv's max_drop, else 0.10) */
    const char *lists_dir;   /* --lists DIR, or NULL */
    long max_age;            /* --max-age in seconds; -1: the defaults of nsc_list_stale() */
    const char *max_age_arg; /* --max-age as given, for messages */
    int require_fresh;       /* --require-fresh */
    int check;               /* lists --check */
    /* screen's nightly run */
    const char *summary, *run_id, *allowlist, *as_of; /* as_of: YYYY-MM-DD or NULL (today) */
    int all, validate_first;
    const char **pos;
    size_t n_pos;
    int argc; /* the whole command line, for the run summary */
    char **argv;
};

#define MAX_THREADS 256

/* The row of option `name` (or alias) that command bit `cmd` takes, or NULL. */
const cli_opt_def *cli_opt_find(const char *name, size_t len, unsigned cmd);

/* Parses argv[2..] for command `cmd`: options and operands may be mixed, "--" ends the
 * options, "-" is an operand. 0, EXIT_ERR after a message, or CLI_PARSE_HELP when --help was
 * given (nothing printed). Free o with cli_opts_free in every case. */
#define CLI_PARSE_HELP (-1)
int cli_opts_parse(cli_opts *o, const cli_cmd *cmd, int argc, char **argv);
void cli_opts_free(cli_opts *o);

/* For commands whose --format default is not text: sets it to `dflt` when --format was not
 * given, and refuses format `refused` with a usage error naming `what` (the command). */
int cli_opts_format(cli_opts *o, const char *what, cli_format dflt, cli_format refused);

#endif /* NSC_CLI_OPTS_H */
