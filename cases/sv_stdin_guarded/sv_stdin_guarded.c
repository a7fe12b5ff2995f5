/* SV-COMP style, reading its input: a line of stdin chooses whether the
 * workers take the mutex; the input file says "lock", so they do and there
 * is no race (without the input the default is to lock too).
 * racelab: truth=norace
 * racelab: stdin=mode.txt */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

int total = 0;
int use_lock = 1;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        if (use_lock)
            pthread_mutex_lock(&m);
        total = total + 1; //NORACE
        if (use_lock)
            pthread_mutex_unlock(&m);
    }
    return 0;
}

int main(void)
{
    char mode[16] = "lock";
    if (fgets(mode, sizeof mode, stdin) != NULL)
        mode[strcspn(mode, "\n")] = '\0';
    use_lock = strcmp(mode, "nolock") != 0;
    pthread_t a, b;
    pthread_create(&a, 0, worker, 0);
    pthread_create(&b, 0, worker, 0);
    pthread_join(a, 0);
    pthread_join(b, 0);
    return total != 200;
}
