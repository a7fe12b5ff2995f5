/* hidden_slow_start: a race hidden by a thread's slow start.
 *
 * main starts a worker, then sets the limit the worker is to use, then
 * counts the start in statistics kept under a mutex.  The worker first
 * builds its seed (slow), then counts itself in the same statistics, then
 * reads the limit.  The limit is written after pthread_create, so nothing
 * the program means orders main's write and the worker's read: they race.
 * The worker's slow start hides it: in the usual schedule main has taken
 * and released the statistics lock long before the worker, still busy,
 * takes it, and that unlock->lock edge, made for the statistics, orders
 * the write before the read.  Valgrind runs one thread at a time, but
 * switches after a time slice, long before the seed is built, and main
 * then runs until it blocks in pthread_join.  Only when main is delayed
 * between pthread_create and its lock does the worker take the lock
 * first, and then every detector sees the race.  The fix, in
 * hidden_slow_start_fixed: set the limit before pthread_create.
 *
 * racelab: truth=race
 * racelab: perturb=on
 */
#include <pthread.h>
#include <stdio.h>

static int limit;
static long starts; /* statistics, under stats_lock */
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    unsigned long seed = 1;
    for (long i = 0; i < 3000000; i++) /* the slow start */
        seed = seed * 6364136223846793005u + 1442695040888963407u;
    pthread_mutex_lock(&stats_lock);
    starts++;
    pthread_mutex_unlock(&stats_lock);
    int seen = limit; // RACE!
    return (void *)(seed % (unsigned long)(seen + 1));
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    limit = 10; // RACE! written after the worker has started
    pthread_mutex_lock(&stats_lock);
    starts++;
    pthread_mutex_unlock(&stats_lock);
    void *pick;
    pthread_join(t, &pick);
    printf("hidden_slow_start: %ld starts, pick %lu\n", starts, (unsigned long)pick);
    return 0;
}
