/* SV-COMP style: every access to the shared counter is inside
 * __VERIFIER_atomic_begin/_end (the lab's stub: one global mutex).
 * racelab: truth=norace */
#include <pthread.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);

int counter = 0;

void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        __VERIFIER_atomic_begin();
        counter = counter + 1; // NORACE
        __VERIFIER_atomic_end();
    }
    return 0;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, 0, worker, 0);
    pthread_create(&t2, 0, worker, 0);
    pthread_join(t1, 0);
    pthread_join(t2, 0);
    return counter == 200 ? 0 : 1;
}
