/* perturb.c: the options, seeds and sidecars of `racelab run --perturb`
 * (perturb.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "perturb.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
    DEPTH_DEFAULT = 3,
    DEPTH_MAX = 16,       /* the shim's */
    BUDGET_DEFAULT_MS = 1000,
    BUDGET_MAX_MS = 600000,
};

/* Room above the largest seed for the runs' consecutive seeds (--runs <= 1000). */
#define SEED_HEADROOM 1000u

void perturb_defaults(struct perturb_options *options)
{
    *options = (struct perturb_options){.strategy = PERTURB_PCT, .depth = DEPTH_DEFAULT,
                                        .budget_ms = BUDGET_DEFAULT_MS};
}

static int parse_number(const char *flag, const char *value, unsigned long long low, unsigned long long high,
                        unsigned long long *number)
{
    char *end = NULL;
    errno = 0;
    *number = strtoull(value, &end, 10);
    if (errno != 0 || end == value || *end != '\0' || value[0] == '-' || *number < low || *number > high) {
        fprintf(stderr, "racelab run: %s takes a whole number from %llu to %llu, got '%s'\n", flag, low, high, value);
        return -1;
    }
    return 0;
}

int perturb_option(struct perturb_options *options, const char *flag, const char *value, bool *needs_value)
{
    static const char *const valued[] = {"--seed", "--perturb-strategy", "--perturb-depth", "--perturb-budget"};
    *needs_value = false;
    if (strcmp(flag, "--perturb") == 0) {
        options->on = true;
        return 1;
    }
    bool known = false;
    for (size_t i = 0; i < sizeof valued / sizeof valued[0]; i++)
        known = known || strcmp(flag, valued[i]) == 0;
    if (!known)
        return 0;
    *needs_value = true;
    if (value == NULL)
        return 1; /* asked whether it takes a value */
    unsigned long long number = 0;
    options->on = true; /* each of them means perturbing */
    if (strcmp(flag, "--seed") == 0) {
        if (parse_number(flag, value, 0, UINT64_MAX - SEED_HEADROOM, &number) != 0)
            return -1;
        options->seed = number;
        options->seed_given = true;
    } else if (strcmp(flag, "--perturb-strategy") == 0) {
        if (strcmp(value, "pct") == 0)
            options->strategy = PERTURB_PCT;
        else if (strcmp(value, "delay") == 0)
            options->strategy = PERTURB_DELAY;
        else {
            fprintf(stderr, "racelab run: --perturb-strategy is pct or delay, got '%s'\n", value);
            return -1;
        }
    } else if (strcmp(flag, "--perturb-depth") == 0) {
        if (parse_number(flag, value, 1, DEPTH_MAX, &number) != 0)
            return -1;
        options->depth = (int)number;
    } else {
        if (parse_number(flag, value, 1, BUDGET_MAX_MS, &number) != 0)
            return -1;
        options->budget_ms = (int)number;
    }
    return 1;
}

uint64_t perturb_seed(const struct perturb_options *options, int run)
{
    return options->seed + (uint64_t)(run - 1);
}

int perturb_sidecar_path(const char *prefix, char *path, size_t size)
{
    int length = snprintf(path, size, "%s.perturb", prefix);
    return length >= 0 && (size_t)length < size ? 0 : -1;
}

int perturb_prepare_run(const struct perturb_options *options, int run, const char *prefix)
{
    char path[PATH_MAX];
    if (perturb_sidecar_path(prefix, path, sizeof path) != 0) {
        fprintf(stderr, "racelab run: report prefix too long for its .perturb file: %.100s...\n", prefix);
        return -1;
    }
    remove(path);
    if (!options->on) {
        unsetenv("RACELAB_PERTURB");
        unsetenv("RACELAB_PERTURB_LOG");
        return 0;
    }
    const char *strategy = options->strategy == PERTURB_PCT ? "pct" : "delay";
    unsigned long long seed = (unsigned long long)perturb_seed(options, run);
    FILE *file = fopen(path, "w");
    if (file == NULL) {
        fprintf(stderr, "racelab run: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(file, "seed=%llu\nstrategy=%s\ndepth=%d\nbudget_ms=%d\n", seed, strategy, options->depth,
            options->budget_ms);
    fclose(file);
    /* The shim appends its counts there, from the program's own directory. */
    char absolute[PATH_MAX];
    if (realpath(path, absolute) == NULL) {
        fprintf(stderr, "racelab run: %s: %s\n", path, strerror(errno));
        return -1;
    }
    char settings[160];
    snprintf(settings, sizeof settings, "seed=%llu,strategy=%s,depth=%d,budget_ms=%d", seed, strategy,
             options->depth, options->budget_ms);
    setenv("RACELAB_PERTURB", settings, 1);
    setenv("RACELAB_PERTURB_LOG", absolute, 1);
    return 0;
}

long long perturb_sidecar_count(const char *prefix, const char *key)
{
    char path[PATH_MAX], line[256];
    if (perturb_sidecar_path(prefix, path, sizeof path) != 0)
        return -1;
    FILE *file = fopen(path, "r");
    if (file == NULL)
        return -1;
    long long value = -1;
    size_t key_length = strlen(key);
    while (fgets(line, sizeof line, file) != NULL)
        if (strncmp(line, key, key_length) == 0 && line[key_length] == '=')
            value = strtoll(line + key_length + 1, NULL, 10);
    fclose(file);
    return value;
}

int perturb_runs_for_confidence(int seen, int runs)
{
    if (seen <= 0 || runs <= 0)
        return 0;
    /* The least m with (1 - p)^m <= 0.05, p = seen / runs. */
    double miss = 1.0 - (double)seen / runs, all_missed = 1.0;
    int m = 0;
    while (all_missed > 0.05 && m < 100000) {
        all_missed *= miss;
        m++;
    }
    return m;
}

void perturb_print_rate(FILE *out, const char *indent, int seen, int runs, uint64_t first_seed)
{
    int needed = perturb_runs_for_confidence(seen, runs);
    fprintf(out, "%sfound in %d of %d seed%s (first: --seed %llu); at that rate %d run%s find%s it with 95%% confidence\n",
            indent, seen, runs, runs == 1 ? "" : "s", (unsigned long long)first_seed, needed, needed == 1 ? "" : "s",
            needed == 1 ? "s" : "");
}
