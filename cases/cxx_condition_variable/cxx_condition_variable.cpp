// cxx_condition_variable: a handoff with std::mutex, std::unique_lock and
// std::condition_variable.
//
// The producer fills the message and sets `ready` under the mutex, then
// notifies; the consumer waits on the condition variable with a predicate
// (the wait may wake without a notify, and the notify may come first) and
// reads the message under the same mutex.  No race
// (cases/condvar_handoff in C).
//
// racelab: truth=norace
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

static std::mutex lock;
static std::condition_variable changed;
static std::vector<int> message;
static bool ready = false;

static void produce()
{
    {
        std::lock_guard<std::mutex> guard(lock);
        message = {4, 2}; // NORACE: under the lock
        ready = true;     // NORACE: under the lock
    }
    changed.notify_one();
}

static void consume(int *sum)
{
    std::unique_lock<std::mutex> guard(lock);
    changed.wait(guard, [] { return ready; }); // NORACE: the predicate runs under the lock
    for (int value : message)                  // NORACE: under the lock
        *sum = *sum * 10 + value;
}

int main()
{
    int sum = 0;
    std::thread consumer(consume, &sum);
    std::thread producer(produce);
    producer.join();
    consumer.join();
    std::printf("cxx_condition_variable: received %d\n", sum);
    return sum == 42 ? 0 : 1;
}
