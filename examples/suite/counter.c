/* counter MODE THREADS ITERATIONS: THREADS threads add 1 ITERATIONS times
 * to one tally, MODE locked (tally_add) or racy (tally_add_unlocked). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally.h"

enum { THREADS_MAX = 16 };

static struct tally shared;
static long iterations;
static int locked;

static void *work(void *unused)
{
    (void)unused;
    for (long i = 0; i < iterations; i++) {
        if (locked)
            tally_add(&shared, 1);
        else
            tally_add_unlocked(&shared, 1);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 4 || (strcmp(argv[1], "locked") != 0 && strcmp(argv[1], "racy") != 0)) {
        fprintf(stderr, "usage: counter locked|racy THREADS ITERATIONS\n");
        return 2;
    }
    locked = strcmp(argv[1], "locked") == 0;
    int threads = atoi(argv[2]);
    iterations = atol(argv[3]);
    if (threads < 1 || threads > THREADS_MAX || iterations < 1) {
        fprintf(stderr, "counter: 1 to %d threads, at least 1 iteration\n", THREADS_MAX);
        return 2;
    }
    tally_init(&shared);
    pthread_t thread[THREADS_MAX];
    for (int t = 0; t < threads; t++)
        pthread_create(&thread[t], NULL, work, NULL);
    for (int t = 0; t < threads; t++)
        pthread_join(thread[t], NULL);
    printf("counter: %ld of %ld\n", tally_get(&shared), threads * iterations);
    tally_destroy(&shared);
    return 0;
}
