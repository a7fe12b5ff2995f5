/* SV-COMP style: main reads the thread's result after the join.
 * racelab: truth=norace */
#include <pthread.h>

int result = 0;

void *compute(void *arg)
{
    (void)arg;
    result = 42; //NORACE
    return 0;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, 0, compute, 0);
    pthread_join(t, 0);
    return result == 42 ? 0 : 1; //NORACE
}
