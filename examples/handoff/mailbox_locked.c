/* mailbox_locked.c: the mailbox with a mutex and two condition variables.
 *
 * Every access to the slot is made holding `lock`, so the producer's write
 * happens before the consumer's read; the waits sleep instead of spinning. */
#include "mailbox.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct mailbox {
    pthread_mutex_t lock;
    pthread_cond_t emptied; /* signalled when `full` becomes false */
    pthread_cond_t filled;  /* signalled when `full` becomes true */
    long value;
    bool full;
};

struct mailbox *mailbox_new(void)
{
    struct mailbox *box = calloc(1, sizeof *box);
    if (box == NULL)
        return NULL;
    pthread_mutex_init(&box->lock, NULL);
    pthread_cond_init(&box->emptied, NULL);
    pthread_cond_init(&box->filled, NULL);
    return box;
}

void mailbox_free(struct mailbox *box)
{
    pthread_cond_destroy(&box->filled);
    pthread_cond_destroy(&box->emptied);
    pthread_mutex_destroy(&box->lock);
    free(box);
}

void mailbox_put(struct mailbox *box, long value)
{
    pthread_mutex_lock(&box->lock);
    while (box->full)
        pthread_cond_wait(&box->emptied, &box->lock);
    box->value = value;
    box->full = true;
    pthread_cond_signal(&box->filled);
    pthread_mutex_unlock(&box->lock);
}

long mailbox_take(struct mailbox *box)
{
    pthread_mutex_lock(&box->lock);
    while (!box->full)
        pthread_cond_wait(&box->filled, &box->lock);
    long value = box->value;
    box->full = false;
    pthread_cond_signal(&box->emptied);
    pthread_mutex_unlock(&box->lock);
    return value;
}
