/* flag_plain: handing a message to another thread with a plain int flag.
 *
 * The producer writes `message`, then sets `ready`; the consumer waits for
 * `ready`, then reads `message`.  It reads like an ordering, but nothing
 * orders it: the compiler and the CPU may reorder two plain stores, and the
 * consumer may see ready == 1 and an old message.  `volatile` makes every
 * test of `ready` a real load (without it the -Og build may wait forever);
 * it orders nothing between threads.  Both variables race.  The fix:
 * cases/flag_release_acquire.
 *
 * The producer starts 100 ms late so that the consumer is already waiting
 * in every run (a sleep orders nothing; it only makes the run repeatable).
 *
 * racelab: truth=race
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>

static int message;
static volatile int ready;

static void *producer(void *arg)
{
    int value = *(const int *)arg;
    nanosleep(&(struct timespec){.tv_nsec = 100000000L}, NULL);
    message = value; // RACE!
    ready = 1;       // RACE!
    return NULL;
}

static void *consumer(void *arg)
{
    int *seen = arg;
    while (!ready) // RACE!
        sched_yield();
    *seen = message; // RACE!
    return NULL;
}

int main(void)
{
    static const int answer = 42; /* passed in, so the compiler cannot shrink message to a flag */
    int seen = 0;
    pthread_t consumer_thread, producer_thread;
    pthread_create(&consumer_thread, NULL, consumer, &seen);
    pthread_create(&producer_thread, NULL, producer, (void *)&answer);
    pthread_join(consumer_thread, NULL);
    pthread_join(producer_thread, NULL);
    printf("flag_plain: consumer saw %d\n", seen);
    return 0;
}
