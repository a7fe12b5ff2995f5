// restock: THREADS threads each add 1 to one item ROUNDS times; the count
// must be exact (the ledger's lock), whatever the statistics say.
#include <cstdio>
#include <memory>
#include <cstdlib>
#include <thread>
#include <vector>

#include "inventory.h"

int main(int argc, char **argv)
{
    int threads = argc > 1 ? std::atoi(argv[1]) : 2;
    long rounds = argc > 2 ? std::atol(argv[2]) : 1000;
    if (threads < 1 || rounds < 1) {
        std::fprintf(stderr, "usage: restock [THREADS [ROUNDS]]\n");
        return 2;
    }
    // On the heap, as a ledger shared by threads usually is (DRD does not
    // watch stack variables unless told to).
    auto ledger = std::make_unique<Inventory>();
    Inventory &inventory = *ledger;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; t++)
        workers.emplace_back([&inventory, rounds] {
            for (long r = 0; r < rounds; r++)
                inventory.add("bolts", 1);
        });
    for (auto &worker : workers)
        worker.join();
    long expected = threads * rounds;
    std::printf("restock: bolts %ld of %ld, %ld updates\n", inventory.count("bolts"), expected, inventory.updates());
    return inventory.count("bolts") == expected ? 0 : 1;
}
