/* detectors.c: runs the case programs natively and under each detector,
 * measuring wall time and peak memory of each child. */
#include "detectors.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_config.h"

const struct detector_flavour detector_flavours[] = {
    {"native", "native", NULL, BENCH_NATIVE_BUILD, "1x"},
    {"tsan-clang", "tsan-clang", NULL, BENCH_TSAN_CLANG_BUILD, "TSan 5-15x time / 5-10x memory"},
    {"tsan-gcc", "tsan-gcc", NULL, BENCH_TSAN_GCC_BUILD, "TSan 5-15x time / 5-10x memory"},
    {"helgrind", "valgrind", "helgrind", BENCH_VALGRIND_BUILD " + valgrind --tool=helgrind", "Helgrind ~100x time"},
    {"drd", "valgrind", "drd", BENCH_VALGRIND_BUILD " + valgrind --tool=drd", "DRD 20-50x time"},
};
const size_t detector_flavour_count = sizeof detector_flavours / sizeof detector_flavours[0];

/* mutex: real locking work for the detectors to follow; isolated: the fix
 * without shared state.  unsafe is left out: a race report is extra work
 * (and TSan exits 66), so it would not be the same workload. */
const char *const detector_programs[] = {"mutex", "isolated"};
const size_t detector_program_count = sizeof detector_programs / sizeof detector_programs[0];

/* Native runs take milliseconds, so each repetition runs them this many
 * times: the baseline every ratio divides by should be the steadiest figure. */
enum { NATIVE_RUNS_PER_REP = 5 };

struct child_figures {
    double seconds;
    long maxrss_kib;
    int status; /* as from waitpid */
};

/* Runs argv[0] with stdout and stderr in log_path and measures it.
 *
 * Why a helper process in between: RUSAGE_CHILDREN reports the largest
 * ru_maxrss over ALL children a process has waited for, so the bench
 * itself would report the biggest detector run ever after.  A freshly
 * forked helper has waited for nobody; after waiting for its one child,
 * its RUSAGE_CHILDREN is exactly that child's peak.  The helper sends the
 * figures back through a pipe. */
static int measure_child(char *const argv[], const char *log_path, struct child_figures *out)
{
    int channel[2];
    if (pipe(channel) != 0) {
        perror("pipe");
        return -1;
    }
    fflush(NULL); /* nothing buffered may be written twice by the forks */
    pid_t helper = fork();
    if (helper < 0) {
        perror("fork");
        return -1;
    }
    if (helper == 0) {
        close(channel[0]);
        struct child_figures figures = {0};
        double start = now_seconds();
        pid_t child = fork();
        if (child == 0) {
            int log = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (log >= 0) {
                dup2(log, STDOUT_FILENO);
                dup2(log, STDERR_FILENO);
                close(log);
            }
            execv(argv[0], argv);
            fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
            _exit(127);
        }
        int status = 0;
        if (child < 0 || waitpid(child, &status, 0) != child)
            status = 127 << 8;
        figures.seconds = now_seconds() - start;
        struct rusage usage;
        getrusage(RUSAGE_CHILDREN, &usage);
        figures.maxrss_kib = usage.ru_maxrss; /* Linux: kibibytes */
        figures.status = status;
        ssize_t written = write(channel[1], &figures, sizeof figures);
        _exit(written == (ssize_t)sizeof figures ? 0 : 1);
    }
    close(channel[1]);
    ssize_t got = read(channel[0], out, sizeof *out);
    close(channel[0]);
    int helper_status = 0;
    waitpid(helper, &helper_status, 0);
    if (got != (ssize_t)sizeof *out) {
        fprintf(stderr, "measuring %s: the helper process sent no figures\n", argv[0]);
        return -1;
    }
    return 0;
}

static const struct detector_point *native_point(const struct detector_run *run, const char *program)
{
    for (size_t i = 0; i < run->point_count; i++)
        if (strcmp(run->points[i].program, program) == 0 &&
            strcmp(run->points[i].flavour->name, "native") == 0)
            return &run->points[i];
    return NULL;
}

int run_detectors(const struct detector_options *o, struct detector_run *run)
{
    double started = now_seconds();
    memset(run, 0, sizeof *run);
    char threads[16];
    char iterations[32];
    snprintf(threads, sizeof threads, "%d", o->threads);
    snprintf(iterations, sizeof iterations, "%ld", o->iterations);

    for (size_t p = 0; p < detector_program_count; p++) {
        for (size_t f = 0; f < detector_flavour_count; f++) {
            struct detector_point *point = &run->points[run->point_count++];
            point->program = detector_programs[p];
            point->flavour = &detector_flavours[f];
            point->reps = o->reps * (point->flavour->tool == NULL && strcmp(point->flavour->name, "native") == 0
                                         ? NATIVE_RUNS_PER_REP
                                         : 1);
            char path[4096];
            snprintf(path, sizeof path, "%s/%s.%s", o->program_dir, point->program, point->flavour->suffix);
            if (access(path, X_OK) != 0) {
                fprintf(stderr, "%s: %s (build the target bench-detector-programs first)\n", path, strerror(errno));
                return -1;
            }
        }
    }

    struct rusage self;
    getrusage(RUSAGE_SELF, &self);
    run->spawner_rss_kib = self.ru_maxrss;

    for (int rep = 0; rep < o->reps; rep++) {
        for (size_t i = 0; i < run->point_count; i++) {
            struct detector_point *point = &run->points[i];
            fprintf(stderr, "\rdetectors: repetition %d of %d, %-8s under %-10s", rep + 1, o->reps,
                    point->program, point->flavour->name);
            char program[4096];
            char log[4096];
            char tool[64];
            snprintf(program, sizeof program, "%s/%s.%s", o->program_dir, point->program, point->flavour->suffix);
            snprintf(log, sizeof log, "%s/%s.%s.log", o->log_dir, point->program, point->flavour->name);
            char *argv[8];
            int argc = 0;
            if (point->flavour->tool != NULL) {
                snprintf(tool, sizeof tool, "--tool=%s", point->flavour->tool);
                argv[argc++] = (char *)o->valgrind;
                argv[argc++] = tool;
                argv[argc++] = "-q";
            }
            argv[argc++] = program;
            argv[argc++] = threads;
            argv[argc++] = iterations;
            argv[argc] = NULL;

            int runs = point->reps / o->reps;
            for (int k = 0; k < runs; k++) {
                struct child_figures figures;
                if (measure_child(argv, log, &figures) != 0)
                    return -1;
                point->seconds[rep * runs + k] = figures.seconds;
                point->rss_kib[rep * runs + k] = (double)figures.maxrss_kib;
                bool clean = WIFEXITED(figures.status) && WEXITSTATUS(figures.status) == 0;
                if (!clean && point->bad_status == 0)
                    point->bad_status = figures.status;
            }
        }
    }
    fprintf(stderr, "\n");

    for (size_t i = 0; i < run->point_count; i++) {
        struct detector_point *point = &run->points[i];
        point->time = summarize(point->seconds, (size_t)point->reps);
        point->rss = summarize(point->rss_kib, (size_t)point->reps);
    }
    for (size_t i = 0; i < run->point_count; i++) {
        struct detector_point *point = &run->points[i];
        const struct detector_point *native = native_point(run, point->program);
        point->slowdown = point->time.median / native->time.median;
        point->memory_ratio = point->rss.median / native->rss.median;
    }
    run->seconds_taken = now_seconds() - started;
    return 0;
}
