/* unlock_unlocked: a thread unlocks a mutex that nobody holds.
 *
 * The worker calls pthread_mutex_unlock on `guard`, which was never locked.
 * For a default (normal) mutex this is undefined behaviour that glibc does
 * not catch.  TSan: "unlock of an unlocked mutex (or by a wrong thread)";
 * Helgrind: UnlockUnlocked; DRD: MutexErr "Mutex not locked". */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t guard = PTHREAD_MUTEX_INITIALIZER;

static void *bad_unlock(void *arg)
{
    (void)arg;
    pthread_mutex_unlock(&guard); /* the bug: guard is not locked */
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_mutex_lock(&guard); /* make the mutex known, then release it */
    pthread_mutex_unlock(&guard);
    pthread_create(&t, NULL, bad_unlock, NULL);
    pthread_join(t, NULL);
    printf("unlock_unlocked: done\n");
    return 0;
}
