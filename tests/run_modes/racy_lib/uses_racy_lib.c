/* uses_racy_lib: two threads call the project's library, whose racy_add
 * races inside the library; the caller's own code is race-free. */
#include <pthread.h>
#include <stdio.h>

#include "racy_lib.h"

static void *worker(void *unused)
{
    (void)unused;
    racy_add(1000);
    return NULL;
}

int main(void)
{
    pthread_t threads[2];
    for (int t = 0; t < 2; t++)
        if (pthread_create(&threads[t], NULL, worker, NULL) != 0)
            return 1;
    for (int t = 0; t < 2; t++)
        pthread_join(threads[t], NULL);
    printf("uses_racy_lib: total %ld of 2000\n", racy_total_now());
    return 0;
}
