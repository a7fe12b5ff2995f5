/* variants.h: every counter the benchmark times, behind the one signature
 * the cases share (count_function from counter_cli.h).
 *
 * Three come from the cases themselves (cases/NAME/NAME.c compiled with
 * -DRACELAB_NO_MAIN), so what is timed is exactly what the lab teaches.
 * The others are written here, in variants.c. */
#ifndef RACELAB_BENCH_VARIANTS_H
#define RACELAB_BENCH_VARIANTS_H

#include <stdbool.h>
#include <stddef.h>

#include "counter_cli.h"

/* From the cases: they have no header, only this signature. */
long count_unsafe(int threads, long iterations);
long count_unsafe_O0(int threads, long iterations); /* cases/unsafe built at -O0 */
long count_mutex(int threads, long iterations);
long count_isolated(int threads, long iterations);

/* Written for the benchmark (variants.c). */
long count_plain(int threads, long iterations);
long count_atomic(int threads, long iterations);
long count_false_sharing(int threads, long iterations);
long count_padded(int threads, long iterations);

struct variant {
    const char *name;     /* as in the table, the CSV and the plot */
    count_function count;
    bool exact;           /* false only for unsafe: a wrong total is its lesson */
    bool single_thread;   /* plain: the 1-thread baseline every ratio divides by */
    const char *what;     /* one line for the legend under the table */
};

extern const struct variant bench_variants[];
extern const size_t bench_variant_count;

/* Thread counts every variant but plain runs at.  More threads than cores
 * is deliberate: the lesson includes what oversubscription costs. */
extern const int bench_thread_counts[];
extern const size_t bench_thread_count_count;

#endif
