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
 * thread at a time (measured under all four detectors).  And in its first
 * round each thread waits, after its read, until every thread has read:
 * they all hold the same stale value, so at least one update is lost in
 * every run, whatever the schedule.  Without it a quiet machine let TSan's
 * first thread finish its 1,000 rounds before the second was created, and
 * a loaded one descheduled a thread for the other's whole run: nothing was
 * lost in 1 of 2 gate runs and in 1 of 4 soak repetitions.
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
static int first_reads, threads_total;
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;

/* Returns once every thread of the run has made its first read. */
static void wait_for_every_first_read(void)
{
    pthread_mutex_lock(&counter_lock);
    first_reads++;
    pthread_mutex_unlock(&counter_lock);
    for (;;) {
        pthread_mutex_lock(&counter_lock);
        int done = first_reads;
        pthread_mutex_unlock(&counter_lock);
        if (done >= threads_total)
            return;
        sched_yield();
    }
}

static void *add_in_two_steps(void *arg)
{
    const long *iterations = arg;
    for (long i = 0; i < *iterations; i++) {
        pthread_mutex_lock(&counter_lock);
        long seen = counter; // NORACE: read under the lock
        pthread_mutex_unlock(&counter_lock);
        if (i == 0)
            wait_for_every_first_read(); /* every thread now holds the same stale value */
        else
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
    first_reads = 0;
    threads_total = threads;
    run_threads(threads, add_in_two_steps, &iterations, 0);
    return counter;
}

int main(int argc, char **argv)
{
    return counter_main(argc, argv, "split_critical_section", count_split_critical_section,
                        TOTAL_MAY_BE_WRONG);
}
