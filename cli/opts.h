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
    CLI_REPORT = 1u << 6,
    CLI_TOP = 1u << 15,
    CLI_ALL = CLI_QUERY | CLI_SCREEN | CLI_COMPARE | CLI_LISTS | CLI_DIFF | CLI_UPDATE |
              CLI_REPORT | CLI_TOP
};

/* The options, numbered from 0 (cli_opts.seen is indexed by them). Rows of the table that share
 * an id are the same option described differently for different commands. */
typedef enum cli_opt_id {
    OPT_HELP = 0,
    OPT_VERSION,
    OPT_MAN,
    OPT_LIST,
    OPT_THRESHOLD,
    OPT_LIMIT,
    OPT_TYPE,
    OPT_FORMAT,
    OPT_EXHAUSTIVE,
    OPT_COLUMN,
    OPT_DOB_COLUMN,
    OPT_COUNTRY_COLUMN,
    OPT_THREADS,
    OPT_OUTPUT,
    OPT_CHANGED_SINCE,
    OPT_PAIRS,
    OPT_LISTS_DIR,
    OPT_FROM_FILE,
    OPT_TIMEOUT,
    OPT_RETRIES,
    OPT_PROXY,
    OPT_CACERT,
    OPT_MAX_BYTES,
    OPT_MAX_DROP,
    OPT_KEEP,
    OPT_WAIT,
    OPT_MAX_AGE,
    OPT_REQUIRE_FRESH,
    OPT_CHECK,
    OPT_COMPILE,
    OPT_GIVEN_COLUMN,
    OPT_FAMILY_COLUMN,
    OPT_ID_COLUMN,
    OPT_TYPE_COLUMN,
    OPT_DELIMITER,
    OPT_NO_HEADER,
    OPT_INPUT_ENCODING,
    OPT_DATE_FORMAT,
    OPT_SKIP_BAD_ROWS,
    OPT_REJECT_FILE,
    /* screen's nightly run */
    OPT_SUMMARY,
    OPT_RUN_ID,
    OPT_ALLOWLIST,
    OPT_AS_OF,
    OPT_ALL,
    OPT_VALIDATE_FIRST,
    OPT_COUNT /* the number of options */
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
    unsigned char seen[OPT_COUNT]; /* 1 for each option given, by cli_opt_id */
    const char **lists;
    size_t n_lists;
    double threshold; /* NSC_DEFAULT_THRESHOLD unless --threshold */
    long limit;       /* -1: the engine's default */
    nsc_entity_type type;
    cli_format format;
    int exhaustive;
    const char *column, *dob_column, *country_column;
    /* screen's input (input.h) */
    const char *given_column, *family_column, *id_column, *type_column;
    int delimiter; /* 0: detected from the header line */
    int no_header, skip_bad_rows;
    const char *input_encoding; /* NULL: UTF-8 */
    int date_format;            /* a cli_date_format (dates.h) */
    const char *reject_file;    /* NULL: the default next to --output, or rejects.csv */
    long threads;               /* 0: online CPUs */
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
    int compile;             /* lists --compile */
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
