/* hidden_sleep_fixed: hidden_sleep with its race removed.
 *
 * The same sleep and statistics, but the limit is written and read under
 * the statistics lock: whichever thread takes it first, the two accesses
 * are in critical sections of one mutex and never race.  The worker may
 * see 0 when main is late; that is a question of order, not a data race
 * (a real program would wait for the limit with a condition variable, not
 * a sleep).  Clean under every detector, however the threads are delayed.
 *
 * racelab: truth=norace
 * racelab: perturb=on
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static int limit; /* under stats_lock */
static long starts; /* statistics, under stats_lock */
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    nanosleep(&(struct timespec){.tv_nsec = 5000000L}, NULL); /* "main sets it meanwhile" */
    pthread_mutex_lock(&stats_lock);
    starts++;
    int seen = limit; // NORACE: under the lock
    pthread_mutex_unlock(&stats_lock);
    return (void *)(long)seen;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&stats_lock);
    limit = 10; // NORACE: under the lock
    starts++;
    pthread_mutex_unlock(&stats_lock);
    void *seen;
    pthread_join(t, &seen);
    printf("hidden_sleep_fixed: %ld starts, the worker saw limit %ld\n", starts, (long)seen);
    return 0;
}
