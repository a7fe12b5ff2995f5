/* perturb.h: `racelab run --perturb`, racelab's side of the perturbation
 * shim (runtime/racelab-perturb/perturb.h says what the shim does).
 *
 * An invocation perturbs its runs with consecutive seeds: run K gets
 * seed + K - 1, so `--seed S --runs 1` replays the run that had seed S.
 * Each run's settings go to the shim in RACELAB_PERTURB, and into the
 * run's sidecar PREFIX[.runK].perturb, `key=value` lines that the shim
 * completes at exit with what it did (points, delays, ...); `racelab json`
 * and `racelab sarif` carry the sidecar beside the report. */
#ifndef RACELAB_JUDGE_PERTURB_H
#define RACELAB_JUDGE_PERTURB_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum perturb_strategy { PERTURB_PCT, PERTURB_DELAY };

struct perturb_options {
    bool on;
    bool seed_given;
    uint64_t seed;        /* the first run's */
    enum perturb_strategy strategy;
    int depth;            /* pct: d, so d-1 priority change points */
    int budget_ms;        /* delay: total delay; pct: wall time under control */
};

void perturb_defaults(struct perturb_options *options);

/* Reads one of --perturb, --seed, --perturb-strategy, --perturb-depth,
 * --perturb-budget (value NULL for a flag): 1 taken, 0 not a perturbation
 * option, -1 bad value (printed).  *needs_value says whether flag takes one. */
int perturb_option(struct perturb_options *options, const char *flag, const char *value, bool *needs_value);

/* The seed of run `run` (from 1). */
uint64_t perturb_seed(const struct perturb_options *options, int run);

/* Before run `run` with report prefix `prefix`: removes a sidecar left by
 * an earlier invocation and, when perturbing, writes this run's and sets
 * the shim's environment.  -1 with the reason printed. */
int perturb_prepare_run(const struct perturb_options *options, int run, const char *prefix);

/* The sidecar of the run with report prefix `prefix`: PREFIX.perturb; -1
 * when it does not fit in size. */
int perturb_sidecar_path(const char *prefix, char *path, size_t size);

/* The shim's count `key` from a run's sidecar, -1 when absent. */
long long perturb_sidecar_count(const char *prefix, const char *key);

/* One finding's line: found in `seen` of `runs` seeds, and how many runs
 * find it with 95% confidence at that rate. */
void perturb_print_rate(FILE *out, const char *indent, int seen, int runs, uint64_t first_seed);

/* The least number of runs that find with 95% confidence a finding seen in
 * `seen` of `runs` runs (at that rate per run); 0 when seen is 0. */
int perturb_runs_for_confidence(int seen, int runs);

#endif
