/* atomic_counter: the unsafe counter, made one indivisible step.
 *
 * atomic_fetch_add reads counter, adds 1 and writes it back as one atomic
 * read-modify-write (a `lock add` on x86): no update is lost and no two
 * accesses race.  ThreadSanitizer knows C11 atomics; Helgrind and DRD do
 * not, but they do not report a lock-prefixed instruction either.  Correct,
 * and still slow: every increment moves the counter's cache line between
 * cores (the benchmark's `atomic` row: 42x a plain increment at 2 threads).
 *
 * racelab: truth=norace
 * racelab: cli=counter
 * racelab: args.tsan=2 1000000
 * racelab: args.helgrind=2 50000
 * racelab: args.drd=2 50000
 */
#include <stdatomic.h>

#include "counter_cli.h"

static atomic_long counter;

static void *add_atomically(void *arg)
{
    const long *iterations = arg;
    for (long i = 0; i < *iterations; i++)
        atomic_fetch_add(&counter, 1); // NORACE: one atomic read-modify-write
    return NULL;
}

static long count_atomic_counter(int threads, long iterations)
{
    atomic_store(&counter, 0);
    run_threads(threads, add_atomically, &iterations, 0);
    return atomic_load(&counter);
}

int main(int argc, char **argv)
{
    return counter_main(argc, argv, "atomic_counter", count_atomic_counter, TOTAL_MUST_BE_EXACT);
}
