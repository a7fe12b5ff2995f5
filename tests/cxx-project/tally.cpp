// tally: two std::threads add under a std::mutex; race-free.
#include <mutex>
#include <thread>

int main()
{
    std::mutex lock;
    long total = 0;
    auto add = [&] {
        for (int i = 0; i < 1000; i++) {
            std::lock_guard<std::mutex> guard(lock);
            total += 1;
        }
    };
    std::thread first(add), second(add);
    first.join();
    second.join();
    return total == 2000 ? 0 : 1;
}
