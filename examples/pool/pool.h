/* pool.h: a fixed-size thread pool.
 *
 *   struct pool *pool = pool_create(4);
 *   pool_submit(pool, work, argument);   // any number of times
 *   pool_wait(pool);                     // until every submitted job ran
 *   pool_destroy(pool);                  // jobs not started yet are dropped
 *
 * pool_submit and pool_stats may be called from any thread; pool_wait and
 * pool_destroy from the thread that owns the pool. */
#ifndef POOL_H
#define POOL_H

#include <stdbool.h>
#include <stddef.h>

struct pool;

struct pool_stats {
    size_t jobs_submitted; /* ever accepted by pool_submit */
    size_t jobs_queued;    /* waiting for a worker now */
    size_t jobs_done;      /* finished */
    int busy_workers;      /* running a job now */
    int workers;
};

/* NULL when threads or memory run out. */
struct pool *pool_create(int workers);
/* false when the pool is being destroyed or memory runs out. */
bool pool_submit(struct pool *pool, void (*run)(void *argument), void *argument);
/* Returns once every job submitted so far has finished. */
void pool_wait(struct pool *pool);
void pool_stats(struct pool *pool, struct pool_stats *stats);
/* Lets running jobs finish, drops the queued ones, joins the workers and
 * frees the pool.  Returns how many jobs were dropped. */
size_t pool_destroy(struct pool *pool);

#endif
