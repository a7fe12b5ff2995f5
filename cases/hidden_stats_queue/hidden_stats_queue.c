/* hidden_stats_queue: a statistics counter outside a queue's lock.
 *
 * main puts five items on a small queue (a mutex and two condition
 * variables), waits until the consumer says it took the last one, says
 * done and reads the consumer's statistics.  The consumer takes items
 * under the queue's lock but adds each to `consumed` after letting the
 * lock go.  The last addition and main's read are ordered by nothing the
 * program means: they race.  The queue's lock hides it: the consumer
 * signals `drained` and lets the lock go, but main, woken, must still get
 * out of its wait; the consumer, already running, adds and takes the lock
 * again to wait for more before main has it, and its wait's unlock ->
 * main's lock edge orders the addition before the read.  Only when main
 * gets the lock in the one statement between does the race show.  The
 * fix, in hidden_stats_queue_fixed: add to the statistics under the lock.
 *
 * racelab: truth=race
 * racelab: perturb=on
 */
#include <pthread.h>
#include <stdio.h>

#define CAPACITY 8
static int items[CAPACITY], head, count, done; /* under lock */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t drained = PTHREAD_COND_INITIALIZER;
static long consumed; /* statistics */

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
        if (--count == 0)
            pthread_cond_signal(&drained); /* took the last one: tell main */
        pthread_mutex_unlock(&lock);
        consumed += item; // RACE! outside the queue's lock
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
    long total = consumed; // RACE!
    pthread_mutex_unlock(&lock);
    pthread_join(t, NULL);
    printf("hidden_stats_queue: consumed %ld\n", total);
    return 0;
}
