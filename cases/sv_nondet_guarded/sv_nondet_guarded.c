/* SV-COMP style: a nondeterministic number of increments, each under the
 * lock: no race whatever the number.
 * racelab: truth=norace */
#include <pthread.h>

extern int __VERIFIER_nondet_int(void);

int counter = 0;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

void *worker(void *arg)
{
    int rounds = *(int *)arg;
    for (int i = 0; i < rounds; i++) {
        pthread_mutex_lock(&m);
        counter++; // NORACE
        pthread_mutex_unlock(&m);
    }
    return 0;
}

int main(void)
{
    int rounds = __VERIFIER_nondet_int();
    if (rounds < 0 || rounds > 1000)
        return 0;
    pthread_t t1, t2;
    pthread_create(&t1, 0, worker, &rounds);
    pthread_create(&t2, 0, worker, &rounds);
    pthread_join(t1, 0);
    pthread_join(t2, 0);
    return counter == 2 * rounds ? 0 : 1;
}
