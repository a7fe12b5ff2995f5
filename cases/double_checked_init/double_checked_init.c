/* double_checked_init: lazy initialisation, checked twice, with plain pointers.
 *
 * get_config() tests `instance` without the lock and takes the lock only if
 * it is still NULL: the classic double-checked pattern.  The unlocked test
 * reads `instance` while another thread may be writing it under the lock,
 * and a thread that finds it set reads the fields another thread wrote,
 * with nothing ordering those writes before its reads: it can see the
 * pointer before the fields.  Both are races.  The fix: pthread_once
 * (cases/pthread_once_init), or an atomic pointer with release/acquire.
 *
 * The second thread starts 100 ms late, after the first has initialised,
 * so every run takes the same path (the sleep orders nothing).
 *
 * racelab: truth=race
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct config {
    int verbose;
};

static struct config *instance;
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;

static struct config *get_config(void)
{
    if (instance == NULL) { // RACE! the check without the lock
        pthread_mutex_lock(&init_lock);
        if (instance == NULL) { // NORACE: under the lock
            struct config *fresh = malloc(sizeof *fresh);
            if (fresh == NULL)
                abort();
            fresh->verbose = 1; // RACE! written here, read by another thread unordered
            instance = fresh;   // RACE! published with a plain store
        }
        pthread_mutex_unlock(&init_lock);
    }
    return instance; // RACE!
}

static void *use_config(void *arg)
{
    long delay_ns = *(const long *)arg;
    nanosleep(&(struct timespec){.tv_nsec = delay_ns}, NULL);
    return (void *)(long)get_config()->verbose; // RACE!
}

int main(void)
{
    static const long delays[2] = {0, 100000000L};
    pthread_t first, second;
    pthread_create(&first, NULL, use_config, (void *)&delays[0]);
    pthread_create(&second, NULL, use_config, (void *)&delays[1]);
    void *verbose_first, *verbose_second;
    pthread_join(first, &verbose_first);
    pthread_join(second, &verbose_second);
    printf("double_checked_init: verbose %ld and %ld\n", (long)verbose_first, (long)verbose_second);
    free(instance);
    return 0;
}
