/* deep_recursion_race: a data race at the bottom of a 300-deep recursion.
 *
 * Each of two threads recurses 300 levels through descend() and writes the
 * global `bottom` at the deepest level, so the race report's stacks are
 * about 300 frames deep: a test for parsers with frame-count limits.
 * `noinline` and the volatile depth keep the compiler from flattening it.
 * main starts the second thread only once the first has written (seen
 * through a relaxed atomic, which orders nothing), so T1 is always the
 * "previous" access and T2 the current one. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

enum { DEPTH = 300 };
int bottom;
static atomic_int writes;

__attribute__((noinline)) static int descend(volatile int depth)
{
    if (depth == 0) {
        bottom = 1; /* the race, 300 frames down */
        atomic_fetch_add_explicit(&writes, 1, memory_order_relaxed);
        return 0;
    }
    return descend(depth - 1) + 1; /* not a tail call: each frame stays */
}

static void *worker(void *arg)
{
    return descend(DEPTH) == DEPTH ? NULL : arg;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    while (atomic_fetch_add_explicit(&writes, 0, memory_order_relaxed) == 0)
        sched_yield(); /* wait for T1's write without synchronising */
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("deep_recursion_race: bottom %d\n", bottom);
    return 0;
}
