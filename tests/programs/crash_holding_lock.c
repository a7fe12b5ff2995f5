/* crash_holding_lock: one thread dies (abort, or SIGSEGV with argument
 * "segv") while another holds a lock.  Helgrind then prints how the process
 * ended ("Process terminating with default action of signal N", its stack)
 * and, with no blank line after that stack, the ---Thread-Announcement---
 * of the lock holder and its "Exiting thread still holds 1 lock" error: the
 * shape of issue 15's first reader defect. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t locked;
static int segv;

static void *holder(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&held);
    pthread_barrier_wait(&locked);
    sleep(5); /* still holding the lock when the other thread dies */
    pthread_mutex_unlock(&held);
    return NULL;
}

static void *crasher(void *unused)
{
    (void)unused;
    pthread_barrier_wait(&locked);
    if (segv) {
        volatile int *nowhere = NULL;
        *nowhere = 1;
    }
    abort();
}

int main(int argc, char **argv)
{
    segv = argc > 1 && strcmp(argv[1], "segv") == 0;
    pthread_barrier_init(&locked, NULL, 2);
    pthread_t a, b;
    pthread_create(&a, NULL, holder, NULL);
    pthread_create(&b, NULL, crasher, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
