/* normalize.h: the stable form of findings, the one the expected files use.
 *
 * One line per distinct finding:
 *
 *     KIND LOCATION SITE [SITE]
 *
 *   KIND      finding_kind_name(): data-race, lock-order-inversion, ...
 *   LOCATION  the variable for a global ("counter"), else heap, stack, tls,
 *             or "-" when the detector does not say
 *   SITE      basename:line of the first user frame of each access, sorted,
 *             so the pair is unordered: which thread, which access kind
 *             and which of the two is printed first flip between runs and
 *             between clang and gcc.  DRD names only one side of a race.
 *
 * Lock-order inversions list the sites of the acquisitions in the cycle;
 * FINDING_OTHER is `other "HEADLINE"`.  Pids, addresses, thread ids,
 * columns and build ids never appear.  A report with no findings is the
 * single line "no findings". */
#ifndef RACELAB_NORMALIZE_H
#define RACELAB_NORMALIZE_H

#include <stddef.h>

#include "finding.h"

enum { STABLE_LINE_MAX = 512 };

/* The stable line of one finding (without newline), truncated to size. */
void finding_stable_line(const struct finding *finding, char *line, size_t size);

/* A sorted set of stable lines. */
struct stable_lines {
    char **lines;
    size_t count;
};

/* The sorted, de-duplicated stable lines of every finding in the report. */
void report_stable_lines(const struct report *report, struct stable_lines *out);
void stable_lines_add(struct stable_lines *set, const char *line); /* keeps it sorted and unique */
void stable_lines_free(struct stable_lines *set);

#endif
