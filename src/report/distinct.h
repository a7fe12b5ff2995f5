/* distinct.h: a report's findings grouped by their stable line.
 *
 * Detectors repeat themselves: TSan prints the same race once per pair of
 * threads, Valgrind once per call site and thread.  People (explain) and
 * code-scanning tools (sarif) want each bug once, with how often it was
 * seen, so findings with the same finding_stable_line() are one group,
 * represented by the first finding the detector printed. */
#ifndef RACELAB_DISTINCT_H
#define RACELAB_DISTINCT_H

#include <stddef.h>

#include "finding.h"
#include "normalize.h"

struct distinct_finding {
    const struct finding *first; /* the first of the group, in report order */
    size_t times;                /* how many findings share the stable line */
    char stable[STABLE_LINE_MAX];
};

struct distinct_findings {
    struct distinct_finding *items; /* in the order of their first appearance */
    size_t count;
};

/* Groups the report's findings.  Out of memory ends the process (exit 3),
 * as everywhere in racelab. */
void distinct_findings_collect(const struct report *report, struct distinct_findings *out);
void distinct_findings_free(struct distinct_findings *findings);

#endif
