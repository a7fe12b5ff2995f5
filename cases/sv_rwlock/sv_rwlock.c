/* SV-COMP style: readers under a read lock, a writer under the write lock.
 * Written for GNU C: pthread_rwlock_t needs _GNU_SOURCE (or a POSIX level)
 * under strict -std=c17, which the lab gives every C case: nothing but the
 * truth line is declared here.
 * racelab: truth=norace */
#include <pthread.h>

int value = 0;
pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;

void *reader(void *arg)
{
    int *seen = arg;
    for (int i = 0; i < 50; i++) {
        pthread_rwlock_rdlock(&lock);
        *seen += value; // NORACE
        pthread_rwlock_unlock(&lock);
    }
    return 0;
}

void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 50; i++) {
        pthread_rwlock_wrlock(&lock);
        value++; // NORACE
        pthread_rwlock_unlock(&lock);
    }
    return 0;
}

int main(void)
{
    int seen1 = 0, seen2 = 0;
    pthread_t r1, r2, w;
    pthread_create(&r1, 0, reader, &seen1);
    pthread_create(&r2, 0, reader, &seen2);
    pthread_create(&w, 0, writer, 0);
    pthread_join(r1, 0);
    pthread_join(r2, 0);
    pthread_join(w, 0);
    return value == 50 ? 0 : 1;
}
