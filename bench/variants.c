/* variants.c: the counters the benchmark adds to the three cases.
 *
 * The loops below must do what they say, one memory update per iteration.
 * At -O2/-O3 gcc and clang replace a loop that only adds 1 to a plain
 * variable by a single add (that is what happens to cases/unsafe and
 * cases/isolated, and the benchmark reports it).  So:
 *  - the slot counters are `volatile long`: every `+= 1` must then be a real
 *    load and store of that slot.  volatile is NOT used for synchronisation
 *    here: each slot has exactly one writer, and main reads the slots only
 *    after pthread_join, which orders the writes before the reads.
 *  - the atomic counter needs no volatile: gcc and clang never merge or drop
 *    atomic read-modify-writes, each atomic_fetch_add is one `lock xadd`.
 * The benchmark checks both claims at run time: a loop the compiler folded
 * takes the same time for 1/16 of the work and is flagged "folded". */
#include "variants.h"

#include <stdalign.h>
#include <stdatomic.h>

enum { CACHE_LINE = 64 }; /* x86-64 and most arm64 cores; see getconf LEVEL1_DCACHE_LINESIZE */

/* ---- plain: one thread, one counter: the cost of one memory increment ---- */

static volatile long plain_counter;

static void *plain_worker(void *arg)
{
    const long iterations = *(const long *)arg;
    for (long i = 0; i < iterations; i++)
        plain_counter += 1; /* volatile: a load and a store, every iteration */
    return NULL;
}

/* Only ever run with threads == 1: with more it is unsafe.c, made volatile. */
long count_plain(int threads, long iterations)
{
    plain_counter = 0;
    run_threads(threads, plain_worker, &iterations, 0);
    return plain_counter;
}

/* ---- atomic: one shared counter, each increment one atomic RMW ---- */

static atomic_long atomic_counter;

static void *atomic_worker(void *arg)
{
    const long iterations = *(const long *)arg;
    for (long i = 0; i < iterations; i++)
        atomic_fetch_add(&atomic_counter, 1); /* correct, but every core fights for one line */
    return NULL;
}

long count_atomic(int threads, long iterations)
{
    atomic_store(&atomic_counter, 0);
    run_threads(threads, atomic_worker, &iterations, 0);
    return atomic_load(&atomic_counter);
}

/* ---- per-thread slots: correct without any lock, but where do they live? ---- */

/* What each thread is told: its own slot, and how many times to add. */
struct slot_job {
    volatile long *slot;
    long iterations;
};

static struct slot_job jobs[COUNTER_MAX_THREADS]; /* read-only once threads run */

static void *slot_worker(void *arg)
{
    const struct slot_job *job = arg;
    volatile long *slot = job->slot;
    const long iterations = job->iterations;
    for (long i = 0; i < iterations; i++)
        *slot += 1; /* only this thread writes this slot */
    return NULL;
}

/* Points job t at slot t (`stride` bytes apart), runs the threads, sums. */
static long count_in_slots(int threads, long iterations, char *slots, size_t stride)
{
    for (int t = 0; t < threads; t++) {
        volatile long *slot = (volatile long *)(void *)(slots + (size_t)t * stride);
        *slot = 0;
        jobs[t] = (struct slot_job){.slot = slot, .iterations = iterations};
    }
    run_threads(threads, slot_worker, jobs, sizeof jobs[0]);
    long total = 0;
    for (int t = 0; t < threads; t++)
        total += *jobs[t].slot; /* safe: every thread has been joined */
    return total;
}

/* false sharing: 8-byte slots side by side, so eight threads' slots share
 * one 64-byte cache line.  No data is shared, but the line is: each write
 * takes the line away from the other cores, as if they shared a counter. */
struct packed_slot {
    volatile long count;
};
static alignas(CACHE_LINE) struct packed_slot packed_slots[COUNTER_MAX_THREADS];

long count_false_sharing(int threads, long iterations)
{
    return count_in_slots(threads, iterations, (char *)packed_slots, sizeof packed_slots[0]);
}

/* padded: the same slots, each aligned to (so alone on) its own cache line. */
struct padded_slot {
    alignas(CACHE_LINE) volatile long count;
};
_Static_assert(sizeof(struct padded_slot) == CACHE_LINE, "one padded slot per cache line");
static struct padded_slot padded_slots[COUNTER_MAX_THREADS];

long count_padded(int threads, long iterations)
{
    return count_in_slots(threads, iterations, (char *)padded_slots, sizeof padded_slots[0]);
}

/* ---- the list the benchmark walks, in table order ---- */

const struct variant bench_variants[] = {
    {"plain", count_plain, true, true,
     "1 thread, volatile counter += 1: the baseline every 'x plain' divides by"},
    {"unsafe", count_unsafe, false, false,
     "cases/unsafe: shared counter += 1, no lock (racy; lost updates counted)"},
    {"unsafe-O0", count_unsafe_O0, false, false,
     "cases/unsafe built at -O0, as the Valgrind lab builds it: one load and store per increment"},
    {"mutex", count_mutex, true, false,
     "cases/mutex: shared counter += 1 under a pthread mutex"},
    {"isolated", count_isolated, true, false,
     "cases/isolated: local counter per thread, one store at the end"},
    {"atomic", count_atomic, true, false,
     "shared atomic_long, atomic_fetch_add(&c, 1) per increment"},
    {"false-sharing", count_false_sharing, true, false,
     "per-thread volatile slots packed 8 to a 64-byte line"},
    {"padded", count_padded, true, false,
     "per-thread volatile slots, each on its own 64-byte line"},
};
const size_t bench_variant_count = sizeof bench_variants / sizeof bench_variants[0];

const int bench_thread_counts[] = {1, 2, 4, 8};
const size_t bench_thread_count_count = sizeof bench_thread_counts / sizeof bench_thread_counts[0];
