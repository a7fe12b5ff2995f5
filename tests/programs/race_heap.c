/* race_heap: a data race on a heap block.
 *
 * main mallocs one int and hands its address to two threads; each adds 1 to
 * it with no lock.  Every detector should report a data race whose location
 * is a heap block of 4 bytes allocated by main (with the malloc stack). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *increment(void *arg)
{
    int *shared = arg;
    *shared += 1; /* the race: unsynchronised read-modify-write on the heap */
    return NULL;
}

int main(void)
{
    int *shared = malloc(sizeof *shared);
    if (shared == NULL)
        return 1;
    *shared = 0;
    pthread_t a, b;
    pthread_create(&a, NULL, increment, shared);
    pthread_create(&b, NULL, increment, shared);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("race_heap: %d\n", *shared);
    free(shared);
    return 0;
}
