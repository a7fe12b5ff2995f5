/* finding.h: the one data model every detector report is read into.
 *
 * A detector's output (ThreadSanitizer text from clang or gcc, Helgrind or
 * DRD as XML or as text) is parsed into a `struct report`: the list of
 * findings in the order the detector printed them, plus what the parser
 * learned about the run itself (did the detector die, was the output cut
 * short).  Every command (normalize, explain, json, sarif, the gate's
 * comparison) reads only this model, never the raw text.
 *
 * Memory: everything a report points to lives in the report's arena and is
 * freed at once by report_free(); nothing in a finding is owned separately.
 */
#ifndef RACELAB_FINDING_H
#define RACELAB_FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* Which tool produced a report; a report holds findings of one tool. */
enum detector_tool {
    TOOL_UNKNOWN,
    TOOL_TSAN,     /* ThreadSanitizer, clang's or gcc's runtime */
    TOOL_HELGRIND, /* valgrind --tool=helgrind */
    TOOL_DRD,      /* valgrind --tool=drd */
};

enum report_format {
    FORMAT_UNKNOWN,
    FORMAT_TSAN_TEXT,
    FORMAT_VALGRIND_XML,  /* --xml=yes, Helgrind or DRD */
    FORMAT_VALGRIND_TEXT, /* the ==pid== commentary people paste */
};

enum finding_kind {
    FINDING_DATA_RACE,
    FINDING_LOCK_ORDER,       /* lock-order inversion: a potential deadlock */
    FINDING_UNLOCK_UNLOCKED,  /* unlock of a mutex nobody holds, or another thread holds */
    FINDING_THREAD_LEAK,      /* a thread never joined nor detached */
    FINDING_SIGNAL_UNSAFE,    /* async-signal-unsafe call inside a signal handler */
    FINDING_DESTROY_LOCKED,   /* destroy of a mutex that is still locked */
    FINDING_OTHER,            /* anything else; its headline is kept verbatim */
};
#define FINDING_KIND_COUNT (FINDING_OTHER + 1)

/* One stack frame.  Absent parts are NULL or 0: "??:0", "<null>" and
 * "[failed to restore the stack]" leave function, file and line empty. */
struct frame {
    const char *function; /* "count_up", or NULL */
    const char *file;     /* path as the detector printed it, or NULL */
    int line;             /* 1-based, 0 when unknown */
    int column;           /* clang TSan prints it, gcc and valgrind do not; 0 when unknown */
    const char *object;   /* "unsafe+0xd01d0" / "/usr/lib/libc.so.6", or NULL */
    /* The frame is in a shared object (libc, the detector's preload, any
       .so), not in the program's executable: from the object's name, or,
       in Valgrind text, which prints no object for a frame with debug info,
       from its address (see parse_valgrind_text.c). */
    bool shared_object;
};

struct stack {
    struct frame *frames; /* innermost first */
    size_t count;
};

enum access_type { ACCESS_UNKNOWN, ACCESS_READ, ACCESS_WRITE };

/* One memory access (or, for lock findings, one lock operation). */
struct access {
    enum access_type type;
    int size;             /* bytes, 0 when unknown */
    bool atomic;          /* "Atomic write of size 4" */
    int thread;           /* detector's thread number: TSan T1 = 1, main = 0;
                             Helgrind #2 = 2, DRD 3 = 3; -1 when unknown */
    bool previous;        /* TSan's "Previous write", Helgrind's "previous
                             write": the access that happened first */
    /* Whether the report says which locks this side held.  TSan always does
       (no "(mutexes: ...)" means none) and so does Helgrind's text ("Locks
       held: none"); Helgrind's XML and DRD never do: there lock_count 0
       means "not reported", not "no locks". */
    bool locks_known;
    const char **locks_held; /* names the detector gave the held mutexes ("M1") */
    size_t lock_count;
    struct stack stack;
};

enum location_kind {
    LOCATION_UNKNOWN,
    LOCATION_GLOBAL, /* a global or static variable: `name` is set */
    LOCATION_HEAP,   /* a heap block: `size` and `alloc_stack` */
    LOCATION_STACK,  /* a thread's stack: `thread`, and `name` when known */
    LOCATION_TLS,    /* thread-local storage of `thread` */
    LOCATION_FD,     /* a file descriptor (TSan: "Location is file descriptor 4
                        created by ..."): `offset` holds its number, `alloc_stack`
                        where it was created */
};

struct location {
    enum location_kind kind;
    const char *name;     /* variable name, compiler suffixes removed
                             (gcc's function-static 'stats.0' becomes "stats") */
    long size;            /* bytes of the variable or heap block, 0 when unknown */
    long offset;          /* access offset inside it, -1 when unknown */
    int thread;           /* owner for stack/TLS, allocator for heap; -1 unknown */
    const char *decl_file; /* where a global was declared, when the detector says */
    int decl_line;
    struct stack alloc_stack; /* heap block allocation stack */
};

/* A thread the report mentions, with the stack that created it. */
struct thread_info {
    int id;        /* same numbering as access.thread */
    int creator;   /* thread that created it, -1 when unknown */
    bool finished; /* TSan's "(tid=.., finished)" */
    struct stack created_at;
};

/* A mutex the report mentions (TSan's "Mutex M1 (0x..) created at:"). */
struct lock_info {
    const char *name;  /* "M1"; Helgrind's "Lock at 0x.." becomes "L1", in order */
    struct stack created_at;
};

struct finding {
    enum finding_kind kind;
    const char *headline;  /* the detector's own first line, ids and pids removed,
                              e.g. "data race", "Possible data race during read of size 4" */
    int pid;               /* process the report came from; 0 when not printed */
    struct access accesses[2]; /* [0] the current access, [1] the other one */
    size_t access_count;       /* 0, 1 (DRD names only one side) or 2 */
    struct location location;
    struct thread_info *threads;
    size_t thread_count;
    struct lock_info *locks;
    size_t lock_count;
    /* Lock-order inversions: each edge "M1 acquired while holding M2" with
       the stack of that acquisition, in the order the detector printed. */
    struct stack *cycle_stacks;
    size_t cycle_count;
    /* The thread of each edge ("... in thread T1:", main = 0, -1 unknown),
       cycle_count entries; NULL when the format does not say (Helgrind). */
    int *cycle_threads;
    const char *summary_file; /* TSan's SUMMARY line "file:line in func" */
    int summary_line;
    const char *summary_function;
    /* How many more findings the detector folded into this one: TSan's
       "And 4 more similar thread leaks." gives 4; 0 otherwise. */
    int similar_count;
};

/* What the parser learned about the run as a whole. */
struct report {
    struct arena arena;
    enum detector_tool tool;
    enum report_format format;
    struct finding *findings;
    size_t count;
    size_t capacity;
    /* A detector that died says why: "FATAL: ThreadSanitizer: unexpected
       memory mapping ...", a Valgrind "valgrind: the 'impossible' happened".
       NULL when the detector did not die. */
    const char *fatal;
    /* The detector's own end marker was seen: TSan's "ThreadSanitizer:
       reported N warnings" (absent when N is 0), Valgrind XML's
       <state>FINISHED</state> and closing </valgrindoutput>, Valgrind text's
       "ERROR SUMMARY:".  A truncated report has it false. */
    bool finished;
    /* The text carries no end marker by design, so `finished` false says
       nothing: Valgrind text run with -q, or an error block pasted without
       the banner and the "ERROR SUMMARY" line. */
    bool end_unknown;
    int reported_count; /* the count the detector itself announced, -1 if none */
    /* The program under the detector was killed by this signal (Valgrind's
       "Process terminating with default action of signal 11 (SIGSEGV)" or
       XML <fatal_signal>, TSan's "SEGV on unknown address"): the run did
       not reach its end, whatever it reported before.  0 when not killed. */
    int program_signal;
    const char *program_signal_name; /* "SIGSEGV", or NULL when not given */
};

void report_init(struct report *report);
void report_free(struct report *report);

/* Appends a zeroed finding (threads -1, offset -1) and returns it. */
struct finding *report_add_finding(struct report *report);

const char *finding_kind_name(enum finding_kind kind);  /* "data-race", ... */
const char *detector_tool_name(enum detector_tool tool); /* "tsan", "helgrind", "drd" */

/* The frame a person should read, the project's own: with a source root
 * (source.h), the first frame whose file is under it, whether it was built
 * into the executable or into one of the project's libraries; without one,
 * or when no frame is under it, the first with a file and line outside the
 * detector's runtime, the C and C++ libraries and /usr.  NULL when none
 * qualifies. */
const struct frame *stack_user_frame(const struct stack *stack);

/* The access was made in a shared library that has no line information
 * (built without -g, or stripped): the innermost frame outside the C and
 * C++ libraries and the detector's runtime is in a shared object and has
 * no source line.  The user frame would then be its caller, wrongly.
 * NULL when the access is placed (or the stack says nothing). */
const struct frame *stack_unplaced_library_frame(const struct stack *stack);

/* Whether the stack has a frame that is neither the system's (the C and C++
 * libraries, /usr, the detector's runtime) nor placed: code of the program
 * without line information.  A stack of system frames only (a race inside
 * libstdc++'s shared state) has none. */
bool stack_has_unplaced_own_frame(const struct stack *stack);

#endif
