/* races_by_name: the races named on the command line, for the baseline tests.
 *
 * Two threads each add 1 to the globals named by the arguments (alpha, beta,
 * gamma), with no lock: one data race per name, each on its own line.  With
 * no argument it runs alpha and beta.  So a baseline can hold two races, a
 * third can be added (alpha beta gamma), and one removed (alpha). */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static long alpha, beta, gamma_;
static bool race_alpha, race_beta, race_gamma;

static void *racer(void *unused)
{
    (void)unused;
    if (race_alpha)
        alpha += 1;
    if (race_beta)
        beta += 1;
    if (race_gamma)
        gamma_ += 1;
    return NULL;
}

int main(int argc, char **argv)
{
    race_alpha = race_beta = argc == 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "alpha") == 0) {
            race_alpha = true;
        } else if (strcmp(argv[i], "beta") == 0) {
            race_beta = true;
        } else if (strcmp(argv[i], "gamma") == 0) {
            race_gamma = true;
        } else {
            fprintf(stderr, "usage: races_by_name [alpha] [beta] [gamma]: unknown race '%s'\n", argv[i]);
            return 2;
        }
    }
    pthread_t threads[2];
    for (int t = 0; t < 2; t++)
        if (pthread_create(&threads[t], NULL, racer, NULL) != 0)
            return 1;
    for (int t = 0; t < 2; t++)
        pthread_join(threads[t], NULL);
    printf("races_by_name: alpha %ld, beta %ld, gamma %ld\n", alpha, beta, gamma_);
    return 0;
}
