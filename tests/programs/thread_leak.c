/* thread_leak: a thread that is never joined nor detached.
 *
 * The worker finishes, but main never calls pthread_join or pthread_detach
 * on it, so its resources leak.  TSan reports "thread leak" at exit, but only
 * for a thread that has already finished: main waits until the worker says
 * it is done, then gives it 200 ms to finish exiting.  Valgrind's tools do
 * not check for this and report nothing. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

static atomic_int done;

static void *worker(void *arg)
{
    (void)arg;
    atomic_store(&done, 1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL); /* the bug: t is never joined */
    while (!atomic_load(&done)) {
    }
    struct timespec pause = {.tv_sec = 0, .tv_nsec = 200000000L};
    nanosleep(&pause, NULL); /* let the worker finish exiting */
    printf("thread_leak: exiting without join\n");
    return 0;
}
