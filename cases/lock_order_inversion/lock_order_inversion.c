/* lock_order_inversion: two locks taken in opposite orders (a potential deadlock).
 *
 * One thread takes lock_a then lock_b; the other takes lock_b then lock_a.
 * Had they overlapped, each could hold one lock and wait forever for the
 * other.  Here they never overlap (the second starts after the first is
 * joined), so the program always finishes and every access to `shared` is
 * locked: no data race, and no real deadlock.  The bug is the order itself:
 * ThreadSanitizer and Helgrind record which locks are held when another is
 * taken and report the cycle a -> b -> a; DRD has no such check.  The fix
 * is one global order: every thread takes lock_a first.
 *
 * racelab: truth=norace
 * racelab: bug=lock-order-inversion
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
static int shared;

static void *a_then_b(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock_a);
    pthread_mutex_lock(&lock_b);
    shared += 1; // NORACE: both locks held
    pthread_mutex_unlock(&lock_b);
    pthread_mutex_unlock(&lock_a);
    return NULL;
}

static void *b_then_a(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock_b);
    pthread_mutex_lock(&lock_a); /* the inversion: b before a */
    shared += 1; // NORACE: both locks held
    pthread_mutex_unlock(&lock_a);
    pthread_mutex_unlock(&lock_b);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, a_then_b, NULL);
    pthread_join(t, NULL); /* one after the other: the deadlock cannot happen here */
    pthread_create(&t, NULL, b_then_a, NULL);
    pthread_join(t, NULL);
    printf("lock_order_inversion: shared %d\n", shared);
    return shared == 2 ? 0 : 1;
}
