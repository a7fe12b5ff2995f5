/* stats.h: the clock and the few statistics the benchmark reports.
 * A shared machine is noisy, so every figure is a median of repetitions,
 * shown with its spread: min, max, range and median absolute deviation. */
#ifndef RACELAB_BENCH_STATS_H
#define RACELAB_BENCH_STATS_H

#include <stddef.h>

/* Seconds on CLOCK_MONOTONIC: never steps back when the wall clock is set. */
double now_seconds(void);

struct summary {
    double median;
    double min;
    double max;
    double range_pct; /* (max - min) / median * 100, 0 when median is 0 */
    double mad_pct;   /* median absolute deviation / median * 100: the spread
                         one preempted run cannot inflate, unlike the range */
};

/* Summary of values[0 .. count), count >= 1; values is left unchanged. */
struct summary summarize(const double *values, size_t count);

#endif
