/* two_races: two distinct data races in one run.
 *
 * Two threads each add 1 to the global `hits` and then to a separate heap
 * counter `misses`, with no lock.  The detectors should print two separate
 * race reports in one stream: one on the global, one on the heap block. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int hits;

static void *both(void *arg)
{
    int *misses = arg;
    hits += 1;    /* race one: a global */
    *misses += 1; /* race two: a heap block */
    return NULL;
}

int main(void)
{
    int *misses = calloc(1, sizeof *misses);
    if (misses == NULL)
        return 1;
    pthread_t a, b;
    pthread_create(&a, NULL, both, misses);
    pthread_create(&b, NULL, both, misses);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("two_races: hits %d, misses %d\n", hits, *misses);
    free(misses);
    return 0;
}
