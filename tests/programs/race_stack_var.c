/* race_stack_var: a data race on a local variable of main.
 *
 * `total` lives on main's stack; its address goes to two threads that both
 * write it with no lock.  Detectors describe the location as main's stack
 * (TSan: "Location is stack of main thread"; valgrind with
 * --read-var-info=yes names the variable "total"). */
#include <pthread.h>
#include <stdio.h>

static void *store(void *arg)
{
    int *total = arg;
    *total = 7; /* the race: two plain writes to the same stack slot */
    return NULL;
}

int main(void)
{
    int total = 0;
    pthread_t a, b;
    pthread_create(&a, NULL, store, &total);
    pthread_create(&b, NULL, store, &total);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("race_stack_var: total %d\n", total);
    return 0;
}
