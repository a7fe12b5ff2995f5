// inventory.cpp: the ledger (see inventory.h).
#include "inventory.h"

void Inventory::add(const std::string &item, long delta)
{
    {
        std::lock_guard<std::mutex> guard(lock_);
        counts_[item] += delta;
#ifdef INVENTORY_FIXED
        updates_++;
#endif
    }
#ifndef INVENTORY_FIXED
    updates_++; // known race: counted after the lock is let go, to keep the critical section short
#endif
}

long Inventory::count(const std::string &item) const
{
    std::lock_guard<std::mutex> guard(lock_);
    auto found = counts_.find(item);
    return found == counts_.end() ? 0 : found->second;
}

long Inventory::updates() const
{
#ifdef INVENTORY_FIXED
    std::lock_guard<std::mutex> guard(lock_);
#endif
    return updates_; // known race (as shipped): read without the lock
}
