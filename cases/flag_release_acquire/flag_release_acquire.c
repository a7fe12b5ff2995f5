/* flag_release_acquire: the flag handoff, made an ordering.
 *
 * cases/flag_plain with `ready` a C11 atomic: the producer's store is a
 * release, the consumer's load an acquire.  When the acquire load reads the
 * value the release store wrote, everything the producer did before the
 * store (writing `message`) happens before everything the consumer does
 * after the load (reading it): no race, and the consumer always sees 42.
 *
 * On x86 both are plain `mov` instructions.  ThreadSanitizer sees the C11
 * calls; Helgrind and DRD see only the machine code, find no lock and no
 * pthread call between the accesses, and report races that are not there
 * (see their expected files).
 *
 * racelab: truth=norace
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

static int message;
static atomic_int ready;

static void *producer(void *arg)
{
    int value = *(const int *)arg;
    nanosleep(&(struct timespec){.tv_nsec = 100000000L}, NULL);
    message = value;                                        // NORACE: published by the release below
    atomic_store_explicit(&ready, 1, memory_order_release); // NORACE: atomic
    return NULL;
}

static void *consumer(void *arg)
{
    int *seen = arg;
    while (!atomic_load_explicit(&ready, memory_order_acquire)) // NORACE: atomic
        sched_yield();
    *seen = message; // NORACE: after the acquire that saw the release
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
    printf("flag_release_acquire: consumer saw %d\n", seen);
    return seen == 42 ? 0 : 1;
}
