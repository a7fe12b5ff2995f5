/* declared_inputs: a lab-style case whose race needs its declared inputs.
 *
 * The case declarations `stdin=` and `env=` (cmake/RacelabCase.cmake) must
 * reach the case's tests: the program races only when its stdin starts
 * with "race" (the file below, beside this source) and
 * DECLARED_INPUTS_RACE=yes is set.  Without either it is clean, and its
 * test, judged by the expected files here, fails with MISMATCH.  It lives
 * under tests/, not cases/: it checks the lab's machinery, and is not
 * scored.
 *
 * racelab: truth=race
 * racelab: stdin=input.txt
 * racelab: env=DECLARED_INPUTS_RACE=yes
 * racelab: env=DECLARED_INPUTS_UNUSED=a second declaration, with spaces
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long shared_total;

static void *add(void *unused)
{
    (void)unused;
    shared_total += 1; // RACE! no lock, both threads
    return NULL;
}

int main(void)
{
    char line[64] = "";
    const char *variable = getenv("DECLARED_INPUTS_RACE");
    if (fgets(line, sizeof line, stdin) == NULL || strncmp(line, "race", 4) != 0 || variable == NULL ||
        strcmp(variable, "yes") != 0) {
        puts("declared_inputs: not given its inputs, no race");
        return 0;
    }
    pthread_t a, b;
    pthread_create(&a, NULL, add, NULL);
    pthread_create(&b, NULL, add, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("declared_inputs: total %ld\n", shared_total);
    return 0;
}
