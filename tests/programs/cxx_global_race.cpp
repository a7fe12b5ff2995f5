// cxx_global_race: two std::threads add to a global in a namespace with no
// lock.  Helgrind and DRD name the global by its mangled symbol
// (_ZN6ledger5totalE); racelab's stable form says ledger::total
// (tests/reports/cxx_global_race.*).
#include <cstdio>
#include <thread>

namespace ledger {
long total;
}

static void add()
{
    for (int i = 0; i < 100; i++)
        ledger::total += 1;
}

int main()
{
    std::thread a(add), b(add);
    a.join();
    b.join();
    std::printf("cxx_global_race: %ld\n", ledger::total);
    return 0;
}
