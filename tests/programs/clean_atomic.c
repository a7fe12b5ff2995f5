/* clean_atomic: a shared counter updated with C11 atomic_fetch_add.
 *
 * Each increment is one indivisible read-modify-write, so no update is lost
 * and there is no data race: all four detectors should report nothing. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_long counter;

static void *add_atomically(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        atomic_fetch_add(&counter, 1); /* no race: an atomic RMW */
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, add_atomically, NULL);
    pthread_create(&b, NULL, add_atomically, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("clean_atomic: total %ld, expected 200\n", atomic_load(&counter));
    return 0;
}
