/* hidden_slow_start_fixed: hidden_slow_start with its race removed.
 *
 * The same loader, user and statistics, but the limit is written and read
 * under the statistics lock: whichever thread takes it first, the two
 * accesses are in critical sections of one mutex and never race.  The user
 * may see 0 when the loader is late; that is a question of order, not a
 * data race (a real program would wait for the limit with a condition
 * variable).  Clean under every detector, however the threads are delayed.
 *
 * racelab: truth=norace
 * racelab: perturb=on
 */
#include <pthread.h>
#include <stdio.h>

static int limit; /* under stats_lock */
static long starts; /* statistics, under stats_lock */
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void *loader(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&stats_lock);
    limit = 10; // NORACE: under the lock
    starts++;
    pthread_mutex_unlock(&stats_lock);
    return NULL;
}

static void *user(void *arg)
{
    (void)arg;
    unsigned long seed = 1;
    for (long i = 0; i < 3000000; i++) /* the slow start */
        seed = seed * 6364136223846793005u + 1442695040888963407u;
    pthread_mutex_lock(&stats_lock);
    starts++;
    int seen = limit; // NORACE: under the lock
    pthread_mutex_unlock(&stats_lock);
    return (void *)(seed % (unsigned long)(seen + 1));
}

int main(void)
{
    pthread_t l, u;
    pthread_create(&l, NULL, loader, NULL);
    pthread_create(&u, NULL, user, NULL);
    void *pick;
    pthread_join(u, &pick);
    pthread_join(l, NULL);
    printf("hidden_slow_start_fixed: %ld starts, pick %lu\n", starts, (unsigned long)pick);
    return 0;
}
