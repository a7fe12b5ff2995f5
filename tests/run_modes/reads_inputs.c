/* reads_inputs: races only on the inputs it is given, for the tests of
 * racelab run --stdin, --env and --cwd and of their CMake API.
 *
 * Each input, when present, makes two threads write one global with no
 * lock, each race in its own function (the stable line names it):
 *   stdin   a first line starting "race"      -> race_on_stdin   (from_stdin)
 *   env     READS_INPUTS_RACE=yes              -> race_on_env     (from_env)
 *   cwd     a file named race-here in the
 *           working directory                  -> race_on_cwd     (from_cwd)
 * With none of them (stdin /dev/null, the variable unset, another
 * directory) it is clean: a test that expects a race fails when racelab
 * did not pass the input. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long from_stdin, from_env, from_cwd;

static void *race_on_stdin(void *unused)
{
    (void)unused;
    from_stdin += 1;
    return NULL;
}

static void *race_on_env(void *unused)
{
    (void)unused;
    from_env += 1;
    return NULL;
}

static void *race_on_cwd(void *unused)
{
    (void)unused;
    from_cwd += 1;
    return NULL;
}

static void race_twice(void *(*racer)(void *))
{
    pthread_t a, b;
    if (pthread_create(&a, NULL, racer, NULL) != 0 || pthread_create(&b, NULL, racer, NULL) != 0) {
        fputs("reads_inputs: pthread_create failed\n", stderr);
        exit(2);
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);
}

int main(void)
{
    char line[64] = "";
    if (fgets(line, sizeof line, stdin) != NULL && strncmp(line, "race", 4) == 0)
        race_twice(race_on_stdin);
    const char *variable = getenv("READS_INPUTS_RACE");
    if (variable != NULL && strcmp(variable, "yes") == 0)
        race_twice(race_on_env);
    FILE *marker = fopen("race-here", "r");
    if (marker != NULL) {
        fclose(marker);
        race_twice(race_on_cwd);
    }
    printf("reads_inputs: stdin %ld, env %ld, cwd %ld\n", from_stdin, from_env, from_cwd);
    return 0;
}
