/* expected.h: a case's expected-findings file.
 *
 * Format: one stable line per finding the detector must report (see
 * normalize.h), in any order; blank lines and lines starting with '#' are
 * ignored.  A program that must be clean says so in one line:
 *
 *     no findings
 *
 * An empty file is an error: "expect nothing" must be written down. */
#ifndef RACELAB_EXPECTED_H
#define RACELAB_EXPECTED_H

#include "normalize.h"

/* Loads path into a sorted set (empty for "no findings").  On a bad file
 * prints "racelab: PATH:LINE: reason" and returns -1. */
int load_expected_file(const char *path, struct stable_lines *expected);

#endif
