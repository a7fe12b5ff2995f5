/* pool.c: the workers, submit, wait, destroy and the statistics.
 *
 * Built three ways from these sources (see CMakeLists.txt):
 * - libpool: as shipped, with two known races (marked "known race");
 * - libpool_fixed (POOL_FIXED=1): both races fixed by taking `lock`;
 * - libpool_mutant (POOL_FIXED=1, POOL_MUTANT_UNLOCKED_LENGTH=1): the fixed
 *   pool with one lock taken out of queue.c, to show the gate fails on a
 *   race that is not in the baseline. */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>

#include "queue.h"

#ifndef POOL_FIXED
#define POOL_FIXED 0
#endif

struct pool {
    struct queue queue;
    pthread_mutex_t lock; /* guards everything below but `threads` */
    pthread_cond_t idle;  /* broadcast when `pending` drops to 0 */
    size_t pending;       /* submitted and not finished */
    size_t jobs_done;
    int busy_workers;
    int stopping;
    int workers;
    pthread_t *threads;
};

static bool pool_is_stopping(struct pool *pool)
{
#if POOL_FIXED
    pthread_mutex_lock(&pool->lock);
    bool stopping = pool->stopping;
    pthread_mutex_unlock(&pool->lock);
    return stopping;
#else
    return pool->stopping; // known race: destroy sets it without the lock, workers poll it without it
#endif
}

static void *pool_worker(void *argument)
{
    struct pool *pool = argument;
    while (!pool_is_stopping(pool)) {
        struct queue_job job;
        if (!queue_pop(&pool->queue, &job))
            break; /* closed by pool_destroy */

        pthread_mutex_lock(&pool->lock);
        pool->busy_workers++;
        pthread_mutex_unlock(&pool->lock);

        job.run(job.argument);

        pthread_mutex_lock(&pool->lock);
        pool->busy_workers--;
#if POOL_FIXED
        pool->jobs_done++;
#endif
        if (--pool->pending == 0)
            pthread_cond_broadcast(&pool->idle);
        pthread_mutex_unlock(&pool->lock);
#if !POOL_FIXED
        pool->jobs_done++; // known race: counted after the unlock to keep the critical section short
#endif
    }
    return NULL;
}

struct pool *pool_create(int workers)
{
    if (workers < 1)
        return NULL;
    struct pool *pool = calloc(1, sizeof *pool);
    if (pool == NULL)
        return NULL;
    pool->threads = calloc((size_t)workers, sizeof *pool->threads);
    if (pool->threads == NULL || queue_init(&pool->queue) != 0) {
        free(pool->threads);
        free(pool);
        return NULL;
    }
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->idle, NULL);
    for (int i = 0; i < workers; i++) {
        if (pthread_create(&pool->threads[i], NULL, pool_worker, pool) != 0) {
            pool_destroy(pool);
            return NULL;
        }
        pool->workers++;
    }
    return pool;
}

bool pool_submit(struct pool *pool, void (*run)(void *argument), void *argument)
{
    pthread_mutex_lock(&pool->lock);
    pool->pending++;
    pthread_mutex_unlock(&pool->lock);

    if (queue_push(&pool->queue, (struct queue_job){.run = run, .argument = argument}))
        return true;
    pthread_mutex_lock(&pool->lock);
    if (--pool->pending == 0)
        pthread_cond_broadcast(&pool->idle);
    pthread_mutex_unlock(&pool->lock);
    return false;
}

void pool_wait(struct pool *pool)
{
    pthread_mutex_lock(&pool->lock);
    while (pool->pending > 0)
        pthread_cond_wait(&pool->idle, &pool->lock);
    pthread_mutex_unlock(&pool->lock);
}

void pool_stats(struct pool *pool, struct pool_stats *stats)
{
    stats->jobs_queued = queue_length(&pool->queue); /* before jobs_submitted: never the larger */
    stats->jobs_submitted = queue_pushed(&pool->queue);
#if !POOL_FIXED
    stats->jobs_done = pool->jobs_done; // known race: read without the lock, as workers add to it without it
#endif
    pthread_mutex_lock(&pool->lock);
#if POOL_FIXED
    stats->jobs_done = pool->jobs_done;
#endif
    stats->busy_workers = pool->busy_workers;
    stats->workers = pool->workers;
    pthread_mutex_unlock(&pool->lock);
}

size_t pool_destroy(struct pool *pool)
{
#if POOL_FIXED
    pthread_mutex_lock(&pool->lock);
    pool->stopping = 1;
    pthread_mutex_unlock(&pool->lock);
#else
    pool->stopping = 1; // known race: workers poll it without the lock
#endif
    queue_close(&pool->queue);
    for (int i = 0; i < pool->workers; i++)
        pthread_join(pool->threads[i], NULL);
    size_t dropped = queue_destroy(&pool->queue);
    pthread_cond_destroy(&pool->idle);
    pthread_mutex_destroy(&pool->lock);
    free(pool->threads);
    free(pool);
    return dropped;
}
