/* race_freed_block: a write into a heap block another thread freed.
 *
 * The worker writes byte 5 of the block; main, 100 ms later and with no
 * ordering, frees it.  Under Helgrind --free-is-write=yes the free is a
 * write that races with the worker's, and the place is described after the
 * free: "5 bytes inside an unallocated block of size 16 in arena "client"",
 * a phrase, not a variable name. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void *write_early(void *arg)
{
    char *block = arg;
    block[5] = 1; /* the race: nothing orders it before main's free */
    return NULL;
}

int main(void)
{
    char *block = malloc(16);
    if (block == NULL)
        return 1;
    pthread_t worker;
    pthread_create(&worker, NULL, write_early, block);
    struct timespec nap = {.tv_nsec = 100 * 1000 * 1000};
    nanosleep(&nap, NULL);
    free(block); /* no ordering with the worker's write */
    pthread_join(worker, NULL);
    puts("race_freed_block: done");
    return 0;
}
