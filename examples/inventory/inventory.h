// inventory.h: a stock ledger shared by worker threads (C++17).
//
// Inventory keeps a count per item behind one mutex, and two statistics
// that its users read without it: how many updates were applied, and the
// largest count seen.  As shipped it has one known race (inventory.cpp,
// "known race"): `updates_` is counted outside the lock.  Built with
// INVENTORY_FIXED it is counted under the lock.
#ifndef INVENTORY_H
#define INVENTORY_H

#include <map>
#include <mutex>
#include <string>

class Inventory {
public:
    // Adds delta to the item's count.
    void add(const std::string &item, long delta);

    // The item's count (0 for an item never added).
    long count(const std::string &item) const;

    // How many add() calls have been applied.
    long updates() const;

private:
    mutable std::mutex lock_;
    std::map<std::string, long> counts_;
    long updates_ = 0;
};

#endif
