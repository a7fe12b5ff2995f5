/* cases.h: the lab's case directories, as the CLI reads them.
 *
 * A case is a directory CASES_DIR/NAME holding NAME.c or, for a C++ case,
 * NAME.cpp (docs/lab.md, "Cases"); other sources may sit beside it.
 * Its expected file for a detector is NAME/expected.DETECTOR, or, for the
 * TSan family, the shared NAME/expected.tsan: the rule cmake/Racelab.cmake
 * applies when it builds the tests.  `racelab matrix` and `racelab score`
 * both read the cases through this one place. */
#ifndef RACELAB_CASES_H
#define RACELAB_CASES_H

#include <stdbool.h>
#include <stddef.h>

#include "detector.h"

enum { CASES_MAX = 128, CASES_PATH_SIZE = 4096 };

/* The case names under cases_dir, sorted, malloc'd (free with
 * case_names_free).  On an unreadable directory or none found, prints
 * "racelab COMMAND: DIR: reason" and returns -1. */
int case_names_list(const char *command, const char *cases_dir, char **names, size_t *count);
void case_names_free(char **names, size_t count);

/* Writes the path of the case's main source, NAME.c or else NAME.cpp;
 * false when neither exists. */
bool case_source_path(const char *cases_dir, const char *name, char *path, size_t size);

/* Whether a case's main source is C++ (NAME.cpp). */
bool case_is_cxx(const char *source_path);

/* Writes the path of the case's expected file for the detector. */
void case_expected_path(const char *cases_dir, const char *name, const struct detector *detector,
                        char *path, size_t size);

#endif
