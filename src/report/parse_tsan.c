/* parse_tsan.c: ThreadSanitizer text reports (clang 14 and gcc 12 runtimes).
 *
 * A report is a block:
 *
 *     ==================
 *     WARNING: ThreadSanitizer: data race (pid=2972)
 *       Write of size 8 at 0x5602b9f06258 by thread T2:
 *         #0 count_up /tmp/exp/u.c:7:17 (u-clang+0xd01d0) (BuildId: b18e...)
 *
 *       Previous write of size 8 at 0x5602b9f06258 by thread T1:
 *         ...
 *       Location is global 'counter' of size 8 at 0x5602b9f06258 (u-clang+0x1476258)
 *
 *       Thread T2 (tid=2975, running) created by main thread at:
 *         ...
 *     SUMMARY: ThreadSanitizer: data race /tmp/exp/u.c:7:17 in count_up
 *     ==================
 *
 * Every section is a header line, optionally followed by "#N" frame lines,
 * then a blank line.  The parser reads line by line: a header line picks
 * the stack that the frame lines after it fill (`parser->stack`), a blank
 * line or another header ends that stack.  Lines it does not know are
 * skipped, because reports are mixed with whatever the program printed. */
#include <string.h>

#include "parse_internal.h"
#include "report_parse.h"

struct tsan_parser {
    struct report *report;
    struct arena *arena;
    struct finding *finding; /* the report being read; NULL between reports */
    struct stack *stack;     /* where frame lines go; NULL skips them */
    /* Address of the current access, to compute location.offset. */
    unsigned long long access_address;
    bool have_access_address;
};

/* "main thread" -> 0, "thread T3" -> 3; advances past it. */
static bool parse_thread_ref(struct span *s, int *thread)
{
    if (span_consume(s, "main thread")) {
        *thread = 0;
        return true;
    }
    struct span probe = *s;
    if (span_consume(&probe, "thread T") && span_consume_int(&probe, thread)) {
        *s = probe;
        return true;
    }
    return false;
}

static enum finding_kind classify_headline(struct span headline)
{
    /* "data race" also covers "data race on vptr (ctor/dtor vs virtual call)". */
    if (span_starts(headline, "data race"))
        return FINDING_DATA_RACE;
    if (span_starts(headline, "lock-order-inversion"))
        return FINDING_LOCK_ORDER;
    if (span_starts(headline, "unlock of an unlocked mutex"))
        return FINDING_UNLOCK_UNLOCKED;
    if (span_starts(headline, "thread leak"))
        return FINDING_THREAD_LEAK;
    if (span_starts(headline, "signal-unsafe call inside of a signal"))
        return FINDING_SIGNAL_UNSAFE;
    if (span_starts(headline, "destroy of a locked mutex"))
        return FINDING_DESTROY_LOCKED;
    return FINDING_OTHER;
}

/* The runtime died: the first such line is the reason the run has no verdict. */
static void parse_fatal_line(struct tsan_parser *parser, struct span line)
{
    static const char *const markers[] = {
        "FATAL: ThreadSanitizer",
        "ThreadSanitizer: CHECK failed",
        "ThreadSanitizer CHECK failed",
        "ThreadSanitizer: unexpected memory mapping",
        "ThreadSanitizer failed to allocate",
        "ThreadSanitizer: nested bug",
    };
    if (parser->report->fatal != NULL)
        return;
    for (size_t i = 0; i < sizeof markers / sizeof markers[0]; i++) {
        if (span_contains(line, markers[i])) {
            parser->report->fatal = span_dup(parser->arena, span_trim(line));
            return;
        }
    }
}

/* sanitizer_common's deadly-signal report, "SEGV on unknown address 0x0
   (pc ...)", "BUS on unknown address", "stack-overflow on address": the
   program crashed, TSan only says how.  Returns the signal, 0 if not one. */
static int deadly_signal(struct span what, const char **name)
{
    static const struct {
        const char *prefix;
        const char *name;
        int number;
    } signals[] = {
        {"SEGV on ", "SIGSEGV", 11}, {"BUS on ", "SIGBUS", 7},   {"FPE on ", "SIGFPE", 8},
        {"ILL on ", "SIGILL", 4},    {"ABRT on ", "SIGABRT", 6}, {"TRAP on ", "SIGTRAP", 5},
        {"stack-overflow on ", "SIGSEGV", 11},
    };
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        if (span_starts(what, signals[i].prefix)) {
            *name = signals[i].name;
            return signals[i].number;
        }
    }
    return 0;
}

static void parse_warning_line(struct tsan_parser *parser, struct span headline);

/* "==8829==ERROR: ThreadSanitizer: ..." is one of two things.  A deadly
   signal is the program crashing: recorded as how the run ended.  Anything
   else ("requested allocation size 0x.. exceeds maximum supported size")
   is TSan reporting the program's own fault, with a stack and a SUMMARY
   like any warning: a finding. */
static void parse_error_line(struct tsan_parser *parser, struct span what)
{
    const char *name = NULL;
    int signal = deadly_signal(what, &name);
    if (signal == 0) {
        parse_warning_line(parser, what);
        return;
    }
    parser->finding = NULL;
    parser->stack = NULL;
    if (parser->report->program_signal == 0) {
        parser->report->program_signal = signal;
        parser->report->program_signal_name = name;
    }
}

/* "WARNING: ThreadSanitizer: data race (pid=2972)" starts a finding. */
static void parse_warning_line(struct tsan_parser *parser, struct span headline)
{
    struct finding *finding = report_add_finding(parser->report);
    headline = span_trim(headline);
    long pid_at = span_rfind(headline, " (pid=");
    if (pid_at >= 0) {
        struct span pid = {headline.p + pid_at + 6, headline.n - (size_t)pid_at - 6};
        span_consume_int(&pid, &finding->pid);
        headline.n = (size_t)pid_at;
    }
    finding->kind = classify_headline(headline);
    finding->headline = span_dup(parser->arena, headline);
    parser->finding = finding;
    parser->have_access_address = false;
    /* Mutex misuse and signal reports print a bare stack right after the
       headline: it is the operation (unlock, destroy, malloc in a handler). */
    parser->stack = &finding->accesses[0].stack;
}

/* "    #1 main /tmp/u.c:12:33 (u+0xd0134) (BuildId: ..)", gcc's
   "    #0 count_up /tmp/u.c:6 (u-gcc+0x11d2)", "    #1 <null> <null> (libc.so.6+0x2a3b4)",
   "    #2 ?? ??:0".  Read from the right, because C++ function names
   contain spaces and parentheses while the file spec never does. */
static void parse_frame_line(struct tsan_parser *parser, struct span line)
{
    if (parser->stack == NULL)
        return;
    struct span body = span_trim(line);
    int number = 0;
    span_consume(&body, "#");
    span_consume_int(&body, &number);
    body = span_trim(body);

    struct frame *frame = stack_append_frame(parser->arena, parser->stack);
    long build_id = span_rfind(body, " (BuildId: ");
    if (build_id >= 0 && span_ends(body, ")"))
        body = span_trim(span_make(body.p, (size_t)build_id));

    /* The module group "(u-clang+0xd01d0)" or a bare "(0x7f..)". */
    if (span_ends(body, ")")) {
        size_t depth = 0, i = body.n;
        while (i > 0) {
            char c = body.p[--i];
            if (c == ')')
                depth++;
            else if (c == '(' && --depth == 0)
                break;
        }
        if (depth == 0 && body.p[i] == '(') {
            struct span inner = {body.p + i + 1, body.n - i - 2};
            if (span_contains(inner, "+0x") || span_starts(inner, "0x")) {
                frame->object = span_dup(parser->arena, inner);
                frame->shared_object = object_is_shared(frame->object);
                body = span_trim(span_make(body.p, i));
            }
        }
    } else {
        /* A report cut inside the module group: "malloc <null> (race_heap.tsan-cla". */
        long open = span_rfind(body, " (");
        if (open >= 0 && span_rfind(body, ")") < open)
            body = span_trim(span_make(body.p, (size_t)open));
    }

    struct span function = body, spec = {body.p + body.n, 0};
    long space = span_rfind(body, " ");
    if (space >= 0) {
        function = span_trim(span_make(body.p, (size_t)space));
        spec = span_make(body.p + space + 1, body.n - (size_t)space - 1);
    } else if (span_contains(body, "/")) {
        function = span_make(body.p, 0);
        spec = body;
    }
    if (function.n > 0 && !span_equals(function, "<null>") && !span_equals(function, "??"))
        frame->function = span_dup(parser->arena, function);
    parse_file_spec(parser->arena, spec, frame);

    /* A bare stack after the headline or after "and:" is an operation. */
    struct finding *finding = parser->finding;
    for (size_t i = 0; i < 2; i++)
        if (parser->stack == &finding->accesses[i].stack && finding->access_count < i + 1)
            finding->access_count = i + 1;
}

/* "  Write of size 8 at 0x.. by thread T2:", "  Previous read of size 8 at
   0x.. by main thread (mutexes: write M1, read M2):", "  Atomic write ..." */
static bool parse_access_line(struct tsan_parser *parser, struct span line)
{
    struct span s = span_trim(line);
    bool previous = span_consume(&s, "Previous ");
    bool atomic = span_consume(&s, "Atomic ") || span_consume(&s, "atomic ");
    enum access_type type = ACCESS_UNKNOWN;
    if (span_consume(&s, "Write") || span_consume(&s, "write"))
        type = ACCESS_WRITE;
    else if (span_consume(&s, "Read") || span_consume(&s, "read"))
        type = ACCESS_READ;
    int size = 0;
    unsigned long long address = 0;
    if (type == ACCESS_UNKNOWN || !span_consume(&s, " of size ") || !span_consume_int(&s, &size) ||
        !span_consume(&s, " at ") || !span_consume_hex(&s, &address) || !span_consume(&s, " by "))
        return false;

    struct finding *finding = parser->finding;
    size_t index = previous ? 1 : 0;
    struct access *access = &finding->accesses[index];
    access->type = type;
    access->size = size;
    access->atomic = atomic;
    access->previous = previous;
    access->locks_known = true; /* TSan prints "(mutexes: ...)" whenever any is held */
    access->thread = -1;
    parse_thread_ref(&s, &access->thread);
    if (finding->access_count < index + 1)
        finding->access_count = index + 1;
    if (!previous) {
        parser->access_address = address;
        parser->have_access_address = true;
    }

    /* " (mutexes: write M1, read M2)": the locks this thread held. */
    span_skip_spaces(&s);
    if (span_consume(&s, "(mutexes:")) {
        struct span list = span_take_until(&s, ")");
        while (list.n > 0) {
            struct span item = span_trim(span_take_until(&list, ","));
            if (!span_consume(&item, "write "))
                span_consume(&item, "read ");
            item = span_trim(item);
            if (item.n > 0)
                access_add_lock(parser->arena, access, span_dup(parser->arena, item));
        }
    }
    parser->stack = &access->stack;
    return true;
}

/* The access offset inside a variable or block, when both addresses are known. */
static void set_location_offset(struct tsan_parser *parser, unsigned long long start)
{
    struct location *location = &parser->finding->location;
    if (!parser->have_access_address || parser->access_address < start)
        return;
    unsigned long long offset = parser->access_address - start;
    if (location->size > 0 && offset >= (unsigned long long)location->size)
        return;
    location->offset = (long)offset;
}

/* "  Location is global 'counter' of size 8 at 0x.. (bin+0x..)", "heap block
   of size 4 at 0x.. allocated by main thread:", "stack of thread T1.",
   "TLS of main thread.".  Only the first location counts: after "stack of
   main thread." TSan adds a meaningless "global '??'" line. */
static bool parse_location_line(struct tsan_parser *parser, struct span line)
{
    struct span s = span_trim(line);
    if (!span_consume(&s, "Location is "))
        return false;
    struct location *location = &parser->finding->location;
    parser->stack = NULL;
    if (location->kind != LOCATION_UNKNOWN)
        return true;
    unsigned long long start = 0;
    long size = 0;
    if (span_consume(&s, "global '")) {
        location->kind = LOCATION_GLOBAL;
        location->name = variable_name(parser->arena, span_take_until(&s, "'"));
        if (span_consume(&s, " of size ") && span_consume_long(&s, &size))
            location->size = size;
        if (span_consume(&s, " at ") && span_consume_hex(&s, &start))
            set_location_offset(parser, start);
    } else if (span_consume(&s, "heap block of size ")) {
        location->kind = LOCATION_HEAP;
        if (span_consume_long(&s, &size))
            location->size = size;
        if (span_consume(&s, " at ") && span_consume_hex(&s, &start))
            set_location_offset(parser, start);
        if (span_consume(&s, " allocated by "))
            parse_thread_ref(&s, &location->thread);
        parser->stack = &location->alloc_stack;
    } else if (span_consume(&s, "stack of ")) {
        location->kind = LOCATION_STACK;
        parse_thread_ref(&s, &location->thread);
    } else if (span_consume(&s, "TLS of ")) {
        location->kind = LOCATION_TLS;
        parse_thread_ref(&s, &location->thread);
    } else if (span_consume(&s, "file descriptor ")) {
        /* "file descriptor 4 created by main thread at:" + the stack of the
           call that made it (pipe, open, socket). */
        location->kind = LOCATION_FD;
        long number = -1;
        if (span_consume_long(&s, &number))
            location->offset = number;
        if (span_consume(&s, " created by "))
            parse_thread_ref(&s, &location->thread);
        parser->stack = &location->alloc_stack;
    }
    return true;
}

/* "  Thread T1 'name' (tid=123, finished) created by main thread at:" */
static bool parse_thread_line(struct tsan_parser *parser, struct span line)
{
    struct span s = span_trim(line);
    int id = 0;
    if (!span_consume(&s, "Thread T") || !span_consume_int(&s, &id))
        return false;
    struct finding *finding = parser->finding;
    struct thread_info *thread = finding_thread(finding, id);
    if (thread == NULL)
        thread = finding_add_thread(parser->arena, finding, id);
    if (thread == NULL) {
        parser->stack = NULL;
        return true;
    }
    long tid_at = span_find(s, "(tid=");
    if (tid_at >= 0) {
        struct span state = {s.p + tid_at, s.n - (size_t)tid_at};
        state = span_take_until(&state, ")");
        thread->finished = span_contains(state, "finished");
    }
    long created_at = span_find(s, " created by ");
    if (created_at >= 0) {
        struct span creator = {s.p + created_at + 12, s.n - (size_t)created_at - 12};
        parse_thread_ref(&creator, &thread->creator);
    }
    thread->created_at.count = 0; /* a repeated thread section replaces the stack */
    parser->stack = &thread->created_at;
    return true;
}

static struct lock_info *find_or_add_lock(struct tsan_parser *parser, struct span name)
{
    struct finding *finding = parser->finding;
    for (size_t i = 0; i < finding->lock_count; i++)
        if (span_equals(name, finding->locks[i].name))
            return &finding->locks[i];
    return finding_add_lock(parser->arena, finding, span_dup(parser->arena, name));
}

/* "M12" at the start of s; advances past it. */
static bool take_mutex_name(struct span *s, struct span *name)
{
    struct span probe = *s;
    int number = 0;
    if (!span_consume(&probe, "M") || !span_consume_int(&probe, &number))
        return false;
    *name = span_make(s->p, (size_t)(probe.p - s->p));
    *s = probe;
    return true;
}

/* "  Mutex M1 (0x..) created at:", "  Mutex M1 is already destroyed.",
   "  Mutex M2 acquired here while holding mutex M1 in thread T1:" (one edge
   of a lock-order cycle), "  Mutex M1 previously acquired by the same
   thread here:" (second_deadlock_stack=1: not an edge, skipped). */
static bool parse_mutex_line(struct tsan_parser *parser, struct span line)
{
    struct span s = span_trim(line), name;
    if (!span_consume(&s, "Mutex ") || !take_mutex_name(&s, &name))
        return false;
    struct finding *finding = parser->finding;
    parser->stack = NULL;
    if (span_starts(s, " acquired here while holding")) {
        parser->stack = finding_add_cycle_stack(parser->arena, finding);
        if (parser->stack != NULL) {
            /* "... while holding mutex M1 in thread T1:" / "in main thread:" */
            size_t edge = finding->cycle_count - 1;
            int *thread = ARRAY_APPEND(parser->arena, finding->cycle_threads, edge);
            *thread = -1;
            long in_at = span_rfind(s, " in ");
            if (in_at >= 0) {
                struct span who = {s.p + in_at + 4, s.n - (size_t)in_at - 4};
                parse_thread_ref(&who, thread);
            }
        }
    } else if (span_starts(s, " previously acquired")) {
        parser->stack = NULL;
    } else {
        struct lock_info *lock = find_or_add_lock(parser, name);
        if (lock != NULL && span_ends(s, "created at:")) {
            lock->created_at.count = 0;
            parser->stack = &lock->created_at;
        }
    }
    return true;
}

/* "  Cycle in lock order graph: M1 (0x..) => M2 (0x..) => M1": names the
   mutexes of an inversion even when no "created at" section follows. */
static bool parse_cycle_line(struct tsan_parser *parser, struct span line)
{
    struct span s = span_trim(line), name;
    if (!span_consume(&s, "Cycle in lock order graph:"))
        return false;
    parser->stack = NULL;
    while (s.n > 0) {
        struct span item = span_trim(span_take_until(&s, "=>"));
        if (take_mutex_name(&item, &name))
            find_or_add_lock(parser, name);
    }
    return true;
}

/* "SUMMARY: ThreadSanitizer: data race /path/u.c:15:17 in count_up", or
   "... (bin+0x6ef3a) (BuildId: ..) in pthread_mutex_unlock" without a file. */
static void parse_summary_line(struct tsan_parser *parser, struct span s)
{
    struct finding *finding = parser->finding;
    s = span_trim(s);
    span_consume(&s, finding->headline);
    s = span_trim(s);
    long in_at = span_rfind(s, " in ");
    if (in_at >= 0) {
        struct span function = span_trim(span_make(s.p + in_at + 4, s.n - (size_t)in_at - 4));
        if (function.n > 0)
            finding->summary_function = span_dup(parser->arena, function);
        s = span_trim(span_make(s.p, (size_t)in_at));
    }
    if (s.n > 0 && s.p[0] != '(' && !span_contains(s, " ")) {
        struct frame where = {0};
        parse_file_spec(parser->arena, s, &where);
        finding->summary_file = where.file;
        finding->summary_line = where.line;
    }
}

/* "ThreadSanitizer: reported 3 warnings": the process got to its exit. */
static void parse_reported_line(struct tsan_parser *parser, struct span rest)
{
    long count = 0;
    if (!span_consume_long(&rest, &count))
        return;
    parser->report->finished = true;
    report_add_reported_count(parser->report, count);
}

static bool is_separator_line(struct span s)
{
    s = span_trim(s);
    if (s.n < 10)
        return false;
    for (size_t i = 0; i < s.n; i++)
        if (s.p[i] != '=')
            return false;
    return true;
}

/* One line inside a report, after its WARNING line. */
static void parse_report_line(struct tsan_parser *parser, struct span line)
{
    struct span t = span_trim(line);
    if (t.n == 0) {
        parser->stack = NULL; /* sections are separated by blank lines */
        return;
    }
    if (t.n >= 2 && t.p[0] == '#' && t.p[1] >= '0' && t.p[1] <= '9') {
        parse_frame_line(parser, t);
        return;
    }
    if (span_equals(t, "[failed to restore the stack]")) {
        if (parser->stack != NULL)
            stack_append_frame(parser->arena, parser->stack); /* an empty frame */
        return;
    }
    if (span_consume(&t, "SUMMARY: ThreadSanitizer:")) {
        parse_summary_line(parser, t);
        parser->finding = NULL;
        parser->stack = NULL;
        return;
    }
    if (is_separator_line(t)) { /* a report cut before its SUMMARY */
        parser->finding = NULL;
        parser->stack = NULL;
        return;
    }
    long more = 0;
    struct span rest = t;
    if (span_consume(&rest, "And ") && span_consume_long(&rest, &more) &&
        span_consume(&rest, " more similar")) {
        /* "And 4 more similar thread leaks.": this finding stands for 5. */
        parser->finding->similar_count = more > 1000000 ? 1000000 : (int)more;
        parser->stack = NULL;
        return;
    }
    if (span_equals(t, "and:")) { /* destroy of a locked mutex: where it was locked */
        parser->finding->accesses[1].previous = true;
        parser->stack = &parser->finding->accesses[1].stack;
        return;
    }
    if (parse_access_line(parser, t) || parse_location_line(parser, t) ||
        parse_thread_line(parser, t) || parse_mutex_line(parser, t) ||
        parse_cycle_line(parser, t))
        return;
    /* "Hint: ..." lines sit inside a stack section without ending it; any
       other unknown header starts a section whose frames are skipped. */
    if (!span_starts(t, "Hint:"))
        parser->stack = NULL;
}

int parse_tsan_text(const char *text, size_t length, struct report *report, char *error,
                    size_t error_size)
{
    (void)error;
    (void)error_size;
    report->tool = TOOL_TSAN;
    report->format = FORMAT_TSAN_TEXT;
    struct tsan_parser parser = {.report = report, .arena = &report->arena};
    struct line_cursor cursor;
    struct span line;
    line_cursor_init(&cursor, text == NULL ? "" : text, text == NULL ? 0 : length);
    while (next_line(&cursor, &line)) {
        parse_fatal_line(&parser, line);
        /* The WARNING line may follow program output that had no newline. */
        long warning = span_find(line, "WARNING: ThreadSanitizer: ");
        if (warning >= 0) {
            size_t skip = (size_t)warning + strlen("WARNING: ThreadSanitizer: ");
            parse_warning_line(&parser, span_make(line.p + skip, line.n - skip));
            continue;
        }
        long error_at = span_find(line, "ERROR: ThreadSanitizer: ");
        if (error_at >= 0) {
            size_t skip = (size_t)error_at + strlen("ERROR: ThreadSanitizer: ");
            parse_error_line(&parser, span_make(line.p + skip, line.n - skip));
            continue;
        }
        long reported = span_find(line, "ThreadSanitizer: reported ");
        if (reported >= 0) {
            size_t skip = (size_t)reported + strlen("ThreadSanitizer: reported ");
            parse_reported_line(&parser, span_make(line.p + skip, line.n - skip));
            parser.finding = NULL;
            parser.stack = NULL;
            continue;
        }
        if (parser.finding != NULL)
            parse_report_line(&parser, line);
    }
    return 0;
}
