/* scaling.h: timing each counter variant at 1, 2, 4 and 8 threads.
 *
 * Strong scaling: a variant gets the same total number of increments at
 * every thread count, split evenly over the threads, so ideal linear
 * scaling halves the time each time the threads double, up to the number
 * of cores.  The total is calibrated per variant (its single-thread run
 * lasts about target_seconds) and then fixed for the whole run. */
#ifndef RACELAB_BENCH_SCALING_H
#define RACELAB_BENCH_SCALING_H

#include <stdbool.h>
#include <stddef.h>

#include "stats.h"
#include "variants.h"

enum { MAX_REPS = 64 };

struct scaling_options {
    int reps;              /* repetitions of every (variant, threads) point */
    double target_seconds; /* calibration goal for one single-thread run */
    long fixed_total;      /* > 0: skip calibration, use this total (smoke) */
    int cores;             /* nproc: ideal scaling stops at this many threads */
};

/* What calibration learned about one variant. */
struct calibration {
    long total;           /* increments per run, a multiple of 8 */
    long check_total;     /* work of the folding check's larger run */
    double full_seconds;  /* fastest 1-thread run of check_total increments */
    double small_seconds; /* fastest 1-thread run of check_total / 16 */
    bool folded;          /* 16x the work took < 2x the time: the compiler removed the loop */
};

/* One (variant, threads) point of the table. */
struct scaling_point {
    const struct variant *variant;
    const struct calibration *calibration;
    int threads;
    long total; /* increments attempted per run: threads * (calibrated total / threads) */
    int reps;
    double seconds[MAX_REPS];
    long lost[MAX_REPS];  /* expected - returned total, per repetition */
    struct summary time;  /* of seconds[] */
    double ns_per_increment;
    double increments_per_second;
    double vs_plain;          /* ns per increment / plain's 1-thread ns per increment */
    double ideal_per_second;  /* this variant's 1-thread rate * min(threads, cores) */
    double of_ideal;          /* increments_per_second / ideal_per_second */
    bool wrong_total;         /* an exact variant came back with a wrong total */
};

struct scaling_run {
    struct calibration calibrations[16];
    struct scaling_point points[64];
    size_t point_count;
    double seconds_taken;
};

/* Calibrates, then runs every point `reps` times, interleaved (each
 * repetition runs all points, in a shuffled order) so that a noisy moment
 * of the machine spreads over all variants instead of spoiling one.
 * Ratios are computed from medians of the same run. */
void run_scaling(const struct scaling_options *options, struct scaling_run *run);

/* The point for (name, threads), or NULL. */
const struct scaling_point *find_point(const struct scaling_run *run, const char *name, int threads);

#endif
