/* detectors.h: what a race detector costs on the same workload.
 *
 * The real case programs (with their own main) are built in four flavours
 * by bench/CMakeLists.txt: native (-O1 -g), clang TSan and gcc TSan
 * (-fsanitize=thread -Og -g), and a -O0 -g gcc build that runs under
 * Valgrind's Helgrind and DRD.  Each run is a child process; its wall time
 * and its peak resident memory (getrusage(RUSAGE_CHILDREN).ru_maxrss) are
 * compared with the native run of the same program, in the same bench run. */
#ifndef RACELAB_BENCH_DETECTORS_H
#define RACELAB_BENCH_DETECTORS_H

#include <stdbool.h>
#include <stddef.h>

#include "scaling.h"
#include "stats.h"

struct detector_flavour {
    const char *name;      /* native, tsan-clang, tsan-gcc, helgrind, drd */
    const char *suffix;    /* which build of the program: PROGRAM.SUFFIX */
    const char *tool;      /* valgrind --tool=..., or NULL to run the program directly */
    const char *build;     /* how that build was compiled, for the table */
    const char *published; /* the figures usually quoted, for comparison */
};

extern const struct detector_flavour detector_flavours[];
extern const size_t detector_flavour_count;
extern const char *const detector_programs[]; /* case programs run under every flavour */
extern const size_t detector_program_count;

enum { MAX_DETECTOR_REPS = MAX_REPS / 5 };

struct detector_options {
    int reps;                 /* at most MAX_DETECTOR_REPS; native runs 5 times per rep */
    int threads;
    long iterations;          /* per thread, as the case programs take them */
    const char *program_dir;  /* where CMake put PROGRAM.SUFFIX */
    const char *log_dir;      /* each run's stdout and stderr go to PROGRAM.FLAVOUR.log here */
    const char *valgrind;     /* path of valgrind */
};

struct detector_point {
    const char *program;
    const struct detector_flavour *flavour;
    int reps; /* runs measured: options.reps, times 5 for native */
    double seconds[MAX_REPS];
    double rss_kib[MAX_REPS];
    struct summary time;
    struct summary rss;
    double slowdown;     /* median seconds / native median seconds */
    double memory_ratio; /* median peak RSS / native median peak RSS */
    int bad_status;      /* first wait status that was not a clean exit 0, else 0 */
};

struct detector_run {
    struct detector_point points[32];
    size_t point_count;
    long spawner_rss_kib; /* the bench's own peak RSS when it forked the children */
    double seconds_taken;
};

/* Runs every program under every flavour `reps` times (interleaved).
 * Returns 0, or -1 after printing why if a program is missing. */
int run_detectors(const struct detector_options *options, struct detector_run *run);

#endif
