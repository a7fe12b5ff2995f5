/* isolated: no shared counter at all.
 *
 * Each thread counts in a local variable that no other thread can see, then
 * writes its result once, into its own slot of `results`.  No two threads
 * touch the same memory, so nothing needs a lock; main reads the slots only
 * after pthread_join, which orders every thread's write before the read. */
#include "counter_cli.h"

struct thread_slot {
    long iterations; /* input, written by main before the thread starts */
    long count;      /* output, written only by the thread that owns the slot */
};

static struct thread_slot results[COUNTER_MAX_THREADS];

static void *count_in_local(void *arg)
{
    struct thread_slot *my_slot = arg;
    long local = 0; /* private to this thread */
    for (long i = 0; i < my_slot->iterations; i++) {
        local += 1;
    }
    my_slot->count = local; /* the one write, to memory no other thread uses */
    return NULL;
}

long count_isolated(int threads, long iterations)
{
    for (int t = 0; t < threads; t++)
        results[t] = (struct thread_slot){.iterations = iterations, .count = 0};
    run_threads(threads, count_in_local, results, sizeof results[0]);
    long total = 0;
    for (int t = 0; t < threads; t++)
        total += results[t].count; /* safe: every thread has been joined */
    return total;
}

#ifndef RACELAB_NO_MAIN /* the benchmark links count_isolated without this main */
int main(int argc, char **argv)
{
    return counter_main(argc, argv, "isolated", count_isolated, TOTAL_MUST_BE_EXACT);
}
#endif

/* Ground truth and what the lab runs (README, "Cases").  Declared here, at
 * the end, because the reader's golden outputs quote this file's lines.
 * racelab: truth=norace
 * racelab: norace-line=23
 * racelab: cli=counter
 * racelab: args.tsan=2 1000000
 * racelab: args.helgrind=2 50000
 * racelab: args.drd=2 50000
 */
