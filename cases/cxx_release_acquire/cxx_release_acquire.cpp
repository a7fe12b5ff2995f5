// cxx_release_acquire: a plain message handed over through a
// std::atomic<bool> flag with release and acquire.
//
// The producer writes the message, then stores the flag with release; the
// consumer spins on load(acquire) until it sees the flag, then reads the
// message.  The release store synchronises with the acquire load that
// reads it, so the message's write happens before its read: no race
// (cases/flag_release_acquire in C11).  The message is a plain struct, not
// a std::string: std::string's assignment is compiled into libstdc++.so,
// which TSan does not instrument, so a race on it would go unseen.
//
// racelab: truth=norace
#include <atomic>
#include <cstdio>
#include <thread>

struct Message {
    int number;
    int checksum;
};

static Message message;
static std::atomic<bool> ready{false};

static void produce()
{
    message = Message{42, 42 * 7};                // NORACE: published by the release store
    ready.store(true, std::memory_order_release); // NORACE: atomic
}

static void consume(int *number)
{
    while (!ready.load(std::memory_order_acquire)) // NORACE: atomic
        std::this_thread::yield();
    *number = message.checksum == message.number * 7 ? message.number : -1; // NORACE: after the acquire
}

int main()
{
    int number = 0;
    std::thread consumer(consume, &number);
    std::thread producer(produce);
    producer.join();
    consumer.join();
    std::printf("cxx_release_acquire: received %d\n", number);
    return number == 42 ? 0 : 1;
}
