/* stats_reader.c: a monitor thread polls the pool's statistics while the
 * jobs run, as a progress display would, and checks what must always hold.
 *
 * usage: stats_reader [WORKERS [JOBS]]   (default 3 workers, 100 jobs)
 * Exit status 0 when the jobs ran and every poll made sense, 1 otherwise, 2
 * on a bad argument. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "args.h"
#include "pool.h"

struct monitor {
    struct pool *pool;
    pthread_mutex_t lock; /* guards `stop` */
    bool stop;
    long polls;
    long nonsense; /* polls that broke an invariant */
    int most_busy;
};

static void *monitor_pool(void *argument)
{
    struct monitor *monitor = argument;
    const struct timespec pause = {.tv_sec = 0, .tv_nsec = 200 * 1000};
    for (;;) {
        pthread_mutex_lock(&monitor->lock);
        bool stop = monitor->stop;
        pthread_mutex_unlock(&monitor->lock);
        if (stop)
            return NULL;
        struct pool_stats stats;
        pool_stats(monitor->pool, &stats);
        monitor->polls++;
        if (stats.jobs_queued > stats.jobs_submitted || stats.busy_workers < 0 || stats.busy_workers > stats.workers)
            monitor->nonsense++;
        if (stats.busy_workers > monitor->most_busy)
            monitor->most_busy = stats.busy_workers;
        nanosleep(&pause, NULL);
    }
}

static void spin(void *argument)
{
    long *result = argument;
    long value = 0;
    for (long i = 0; i < 20000; i++)
        value += i % 7;
    *result = value;
}

int main(int argc, char **argv)
{
    long workers = 3, jobs = 100;
    if (argc > 3 || !count_argument(argc, argv, 1, 64, &workers) || !count_argument(argc, argv, 2, 100000, &jobs))
        return 2;
    long *results = calloc((size_t)jobs, sizeof *results);
    struct monitor monitor = {.pool = pool_create((int)workers)};
    if (results == NULL || monitor.pool == NULL) {
        fputs("stats_reader: cannot start the pool\n", stderr);
        return 1;
    }
    pthread_mutex_init(&monitor.lock, NULL);
    pthread_t thread;
    if (pthread_create(&thread, NULL, monitor_pool, &monitor) != 0) {
        fputs("stats_reader: cannot start the monitor\n", stderr);
        return 1;
    }
    for (long i = 0; i < jobs; i++)
        if (!pool_submit(monitor.pool, spin, &results[i])) {
            fputs("stats_reader: pool_submit failed\n", stderr);
            return 1;
        }
    pool_wait(monitor.pool);
    pthread_mutex_lock(&monitor.lock);
    monitor.stop = true;
    pthread_mutex_unlock(&monitor.lock);
    pthread_join(thread, NULL);

    long expected = 0;
    for (long i = 0; i < 20000; i++)
        expected += i % 7;
    long wrong = 0;
    for (long i = 0; i < jobs; i++)
        wrong += results[i] != expected;
    printf("%ld jobs on %ld workers: %ld wrong; %ld polls, %ld nonsensical, at most %d busy\n", jobs, workers, wrong,
           monitor.polls, monitor.nonsense, monitor.most_busy);
    pool_destroy(monitor.pool);
    pthread_mutex_destroy(&monitor.lock);
    free(results);
    return wrong == 0 && monitor.nonsense == 0 ? 0 : 1;
}
