/* destroy_locked: pthread_mutex_destroy on a mutex that is still locked.
 *
 * A worker thread locks `guard` and returns without unlocking it; main
 * joins it and destroys the mutex.  POSIX leaves this undefined.  TSan:
 * "destroy of a locked mutex"; Helgrind and DRD also complain. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t guard;

static void *lock_and_forget(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&guard); /* locked here and never unlocked */
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_mutex_init(&guard, NULL);
    pthread_create(&t, NULL, lock_and_forget, NULL);
    pthread_join(t, NULL);
    pthread_mutex_destroy(&guard); /* the bug: guard is still locked */
    printf("destroy_locked: done\n");
    return 0;
}
