/* spinlock: the mutex case with a pthread spinlock.
 *
 * pthread_spin_lock busy-waits instead of sleeping: correct, race-free, and
 * good only for very short sections on a machine with a core to spare for
 * each spinning thread.  ThreadSanitizer and DRD understand it.  Helgrind
 * intercepts the spinlock calls, but its bookkeeping goes wrong when the
 * lock is contended: it reports "Bug in libpthread: recursive write lock
 * granted on mutex/wrlock which does not support recursion", a complaint
 * about a correct program (see expected.helgrind).  Its Helgrind arguments
 * are the smallest measured at which that happens in every run.
 *
 * racelab: truth=norace
 * racelab: cli=counter
 * racelab: args.tsan=2 1000000
 * racelab: args.helgrind=2 200000
 * racelab: args.drd=2 50000
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

#include "counter_cli.h"

static long counter;
static pthread_spinlock_t counter_lock;

static void *add_under_spinlock(void *arg)
{
    const long *iterations = arg;
    for (long i = 0; i < *iterations; i++) {
        pthread_spin_lock(&counter_lock);
        counter += 1; // NORACE: inside the spinlock's critical section
        pthread_spin_unlock(&counter_lock);
    }
    return NULL;
}

static long count_spinlock(int threads, long iterations)
{
    pthread_spin_init(&counter_lock, PTHREAD_PROCESS_PRIVATE);
    counter = 0;
    run_threads(threads, add_under_spinlock, &iterations, 0);
    pthread_spin_destroy(&counter_lock);
    return counter;
}

int main(int argc, char **argv)
{
    return counter_main(argc, argv, "spinlock", count_spinlock, TOTAL_MUST_BE_EXACT);
}
