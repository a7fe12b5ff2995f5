/* handoff.c: a producer thread sends 1..N through a mailbox; the main thread
 * takes them and checks their sum.
 *
 * usage: handoff [N]   (default 100)
 * Exit status 0 when the sum is right, 1 when it is not, 2 on a bad argument. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "mailbox.h"

struct producer {
    struct mailbox *box;
    long count;
};

static void *produce(void *argument)
{
    struct producer *producer = argument;
    for (long i = 1; i <= producer->count; i++)
        mailbox_put(producer->box, i);
    return NULL;
}

int main(int argc, char **argv)
{
    long count = 100;
    if (argc > 2 || (argc == 2 && (errno = 0, count = strtol(argv[1], NULL, 10), errno != 0 || count < 1))) {
        fprintf(stderr, "usage: %s [N]: N is a whole number from 1\n", argv[0]);
        return 2;
    }
    struct producer producer = {.box = mailbox_new(), .count = count};
    if (producer.box == NULL) {
        fputs("handoff: out of memory\n", stderr);
        return 1;
    }
    pthread_t thread;
    if (pthread_create(&thread, NULL, produce, &producer) != 0) {
        fputs("handoff: cannot start the producer thread\n", stderr);
        return 1;
    }
    long sum = 0;
    for (long i = 0; i < count; i++)
        sum += mailbox_take(producer.box);
    pthread_join(thread, NULL);
    mailbox_free(producer.box);

    long expected = count * (count + 1) / 2;
    printf("received %ld values, sum %ld (expected %ld)\n", count, sum, expected);
    return sum == expected ? 0 : 1;
}
