/* stats.c: monotonic clock, median and spread. */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

enum { MAX_SUMMARIZED = 1024 };

/* Median of sorted[0 .. count); even count: the mean of the two middle values. */
static double median_of_sorted(const double *sorted, size_t count)
{
    return (count % 2 == 1) ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0;
}

struct summary summarize(const double *values, size_t count)
{
    double sorted[MAX_SUMMARIZED];
    if (count > MAX_SUMMARIZED)
        count = MAX_SUMMARIZED;
    memcpy(sorted, values, count * sizeof sorted[0]);
    qsort(sorted, count, sizeof sorted[0], compare_doubles);

    struct summary s;
    s.min = sorted[0];
    s.max = sorted[count - 1];
    s.median = median_of_sorted(sorted, count);

    double deviations[MAX_SUMMARIZED];
    for (size_t i = 0; i < count; i++)
        deviations[i] = fabs(sorted[i] - s.median);
    qsort(deviations, count, sizeof deviations[0], compare_doubles);
    double mad = median_of_sorted(deviations, count);

    s.range_pct = s.median > 0.0 ? (s.max - s.min) / s.median * 100.0 : 0.0;
    s.mad_pct = s.median > 0.0 ? mad / s.median * 100.0 : 0.0;
    return s;
}
