/* stats: STATS_THREADS threads (default 2) count hits; STATS_MODE=shared
 * counts into one global without a lock (racy), private (the default) into
 * one slot per thread, summed after the joins. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { THREADS_MAX = 8, HITS = 500 };

static long hits;
static long slot[THREADS_MAX];

static void *count_shared(void *unused)
{
    (void)unused;
    for (int i = 0; i < HITS; i++)
        hits++;
    return NULL;
}

static void *count_private(void *arg)
{
    long *mine = arg;
    for (int i = 0; i < HITS; i++)
        (*mine)++;
    return NULL;
}

int main(void)
{
    const char *mode = getenv("STATS_MODE");
    const char *threads_text = getenv("STATS_THREADS");
    int shared = mode != NULL && strcmp(mode, "shared") == 0;
    int threads = threads_text != NULL ? atoi(threads_text) : 2;
    if (threads < 1 || threads > THREADS_MAX) {
        fprintf(stderr, "stats: STATS_THREADS takes 1 to %d\n", THREADS_MAX);
        return 2;
    }
    pthread_t thread[THREADS_MAX];
    for (int t = 0; t < threads; t++)
        pthread_create(&thread[t], NULL, shared ? count_shared : count_private, &slot[t]);
    for (int t = 0; t < threads; t++)
        pthread_join(thread[t], NULL);
    for (int t = 0; !shared && t < threads; t++)
        hits += slot[t];
    printf("stats (%s): %ld hits\n", shared ? "shared" : "private", hits);
    return 0;
}
