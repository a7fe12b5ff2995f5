/* mailbox.h: a one-slot mailbox that hands values from a producer thread to
 * a consumer thread, in two implementations with the same interface:
 *
 *   mailbox_spin.c    a plain `full` flag polled in a loop: a data race on
 *                     the flag and on the value (the bug racelab must find)
 *   mailbox_locked.c  a mutex and two condition variables (the fix)
 */
#ifndef HANDOFF_MAILBOX_H
#define HANDOFF_MAILBOX_H

struct mailbox;

struct mailbox *mailbox_new(void);
void mailbox_free(struct mailbox *box);
void mailbox_put(struct mailbox *box, long value); /* waits until the slot is empty */
long mailbox_take(struct mailbox *box);            /* waits until the slot is full */

#endif
