/* forks [child]: a program that forks, as test suites of signal handling
 * and daemons do, and as test frameworks that run each test in a child
 * (acutest, Check) do; real projects showed both.
 *
 * forks: the child only exits, then the parent races on `shared`.  Under
 * Valgrind a forked child writes its own XML end into the parent's report
 * file unless racelab silences it (--child-silent-after-fork=yes): the
 * report was then "malformed", no verdict.  The race must be read as usual.
 *
 * forks child: the child races and the parent, like such a framework whose
 * test "passed", exits 0.  TSan's report comes from the child (its pid),
 * with the parent's exit status 0, not 66: the race is still a fact. */
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

static void race(void)
{
    pthread_t a, b;
    if (pthread_create(&a, NULL, racer, NULL) != 0 || pthread_create(&b, NULL, racer, NULL) != 0) {
        fputs("forks: pthread_create failed\n", stderr);
        exit(2);
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);
}

int main(int argc, char **argv)
{
    int in_child = argc > 1 && argv[1][0] == 'c';
    pid_t child = fork();
    if (child < 0) {
        perror("forks: fork");
        return 2;
    }
    if (child == 0) {
        if (in_child)
            race();
        exit(0);
    }
    int status = 0;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status)) {
        fputs("forks: the child did not exit\n", stderr);
        return 2;
    }
    if (!in_child)
        race();
    printf("forks: %ld\n", shared);
    return 0;
}
