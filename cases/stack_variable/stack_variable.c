/* stack_variable: two threads update a local variable of main.
 *
 * `total` lives on main's stack, but its address is handed to both threads,
 * so it is as shared as any global: both add to it with no lock.  Races on
 * the stack are real races.  DRD does not look at stack memory unless run
 * with --check-stack-var=yes, so by default it reports nothing here (see
 * expected.drd).
 *
 * racelab: truth=race
 */
#include <pthread.h>
#include <stdio.h>

enum { ADDS = 1000 };

static void *add(void *arg)
{
    long *total = arg;
    for (int i = 0; i < ADDS; i++) {
        *total += 1; // RACE! main's local, shared by pointer
    }
    return NULL;
}

int main(void)
{
    long total = 0; /* on main's stack, yet shared with both threads */
    pthread_t a, b;
    pthread_create(&a, NULL, add, &total);
    pthread_create(&b, NULL, add, &total);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("stack_variable: total %ld, expected %d\n", total, 2 * ADDS);
    return 0;
}
