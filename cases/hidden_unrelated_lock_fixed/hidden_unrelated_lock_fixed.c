/* hidden_unrelated_lock_fixed: hidden_unrelated_lock with its race removed.
 *
 * The same worker and log, but the answer is stored and read under the
 * log lock: whichever thread takes the lock first, the two accesses are in
 * critical sections of one mutex and never race.  main may read 0 when
 * the worker is late; that is a question of order, not a data race.
 * Clean under every detector, however the threads are delayed.
 *
 * racelab: truth=norace
 * racelab: perturb=on
 */
#include <pthread.h>
#include <stdio.h>

static int answer; /* under log_lock */
static long log_lines; /* under log_lock */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&log_lock);
    answer = 42; // NORACE: under the lock
    log_lines++;
    pthread_mutex_unlock(&log_lock);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    unsigned long sum = 1;
    for (long i = 0; i < 3000000; i++) /* main's own share of the work */
        sum = sum * 6364136223846793005u + 1442695040888963407u;
    pthread_mutex_lock(&log_lock);
    log_lines++;
    int seen = answer; // NORACE: under the lock
    pthread_mutex_unlock(&log_lock);
    pthread_join(t, NULL);
    printf("hidden_unrelated_lock_fixed: answer %d, sum %lu, %ld log lines\n", seen, sum, log_lines);
    return 0;
}
