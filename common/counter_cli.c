/* counter_cli.c: argument parsing, thread start/join and the printed total. */
#include "counter_cli.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DEFAULT_THREADS = 2 };
static const long DEFAULT_ITERATIONS = 1000000;
static const long MAX_ITERATIONS = 1000000000L;

/* Reads a whole decimal number in [min, max]; anything else is rejected. */
static int parse_count(const char *text, long min, long max, long *value)
{
    char *end = NULL;
    errno = 0;
    long parsed = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || parsed < min || parsed > max)
        return -1;
    *value = parsed;
    return 0;
}

int counter_main(int argc, char **argv, const char *name, count_function count,
                 enum total_rule rule)
{
    long threads = DEFAULT_THREADS;
    long iterations = DEFAULT_ITERATIONS;
    if (argc > 3) {
        fprintf(stderr, "usage: %s [THREADS [ITERATIONS]]: too many arguments\n", name);
        return 2;
    }
    if (argc > 1 && parse_count(argv[1], 1, COUNTER_MAX_THREADS, &threads) != 0) {
        fprintf(stderr, "usage: %s [THREADS [ITERATIONS]]: THREADS must be a whole number from 1 to %d, got '%s'\n",
                name, COUNTER_MAX_THREADS, argv[1]);
        return 2;
    }
    if (argc > 2 && parse_count(argv[2], 1, MAX_ITERATIONS, &iterations) != 0) {
        fprintf(stderr, "usage: %s [THREADS [ITERATIONS]]: ITERATIONS must be a whole number from 1 to %ld, got '%s'\n",
                name, MAX_ITERATIONS, argv[2]);
        return 2;
    }

    long expected = threads * iterations;
    long total = count((int)threads, iterations);
    printf("%s: total %ld, expected %ld", name, total, expected);
    if (total != expected)
        printf(" (%ld updates lost)", expected - total);
    printf("\n");
    return ((rule == TOTAL_MUST_BE_EXACT || counter_exact_total_requested()) && total != expected) ? 1 : 0;
}

void run_threads(int threads, void *(*worker)(void *), void *args, size_t arg_size)
{
    pthread_t ids[COUNTER_MAX_THREADS];
    for (int t = 0; t < threads; t++) {
        int error = pthread_create(&ids[t], NULL, worker, (char *)args + (size_t)t * arg_size);
        if (error != 0) {
            fprintf(stderr, "pthread_create: %s\n", strerror(error));
            exit(3);
        }
    }
    for (int t = 0; t < threads; t++)
        pthread_join(ids[t], NULL);
}

/* Defined last so that the lines above keep the numbers the saved reports
 * and the README quote (counter_cli.c:48 and :60). */
bool counter_exact_total_requested(void)
{
    const char *value = getenv("COUNTER_EXACT_TOTAL");
    return value != NULL && strcmp(value, "1") == 0;
}
