/* perturb.c: the state and the two strategies of the perturbation shim
 * (perturb.h says what they do and why the shim waits and counts as it does). */
#define _GNU_SOURCE
#include "perturb.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<valgrind/helgrind.h>) && __has_include(<valgrind/drd.h>)
#define PERTURB_VALGRIND 1
#include <valgrind/drd.h>
#include <valgrind/helgrind.h>
#endif
#endif

enum {
    SLOTS_MAX = 1024,          /* threads the pct scheduler knows; later ones run freely */
    DEPTH_MAX = 16,
    STARVE_MS = 50,            /* pct: the longest a runnable thread waits for its turn... */
    STARVE_VALGRIND_MS = 500,  /* ... under Valgrind, which runs the program 20-50 times slower */
    WAKE_US = 2000,            /* pct: the longest a release waits for the thread it woke */
    WAIT_SLICE_US = 1000,      /* pct: how often a waiting thread looks at the clock */
    DELAY_MIN_US = 50,         /* delay: the shortest and about the longest delay */
    DELAY_CHANCE = 8,          /* delay: one point in this many is delayed */
    PCT_STEPS_DEFAULT = 64,    /* pct: the points its change points are drawn from */
};

enum strategy { STRATEGY_DELAY, STRATEGY_PCT };
enum thread_state { THREAD_UNUSED, THREAD_RUNNABLE, THREAD_BLOCKED, THREAD_EXITED };

/* Everything the threads share: one object, so that Helgrind and DRD can be
 * told to look away from all of it at once. */
struct perturb_state {
    /* Set once, before main, by the constructor. */
    uint64_t seed;
    enum strategy strategy;
    int depth;
    long long steps;           /* pct: the change points are drawn from points 1..steps */
    long long budget_us;
    long long starve_us;
    long long start_us;
    pid_t pid;
    char log_path[PATH_MAX];
    /* pct: the turn, under `lock`; `turn` is the futex word waiters sleep on. */
    atomic_int lock;
    atomic_uint turn;
    int current;               /* the slot that holds the turn, -1 none */
    long long point_count;
    long long change_at[DEPTH_MAX];
    int changes_done;
    long long priority[SLOTS_MAX];
    enum thread_state state[SLOTS_MAX];
    const void *blocked_on[SLOTS_MAX]; /* the lock or semaphore a blocked thread waits for */
    const void *retakes[SLOTS_MAX];    /* in a condition wait: the mutex it will retake */
    atomic_bool free_running;  /* pct: the budget is spent, every thread runs */
    /* Counts, written to the log at exit. */
    atomic_int next_slot;
    atomic_llong points, delays, delayed_us, switches, steals;
};

_Bool racelab_perturb_enabled;
static struct perturb_state state;

static _Thread_local int my_slot = -1;
static _Thread_local uint64_t my_random;
static _Thread_local _Bool my_random_seeded;

/* ---- time, sleeping, waiting: system calls the detectors do not see ---- */

static long long now_us(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000;
}

static void sleep_us(long long microseconds)
{
    struct timespec span = {(time_t)(microseconds / 1000000), (long)(microseconds % 1000000) * 1000};
    while (syscall(SYS_nanosleep, &span, &span) != 0 && errno == EINTR)
        ;
}

static void futex_wait(atomic_uint *word, unsigned expected, long microseconds)
{
    struct timespec span = {0, microseconds * 1000};
    syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, &span, NULL, 0);
}

static void futex_wake_all(atomic_uint *word)
{
    syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

/* ---- the seeded random streams ---------------------------------------- */

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* The thread's own stream: from the seed and its creation index, so that
 * one seed gives every thread the same decisions in every run. */
static uint64_t next_random(void)
{
    if (!my_random_seeded) {
        my_random = state.seed ^ ((uint64_t)(my_slot + 2) * 0xD1B54A32D192ED03ull);
        my_random_seeded = 1;
    }
    return splitmix(&my_random);
}

/* ---- delay ------------------------------------------------------------ */

/* 50 us to about 12 ms, evenly spread over the powers of two between. */
static long long random_delay_us(void)
{
    uint64_t r = next_random();
    long long base = (long long)DELAY_MIN_US << (r % 8);
    return base + (long long)((r >> 8) % (uint64_t)base);
}

static void delay_for(long long microseconds)
{
    if (atomic_fetch_add(&state.delayed_us, microseconds) + microseconds > state.budget_us) {
        atomic_fetch_sub(&state.delayed_us, microseconds);
        return; /* the budget is spent: the run goes on unperturbed */
    }
    atomic_fetch_add(&state.delays, 1);
    sleep_us(microseconds);
}

/* ---- pct -------------------------------------------------------------- */

static void lock_state(void)
{
    for (int spins = 0; atomic_exchange_explicit(&state.lock, 1, memory_order_acquire) != 0; spins++)
        if (spins > 64)
            syscall(SYS_sched_yield);
}

static void unlock_state(void)
{
    atomic_store_explicit(&state.lock, 0, memory_order_release);
}

/* Under the lock: the runnable thread of highest priority, -1 when none. */
static int best_runnable(void)
{
    int best = -1;
    int slots = atomic_load(&state.next_slot);
    for (int s = 0; s < slots && s < SLOTS_MAX; s++)
        if (state.state[s] == THREAD_RUNNABLE && (best < 0 || state.priority[s] > state.priority[best]))
            best = s;
    return best;
}

/* Under the lock: the turn goes to `slot`, and the waiters look again. */
static void give_turn(int slot)
{
    if (state.current != slot)
        atomic_fetch_add(&state.switches, 1);
    state.current = slot;
    atomic_fetch_add(&state.turn, 1);
    futex_wake_all(&state.turn);
}

static bool pct_running(void)
{
    if (state.strategy != STRATEGY_PCT || atomic_load(&state.free_running))
        return false;
    if (now_us() - state.start_us > state.budget_us) {
        atomic_store(&state.free_running, 1);
        atomic_fetch_add(&state.turn, 1);
        futex_wake_all(&state.turn);
        return false;
    }
    return true;
}

/* Waits until the thread in `slot` may run: it holds the turn, or it is
 * the best runnable thread and the holder is not runnable, or it waited
 * STARVE_MS (a busy wait or an unknown blocking call in another thread). */
static void wait_turn(int slot)
{
    long long since = now_us();
    for (;;) {
        if (!pct_running())
            return;
        lock_state();
        int best = best_runnable();
        if (state.current == slot || best == slot) {
            give_turn(slot);
            unlock_state();
            return;
        }
        if (state.current < 0 || state.state[state.current] != THREAD_RUNNABLE)
            give_turn(best);
        unsigned seen = atomic_load(&state.turn);
        unlock_state();
        if (now_us() - since > state.starve_us) {
            lock_state();
            atomic_fetch_add(&state.steals, 1);
            give_turn(slot);
            unlock_state();
            return;
        }
        futex_wait(&state.turn, seen, WAIT_SLICE_US);
    }
}

/* A point under pct: one step; at a change point the running thread drops
 * below every other; then the best runnable thread gets the turn. */
static void pct_point(int slot)
{
    lock_state();
    long long step = ++state.point_count;
    for (int c = state.changes_done; c < state.depth - 1; c++)
        if (state.change_at[c] == step) {
            state.priority[slot] = state.depth - 1 - c; /* below every seeded priority */
            state.changes_done++;
        }
    int best = best_runnable();
    bool yield = best >= 0 && best != slot;
    if (yield)
        give_turn(best);
    unlock_state();
    if (yield)
        wait_turn(slot);
}

/* ---- what the wrappers call ------------------------------------------- */

void racelab_perturb_point(void)
{
    atomic_fetch_add(&state.points, 1);
    if (state.strategy == STRATEGY_DELAY) {
        if (next_random() % DELAY_CHANCE == 0)
            delay_for(random_delay_us());
    } else if (my_slot >= 0 && pct_running()) {
        pct_point(my_slot);
    }
}

bool racelab_perturb_controls_turns(void)
{
    return my_slot >= 0 && pct_running();
}

void racelab_perturb_block_begin(const void *object)
{
    if (!racelab_perturb_controls_turns())
        return;
    lock_state();
    state.state[my_slot] = THREAD_BLOCKED;
    state.blocked_on[my_slot] = object;
    if (state.current == my_slot)
        give_turn(best_runnable());
    unlock_state();
}

void racelab_perturb_block_end(void)
{
    if (my_slot < 0 || state.strategy != STRATEGY_PCT)
        return;
    lock_state();
    state.state[my_slot] = THREAD_RUNNABLE;
    state.blocked_on[my_slot] = NULL;
    state.retakes[my_slot] = NULL;
    unlock_state();
    wait_turn(my_slot);
}

void racelab_perturb_cond_wait_begin(const void *condition, const void *mutex)
{
    racelab_perturb_block_begin(condition);
    if (my_slot >= 0 && state.strategy == STRATEGY_PCT) {
        lock_state();
        state.retakes[my_slot] = mutex;
        unlock_state();
    }
}

void racelab_perturb_signalled(const void *condition, bool all)
{
    if (racelab_perturb_controls_turns()) {
        lock_state();
        int slots = atomic_load(&state.next_slot);
        for (int s = 0; s < slots && s < SLOTS_MAX; s++)
            if (state.state[s] == THREAD_BLOCKED && state.blocked_on[s] == condition && state.retakes[s] != NULL) {
                state.blocked_on[s] = state.retakes[s]; /* now it waits for the mutex */
                state.retakes[s] = NULL;
                if (!all)
                    break;
            }
        unlock_state();
    }
    racelab_perturb_point();
}

/* Under the lock: whether a thread is blocked on object. */
static bool someone_blocked_on(const void *object)
{
    int slots = atomic_load(&state.next_slot);
    for (int s = 0; s < slots && s < SLOTS_MAX; s++)
        if (state.state[s] == THREAD_BLOCKED && state.blocked_on[s] == object)
            return true;
    return false;
}

void racelab_perturb_released(const void *object)
{
    if (object != NULL && racelab_perturb_controls_turns()) {
        /* The woken thread must get out of the real call before the
           scheduler can choose it: without this wait the releaser, still
           holding the turn, would run on before it every time. */
        long long since = now_us();
        for (;;) {
            lock_state();
            bool waiting = someone_blocked_on(object);
            unlock_state();
            if (!waiting || now_us() - since > WAKE_US)
                break;
            syscall(SYS_sched_yield);
        }
    }
    racelab_perturb_point();
}

struct racelab_perturb_start *racelab_perturb_thread_new(void *(*routine)(void *), void *argument)
{
    struct racelab_perturb_start *start = malloc(sizeof *start);
    if (start == NULL)
        return NULL;
    *start = (struct racelab_perturb_start){routine, argument, atomic_fetch_add(&state.next_slot, 1)};
    if (start->slot >= SLOTS_MAX) {
        start->slot = -1;
        return start;
    }
    lock_state();
    /* Seeded priorities, all above the change points' 0..depth-2. */
    state.priority[start->slot] = state.depth + (long long)(next_random() % 1000000);
    state.state[start->slot] = THREAD_RUNNABLE;
    unlock_state();
    return start;
}

void racelab_perturb_thread_not_created(struct racelab_perturb_start *start)
{
    if (start->slot >= 0) {
        lock_state();
        state.state[start->slot] = THREAD_EXITED;
        unlock_state();
    }
    free(start);
}

void racelab_perturb_thread_exit(void)
{
    if (my_slot < 0)
        return;
    lock_state();
    state.state[my_slot] = THREAD_EXITED;
    if (state.current == my_slot)
        give_turn(best_runnable());
    unlock_state();
    my_slot = -1;
}

void *racelab_perturb_thread_main(void *opaque)
{
    struct racelab_perturb_start start = *(struct racelab_perturb_start *)opaque;
    free(opaque);
    my_slot = start.slot;
    my_random_seeded = 0;
    if (state.strategy == STRATEGY_PCT) {
        if (my_slot >= 0)
            wait_turn(my_slot);
    } else if (next_random() % 2 == 0) {
        delay_for(random_delay_us()); /* a slow start, half the time */
    }
    atomic_fetch_add(&state.points, 1);
    void *result = start.routine(start.argument);
    racelab_perturb_thread_exit();
    return result;
}

/* ---- set up from the environment, counts at exit ---------------------- */

/* RACELAB_PERTURB's value: comma-separated KEY=VALUE; false when malformed. */
static bool read_settings(const char *text)
{
    state.strategy = STRATEGY_DELAY;
    state.depth = 3;
    state.steps = PCT_STEPS_DEFAULT;
    state.budget_us = 1000 * 1000;
    while (*text != '\0') {
        char key[32];
        int used = 0;
        unsigned long long number = 0;
        char word[16];
        if (sscanf(text, "%31[a-z_]=%n", key, &used) != 1 || used == 0)
            return false;
        text += used;
        if (strcmp(key, "strategy") == 0) {
            if (sscanf(text, "%15[a-z]%n", word, &used) != 1)
                return false;
            if (strcmp(word, "delay") == 0)
                state.strategy = STRATEGY_DELAY;
            else if (strcmp(word, "pct") == 0)
                state.strategy = STRATEGY_PCT;
            else
                return false;
        } else {
            if (sscanf(text, "%llu%n", &number, &used) != 1)
                return false;
            if (strcmp(key, "seed") == 0)
                state.seed = number;
            else if (strcmp(key, "depth") == 0 && number >= 1 && number <= DEPTH_MAX)
                state.depth = (int)number;
            else if (strcmp(key, "steps") == 0 && number >= 1)
                state.steps = (long long)number;
            else if (strcmp(key, "budget_ms") == 0)
                state.budget_us = (long long)number * 1000;
            else
                return false;
        }
        text += used;
        if (*text == ',')
            text++;
        else if (*text != '\0')
            return false;
    }
    return true;
}

/* Helgrind and DRD would see the threads share the shim's state with no
 * lock between them: they are told to look away from it.  A client request
 * the running tool does not know draws a warning, so only its own. */
static void hide_state_from_valgrind(void)
{
#ifdef PERTURB_VALGRIND
    const char *preload = getenv("LD_PRELOAD");
    if (preload == NULL)
        return;
    if (strstr(preload, "vgpreload_helgrind") != NULL)
        VALGRIND_HG_DISABLE_CHECKING(&state, sizeof state);
    else if (strstr(preload, "vgpreload_drd") != NULL)
        DRD_IGNORE_VAR(state);
#endif
}

__attribute__((constructor)) static void perturb_start(void)
{
    const char *settings = getenv("RACELAB_PERTURB");
    if (settings == NULL || settings[0] == '\0')
        return;
    if (!read_settings(settings)) {
        fprintf(stderr, "racelab-perturb: RACELAB_PERTURB='%s' is malformed: give seed=N,strategy=delay|pct,"
                        "depth=N,steps=N,budget_ms=N; the program runs unperturbed\n", settings);
        return;
    }
    hide_state_from_valgrind();
#ifdef PERTURB_VALGRIND
    state.starve_us = (RUNNING_ON_VALGRIND ? STARVE_VALGRIND_MS : STARVE_MS) * 1000LL;
#else
    state.starve_us = STARVE_MS * 1000LL;
#endif
    const char *log = getenv("RACELAB_PERTURB_LOG");
    snprintf(state.log_path, sizeof state.log_path, "%s", log != NULL ? log : "");
    state.pid = getpid();
    state.start_us = now_us();
    uint64_t draw = state.seed ^ 0x5EEDull;
    for (int c = 0; c < state.depth - 1; c++)
        state.change_at[c] = 1 + (long long)(splitmix(&draw) % (uint64_t)state.steps);
    /* Change points in step order, so that pct_point meets them in turn. */
    for (int i = 1; i < state.depth - 1; i++)
        for (int j = i; j > 0 && state.change_at[j - 1] > state.change_at[j]; j--) {
            long long swap = state.change_at[j];
            state.change_at[j] = state.change_at[j - 1];
            state.change_at[j - 1] = swap;
        }
    my_slot = atomic_fetch_add(&state.next_slot, 1); /* main: slot 0 */
    state.priority[my_slot] = state.depth + (long long)(next_random() % 1000000);
    state.state[my_slot] = THREAD_RUNNABLE;
    state.current = my_slot;
    racelab_perturb_enabled = 1;
}

__attribute__((destructor)) static void perturb_end(void)
{
    if (!racelab_perturb_enabled || state.log_path[0] == '\0' || getpid() != state.pid)
        return;
    int file = open(state.log_path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (file < 0)
        return;
    dprintf(file, "points=%lld\ndelays=%lld\ndelayed_ms=%lld\nswitches=%lld\nsteals=%lld\n",
            atomic_load(&state.points), atomic_load(&state.delays), atomic_load(&state.delayed_us) / 1000,
            atomic_load(&state.switches), atomic_load(&state.steals));
    close(file);
}
