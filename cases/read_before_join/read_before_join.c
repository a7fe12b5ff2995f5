/* read_before_join: main reads a thread's result before joining it.
 *
 * pthread_join is what orders everything a thread did before everything
 * its joiner does next.  Reading the result one line too early, before the
 * join, reads memory the thread may still be writing: a race between the
 * thread's write and main's read, whatever value happens to come out.
 *
 * racelab: truth=race
 */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

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
    /* Waiting is not joining: the read below still races.  The wait only
       fixes which access comes second, the one DRD names: without it, in
       one gate run on a loaded machine, main read first under DRD, which
       then named the thread's write instead of this read. */
    nanosleep(&(struct timespec){.tv_nsec = 100000000L}, NULL);
    long seen = result; // RACE! read before the join that would order it
    pthread_join(t, NULL);
    printf("read_before_join: main read %ld\n", seen);
    return 0;
}
