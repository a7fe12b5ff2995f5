/* tally.h: a shared count, with a locked and an unlocked way to add. */
#ifndef SUITE_TALLY_H
#define SUITE_TALLY_H

#include <pthread.h>

struct tally {
    pthread_mutex_t lock;
    long count;
};

void tally_init(struct tally *tally);
void tally_add(struct tally *tally, long amount);          /* under the lock */
void tally_add_unlocked(struct tally *tally, long amount); /* racy when shared */
long tally_get(struct tally *tally);
void tally_destroy(struct tally *tally);

#endif
