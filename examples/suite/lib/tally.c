/* tally.c: the library the suite's programs share. */
#include "tally.h"

void tally_init(struct tally *tally)
{
    pthread_mutex_init(&tally->lock, NULL);
    tally->count = 0;
}

void tally_add(struct tally *tally, long amount)
{
#ifndef SUITE_REMOVE_LOCK
    pthread_mutex_lock(&tally->lock);
#endif
    tally->count += amount;
#ifndef SUITE_REMOVE_LOCK
    pthread_mutex_unlock(&tally->lock);
#endif
}

void tally_add_unlocked(struct tally *tally, long amount)
{
    tally->count += amount;
}

long tally_get(struct tally *tally)
{
    pthread_mutex_lock(&tally->lock);
    long count = tally->count;
    pthread_mutex_unlock(&tally->lock);
    return count;
}

void tally_destroy(struct tally *tally)
{
    pthread_mutex_destroy(&tally->lock);
}
