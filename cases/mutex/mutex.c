/* mutex: the unsafe counter, with each increment inside a critical section.
 *
 * Only the thread holding counter_lock may read or write counter, so every
 * read-add-write completes before another thread's starts: no update is
 * lost and no detector reports anything.  The price: the threads now take
 * turns, so the counting itself runs one thread at a time. */
#include <pthread.h>

#include "counter_cli.h"

static long counter;                                       /* shared ... */
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER; /* ... and guarded by this */

static void *add_under_lock(void *arg)
{
    const long *iterations = arg;
    for (long i = 0; i < *iterations; i++) {
        pthread_mutex_lock(&counter_lock);
        counter += 1;
        pthread_mutex_unlock(&counter_lock);
    }
    return NULL;
}

long count_mutex(int threads, long iterations)
{
    counter = 0;
    run_threads(threads, add_under_lock, &iterations, 0);
    return counter;
}

#ifndef RACELAB_NO_MAIN /* the benchmark links count_mutex without this main */
int main(int argc, char **argv)
{
    return counter_main(argc, argv, "mutex", count_mutex, TOTAL_MUST_BE_EXACT);
}
#endif

/* Ground truth and what the lab runs (README, "Cases").  Declared here, at
 * the end, because the reader's golden outputs quote this file's lines.
 * racelab: truth=norace
 * racelab: norace-line=19
 * racelab: cli=counter
 * racelab: args.tsan=2 1000000
 * racelab: args.helgrind=2 50000
 * racelab: args.drd=2 50000
 */
