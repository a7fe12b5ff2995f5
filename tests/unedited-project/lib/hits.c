/* hits.c: two threads bump one count with no lock: the race is here, in
 * the library, and must be blamed here. */
#include <pthread.h>

#include "hits.h"

static long count;

static void *bump(void *unused)
{
    (void)unused;
    count += 1;
    return NULL;
}

long hits_bump_twice(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, bump, NULL);
    pthread_create(&b, NULL, bump, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return count;
}
