/* racelab-bench: one command, one run, three outputs.
 *
 *   racelab-bench [--smoke] [--out DIR] [--reps N] [--target-ms MS]
 *                 [--detector-reps N] [--detector-iterations N]
 *
 * Times the counter variants at 1, 2, 4 and 8 threads, then the case
 * programs natively and under four race detectors, and writes
 * DIR/table.txt, DIR/scaling.csv, DIR/detectors.csv and DIR/throughput.svg.
 * --smoke uses tiny counts (for CI: checks the outputs, not the speed). */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench_config.h"
#include "detectors.h"
#include "machine.h"
#include "report.h"
#include "scaling.h"

struct options {
    bool smoke;
    const char *out_dir;
    struct scaling_options scaling;
    struct detector_options detectors;
};

static void usage(FILE *to)
{
    fprintf(to, "usage: racelab-bench [--smoke] [--out DIR] [--reps N] [--target-ms MS]\n"
                "                     [--detector-reps N] [--detector-iterations N]\n"
                "  --smoke                 tiny counts, 2 repetitions: checks the outputs (CI)\n"
                "  --out DIR               where table.txt, *.csv and throughput.svg go\n"
                "                          (default %s)\n"
                "  --reps N                repetitions of each counter point (default 15)\n"
                "  --target-ms MS          length of one calibrated 1-thread run (default 50)\n"
                "  --detector-reps N       repetitions of each detector run (default 3)\n"
                "  --detector-iterations N increments per thread in detector runs (default 200000)\n",
            BENCH_DEFAULT_OUT);
}

static long number_argument(const char *option, const char *text, long min, long max)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < min || value > max) {
        fprintf(stderr, "racelab-bench: %s wants a whole number from %ld to %ld, got '%s'\n", option, min, max, text);
        exit(2);
    }
    return value;
}

static void parse_options(int argc, char **argv, struct options *o)
{
    *o = (struct options){
        .out_dir = BENCH_DEFAULT_OUT,
        .scaling = {.reps = 15, .target_seconds = 0.050},
        .detectors = {.reps = 3, .threads = 2, .iterations = 200000,
                      .program_dir = BENCH_DETECTOR_DIR, .valgrind = BENCH_VALGRIND},
    };
    bool reps_set = false, detector_reps_set = false, detector_iterations_set = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = (i + 1 < argc) ? argv[i + 1] : NULL;
        bool takes_value = strcmp(arg, "--out") == 0 || strcmp(arg, "--reps") == 0 ||
                           strcmp(arg, "--target-ms") == 0 || strcmp(arg, "--detector-reps") == 0 ||
                           strcmp(arg, "--detector-iterations") == 0;
        if (takes_value && value == NULL) {
            fprintf(stderr, "racelab-bench: %s needs a value\n", arg);
            exit(2);
        }
        if (strcmp(arg, "--smoke") == 0) {
            o->smoke = true;
        } else if (strcmp(arg, "--out") == 0) {
            o->out_dir = value;
        } else if (strcmp(arg, "--reps") == 0) {
            o->scaling.reps = (int)number_argument(arg, value, 1, MAX_REPS);
            reps_set = true;
        } else if (strcmp(arg, "--target-ms") == 0) {
            o->scaling.target_seconds = (double)number_argument(arg, value, 1, 10000) / 1e3;
        } else if (strcmp(arg, "--detector-reps") == 0) {
            o->detectors.reps = (int)number_argument(arg, value, 1, MAX_DETECTOR_REPS);
            detector_reps_set = true;
        } else if (strcmp(arg, "--detector-iterations") == 0) {
            o->detectors.iterations = number_argument(arg, value, 1, 1000000000L);
            detector_iterations_set = true;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            exit(0);
        } else {
            fprintf(stderr, "racelab-bench: unknown argument '%s'\n", arg);
            usage(stderr);
            exit(2);
        }
        if (takes_value)
            i++;
    }
    if (o->smoke) {
        /* Enough work that every loop runs, little enough for CI (< 10 s,
         * most of it Valgrind starting up). */
        o->scaling.fixed_total = 200000;
        if (!reps_set)
            o->scaling.reps = 2;
        if (!detector_reps_set)
            o->detectors.reps = 1;
        if (!detector_iterations_set)
            o->detectors.iterations = 2000;
    }
}

/* mkdir -p for DIR: the output may live in a fresh build tree. */
static int make_directories(const char *path)
{
    char partial[4096];
    size_t length = strlen(path);
    if (length >= sizeof partial) {
        fprintf(stderr, "%s: path too long\n", path);
        return -1;
    }
    for (size_t i = 1; i <= length; i++) {
        if (path[i] == '/' || path[i] == '\0') {
            memcpy(partial, path, i);
            partial[i] = '\0';
            if (mkdir(partial, 0755) != 0 && errno != EEXIST) {
                fprintf(stderr, "%s: %s\n", partial, strerror(errno));
                return -1;
            }
        }
    }
    return 0;
}

static void join_path(char *buffer, size_t size, const char *dir, const char *name)
{
    int n = snprintf(buffer, size, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= size) {
        fprintf(stderr, "racelab-bench: path too long: %s/%s\n", dir, name);
        exit(2);
    }
}

int main(int argc, char **argv)
{
    struct options o;
    parse_options(argc, argv, &o);

    char log_dir[PATH_MAX], table_path[PATH_MAX], scaling_csv[PATH_MAX], detector_csv[PATH_MAX], svg[PATH_MAX];
    join_path(log_dir, sizeof log_dir, o.out_dir, "detector-logs");
    join_path(table_path, sizeof table_path, o.out_dir, "table.txt");
    join_path(scaling_csv, sizeof scaling_csv, o.out_dir, "scaling.csv");
    join_path(detector_csv, sizeof detector_csv, o.out_dir, "detectors.csv");
    join_path(svg, sizeof svg, o.out_dir, "throughput.svg");
    if (make_directories(log_dir) != 0)
        return 1;
    o.detectors.log_dir = log_dir;

    struct machine machine;
    describe_machine(&machine);
    o.scaling.cores = machine.cores;

    /* Detectors first, while the bench is smallest: until it execs, a forked
     * child holds a copy of the bench, which could count in its peak RSS
     * (the table's note checks that it did not). */
    static struct detector_run detectors;
    if (run_detectors(&o.detectors, &detectors) != 0)
        return 1;
    static struct scaling_run scaling;
    run_scaling(&o.scaling, &scaling);

    struct report_context context = {
        .machine = &machine, .scaling_options = &o.scaling, .detector_options = &o.detectors, .smoke = o.smoke};
    print_report(stdout, &context, &scaling, &detectors);
    FILE *table = fopen(table_path, "w");
    if (table == NULL) {
        fprintf(stderr, "%s: %s\n", table_path, strerror(errno));
        return 1;
    }
    print_report(table, &context, &scaling, &detectors);
    fclose(table);

    if (write_scaling_csv(scaling_csv, &scaling) != 0 || write_detector_csv(detector_csv, &o.detectors, &detectors) != 0 ||
        draw_plot(scaling_csv, svg, &machine, &scaling) != 0)
        return 1;
    printf("\nwritten: %s\n         %s\n         %s\n         %s\n         %s/ (detector output)\n", table_path,
           scaling_csv, detector_csv, svg, log_dir);

    /* A fix that miscounts, or a detector run that did not exit cleanly,
     * makes the figures meaningless: say so with the exit status. */
    int status = 0;
    for (size_t i = 0; i < scaling.point_count; i++)
        if (scaling.points[i].wrong_total) {
            fprintf(stderr, "racelab-bench: %s at %d threads returned a wrong total\n",
                    scaling.points[i].variant->name, scaling.points[i].threads);
            status = 1;
        }
    for (size_t i = 0; i < detectors.point_count; i++)
        if (detectors.points[i].bad_status != 0) {
            fprintf(stderr, "racelab-bench: %s under %s did not exit cleanly (wait status %d), see %s\n",
                    detectors.points[i].program, detectors.points[i].flavour->name, detectors.points[i].bad_status,
                    log_dir);
            status = 1;
        }
    return status;
}
