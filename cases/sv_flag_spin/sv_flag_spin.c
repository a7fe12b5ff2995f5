/* SV-COMP style: a plain int flag as a handoff, busy-waited on: the flag
 * and the data it guards both race (no atomics, no lock).
 * racelab: truth=race */
#include <pthread.h>

int data = 0;
volatile int flag = 0;

void *producer(void *arg)
{
    (void)arg;
    data = 7; //RACE!
    flag = 1; //RACE!
    return 0;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, 0, producer, 0);
    while (flag == 0) //RACE!
        ;
    int seen = data; //RACE!
    pthread_join(t, 0);
    return seen == 7 ? 0 : 1;
}
