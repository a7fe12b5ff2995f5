/* race_in_libc: a race whose reading side is inside the C library.
 *
 * The worker writes `line`; main passes it to puts() at the same time, so
 * the conflicting read happens in glibc (strlen or the copy into stdout's
 * buffer).  With libc's debug info, Valgrind's text shows such frames as
 * `puts (ioputs.c:35)`; the program's own line is race_in_libc.c's puts call. */
#include <pthread.h>
#include <stdio.h>

static char line[16] = "hello";

static void *scribble(void *arg)
{
    (void)arg;
    line[0] = 'j'; /* the race, the writing side */
    return NULL;
}

int main(void)
{
    pthread_t worker;
    pthread_create(&worker, NULL, scribble, NULL);
    puts(line); /* the reading side, inside libc */
    pthread_join(worker, NULL);
    return 0;
}
