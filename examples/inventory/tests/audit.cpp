// audit: one thread restocks while another audits the statistics as it goes
// (at least one audit after the restock began: nothing orders them).
#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>

#include "inventory.h"

int main()
{
    // On the heap, as a ledger shared by threads usually is (DRD does not
    // watch stack variables unless told to).
    auto ledger = std::make_unique<Inventory>();
    Inventory &inventory = *ledger;
    std::atomic<bool> auditing{false}, done{false};
    std::thread restocker([&inventory, &auditing, &done] {
        while (!auditing) // restock once the audit has begun: the two overlap
            std::this_thread::yield();
        for (int r = 0; r < 2000; r++)
            inventory.add(r % 2 ? "nuts" : "bolts", 1);
        done = true;
    });
    auditing = true;
    long audits = 0, last = 0;
    do {
        last = inventory.updates();
        audits++;
        std::this_thread::yield();
    } while (!done);
    restocker.join();
    std::printf("audit: %ld audits, last saw %ld updates, %ld in the end\n", audits, last, inventory.updates());
    return inventory.count("bolts") + inventory.count("nuts") == 2000 ? 0 : 1;
}
