/* SV-COMP style: the thread writes g on a nondeterministic branch while
 * main reads it before the join.  The lab's __VERIFIER_nondet_int returns
 * 1 (common/verifier.c), so the racing branch is taken.
 * racelab: truth=race */
#include <pthread.h>

extern int __VERIFIER_nondet_int(void);

int g = 0;

void *writer(void *arg)
{
    (void)arg;
    if (__VERIFIER_nondet_int())
        g = 1; //RACE!
    return 0;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, 0, writer, 0);
    int seen = g; //RACE!
    pthread_join(t, 0);
    return seen < 0;
}
