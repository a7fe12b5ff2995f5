/* lock_order: a lock-order inversion (a potential deadlock).
 *
 * Thread one takes lock_a then lock_b; after it is joined, thread two takes
 * lock_b then lock_a.  They never run together, so nothing deadlocks, but
 * the two orders form a cycle a -> b -> a: had they overlapped, each could
 * hold one lock and wait forever for the other.  TSan reports a
 * "lock-order-inversion (potential deadlock)", Helgrind a LockOrder error. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
static int shared;

static void *a_then_b(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock_a);
    pthread_mutex_lock(&lock_b); /* order a -> b */
    shared += 1;
    pthread_mutex_unlock(&lock_b);
    pthread_mutex_unlock(&lock_a);
    return NULL;
}

static void *b_then_a(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock_b);
    pthread_mutex_lock(&lock_a); /* order b -> a: the inversion */
    shared += 1;
    pthread_mutex_unlock(&lock_a);
    pthread_mutex_unlock(&lock_b);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, a_then_b, NULL);
    pthread_join(t, NULL); /* run one after the other: no real deadlock */
    pthread_create(&t, NULL, b_then_a, NULL);
    pthread_join(t, NULL);
    printf("lock_order: shared %d\n", shared);
    return 0;
}
