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
    const char *summary_file; /* TSan's SUMMARY line "file:line in func" */
    int summary_line;
    const char *summary_function;
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
    int reported_count; /* the count the detector itself announced, -1 if none */
};

void report_init(struct report *report);
void report_free(struct report *report);

/* Appends a zeroed finding (threads -1, offset -1) and returns it. */
struct finding *report_add_finding(struct report *report);

const char *finding_kind_name(enum finding_kind kind);  /* "data-race", ... */
const char *detector_tool_name(enum detector_tool tool); /* "tsan", "helgrind", "drd" */

/* The first frame of a stack that has a file and line and is not inside
 * the detector's runtime, libc or libpthread: the line a person should read. */
const struct frame *stack_user_frame(const struct stack *stack);

#endif
