/* hidden_condvar: a slow wake-up from a condition variable hides a race.
 *
 * The worker says it is done (sets done under the mutex and signals) one
 * step too early: it writes its result afterwards, outside the mutex, and
 * then counts a log line under the same mutex.  main waits on the condition
 * variable until done, counts its own log line in the same critical
 * section, and reads the result.  Nothing the program means orders the
 * write after the signal with main's read: they race.  The wake-up hides
 * it: a thread woken from pthread_cond_wait must be scheduled and retake
 * the mutex, which takes far longer than the worker's next few statements,
 * so in the usual schedule the worker has logged, and released the mutex,
 * before main retakes it; that unlock->lock edge, made for the log, orders
 * the write before the read.  Under Valgrind, which runs one thread at a
 * time, the worker usually runs to its end before main runs at all.  Only
 * when the worker is delayed between its signal and its log does main
 * retake the mutex first, and then the race shows.  The fix, in
 * hidden_condvar_fixed: write the result before saying done.
 *
 * racelab: truth=race
 * racelab: perturb=on
 */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int done;        /* under lock */
static long log_lines;  /* under lock */
static int result;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    done = 1;
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&lock);
    result = 42; // RACE! written after saying done
    pthread_mutex_lock(&lock);
    log_lines++;
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&lock);
    while (!done)
        pthread_cond_wait(&changed, &lock);
    log_lines++;
    pthread_mutex_unlock(&lock);
    int seen = result; // RACE!
    pthread_join(t, NULL);
    printf("hidden_condvar: result %d, %ld log lines\n", seen, log_lines);
    return 0;
}
