/* exports.h: the read-and-export commands without their command lines.
 *
 * `racelab explain`, `json` and `sarif` parse their arguments, load the
 * report and call these; tests call them directly with reports built by
 * hand, including the odd ones no detector prints (NULL names, no frames,
 * zero accesses), which must never crash them. */
#ifndef RACELAB_EXPORTS_H
#define RACELAB_EXPORTS_H

#include <cjson/cJSON.h>

#include "finding.h"
#include "source_listing.h"

/* Prints the plain-language account of every distinct finding on stdout;
 * source lines are looked for under `sources` (may be NULL). */
void explain_report(const struct report *report, const struct source_paths *sources, int context);

/* The data model as a JSON tree, or NULL when cJSON ran out of memory. */
cJSON *report_json(const struct report *report);

/* The SARIF 2.1.0 log as a JSON tree, or NULL when cJSON ran out of
 * memory.  source_root (may be NULL) makes URIs under it relative. */
cJSON *report_sarif(const struct report *report, const char *source_root);

/* One report for `racelab sarif` and `racelab ctest --sarif`: its path
 * (NULL or "-": stdin, alone) and the test or report it stands for. */
struct sarif_input {
    const char *path;
    const char *name;
};

struct detector;

/* Writes the reports to out as one SARIF log with ONE run (one tool, one
 * invocation per report, the results of all), each result written as soon
 * as it is built, so that memory holds one report at a time (code scanning
 * takes one run per tool and category).  With a label ("test", "report"),
 * each result and invocation names its input (properties.LABEL, and the
 * message), and a finding repeated by inputs of the same name (the runs of
 * one test) is written once.  detector NULL: each report's format is
 * recognised; else they are read as that detector writes them.  A report
 * with a .perturb sidecar (perturbation.h) puts it in its invocation's and
 * the run's properties.perturbation.  Returns EXIT_OK; EXIT_USAGE with one
 * line on stderr, nothing written, when a report or its sidecar cannot be
 * read or they are of different detectors; EXIT_NO_VERDICT
 * when a detector died (written anyway) or on a write error. */
int sarif_write_reports(FILE *out, const struct sarif_input *inputs, size_t count, const char *label,
                        const char *source_root, const struct detector *detector);

#endif
