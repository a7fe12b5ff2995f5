/* signal_unsafe: a signal handler that calls malloc and printf.
 *
 * Neither malloc nor printf is async-signal-safe: if the signal arrives while
 * the thread is inside malloc, the handler can corrupt the heap or deadlock.
 * The worker raises SIGUSR1 at itself.  TSan reports "signal-unsafe call
 * inside of a signal" three times (malloc, the malloc inside printf's first
 * buffer allocation, free); valgrind's thread tools do not check this. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static void on_usr1(int signo)
{
    char *note = malloc(32); /* the bug: malloc in a signal handler */
    if (note != NULL) {
        snprintf(note, 32, "got signal %d", signo);
        printf("signal_unsafe: %s\n", note); /* and printf */
        free(note);
    }
}

static void *worker(void *arg)
{
    (void)arg;
    raise(SIGUSR1);
    return NULL;
}

int main(void)
{
    struct sigaction action = {0};
    action.sa_handler = on_usr1;
    sigemptyset(&action.sa_mask);
    sigaction(SIGUSR1, &action, NULL);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    return 0;
}
