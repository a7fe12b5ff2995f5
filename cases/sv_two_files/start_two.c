/* Part of sv_two_files: two threads running one function, joined. */
#include <pthread.h>

void start_two(void *(*function)(void *));

void start_two(void *(*function)(void *))
{
    pthread_t a, b;
    pthread_create(&a, 0, function, 0);
    pthread_create(&b, 0, function, 0);
    pthread_join(a, 0);
    pthread_join(b, 0);
}
