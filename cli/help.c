/* SPDX-License-Identifier: Apache-2.0 */
/*
 * help.c: prints the help of the namescreen tool and of its commands (text wrapped to 79
 * columns) and its manual page (roff) from the option table and the command descriptions, so
 * that neither can drift from what the parser accepts.
 */
#include <string.h>

#include "help.h"
#include "lists.h"

#define WIDTH 79

static const char about_text[] =
    "Screens names against sanctions lists across scripts and spellings, scores each hit from 0 "
    "to 1 and explains it token by token.";

/* "SPEC is PATH or FORMAT:PATH, FORMAT one of ofac, un, ... (detected ...)", the formats from
 * the library's registry. */
static const char *spec_text(void)
{
    static char text[512];
    if (text[0] == '\0')
        snprintf(text, sizeof text,
                 "SPEC is PATH or FORMAT:PATH, FORMAT one of %s (detected from the file when left "
                 "out).",
                 cli_known_formats());
    return text;
}

static const char bundled_text[] =
    "Lists come from, by precedence: --list SPEC, --lists DIR, $NAMESCREEN_LISTS, the updated "
    "directory ${XDG_DATA_HOME:-~/.local/share}/namescreen/lists when it holds a list, else the "
    "bundled snapshots (months old, for trying namescreen). A lists directory's files are "
    "checked against their manifests. With a lists directory a version of a list may be named "
    "LIST, LIST@previous, LIST@YYYY-MM-DD or LIST@FOLDER (diff, --changed-since).";

/* Writes text word-wrapped: the first line goes on from column col (what the caller printed),
 * the next ones start with indent spaces; ends the last line. */
static void wrap(FILE *f, const char *text, size_t col, size_t indent)
{
    int fresh = 1; /* no word on this line yet */
    for (const char *p = text + strspn(text, " "); *p != '\0'; p += strspn(p, " ")) {
        size_t n = strcspn(p, " ");
        if (!fresh && col + 1 + n > WIDTH) {
            fprintf(f, "\n%*s", (int)indent, "");
            col = indent;
            fresh = 1;
        }
        if (!fresh) {
            fputc(' ', f);
            col++;
        }
        fwrite(p, 1, n, f);
        col += n;
        p += n;
        fresh = 0;
    }
    fputc('\n', f);
}

static int shown(const cli_opt_def *d, unsigned cmd)
{
    return (d->cmds & cmd) && !(d->flags & CLI_OPT_HIDDEN);
}

/* "-h, --help" or "--list SPEC": the option as its help names it. */
static size_t opt_label(char *buf, size_t cap, const cli_opt_def *d)
{
    int n = snprintf(buf, cap, "%s%s%s%s%s", d->alias ? d->alias : "", d->alias ? ", " : "",
                     d->name, d->arg ? " " : "", d->arg ? d->arg : "");
    return n < 0 ? 0 : (size_t)n;
}

/* The options command bit `cmd` takes, one per line with its wrapped help. */
static void print_options(FILE *f, unsigned cmd)
{
    char label[64];
    size_t width = 0;
    for (const cli_opt_def *d = cli_opt_table; d->name; d++) {
        size_t n = shown(d, cmd) ? opt_label(label, sizeof label, d) : 0;
        width = n > width ? n : width;
    }
    fputs("\nOptions:\n", f);
    for (const cli_opt_def *d = cli_opt_table; d->name; d++) {
        if (!shown(d, cmd)) continue;
        opt_label(label, sizeof label, d);
        fprintf(f, "  %-*s  ", (int)width, label);
        wrap(f, d->help, width + 4, width + 4);
    }
}

void cli_command_names(char *buf, size_t cap, const cli_cmd *const *cmds, int hits)
{
    size_t len = 0;
    buf[0] = '\0';
    for (; *cmds && len < cap; cmds++)
        if (hits < 0 || (*cmds)->hit_status == hits)
            len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? ", " : "", (*cmds)->name);
}

/* The exit statuses, for the help and the manual: what 0, 1 and 2 mean over all commands. */
typedef struct exit_text {
    char zero[320], one[320];
} exit_text;

static const char exit_two[] = "a usage or input error, with a message on standard error";

static void exit_texts(exit_text *e, const cli_cmd *const *cmds)
{
    char hit[128], plain[128];
    cli_command_names(hit, sizeof hit, cmds, 1);
    cli_command_names(plain, sizeof plain, cmds, 0);
    // cppcheck-suppress ctuuninitvar ; e is written here, not read
    snprintf(e->zero, sizeof e->zero, "no hit (%s) or success (%s)", hit, plain);
    int n = snprintf(e->one, sizeof e->one, "at least one hit (%s)", hit);
    for (; *cmds && n >= 0 && (size_t)n < sizeof e->one; cmds++)
        if ((*cmds)->exit_one)
            n += snprintf(e->one + n, sizeof e->one - (size_t)n, " or %s (%s)", (*cmds)->exit_one,
                          (*cmds)->name);
}

static void print_exit_status(FILE *f, const cli_cmd *const *cmds)
{
    exit_text e;
    char text[1024];
    exit_texts(&e, cmds);
    snprintf(text, sizeof text, "Exit status: 0 %s; 1 %s; 2 %s.", e.zero, e.one, exit_two);
    wrap(f, text, 0, 0);
}

/* The first option shown for CLI_TOP: the top-level usage line joins them with " | ". */
static const cli_opt_def *first_top(void)
{
    const cli_opt_def *d = cli_opt_table;
    while (d->name && !shown(d, CLI_TOP)) d++;
    return d;
}

static int option_takes(unsigned cmd, cli_opt_id id)
{
    for (const cli_opt_def *d = cli_opt_table; d->name; d++)
        if (d->id == id && (d->cmds & cmd)) return 1;
    return 0;
}

/* Whether the command names lists by SPEC, in an option or an operand. */
static int uses_spec(const cli_cmd *cmd)
{
    for (const cli_opt_def *d = cli_opt_table; d->name; d++)
        if ((d->cmds & cmd->bit) && d->arg && strstr(d->arg, "SPEC")) return 1;
    for (size_t i = 0; cmd->forms[i]; i++)
        if (strstr(cmd->forms[i], "SPEC")) return 1;
    return 0;
}

static void print_usage(FILE *f, const cli_cmd *cmd)
{
    for (size_t i = 0; cmd->forms[i]; i++)
        fprintf(f, "%s namescreen %s [OPTION]...%s%s\n", i ? "   or:" : "usage:", cmd->name,
                *cmd->forms[i] ? " " : "", cmd->forms[i]);
}

/* The SPEC and bundled-lists paragraphs, for the commands they concern (top: all). */
static void print_lists_note(FILE *f, const cli_cmd *cmd)
{
    int spec = cmd == NULL || uses_spec(cmd);
    int bundled = cmd == NULL || option_takes(cmd->bit, OPT_LIST);
    if (spec || bundled) fputc('\n', f);
    if (spec) wrap(f, spec_text(), 0, 0);
    if (bundled) wrap(f, bundled_text, 0, 0);
}

void cli_help_cmd(FILE *f, const cli_cmd *cmd)
{
    print_usage(f, cmd);
    fputc('\n', f);
    wrap(f, cmd->description, 0, 0);
    print_options(f, cmd->bit);
    print_lists_note(f, cmd);
    char text[256];
    snprintf(text, sizeof text, "Exit status: %s; 2 %s.",
             cmd->hit_status ? "0 no hit; 1 at least one hit" : "0 success", exit_two);
    fputc('\n', f);
    wrap(f, cmd->exit_text ? cmd->exit_text : text, 0, 0);
}

void cli_help_top(FILE *f, const cli_cmd *const *cmds)
{
    size_t width = 0;
    for (const cli_cmd *const *c = cmds; *c; c++)
        width = strlen((*c)->name) > width ? strlen((*c)->name) : width;
    fputs("usage: namescreen COMMAND [OPTION]... [OPERAND]...\n"
          "       namescreen COMMAND --help\n"
          "       namescreen",
          f);
    for (const cli_opt_def *d = cli_opt_table; d->name; d++)
        if (shown(d, CLI_TOP)) fprintf(f, "%s%s", d == first_top() ? " " : " | ", d->name);
    fputs("\n\n", f);
    wrap(f, about_text, 0, 0);
    fputs("\nCommands:\n", f);
    for (const cli_cmd *const *c = cmds; *c; c++) {
        fprintf(f, "  %-*s  ", (int)width, (*c)->name);
        wrap(f, (*c)->summary, width + 4, width + 4);
    }
    print_options(f, CLI_TOP);
    print_lists_note(f, NULL);
    fputc('\n', f);
    wrap(f,
         "'namescreen COMMAND --help' (or 'namescreen help COMMAND') describes a command and "
         "every option it takes.",
         0, 0);
    fputc('\n', f);
    print_exit_status(f, cmds);
}

/* ---------------------------------------------------------------------------------------------
 * The manual page
 * ------------------------------------------------------------------------------------------- */

/* s as roff text: backslashes and hyphens escaped, a leading control character defused. */
static void roff(FILE *f, const char *s)
{
    if (*s == '.' || *s == '\'') fputs("\\&", f);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", f);
        else if (*s == '-')
            fputs("\\-", f);
        else
            fputc(*s, f);
    }
}

/* text in font 'B' or 'I', then back to roman. */
static void roff_font(FILE *f, char font, const char *text)
{
    fprintf(f, "\\f%c", font);
    roff(f, text);
    fputs("\\fR", f);
}

/* A macro line: ".SH " text. */
static void roff_line(FILE *f, const char *macro, const char *text)
{
    fprintf(f, "%s ", macro);
    roff(f, text);
    fputc('\n', f);
}

static void man_paragraph(FILE *f, const char *text)
{
    fputs(".PP\n", f);
    roff(f, text);
    fputc('\n', f);
}

static void man_synopsis_line(FILE *f, const cli_cmd *cmd, const char *form)
{
    char name[64];
    snprintf(name, sizeof name, "namescreen %s", cmd->name);
    roff_font(f, 'B', name);
    fputs(" [\\fIOPTION\\fR]...", f);
    if (*form) {
        fputc(' ', f);
        roff(f, form);
    }
    fputc('\n', f);
}

static void man_synopsis(FILE *f, const cli_cmd *const *cmds)
{
    fputs(".SH SYNOPSIS\n.nf\n", f);
    for (const cli_cmd *const *c = cmds; *c; c++)
        for (size_t i = 0; (*c)->forms[i]; i++) man_synopsis_line(f, *c, (*c)->forms[i]);
    roff_font(f, 'B', "namescreen");
    for (const cli_opt_def *d = cli_opt_table; d->name; d++)
        if (shown(d, CLI_TOP)) {
            fputs(d == first_top() ? " " : " | ", f);
            roff_font(f, 'B', d->name);
        }
    fputs("\n.fi\n", f);
}

/* The options of command bit `cmd`, one .TP entry each. */
static void man_options(FILE *f, unsigned cmd)
{
    for (const cli_opt_def *d = cli_opt_table; d->name; d++) {
        if (!shown(d, cmd)) continue;
        fputs(".TP\n", f);
        if (d->alias) {
            roff_font(f, 'B', d->alias);
            fputs(", ", f);
        }
        roff_font(f, 'B', d->name);
        if (d->arg) {
            fputc(' ', f);
            roff_font(f, 'I', d->arg);
        }
        fputc('\n', f);
        roff(f, d->help);
        fputc('\n', f);
    }
}

static void man_command(FILE *f, const cli_cmd *cmd)
{
    roff_line(f, ".SS", cmd->name);
    fputs(".nf\n", f);
    for (size_t i = 0; cmd->forms[i]; i++) man_synopsis_line(f, cmd, cmd->forms[i]);
    fputs(".fi\n", f);
    man_paragraph(f, cmd->description);
    man_options(f, cmd->bit);
}

static void man_tagged(FILE *f, const char *tag, const char *text)
{
    fputs(".TP\n", f);
    roff_line(f, ".B", tag);
    roff(f, text);
    fputc('\n', f);
}

static void man_exit_status(FILE *f, const cli_cmd *const *cmds)
{
    exit_text e;
    exit_texts(&e, cmds);
    fputs(".SH EXIT STATUS\n", f);
    man_tagged(f, "0", e.zero);
    man_tagged(f, "1", e.one);
    man_tagged(f, "2", exit_two);
}

/* NSC_INSTALL_LISTS_DIR: the installed lists directory, defined by the build. */
static void man_environment_files(FILE *f)
{
    fputs(".SH ENVIRONMENT\n", f);
    man_tagged(f, "NAMESCREEN_LISTS",
               "A lists directory, loaded when neither --list nor --lists is given; for "
               "update, the lists directory to update when no --lists is given.");
    man_tagged(f, "XDG_DATA_HOME, HOME",
               "The updated lists directory is $XDG_DATA_HOME/namescreen/lists (default "
               "$HOME/.local/share/namescreen/lists): update writes there without --lists and "
               "NAMESCREEN_LISTS, and the screening commands load it when it holds a list and "
               "neither --list, --lists nor NAMESCREEN_LISTS is given.");
    man_tagged(f, "http_proxy, https_proxy, no_proxy",
               "The proxies update downloads through, unless --proxy is given.");
    man_tagged(f, "NAMESCREEN_RETRY_DELAY_MS",
               "The first wait of update between two tries of a download, in milliseconds "
               "(default 1000; doubled for each further try).");
    fputs(".SH FILES\n.TP\n", f);
    roff_line(f, ".I", NSC_INSTALL_LISTS_DIR "/sources.csv");
    roff(f, "The bundled snapshots, a lists directory: sources.csv (list, format, url) and one "
            "folder per list, <list>/current naming its version folder <published>_<sha12>/, "
            "which holds the files and their manifest.csv. A binary run from its build "
            "directory reads the source tree's lists/; any other looks in <directory of the "
            "binary>/../share/namescreen/lists first, then here.");
    fputc('\n', f);
}

void cli_man(FILE *f, const cli_cmd *const *cmds)
{
    fputs(".\\\" namescreen.1, generated by 'namescreen \\-\\-man' from its option table\n", f);
    fprintf(f, ".TH NAMESCREEN 1 \"\" \"namescreen %s\" \"User Commands\"\n", NSC_VERSION_STRING);
    fputs(".nh\n.SH NAME\nnamescreen \\- screen names against sanctions lists\n", f);
    man_synopsis(f, cmds);
    fputs(".SH DESCRIPTION\n", f);
    roff(f, about_text);
    fputc('\n', f);
    man_paragraph(f, spec_text());
    man_paragraph(f, bundled_text);
    man_paragraph(f, "Options and operands may be mixed; -- ends the options. An option's value "
                     "follows it as the next argument or after '=' (--threshold=0.9).");
    fputs(".SH COMMANDS\n", f);
    for (const cli_cmd *const *c = cmds; *c; c++) man_command(f, *c);
    fputs(".SH OPTIONS\nWithout a command:\n", f);
    man_options(f, CLI_TOP);
    man_exit_status(f, cmds);
    man_environment_files(f);
}
