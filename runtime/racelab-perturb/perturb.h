/* perturb.h: seeded schedule perturbation, linked into the program.
 *
 * Happens-before detectors see a race only in a schedule where nothing
 * orders the two accesses.  This shim changes the schedule at the
 * program's synchronisation points, where an unrelated lock, a condition
 * variable or a slow thread start would otherwise order them.  It is
 * linked into every target racelab_instrument() builds, by `ld --wrap`
 * (wrap.c): LD_PRELOAD cannot get between a program and TSan's
 * interceptors, which live in the executable.  It does nothing unless
 * RACELAB_PERTURB is set (racelab run --perturb sets it):
 *
 *   RACELAB_PERTURB="seed=S,strategy=delay|pct,depth=D,budget_ms=B"
 *   RACELAB_PERTURB_LOG=FILE   where the counts are appended at exit
 *
 * Data model.  One process-wide `struct perturb_state` (perturb.c), read
 * by every wrapper, and per thread a random stream seeded from (S, the
 * thread's creation index): the same seed and the same program give the
 * same decisions, though not the same schedule unless the scheduler
 * decides every step (pct comes close; delay does not).
 *
 *   delay  at each point, with a seeded chance, the thread sleeps for a
 *          seeded time (50 us to about 12 ms, log-uniform); a new thread is
 *          held back at its start half the time.  Delays stop once
 *          budget_ms of them have been spent.
 *   pct    PCT (Burckhardt et al., ASPLOS 2010): one thread runs at a
 *          time, the runnable one of highest priority; priorities are
 *          seeded at thread creation, and at D-1 seeded points the running
 *          thread drops below every other.  A thread that is blocked in the
 *          real call (a taken lock, a join, a condition wait) gives the
 *          turn away; one that sleeps keeps it (the sleep is real, and
 *          does not hand the others the lead it gives them plainly).  A
 *          thread kept waiting for 50 ms (500 ms under Valgrind) runs
 *          anyway, so a busy wait or a call the shim does not know cannot
 *          hang the program; after budget_ms of wall time every thread
 *          runs freely.
 *
 * The shim's own waiting and counting must not order the program's
 * accesses, or it would hide the races it is there to show: it never
 * calls a pthread function for itself; it waits with futex(2) and counts
 * with C11 atomics, in code not built for TSan (TSan does not see it);
 * under Helgrind and DRD its memory is excluded by their client requests.
 * Its frames are in racelab-perturb/ sources, which the report reader
 * treats as the detector's runtime, never as the project's code. */
#ifndef RACELAB_PERTURB_H
#define RACELAB_PERTURB_H

#include <stdbool.h>

/* Whether the perturbation is on in this process (read by every wrapper). */
extern _Bool racelab_perturb_enabled;

/* A synchronisation point: a call that orders threads, before it (lock,
 * join, wait) or after it (unlock, signal, post, create). */
void racelab_perturb_point(void);

/* The thread is about to block in a real call that waits for another
 * thread (pct gives the turn away), and has returned from it.  `object`
 * is the lock or semaphore it waits for, NULL for a join or a wait. */
void racelab_perturb_block_begin(const void *object);
void racelab_perturb_block_end(void);

/* A condition wait on `condition` that will retake `mutex`, and a signal
 * (one waiter) or broadcast (all) of it: under pct a signalled waiter is
 * then blocked on the mutex, so that its unlock lets it wake first. */
void racelab_perturb_cond_wait_begin(const void *condition, const void *mutex);
void racelab_perturb_signalled(const void *condition, bool all);

/* After an unlock or a post of `object`: under pct, a thread blocked on it
 * is let wake first (it is runnable now, as PCT has it), then the point. */
void racelab_perturb_released(const void *object);

/* pct: a failed try in a lock the wrapper keeps trying. */
bool racelab_perturb_controls_turns(void);

/* Thread creation: the parent registers the new thread before it exists
 * and gets the start routine and argument to give pthread_create. */
struct racelab_perturb_start {
    void *(*routine)(void *);
    void *argument;
    int slot;
};
void *racelab_perturb_thread_main(void *start);
struct racelab_perturb_start *racelab_perturb_thread_new(void *(*routine)(void *), void *argument);
void racelab_perturb_thread_not_created(struct racelab_perturb_start *start);

/* pthread_exit: the thread ends here. */
void racelab_perturb_thread_exit(void);

#endif
