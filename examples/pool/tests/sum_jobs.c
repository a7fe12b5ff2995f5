/* sum_jobs.c: N jobs each sum 1..k into a slot of their own; the main thread
 * waits for the pool and checks every slot.
 *
 * usage: sum_jobs [WORKERS [JOBS]]   (default 4 workers, 200 jobs)
 * Exit status 0 when every sum is right, 1 when one is not, 2 on a bad
 * argument. */
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "pool.h"

struct slot {
    long count;
    long sum;
};

static void sum_up_to(void *argument)
{
    struct slot *slot = argument;
    long sum = 0;
    for (long i = 1; i <= slot->count; i++)
        sum += i;
    slot->sum = sum;
}

int main(int argc, char **argv)
{
    long workers = 4, jobs = 200;
    if (argc > 3 || !count_argument(argc, argv, 1, 64, &workers) || !count_argument(argc, argv, 2, 100000, &jobs))
        return 2;
    struct slot *slots = calloc((size_t)jobs, sizeof *slots);
    struct pool *pool = pool_create((int)workers);
    if (slots == NULL || pool == NULL) {
        fputs("sum_jobs: cannot start the pool\n", stderr);
        return 1;
    }
    for (long i = 0; i < jobs; i++) {
        slots[i].count = 1000 + i;
        if (!pool_submit(pool, sum_up_to, &slots[i])) {
            fputs("sum_jobs: pool_submit failed\n", stderr);
            return 1;
        }
    }
    pool_wait(pool);

    long wrong = 0;
    for (long i = 0; i < jobs; i++)
        if (slots[i].sum != slots[i].count * (slots[i].count + 1) / 2)
            wrong++;
    struct pool_stats stats;
    pool_stats(pool, &stats);
    printf("%ld jobs on %d workers: %ld wrong sums; stats: %zu submitted, %zu done, %zu queued\n", jobs,
           stats.workers, wrong, stats.jobs_submitted, stats.jobs_done, stats.jobs_queued);
    pool_destroy(pool);
    free(slots);
    return wrong == 0 ? 0 : 1;
}
