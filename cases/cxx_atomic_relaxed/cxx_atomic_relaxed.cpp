// cxx_atomic_relaxed: std::atomic with memory_order_relaxed, correctly.
//
// Two workers count with fetch_add(relaxed) and publish their progress with
// store(relaxed); a watcher reads the progress with load(relaxed).  Relaxed
// atomics order nothing else, but nothing else is shared: every access to
// shared memory is atomic, so there is no data race, and the total is
// exact (the fetch_add is one indivisible read-modify-write).
//
// racelab: truth=norace
#include <atomic>
#include <cstdio>
#include <thread>

static std::atomic<long> counter{0};
static std::atomic<long> progress{0};

static void work(int times)
{
    for (int i = 0; i < times; i++) {
        counter.fetch_add(1, std::memory_order_relaxed);  // NORACE: atomic
        progress.store(i, std::memory_order_relaxed);     // NORACE: atomic
    }
}

static void watch(long *seen)
{
    for (int i = 0; i < 1000; i++)
        *seen += progress.load(std::memory_order_relaxed) > 0; // NORACE: atomic load
}

int main()
{
    long seen = 0;
    std::thread first(work, 20000);
    std::thread second(work, 20000);
    std::thread watcher(watch, &seen);
    first.join();
    second.join();
    watcher.join();
    long total = counter.load();
    std::printf("cxx_atomic_relaxed: total %ld of 40000, progress seen %ld times\n", total, seen);
    return total == 40000 ? 0 : 1;
}
