/* forks: a program whose test forks, as test suites of signal handling and
 * daemons do (a real library's signal test showed it), then races.
 *
 * The child only exits.  Under Valgrind a forked child writes its own XML
 * end into the parent's report file unless racelab silences it
 * (--child-silent-after-fork=yes): the report was then "malformed", no
 * verdict.  The parent's race on `shared` must be read as usual. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static long shared;

static void *racer(void *unused)
{
    (void)unused;
    shared += 1;
    return NULL;
}

int main(void)
{
    pid_t child = fork();
    if (child < 0) {
        perror("forks: fork");
        return 2;
    }
    if (child == 0)
        exit(0);
    int status = 0;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fputs("forks: the child did not exit 0\n", stderr);
        return 2;
    }
    pthread_t a, b;
    if (pthread_create(&a, NULL, racer, NULL) != 0 || pthread_create(&b, NULL, racer, NULL) != 0) {
        fputs("forks: pthread_create failed\n", stderr);
        return 2;
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("forks: %ld\n", shared);
    return 0;
}
