/* race_one_side_locked: a race where one side holds a lock.
 *
 * The worker adds to `total` inside `guard`; main adds to it without the
 * lock.  The lock on one side orders nothing, so every detector reports a
 * data race; Helgrind's text says which side held which lock ("Locks held:
 * 1, at address ..."), its XML and DRD never say, TSan prints "(mutexes:
 * write M0)" on the locked side. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t guard = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void *add_locked(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&guard);
    total += 1; /* under the lock */
    pthread_mutex_unlock(&guard);
    return NULL;
}

int main(void)
{
    pthread_t worker;
    pthread_create(&worker, NULL, add_locked, NULL);
    total += 1; /* the race: main does not take guard */
    pthread_join(worker, NULL);
    printf("race_one_side_locked: %ld\n", total);
    return 0;
}
