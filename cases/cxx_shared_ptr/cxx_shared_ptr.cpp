// cxx_shared_ptr: std::shared_ptr copies across threads.
//
// Each thread gets its own copy of main's shared_ptr, copies it again and
// again, and only reads the object; main drops its own copy while they
// run.  All copies share one reference count in the control block, which
// libstdc++ updates atomically; the last copy to go, whichever thread
// holds it, deletes the object after every other copy is gone.  No race:
// the count is atomic, the object only read until then, and no thread
// touches another's shared_ptr object.
//
// racelab: truth=norace
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

struct Settings {
    int level = 3;
};

static void reader(std::shared_ptr<Settings> mine, int rounds, long *sum)
{
    for (int i = 0; i < rounds; i++) {
        std::shared_ptr<Settings> copy = mine; // NORACE: the count is atomic
        *sum += copy->level;                   // NORACE: only read
    }
}

int main()
{
    auto shared = std::make_shared<Settings>();
    // Both threads' copies made before either starts: main touches the
    // count no more until the threads run, so it orders nothing between them.
    std::shared_ptr<Settings> copies[2] = {shared, shared};
    long sums[2] = {0, 0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; t++)
        threads.emplace_back(reader, std::move(copies[t]), 1000, &sums[t]);
    shared.reset(); // NORACE: main's own copy; the threads' keep the object
    for (std::thread &thread : threads)
        thread.join();
    std::printf("cxx_shared_ptr: sums %ld and %ld\n", sums[0], sums[1]);
    return sums[0] == 3000 && sums[1] == 3000 ? 0 : 1;
}
