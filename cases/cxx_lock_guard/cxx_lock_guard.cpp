// cxx_lock_guard: cases/cxx_member_race fixed with std::mutex and
// std::lock_guard.
//
// The guard locks the object's mutex for the length of the loop body and
// unlocks it when it goes out of scope: the member's read and write in one
// thread are ordered before or after the other thread's.  No race.
//
// racelab: truth=norace
#include <cstdio>
#include <mutex>
#include <thread>

class Counter {
public:
    void add(int times);
    long total();

private:
    std::mutex lock;
    long hits = 0;
};

void Counter::add(int times)
{
    for (int i = 0; i < times; i++) {
        std::lock_guard<std::mutex> guard(lock);
        hits += 1; // NORACE: under the guard
    }
}

long Counter::total()
{
    std::lock_guard<std::mutex> guard(lock);
    return hits; // NORACE: under the guard
}

// A global: DRD checks no stack variables unless told to (cases/stack_variable).
static Counter counter;

int main()
{
    std::thread first(&Counter::add, &counter, 20000);
    std::thread second(&Counter::add, &counter, 20000);
    first.join();
    second.join();
    long total = counter.total();
    std::printf("cxx_lock_guard: total %ld of 40000\n", total);
    return total == 40000 ? 0 : 1;
}
