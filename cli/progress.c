/* SPDX-License-Identifier: Apache-2.0 */
/*
 * progress.c: the progress line of `screen`: "\r" and the figures, at most four times a
 * second, nothing at all when standard error is not a terminal. The time left is estimated
 * from the bytes read of the input's size, so it needs a regular file.
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

/* Redraws at most this often: often enough to look alive, rarely enough to cost nothing. */
#define PROGRESS_INTERVAL_S 0.25

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_init(cli_progress *p, long long total_bytes)
{
    p->on = isatty(2);
    p->total_bytes = total_bytes;
    p->start = p->last = now_s();
    p->shown = 0;
}

static void draw(cli_progress *p, double t, long rows, long hits, long long bytes)
{
    double el = t - p->start;
    double rate = el > 0 ? (double)rows / el : 0;
    char left[64] = "";
    if (p->total_bytes > 0 && bytes > 0 && bytes <= p->total_bytes && el > 0) {
        long s = (long)(el * (double)(p->total_bytes - bytes) / (double)bytes + 0.5);
        snprintf(left, sizeof left, ", %ld:%02ld:%02ld left", s / 3600, s / 60 % 60, s % 60);
    }
    fprintf(stderr, "\rnamescreen: %ld rows, %.0f rows/s, %ld hit%s%s\033[K", rows, rate, hits,
            hits == 1 ? "" : "s", left);
    fflush(stderr);
    p->shown = 1;
    p->last = t;
}

void cli_progress_update(cli_progress *p, long rows, long hits, long long bytes_read)
{
    if (!p->on) return;
    double t = now_s();
    if (t - p->last < PROGRESS_INTERVAL_S) return;
    draw(p, t, rows, hits, bytes_read);
}

void cli_progress_end(cli_progress *p, long rows, long hits, long long bytes_read)
{
    if (!p->on) return;
    draw(p, now_s(), rows, hits, bytes_read);
    fputc('\n', stderr);
}
