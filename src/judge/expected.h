/* expected.h: a case's expected-findings file.
 *
 * Format: one stable line per race the detector may report (see
 * normalize.h), each a group of sites (identity.h), in any order; a line
 * starting `sometimes ` is allowed but not required; blank lines and lines
 * starting with '#' are ignored.  A program that must be clean says so in one line:
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

/* `racelab run --bless`: writes `found` to path as an expected file ("no
 * findings" for an empty set), creating it and its directories if need be.  An existing file
 * keeps its '#' comments and blank lines where they are; its finding lines
 * are replaced, the new ones standing where the first old one stood (after
 * everything when it had none).  A line that is neither a comment nor a
 * finding is someone's text, not racelab's to drop: the file is then left
 * alone, "racelab: PATH:LINE: reason" printed and -1 returned. */
int bless_expected_file(const char *path, const struct stable_lines *found);

#endif
