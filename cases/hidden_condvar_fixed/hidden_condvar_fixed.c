/* hidden_condvar_fixed: hidden_condvar with its race removed.
 *
 * The same handoff and log, but the worker writes its result before it
 * says done, under the mutex: main's wait returns only once done is set,
 * with the mutex retaken after the worker's unlock, so the write is
 * ordered before the read in every schedule.  Clean under every detector,
 * however the threads are delayed.
 *
 * racelab: truth=norace
 * racelab: perturb=on
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int done;        /* under lock */
static long log_lines;  /* under lock */
static int result;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    result = 42; // NORACE: written before saying done, under the lock
    done = 1;
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&lock);
    pthread_mutex_lock(&lock);
    log_lines++;
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&lock);
    while (!done)
        pthread_cond_wait(&changed, &lock);
    log_lines++;
    pthread_mutex_unlock(&lock);
    int seen = result; // NORACE: the wait for done ordered the write before it
    pthread_join(t, NULL);
    printf("hidden_condvar_fixed: result %d, %ld log lines\n", seen, log_lines);
    return 0;
}
