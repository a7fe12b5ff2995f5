/* hidden_slow_start_fixed: hidden_slow_start with its race removed.
 *
 * The same worker and statistics, but main sets the limit before
 * pthread_create, which orders everything main did before it with
 * everything the new thread does: the read is ordered in every schedule,
 * whether or not the statistics lock happens to order it too.  Clean under
 * every detector, however the threads are delayed.
 *
 * racelab: truth=norace
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
    int seen = limit; // NORACE: pthread_create ordered the write before it
    return (void *)(seed % (unsigned long)(seen + 1));
}

int main(void)
{
    pthread_t t;
    limit = 10; // NORACE: written before the worker starts
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&stats_lock);
    starts++;
    pthread_mutex_unlock(&stats_lock);
    void *pick;
    pthread_join(t, &pick);
    printf("hidden_slow_start_fixed: %ld starts, pick %lu\n", starts, (unsigned long)pick);
    return 0;
}
