/* pipeline N: a producer hands N numbers to a consumer through a one-slot
 * buffer guarded by a mutex and two condition variables: race-free. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t filled = PTHREAD_COND_INITIALIZER;
static pthread_cond_t emptied = PTHREAD_COND_INITIALIZER;
static int slot_full;
static long slot;
static long items;

static void *produce(void *unused)
{
    (void)unused;
    for (long i = 1; i <= items; i++) {
        pthread_mutex_lock(&lock);
        while (slot_full)
            pthread_cond_wait(&emptied, &lock);
        slot = i;
        slot_full = 1;
        pthread_cond_signal(&filled);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    items = argc == 2 ? atol(argv[1]) : 0;
    if (items < 1) {
        fprintf(stderr, "usage: pipeline N (N >= 1)\n");
        return 2;
    }
    pthread_t producer;
    pthread_create(&producer, NULL, produce, NULL);
    long sum = 0;
    for (long i = 0; i < items; i++) {
        pthread_mutex_lock(&lock);
        while (!slot_full)
            pthread_cond_wait(&filled, &lock);
        sum += slot;
        slot_full = 0;
        pthread_cond_signal(&emptied);
        pthread_mutex_unlock(&lock);
    }
    pthread_join(producer, NULL);
    printf("pipeline: sum %ld\n", sum);
    return sum == items * (items + 1) / 2 ? 0 : 1;
}
