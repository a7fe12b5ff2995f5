/* pthread_once_init: lazy initialisation done right.
 *
 * cases/double_checked_init with the checks replaced by pthread_once: the
 * first caller runs init_config, every other caller waits until it has
 * finished, and the return of pthread_once orders the initialisation
 * before everything the caller does next.  No race, no lock to manage.
 *
 * racelab: truth=norace
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
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void init_config(void)
{
    struct config *fresh = malloc(sizeof *fresh);
    if (fresh == NULL)
        abort();
    fresh->verbose = 1; // NORACE: pthread_once orders it before every caller's read
    instance = fresh;   // NORACE: likewise
}

static struct config *get_config(void)
{
    pthread_once(&config_once, init_config);
    return instance; // NORACE: after pthread_once returned
}

static void *use_config(void *arg)
{
    long delay_ns = *(const long *)arg;
    nanosleep(&(struct timespec){.tv_nsec = delay_ns}, NULL);
    return (void *)(long)get_config()->verbose; // NORACE: after pthread_once returned
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
    printf("pthread_once_init: verbose %ld and %ld\n", (long)verbose_first, (long)verbose_second);
    free(instance);
    return (long)verbose_first == 1 && (long)verbose_second == 1 ? 0 : 1;
}
