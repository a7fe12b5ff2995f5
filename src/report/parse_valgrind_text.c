/* parse_valgrind_text.c: Helgrind and DRD text commentary.
 *
 *   ==5478== ---Thread-Announcement------------------------------------------
 *   ==5478== Thread #2 was created
 *   ==5478==    at 0x496EB3F: clone (clone.S:76)
 *   ==5478== ----------------------------------------------------------------
 *   ==5478==  Lock at 0x10C140 was first observed
 *   ==5478==    at 0x484976E: ??? (in /usr/libexec/valgrind/vgpreload_helgrind-amd64-linux.so)
 *   ==5478== Possible data race during read of size 8 at 0x10C0C0 by thread #1
 *   ==5478== Locks held: none
 *   ==5478==    at 0x10958A: main (m.c:43)
 *   ==5478==
 *   ==5478== This conflicts with a previous write of size 8 by thread #2
 *   ==5478==  Address 0x10c0c0 is 0 bytes inside data symbol "counter"
 *   ...
 *   ==5478== ERROR SUMMARY: 2 errors from 2 contexts (suppressed: 0 from 0)
 *
 * Lines without the "==PID== " prefix are the program's own output and are
 * skipped.  An error is cut into the same items as the XML reader builds
 * (headline, explaining lines, each with the stack after it) and turned
 * into a finding by vg_build_finding().  Helgrind opens every error with a
 * dashed separator; DRD does not, so a DRD error starts at its headline. */
#include <string.h>

#include "parse_internal.h"
#include "report_parse.h"

/* Where Valgrind (amd64 Linux) starts mapping shared objects. */
static const unsigned long long VALGRIND_SHARED_OBJECTS_START = 0x4000000;

struct text_parser {
    struct report *report;
    struct arena *arena;
    struct line_cursor cursor;  /* positioned after the current line, for lookahead */
    int pid;                    /* of the current line */
    bool announcing;            /* inside a ---Thread-Announcement--- block */
    bool error_open;
    struct vg_error error;
    struct stack *stack;        /* where frame lines go, NULL skips them */
    struct vg_thread *threads;
    size_t thread_count;
    /* Inside Valgrind's account of how the process ended ("Process
       terminating with default action of signal ..."): commentary up to
       the next blank line or the next line at the margin, never a finding. */
    bool in_termination;
    bool saw_banner;            /* "Helgrind, a thread error detector" */
};

/* "==123== message" -> pid 123 and the message (may be empty).  "--123--"
   (Valgrind's own debug output) and unprefixed program output -> false. */
static bool split_prefix(struct span line, int *pid, struct span *message)
{
    struct span s = line;
    /* Program output without a newline may precede the prefix. */
    long at = span_find(s, "==");
    if (at < 0)
        return false;
    s.p += at;
    s.n -= (size_t)at;
    if (!span_consume(&s, "==") || !span_consume_int(&s, pid) || !span_consume(&s, "=="))
        return false;
    span_consume(&s, " ");
    *message = s;
    return true;
}

static bool is_frame_line(struct span m)
{
    struct span t = span_trim(m);
    return m.n > 0 && m.p[0] == ' ' && (span_starts(t, "at 0x") || span_starts(t, "by 0x"));
}

/* "   at 0x109163: count_up (u2.c:7)", "   by 0x484C7D6: ??? (in /usr/lib/x.so)".
   The last parenthesised group is the place: "in OBJECT" or "FILE:LINE". */
static void parse_frame_line(struct text_parser *parser, struct span m)
{
    if (parser->stack == NULL)
        return;
    struct span s = span_trim(m);
    unsigned long long ip = 0;
    if (!span_consume(&s, "at ") && !span_consume(&s, "by "))
        return;
    span_consume_hex(&s, &ip);
    span_consume(&s, ":");
    s = span_trim(s);
    struct frame *frame = stack_append_frame(parser->arena, parser->stack);
    struct span function = s;
    if (span_ends(s, ")")) {
        size_t depth = 0, i = s.n;
        while (i > 0) {
            char c = s.p[--i];
            if (c == ')')
                depth++;
            else if (c == '(' && --depth == 0)
                break;
        }
        if (depth == 0 && s.p[i] == '(') {
            struct span place = {s.p + i + 1, s.n - i - 2};
            if (span_consume(&place, "in ")) {
                frame->object = span_dup(parser->arena, span_trim(place));
                frame->shared_object = object_is_shared(frame->object);
            } else {
                parse_file_spec(parser->arena, place, frame);
                /* A frame with debug info names no object: "puts (ioputs.c:35)"
                   is glibc's.  Valgrind's amd64 layout loads the executable
                   below 0x4000000 (0x108000 PIE, 0x400000 otherwise) and every
                   shared object, its own preloads included, above it. */
                frame->shared_object = ip >= VALGRIND_SHARED_OBJECTS_START;
            }
            function = span_trim(span_make(s.p, i));
        }
    }
    if (function.n > 0 && !span_equals(function, "???"))
        frame->function = span_dup(parser->arena, function);
}

/* The first thread number in "Thread #3 was created" or "Thread 3:". */
static bool thread_number_after(struct span s, const char *prefix, int *id)
{
    return span_consume(&s, prefix) && span_consume_int(&s, id);
}

/* "Thread #2 was created" + stack, "Thread #1 is the program's root thread". */
static void parse_announcement_line(struct text_parser *parser, struct span t)
{
    int id = 0;
    if (!thread_number_after(t, "Thread #", &id)) {
        parser->stack = NULL;
        return;
    }
    if (parser->thread_count >= PARSE_MAX_ENTRIES) {
        parser->stack = NULL;
        return;
    }
    struct vg_thread *thread = ARRAY_APPEND(parser->arena, parser->threads, parser->thread_count);
    thread->pid = parser->pid;
    thread->id = id;
    parser->stack = span_contains(t, "was created") ? &thread->created_at : NULL;
}

static void finish_error(struct text_parser *parser)
{
    bool has_what = false;
    for (size_t i = 0; i < parser->error.item_count; i++)
        has_what = has_what || parser->error.items[i].kind == VG_ITEM_WHAT;
    if (parser->error_open && has_what)
        vg_build_finding(parser->report, &parser->error, parser->threads, parser->thread_count);
    memset(&parser->error, 0, sizeof parser->error);
    parser->error_open = false;
    parser->stack = NULL;
}

static void open_error(struct text_parser *parser)
{
    finish_error(parser);
    parser->error.pid = parser->pid;
    parser->error_open = true;
}

static struct vg_item *add_item(struct text_parser *parser, enum vg_item_kind kind, struct span t)
{
    if (parser->error.item_count >= PARSE_MAX_ENTRIES) {
        parser->stack = NULL;
        return NULL;
    }
    struct vg_item *item = ARRAY_APPEND(parser->arena, parser->error.items, parser->error.item_count);
    item->kind = kind;
    item->thread = -1;
    item->text = span_dup(parser->arena, t);
    parser->stack = &item->stack;
    return item;
}

/* "Locks held: none", "Locks held: 1, at address 0x10C140",
   "Locks held: 2, at addresses 0x10C140 0x10C100": for the access just named. */
static void parse_locks_held(struct text_parser *parser, struct span t)
{
    if (!parser->error_open || parser->error.item_count == 0)
        return;
    struct vg_item *item = &parser->error.items[parser->error.item_count - 1];
    item->locks_known = true;
    long at = span_find(t, " at address");
    if (at < 0)
        return;
    struct span rest = {t.p + at, t.n - (size_t)at};
    span_consume(&rest, " at addresses");
    span_consume(&rest, " at address");
    while (item->lock_count < PARSE_MAX_ENTRIES) {
        span_skip_spaces(&rest);
        unsigned long long address = 0;
        if (!span_consume_hex(&rest, &address))
            break;
        unsigned long long *slot = ARRAY_APPEND(parser->arena, item->locks, item->lock_count);
        *slot = address;
        span_consume(&rest, ",");
    }
}

/* Lines that explain the error being read (Helgrind indents them by one
   space, DRD does not). */
static bool is_aux_line(struct span t)
{
    static const char *const prefixes[] = {
        "This conflicts with", "Address ", "Location ", "Lock at ", "followed by",
        "Observed (incorrect) order", "Required order", "Block was alloc'd",
        "Allocation context:", "Other segment start", "Other segment end", "declared at",
        "a global variable declared", "a local variable declared", "in frame #",
        "Conflicting wait call by thread", /* DRD's barrier error, after its headline */
    };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (span_starts(t, prefixes[i]))
            return true;
    return span_contains(t, "was first observed");
}

/* DRD's "Thread 3:" says whose error follows; it is not an error itself. */
static bool is_thread_context_line(struct span t)
{
    int id = 0;
    struct span s = t;
    return span_consume(&s, "Thread ") && span_consume_int(&s, &id) && span_equals(s, ":");
}

static bool is_known_headline(struct span t)
{
    static const char *const prefixes[] = {
        "Possible data race", "Conflicting load", "Conflicting store",
        "Destroying locked mutex", "Mutex not locked", "The object at address",
        "Recursive locking", "Reader-writer lock", "Probably a race condition",
        "Lock on mutex", "Lock on rwlock", "Thread #",
    };
    if (span_contains(t, "was created") || span_contains(t, "root thread"))
        return false;
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (span_starts(t, prefixes[i]))
            return true;
    return false;
}

/* True when the next Valgrind line of this process is a frame: DRD prints
   every error's stack right under its headline. */
static bool next_line_is_frame(const struct text_parser *parser)
{
    struct line_cursor peek = parser->cursor;
    struct span line, message;
    int pid = 0;
    while (next_line(&peek, &line)) {
        if (!split_prefix(line, &pid, &message))
            continue; /* program output in between */
        return pid == parser->pid && is_frame_line(message);
    }
    return false;
}

/* "the 'impossible' happened", "Valgrind: FATAL": Valgrind itself died. */
static void parse_fatal_line(struct text_parser *parser, struct span line)
{
    if (parser->report->fatal == NULL && is_valgrind_death_line(line))
        parser->report->fatal = span_dup(parser->arena, span_trim(line));
}

/* "ERROR SUMMARY: 2 errors from 2 contexts (suppressed: 0 from 0)". */
static bool parse_error_summary(struct text_parser *parser, struct span t)
{
    long errors = 0, contexts = 0;
    if (!span_consume(&t, "ERROR SUMMARY: ") || !span_consume_long(&t, &errors) ||
        !span_consume(&t, " errors from ") || !span_consume_long(&t, &contexts))
        return false;
    finish_error(parser);
    parser->report->finished = true;
    /* Contexts are the distinct errors; with --trace-children each process
       prints its own summary. */
    report_add_reported_count(parser->report, contexts);
    return true;
}

static bool parse_tool_line(struct text_parser *parser, struct span t)
{
    if (span_contains(t, "Helgrind, a thread error detector"))
        parser->report->tool = TOOL_HELGRIND;
    else if (span_contains(t, "DRD, a thread error detector") ||
             span_contains(t, "drd, a thread error detector"))
        parser->report->tool = TOOL_DRD;
    else
        return false;
    parser->saw_banner = true;
    return true;
}

/* "Process terminating with default action of signal 11 (SIGSEGV)": the
   program was killed; what follows (the faulting access, its stack, the
   stack-size advice) explains that and is not a detector finding. */
static bool parse_termination_line(struct text_parser *parser, struct span t)
{
    int signal = 0;
    if (!span_consume(&t, "Process terminating with default action of signal ") ||
        !span_consume_int(&t, &signal))
        return false;
    finish_error(parser);
    parser->in_termination = true;
    if (parser->report->program_signal == 0) {
        parser->report->program_signal = signal;
        span_skip_spaces(&t);
        if (span_consume(&t, "(")) {
            struct span name = span_take_until(&t, ")");
            if (name.n > 0)
                parser->report->program_signal_name = span_dup(parser->arena, name);
        }
    }
    return true;
}

/* DRD's --trace-addr, --trace-mutex, ... print what they trace with the
   thread's vector clock, "store 0x404030 size 8 val 1/0x1 (thread 2 / vc
   [ 1: 3, 2: 1 ])", each with a stack: a trace, not an error. */
static bool is_trace_line(struct span t)
{
    return span_contains(t, " / vc [");
}

static bool is_separator(struct span t, size_t minimum)
{
    if (t.n < minimum)
        return false;
    for (size_t i = 0; i < t.n; i++)
        if (t.p[i] != '-')
            return false;
    return true;
}

static void start_headline(struct text_parser *parser, struct span t)
{
    /* Helgrind's "Lock at .. was first observed" items come between the
       separator and the headline: keep them in the same error. */
    bool has_what = false;
    for (size_t i = 0; i < parser->error.item_count; i++)
        has_what = has_what || parser->error.items[i].kind == VG_ITEM_WHAT;
    if (!parser->error_open || has_what)
        open_error(parser);
    add_item(parser, VG_ITEM_WHAT, t);
    if (parser->report->tool == TOOL_UNKNOWN)
        parser->report->tool = span_starts(t, "Conflicting") ? TOOL_DRD : TOOL_HELGRIND;
}

/* One "==PID== message" line. */
static void parse_message(struct text_parser *parser, struct span m)
{
    struct span t = span_trim(m);
    if (t.n == 0) {
        parser->stack = NULL; /* a blank line ends a stack, not an error */
        parser->in_termination = false;
        return;
    }
    if (parser->in_termination) {
        /* The account's own lines are indented (its stack, "Access not
           within mapped region ...", the stack-size advice); a line of
           Valgrind's at the margin starts something else: Valgrind does not
           always leave a blank line before the next block (a
           ---Thread-Announcement--- or an error's separator). */
        if (m.p[0] == ' ')
            return;
        parser->in_termination = false;
    }
    if (parse_termination_line(parser, t))
        return;
    if (is_trace_line(t)) {
        finish_error(parser);
        return;
    }
    if (is_frame_line(m)) {
        parse_frame_line(parser, m);
        return;
    }
    if (parse_error_summary(parser, t))
        return;
    if (span_starts(t, "---Thread-Announcement")) {
        finish_error(parser);
        parser->announcing = true;
        return;
    }
    if (is_separator(t, 20)) { /* Helgrind opens each error with one */
        finish_error(parser);
        parser->announcing = false;
        open_error(parser);
        return;
    }
    if (parser->announcing) {
        parse_announcement_line(parser, t);
        return;
    }
    if (span_starts(t, "Locks held:")) {
        parse_locks_held(parser, t);
        return;
    }
    if (m.p[0] == ' ' && m.n > 1 && m.p[1] == ' ')
        return; /* "   with error code 16 (EBUSY..)": stack continues below */
    if (is_thread_context_line(t)) {
        finish_error(parser);
        return;
    }
    if (span_starts(t, "Acquired at:")) {
        /* DRD prints where the lock was taken first, then the headline
           "Lock on mutex .. was held during N ms": one error. */
        open_error(parser);
        add_item(parser, VG_ITEM_AUX, t);
        return;
    }
    if (is_aux_line(t)) {
        if (parser->error_open)
            add_item(parser, VG_ITEM_AUX, t);
        return;
    }
    if (parse_tool_line(parser, t))
        return;
    bool awaiting_headline = parser->error_open && parser->error.item_count == 0;
    if (m.p[0] != ' ' &&
        (is_known_headline(t) || awaiting_headline || next_line_is_frame(parser))) {
        start_headline(parser, t);
        return;
    }
    parser->stack = NULL; /* "Use --history-level=approx ...", "Command: ./prog" */
}

bool looks_like_valgrind_text(const char *text, size_t length)
{
    struct line_cursor cursor;
    struct span line, message;
    line_cursor_init(&cursor, text == NULL ? "" : text, text == NULL ? 0 : length);
    while (next_line(&cursor, &line)) {
        int pid = 0;
        if (!split_prefix(line, &pid, &message))
            continue;
        struct span t = span_trim(message);
        if (span_contains(t, "a thread error detector") || span_starts(t, "ERROR SUMMARY: ") ||
            span_starts(t, "---Thread-Announcement") || is_known_headline(t) ||
            span_starts(t, "Process terminating with default action of signal"))
            return true;
    }
    return false;
}

int parse_valgrind_text(const char *text, size_t length, struct report *report, char *error,
                        size_t error_size)
{
    (void)error;
    (void)error_size;
    report->format = FORMAT_VALGRIND_TEXT;
    struct text_parser parser = {.report = report, .arena = &report->arena};
    line_cursor_init(&parser.cursor, text == NULL ? "" : text, text == NULL ? 0 : length);
    struct span line, message;
    while (next_line(&parser.cursor, &line)) {
        parse_fatal_line(&parser, line);
        int pid = 0;
        if (!split_prefix(line, &pid, &message))
            continue; /* the program's own output */
        if (pid != parser.pid) {
            /* Another process's commentary: its errors are its own. */
            finish_error(&parser);
            parser.announcing = false;
            parser.in_termination = false;
            parser.pid = pid;
        }
        parse_message(&parser, message);
    }
    finish_error(&parser);
    /* Without the banner (-q, or an excerpt) there is no "ERROR SUMMARY"
       either: an absent end marker then says nothing about truncation. */
    report->end_unknown = !parser.saw_banner && !report->finished;
    return 0;
}
