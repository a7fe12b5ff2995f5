/* miss_once: a run that gives no verdict once, the way a detector miss does.
 *
 * usage: miss_once MARKER race|clean|late
 *
 * The first run (MARKER absent) creates MARKER, touches nothing shared and
 * exits 1 with a complaint on stderr: what the mutex-without-lock mutant
 * looked like when TSan missed its race (updates lost, nothing reported).
 * Every later run exits 0 after two threads add 1 to one global: with no
 * lock for `race`, under a mutex for `clean`.  So `racelab run --runs N`
 * meets one run without a verdict, then real ones.
 *
 * `late` is a race that shows only from the second run: every run races on
 * `shared`; the first (MARKER absent) creates MARKER and stops there, the
 * later ones race on `late` too.  A baseline or bless that stopped once its
 * known races had shown would never see it. */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static long shared, late;
static bool locked, race_late;
static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;

static void *add_one(void *unused)
{
    (void)unused;
    if (locked)
        pthread_mutex_lock(&shared_lock);
    shared += 1;
    if (race_late)
        late += 1;
    if (locked)
        pthread_mutex_unlock(&shared_lock);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[2], "race") != 0 && strcmp(argv[2], "clean") != 0 &&
                      strcmp(argv[2], "late") != 0)) {
        fprintf(stderr, "usage: miss_once MARKER race|clean|late\n");
        return 2;
    }
    FILE *marker = fopen(argv[1], "r");
    bool first_run = marker == NULL;
    if (first_run && strcmp(argv[2], "late") == 0) {
        marker = fopen(argv[1], "w"); /* the first run races on `shared` alone */
    } else if (first_run) {
        marker = fopen(argv[1], "w");
        if (marker != NULL)
            fclose(marker);
        fprintf(stderr, "miss_once: first run: total 1, expected 2\n");
        return 1;
    }
    if (marker != NULL)
        fclose(marker);
    locked = strcmp(argv[2], "clean") == 0;
    race_late = strcmp(argv[2], "late") == 0 && !first_run;
    pthread_t threads[2];
    for (int t = 0; t < 2; t++)
        if (pthread_create(&threads[t], NULL, add_one, NULL) != 0)
            return 1;
    for (int t = 0; t < 2; t++)
        pthread_join(threads[t], NULL);
    printf("miss_once: total %ld, expected 2 (late %ld)\n", shared, late);
    return 0;
}
