/* fuzz_report.c: the libFuzzer harness of every report parser.
 *
 * One source, four targets: fuzz/CMakeLists.txt compiles it once per
 * parser with RACELAB_FUZZ_PARSER naming the function of report_parse.h
 * (parse_tsan_text, parse_valgrind_xml, parse_valgrind_text,
 * parse_any_report).
 *
 * Each input is copied into a buffer of exactly its length, without a
 * terminating NUL, so AddressSanitizer reports a parser that reads one byte
 * past the text.  A report that parses is then read back the way the
 * commands read it: every string and stack of the model is walked (a
 * dangling or unterminated pointer faults here rather than in a later
 * command) and the stable form of normalize.h is computed.  A broken
 * promise of finding.h aborts, which libFuzzer records as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "normalize.h"
#include "report_parse.h"

#ifndef RACELAB_FUZZ_PARSER
#error "compile with -DRACELAB_FUZZ_PARSER=parse_tsan_text (or another parser of report_parse.h)"
#endif

#define RACELAB_STRINGIFY_(name) #name
#define RACELAB_STRINGIFY(name) RACELAB_STRINGIFY_(name)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *promise)
{
    fprintf(stderr, "fuzz: %s broke finding.h: %s\n", RACELAB_STRINGIFY(RACELAB_FUZZ_PARSER),
            promise);
    abort();
}

/* Reads the whole string: ASan stops at the first byte it may not read. */
static size_t touch_string(const char *text)
{
    return text != NULL ? strlen(text) : 0;
}

static size_t touch_stack(const struct stack *stack)
{
    if (stack->count > 0 && stack->frames == NULL)
        broken("a stack with frames but no frame array");
    size_t sum = 0;
    for (size_t i = 0; i < stack->count; i++) {
        const struct frame *frame = &stack->frames[i];
        sum += touch_string(frame->function) + touch_string(frame->file) +
               touch_string(frame->object);
        if (frame->line < 0 || frame->column < 0)
            broken("a negative line or column (0 is unknown)");
    }
    return sum;
}

static size_t touch_finding(const struct finding *finding)
{
    if ((unsigned)finding->kind >= FINDING_KIND_COUNT)
        broken("a finding kind outside enum finding_kind");
    if (finding->access_count > 2)
        broken("more than two accesses");
    size_t sum = touch_string(finding->headline) + touch_string(finding->summary_file) +
                 touch_string(finding->summary_function);
    for (size_t a = 0; a < finding->access_count; a++) {
        const struct access *access = &finding->accesses[a];
        if (access->lock_count > 0 && access->locks_held == NULL)
            broken("held locks counted but not listed");
        for (size_t l = 0; l < access->lock_count; l++)
            sum += touch_string(access->locks_held[l]);
        sum += touch_stack(&access->stack);
    }
    sum += touch_string(finding->location.name) + touch_string(finding->location.decl_file) +
           touch_stack(&finding->location.alloc_stack);
    if (finding->thread_count > 0 && finding->threads == NULL)
        broken("threads counted but not listed");
    for (size_t t = 0; t < finding->thread_count; t++)
        sum += touch_stack(&finding->threads[t].created_at);
    if (finding->lock_count > 0 && finding->locks == NULL)
        broken("locks counted but not listed");
    for (size_t l = 0; l < finding->lock_count; l++)
        sum += touch_string(finding->locks[l].name) + touch_stack(&finding->locks[l].created_at);
    if (finding->cycle_count > 0 && finding->cycle_stacks == NULL)
        broken("lock cycle edges counted but not listed");
    for (size_t c = 0; c < finding->cycle_count; c++) {
        sum += touch_stack(&finding->cycle_stacks[c]);
        if (finding->cycle_threads != NULL)
            sum += (size_t)finding->cycle_threads[c]; /* one entry per edge, when given */
    }
    if (finding->similar_count < 0)
        broken("a negative count of similar findings");
    return sum;
}

static void read_back(const struct report *report)
{
    if (report->count > report->capacity)
        broken("more findings than capacity");
    if (report->count > 0 && report->findings == NULL)
        broken("findings counted but not listed");
    size_t sum = touch_string(report->fatal) + touch_string(report->program_signal_name);
    if (report->program_signal < 0)
        broken("a negative signal number");
    for (size_t i = 0; i < report->count; i++) {
        sum += touch_finding(&report->findings[i]);
        /* A truncated line must still be a terminated string. */
        char small[8];
        finding_stable_line(&report->findings[i], small, sizeof small);
        if (memchr(small, '\0', sizeof small) == NULL)
            broken("finding_stable_line did not terminate a truncated line");
    }

    struct stable_lines lines;
    report_stable_lines(report, &lines);
    if (lines.count > report->count)
        broken("more stable lines than findings");
    for (size_t i = 0; i < lines.count; i++) {
        size_t length = strlen(lines.lines[i]);
        if (length >= STABLE_LINE_MAX)
            broken("a stable line of STABLE_LINE_MAX characters or more");
        if (memchr(lines.lines[i], '\n', length) != NULL || memchr(lines.lines[i], '\r', length) != NULL)
            broken("a stable line spanning lines (a \\n or \\r inside it)");
        /* Only an `other` line quotes a headline; elsewhere a quote means a
           detector's phrase leaked into a field. */
        if (strncmp(lines.lines[i], "other ", 6) != 0 && strchr(lines.lines[i], '"') != NULL)
            broken("a quote inside a stable line's fields");
        if (i > 0 && strcmp(lines.lines[i - 1], lines.lines[i]) >= 0)
            broken("stable lines not sorted and unique");
    }
    stable_lines_free(&lines);
    /* Keep the walk from being optimised away. */
    volatile size_t sink = sum;
    (void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Exactly `size` bytes, no NUL after them (malloc(0) is a valid,
       unreadable block under ASan). */
    char *text = malloc(size);
    if (text == NULL)
        return 0;
    if (size > 0)
        memcpy(text, data, size);

    char error[256];
    memset(error, 'x', sizeof error);
    struct report report;
    report_init(&report);
    int status = RACELAB_FUZZ_PARSER(text, size, &report, error, sizeof error);
    if (status == 0) {
        read_back(&report);
    } else if (status == -1) {
        if (memchr(error, '\0', sizeof error) == NULL || error[0] == '\0')
            broken("a failed parse without a one-line reason in error");
    } else {
        broken("a parser returned neither 0 nor -1");
    }
    report_free(&report);
    free(text);
    return 0;
}
