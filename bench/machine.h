/* machine.h: what the figures were measured on, for the report header.
 * Ratios travel between machines better than times, but neither means
 * much without the core count and the compilers. */
#ifndef RACELAB_BENCH_MACHINE_H
#define RACELAB_BENCH_MACHINE_H

struct machine {
    int cores;               /* `nproc`: the CPUs this process may run on */
    char cpu[128];           /* model name from /proc/cpuinfo */
    char bench_compiler[160];/* first line of `CC --version`, CC the bench's own compiler */
    char clang[160];
    char gcc[160];
    char valgrind[80];
    char gnuplot[80];
    double load_at_start;    /* 1-minute load average when the bench started */
};

void describe_machine(struct machine *machine);

/* The 1-minute load average (/proc/loadavg), -1 if unknown.  On a shared
 * machine it says how much else was running while the figures were taken. */
double load_average(void);

#endif
