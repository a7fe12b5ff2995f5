/* flag_handoff: a flag handoff without ordering.
 *
 * The worker fills `message` and then sets `ready`; main spins on `ready`
 * and reads `message`.  Both are plain ints, so both pairs race.  The fix
 * is release/acquire on the flag (or a condition variable), not an atomic
 * increment: nothing here counts. */
#include <pthread.h>
#include <stdio.h>

static int message;
static volatile int ready; /* volatile keeps the spin loop, it orders nothing */

static void *produce(void *arg)
{
    (void)arg;
    message = 42;
    ready = 1; /* the handoff: a plain store */
    return NULL;
}

int main(void)
{
    pthread_t producer;
    pthread_create(&producer, NULL, produce, NULL);
    while (!ready) /* the other side: a plain load */
        ;
    printf("flag_handoff: %d\n", message);
    pthread_join(producer, NULL);
    return 0;
}
