/* thread_leak: a thread that is never joined nor detached.
 *
 * When a joinable thread ends, its stack and its exit status stay allocated
 * until someone calls pthread_join on it (or it was detached).  main here
 * never does: one thread's resources leak, and a program that starts
 * threads in a loop this way runs out of them.  No data is shared badly:
 * no race.  ThreadSanitizer reports "thread leak" at exit, for threads that
 * have finished; Helgrind and DRD have no such check.
 *
 * main waits until the worker has said it is done (under a mutex), then
 * gives it 200 ms to finish exiting, so that TSan sees a finished thread.
 *
 * racelab: truth=norace
 * racelab: bug=thread-leak
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int done;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    done = 1; // NORACE: under the lock
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL); /* the leak: t is never joined */
    pthread_mutex_lock(&lock);
    while (!done) // NORACE: under the lock
        pthread_cond_wait(&changed, &lock);
    pthread_mutex_unlock(&lock);
    nanosleep(&(struct timespec){.tv_nsec = 200000000L}, NULL);
    /* missing: pthread_join(t, NULL); */
    printf("thread_leak: exiting without joining the worker\n");
    return 0;
}
