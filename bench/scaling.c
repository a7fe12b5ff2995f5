/* scaling.c: calibration, timed repetitions and the ratios derived from them. */
#include "scaling.h"

#include <stdio.h>
#include <string.h>

/* Runs count once; returns seconds and stores expected - returned in *lost. */
static double time_once(count_function count, int threads, long total, long *lost)
{
    long per_thread = total / threads;
    double start = now_seconds();
    long got = count(threads, per_thread);
    double seconds = now_seconds() - start;
    *lost = per_thread * threads - got;
    return seconds;
}

/* Fastest of `runs` single-thread runs: noise only ever adds time. */
static double fastest_of(int runs, count_function count, long total)
{
    long lost;
    double best = time_once(count, 1, total, &lost);
    for (int i = 1; i < runs; i++) {
        double t = time_once(count, 1, total, &lost);
        if (t < best)
            best = t;
    }
    return best;
}

/* Upper bound on one run's increments: the cases' own command line accepts
 * at most 1e9 iterations, and a folded loop would otherwise grow forever. */
static const long MAX_TOTAL = 1000000000L;
static const long MIN_TOTAL = 1L << 16;

static long round_to_8(long n)
{
    n -= n % 8; /* divisible by 1, 2, 4 and 8 threads alike */
    return n < 8 ? 8 : n;
}

static struct calibration calibrate(const struct variant *v, const struct scaling_options *o)
{
    struct calibration c = {0};

    /* The folding check first: a loop that really runs takes ~16x longer
     * for 16x the work; a loop the compiler replaced by one add takes the
     * same time (a thread start and join).  The work grows until the larger
     * run takes 10 ms, far above a thread start and a scheduler hiccup, or
     * reaches MAX_TOTAL; it does not depend on the run's own total, so it
     * holds for --smoke's tiny counts too.  The verdict needs 2x where a
     * real loop gives ~16x and a folded one ~1x, and takes the fastest of
     * several runs: on a loaded machine a preempted small run must not pass
     * for a folded loop. */
    long small = 1L << 12;
    c.full_seconds = fastest_of(3, v->count, 16 * small);
    while (c.full_seconds < 10e-3 && 16 * small < MAX_TOTAL) {
        small = (16 * small > MAX_TOTAL / 4) ? MAX_TOTAL / 16 : small * 4;
        c.full_seconds = fastest_of(3, v->count, 16 * small);
    }
    c.check_total = 16 * small;
    c.small_seconds = fastest_of(7, v->count, small);
    /* Or: the larger run did more than 100 increments per nanosecond on one
     * thread, which no loop that really updates memory does (a real one
     * here takes ~0.3 ns per increment).  Thread start-up noise alone has
     * made a folded loop's two times differ by more than 2x (measured). */
    c.folded = c.full_seconds < 2.0 * c.small_seconds ||
               c.full_seconds / (double)c.check_total < 0.01e-9;

    long total = o->fixed_total;
    if (total <= 0 && c.folded) {
        total = MAX_TOTAL; /* its time does not depend on the work anyway */
    } else if (total <= 0) {
        /* Scale the check's larger run, the fastest of 3 and at least 10 ms
         * long, to the target: a preempted run would shrink the total. */
        double scaled = (double)c.check_total * o->target_seconds / c.full_seconds;
        total = scaled > (double)MAX_TOTAL ? MAX_TOTAL : (long)scaled;
        if (total < MIN_TOTAL)
            total = MIN_TOTAL;
    }
    c.total = round_to_8(total);
    return c;
}

static int min_int(int a, int b)
{
    return a < b ? a : b;
}

void run_scaling(const struct scaling_options *o, struct scaling_run *run)
{
    double started = now_seconds();
    memset(run, 0, sizeof *run);

    for (size_t v = 0; v < bench_variant_count; v++) {
        const struct variant *variant = &bench_variants[v];
        fprintf(stderr, "calibrating %-14s", variant->name);
        run->calibrations[v] = calibrate(variant, o);
        fprintf(stderr, " %11ld increments per run%s\n", run->calibrations[v].total,
                run->calibrations[v].folded ? " (loop folded by the compiler)" : "");
        for (size_t k = 0; k < bench_thread_count_count; k++) {
            int threads = bench_thread_counts[k];
            if (variant->single_thread && threads != 1)
                continue;
            struct scaling_point *p = &run->points[run->point_count++];
            p->variant = variant;
            p->calibration = &run->calibrations[v];
            p->threads = threads;
            p->total = (run->calibrations[v].total / threads) * threads;
            p->reps = o->reps;
        }
    }

    /* Each repetition visits the points in a new order, so a burst of load
     * from elsewhere (seconds long on a shared machine) does not always hit
     * the same neighbouring points, say all thread counts of one variant. */
    size_t order[64];
    for (size_t i = 0; i < run->point_count; i++)
        order[i] = i;
    unsigned long state = 0x2545F491UL; /* fixed seed: runs are comparable */
    for (int rep = 0; rep < o->reps; rep++) {
        fprintf(stderr, "\rrepetition %d of %d", rep + 1, o->reps);
        for (size_t i = run->point_count; i > 1; i--) { /* Fisher-Yates */
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            size_t j = (size_t)((state >> 33) % i);
            size_t swap = order[i - 1];
            order[i - 1] = order[j];
            order[j] = swap;
        }
        for (size_t i = 0; i < run->point_count; i++) {
            struct scaling_point *p = &run->points[order[i]];
            p->seconds[rep] = time_once(p->variant->count, p->threads, p->total, &p->lost[rep]);
            if (p->variant->exact && p->lost[rep] != 0)
                p->wrong_total = true;
        }
    }
    fprintf(stderr, "\n");

    for (size_t i = 0; i < run->point_count; i++) {
        struct scaling_point *p = &run->points[i];
        p->time = summarize(p->seconds, (size_t)p->reps);
        p->ns_per_increment = p->time.median * 1e9 / (double)p->total;
        p->increments_per_second = (double)p->total / p->time.median;
    }

    const struct scaling_point *plain = find_point(run, "plain", 1);
    for (size_t i = 0; i < run->point_count; i++) {
        struct scaling_point *p = &run->points[i];
        const struct scaling_point *one = find_point(run, p->variant->name, 1);
        p->vs_plain = p->ns_per_increment / plain->ns_per_increment;
        p->ideal_per_second = one->increments_per_second * min_int(p->threads, o->cores);
        p->of_ideal = p->increments_per_second / p->ideal_per_second;
    }
    run->seconds_taken = now_seconds() - started;
}

const struct scaling_point *find_point(const struct scaling_run *run, const char *name, int threads)
{
    for (size_t i = 0; i < run->point_count; i++)
        if (run->points[i].threads == threads && strcmp(run->points[i].variant->name, name) == 0)
            return &run->points[i];
    return NULL;
}
