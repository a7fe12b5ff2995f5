/* lock_cycle_one_thread: one thread takes five mutexes in a cycle.
 *
 * main alone takes m[0] then m[1], m[1] then m[2], ..., m[4] then m[0]:
 * the lock-order graph has a cycle of five mutexes though only one thread
 * ever runs.  TSan and Helgrind report a lock-order inversion. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m[5] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                               PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                               PTHREAD_MUTEX_INITIALIZER};

int main(void)
{
    for (int i = 0; i < 5; i++) {
        pthread_mutex_lock(&m[i]);
        pthread_mutex_lock(&m[(i + 1) % 5]); /* i before i+1; the last closes the cycle */
        pthread_mutex_unlock(&m[(i + 1) % 5]);
        pthread_mutex_unlock(&m[i]);
    }
    puts("lock_cycle_one_thread: done");
    return 0;
}
