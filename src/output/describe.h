/* describe.h: the words explain and sarif share for the parts of a finding.
 *
 * Both commands talk to people about the same things (a thread, a variable,
 * an access, a kind of bug), so the phrases live here once and read the
 * same in a terminal and in a code-scanning alert.  Every function accepts
 * the odd models parsers can produce: NULL names, no frames, unknown ids. */
#ifndef RACELAB_DESCRIBE_H
#define RACELAB_DESCRIBE_H

#include <stddef.h>

#include "finding.h"

/* "the main thread", "thread T2" (TSan), "thread #3" (Helgrind),
 * "thread 3" (DRD), "an unknown thread" for -1. */
void describe_thread(enum detector_tool tool, int id, char *text, size_t size);

/* "the global variable `counter` (8 bytes)", "a heap block of 4 bytes",
 * "a variable on the stack of thread T1", "memory the detector did not name". */
void describe_location(enum detector_tool tool, const struct location *location,
                       char *text, size_t size);

/* "write of size 8", "atomic read of size 4", "access" when nothing is known. */
void describe_access(const struct access *access, char *text, size_t size);

/* "function at file:line", "file:line", "function" or "an unknown place"
 * for a frame (NULL allowed); the file is printed as the detector gave it. */
void describe_frame(const struct frame *frame, char *text, size_t size);

/* The held locks: "holding M1 and M2" / "holding no locks", or "locks
 * held not reported" when the format does not say (access.locks_known). */
void describe_locks_held(const struct access *access, char *text, size_t size);

/* A short name of the kind for titles: "data race", "lock-order inversion". */
const char *kind_title(enum finding_kind kind);

/* The detector's name as people know it: "ThreadSanitizer", "Helgrind". */
const char *tool_title(enum detector_tool tool);

/* The thread entry the finding gives for this id, or NULL. */
const struct thread_info *finding_thread_info(const struct finding *finding, int id);

/* What a finding of this kind means, one paragraph without line breaks. */
const char *kind_meaning(enum finding_kind kind);

/* The advice on atomics for a data race, chosen by what the two sides
 * did: a read-modify-write on one line gets atomic_fetch_add, a write on
 * one line and a read on another get release/acquire or a condition
 * variable, anything else (one side unknown, NULL) both. */
const char *race_atomic_fix(const struct finding *finding);

/* The usual fixes for this kind, one sentence each, NULL-terminated. */
const char *const *kind_fixes(enum finding_kind kind);

#endif
