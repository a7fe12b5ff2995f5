/* shutdown.c: submit a batch of slow jobs and destroy the pool as soon as
 * one has started, as a program does on Ctrl-C.  Every job must either have
 * run to the end or have been dropped, never both and never neither.
 *
 * usage: shutdown [WORKERS [JOBS [ROUNDS]]]   (default 4, 32, 200000: ROUNDS
 *        is how long each job spins)
 * Exit status 0 when the count adds up, 1 when not, 2 on a bad argument. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "pool.h"

static pthread_mutex_t started_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t started_changed = PTHREAD_COND_INITIALIZER;
static long started;
static long rounds = 200000;

struct job {
    long value;
    bool finished;
};

static void slow_job(void *argument)
{
    struct job *job = argument;
    pthread_mutex_lock(&started_lock);
    started++;
    pthread_cond_signal(&started_changed);
    pthread_mutex_unlock(&started_lock);

    long value = 0;
    for (long i = 0; i < rounds; i++)
        value += i & 3;
    job->value = value;
    job->finished = true;
}

int main(int argc, char **argv)
{
    long workers = 4, count = 32;
    if (argc > 4 || !count_argument(argc, argv, 1, 64, &workers) || !count_argument(argc, argv, 2, 100000, &count) ||
        !count_argument(argc, argv, 3, 1000000000, &rounds))
        return 2;
    struct job *jobs = calloc((size_t)count, sizeof *jobs);
    struct pool *pool = pool_create((int)workers);
    if (jobs == NULL || pool == NULL) {
        fputs("shutdown: cannot start the pool\n", stderr);
        return 1;
    }
    for (long i = 0; i < count; i++)
        if (!pool_submit(pool, slow_job, &jobs[i])) {
            fputs("shutdown: pool_submit failed\n", stderr);
            return 1;
        }
    pthread_mutex_lock(&started_lock);
    while (started == 0)
        pthread_cond_wait(&started_changed, &started_lock);
    pthread_mutex_unlock(&started_lock);

    size_t dropped = pool_destroy(pool);
    long finished = 0;
    for (long i = 0; i < count; i++)
        finished += jobs[i].finished;
    printf("%ld jobs on %ld workers: %ld finished, %zu dropped\n", count, workers, finished, dropped);
    return (size_t)finished + dropped == (size_t)count ? 0 : 1;
}
