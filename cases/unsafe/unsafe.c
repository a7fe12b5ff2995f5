/* unsafe: every thread adds 1 to one shared counter, with no lock.
 *
 * `counter += 1` is three steps: read counter, add 1, write it back.  Two
 * threads can read the same value and both write value + 1, so one update
 * is lost.  ThreadSanitizer, Helgrind and DRD all report it as a data race,
 * even when the printed total happens to come out right. */
#include "counter_cli.h"

static long counter; /* shared by every thread and protected by nothing */

static void *add_to_shared_counter(void *arg)
{
    const long *iterations = arg;
    for (long i = 0; i < *iterations; i++) {
        counter += 1; /* the race: an unsynchronised read-modify-write */
    }
    return NULL;
}

long count_unsafe(int threads, long iterations)
{
    counter = 0;
    run_threads(threads, add_to_shared_counter, &iterations, 0);
    return counter;
}

#ifndef RACELAB_NO_MAIN /* the benchmark links count_unsafe without this main */
int main(int argc, char **argv)
{
    return counter_main(argc, argv, "unsafe", count_unsafe, TOTAL_MAY_BE_WRONG);
}
#endif

/* Ground truth and what the lab runs (README, "Cases").  Declared here, at
 * the end, because the reader's golden outputs quote this file's lines.
 * racelab: truth=race
 * racelab: race-line=15
 * racelab: cli=counter
 * racelab: args.tsan=2 1000000
 * racelab: args.helgrind=2 50000
 * racelab: args.drd=2 50000
 */
