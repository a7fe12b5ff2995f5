// cxx_call_once: lazy initialisation with std::call_once.
//
// The first caller runs the initialiser; every other caller waits until it
// has returned, and the return of call_once orders the initialisation
// before whatever the caller does next (cases/pthread_once_init in C).  The
// second thread starts late so that both orders of the two calls are not
// needed for a verdict: either way there is no race.
//
// racelab: truth=norace
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>

struct Config {
    int verbose = 0;
};

static std::unique_ptr<Config> instance;
static std::once_flag config_once;

static void init_config()
{
    auto fresh = std::make_unique<Config>();
    fresh->verbose = 1;          // NORACE: call_once orders it before every caller's read
    instance = std::move(fresh); // NORACE: likewise
}

static const Config &get_config()
{
    std::call_once(config_once, init_config);
    return *instance; // NORACE: after call_once returned
}

static void use_config(int delay_ms, int *verbose)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    *verbose = get_config().verbose; // NORACE: after call_once returned
}

int main()
{
    int verbose_first = 0, verbose_second = 0;
    std::thread first(use_config, 0, &verbose_first);
    std::thread second(use_config, 100, &verbose_second);
    first.join();
    second.join();
    std::printf("cxx_call_once: verbose %d and %d\n", verbose_first, verbose_second);
    return verbose_first == 1 && verbose_second == 1 ? 0 : 1;
}
