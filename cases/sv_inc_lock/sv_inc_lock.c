/* SV-COMP style: two threads increment a global under one mutex.
 * racelab: truth=norace */
#include <pthread.h>

int x = 0;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

void *thread1(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&m);
        x++; //NORACE
        pthread_mutex_unlock(&m);
    }
    return 0;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, 0, thread1, 0);
    pthread_create(&t2, 0, thread1, 0);
    pthread_join(t1, 0);
    pthread_join(t2, 0);
    return x == 200 ? 0 : 1;
}
