/* hidden_semaphore_fixed: hidden_semaphore with its race removed.
 *
 * The same worker and log, but the answer is stored and read while holding
 * the log's token: a semaphore with one token is a lock, and whichever
 * thread takes it first, its sem_post orders its accesses before the
 * other's sem_wait, so the two never race.  main may read 0 when the
 * worker is late; that is a question of order, not a data race.  Clean
 * under every detector, however the threads are delayed.
 *
 * racelab: truth=norace
 * racelab: perturb=on
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t log_token;
static long log_lines; /* while holding log_token */
static int answer;     /* while holding log_token */

static void *worker(void *arg)
{
    (void)arg;
    sem_wait(&log_token);
    answer = 42; // NORACE: while holding the token
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
    int seen = answer; // NORACE: while holding the token
    sem_post(&log_token);
    pthread_join(t, NULL);
    sem_destroy(&log_token);
    printf("hidden_semaphore_fixed: answer %d, sum %lu, %ld log lines\n", seen, sum, log_lines);
    return 0;
}
