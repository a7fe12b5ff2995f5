/* parse_internal.h: helpers shared by the report parsers (parse_*.c).
 *
 * Detector output is handled as `struct span`s, pointer + length views into
 * the caller's text, because that text need not be NUL-terminated and may
 * hold arbitrary bytes.  Nothing here reads past a span's end; strings that
 * outlive the parse are copied into the report's arena. */
#ifndef RACELAB_PARSE_INTERNAL_H
#define RACELAB_PARSE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"

struct span {
    const char *p;
    size_t n;
};

/* Walks the text line by line; lines exclude "\n" and a trailing "\r". */
struct line_cursor {
    const char *pos;
    const char *end;
    long number; /* 1-based number of the line last returned */
};

void line_cursor_init(struct line_cursor *cursor, const char *text, size_t length);
bool next_line(struct line_cursor *cursor, struct span *line);

struct span span_make(const char *text, size_t length);
struct span span_trim(struct span s);
bool span_is_blank(struct span s);
bool span_starts(struct span s, const char *prefix);
bool span_ends(struct span s, const char *suffix);
bool span_equals(struct span s, const char *text);
/* Advances past prefix when s starts with it. */
bool span_consume(struct span *s, const char *prefix);
void span_skip_spaces(struct span *s);
/* Offset of the first occurrence of needle, or -1. */
long span_find(struct span s, const char *needle);
/* Offset of the last occurrence of needle, or -1. */
long span_rfind(struct span s, const char *needle);
bool span_contains(struct span s, const char *needle);
/* Decimal number at the start of s (clamped to INT_MAX), advancing past it. */
bool span_consume_int(struct span *s, int *value);
bool span_consume_long(struct span *s, long *value);
/* "0x1f" (or bare hex digits), advancing past it. */
bool span_consume_hex(struct span *s, unsigned long long *value);
/* Everything up to (not including) the first occurrence of `stop`, or all
   of s; s advances past the stop text. */
struct span span_take_until(struct span *s, const char *stop);

char *span_dup(struct arena *arena, struct span s);

/* Appends one zeroed element to an arena array whose capacity is implied
   by its count (the next power of two), so no capacity field is needed. */
void *arena_array_append(struct arena *arena, void *array, size_t count, size_t elem_size);
#define ARRAY_APPEND(arena, array, count)                                          \
    ((array) = arena_array_append((arena), (array), (count), sizeof *(array)),      \
     &(array)[(count)++])

/* At most this many threads, locks, cycle edges, held locks per finding,
   items per Valgrind error and announced threads: more is never real
   detector output, and the lookups by id or name stay cheap. */
enum { PARSE_MAX_ENTRIES = 1024 };

struct frame *stack_append_frame(struct arena *arena, struct stack *stack);
/* These return NULL once PARSE_MAX_ENTRIES is reached. */
struct thread_info *finding_add_thread(struct arena *arena, struct finding *finding, int id);
/* The thread entry with this id, or NULL. */
struct thread_info *finding_thread(struct finding *finding, int id);
struct lock_info *finding_add_lock(struct arena *arena, struct finding *finding,
                                   const char *name);
struct stack *finding_add_cycle_stack(struct arena *arena, struct finding *finding);
void access_add_lock(struct arena *arena, struct access *access, const char *name);

/* A symbol's variable name without compiler suffixes: gcc's
   function-static "stats.0", LTO's "counter.lto_priv.0" and clang's
   function-static "get_stats.stats" all name "stats"/"counter".
   NULL for "??" and "<null>". */
const char *variable_name(struct arena *arena, struct span name);
/* The variable of a debug-info member path: "stats.hits," -> "stats". */
const char *member_variable_name(struct arena *arena, struct span path);

/* True when an object name is a shared object ("libc.so.6",
   "libfoo.so+0x12", "/usr/lib/.../vgpreload_drd-amd64-linux.so"). */
bool object_is_shared(const char *object);

/* A line in which Valgrind says it died: "valgrind: the 'impossible'
   happened", "Valgrind: FATAL", an assertion, its own out-of-memory.  The
   text and the XML reader both look for it, anywhere in the file. */
bool is_valgrind_death_line(struct span line);

/* "file.c:15:17", "file.c:15", "file.c", "??:0", "<null>" -> frame fields. */
void parse_file_spec(struct arena *arena, struct span spec, struct frame *frame);

/* Returns a copy of a detector's headline with the run-specific parts
   removed: " (pid=N)", " at 0xADDR", " by thread #N", a "Thread #N: "
   prefix; other addresses become "0x?" and other "#N" become "#?". */
const char *clean_headline(struct arena *arena, struct span headline);

/* Adds a detector's announced count to report->reported_count (-1 = none
   yet); several processes in one log each announce theirs.  Saturates. */
void report_add_reported_count(struct report *report, long count);

void set_error(char *error, size_t error_size, const char *format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* ---- Valgrind (Helgrind and DRD), shared by the XML and text readers ----
 *
 * Both readers cut one error into the same ordered items: its headline
 * ("what"), then each auxiliary line ("This conflicts with ...",
 * "Address ... inside data symbol", "Lock at 0x.. was first observed"),
 * each with the stack printed after it.  vg_build_finding() turns that
 * list into a finding, so the two formats cannot drift apart. */
enum vg_item_kind {
    VG_ITEM_WHAT,             /* <what>/<xwhat>, the text's first line */
    VG_ITEM_AUX,              /* <auxwhat>/<xauxwhat>, an explaining line */
    VG_ITEM_ALLOC_CONTEXT,    /* DRD <allocation_context>: a heap block's stack */
    VG_ITEM_FIRST_OBSERVED,   /* DRD <first_observed_at>: where a mutex was first seen */
    VG_ITEM_OTHER_SEGMENT,    /* DRD <other_segment_start/end>: not an access */
};

struct vg_item {
    enum vg_item_kind kind;
    const char *text;        /* NUL-terminated; may be NULL */
    int thread;              /* <hthreadid>, -1 when absent */
    const char *file;        /* <xauxwhat><file>/<line>: "declared at" */
    int line;
    unsigned long long address; /* DRD <first_observed_at><address> */
    bool has_address;
    /* Helgrind text "Locks held: 2, at addresses 0x.. 0x.." (or "none"):
       only its text says; the XML and DRD leave locks_known false. */
    bool locks_known;
    unsigned long long *locks;
    size_t lock_count;
    struct stack stack;
};

struct vg_error {
    const char *kind;        /* <kind> ("Race", "ConflictingAccess"), NULL in text */
    int pid;
    struct vg_item *items;
    size_t item_count;
};

/* A thread announcement: "Thread #3 was created" + stack. */
struct vg_thread {
    int pid;
    int id;
    struct stack created_at;
};

void vg_build_finding(struct report *report, const struct vg_error *error,
                      const struct vg_thread *threads, size_t thread_count);

#endif
