/* hidden_stats_queue_fixed: hidden_stats_queue with its race removed.
 *
 * The same queue, but the consumer adds each item to the statistics in the
 * critical section in which it takes it: main reads them in its own
 * critical section after the queue is drained, so the last addition is
 * ordered before the read in every schedule.  Clean under every detector,
 * however the threads are delayed.
 *
 * racelab: truth=norace
 * racelab: perturb=on
 */
#include <pthread.h>
#include <stdio.h>

#define CAPACITY 8
static int items[CAPACITY], head, count, done; /* under lock */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t drained = PTHREAD_COND_INITIALIZER;
static long consumed; /* statistics, under lock */

static void *consumer(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (count == 0 && !done)
            pthread_cond_wait(&not_empty, &lock);
        if (count == 0) {
            pthread_mutex_unlock(&lock);
            return NULL;
        }
        int item = items[head];
        head = (head + 1) % CAPACITY;
        consumed += item; // NORACE: under the queue's lock
        if (--count == 0)
            pthread_cond_signal(&drained); /* took the last one: tell main */
        pthread_mutex_unlock(&lock);
    }
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, consumer, NULL);
    for (int i = 1; i <= 5; i++) {
        pthread_mutex_lock(&lock);
        items[(head + count++) % CAPACITY] = i;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    while (count > 0)
        pthread_cond_wait(&drained, &lock);
    done = 1;
    pthread_cond_signal(&not_empty);
    long total = consumed; // NORACE: under the lock, after the queue drained
    pthread_mutex_unlock(&lock);
    pthread_join(t, NULL);
    printf("hidden_stats_queue_fixed: consumed %ld\n", total);
    return 0;
}
