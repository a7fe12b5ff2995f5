/* hidden_sleep: a sleep, standing in for synchronisation, hides a race.
 *
 * The worker sleeps 5 ms "to let main set the limit", counts itself in
 * statistics kept under a mutex, then reads the limit; main sets the limit
 * after pthread_create and counts itself in the same statistics.  A sleep
 * orders nothing: the write and the read race.  But in the usual schedule
 * the sleep is long enough for main to write and take and release the
 * statistics lock first, and that unlock->lock edge, made for the
 * statistics, orders the write before the read.  Under Valgrind, which runs
 * one thread at a time, the sleeping worker lets main run until it blocks
 * in pthread_join, so the edge is made in every run.  Only when main is
 * delayed longer than the sleep, or the sleep is cut short, does the
 * worker take the lock first and the race show.  The fix, in
 * hidden_sleep_fixed: write and read the limit under the lock.
 *
 * racelab: truth=race
 * racelab: perturb=on
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static int limit;
static long starts; /* statistics, under stats_lock */
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    nanosleep(&(struct timespec){.tv_nsec = 5000000L}, NULL); /* "main sets it meanwhile" */
    pthread_mutex_lock(&stats_lock);
    starts++;
    pthread_mutex_unlock(&stats_lock);
    int seen = limit; // RACE! a sleep is not an ordering
    return (void *)(long)seen;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    limit = 10; // RACE!
    pthread_mutex_lock(&stats_lock);
    starts++;
    pthread_mutex_unlock(&stats_lock);
    void *seen;
    pthread_join(t, &seen);
    printf("hidden_sleep: %ld starts, the worker saw limit %ld\n", starts, (long)seen);
    return 0;
}
