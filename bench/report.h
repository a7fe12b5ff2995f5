/* report.h: the three outputs of one bench run.
 *   - a table for people (terminal, and table.txt beside the CSV),
 *   - CSV for tools: scaling.csv (one row per variant and thread count)
 *     and detectors.csv (one row per program and detector),
 *   - throughput.svg, drawn by gnuplot from scaling.csv. */
#ifndef RACELAB_BENCH_REPORT_H
#define RACELAB_BENCH_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "detectors.h"
#include "machine.h"
#include "scaling.h"

struct report_context {
    const struct machine *machine;
    const struct scaling_options *scaling_options;
    const struct detector_options *detector_options;
    bool smoke;
};

void print_report(FILE *out, const struct report_context *context, const struct scaling_run *scaling,
                  const struct detector_run *detectors);

/* Each returns 0, or -1 after saying why on stderr. */
int write_scaling_csv(const char *path, const struct scaling_run *scaling);
int write_detector_csv(const char *path, const struct detector_options *options, const struct detector_run *detectors);
int draw_plot(const char *csv_path, const char *svg_path, const struct machine *machine,
              const struct scaling_run *scaling);

#endif
