/* SV-COMP style: two threads increment a global without a lock.
 * racelab: truth=race */
#include <pthread.h>

int x = 0;

void *thread1(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        x++; //RACE!
    return 0;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, 0, thread1, 0);
    pthread_create(&t2, 0, thread1, 0);
    pthread_join(t1, 0);
    pthread_join(t2, 0);
    return 0;
}
