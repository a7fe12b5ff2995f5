/* write_under_read_lock: a reader-writer lock taken for reading, then written under.
 *
 * pthread_rwlock_rdlock lets any number of readers in at once; that is its
 * point.  A thread that writes while holding it only for reading shares the
 * section with every other "reader": two threads increment counter at the
 * same time.  Writers must take pthread_rwlock_wrlock.
 *
 * racelab: truth=race
 * racelab: cli=counter
 * racelab: args.tsan=2 1000
 * racelab: args.helgrind=2 50000
 * racelab: args.drd=2 50000
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

#include "counter_cli.h"

static long counter;
static pthread_rwlock_t counter_lock = PTHREAD_RWLOCK_INITIALIZER;

static void *add_under_read_lock(void *arg)
{
    const long *iterations = arg;
    for (long i = 0; i < *iterations; i++) {
        pthread_rwlock_rdlock(&counter_lock); /* shared: other readers may be inside too */
        counter += 1; // RACE! a write needs the lock in write mode
        pthread_rwlock_unlock(&counter_lock);
    }
    return NULL;
}

static long count_write_under_read_lock(int threads, long iterations)
{
    counter = 0;
    run_threads(threads, add_under_read_lock, &iterations, 0);
    return counter;
}

int main(int argc, char **argv)
{
    return counter_main(argc, argv, "write_under_read_lock", count_write_under_read_lock,
                        TOTAL_MAY_BE_WRONG);
}
