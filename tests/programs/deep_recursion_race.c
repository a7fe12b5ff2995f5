/* deep_recursion_race: a data race at the bottom of a 300-deep recursion.
 *
 * Each of two threads recurses 300 levels through descend() and writes the
 * global `bottom` at the deepest level, so the race report's stacks are
 * about 300 frames deep: a test for parsers with frame-count limits.
 * `noinline` and the volatile depth keep the compiler from flattening it. */
#include <pthread.h>
#include <stdio.h>

enum { DEPTH = 300 };
int bottom;

__attribute__((noinline)) static int descend(volatile int depth)
{
    if (depth == 0) {
        bottom = 1; /* the race, 300 frames down */
        return 0;
    }
    return descend(depth - 1) + 1; /* not a tail call: each frame stays */
}

static void *worker(void *arg)
{
    (void)arg;
    return descend(DEPTH) == DEPTH ? NULL : arg;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("deep_recursion_race: bottom %d\n", bottom);
    return 0;
}
