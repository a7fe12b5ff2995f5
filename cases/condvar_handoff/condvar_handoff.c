/* condvar_handoff: the flag handoff done with a mutex and a condition variable.
 *
 * The producer writes `message` and sets `ready` while holding the mutex,
 * then signals; the consumer takes the same mutex and waits on the condition
 * variable until `ready` is set.  The mutex orders the producer's writes
 * before the consumer's reads, and the wait sleeps instead of spinning.
 * Every detector understands mutexes and condition variables: all clean.
 * The `while` (not `if`) around the wait is required: a wait may wake up
 * without a signal, and the signal may come before the wait.
 *
 * racelab: truth=norace
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int message;
static int ready;

static void *producer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    message = 42; // NORACE: under the lock
    ready = 1;    // NORACE: under the lock
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *consumer(void *arg)
{
    int *seen = arg;
    pthread_mutex_lock(&lock);
    while (!ready) // NORACE: under the lock
        pthread_cond_wait(&changed, &lock);
    *seen = message; // NORACE: under the lock, after ready was seen
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    int seen = 0;
    pthread_t consumer_thread, producer_thread;
    pthread_create(&consumer_thread, NULL, consumer, &seen);
    pthread_create(&producer_thread, NULL, producer, NULL);
    pthread_join(consumer_thread, NULL);
    pthread_join(producer_thread, NULL);
    printf("condvar_handoff: consumer saw %d\n", seen);
    return seen == 42 ? 0 : 1;
}
