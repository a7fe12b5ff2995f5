/* hidden_unrelated_lock: a lock taken for something else hides a race.
 *
 * The worker stores its answer, then counts a log line under log_lock.
 * main does its own share of the work, counts a log line under the same
 * lock, then reads the answer without joining: nothing the program means
 * orders the store and the read, and they race.  The log lock hides it:
 * a new thread runs at once (under Valgrind, which runs one thread at a
 * time, it runs before its creator goes on; under TSan pthread_create
 * waits until it has started), so in the usual schedule the worker has
 * logged before main, busy with its share, takes the lock.  That
 * unlock->lock edge, made for the log, orders the store before the read,
 * and no happens-before detector sees a race.  Only when the worker is
 * delayed until main has logged does the race show.  The fix, in
 * hidden_unrelated_lock_fixed: store and read the answer under the lock.
 *
 * racelab: truth=race
 * racelab: perturb=on
 */
#include <pthread.h>
#include <stdio.h>

static int answer;
static long log_lines; /* under log_lock */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    answer = 42; // RACE!
    pthread_mutex_lock(&log_lock);
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
    pthread_mutex_unlock(&log_lock);
    int seen = answer; // RACE! read without the join that would order it
    pthread_join(t, NULL);
    printf("hidden_unrelated_lock: answer %d, sum %lu, %ld log lines\n", seen, sum, log_lines);
    return 0;
}
