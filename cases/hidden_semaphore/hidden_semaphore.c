/* hidden_semaphore: a semaphore taken for something else hides a race.
 *
 * A semaphore with one token guards the log (as a mutex would).  The
 * worker stores its answer, then takes the token to count a log line and
 * gives it back.  main does its own share of the work, takes the token to
 * count its log line, gives it back, then reads the answer without joining:
 * nothing the program means orders the store and the read, and they race.
 * The semaphore hides it: a new thread runs at once (under Valgrind, which
 * runs one thread at a time, before its creator goes on; under TSan
 * pthread_create waits until it has started), so in the usual schedule the
 * worker has given the token back before main, busy with its share, takes
 * it.  That sem_post->sem_wait edge, made for the log, orders the store
 * before the read, and no happens-before detector sees a race.  Only when
 * the worker is delayed until main has logged does the race show.  The
 * fix, in hidden_semaphore_fixed: store and read the answer while holding
 * the token.
 *
 * racelab: truth=race
 * racelab: perturb=on
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t log_token;
static long log_lines; /* while holding log_token */
static int answer;

static void *worker(void *arg)
{
    (void)arg;
    answer = 42; // RACE!
    sem_wait(&log_token);
    log_lines++;
    sem_post(&log_token);
    return NULL;
}

int main(void)
{
    pthread_t t;
    sem_init(&log_token, 0, 1);
    pthread_create(&t, NULL, worker, NULL);
    unsigned long sum = 1;
    for (long i = 0; i < 3000000; i++) /* main's own share of the work */
        sum = sum * 6364136223846793005u + 1442695040888963407u;
    sem_wait(&log_token);
    log_lines++;
    sem_post(&log_token);
    int seen = answer; // RACE! read without the join that would order it
    pthread_join(t, NULL);
    sem_destroy(&log_token);
    printf("hidden_semaphore: answer %d, sum %lu, %ld log lines\n", seen, sum, log_lines);
    return 0;
}
