/* heap_block: a race on memory from malloc, with the lock right beside it.
 *
 * main allocates an account whose struct carries the mutex meant to guard
 * its balance, and hands the same pointer to two threads.  deposit()
 * forgets to take that lock.  The detectors name the memory by where it was
 * allocated (TSan: "heap block of size 48 ... allocated by main thread";
 * Valgrind: "inside a block of size 48 alloc'd"), not by a variable name:
 * the stable form says `heap`.
 *
 * racelab: truth=race
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct account {
    pthread_mutex_t lock; /* guards balance, when it is taken */
    long balance;
};

enum { DEPOSITS = 1000 };

static void *deposit(void *arg)
{
    struct account *account = arg;
    for (int i = 0; i < DEPOSITS; i++) {
        account->balance += 1; // RACE! account->lock is not taken
    }
    return NULL;
}

int main(void)
{
    struct account *account = malloc(sizeof *account);
    if (account == NULL)
        return 1;
    pthread_mutex_init(&account->lock, NULL);
    account->balance = 0;
    pthread_t a, b;
    pthread_create(&a, NULL, deposit, account);
    pthread_create(&b, NULL, deposit, account);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("heap_block: balance %ld, expected %d\n", account->balance, 2 * DEPOSITS);
    pthread_mutex_destroy(&account->lock);
    free(account);
    return 0;
}
