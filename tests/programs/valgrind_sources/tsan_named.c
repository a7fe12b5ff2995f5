/* tsan_named: the lab's race, in a directory named valgrind_sources and
 * built as a binary named tsan_named.
 *
 * A reader that picks the program's frame by matching "tsan_" or
 * "valgrind" anywhere in a path would lose every site of this race. */
#include <pthread.h>
#include <stdio.h>

static long counter;

static void *add(void *arg)
{
    (void)arg;
    counter += 1; /* the race */
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, add, NULL);
    pthread_create(&b, NULL, add, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("tsan_named: %ld\n", counter);
    return 0;
}
