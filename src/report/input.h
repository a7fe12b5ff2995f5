/* input.h: reading a whole report from a file or stdin ("-"). */
#ifndef RACELAB_INPUT_H
#define RACELAB_INPUT_H

#include <stddef.h>

#include "finding.h"

/* Reads all of path ("-" or NULL: stdin) into a malloc'd buffer with a NUL
 * after the last byte.  On failure prints "racelab: PATH: reason" and
 * returns NULL. */
char *read_whole_file(const char *path, size_t *length);

/* Reads path and parses it with parse_any_report.  On failure prints
 * "racelab: PATH: reason" (one line) and returns -1; the report is then empty. */
int load_report(const char *path, struct report *report);

/* Arguments of a command that takes only [REPORT|-]: prints usage to
 * stdout for --help (returns EXIT_OK) or to stderr for anything else it
 * cannot take (returns EXIT_USAGE); returns -1 with *path set (NULL for
 * stdin) when the command should go on. */
int single_report_argument(int argc, char **argv, const char *usage, const char **path);

/* The name to print for path: "<stdin>" for NULL or "-". */
const char *input_name(const char *path);

#endif
