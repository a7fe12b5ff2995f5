/* SV-COMP style: one thread updates inside an atomic section, the other
 * does not: the section protects nothing against a thread outside it.
 * racelab: truth=race */
#include <pthread.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);

int counter = 0;

void *careful(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        __VERIFIER_atomic_begin();
        counter = counter + 1; // RACE! the other thread takes no section
        __VERIFIER_atomic_end();
    }
    return 0;
}

void *careless(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        counter = counter + 1; // RACE!
    return 0;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, 0, careful, 0);
    pthread_create(&t2, 0, careless, 0);
    pthread_join(t1, 0);
    pthread_join(t2, 0);
    return 0;
}
