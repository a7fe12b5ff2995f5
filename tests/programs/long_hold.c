/* long_hold: a lock held for 50 ms, and a barrier destroyed early.
 *
 * DRD with --exclusive-threshold=10 reports the hold ("Lock on mutex ...
 * was held during N ms"), with where it was acquired.  Then main destroys
 * a barrier right after its own wait returns, before the worker's wait has
 * returned: DRD reports "Destruction of barrier not synchronized with
 * barrier wait call" and the conflicting wait call.  Neither is a race. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t slow = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t meet;

static void *wait_at_barrier(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&meet);
    return NULL;
}

int main(void)
{
    struct timespec nap = {.tv_nsec = 50 * 1000 * 1000};
    pthread_mutex_lock(&slow);
    nanosleep(&nap, NULL); /* held for 50 ms */
    pthread_mutex_unlock(&slow);

    pthread_barrier_init(&meet, NULL, 2);
    pthread_t worker;
    pthread_create(&worker, NULL, wait_at_barrier, NULL);
    pthread_barrier_wait(&meet);
    pthread_barrier_destroy(&meet); /* the worker may not have left its wait yet */
    pthread_join(worker, NULL);
    puts("long_hold: done");
    return 0;
}
