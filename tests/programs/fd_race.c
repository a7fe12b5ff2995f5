/* fd_race: a race on a file descriptor.
 *
 * The worker writes to a pipe while main closes the descriptor: TSan
 * reports a data race whose location is "file descriptor N created by
 * main thread at: pipe". */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int fds[2];

static void *writer(void *arg)
{
    (void)arg;
    ssize_t written = write(fds[1], "x", 1); /* uses the descriptor */
    (void)written;
    return NULL;
}

int main(void)
{
    if (pipe(fds) != 0)
        return 1;
    pthread_t thread;
    pthread_create(&thread, NULL, writer, NULL);
    close(fds[1]); /* the race: closes it while the worker may use it */
    pthread_join(thread, NULL);
    close(fds[0]);
    puts("fd_race: done");
    return 0;
}
