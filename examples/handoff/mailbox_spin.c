/* mailbox_spin.c: the mailbox as it is often first written, and why it is wrong.
 *
 * The producer writes the value, then sets `full`; the consumer waits for
 * `full`, then reads the value.  Nothing orders the two threads' accesses:
 * the compiler and the CPU may reorder them, and the C standard calls the
 * program's behaviour undefined.  That it usually hands over the right value
 * is exactly why a detector, not the output, has to judge it. */
#include "mailbox.h"

#include <sched.h>
#include <stdlib.h>

struct mailbox {
    long value;
    int full; /* plain int: a data race with the other thread */
};

struct mailbox *mailbox_new(void)
{
    return calloc(1, sizeof(struct mailbox));
}

void mailbox_free(struct mailbox *box)
{
    free(box);
}

void mailbox_put(struct mailbox *box, long value)
{
    while (box->full)
        sched_yield();
    box->value = value;
    box->full = 1;
}

long mailbox_take(struct mailbox *box)
{
    while (!box->full)
        sched_yield();
    long value = box->value;
    box->full = 0;
    return value;
}
