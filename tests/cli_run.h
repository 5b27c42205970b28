/* SPDX-License-Identifier: Apache-2.0 */
/*
 * cli_run.h: running the built namescreen tool from a CMocka test as a user would, and checking
 * what it said: the run (arguments, extra environment, standard input) with its exit status and
 * captured standard output and error, and the checks that print both when they fail. Included
 * by the CLI tests (test_cli.c, test_input.c, test_nightly.c); include <cmocka.h> before it.
 */
#ifndef NSC_TESTS_CLI_RUN_H
#define NSC_TESTS_CLI_RUN_H

#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

typedef struct run_result {
    int status; /* exit status, or -1 when killed by a signal */
    char *out;
    char *err;
} run_result;

/* The whole content of fd, from its start, NUL-terminated; fd is closed. */
static inline char *slurp_fd(int fd)
{
    struct stat st;
    assert_int_equal(fstat(fd, &st), 0);
    char *buf = malloc((size_t)st.st_size + 1);
    assert_non_null(buf);
    size_t got = 0;
    lseek(fd, 0, SEEK_SET);
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        assert_true(n > 0);
        got += (size_t)n;
    }
    buf[got] = '\0';
    close(fd);
    return buf;
}

/* The whole file at path, NUL-terminated; NULL when it cannot be opened. */
static inline char *slurp(const char *path)
{
    int fd = open(path, O_RDONLY);
    return fd < 0 ? NULL : slurp_fd(fd);
}

/* An unlinked temporary file, open for reading and writing. */
static inline int temp_fd(void)
{
    char path[] = "/tmp/nsc_test_run_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    return fd;
}

/* The environment the tool runs in: the test's, without NAMESCREEN_LISTS and with an
 * XDG_DATA_HOME that does not exist (so that no updated lists directory of the user's is read),
 * plus the lines of extra_env (may be NULL: "NAME=value" lines separated by newlines, which may
 * set either). The lines are kept in extra (cap bytes), which must outlive the result; free the
 * array with free(). */
static inline char **test_env(const char *extra_env, char *extra, size_t cap)
{
    size_t ne = 0;
    while (environ[ne]) ne++;
    char **envp = calloc(ne + 8, sizeof *envp);
    assert_non_null(envp);
    size_t k = 0;
    for (size_t i = 0; i < ne; i++)
        if (strncmp(environ[i], "NAMESCREEN_LISTS=", 17) != 0 &&
            strncmp(environ[i], "XDG_DATA_HOME=", 14) != 0)
            envp[k++] = environ[i];
    snprintf(extra, cap, "%s", extra_env ? extra_env : "");
    if (!strstr(extra, "XDG_DATA_HOME=")) envp[k++] = (char *)"XDG_DATA_HOME=/nonexistent/nsc-test";
    for (char *line = strtok(extra, "\n"); line && k < ne + 7; line = strtok(NULL, "\n"))
        envp[k++] = line;
    envp[k] = NULL;
    return envp;
}

/* Runs prog with args (NULL-terminated, without argv[0]) in test_env(extra_env); standard
 * input reads stdin_path (NULL: /dev/null). */
static inline void run_prog(run_result *r, const char *prog, const char *extra_env,
                            const char *stdin_path, const char *const *args)
{
    const char *argv[64];
    size_t n = 0;
    argv[n++] = prog;
    for (; *args && n < 63; args++) argv[n++] = *args;
    argv[n] = NULL;
    char extra[2048];
    char **envp = test_env(extra_env, extra, sizeof extra);

    int fo = temp_fd(), fe = temp_fd();
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, stdin_path ? stdin_path : "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, fo, 1);
    posix_spawn_file_actions_adddup2(&fa, fe, 2);
    pid_t pid;
    int rc = posix_spawn(&pid, prog, &fa, NULL, (char *const *)(uintptr_t)argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    free(envp);
    assert_int_equal(rc, 0);
    int ws;
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    r->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
    r->out = slurp_fd(fo);
    r->err = slurp_fd(fe);
}

static inline void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

/* Prints what the tool said when a check is about to fail. */
static inline void show(const run_result *r)
{
    print_message("exit %d\n--- stdout ---\n%.4000s\n--- stderr ---\n%.4000s\n", r->status, r->out,
                  r->err);
}

static inline void expect_status(const run_result *r, int status)
{
    if (r->status != status) show(r);
    assert_int_equal(r->status, status);
}

static inline void expect_contains(const run_result *r, const char *hay, const char *needle)
{
    if (strstr(hay, needle) == NULL) {
        print_message("expected to find: %s\n", needle);
        show(r);
    }
    assert_non_null(strstr(hay, needle));
}

#endif /* NSC_TESTS_CLI_RUN_H */
