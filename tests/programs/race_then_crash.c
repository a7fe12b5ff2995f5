/* race_then_crash: a race, then the program crashes (SIGSEGV).
 *
 * Two threads race on `hits`; then main writes through a null pointer.
 * The detectors report the race and the crash; a reader must say the
 * program was killed by a signal, never call the run clean or finished. */
#include <pthread.h>
#include <stdio.h>

static int hits;

static void *hit(void *arg)
{
    (void)arg;
    hits += 1; /* the race */
    return NULL;
}

int main(int argc, char **argv)
{
    (void)argv;
    pthread_t a, b;
    pthread_create(&a, NULL, hit, NULL);
    pthread_create(&b, NULL, hit, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("race_then_crash: %d\n", hits);
    fflush(stdout);
    volatile int *nowhere = argc > 99 ? &hits : NULL;
    *nowhere = 1; /* the crash: SIGSEGV */
    return 0;
}
