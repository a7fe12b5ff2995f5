/* two_mutexes: every access is locked, by the wrong lock.
 *
 * Even-numbered threads take lock_a, odd ones lock_b, and all of them
 * update the same counter.  Each increment is inside a critical section,
 * but two different mutexes order nothing between each other: a thread
 * holding lock_a and one holding lock_b update counter at the same time.
 * A lock protects data only if every access takes the same lock.
 *
 * racelab: truth=race
 * racelab: cli=counter
 * racelab: args.tsan=2 1000
 * racelab: args.helgrind=2 50000
 * racelab: args.drd=2 50000
 */
#include <pthread.h>

#include "counter_cli.h"

static long counter;
static pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;

struct work {
    pthread_mutex_t *lock; /* the lock this thread believes guards counter */
    long iterations;
};

static void *add_under_my_lock(void *arg)
{
    const struct work *work = arg;
    for (long i = 0; i < work->iterations; i++) {
        pthread_mutex_lock(work->lock);
        counter += 1; // RACE! lock_a and lock_b do not exclude each other
        pthread_mutex_unlock(work->lock);
    }
    return NULL;
}

static long count_two_mutexes(int threads, long iterations)
{
    static struct work work[COUNTER_MAX_THREADS];
    for (int t = 0; t < threads; t++)
        work[t] = (struct work){.lock = t % 2 == 0 ? &lock_a : &lock_b, .iterations = iterations};
    counter = 0;
    run_threads(threads, add_under_my_lock, work, sizeof work[0]);
    return counter;
}

int main(int argc, char **argv)
{
    return counter_main(argc, argv, "two_mutexes", count_two_mutexes, TOTAL_MAY_BE_WRONG);
}
