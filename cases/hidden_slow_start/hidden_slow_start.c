/* hidden_slow_start: a race hidden by a thread's slow start.
 *
 * main starts a loader, which sets the limit and counts its start in
 * statistics kept under a mutex, then a user, which builds its seed (slow),
 * counts its start in the same statistics and reads the limit, counting on
 * the loader, started first, to have set it.  Started first is not done
 * first: nothing the program means orders the loader's write and the
 * user's read, and they race.  The user's slow start hides it: in the
 * usual schedule the loader has set the limit and released the statistics
 * lock long before the user, created later and busy with its seed, takes
 * it, and that unlock->lock edge, made for the statistics, orders the
 * write before the read.  Valgrind runs one thread at a time, and the
 * loader, waiting longest, runs first.  Only when the loader is delayed
 * until the user has taken the lock does the race show.  The fix, in
 * hidden_slow_start_fixed: write and read the limit under the lock.
 *
 * racelab: truth=race
 * racelab: perturb=on
 */
#include <pthread.h>
#include <stdio.h>

static int limit;
static long starts; /* statistics, under stats_lock */
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void *loader(void *arg)
{
    (void)arg;
    limit = 10; // RACE!
    pthread_mutex_lock(&stats_lock);
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
    pthread_mutex_unlock(&stats_lock);
    int seen = limit; // RACE! the loader started first, but nothing says it is done
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
    printf("hidden_slow_start: %ld starts, pick %lu\n", starts, (unsigned long)pick);
    return 0;
}
