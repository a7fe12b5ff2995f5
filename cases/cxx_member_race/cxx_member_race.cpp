// cxx_member_race: two std::threads add to one object's member, unlocked.
//
// Counter::add is called from both threads on the same object; `hits += 1`
// is a read and a write of the member with nothing ordering the threads:
// a data race, and updates are lost.  cases/cxx_lock_guard is the fix.
//
// racelab: truth=race
#include <cstdio>
#include <mutex> // unused here: the mutation that fixes the race takes a std::mutex
#include <thread>

class Counter {
public:
    void add(int times);
    long total() const { return hits; }

private:
    long hits = 0;
};

void Counter::add(int times)
{
    for (int i = 0; i < times; i++)
        hits += 1; // RACE! both threads, no lock
}

// A global: DRD checks no stack variables unless told to (cases/stack_variable).
static Counter counter;

int main()
{
    std::thread first(&Counter::add, &counter, 20000);
    std::thread second(&Counter::add, &counter, 20000);
    first.join();
    second.join();
    std::printf("cxx_member_race: total %ld of 40000\n", counter.total());
    return 0;
}
