/* relaxed_atomics: a lone value shared with relaxed atomic loads and stores.
 *
 * One thread publishes its progress, another watches it.  Nothing else is
 * handed over, so no ordering is needed: memory_order_relaxed is enough,
 * and atomic accesses never race.  Relaxed still promises one thing for a
 * single variable: the watcher never sees the progress go backwards, which
 * the program checks (exit 1 if it did).
 *
 * On x86 a relaxed load and store are plain `mov`s.  ThreadSanitizer knows
 * they are atomic; Helgrind and DRD see two threads using one address with
 * no lock and report a race that is not there (see their expected files).
 *
 * racelab: truth=norace
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

enum { STEPS = 1000 };

static atomic_long progress;

static void *worker(void *arg)
{
    (void)arg;
    for (long step = 1; step <= STEPS; step++)
        atomic_store_explicit(&progress, step, memory_order_relaxed); // NORACE: atomic
    return NULL;
}

static void *watcher(void *arg)
{
    int *went_backwards = arg;
    long last = 0;
    for (int look = 0; look < STEPS; look++) {
        long now = atomic_load_explicit(&progress, memory_order_relaxed); // NORACE: atomic
        if (now < last)
            *went_backwards = 1;
        last = now;
    }
    return NULL;
}

int main(void)
{
    int went_backwards = 0;
    pthread_t worker_thread, watcher_thread;
    pthread_create(&watcher_thread, NULL, watcher, &went_backwards);
    pthread_create(&worker_thread, NULL, worker, NULL);
    pthread_join(worker_thread, NULL);
    pthread_join(watcher_thread, NULL);
    printf("relaxed_atomics: progress %ld%s\n", atomic_load(&progress),
           went_backwards ? ", and it went backwards" : "");
    return went_backwards ? 1 : 0;
}
