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

#endif
