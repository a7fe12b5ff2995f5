/* many_leaks: five threads never joined.
 *
 * TSan reports one "thread leak" and adds "And 4 more similar thread
 * leaks.": the finding stands for five threads. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static void *idle(void *arg)
{
    return arg;
}

int main(void)
{
    for (int i = 0; i < 5; i++) {
        pthread_t thread;
        pthread_create(&thread, NULL, idle, NULL); /* never joined */
    }
    struct timespec nap = {.tv_nsec = 200 * 1000 * 1000}; /* let them finish */
    nanosleep(&nap, NULL);
    puts("many_leaks: done");
    return 0;
}
