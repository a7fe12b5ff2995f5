/* endless_race: two threads race on an array for a long time, for a
 * Valgrind run that is killed (kill -9) while it writes its XML report. */
#include <pthread.h>
#include <stdio.h>

static long slots[4096];

static void *add(void *unused)
{
    (void)unused;
    for (long round = 0; round < 1000000; round++)
        for (int i = 0; i < 4096; i++)
            slots[i] += 1;
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, add, NULL);
    pthread_create(&b, NULL, add, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("endless_race: %ld\n", slots[0]);
    return 0;
}
