/* split_critical_section: race-free is not correct.
 *
 * Every access to counter is inside a critical section of the same mutex,
 * so there is no data race and no detector reports one.  But the increment
 * is split in two: read the counter under the lock, let go, take the lock
 * again and write back what was read plus one.  Between the two sections
 * another thread can add its own increments, which the write then erases:
 * updates are lost, as in cases/unsafe.  This is an atomicity violation, not
 * a data race, and no data-race detector can see it.  The fix is one
 * critical section around the whole read-add-write (cases/mutex).  The
 * sched_yield between the sections stands for any other work done there; it
 * makes the loss show in every run, under Valgrind too, which runs one
 * thread at a time (measured under all four detectors).  Each thread first
 * waits, under the lock, until every thread has started: on a quiet machine
 * TSan's first thread could otherwise finish its 1,000 rounds before the
 * second one was created, and nothing would be lost.
 *
 * The lab shows it mechanically: run with COUNTER_EXACT_TOTAL=1, the
 * program exits 1 when its total is wrong, and the test
 * lost-updates.split_critical_section.DETECTOR passes only when the
 * detector reported nothing and the program exited 1, in the same run.
 *
 * racelab: truth=norace
 * racelab: bug=lost-updates
 * racelab: cli=counter
 * racelab: args.tsan=2 1000
 * racelab: args.helgrind=2 1000
 * racelab: args.drd=2 1000
 */
#include <pthread.h>
#include <sched.h>

#include "counter_cli.h"

static long counter;
static int threads_started, threads_total;
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;

/* Returns once every thread of the run has called it. */
static void wait_for_all_threads(void)
{
    pthread_mutex_lock(&counter_lock);
    threads_started++;
    pthread_mutex_unlock(&counter_lock);
    for (;;) {
        pthread_mutex_lock(&counter_lock);
        int started = threads_started;
        pthread_mutex_unlock(&counter_lock);
        if (started >= threads_total)
            return;
        sched_yield();
    }
}

static void *add_in_two_steps(void *arg)
{
    const long *iterations = arg;
    wait_for_all_threads();
    for (long i = 0; i < *iterations; i++) {
        pthread_mutex_lock(&counter_lock);
        long seen = counter; // NORACE: read under the lock
        pthread_mutex_unlock(&counter_lock);
        sched_yield(); /* the gap between the sections: other work, other threads */
        pthread_mutex_lock(&counter_lock);
        counter = seen + 1; // NORACE: written under the lock, from a value that may be stale
        pthread_mutex_unlock(&counter_lock);
    }
    return NULL;
}

static long count_split_critical_section(int threads, long iterations)
{
    counter = 0;
    threads_started = 0;
    threads_total = threads;
    run_threads(threads, add_in_two_steps, &iterations, 0);
    return counter;
}

int main(int argc, char **argv)
{
    return counter_main(argc, argv, "split_critical_section", count_split_critical_section,
                        TOTAL_MAY_BE_WRONG);
}
