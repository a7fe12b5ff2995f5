/* normalize.h: the stable form of findings, the one expected files and
 * baselines hold.
 *
 * One line per distinct finding:
 *
 *     KIND LOCATION SITE...
 *
 *   KIND      finding_kind_name(): data-race, lock-order-inversion, ...
 *   LOCATION  the variable for a global ("counter"); for a heap block where
 *             it was allocated ("heap@pool.c:pool_create", or "heap" when
 *             the detector does not say); stack, tls, fd, or "-"
 *   SITE      FILE:LINE:FUNCTION:HASH for the first user frame of each
 *             access (stack_user_frame): the file's base name and the line
 *             for people, the function and a hash of the statement's text
 *             (source.h; "-" when the source cannot be read) for matching.
 *             Each site once, sorted: which thread, which access kind and
 *             which side is printed first flip between runs.  "?" is an
 *             access with no user frame.  DRD names only one side of a race.
 *
 * Lock-order inversions list the sites of the acquisitions in the cycle;
 * FINDING_OTHER is `other "HEADLINE" [SITE]`.  Pids, addresses, thread ids,
 * columns and build ids never appear.  A report with no findings is the
 * single line "no findings".  Which lines are the same race is identity.h's
 * business, not a string comparison. */
#ifndef RACELAB_NORMALIZE_H
#define RACELAB_NORMALIZE_H

#include <stddef.h>

#include "finding.h"

enum { STABLE_LINE_MAX = 1024 };

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
