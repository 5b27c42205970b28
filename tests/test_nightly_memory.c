/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_nightly_memory.c: `namescreen screen` streams in memory that does not depend on the
 * number of rows: its peak resident set (getrusage of the child, ru_maxrss) screening 200,000
 * rows of distinct names stays within a small margin of screening 20,000 such rows.
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define LIST "csv:" NSC_TEST_DATA "/nightly/v1/watch.csv"

/* Growth allowed from 20,000 to 200,000 rows: the library's unit caches, which fill up to their
 * fixed bounds (engine/match/ucache.c: 32,768 units a thread, 65,536 shared, about 7 MB here)
 * and then stop growing, and allocator noise; the row window is the same
 * size for both. Holding the rows or the hits (the former screen: +36 MB here) fails. */
#define MARGIN_KB 12288L
#define MARGIN_SHARE 0.05

/* n rows of distinct names: a given name, a second given name and a surname (40 x 40 x 130
 * combinations), with a date of birth and an id. */
static void write_rows(const char *path, long n)
{
    static const char *const given[40] = { "Anna",  "Boris",  "Carla", "Dmitri", "Elena", "Farid",
                                           "Greta", "Hugo",   "Irina", "Jonas",  "Katya", "Lukas",
                                           "Mira",  "Nikos",  "Olga",  "Pavel",  "Quinn", "Rosa",
                                           "Sven",  "Tamara", "Umar",  "Vera",   "Wanda", "Xavier",
                                           "Yusuf", "Zofia",  "Amir",  "Bianca", "Cyril", "Daria",
                                           "Emil",  "Fatima", "Georg", "Hana",   "Ilya",  "Jana",
                                           "Karim", "Lena",   "Marek", "Nadia" };
    static const char *const sur[13] = { "Adler",   "Brandt", "Costa", "Dorn",    "Engel",
                                         "Fischer", "Graf",   "Hahn",  "Iversen", "Jung",
                                         "Keller",  "Lorenz", "Meier" };
    static const char *const suffix[10] = { "",    "son", "ski",  "ova",  "elli",
                                            "sen", "ez",  "ides", "escu", "berg" };
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("id,name,dob\n", f);
    for (long i = 0; i < n; i++)
        fprintf(f, "K%ld,%s %s %s%s,19%02ld-%02ld-%02ld\n", i, given[i % 40], given[(i / 40) % 40],
                sur[(i / 1600) % 13], suffix[(i / 20800) % 10], 40 + i % 60, 1 + i % 12,
                1 + i % 28);
    assert_int_equal(fclose(f), 0);
}

/* The peak RSS (KiB) of the tool screening `path` into `out`. */
static long peak_rss_kb(const char *path, const char *out)
{
    /* one thread: with more, the C library's per-thread arenas move the peak by a few MB from
     * run to run (bench/nightly_memory.sh measures two threads on the bundled lists) */
    const char *argv[] = { NSC_CLI,    "screen", "--list",   LIST, "--threads", "1",
                           "--format", "jsonl",  "--output", out,  path,        NULL };
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawn(&pid, NSC_CLI, &fa, NULL, (char *const *)(uintptr_t)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    assert_int_equal(rc, 0);
    int ws;
    struct rusage ru;
    assert_int_equal(wait4(pid, &ws, 0, &ru), pid);
    assert_true(WIFEXITED(ws));
    assert_true(WEXITSTATUS(ws) <= 1);
    return ru.ru_maxrss;
}

static void test_peak_rss_flat(void **state)
{
    (void)state;
    char dir[] = "/tmp/nsc_nightly_mem_XXXXXX", small[64], large[64], out[64];
    assert_non_null(mkdtemp(dir));
    snprintf(small, sizeof small, "%s/20k.csv", dir);
    snprintf(large, sizeof large, "%s/200k.csv", dir);
    write_rows(small, 20000);
    snprintf(out, sizeof out, "%s/hits.jsonl", dir);
    write_rows(large, 200000);
    long a = peak_rss_kb(small, out), b = peak_rss_kb(large, out);
    long allowed = a + MARGIN_KB + (long)(MARGIN_SHARE * (double)a);
    print_message("peak RSS: 20,000 rows %ld KiB, 200,000 rows %ld KiB (allowed %ld)\n", a, b,
                  allowed);
    assert_true(b <= allowed);
    remove(small);
    remove(large);
    remove(out);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_peak_rss_flat) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
