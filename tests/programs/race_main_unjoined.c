/* race_main_unjoined: main races with a thread it has not joined yet.
 *
 * main starts a reader thread, then writes the global `ready_value` before
 * joining it.  Nothing orders main's write against the thread's read (only
 * the join, which comes after), so the main thread (TSan's T0, Helgrind's
 * #1) is one side of the race. */
#include <pthread.h>
#include <stdio.h>

int ready_value;
static int seen;

static void *reader(void *arg)
{
    (void)arg;
    seen = ready_value; /* the race: read while main may be writing */
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, reader, NULL);
    ready_value = 42; /* the race: written after create, before join */
    pthread_join(t, NULL);
    printf("race_main_unjoined: seen %d\n", seen == 42 ? 42 : 0);
    return 0;
}
