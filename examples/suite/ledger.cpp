// ledger MODE THREADS DEPOSITS: THREADS std::threads each make DEPOSITS
// deposits of 1 into one Ledger, MODE locked (deposit, under the ledger's
// std::mutex) or racy (deposit_unchecked, which skips it).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

class Ledger {
public:
    void deposit(long amount)
    {
        std::lock_guard<std::mutex> hold(lock_);
        balance_ += amount;
    }
    // The "fast path" someone added: racy once two threads share a ledger.
    void deposit_unchecked(long amount) { balance_ += amount; }
    long balance()
    {
        std::lock_guard<std::mutex> hold(lock_);
        return balance_;
    }

private:
    std::mutex lock_;
    long balance_ = 0;
};

static Ledger ledger; // shared by every thread (a global: DRD skips stack objects by default)

int main(int argc, char **argv)
{
    if (argc != 4 || (std::strcmp(argv[1], "locked") != 0 && std::strcmp(argv[1], "racy") != 0)) {
        std::fprintf(stderr, "usage: ledger locked|racy THREADS DEPOSITS\n");
        return 2;
    }
    const bool locked = std::strcmp(argv[1], "locked") == 0;
    const int threads = std::atoi(argv[2]);
    const long deposits = std::atol(argv[3]);
    if (threads < 1 || threads > 16 || deposits < 1) {
        std::fprintf(stderr, "ledger: THREADS takes 1 to 16, DEPOSITS from 1\n");
        return 2;
    }
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; t++)
        workers.emplace_back([locked, deposits] {
            for (long i = 0; i < deposits; i++) {
                if (locked)
                    ledger.deposit(1);
                else
                    ledger.deposit_unchecked(1);
            }
        });
    for (std::thread &worker : workers)
        worker.join();
    std::printf("ledger (%s): %ld of %ld\n", argv[1], ledger.balance(), threads * deposits);
    return 0;
}
