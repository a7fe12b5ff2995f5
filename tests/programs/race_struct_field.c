/* race_struct_field: a data race on a field of a function-static struct.
 *
 * `stats` is a static local of get_stats(), so gcc emits it as the symbol
 * 'stats.0' (clang as 'get_stats.stats'); two threads both increment
 * stats.hits with no lock.  The race is on 8 bytes at offset 8 of the
 * 16-byte object, which shows how detectors name such variables. */
#include <pthread.h>
#include <stdio.h>

struct counters {
    long calls;
    long hits;
};

static struct counters *get_stats(void)
{
    static struct counters stats;
    return &stats;
}

static void *record_hit(void *arg)
{
    (void)arg;
    get_stats()->hits += 1; /* the race: both threads write stats.hits */
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, record_hit, NULL);
    pthread_create(&b, NULL, record_hit, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("race_struct_field: hits %ld\n", get_stats()->hits);
    return 0;
}
