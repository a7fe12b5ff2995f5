/* report.c: table, CSV and plot. */
#include "report.h"

#include <errno.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_config.h"

/* ---- the table ---- */

static void print_header(FILE *out, const struct report_context *c)
{
    const struct machine *m = c->machine;
    fprintf(out, "racelab benchmark%s\n", c->smoke ? "  [SMOKE RUN: tiny counts, the figures mean nothing]" : "");
    fprintf(out, "machine:  %s, nproc %d, load average %.1f at start, %.1f at end\n",
            m->cpu, m->cores, m->load_at_start, load_average());
    fprintf(out, "bench:    %s, flags %s (cases/*.c compiled the same, with -DRACELAB_NO_MAIN)\n",
            m->bench_compiler, BENCH_C_FLAGS);
    fprintf(out, "tools:    %s | %s | %s | %s\n", m->clang, m->gcc, m->valgrind, m->gnuplot);
}

static void print_lost(FILE *out, const struct scaling_point *p)
{
    if (p->variant->exact) {
        fprintf(out, "%s", p->wrong_total ? "WRONG TOTAL" : "-");
        return;
    }
    for (int r = 0; r < p->reps; r++)
        fprintf(out, "%s%ld", r ? " " : "", p->lost[r]);
}

static void print_scaling_table(FILE *out, const struct report_context *c, const struct scaling_run *s)
{
    fprintf(out, "\nCounters: the same total of increments at every thread count, split evenly;\n"
                 "median of %d runs, interleaved in shuffled order; ideal = 1-thread rate x min(threads, %d cores)\n\n",
            c->scaling_options->reps, c->machine->cores);
    fprintf(out, "%-14s %7s %11s %10s %7s %9s %10s %8s %8s  %s\n", "variant", "threads", "increments",
            "median ms", "mad%", "ns/incr", "M incr/s", "x plain", "of ideal", "lost updates, each run");
    const struct variant *previous = NULL;
    for (size_t i = 0; i < s->point_count; i++) {
        const struct scaling_point *p = &s->points[i];
        if (previous != NULL && previous != p->variant)
            fprintf(out, "\n");
        previous = p->variant;
        char of_ideal[16];
        if (p->calibration->folded)
            snprintf(of_ideal, sizeof of_ideal, "folded");
        else
            snprintf(of_ideal, sizeof of_ideal, "%.2f", p->of_ideal);
        fprintf(out, "%-14s %7d %11ld %10.3f %7.1f %9.3g %10.4g %8.3g %8s  ", p->variant->name, p->threads, p->total,
                p->time.median * 1e3, p->time.mad_pct, p->ns_per_increment, p->increments_per_second / 1e6,
                p->vs_plain, of_ideal);
        print_lost(out, p);
        fprintf(out, "\n");
    }
    fprintf(out, "\n");
    for (size_t v = 0; v < bench_variant_count; v++)
        fprintf(out, "  %-14s %s\n", bench_variants[v].name, bench_variants[v].what);
    fprintf(out, "  folded: 16x the work took less than 2x the time, so the compiler replaced the\n"
                 "          loop by one add; the run is a thread start and join, not a loop.\n");
}

/* 2-thread scaling of isolated and padded, against the 0.9 goal, and the
 * slow-downs the lab is about, each as a ratio of medians from this run. */
static void print_key_figures(FILE *out, const struct report_context *c, const struct scaling_run *s)
{
    fprintf(out, "\nKey figures (ratios of medians from this run):\n");
    const char *scalers[] = {"padded", "isolated"};
    for (size_t i = 0; i < 2; i++) {
        const struct scaling_point *two = find_point(s, scalers[i], 2);
        const struct calibration *cal = two->calibration;
        if (cal->folded) {
            fprintf(out,
                    "  %-9s 2 threads: no loop left to scale: at 1 thread %ld increments took %.0f us and\n"
                    "            1/16 of them %.0f us; the compiler folded the loop into one add per thread,\n"
                    "            so a run is thread start + join (%.0f us at 2 threads). padded is the same\n"
                    "            design with the loop kept.\n",
                    scalers[i], cal->check_total, cal->full_seconds * 1e6, cal->small_seconds * 1e6, two->time.median * 1e6);
        } else {
            fprintf(out, "  %-9s 2 threads: %.2f of ideal linear scaling (goal >= 0.90: %s)\n", scalers[i],
                    two->of_ideal, two->of_ideal >= 0.9 ? "met" : "NOT met");
        }
    }
    for (size_t k = 0; k < bench_thread_count_count; k++) {
        int t = bench_thread_counts[k];
        const struct scaling_point *fs = find_point(s, "false-sharing", t);
        const struct scaling_point *pad = find_point(s, "padded", t);
        const struct scaling_point *mutex = find_point(s, "mutex", t);
        const struct scaling_point *atomic = find_point(s, "atomic", t);
        fprintf(out, "  %d thread%s: false-sharing %5.2fx padded | mutex %6.1fx plain | atomic %6.1fx plain\n", t,
                t == 1 ? " " : "s", fs->ns_per_increment / pad->ns_per_increment, mutex->vs_plain, atomic->vs_plain);
    }
    static const char *const racy[] = {"unsafe", "unsafe-O0"};
    for (size_t r = 0; r < sizeof racy / sizeof racy[0]; r++) {
        const struct scaling_point *unsafe = find_point(s, racy[r], 2);
        long worst = 0;
        for (int rep = 0; rep < unsafe->reps; rep++)
            worst = unsafe->lost[rep] > worst ? unsafe->lost[rep] : worst;
        fprintf(out, "  %-9s 2 threads: at most %ld of %ld updates lost in a run\n", racy[r], worst, unsafe->total);
        if (unsafe->calibration->folded)
            fprintf(out, "            (folded: each thread adds its whole count in one instruction, so the race\n"
                         "            is still there, and detected, but almost never loses an update)\n");
    }

    /* How much parallel work the machine really delivers: padded threads
     * share nothing, so their speed-up is the machine's, not the code's. */
    double best = 1.0;
    int best_threads = 1;
    for (size_t k = 0; k < bench_thread_count_count; k++) {
        const struct scaling_point *p = find_point(s, "padded", bench_thread_counts[k]);
        const struct scaling_point *one = find_point(s, "padded", 1);
        double speedup = p->increments_per_second / one->increments_per_second;
        if (speedup > best) {
            best = speedup;
            best_threads = p->threads;
        }
    }
    fprintf(out, "  machine   padded slots share nothing; their best speed-up is %.2fx (%d thread%s)\n"
                 "            on nproc %d: the machine delivers %.1f cores of parallel work%s\n",
            best, best_threads, best_threads == 1 ? "" : "s", c->machine->cores, best,
            best < 0.9 * c->machine->cores ? ",\n            so no variant can reach ideal scaling here" : "");
}

static void print_detector_table(FILE *out, const struct report_context *c, const struct detector_run *d)
{
    const struct detector_options *o = c->detector_options;
    fprintf(out, "\nDetector overhead: each program runs %d threads x %ld increments, median of %d runs\n"
                 "(native: %d), interleaved; wall time and peak RSS of the child process\n"
                 "(getrusage RUSAGE_CHILDREN ru_maxrss); ratios against native, same run\n\n",
            o->threads, o->iterations, o->reps, d->point_count ? d->points[0].reps : 0);
    fprintf(out, "%-9s %-11s %9s %7s %9s %9s %8s  %-32s %s\n", "program", "detector", "median s", "mad%",
            "peak MiB", "slowdown", "memory", "published", "build");
    const char *previous = NULL;
    for (size_t i = 0; i < d->point_count; i++) {
        const struct detector_point *p = &d->points[i];
        if (previous != NULL && strcmp(previous, p->program) != 0)
            fprintf(out, "\n");
        previous = p->program;
        fprintf(out, "%-9s %-11s %9.3f %7.1f %9.1f %8.1fx %7.1fx  %-32s %s%s\n", p->program, p->flavour->name,
                p->time.median, p->time.mad_pct, p->rss.median / 1024.0, p->slowdown, p->memory_ratio,
                p->flavour->published, p->flavour->build, p->bad_status ? "  FAILED: non-zero exit, see log" : "");
    }
    /* A forked child holds a copy of the bench's pages until it execs, so
     * its peak could be the bench's; show that the native peaks are not. */
    double native_min_kib = 0;
    for (size_t i = 0; i < d->point_count; i++)
        if (strcmp(d->points[i].flavour->name, "native") == 0 &&
            (native_min_kib == 0 || d->points[i].rss.min < native_min_kib))
            native_min_kib = d->points[i].rss.min;
    fprintf(out, "\n  the bench forking these children had a peak RSS of %.1f MiB; native children peak at\n"
                 "  %.1f MiB, %s\n",
            (double)d->spawner_rss_kib / 1024.0, native_min_kib / 1024.0,
            native_min_kib < (double)d->spawner_rss_kib ? "so their peak is their own, not inherited from the bench"
                                                        : "WARNING: possibly inherited from the bench");
    fprintf(out, "  isolated shares nothing and counts in a register (or not at all, where the compiler\n"
                 "  folds the loop), so its rows mostly time start-up of the process and the tool;\n"
                 "  mutex, with a lock and a shared counter every increment, is the workload comparison.\n");
}

void print_report(FILE *out, const struct report_context *c, const struct scaling_run *s, const struct detector_run *d)
{
    print_header(out, c);
    print_scaling_table(out, c, s);
    print_key_figures(out, c, s);
    print_detector_table(out, c, d);
    fprintf(out, "\nbench time: counters %.1f s, detectors %.1f s\n", s->seconds_taken, d->seconds_taken);
}

/* ---- CSV ---- */

/* Text fields are written as they are; none may hold a comma or a quote. */
static int check_csv_text(const char *text)
{
    if (strpbrk(text, ",\"\n") != NULL) {
        fprintf(stderr, "bench: CSV field '%s' holds a comma, quote or newline\n", text);
        return -1;
    }
    return 0;
}

static int close_csv(FILE *csv, const char *path)
{
    if (ferror(csv) | fclose(csv)) {
        fprintf(stderr, "%s: write failed\n", path);
        return -1;
    }
    return 0;
}

int write_scaling_csv(const char *path, const struct scaling_run *s)
{
    FILE *csv = fopen(path, "w");
    if (csv == NULL) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(csv, "variant,threads,increments,reps,median_s,min_s,max_s,range_pct,mad_pct,ns_per_increment,"
                 "increments_per_s,x_plain,ideal_increments_per_s,of_ideal,folded,exact,wrong_total,"
                 "lost_median,lost_min,lost_max,lost_per_run\n");
    for (size_t i = 0; i < s->point_count; i++) {
        const struct scaling_point *p = &s->points[i];
        double lost[MAX_REPS];
        for (int r = 0; r < p->reps; r++)
            lost[r] = (double)p->lost[r];
        struct summary l = summarize(lost, (size_t)p->reps);
        fprintf(csv, "%s,%d,%ld,%d,%.9g,%.9g,%.9g,%.3f,%.3f,%.6g,%.6g,%.6g,%.6g,%.4f,%d,%d,%d,%.0f,%.0f,%.0f,",
                p->variant->name, p->threads, p->total, p->reps, p->time.median, p->time.min, p->time.max,
                p->time.range_pct, p->time.mad_pct, p->ns_per_increment, p->increments_per_second, p->vs_plain,
                p->ideal_per_second, p->of_ideal, p->calibration->folded, p->variant->exact, p->wrong_total,
                l.median, l.min, l.max);
        for (int r = 0; r < p->reps; r++)
            fprintf(csv, "%s%ld", r ? " " : "", p->lost[r]); /* space-separated: one CSV field */
        fprintf(csv, "\n");
    }
    return close_csv(csv, path);
}

int write_detector_csv(const char *path, const struct detector_options *o, const struct detector_run *d)
{
    FILE *csv = fopen(path, "w");
    if (csv == NULL) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(csv, "program,detector,threads,iterations,reps,median_s,min_s,max_s,range_pct,mad_pct,"
                 "rss_median_kib,rss_min_kib,rss_max_kib,slowdown,memory_ratio,clean_exit,published,build\n");
    for (size_t i = 0; i < d->point_count; i++) {
        const struct detector_point *p = &d->points[i];
        if (check_csv_text(p->flavour->published) != 0 || check_csv_text(p->flavour->build) != 0) {
            fclose(csv);
            return -1;
        }
        fprintf(csv, "%s,%s,%d,%ld,%d,%.6g,%.6g,%.6g,%.3f,%.3f,%.0f,%.0f,%.0f,%.4f,%.4f,%d,%s,%s\n", p->program,
                p->flavour->name, o->threads, o->iterations, p->reps, p->time.median, p->time.min, p->time.max,
                p->time.range_pct, p->time.mad_pct, p->rss.median, p->rss.min, p->rss.max, p->slowdown, p->memory_ratio,
                p->bad_status == 0, p->flavour->published, p->flavour->build);
    }
    return close_csv(csv, path);
}

/* ---- the plot ---- */

int draw_plot(const char *csv_path, const char *svg_path, const struct machine *m, const struct scaling_run *s)
{
    /* Folded variants are left out: their "throughput" is a loop count divided
     * by a thread start, which says nothing about counting and would squash
     * every real line at the bottom of the axis.  The plot names them. */
    char plotted[256] = "";
    char folded[256] = "";
    for (size_t v = 0; v < bench_variant_count; v++) {
        const struct variant *variant = &bench_variants[v];
        if (variant->single_thread)
            continue;
        char *list = s->calibrations[v].folded ? folded : plotted;
        size_t used = strlen(list);
        snprintf(list + used, 256 - used, "%s%s", used ? " " : "", variant->name);
    }
    const struct scaling_point *plain = find_point(s, "plain", 1);
    char settings[2048];
    snprintf(settings, sizeof settings,
             "csv='%s'; out='%s'; variants='%s'; folded='%s'; cores=%d; plain=%.6g; machine='%s, nproc %d'",
             csv_path, svg_path, plotted, folded, m->cores, plain->increments_per_second / 1e6, m->cpu, m->cores);

    fflush(NULL);
    pid_t child = fork();
    if (child < 0) {
        perror("fork");
        return -1;
    }
    if (child == 0) {
        execl(BENCH_GNUPLOT, BENCH_GNUPLOT, "-e", settings, BENCH_PLOT_SCRIPT, (char *)NULL);
        fprintf(stderr, "cannot run %s: %s (apt-get install gnuplot-nox)\n", BENCH_GNUPLOT, strerror(errno));
        _exit(127);
    }
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "gnuplot failed drawing %s\n", svg_path);
        return -1;
    }
    return 0;
}
