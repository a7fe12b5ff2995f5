/* launch.h: running one program once under a detector.
 *
 * One run leaves its raw outputs under a prefix:
 *
 *     PREFIX.stdout    the program's output
 *     PREFIX.stderr    TSan's report / Valgrind's own messages, and the
 *                      program's stderr
 *     PREFIX.xml       Valgrind's XML report (the one that is parsed)
 *
 * The program reads `stdin_path` (default /dev/null), inherits racelab's
 * environment (run.c sets --env there, so that TSAN_OPTIONS given so is
 * merged with racelab's own; under Valgrind valgrind passes it on), and
 * starts in `working_directory`: the program and valgrind paths must then
 * be absolute (run.c resolves them); the XML report's is made so here.
 *
 * The run is killed with its whole process group when it outlives the
 * timeout; how it ended goes into a struct run_outcome (detector.h). */
#ifndef RACELAB_LAUNCH_H
#define RACELAB_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>

#include "detector.h"

enum { RUN_PATH_MAX = 4200 };

struct run_files {
    char stdout_path[RUN_PATH_MAX];
    char stderr_path[RUN_PATH_MAX];
    char xml_path[RUN_PATH_MAX];
    const char *raw_report; /* the file the detector's report is parsed from */
};

struct launch {
    const struct detector *detector;
    const char *valgrind; /* full path; Valgrind tools only */
    char **program;       /* argv, program[0] a full path */
    int timeout_seconds;
    const char *stdin_path;       /* the program's stdin; NULL: /dev/null */
    const char *working_directory; /* NULL: racelab's own */
    char *const *valgrind_options; /* before racelab's own, which win; Valgrind tools only */
    size_t valgrind_option_count;
    bool will_fail;                /* a failing exit is the program's normal end (WILL_FAIL) */
};

/* The files of a run under `prefix`. */
void run_files_at(const char *prefix, const struct detector *detector, struct run_files *files);

/* Runs the program once; 0 when it ran (whatever its outcome), -1 with a
 * message printed when racelab itself could not start it. */
int launch_run(const struct launch *launch, const struct run_files *files, struct run_outcome *outcome);

/* Appends racelab's own TSan options (and print_suppressions=1 when asked,
 * and suppressions=FILE when given) to $TSAN_OPTIONS, last so that they
 * win over the user's. */
void set_tsan_options(bool print_suppressions, const char *suppressions_file);

/* A regular file this process may execute. */
bool is_executable_file(const char *path);

/* The full path of a command, searched on PATH when it has no slash. */
bool find_command(const char *command, char *path, size_t size);

/* mkdir -p of the directory part of path. */
int make_parent_directories(const char *path);

/* The first line the program itself wrote to stderr (skipping Valgrind's
 * "==PID==" lines), "" when none; false when the file cannot be read. */
bool first_program_stderr_line(const char *stderr_path, char *line, size_t size);

#endif
