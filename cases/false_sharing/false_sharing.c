/* false_sharing: nothing shared, and still slow.
 *
 * Each thread adds into its own slot, as in cases/isolated, but the slots
 * are 8 bytes apart: eight of them share one 64-byte cache line, so the
 * cores pass that line back and forth on every increment although no two
 * threads touch the same variable.  No race, no detector reports anything,
 * the total is right; the cost shows only in time: the benchmark's
 * `false-sharing` row runs 4.1x slower than `padded` (one slot per cache
 * line) at 2 threads (README, "Benchmark").
 *
 * racelab: truth=norace
 * racelab: cli=counter
 * racelab: args.tsan=2 1000000
 * racelab: args.helgrind=2 50000
 * racelab: args.drd=2 50000
 */
#include "counter_cli.h"

struct slot {
    volatile long count; /* volatile: every increment really goes to memory */
};

static struct slot slots[COUNTER_MAX_THREADS]; /* adjacent: one cache line per 8 slots */

struct work {
    struct slot *slot;
    long iterations;
};

static void *add_to_own_slot(void *arg)
{
    const struct work *work = arg;
    struct slot *mine = work->slot;
    for (long i = 0; i < work->iterations; i++)
        mine->count += 1; // NORACE: only this thread uses this slot
    return NULL;
}

static long count_false_sharing(int threads, long iterations)
{
    static struct work work[COUNTER_MAX_THREADS];
    for (int t = 0; t < threads; t++) {
        slots[t].count = 0;
        work[t] = (struct work){.slot = &slots[t], .iterations = iterations};
    }
    run_threads(threads, add_to_own_slot, work, sizeof work[0]);
    long total = 0;
    for (int t = 0; t < threads; t++)
        total += slots[t].count; /* after pthread_join */
    return total;
}

int main(int argc, char **argv)
{
    return counter_main(argc, argv, "false_sharing", count_false_sharing, TOTAL_MUST_BE_EXACT);
}
