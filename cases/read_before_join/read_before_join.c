/* read_before_join: main reads a thread's result before joining it.
 *
 * pthread_join is what orders everything a thread did before everything
 * its joiner does next.  Reading the result one line too early, before the
 * join, reads memory the thread may still be writing: a race between the
 * thread's write and main's read, whatever value happens to come out.
 *
 * racelab: truth=race
 */
#include <pthread.h>
#include <stdio.h>

static long result;

static void *compute(void *arg)
{
    (void)arg;
    result = 6 * 7; // RACE!
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, compute, NULL);
    long seen = result; // RACE! read before the join that would order it
    pthread_join(t, NULL);
    printf("read_before_join: main read %ld\n", seen);
    return 0;
}
