/* SV-COMP style, reading its input: the number of workers comes from
 * stdin, and each worker adds to one counter without a lock.  With one
 * worker there is no race; the input file gives two, so there is one.
 * (Run with /dev/null as its input it starts one worker and is clean:
 * the race shows only when the input reaches the program.)
 * racelab: truth=race
 * racelab: stdin=workers.txt */
#include <pthread.h>
#include <stdio.h>

int total = 0;

void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        total = total + 1; //RACE!
    return 0;
}

int main(void)
{
    int workers = 1;
    if (scanf("%d", &workers) != 1 || workers < 1 || workers > 8)
        workers = 1;
    pthread_t threads[8];
    for (int t = 0; t < workers; t++)
        pthread_create(&threads[t], 0, worker, 0);
    for (int t = 0; t < workers; t++)
        pthread_join(threads[t], 0);
    return total < 0;
}
