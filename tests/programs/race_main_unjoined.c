/* race_main_unjoined: main races with a thread it has not joined yet.
 *
 * main starts a reader thread, then writes the global `ready_value` before
 * joining it.  Nothing orders main's write against the thread's read (only
 * the join, which comes after), so the main thread (TSan's main thread,
 * Helgrind's #1, DRD's 1) is one side of the race.  A relaxed atomic flag
 * makes the read come first every run, so every detector names the same
 * "current" and "previous" access: relaxed atomics create no happens-before
 * for TSan, and being lock-prefixed read-modify-writes, Helgrind and DRD
 * neither see them as a race nor as synchronisation. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

int ready_value;
static int seen;
static atomic_int read_done;

static void *reader(void *arg)
{
    (void)arg;
    seen = ready_value; /* the race: read while main may be writing */
    atomic_fetch_add_explicit(&read_done, 1, memory_order_relaxed);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, reader, NULL);
    while (atomic_fetch_add_explicit(&read_done, 0, memory_order_relaxed) == 0)
        sched_yield(); /* wait for the read, creating no ordering */
    ready_value = 42; /* the race: written after create, before join */
    pthread_join(t, NULL);
    printf("race_main_unjoined: seen %d\n", seen);
    return 0;
}
