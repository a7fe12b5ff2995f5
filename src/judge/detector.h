/* detector.h: the detectors racelab knows how to run, and how it judges them.
 *
 * A verdict needs two witnesses that agree: the detector's exit status and
 * the findings parsed from its report.  Anything else (a crash, a timeout,
 * a FATAL line, exit 66 with nothing parsable, a report cut short, a
 * missing tool, an uninstrumented binary) is no verdict at all, with the
 * reason named, and never counts as a pass. */
#ifndef RACELAB_DETECTOR_H
#define RACELAB_DETECTOR_H

#include <stdbool.h>

#include "finding.h"
#include "normalize.h"

struct detector {
    const char *name;          /* "tsan", "tsan-gcc", "helgrind", "drd" */
    enum detector_tool tool;
    const char *valgrind_tool; /* "helgrind" / "drd", NULL for TSan */
    const char *compiler;      /* what builds the cases for it */
};

/* TSan's `exitcode` option: the status of a process that reported anything. */
enum { TSAN_EXIT_CODE = 66 };
/* What racelab passes to valgrind as --error-exitcode. */
enum { VALGRIND_ERROR_EXIT_CODE = 99 };

extern const struct detector DETECTORS[];
extern const size_t DETECTOR_COUNT;

/* NULL for an unknown name. */
const struct detector *find_detector(const char *name);

/* How the detector's process ended. */
struct run_outcome {
    bool known;        /* false when judging a saved report with no exit status */
    bool timed_out;
    int timeout_seconds;
    int signal;        /* killed by this signal, 0 if it exited */
    int exit_status;
    const char *program_said; /* the program's first stderr line, NULL if unknown */
    bool will_fail;    /* a failing exit is expected (CTest's WILL_FAIL), exiting 0 is not */
    int pid;           /* the process racelab started (the program's own), 0 if unknown */
};

enum verdict { VERDICT_MATCH, VERDICT_MISMATCH, VERDICT_NONE };

struct judgement {
    enum verdict verdict;
    char reason[512];          /* why there is no verdict */
    struct stable_lines found; /* the observed stable lines */
};

/* The first half of a verdict: do the exit status and the report agree?
 * On VERDICT_NONE judgement->reason says why not; otherwise (returned as
 * VERDICT_MATCH, meaning "there is a verdict") judgement->found holds the
 * observed stable lines, for the caller to compare.  Free judgement->found
 * with stable_lines_free. */
enum verdict read_run(const struct detector *detector, const struct run_outcome *outcome,
                      int report_status, const char *parse_error, const struct report *report,
                      struct judgement *judgement);

/* Judges a parsed report and the process outcome against the expected set.
 * `report_status` is the parser's return value (-1: unreadable report,
 * `parse_error` says why).  Free judgement->found with stable_lines_free. */
enum verdict judge_run(const struct detector *detector, const struct run_outcome *outcome,
                       int report_status, const char *parse_error, const struct report *report,
                       const struct stable_lines *expected, struct judgement *judgement);

/* Parses a report file the way the detector writes it: TSan text, or
 * Valgrind XML.  Returns the parser's status; error holds its reason. */
int parse_detector_report(const struct detector *detector, const char *path,
                          struct report *report, char *error, size_t error_size);

/* True when the ELF file carries ThreadSanitizer's runtime entry point
 * (__tsan_init), statically (clang) or as an import of libtsan (gcc).
 * On false, reason says what was found instead. */
bool binary_is_tsan_instrumented(const char *path, char *reason, size_t reason_size);

/* Whether the program has racelab's perturbation shim linked in (what
 * `racelab run --perturb` needs); false with the reason otherwise. */
bool binary_has_perturbation_shim(const char *path, char *reason, size_t reason_size);

#endif
