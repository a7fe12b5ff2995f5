/* perturbation.h: the schedule-perturbation sidecar of a raw report.
 *
 * A run whose schedule racelab perturbed leaves, beside its raw report
 * (PREFIX.stderr or PREFIX.xml; PREFIX.runK.* for run K > 1), a text file
 * named as the report with its last extension replaced by .perturb
 * (PREFIX.perturb, PREFIX.runK.perturb).  The data model is an ordered list
 * of key=value lines:
 *   - a key is one or more of [a-z_]; each key at most once; "report" is
 *     not one (`racelab sarif` names the report with it);
 *   - a value is a whole number (-?(0|[1-9][0-9]*), of any size) or a word
 *     without white space (possibly empty);
 *   - lines starting with '#' and empty lines are skipped;
 *   - keys are not interpreted: seed, strategy, depth, budget_ms, points,
 *     delays, delayed_ms today, any other carried through as it is (points,
 *     delays and delayed_ms are missing when the program crashed).
 * As JSON it is one object with the keys in file order, whole numbers as
 * numbers (their digits as written, never rounded through a double) and
 * the rest as strings.  `racelab json` and `racelab sarif` read it here,
 * and only here. */
#ifndef RACELAB_PERTURBATION_H
#define RACELAB_PERTURBATION_H

#include <cjson/cJSON.h>

/* The sidecar path of report_path, malloc'd; NULL when out of memory. */
char *perturbation_sidecar_path(const char *report_path);

/* Reads the sidecar of report_path (NULL or "-", stdin, has none) into
 * *perturbation, a new object, or NULL when there is no sidecar.  Returns
 * EXIT_OK; EXIT_USAGE after one line on stderr naming the sidecar and what
 * is wrong with it (malformed, unreadable); EXIT_NO_VERDICT after one line
 * when out of memory.  *perturbation is NULL unless EXIT_OK. */
int perturbation_read(const char *report_path, cJSON **perturbation);

#endif
