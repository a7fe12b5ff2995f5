/* wrap.c: the synchronisation calls the perturbation shim gets between.
 *
 * Linked with `ld --wrap=NAME` for each NAME below (racelab_instrument in
 * _racelab_link_perturbation in cmake/Racelab.cmake passes the list): the
 * program's calls to NAME reach __wrap_NAME here, and __real_NAME is the
 * call it would have made, TSan's interceptor or the C library's.  Each
 * wrapper is weak: a project that wraps a call itself (some test suites
 * wrap pthread_create) keeps its own, and loses only that point.  With the
 * shim off, each wrapper is one test and the real call.
 *
 * Where the point goes: before a call that waits for another thread (lock,
 * join, wait), so that the other may come first; after one that lets
 * another go on (unlock, signal, post, create), so that it may run first.
 * Under pct a lock is tried first, and only a thread that must really wait
 * gives its turn away (perturb.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <time.h>
#include <unistd.h>

#include "perturb.h"

#define WEAK __attribute__((weak))

/* Defined so that a link can pull this file in by name (-u), even when the
 * program's only references are weak, as libstdc++'s inline locks are. */
const char racelab_perturb_wrappers[] = "racelab-perturb 1";

__typeof__(pthread_create) __real_pthread_create;
__typeof__(pthread_join) __real_pthread_join;
_Noreturn void __real_pthread_exit(void *value);
__typeof__(pthread_mutex_lock) __real_pthread_mutex_lock;
__typeof__(pthread_mutex_trylock) __real_pthread_mutex_trylock;
__typeof__(pthread_mutex_timedlock) __real_pthread_mutex_timedlock;
__typeof__(pthread_mutex_unlock) __real_pthread_mutex_unlock;
__typeof__(pthread_rwlock_rdlock) __real_pthread_rwlock_rdlock;
__typeof__(pthread_rwlock_wrlock) __real_pthread_rwlock_wrlock;
__typeof__(pthread_rwlock_tryrdlock) __real_pthread_rwlock_tryrdlock;
__typeof__(pthread_rwlock_trywrlock) __real_pthread_rwlock_trywrlock;
__typeof__(pthread_rwlock_unlock) __real_pthread_rwlock_unlock;
__typeof__(pthread_spin_lock) __real_pthread_spin_lock;
__typeof__(pthread_spin_trylock) __real_pthread_spin_trylock;
__typeof__(pthread_spin_unlock) __real_pthread_spin_unlock;
__typeof__(pthread_cond_wait) __real_pthread_cond_wait;
__typeof__(pthread_cond_timedwait) __real_pthread_cond_timedwait;
__typeof__(pthread_cond_signal) __real_pthread_cond_signal;
__typeof__(pthread_cond_broadcast) __real_pthread_cond_broadcast;
__typeof__(sem_wait) __real_sem_wait;
__typeof__(sem_trywait) __real_sem_trywait;
__typeof__(sem_timedwait) __real_sem_timedwait;
__typeof__(sem_post) __real_sem_post;
__typeof__(sleep) __real_sleep;
__typeof__(usleep) __real_usleep;
__typeof__(nanosleep) __real_nanosleep;
__typeof__(sched_yield) __real_sched_yield;

/* A call that may wait for another thread: the point, then under pct the
 * try first, and the turn given away only while really waiting. */
#define WAIT_CALL(object, try_call, wait_call)                          \
    do {                                                                \
        if (!racelab_perturb_enabled)                                   \
            return wait_call;                                           \
        racelab_perturb_point();                                        \
        if (!racelab_perturb_controls_turns())                          \
            return wait_call;                                           \
        int tried = try_call;                                           \
        if (tried != EBUSY)                                             \
            return tried;                                               \
        racelab_perturb_block_begin(object);                            \
        int waited = wait_call;                                         \
        racelab_perturb_block_end();                                    \
        return waited;                                                  \
    } while (0)

/* A call that lets another thread go on: the call, then the point. */
#define RELEASE_CALL(object, call)                                      \
    do {                                                                \
        int result = call;                                              \
        if (racelab_perturb_enabled)                                    \
            racelab_perturb_released(object);                           \
        return result;                                                  \
    } while (0)

/* A call that only ever waits (join, condition wait): the point, and the
 * turn given away for the whole call. */
#define BLOCKING_CALL(call)                                             \
    do {                                                                \
        if (!racelab_perturb_enabled)                                   \
            return call;                                                \
        racelab_perturb_point();                                        \
        racelab_perturb_block_begin(NULL);                              \
        int result = call;                                              \
        racelab_perturb_block_end();                                    \
        return result;                                                  \
    } while (0)

/* A call that does not wait (a try, a sleep that keeps the turn, a
 * yield): the point, then the call. */
#define POINT_CALL(call)                                                \
    do {                                                                \
        if (racelab_perturb_enabled)                                    \
            racelab_perturb_point();                                    \
        return call;                                                    \
    } while (0)

WEAK int __wrap_pthread_create(pthread_t *thread, const pthread_attr_t *attributes, void *(*routine)(void *),
                               void *argument)
{
    if (!racelab_perturb_enabled)
        return __real_pthread_create(thread, attributes, routine, argument);
    struct racelab_perturb_start *start = racelab_perturb_thread_new(routine, argument);
    if (start == NULL)
        return __real_pthread_create(thread, attributes, routine, argument);
    int result = __real_pthread_create(thread, attributes, racelab_perturb_thread_main, start);
    if (result != 0) {
        racelab_perturb_thread_not_created(start);
        return result;
    }
    racelab_perturb_point();
    return result;
}

WEAK int __wrap_pthread_join(pthread_t thread, void **value)
{
    BLOCKING_CALL(__real_pthread_join(thread, value));
}

WEAK _Noreturn void __wrap_pthread_exit(void *value)
{
    if (racelab_perturb_enabled) {
        racelab_perturb_point();
        racelab_perturb_thread_exit();
    }
    __real_pthread_exit(value);
}

WEAK int __wrap_pthread_mutex_lock(pthread_mutex_t *mutex)
{
    WAIT_CALL(mutex, __real_pthread_mutex_trylock(mutex), __real_pthread_mutex_lock(mutex));
}

WEAK int __wrap_pthread_mutex_trylock(pthread_mutex_t *mutex)
{
    POINT_CALL(__real_pthread_mutex_trylock(mutex));
}

WEAK int __wrap_pthread_mutex_timedlock(pthread_mutex_t *restrict mutex, const struct timespec *restrict deadline)
{
    WAIT_CALL(mutex, __real_pthread_mutex_trylock(mutex), __real_pthread_mutex_timedlock(mutex, deadline));
}

WEAK int __wrap_pthread_mutex_unlock(pthread_mutex_t *mutex)
{
    RELEASE_CALL(mutex, __real_pthread_mutex_unlock(mutex));
}

WEAK int __wrap_pthread_rwlock_rdlock(pthread_rwlock_t *lock)
{
    WAIT_CALL(lock, __real_pthread_rwlock_tryrdlock(lock), __real_pthread_rwlock_rdlock(lock));
}

WEAK int __wrap_pthread_rwlock_wrlock(pthread_rwlock_t *lock)
{
    WAIT_CALL(lock, __real_pthread_rwlock_trywrlock(lock), __real_pthread_rwlock_wrlock(lock));
}

WEAK int __wrap_pthread_rwlock_tryrdlock(pthread_rwlock_t *lock)
{
    POINT_CALL(__real_pthread_rwlock_tryrdlock(lock));
}

WEAK int __wrap_pthread_rwlock_trywrlock(pthread_rwlock_t *lock)
{
    POINT_CALL(__real_pthread_rwlock_trywrlock(lock));
}

WEAK int __wrap_pthread_rwlock_unlock(pthread_rwlock_t *lock)
{
    RELEASE_CALL(lock, __real_pthread_rwlock_unlock(lock));
}

/* A spin lock waits in user space: under pct the thread tries, and while
 * the lock is taken gives its turn away for one yield at a time. */
WEAK int __wrap_pthread_spin_lock(pthread_spinlock_t *lock)
{
    if (!racelab_perturb_enabled)
        return __real_pthread_spin_lock(lock);
    racelab_perturb_point();
    if (!racelab_perturb_controls_turns())
        return __real_pthread_spin_lock(lock);
    int result;
    while ((result = __real_pthread_spin_trylock(lock)) == EBUSY) {
        racelab_perturb_block_begin(NULL);
        __real_sched_yield();
        racelab_perturb_block_end();
    }
    return result;
}

WEAK int __wrap_pthread_spin_trylock(pthread_spinlock_t *lock)
{
    POINT_CALL(__real_pthread_spin_trylock(lock));
}

WEAK int __wrap_pthread_spin_unlock(pthread_spinlock_t *lock)
{
    RELEASE_CALL(NULL, __real_pthread_spin_unlock(lock));
}

/* A condition wait: the turn given away for the whole wait, the waiter
 * known to retake the mutex once signalled. */
#define CONDITION_WAIT(condition, mutex, call)                          \
    do {                                                                \
        if (!racelab_perturb_enabled)                                   \
            return call;                                                \
        racelab_perturb_point();                                        \
        racelab_perturb_cond_wait_begin(condition, mutex);              \
        int result = call;                                              \
        racelab_perturb_block_end();                                    \
        return result;                                                  \
    } while (0)

WEAK int __wrap_pthread_cond_wait(pthread_cond_t *restrict condition, pthread_mutex_t *restrict mutex)
{
    CONDITION_WAIT(condition, mutex, __real_pthread_cond_wait(condition, mutex));
}

WEAK int __wrap_pthread_cond_timedwait(pthread_cond_t *restrict condition, pthread_mutex_t *restrict mutex,
                                       const struct timespec *restrict deadline)
{
    CONDITION_WAIT(condition, mutex, __real_pthread_cond_timedwait(condition, mutex, deadline));
}

WEAK int __wrap_pthread_cond_signal(pthread_cond_t *condition)
{
    int result = __real_pthread_cond_signal(condition);
    if (racelab_perturb_enabled)
        racelab_perturb_signalled(condition, false);
    return result;
}

WEAK int __wrap_pthread_cond_broadcast(pthread_cond_t *condition)
{
    int result = __real_pthread_cond_broadcast(condition);
    if (racelab_perturb_enabled)
        racelab_perturb_signalled(condition, true);
    return result;
}

/* A semaphore wait under pct: the thread gives its turn away only when the
 * count is 0.  It looks with sem_getvalue, not sem_trywait: Helgrind does
 * not see a sem_trywait take the count, so the post before it would order
 * nothing and every access it guards would be reported. */
#define SEMAPHORE_WAIT(semaphore, call)                                 \
    do {                                                                \
        if (!racelab_perturb_enabled)                                   \
            return call;                                                \
        racelab_perturb_point();                                        \
        int count = 0;                                                  \
        if (!racelab_perturb_controls_turns() || (sem_getvalue(semaphore, &count) == 0 && count > 0)) \
            return call;                                                \
        racelab_perturb_block_begin(semaphore);                         \
        int result = call;                                              \
        racelab_perturb_block_end();                                    \
        return result;                                                  \
    } while (0)

WEAK int __wrap_sem_wait(sem_t *semaphore)
{
    SEMAPHORE_WAIT(semaphore, __real_sem_wait(semaphore));
}

WEAK int __wrap_sem_timedwait(sem_t *restrict semaphore, const struct timespec *restrict deadline)
{
    SEMAPHORE_WAIT(semaphore, __real_sem_timedwait(semaphore, deadline));
}

WEAK int __wrap_sem_trywait(sem_t *semaphore)
{
    POINT_CALL(__real_sem_trywait(semaphore));
}

WEAK int __wrap_sem_post(sem_t *semaphore)
{
    RELEASE_CALL(semaphore, __real_sem_post(semaphore));
}

/* A sleep is a point, and then sleeps in full: a program that measures
 * time (a timer's test) must see the time it asked for.  Under pct the
 * sleeper keeps its turn, so the sleep does not hand the others the lead
 * it gives them in a plain run; they run once starved (perturb.h). */
WEAK unsigned __wrap_sleep(unsigned seconds)
{
    POINT_CALL(__real_sleep(seconds));
}

WEAK int __wrap_usleep(useconds_t microseconds)
{
    POINT_CALL(__real_usleep(microseconds));
}

WEAK int __wrap_nanosleep(const struct timespec *span, struct timespec *remaining)
{
    POINT_CALL(__real_nanosleep(span, remaining));
}

WEAK int __wrap_sched_yield(void)
{
    POINT_CALL(__real_sched_yield());
}
