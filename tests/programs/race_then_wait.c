/* race_then_wait: a race, then the program waits until it is killed.
 *
 * Two threads race on `hits`; then main sleeps.  Run with an alarm
 * (`race_then_wait alarm`: alarm(1) kills it with SIGALRM) or killed from
 * outside (`timeout -s TERM 8 ...`).  The report must say how the run
 * ended: killed by the signal, not finished. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int hits;

static void *hit(void *arg)
{
    (void)arg;
    hits += 1; /* the race */
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t a, b;
    pthread_create(&a, NULL, hit, NULL);
    pthread_create(&b, NULL, hit, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("race_then_wait: %d\n", hits);
    fflush(stdout);
    if (argc > 1 && strcmp(argv[1], "alarm") == 0)
        alarm(1);
    struct timespec nap = {.tv_sec = 60};
    nanosleep(&nap, NULL); /* killed before it wakes */
    return 0;
}
