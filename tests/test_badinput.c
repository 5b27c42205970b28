/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_badinput.c: the bad-input matrix, through the API and through the CLI (NSC_CLI): empty
 * files, a header only, a 10 MB field, a 100,000-character name, NUL bytes, invalid, overlong
 * and surrogate UTF-8, unpaired quotes, mixed line endings, truncated XML, a binary file, a
 * directory, a missing and an unreadable path. Each gives its error (exit status 2 and a
 * message naming the file) or its documented result; never a crash or a hang. The inputs are
 * generated in a temporary directory at test time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "namescreen.h"
#include "namescreen/csv.h"

#define MINI_LIST "csv:" NSC_TEST_DATA "/cli/mini_list.csv"
#define BIG_FIELD (10u * 1024u * 1024u)
#define LONG_NAME 100000u
#define CLI_TIMEOUT 600 /* seconds; generous for valgrind and sanitizers */

static char tmpdir[64];

static void path_of(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", tmpdir, name);
}

static void write_file(const char *name, const void *data, size_t len)
{
    char p[256];
    path_of(p, sizeof p, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    if (len > 0) assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

#define WRITE_LIT(name, lit) write_file((name), (lit), sizeof(lit) - 1)

/* "id,name\n1,<prefix><n times c>\n" (quoted when quote), generated at test time. */
static void write_long(const char *name, size_t n, char c, int quote)
{
    char *buf = malloc(n + 32);
    assert_non_null(buf);
    size_t len = (size_t)sprintf(buf, "id,name\n1,%s", quote ? "\"" : "");
    memset(buf + len, c, n);
    len += n;
    len += (size_t)sprintf(buf + len, "%s\n", quote ? "\"" : "");
    write_file(name, buf, len);
    free(buf);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/nsc_badinput_XXXXXX");
    if (mkdtemp(tmpdir) == NULL) return -1;
    WRITE_LIT("empty.csv", "");
    WRITE_LIT("header.csv", "id,name\n");
    write_long("bigfield.csv", BIG_FIELD, 'A', 1);
    write_long("longname.csv", LONG_NAME, 'B', 0);
    WRITE_LIT("nul.csv", "id,name\n1,Ali\0ce\n");
    WRITE_LIT("badutf8.csv", "id,name\n1,Jos\xe9\n");
    WRITE_LIT("overlong.csv", "id,name\n1,A\xc0\xaf"
                              "B\n");
    WRITE_LIT("surrogate.csv", "id,name\n1,A\xed\xa0\x80"
                               "B\n");
    WRITE_LIT("quote.csv", "id,name\n1,\"Ali\n2,Bob\n");
    WRITE_LIT("midquote.csv", "id,name\n1,Al\"i\n");
    WRITE_LIT("crlf_lf.csv", "id,name\r\n1,Gaobin Ni\n2,Bob Smith\r\n3,Ivan Testov\n");
    WRITE_LIT("lone_cr.csv", "id,name\n1,Gaobin Ni\r2,Bob Smith\n");
    WRITE_LIT("trunc.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CONSOLIDATED_LIST>"
                           "<INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>AB");
    unsigned char bin[4096];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof bin; i++) { /* xorshift: the same bytes every run */
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        bin[i] = (unsigned char)x;
    }
    bin[0] = 0x7f; /* an ELF-like start */
    write_file("binary.bin", bin, sizeof bin);
    char p[256];
    path_of(p, sizeof p, "dir.csv");
    if (mkdir(p, 0755) != 0) return -1;
    WRITE_LIT("noread.csv", "id,name\n1,Ali\n");
    path_of(p, sizeof p, "noread.csv");
    return chmod(p, 0);
}

static int teardown(void **state)
{
    (void)state;
    static const char *const files[] = {
        "empty.csv", "header.csv",   "bigfield.csv", "longname.csv",
        "nul.csv",   "badutf8.csv",  "overlong.csv", "surrogate.csv",
        "quote.csv", "midquote.csv", "crlf_lf.csv",  "lone_cr.csv",
        "trunc.xml", "binary.bin",   "noread.csv",   NULL
    };
    char p[256];
    for (size_t i = 0; files[i]; i++) {
        path_of(p, sizeof p, files[i]);
        unlink(p);
    }
    path_of(p, sizeof p, "dir.csv");
    rmdir(p);
    rmdir(tmpdir);
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * Running the CLI
 * ------------------------------------------------------------------------------------------- */

typedef struct run_result {
    int status; /* exit status; -1 killed by a signal (a crash, or the timeout: a hang) */
    char *out, *err;
} run_result;

static char *slurp(int fd)
{
    struct stat st;
    assert_int_equal(fstat(fd, &st), 0);
    char *buf = malloc((size_t)st.st_size + 1);
    assert_non_null(buf);
    assert_int_equal(pread(fd, buf, (size_t)st.st_size, 0), st.st_size);
    buf[st.st_size] = '\0';
    close(fd);
    return buf;
}

static int temp_fd(void)
{
    char p[] = "/tmp/nsc_badinput_out_XXXXXX";
    int fd = mkstemp(p);
    assert_true(fd >= 0);
    unlink(p);
    return fd;
}

/* Runs NSC_CLI with args; an argument starting with '@' names a file of the temp dir. */
static void run_cli(run_result *r, const char *const *args)
{
    char *argv[16];
    size_t n = 0;
    argv[n++] = strdup(NSC_CLI);
    for (; *args && n < 15; args++) {
        char buf[512];
        const char *a = *args, *at = strchr(a, '@');
        if (at != NULL)
            snprintf(buf, sizeof buf, "%.*s%s/%s", (int)(at - a), a, tmpdir, at + 1);
        else
            snprintf(buf, sizeof buf, "%s", a);
        argv[n++] = strdup(buf);
    }
    argv[n] = NULL;
    int fo = temp_fd(), fe = temp_fd();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(CLI_TIMEOUT); /* survives exec: a hang ends in SIGALRM */
        int dn = open("/dev/null", O_RDONLY);
        dup2(dn, 0);
        dup2(fo, 1);
        dup2(fe, 2);
        unsetenv("NAMESCREEN_LISTS");
        execv(NSC_CLI, argv);
        _exit(127);
    }
    int ws;
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
    r->out = slurp(fo);
    r->err = slurp(fe);
    for (size_t i = 0; i < n; i++) free(argv[i]);
}

/* One CLI case: arguments, expected exit status, text expected on stderr (NULL: nothing
 * required) and on stdout. */
static const struct cli_case {
    const char *what;
    const char *args[8];
    int status;
    const char *err;
    const char *out;
} cli_cases[] = {
    /* screen: the input file is read and checked whole before anything is screened */
    { "screen empty file",
      { "screen", "--list", MINI_LIST, "@empty.csv" },
      2,
      "empty file; expected a header line",
      "" },
    { "screen header only",
      { "screen", "--list", MINI_LIST, "@header.csv" },
      0,
      NULL,
      "id,row,query,score," },
    { "screen 10 MB field",
      { "screen", "--list", MINI_LIST, "@bigfield.csv" },
      2,
      "line 2 (data row 1): row longer than 1048576 bytes",
      "" },
    { "screen 100k name",
      { "screen", "--list", MINI_LIST, "@longname.csv" },
      2,
      "the name is 100000 bytes long",
      "" },
    { "screen NUL byte", { "screen", "--list", MINI_LIST, "@nul.csv" }, 2, "NUL byte", "" },
    { "screen invalid UTF-8",
      { "screen", "--list", MINI_LIST, "@badutf8.csv" },
      2,
      "line 2 (data row 1): invalid UTF-8 at byte offset 13",
      "" },
    { "screen overlong UTF-8",
      { "screen", "--list", MINI_LIST, "@overlong.csv" },
      2,
      "invalid UTF-8",
      "" },
    { "screen surrogate",
      { "screen", "--list", MINI_LIST, "@surrogate.csv" },
      2,
      "invalid UTF-8",
      "" },
    { "screen unpaired quote",
      { "screen", "--list", MINI_LIST, "@quote.csv" },
      2,
      "unterminated quoted field",
      "" },
    { "screen quote in field",
      { "screen", "--list", MINI_LIST, "@midquote.csv" },
      2,
      "quote inside an unquoted field",
      "" },
    { "screen CRLF and LF mixed",
      { "screen", "--list", MINI_LIST, "@crlf_lf.csv" },
      -2,
      NULL,
      "id,row,query,score," },
    { "screen lone CR", { "screen", "--list", MINI_LIST, "@lone_cr.csv" }, -3, NULL, NULL },
    { "screen truncated XML", { "screen", "--list", MINI_LIST, "@trunc.xml" }, 2, "trunc.xml", "" },
    { "screen binary file", { "screen", "--list", MINI_LIST, "@binary.bin" }, 2, "binary.bin", "" },
    { "screen directory", { "screen", "--list", MINI_LIST, "@dir.csv" }, 2, "dir.csv", "" },
    { "screen missing file",
      { "screen", "--list", MINI_LIST, "@missing.csv" },
      2,
      "No such file",
      "" },
    /* lists: a list file that cannot be loaded stops the tool */
    { "list empty", { "query", "--list", "csv:@empty.csv", "Ali" }, 2, "file is empty", "" },
    { "list empty ofac", { "query", "--list", "ofac:@empty.csv", "Ali" }, 2, "empty", "" },
    { "list empty un", { "query", "--list", "un:@empty.csv", "Ali" }, 2, "empty", "" },
    { "list header only", { "query", "--list", "csv:@header.csv", "Ali" }, 2, "header.csv", "" },
    { "list NUL byte", { "query", "--list", "csv:@nul.csv", "Ali" }, 2, "nul.csv:2", "" },
    { "list invalid UTF-8",
      { "query", "--list", "csv:@badutf8.csv", "Ali" },
      2,
      "badutf8.csv:2: invalid UTF-8",
      "" },
    { "list overlong UTF-8",
      { "query", "--list", "csv:@overlong.csv", "Ali" },
      2,
      "overlong.csv:2",
      "" },
    { "list surrogate",
      { "query", "--list", "csv:@surrogate.csv", "Ali" },
      2,
      "surrogate.csv:2",
      "" },
    { "list unpaired quote",
      { "query", "--list", "csv:@quote.csv", "Ali" },
      2,
      "unterminated quoted field",
      "" },
    { "list truncated XML (un)",
      { "query", "--list", "un:@trunc.xml", "Ali" },
      2,
      "trunc.xml",
      "" },
    { "list truncated XML (detect)",
      { "query", "--list", "@trunc.xml", "Ali" },
      2,
      "trunc.xml",
      "" },
    { "list truncated XML (eu)",
      { "query", "--list", "eu:@trunc.xml", "Ali" },
      2,
      "trunc.xml",
      "" },
    { "list binary (detect)",
      { "query", "--list", "@binary.bin", "Ali" },
      2,
      "cannot tell the list format",
      "" },
    { "list binary (ofac)", { "query", "--list", "ofac:@binary.bin", "Ali" }, 2, "binary.bin", "" },
    { "list binary (ftm)", { "query", "--list", "ftm:@binary.bin", "Ali" }, 2, "binary.bin", "" },
    { "list binary (uk)", { "query", "--list", "uk:@binary.bin", "Ali" }, 2, "binary.bin", "" },
    { "list directory", { "query", "--list", "@dir.csv", "Ali" }, 2, "directory", "" },
    { "list missing", { "query", "--list", "csv:@missing.csv", "Ali" }, 2, "No such file", "" },
    { "list 10 MB name", { "query", "--list", "csv:@bigfield.csv", "Ali" }, -1, NULL, NULL },
    { "list 100k name", { "query", "--list", "csv:@longname.csv", "Ali" }, -1, NULL, NULL },
    /* names given on the command line */
    { "compare invalid UTF-8", { "compare", "Jos\xe9", "Jose" }, 2, "invalid UTF-8", "" },
    { "compare surrogate", { "compare", "A\xed\xa0\x80", "A" }, 2, "invalid UTF-8", "" },
    { "query invalid UTF-8", { "query", "--list", MINI_LIST, "A\xc0\xaf" }, 2, "UTF-8", "" },
    { "compare --pairs binary", { "compare", "--pairs", "@binary.bin" }, 2, "binary.bin", "" },
    { "compare --pairs missing", { "compare", "--pairs", "@missing.csv" }, 2, "missing.csv", "" },
};

static void check_cli_case(const struct cli_case *c)
{
    run_result r;
    run_cli(&r, c->args);
    int ok = r.status >= 0;
    if (c->status >= 0)
        ok = ok && r.status == c->status;
    else if (c->status == -2) /* screened: 0 or 1 */
        ok = ok && (r.status == 0 || r.status == 1);
    else if (c->status == -3) /* screened, or refused with a message */
        ok = ok && r.status <= 2 && (r.status != 2 || r.err[0] != '\0');
    else /* -1: anything but a crash; a refusal says why */
        ok = ok && r.status <= 2 && (r.status != 2 || r.err[0] != '\0');
    if (c->status == 2) ok = ok && strncmp(r.err, "namescreen: ", 12) == 0;
    if (c->err) ok = ok && strstr(r.err, c->err) != NULL;
    if (c->out)
        ok = ok &&
             (c->out[0] == '\0' ? r.out[0] == '\0' : strncmp(r.out, c->out, strlen(c->out)) == 0);
    if (!ok)
        print_error("%s: exit %d (want %d)\n--- stdout ---\n%.2000s\n--- stderr ---\n%.2000s\n",
                    c->what, r.status, c->status, r.out, r.err);
    free(r.out);
    free(r.err);
    assert_true(ok);
}

static void test_cli_matrix(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cli_cases / sizeof cli_cases[0]; i++)
        check_cli_case(&cli_cases[i]);
}

static void test_cli_unreadable(void **state)
{
    (void)state;
    if (geteuid() == 0) skip(); /* root reads a mode-000 file */
    static const struct cli_case cases[] = {
        { "screen unreadable",
          { "screen", "--list", MINI_LIST, "@noread.csv" },
          2,
          "Permission denied",
          "" },
        { "list unreadable", { "query", "--list", "csv:@noread.csv", "Ali" }, 2, "noread.csv", "" },
    };
    for (size_t i = 0; i < 2; i++) check_cli_case(&cases[i]);
}

/* ---------------------------------------------------------------------------------------------
 * The API
 * ------------------------------------------------------------------------------------------- */

static const char *const all_files[] = {
    "empty.csv",    "header.csv",    "bigfield.csv", "longname.csv", "nul.csv",     "badutf8.csv",
    "overlong.csv", "surrogate.csv", "quote.csv",    "midquote.csv", "crlf_lf.csv", "lone_cr.csv",
    "trunc.xml",    "binary.bin",    "dir.csv",      "missing.csv",  NULL
};
static const char *const all_formats[] = { "ofac", "ofac-advanced", "ofac-enhanced", "un",  "uk",
                                           "eu",   "ftm",           "os-csv",        "csv", NULL };

static int known_load_error(int rc)
{
    return rc == NSC_EIO || rc == NSC_EFORMAT || rc == NSC_EENCODING || rc == NSC_EUNKNOWNFMT ||
           rc == NSC_ETOOLONG;
}

/* Every file with every format (and detection): loaded, or refused with a known code, a
 * message naming the file, and the engine unchanged. */
static void test_api_load_matrix(void **state)
{
    (void)state;
    for (size_t f = 0; all_files[f]; f++) {
        char p[256];
        path_of(p, sizeof p, all_files[f]);
        for (size_t k = 0; k < sizeof all_formats / sizeof all_formats[0]; k++) {
            nsc_engine *e;
            assert_int_equal(nsc_engine_new(&e, NULL), 0);
            nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
            lo.format = all_formats[k];
            int rc = nsc_engine_load(e, p, &lo);
            const char *msg = nsc_engine_errmsg(e);
            int ok = rc == 0 ? nsc_engine_list_count(e) == 1
                             : known_load_error(rc) && strstr(msg, all_files[f]) != NULL &&
                                   nsc_engine_list_count(e) == 0;
            if (!ok)
                print_error("%s as %s: %s: '%s'\n", all_files[f],
                            all_formats[k] ? all_formats[k] : "(detect)", nsc_errname(rc), msg);
            assert_true(ok);
            assert_int_equal(nsc_engine_freeze(e), 0);
            nsc_engine_free(e);
        }
    }
}

/* The errors the API documents for specific inputs. */
static const struct load_case {
    const char *file, *format;
    int rc;
} load_cases[] = {
    { "missing.csv", "csv", NSC_EIO },
    { "dir.csv", NULL, NSC_EIO },
    { "dir.csv", "csv", NSC_EIO },
    { "empty.csv", "csv", NSC_EFORMAT },
    { "header.csv", "csv", NSC_EFORMAT },
    { "nul.csv", "csv", NSC_EENCODING },
    { "badutf8.csv", "csv", NSC_EENCODING },
    { "overlong.csv", "csv", NSC_EENCODING },
    { "surrogate.csv", "csv", NSC_EENCODING },
    { "quote.csv", "csv", NSC_EFORMAT },
    { "trunc.xml", "un", NSC_EFORMAT },
    { "trunc.xml", "ofac-advanced", NSC_EFORMAT },
    { "trunc.xml", "ofac-enhanced", NSC_EFORMAT },
    { "trunc.xml", NULL, NSC_EFORMAT },
    { "binary.bin", NULL, NSC_EUNKNOWNFMT },
    { "crlf_lf.csv", "csv", 0 },
};

static void test_api_load_codes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof load_cases / sizeof load_cases[0]; i++) {
        const struct load_case *c = &load_cases[i];
        char p[256];
        path_of(p, sizeof p, c->file);
        nsc_engine *e;
        assert_int_equal(nsc_engine_new(&e, NULL), 0);
        nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
        lo.format = c->format;
        int rc = nsc_engine_load(e, p, &lo);
        if (rc != c->rc)
            print_error("%s as %s: %s (want %s): %s\n", c->file, c->format ? c->format : "(detect)",
                        nsc_errname(rc), nsc_errname(c->rc), nsc_engine_errmsg(e));
        assert_int_equal(rc, c->rc);
        nsc_engine_free(e);
    }
    if (geteuid() != 0) {
        char p[256];
        path_of(p, sizeof p, "noread.csv");
        nsc_engine *e;
        assert_int_equal(nsc_engine_new(&e, NULL), 0);
        assert_int_equal(nsc_engine_load(e, p, NULL), NSC_EIO);
        nsc_engine_free(e);
    }
}

/* The public CSV reader over every file: records until the end, or an error with a message. */
static void test_api_csv_reader(void **state)
{
    (void)state;
    for (size_t f = 0; all_files[f]; f++) {
        char p[256];
        path_of(p, sizeof p, all_files[f]);
        nsc_csv *csv = NULL;
        int rc = nsc_csv_open(&csv, p, ',');
        if (rc != 0) {
            assert_true(rc == NSC_EIO);
            assert_null(csv);
            continue;
        }
        size_t records = 0;
        while ((rc = nsc_csv_next(csv)) == 1) records++;
        if (rc < 0) {
            assert_true(rc == NSC_EFORMAT || rc == NSC_EENCODING || rc == NSC_ETOOLONG);
            assert_true(strncmp(nsc_csv_error(csv), "line ", 5) == 0);
        }
        if (strcmp(all_files[f], "crlf_lf.csv") == 0) {
            assert_int_equal(rc, 0);
            assert_int_equal(records, 4);
        }
        if (strcmp(all_files[f], "bigfield.csv") == 0 && rc == 0) {
            assert_int_equal(records, 2); /* the 10 MB field is read whole */
        }
        nsc_csv_close(csv);
    }
}

/* Bad names given to screen, compare and normalize. */
static void test_api_bad_names(void **state)
{
    (void)state;
    nsc_engine *e;
    assert_int_equal(nsc_engine_new(&e, NULL), 0);
    nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
    lo.format = "csv";
    assert_int_equal(nsc_engine_load(e, NSC_TEST_DATA "/cli/mini_list.csv", &lo), 0);
    assert_int_equal(nsc_engine_freeze(e), 0);
    char *huge = malloc(LONG_NAME + 1);
    assert_non_null(huge);
    memset(huge, 'a', LONG_NAME);
    huge[LONG_NAME] = '\0';
    static const struct {
        const char *name;
        int rc;
    } names[] = {
        { NULL, NSC_ETOOLONG }, /* replaced by the 100,000-character name */
        { "Jos\xe9", NSC_EENCODING },
        { "A\xc0\xaf", NSC_EENCODING },
        { "A\xed\xa0\x80"
          "B",
          NSC_EENCODING },
        { "\xf4\x90\x80\x80", NSC_EENCODING },
        { "\xe4\xb8", NSC_EENCODING },
        { "", NSC_EINVAL },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *name = names[i].name ? names[i].name : huge;
        nsc_query q = NSC_QUERY_INIT;
        q.name = name;
        nsc_hits *h = (nsc_hits *)(uintptr_t)1;
        int rc = nsc_screen(&h, e, &q, NULL);
        if (names[i].rc == NSC_EINVAL) {
            /* an empty name: refused, or screened without a hit */
            assert_true(rc == NSC_EINVAL || (rc == 0 && nsc_hits_count(h) == 0));
            nsc_hits_free(rc == 0 ? h : NULL);
            continue;
        }
        if (rc != names[i].rc)
            print_error("name %zu: %s, want %s\n", i, nsc_errname(rc), nsc_errname(names[i].rc));
        assert_int_equal(rc, names[i].rc);
        assert_null(h);
        h = (nsc_hits *)(uintptr_t)1;
        assert_int_equal(nsc_compare(&h, e, &q, "Bob"), names[i].rc);
        assert_null(h);
        q.name = "Bob";
        assert_int_equal(nsc_compare(&h, e, &q, name), names[i].rc);
        char buf[64];
        assert_int_equal(nsc_normalize(buf, sizeof buf, e, name), names[i].rc);
    }
    /* bad evidence fields are not errors */
    nsc_query q = NSC_QUERY_INIT;
    q.name = "Gaobin Ni";
    q.dob = "\xff\xfe";
    q.country = "A\xed\xa0\x80";
    q.id_number = huge;
    nsc_hits *h = NULL;
    int rc = nsc_screen(&h, e, &q, NULL);
    assert_true(rc == 0 || rc == NSC_EENCODING || rc == NSC_ETOOLONG || rc == NSC_EINVAL);
    nsc_hits_free(h);
    free(huge);
    nsc_engine_free(e);
}

/* Regression inputs found by fuzzing live in tests/data/bad/: each is loaded with the format
 * its name starts with ("ofac-...", "un-...") and must not crash. */
static void test_fuzz_regressions(void **state)
{
    (void)state;
    static const char *const dir = NSC_TEST_DATA "/bad";
    char cmd[512];
    snprintf(cmd, sizeof cmd, "ls %s 2>/dev/null", dir);
    FILE *ls = popen(cmd, "r");
    assert_non_null(ls);
    char line[256];
    size_t n = 0;
    while (fgets(line, sizeof line, ls)) {
        line[strcspn(line, "\n")] = '\0';
        char fmt[16];
        size_t k = strcspn(line, "-_");
        if (k == 0 || k >= sizeof fmt || strcmp(line, "README.md") == 0 ||
            strncmp(line, "screen-", 7) == 0) /* screening inputs: test_regressions */
            continue;
        memcpy(fmt, line, k);
        fmt[k] = '\0';
        if (strcmp(fmt, "oscsv") == 0) strcpy(fmt, "os-csv");
        if (strcmp(fmt, "ofacadv") == 0) strcpy(fmt, "ofac-advanced");
        if (strcmp(fmt, "ofacenh") == 0) strcpy(fmt, "ofac-enhanced");
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, line);
        nsc_engine *e;
        assert_int_equal(nsc_engine_new(&e, NULL), 0);
        nsc_load_options lo = NSC_LOAD_OPTIONS_INIT;
        lo.format = fmt;
        int rc = nsc_engine_load(e, p, &lo);
        assert_true(rc == 0 || nsc_engine_errmsg(e)[0] != '\0');
        assert_int_equal(nsc_engine_freeze(e), 0);
        nsc_query q = NSC_QUERY_INIT;
        q.name = "Mohammed Ali";
        nsc_hits *h = NULL;
        rc = nsc_screen(&h, e, &q, NULL);
        assert_true(rc == 0 || rc == NSC_ENOLISTS);
        nsc_hits_free(h);
        nsc_engine_free(e);
        n++;
    }
    pclose(ls);
    print_message("%zu regression inputs\n", n);
}

int main(void)
{
    alarm(1800); /* a hang in the API fails the test instead of blocking CI */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_api_load_codes),   cmocka_unit_test(test_api_load_matrix),
        cmocka_unit_test(test_api_csv_reader),   cmocka_unit_test(test_api_bad_names),
        cmocka_unit_test(test_fuzz_regressions), cmocka_unit_test(test_cli_matrix),
        cmocka_unit_test(test_cli_unreadable),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
