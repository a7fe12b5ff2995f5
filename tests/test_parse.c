/* test_parse: the report parsers against the saved reports in tests/reports/.
 *
 * Usage: test_parse REPORTS_DIR
 *
 * Every check names the file and line of the check that failed and the test
 * exits 1 at the end if any did.  Reports are handed to the parsers as an
 * exact-size copy without a terminating NUL, as the fuzzers do, so a read
 * past the end shows up under ASan.  Besides the saved reports as they are,
 * the tests feed variants made from them: CRLF line ends, two processes in
 * one log, program output in between, a 300-frame stack, thousands of
 * findings, and every truncation of an XML report. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detector.h"
#include "finding.h"
#include "input.h"
#include "normalize.h"
#include "report_parse.h"

static const char *reports_dir;
static int failures;
static int checks;

#define CHECK(cond)                                                                \
    do {                                                                           \
        checks++;                                                                  \
        if (!(cond)) {                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                            \
        }                                                                          \
    } while (0)

/* A check the rest of a test depends on: stop that test when it fails. */
#define REQUIRE(cond)                                                              \
    do {                                                                           \
        checks++;                                                                  \
        if (!(cond)) {                                                             \
            fprintf(stderr, "%s:%d: required check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                        \
            failures++;                                                            \
            return;                                                                \
        }                                                                          \
    } while (0)

/* ---- helpers ------------------------------------------------------------ */

struct text {
    char *data;
    size_t length;
    size_t capacity;
};

static void text_free(struct text *text)
{
    free(text->data);
    text->data = NULL;
    text->length = 0;
    text->capacity = 0;
}

/* A corpus file, read whole; data is NULL (and the test fails) if missing. */
static struct text load(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", reports_dir, name);
    struct text text = {0};
    text.data = read_whole_file(path, &text.length);
    text.capacity = text.length;
    if (text.data == NULL) {
        fprintf(stderr, "test_parse: missing corpus file %s\n", path);
        failures++;
    }
    return text;
}

static void append(struct text *text, const char *data, size_t length)
{
    if (text->length + length + 1 > text->capacity) {
        size_t capacity = text->capacity < 4096 ? 4096 : text->capacity;
        while (capacity < text->length + length + 1)
            capacity *= 2;
        char *bigger = realloc(text->data, capacity);
        if (bigger == NULL) {
            fputs("test_parse: out of memory\n", stderr);
            exit(2);
        }
        text->data = bigger;
        text->capacity = capacity;
    }
    memcpy(text->data + text->length, data, length);
    text->length += length;
}

static void append_string(struct text *text, const char *string)
{
    append(text, string, strlen(string));
}

/* Parses an exact-size copy (no NUL after the last byte). */
static int parse_with(int (*parser)(const char *, size_t, struct report *, char *, size_t),
                      const char *data, size_t length, struct report *report, char *error,
                      size_t error_size)
{
    char *copy = malloc(length > 0 ? length : 1);
    if (copy == NULL)
        exit(2);
    if (length > 0)
        memcpy(copy, data, length);
    report_init(report);
    error[0] = '\0';
    int status = parser(copy, length, report, error, error_size);
    free(copy);
    return status;
}

static int parse_text(const struct text *text, struct report *report, char *error, size_t size)
{
    return parse_with(parse_any_report, text->data, text->length, report, error, size);
}

/* Parses a corpus file; the text is kept for the strings in the report. */
static int parse_file(const char *name, struct report *report, char *error, size_t size)
{
    struct text text = load(name);
    if (text.data == NULL) {
        report_init(report);
        snprintf(error, size, "missing");
        return -2;
    }
    int status = parse_text(&text, report, error, size);
    text_free(&text);
    return status;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

/* The stack's user frame is base:line. */
static bool user_site_is(const struct stack *stack, const char *base, int line)
{
    const struct frame *frame = stack_user_frame(stack);
    return frame != NULL && strcmp(base_name(frame->file), base) == 0 && frame->line == line;
}

static int user_line(const struct stack *stack)
{
    const struct frame *frame = stack_user_frame(stack);
    return frame != NULL ? frame->line : 0;
}

static bool starts_with(const char *text, const char *prefix)
{
    return text != NULL && strncmp(text, prefix, strlen(prefix)) == 0;
}

static bool contains(const char *text, const char *needle)
{
    return text != NULL && strstr(text, needle) != NULL;
}

static const struct thread_info *thread_of(const struct finding *finding, int id)
{
    for (size_t i = 0; i < finding->thread_count; i++)
        if (finding->threads[i].id == id)
            return &finding->threads[i];
    return NULL;
}

static bool has_line(const struct stack *stacks, size_t count, int line)
{
    for (size_t i = 0; i < count; i++)
        if (user_line(&stacks[i]) == line)
            return true;
    return false;
}

/* ---- the unsafe counter, every detector --------------------------------- */

static void test_unsafe_tsan(const char *name, bool clang)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    CHECK(report.tool == TOOL_TSAN);
    CHECK(report.format == FORMAT_TSAN_TEXT);
    CHECK(report.finished);
    CHECK(report.fatal == NULL);
    CHECK(report.count >= 1);
    CHECK(report.reported_count == (int)report.count);
    if (report.count == 0) {
        report_free(&report);
        return;
    }
    const struct finding *race = &report.findings[0];
    CHECK(race->kind == FINDING_DATA_RACE);
    CHECK(race->headline != NULL && strcmp(race->headline, "data race") == 0);
    CHECK(race->pid > 0);
    CHECK(race->access_count == 2);
    for (size_t i = 0; i < 2; i++) {
        const struct access *access = &race->accesses[i];
        CHECK(access->type == ACCESS_READ || access->type == ACCESS_WRITE);
        CHECK(access->size == 8);
        CHECK(!access->atomic);
        CHECK(access->previous == (i == 1));
        CHECK(access->thread >= 0);
        CHECK(user_site_is(&access->stack, "unsafe.c", 15));
        const struct frame *frame = stack_user_frame(&access->stack);
        /* clang prints columns, gcc does not. */
        CHECK(frame != NULL && (clang ? frame->column > 0 : frame->column == 0));
        CHECK(frame != NULL && frame->function != NULL &&
              strcmp(frame->function, "add_to_shared_counter") == 0);
        CHECK(frame != NULL && frame->object != NULL);
        /* Each racing worker's creation stack is in the finding. */
        if (access->thread > 0) {
            const struct thread_info *thread = thread_of(race, access->thread);
            CHECK(thread != NULL);
            CHECK(thread != NULL && thread->creator == 0);
            CHECK(thread != NULL && user_site_is(&thread->created_at, "counter_cli.c", 60));
        }
    }
    CHECK(race->accesses[0].type == ACCESS_WRITE || race->accesses[1].type == ACCESS_WRITE);
    CHECK(race->location.kind == LOCATION_GLOBAL);
    CHECK(race->location.name != NULL && strcmp(race->location.name, "counter") == 0);
    CHECK(race->location.size == 8);
    CHECK(race->location.offset == 0);
    CHECK(race->summary_file != NULL && strcmp(base_name(race->summary_file), "unsafe.c") == 0);
    CHECK(race->summary_line == 15);
    CHECK(race->summary_function != NULL &&
          strcmp(race->summary_function, "add_to_shared_counter") == 0);
    report_free(&report);
}

static void test_unsafe_valgrind(const char *name, enum detector_tool tool,
                                 enum report_format format)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    CHECK(report.tool == tool);
    CHECK(report.format == format);
    CHECK(report.finished);
    CHECK(report.fatal == NULL);
    CHECK(report.count >= 1);
    CHECK(report.reported_count == (int)report.count);
    bool at_line_15 = false;
    for (size_t f = 0; f < report.count; f++) {
        const struct finding *race = &report.findings[f];
        CHECK(race->kind == FINDING_DATA_RACE);
        CHECK(race->pid > 0);
        CHECK(race->location.kind == LOCATION_GLOBAL);
        const struct access *current = &race->accesses[0];
        CHECK(current->type == ACCESS_READ || current->type == ACCESS_WRITE);
        CHECK(current->size == 8);
        CHECK(current->thread > 0);
        CHECK(!current->previous);
        /* Valgrind sees the optimised loop: `counter += 1` (15) and, for
           DRD, accesses the compiler moved to the loop line (14). */
        CHECK(user_site_is(&current->stack, "unsafe.c", 15) ||
              user_site_is(&current->stack, "unsafe.c", 14));
        at_line_15 = at_line_15 || user_site_is(&current->stack, "unsafe.c", 15);
        if (tool == TOOL_HELGRIND) {
            CHECK(starts_with(race->headline, "Possible data race during "));
            CHECK(!contains(race->headline, "0x"));
            CHECK(race->access_count == 2);
            const struct access *other = &race->accesses[1];
            CHECK(other->previous);
            CHECK(other->size == 8);
            CHECK(other->thread > 0 && other->thread != current->thread);
            CHECK(user_site_is(&other->stack, "unsafe.c", 15) ||
                  user_site_is(&other->stack, "unsafe.c", 14));
            CHECK(race->location.name != NULL && strcmp(race->location.name, "counter") == 0);
            /* Helgrind announces the workers: their creation stacks. */
            for (size_t i = 0; i < 2; i++) {
                const struct thread_info *thread = thread_of(race, race->accesses[i].thread);
                CHECK(thread != NULL &&
                      user_site_is(&thread->created_at, "counter_cli.c", 60));
            }
        } else {
            CHECK(starts_with(race->headline, "Conflicting "));
            CHECK(race->access_count == 1); /* DRD names one side of a race */
        }
    }
    CHECK(at_line_15);
    report_free(&report);
}

/* ---- location kinds and names ------------------------------------------- */

static void test_race_heap(const char *name, bool size_known)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    REQUIRE(report.count >= 1);
    const struct finding *race = &report.findings[0];
    CHECK(race->kind == FINDING_DATA_RACE);
    CHECK(user_site_is(&race->accesses[0].stack, "race_heap.c", 13));
    CHECK(race->location.kind == LOCATION_HEAP);
    CHECK(race->location.name == NULL);
    CHECK(race->location.offset == 0);
    CHECK(!size_known || race->location.size == 4);
    CHECK(user_site_is(&race->location.alloc_stack, "race_heap.c", 19));
    report_free(&report);
}

/* gcc names the function-static 'stats.0', clang 'get_stats.stats.0':
   both are the variable "stats". */
static void test_race_struct_field(const char *name, bool named)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    REQUIRE(report.count >= 1);
    const struct finding *race = &report.findings[0];
    CHECK(race->kind == FINDING_DATA_RACE);
    CHECK(user_site_is(&race->accesses[0].stack, "race_struct_field.c", 24));
    CHECK(race->location.kind == LOCATION_GLOBAL);
    if (named)
        CHECK(race->location.name != NULL && strcmp(race->location.name, "stats") == 0);
    report_free(&report);
}

/* ---- lock findings ------------------------------------------------------ */

static void test_lock_order(const char *name)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    REQUIRE(report.count == 1);
    const struct finding *cycle = &report.findings[0];
    CHECK(cycle->kind == FINDING_LOCK_ORDER);
    /* Both acquisitions of the second lock: a -> b at 19, b -> a at 30. */
    CHECK(cycle->cycle_count == 2);
    CHECK(has_line(cycle->cycle_stacks, cycle->cycle_count, 19));
    CHECK(has_line(cycle->cycle_stacks, cycle->cycle_count, 30));
    CHECK(cycle->lock_count == 2);
    CHECK(cycle->location.kind == LOCATION_UNKNOWN);
    report_free(&report);
}

static void test_lock_order_drd(const char *name)
{
    /* DRD does not look for lock-order inversions: a clean, finished run. */
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    CHECK(report.tool == TOOL_DRD);
    CHECK(report.count == 0);
    CHECK(report.finished);
    CHECK(report.reported_count == 0);
    report_free(&report);
}

static void test_signal_unsafe(const char *name)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    REQUIRE(report.count == 3); /* malloc, malloc inside printf, free */
    static const int lines[3] = {16, 19, 20};
    for (size_t i = 0; i < report.count; i++) {
        CHECK(report.findings[i].kind == FINDING_SIGNAL_UNSAFE);
        CHECK(user_line(&report.findings[i].accesses[0].stack) == lines[i]);
    }
    const struct finding *call = &report.findings[0];
    CHECK(call->kind == FINDING_SIGNAL_UNSAFE);
    CHECK(strcmp(call->headline, "signal-unsafe call inside of a signal") == 0);
    CHECK(call->access_count == 1);
    const struct frame *frame = stack_user_frame(&call->accesses[0].stack);
    CHECK(frame != NULL && strcmp(base_name(frame->file), "signal_unsafe.c") == 0);
    CHECK(frame != NULL && frame->function != NULL && strcmp(frame->function, "on_usr1") == 0);
    report_free(&report);
}

/* Main's write against a worker's read: TSan's main thread is 0. */
static void test_race_main_unjoined(const char *name, enum detector_tool tool)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    REQUIRE(report.count == 1);
    const struct finding *race = &report.findings[0];
    CHECK(race->kind == FINDING_DATA_RACE);
    CHECK(race->accesses[0].type == ACCESS_WRITE);
    CHECK(race->accesses[0].size == 4);
    CHECK(user_site_is(&race->accesses[0].stack, "race_main_unjoined.c", 35));
    CHECK(race->location.kind == LOCATION_GLOBAL);
    CHECK(race->location.name != NULL && strcmp(race->location.name, "ready_value") == 0);
    if (tool == TOOL_TSAN) {
        CHECK(race->accesses[0].thread == 0);
        CHECK(race->accesses[1].type == ACCESS_READ);
        CHECK(race->accesses[1].thread == 1);
        CHECK(user_site_is(&race->accesses[1].stack, "race_main_unjoined.c", 24));
    } else {
        /* --read-var-info=yes: "declared at race_main_unjoined.c:17". */
        CHECK(race->location.decl_file != NULL &&
              strcmp(base_name(race->location.decl_file), "race_main_unjoined.c") == 0);
        CHECK(race->location.decl_line == 17);
    }
    if (tool == TOOL_HELGRIND)
        CHECK(user_site_is(&race->accesses[1].stack, "race_main_unjoined.c", 24));
    report_free(&report);
}

/* A race on main's stack: the bogus "Location is global '??'" line TSan
   prints after "stack of main thread." must not replace it. */
static void test_race_stack_var(const char *name, bool named)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    REQUIRE(report.count == 1);
    const struct finding *race = &report.findings[0];
    CHECK(race->kind == FINDING_DATA_RACE);
    CHECK(user_site_is(&race->accesses[0].stack, "race_stack_var.c", 13));
    CHECK(race->location.kind == LOCATION_STACK);
    if (named) {
        CHECK(race->location.name != NULL && strcmp(race->location.name, "total") == 0);
        CHECK(race->location.decl_line == 19);
        CHECK(race->location.thread == 1); /* "in frame #2 of thread 1" */
    } else {
        CHECK(race->location.name == NULL);
        CHECK(race->location.thread == 0); /* "stack of main thread" */
    }
    report_free(&report);
}

static void test_unlock_unlocked(const char *name, bool location_known)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    REQUIRE(report.count == 1);
    const struct finding *unlock = &report.findings[0];
    CHECK(unlock->kind == FINDING_UNLOCK_UNLOCKED);
    CHECK(unlock->access_count == 1);
    CHECK(user_site_is(&unlock->accesses[0].stack, "unlock_unlocked.c", 15));
    CHECK(!contains(unlock->headline, "0x1") && !contains(unlock->headline, "#2"));
    if (location_known) {
        CHECK(unlock->location.kind == LOCATION_GLOBAL);
        CHECK(unlock->location.name != NULL && strcmp(unlock->location.name, "guard") == 0);
    }
    report_free(&report);
}

static void test_thread_leak(const char *name)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    REQUIRE(report.count == 1);
    const struct finding *leak = &report.findings[0];
    CHECK(leak->kind == FINDING_THREAD_LEAK);
    CHECK(leak->access_count == 0);
    REQUIRE(leak->thread_count == 1);
    CHECK(leak->threads[0].id == 1);
    CHECK(leak->threads[0].creator == 0);
    CHECK(leak->threads[0].finished);
    CHECK(user_site_is(&leak->threads[0].created_at, "thread_leak.c", 26));
    report_free(&report);
}

/* Every detector reports the destroy at line 24; TSan adds where the
   mutex was locked ("and:", line 14) and the mutex's variable. */
static void test_destroy_locked(const char *name, bool tsan)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    const struct finding *destroy = NULL;
    for (size_t i = 0; i < report.count; i++)
        if (report.findings[i].kind == FINDING_DESTROY_LOCKED)
            destroy = &report.findings[i];
    REQUIRE(destroy != NULL);
    CHECK(user_site_is(&destroy->accesses[0].stack, "destroy_locked.c", 24));
    if (tsan) {
        CHECK(report.count == 1);
        CHECK(destroy->access_count == 2);
        CHECK(destroy->accesses[1].previous);
        CHECK(user_site_is(&destroy->accesses[1].stack, "destroy_locked.c", 14));
        CHECK(destroy->location.name != NULL && strcmp(destroy->location.name, "guard") == 0);
        CHECK(destroy->lock_count == 1 && strcmp(destroy->locks[0].name, "M0") == 0);
    }
    report_free(&report);
}

static void test_two_races(const char *name, size_t expected)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    REQUIRE(report.count == expected);
    size_t global = 0, heap = 0;
    for (size_t i = 0; i < report.count; i++) {
        const struct finding *race = &report.findings[i];
        CHECK(race->kind == FINDING_DATA_RACE);
        if (race->location.kind == LOCATION_GLOBAL) {
            global++;
            CHECK(race->location.name != NULL && strcmp(race->location.name, "hits") == 0);
            CHECK(user_site_is(&race->accesses[0].stack, "two_races.c", 15));
        } else if (race->location.kind == LOCATION_HEAP) {
            heap++;
            CHECK(user_site_is(&race->accesses[0].stack, "two_races.c", 16));
            CHECK(user_site_is(&race->location.alloc_stack, "two_races.c", 22));
        }
    }
    CHECK(global == expected / 2 && heap == expected / 2);
    report_free(&report);
}

/* TSan cuts the current stack at 255 frames; the previous one has 302. */
static void test_long_stack(void)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file("long_stack.tsan-clang.txt", &report, error, sizeof error) == 0);
    REQUIRE(report.count == 1);
    const struct finding *race = &report.findings[0];
    CHECK(race->accesses[0].stack.count == 255);
    CHECK(race->accesses[1].stack.count == 302);
    CHECK(user_site_is(&race->accesses[0].stack, "deep_recursion_race.c", 23));
    CHECK(race->location.name != NULL && strcmp(race->location.name, "bottom") == 0);
    report_free(&report);
}

/* "[failed to restore the stack]", "<null> <null>" and "?? ??:0" frames. */
static void test_failed_restore(void)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file("failed_restore.tsan-clang.txt", &report, error, sizeof error) == 0);
    REQUIRE(report.count == 1);
    const struct finding *race = &report.findings[0];
    const struct stack *current = &race->accesses[0].stack;
    REQUIRE(current->count == 3);
    CHECK(user_site_is(current, "unsafe.c", 15));
    CHECK(current->frames[0].column == 17);
    CHECK(current->frames[1].function == NULL && current->frames[1].file == NULL);
    CHECK(current->frames[1].object != NULL &&
          strcmp(current->frames[1].object, "libc.so.6+0x2a3b4") == 0);
    CHECK(current->frames[2].function == NULL && current->frames[2].file == NULL &&
          current->frames[2].line == 0 && current->frames[2].object == NULL);
    const struct stack *previous = &race->accesses[1].stack;
    CHECK(race->accesses[1].previous);
    CHECK(previous->count == 1 && previous->frames[0].function == NULL &&
          previous->frames[0].file == NULL);
    CHECK(stack_user_frame(previous) == NULL);
    CHECK(race->location.name != NULL && strcmp(race->location.name, "counter") == 0);
    report_free(&report);
}

/* Two processes (race_heap, then unsafe) and their output in one log. */
static void test_multi_process(void)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file("multi_process.tsan-clang.txt", &report, error, sizeof error) == 0);
    REQUIRE(report.count == 2);
    CHECK(report.finished);
    CHECK(report.reported_count == 2);
    CHECK(report.findings[0].pid != report.findings[1].pid);
    CHECK(report.findings[0].location.kind == LOCATION_HEAP);
    CHECK(user_site_is(&report.findings[0].accesses[0].stack, "race_heap.c", 13));
    CHECK(report.findings[1].location.name != NULL &&
          strcmp(report.findings[1].location.name, "counter") == 0);
    report_free(&report);

    /* The program's line between "=====" and "reported 1 warnings". */
    REQUIRE(parse_file("unsafe.tsan-clang-mixed.txt", &report, error, sizeof error) == 0);
    CHECK(report.count == 1);
    CHECK(report.finished);
    CHECK(report.reported_count == 1);
    report_free(&report);

    REQUIRE(parse_file("two_reports.tsan-gcc.txt", &report, error, sizeof error) == 0);
    CHECK(report.count == 2);
    CHECK(report.reported_count == 2);
    report_free(&report);
}

/* A clean run: TSan prints nothing, Valgrind prints its summary. */
static void test_clean(const char *name, bool tsan)
{
    struct report report;
    char error[256];
    if (tsan) {
        /* An empty file is no report for parse_any_report ... */
        REQUIRE(parse_file(name, &report, error, sizeof error) == -1);
        CHECK(strncmp(error, "empty input", 11) == 0);
        report_free(&report);
        /* ... and zero findings, not finished, for the TSan reader itself. */
        struct text text = load(name);
        CHECK(parse_with(parse_tsan_text, text.data != NULL ? text.data : "", text.length,
                         &report, error, sizeof error) == 0);
        CHECK(report.count == 0);
        CHECK(!report.finished);
        report_free(&report);
        text_free(&text);
        return;
    }
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    CHECK(report.count == 0);
    CHECK(report.finished);
    CHECK(report.reported_count == 0);
    report_free(&report);
}

/* ---- the run itself: truncation, death, unreadable input ---------------- */

static void test_refused(const char *name, const char *expected_error)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == -1);
    CHECK(starts_with(error, expected_error));
    CHECK(strchr(error, '\n') == NULL);
    report_free(&report);
}

/* Cut inside the heap block's allocation stack: what was read is kept,
   but the report is not finished, so the gate must not trust it. */
static void test_truncated_tsan(const char *name)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    CHECK(!report.finished);
    CHECK(report.reported_count == -1);
    CHECK(report.fatal == NULL);
    REQUIRE(report.count == 1);
    CHECK(report.findings[0].access_count == 2);
    CHECK(report.findings[0].location.kind == LOCATION_HEAP);
    CHECK(report.findings[0].summary_file == NULL);
    report_free(&report);
}

static void test_fatal_mmap(const char *name)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    CHECK(report.tool == TOOL_TSAN);
    CHECK(report.fatal != NULL);
    CHECK(contains(report.fatal, "unexpected memory mapping"));
    CHECK(!report.finished);
    CHECK(report.count == 0);
    report_free(&report);
}

/* ---- variants made from the saved reports -------------------------------- */

/* "\r\n" line ends read exactly like "\n". */
static void test_crlf(const char *name)
{
    struct text text = load(name);
    REQUIRE(text.data != NULL);
    struct text crlf = {0};
    for (size_t i = 0; i < text.length; i++) {
        if (text.data[i] == '\n')
            append(&crlf, "\r", 1);
        append(&crlf, &text.data[i], 1);
    }
    struct report plain, windows;
    char error[256];
    CHECK(parse_text(&text, &plain, error, sizeof error) == 0);
    CHECK(parse_text(&crlf, &windows, error, sizeof error) == 0);
    CHECK(plain.count == windows.count && plain.count > 0);
    CHECK(plain.finished == windows.finished);
    for (size_t i = 0; i < plain.count && i < windows.count; i++) {
        const struct finding *a = &plain.findings[i], *b = &windows.findings[i];
        CHECK(a->kind == b->kind);
        CHECK(strcmp(a->headline, b->headline) == 0);
        CHECK(user_line(&a->accesses[0].stack) == user_line(&b->accesses[0].stack));
        CHECK((a->location.name == NULL) == (b->location.name == NULL));
        CHECK(a->location.name == NULL || strcmp(a->location.name, b->location.name) == 0);
        const struct frame *frame = stack_user_frame(&b->accesses[0].stack);
        CHECK(frame != NULL && strchr(frame->file, '\r') == NULL);
    }
    report_free(&plain);
    report_free(&windows);
    text_free(&text);
    text_free(&crlf);
}

/* Two processes' reports in one log, with program output around them. */
static void test_two_processes(const char *first, const char *second)
{
    struct text a = load(first), b = load(second);
    REQUIRE(a.data != NULL && b.data != NULL);
    struct report ra, rb, both;
    char error[256];
    CHECK(parse_text(&a, &ra, error, sizeof error) == 0);
    CHECK(parse_text(&b, &rb, error, sizeof error) == 0);
    struct text log = {0};
    append_string(&log, "starting the test\n");
    append(&log, a.data, a.length);
    append_string(&log, "program output between the two runs\n");
    append(&log, b.data, b.length);
    append_string(&log, "no newline at the end");
    CHECK(parse_text(&log, &both, error, sizeof error) == 0);
    CHECK(both.count == ra.count + rb.count);
    CHECK(both.reported_count == ra.reported_count + rb.reported_count);
    if (both.count == ra.count + rb.count && ra.count > 0 && rb.count > 0) {
        CHECK(both.findings[0].pid == ra.findings[0].pid);
        CHECK(both.findings[ra.count].pid == rb.findings[0].pid);
        CHECK(both.findings[0].pid != both.findings[ra.count].pid);
    }
    report_free(&ra);
    report_free(&rb);
    report_free(&both);
    text_free(&a);
    text_free(&b);
    text_free(&log);
}

/* Program output between every line of a Valgrind text report changes nothing. */
static void test_interleaved_output(const char *name)
{
    struct text text = load(name);
    REQUIRE(text.data != NULL);
    struct text noisy = {0};
    for (size_t i = 0; i < text.length; i++) {
        append(&noisy, &text.data[i], 1);
        if (text.data[i] == '\n')
            append_string(&noisy, "worker 3: progress 50%\n");
    }
    struct report plain, mixed;
    char error[256];
    CHECK(parse_text(&text, &plain, error, sizeof error) == 0);
    CHECK(parse_text(&noisy, &mixed, error, sizeof error) == 0);
    CHECK(plain.count == mixed.count && plain.count > 0);
    for (size_t i = 0; i < plain.count && i < mixed.count; i++) {
        CHECK(plain.findings[i].kind == mixed.findings[i].kind);
        CHECK(plain.findings[i].access_count == mixed.findings[i].access_count);
        CHECK(plain.findings[i].accesses[0].stack.count ==
              mixed.findings[i].accesses[0].stack.count);
        CHECK(plain.findings[i].location.kind == mixed.findings[i].location.kind);
    }
    report_free(&plain);
    report_free(&mixed);
    text_free(&text);
    text_free(&noisy);
}

/* A 300-frame stack (deep recursion) and 3000 findings in one stream. */
static void test_large_tsan(const char *name)
{
    struct text text = load(name);
    REQUIRE(text.data != NULL);
    /* Insert 300 frames after the current access's "#0" line. */
    const char *first_frame = strstr(text.data, "    #0 ");
    REQUIRE(first_frame != NULL);
    const char *after = strchr(first_frame, '\n');
    REQUIRE(after != NULL);
    after++;
    struct text deep = {0};
    append(&deep, text.data, (size_t)(after - text.data));
    for (int i = 1; i <= 300; i++) {
        char frame[160];
        snprintf(frame, sizeof frame,
                 "    #%d std::function<void (int)>::operator()(int) const /usr/include/c++/12/"
                 "bits/std_function.h:%d:7 (bin+0x%x)\n",
                 i, 590 + i, 0x1000 + i);
        append_string(&deep, frame);
    }
    append(&deep, after, text.length - (size_t)(after - text.data));
    struct report report;
    char error[256];
    CHECK(parse_text(&deep, &report, error, sizeof error) == 0);
    CHECK(report.count >= 1);
    if (report.count >= 1) {
        const struct stack *stack = &report.findings[0].accesses[0].stack;
        CHECK(stack->count == 301);
        CHECK(stack->count == 301 && stack->frames[300].line == 890);
        CHECK(stack->count == 301 && stack->frames[300].function != NULL &&
              strcmp(stack->frames[300].function,
                     "std::function<void (int)>::operator()(int) const") == 0);
    }
    report_free(&report);

    struct text many = {0};
    for (int i = 0; i < 3000; i++)
        append(&many, text.data, text.length);
    CHECK(parse_text(&many, &report, error, sizeof error) == 0);
    CHECK(report.count == 3000);
    CHECK(report.count == 3000 && report.findings[2999].kind == FINDING_DATA_RACE);
    report_free(&report);

    /* A megabyte of program output on one line, then the report. */
    struct text long_line = {0};
    char *block = malloc(1 << 20);
    REQUIRE(block != NULL);
    memset(block, 'x', 1 << 20);
    append(&long_line, block, 1 << 20);
    append(&long_line, "\n", 1);
    append(&long_line, text.data, text.length);
    free(block);
    CHECK(parse_text(&long_line, &report, error, sizeof error) == 0);
    CHECK(report.count >= 1);
    report_free(&report);
    text_free(&text);
    text_free(&deep);
    text_free(&many);
    text_free(&long_line);
}

/* Whether a cut Valgrind XML report was read as what it is: Valgrind
   stopped writing (the detector died: no verdict), or, cut before its root
   element opened, refused as truncated; never as a shorter list of
   findings. */
static bool read_as_stopped(int status, const struct report *report, const char *error)
{
    if (status == -1)
        return starts_with(error, "truncated Valgrind XML: ");
    return report->fatal != NULL && starts_with(report->fatal, "Valgrind's XML report stops at line ") &&
           !report->finished;
}

/* Every cut of a Valgrind XML report before its end stopped early; so does
   every cut followed by the "</valgrindoutput>" Valgrind writes when it
   dies (VG_(assert_fail), panics) once the root element is written,
   unless the cut fell between two top-level elements: then the document is
   whole (finished only when nothing but the closing tag was cut). */
static void test_every_xml_cut(const char *name)
{
    struct text text = load(name);
    REQUIRE(text.data != NULL);
    const char *end_tag = strstr(text.data, "</valgrindoutput>");
    REQUIRE(end_tag != NULL);
    size_t complete = (size_t)(end_tag - text.data) + strlen("</valgrindoutput>");
    int stopped = 0, crash_closed = 0, closes = 0, cuts = 0;
    struct text closed = {NULL, 0, 0};
    const char *root = strstr(text.data, "<valgrindoutput>");
    REQUIRE(root != NULL);
    size_t root_end = (size_t)(root - text.data) + strlen("<valgrindoutput>");
    /* Every byte near both ends, every 7th in between: each cut is a full parse. */
    for (size_t cut = 1; cut < complete; cut += (cut < 512 || cut + 512 > complete) ? 1 : 7) {
        struct report report;
        char error[256];
        int status = parse_with(parse_valgrind_xml, text.data, cut, &report, error, sizeof error);
        cuts++;
        if (read_as_stopped(status, &report, error))
            stopped++;
        report_free(&report);

        if (cut < root_end)
            continue; /* Valgrind writes its root element before anything can fail */
        closed.length = 0;
        append(&closed, text.data, cut);
        append(&closed, "</valgrindoutput>\n", strlen("</valgrindoutput>\n"));
        status = parse_with(parse_valgrind_xml, closed.data, closed.length, &report, error, sizeof error);
        closes++;
        if (read_as_stopped(status, &report, error) || (status == 0 && report.fatal == NULL))
            crash_closed++;
        report_free(&report);
    }
    text_free(&closed);
    CHECK(stopped == cuts);
    CHECK(closes > 0 && crash_closed == closes);
    struct report report;
    char error[256];
    CHECK(parse_with(parse_valgrind_xml, text.data, complete, &report, error, sizeof error) == 0);
    CHECK(report.finished);
    report_free(&report);
    text_free(&text);
}

/* Valgrind stopped writing its XML: killed (the file ends inside the
   document) or dead of an assertion (its "</valgrindoutput>" closes the
   root inside an <error>).  The detector died: the errors before the cut
   are kept, and there is no verdict.  Real XML broken in its middle stays
   malformed. */
static void test_xml_stopped(const char *name, enum detector_tool tool, size_t complete_errors)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    CHECK(report.tool == tool);
    CHECK(report.fatal != NULL && starts_with(report.fatal, "Valgrind's XML report stops at line "));
    CHECK(report.fatal != NULL && contains(report.fatal, "valgrind crashed or was killed while writing it"));
    CHECK(!report.finished);
    CHECK(report.count == complete_errors);
    report_free(&report);
}

static void test_xml_malformed_in_the_middle(const char *name)
{
    struct text text = load(name);
    REQUIRE(text.data != NULL);
    char *fn_end = strstr(text.data, "</fn>");
    REQUIRE(fn_end != NULL);
    fn_end[3] = 'x'; /* </fx>: a mismatched tag with the whole report after it */
    struct report report;
    char error[256];
    CHECK(parse_with(parse_valgrind_xml, text.data, text.length, &report, error, sizeof error) == -1);
    CHECK(starts_with(error, "malformed Valgrind XML: mismatched tag"));
    report_free(&report);
    text_free(&text);
}

/* Helgrind's account of a thread's death ("Process terminating ...", its
   stack, for SIGSEGV the mapping and stack-size advice) followed, with no
   blank line, by the ---Thread-Announcement--- of a thread holding a lock:
   the announcement is read (the thread's creation stack is known) and is
   no finding of its own. */
static void test_termination_then_announcement(const char *name, int signal)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    CHECK(report.program_signal == signal);
    REQUIRE(report.count == 1);
    const struct finding *finding = &report.findings[0];
    CHECK(finding->headline != NULL && contains(finding->headline, "Exiting thread still holds"));
    bool created_known = false;
    for (size_t i = 0; i < finding->thread_count; i++)
        created_known = created_known || (finding->threads[i].id == 2 && finding->threads[i].created_at.count > 0);
    CHECK(created_known);
    for (size_t i = 0; i < report.count; i++)
        CHECK(report.findings[i].headline == NULL || !contains(report.findings[i].headline, "was created"));
    report_free(&report);
}

/* Every cut of a TSan report parses, and is finished only with its end line. */
static void test_every_tsan_cut(const char *name)
{
    struct text text = load(name);
    REQUIRE(text.data != NULL);
    const char *end_line = strstr(text.data, "ThreadSanitizer: reported ");
    REQUIRE(end_line != NULL);
    size_t end = (size_t)(end_line - text.data);
    for (size_t cut = 0; cut < text.length; cut += (cut + 256 > text.length) ? 1 : 3) {
        struct report report;
        char error[256];
        CHECK(parse_with(parse_tsan_text, text.data, cut, &report, error, sizeof error) == 0);
        if (cut <= end + strlen("ThreadSanitizer: reported "))
            CHECK(!report.finished);
        report_free(&report);
    }
    text_free(&text);
}

static void test_not_a_report(void)
{
    struct report report;
    char error[256];
    static const char foreign[] = "<?xml version=\"1.0\"?>\n<project><name>x</name></project>\n";
    CHECK(parse_with(parse_any_report, foreign, sizeof foreign - 1, &report, error,
                     sizeof error) == -1);
    CHECK(strcmp(error, "XML is not Valgrind output (root element <project>)") == 0);
    report_free(&report);

    static const char plain[] = "make: Nothing to be done for 'all'.\nok\n";
    CHECK(parse_with(parse_any_report, plain, sizeof plain - 1, &report, error, sizeof error) == -1);
    CHECK(strcmp(error, "no ThreadSanitizer, Helgrind or DRD report found") == 0);
    report_free(&report);

    static const char blank[] = "\n\n  \n";
    CHECK(parse_with(parse_any_report, blank, sizeof blank - 1, &report, error, sizeof error) == -1);
    CHECK(strncmp(error, "empty input", 11) == 0);
    report_free(&report);

    static const char nul[] = "WARNING: ThreadSanitizer: data race\0\0\0";
    CHECK(parse_with(parse_any_report, nul, sizeof nul - 1, &report, error, sizeof error) == -1);
    CHECK(strcmp(error, "binary data, not a detector report") == 0);
    report_free(&report);
}

/* ---- issue 10: reports no one here wrote -------------------------------- */

/* The stable lines of a corpus file, joined by newlines ("" when unreadable). */
static void stable_text(const char *name, char *out, size_t size)
{
    struct report report;
    char error[256];
    out[0] = '\0';
    if (parse_file(name, &report, error, sizeof error) == 0) {
        struct stable_lines lines;
        report_stable_lines(&report, &lines);
        size_t used = 0;
        for (size_t i = 0; i < lines.count && used < size; i++)
            used += (size_t)snprintf(out + used, size - used, "%s\n", lines.lines[i]);
        stable_lines_free(&lines);
    }
    report_free(&report);
}

/* Text and XML of one Valgrind run give the same stable lines. */
static void test_text_xml_agree(const char *text_name, const char *xml_name)
{
    char from_text[4096], from_xml[4096];
    stable_text(text_name, from_text, sizeof from_text);
    stable_text(xml_name, from_xml, sizeof from_xml);
    CHECK(from_text[0] != '\0');
    if (strcmp(from_text, from_xml) != 0)
        fprintf(stderr, "test_parse: %s and %s differ:\n%s---\n%s", text_name, xml_name,
                from_text, from_xml);
    CHECK(strcmp(from_text, from_xml) == 0);
}

/* Class 1: Valgrind text with -q, or pasted without the banner, is read
   (DRD's too), gives the lines of the full report, and its missing ERROR
   SUMMARY is "cannot tell", not "cut short". */
static void test_no_banner(const char *name, enum detector_tool tool, const char *full)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    CHECK(report.format == FORMAT_VALGRIND_TEXT);
    CHECK(report.tool == tool);
    CHECK(report.count >= 1);
    CHECK(!report.finished);
    CHECK(report.end_unknown);
    report_free(&report);
    if (full != NULL) {
        char quiet[4096], whole[4096];
        stable_text(name, quiet, sizeof quiet);
        stable_text(full, whole, sizeof whole);
        CHECK(strcmp(quiet, whole) == 0);
        /* The full text has its banner: there an absent summary would count. */
        REQUIRE(parse_file(full, &report, error, sizeof error) == 0);
        CHECK(!report.end_unknown && report.finished);
        report_free(&report);
    }
}

/* The verdict on a saved report with the expected set of its own lines. */
static enum verdict judge_saved(const char *name, const char *detector_name, char *reason,
                                size_t size)
{
    struct report report;
    char error[256], path[4096];
    snprintf(path, sizeof path, "%s/%s", reports_dir, name);
    report_init(&report);
    int status = parse_detector_report(find_detector(detector_name), path, &report, error,
                                       sizeof error);
    struct stable_lines expected;
    report_stable_lines(&report, &expected);
    struct run_outcome outcome = {.known = false};
    struct judgement judgement;
    enum verdict verdict = judge_run(find_detector(detector_name), &outcome, status, error,
                                     &report, &expected, &judgement);
    snprintf(reason, size, "%s", judgement.reason);
    stable_lines_free(&judgement.found);
    stable_lines_free(&expected);
    report_free(&report);
    return verdict;
}

/* Class 3: a run killed by a signal says so in every format; its race is
   still read, no finding is made of Valgrind's termination message, and
   the judge gives no verdict even when the findings match. */
static void test_killed(const char *name, const char *detector_name, int signal,
                        const char *signal_name)
{
    struct report report;
    char error[256], reason[512];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    CHECK(report.fatal == NULL);
    CHECK(report.program_signal == signal);
    CHECK(report.program_signal_name != NULL &&
          strcmp(report.program_signal_name, signal_name) == 0);
    REQUIRE(report.count >= 1);
    for (size_t i = 0; i < report.count; i++)
        CHECK(report.findings[i].kind == FINDING_DATA_RACE);
    report_free(&report);
    CHECK(judge_saved(name, detector_name, reason, sizeof reason) == VERDICT_NONE);
    CHECK(strstr(reason, "killed by signal") != NULL);
}

/* Class 3, the other way: TSan reporting the program's bad malloc is a
   finding, not the detector dying. */
static void test_program_fault_tsan(const char *name)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    CHECK(report.fatal == NULL);
    CHECK(report.program_signal == 0);
    REQUIRE(report.count == 1);
    CHECK(report.findings[0].kind == FINDING_OTHER);
    CHECK(starts_with(report.findings[0].headline, "requested allocation size"));
    CHECK(user_site_is(&report.findings[0].accesses[0].stack, "huge_malloc.c", 13));
    report_free(&report);
}

/* Class 3: Valgrind's panic after its XML document is the detector dying,
   not malformed XML (made here from a real report plus the panic line). */
static void test_valgrind_panic_after_xml(const char *name)
{
    struct text text = load(name);
    REQUIRE(text.data != NULL);
    append_string(&text, "\nvalgrind: the 'impossible' happened:\n   Killed by fatal signal\n");
    struct report report;
    char error[256];
    CHECK(parse_text(&text, &report, error, sizeof error) == 0);
    CHECK(report.fatal != NULL && strstr(report.fatal, "impossible") != NULL);
    report_free(&report);
    text_free(&text);
}

/* Class 2: DRD's lock-hold and barrier errors are one finding each, with
   a site, and no timing in the stable line; trace lines are no findings. */
static void test_drd_commentary(const char *name)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    REQUIRE(report.count == 2);
    for (size_t i = 0; i < report.count; i++) {
        char line[STABLE_LINE_MAX];
        finding_stable_line(&report.findings[i], line, sizeof line);
        CHECK(report.findings[i].kind == FINDING_OTHER);
        CHECK(strstr(line, " long_hold.c:") != NULL);
        CHECK(strstr(line, "51 ms") == NULL && strstr(line, "10 ms") == NULL);
    }
    report_free(&report);
}

static void test_drd_trace(const char *name, const char *untraced)
{
    char traced[4096], plain[4096];
    stable_text(name, traced, sizeof traced);
    stable_text(untraced, plain, sizeof plain);
    CHECK(traced[0] != '\0' && strcmp(traced, plain) == 0);
}

/* Class 4: which formats say what locks each side held. */
static void test_locks(const char *name, bool known)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    REQUIRE(report.count >= 1);
    const struct finding *race = &report.findings[0];
    size_t locked = 0;
    for (size_t i = 0; i < race->access_count; i++) {
        CHECK(race->accesses[i].locks_known == known);
        if (race->accesses[i].lock_count > 0)
            locked++;
    }
    /* The worker's side holds `guard` in every format that says. */
    CHECK(locked == (known && race->access_count == 2 ? 1u : 0u));
    report_free(&report);
}

/* Class 5: the program's frame is its own, whatever its name or folder;
   glibc's frames with debug info are not. */
static void test_program_frame(const char *name, const char *base, int line)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    REQUIRE(report.count >= 1);
    const struct finding *race = &report.findings[0];
    bool found = false;
    for (size_t i = 0; i < race->access_count; i++) {
        const struct frame *frame = stack_user_frame(&race->accesses[i].stack);
        CHECK(frame != NULL);
        found = found || user_site_is(&race->accesses[i].stack, base, line);
        CHECK(frame == NULL || (strcmp(base_name(frame->file), "ioputs.c") != 0 &&
                                strcmp(base_name(frame->file), "pthread_create.c") != 0));
    }
    CHECK(found);
    report_free(&report);
}

/* Class 6: a location phrase never becomes a variable name. */
static void test_freed_block(const char *name)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(name, &report, error, sizeof error) == 0);
    REQUIRE(report.count == 1);
    CHECK(report.findings[0].location.kind == LOCATION_HEAP);
    CHECK(report.findings[0].location.size == 16);
    CHECK(report.findings[0].location.name == NULL);
    report_free(&report);
}

/* Class 7: TSan's file descriptor, thread-leak count and one-thread cycle. */
static void test_tsan_details(const char *fd_race, const char *leaks, const char *cycle)
{
    struct report report;
    char error[256];
    REQUIRE(parse_file(fd_race, &report, error, sizeof error) == 0);
    REQUIRE(report.count == 1);
    CHECK(report.findings[0].location.kind == LOCATION_FD);
    CHECK(report.findings[0].location.offset > 2);
    CHECK(user_site_is(&report.findings[0].location.alloc_stack, "fd_race.c", 22));
    report_free(&report);
    REQUIRE(parse_file(leaks, &report, error, sizeof error) == 0);
    REQUIRE(report.count == 1);
    CHECK(report.findings[0].kind == FINDING_THREAD_LEAK);
    CHECK(report.findings[0].similar_count == 4);
    report_free(&report);
    REQUIRE(parse_file(cycle, &report, error, sizeof error) == 0);
    REQUIRE(report.count == 1);
    CHECK(report.findings[0].cycle_count == 5);
    CHECK(report.findings[0].cycle_threads != NULL);
    for (size_t i = 0; report.findings[0].cycle_threads != NULL && i < 5; i++)
        CHECK(report.findings[0].cycle_threads[i] == 0);
    report_free(&report);
}

/* `check --detector helgrind` reads Valgrind text as text. */
static void test_check_reads_text(void)
{
    char reason[512];
    CHECK(judge_saved("race_one_side_locked.helgrind.txt", "helgrind", reason, sizeof reason) ==
          VERDICT_MATCH);
    CHECK(judge_saved("race_one_side_locked.drd.txt", "drd", reason, sizeof reason) ==
          VERDICT_MATCH);
    CHECK(judge_saved("race_one_side_locked.helgrind-q.txt", "helgrind", reason, sizeof reason) ==
          VERDICT_NONE);
    CHECK(strstr(reason, "-q") != NULL);
}

static void test_issue10(void)
{
    test_no_banner("race_one_side_locked.helgrind-q.txt", TOOL_HELGRIND,
                   "race_one_side_locked.helgrind.txt");
    test_no_banner("race_one_side_locked.drd-q.txt", TOOL_DRD, "race_one_side_locked.drd.txt");
    test_no_banner("excerpt.drd.txt", TOOL_DRD, NULL);
    test_no_banner("excerpt.helgrind.txt", TOOL_HELGRIND, NULL);

    static const char *const same_run[][2] = {
        {"race_one_side_locked.helgrind-q.txt", "race_one_side_locked.helgrind-q.xml"},
        {"race_one_side_locked.drd-q.txt", "race_one_side_locked.drd-q.xml"},
        {"race_then_crash.helgrind.txt", "race_then_crash.helgrind.xml"},
        {"race_then_crash.drd.txt", "race_then_crash.drd.xml"},
        {"race_then_wait.alarm.helgrind.txt", "race_then_wait.alarm.helgrind.xml"},
        {"race_then_wait.alarm.drd.txt", "race_then_wait.alarm.drd.xml"},
        {"race_then_wait.term.helgrind.txt", "race_then_wait.term.helgrind.xml"},
        {"race_then_wait.term.drd.txt", "race_then_wait.term.drd.xml"},
        {"long_hold.drd-threshold.txt", "long_hold.drd-threshold.xml"},
        {"race_freed_block.helgrind.txt", "race_freed_block.helgrind.xml"},
        {"race_in_libc.helgrind.txt", "race_in_libc.helgrind.xml"},
        {"race_in_libc.drd.txt", "race_in_libc.drd.xml"},
        {"tsan_named.helgrind.txt", "tsan_named.helgrind.xml"},
        {"flag_handoff.helgrind.txt", "flag_handoff.helgrind.xml"},
        {"lock_cycle_one_thread.helgrind.txt", "lock_cycle_one_thread.helgrind.xml"},
        {"destroy_locked.helgrind.txt", "destroy_locked.helgrind.xml"},
        {"destroy_locked.drd.txt", "destroy_locked.drd.xml"},
    };
    for (size_t i = 0; i < sizeof same_run / sizeof same_run[0]; i++)
        test_text_xml_agree(same_run[i][0], same_run[i][1]);

    static const struct {
        const char *name, *detector, *signal_name;
        int signal;
    } killed[] = {
        {"race_then_crash.tsan-clang.txt", "tsan", "SIGSEGV", 11},
        {"race_then_crash.tsan-gcc.txt", "tsan-gcc", "SIGSEGV", 11},
        {"race_then_crash.helgrind.txt", "helgrind", "SIGSEGV", 11},
        {"race_then_crash.helgrind.xml", "helgrind", "SIGSEGV", 11},
        {"race_then_crash.drd.txt", "drd", "SIGSEGV", 11},
        {"race_then_crash.drd.xml", "drd", "SIGSEGV", 11},
        {"race_then_wait.alarm.helgrind.txt", "helgrind", "SIGALRM", 14},
        {"race_then_wait.alarm.helgrind.xml", "helgrind", "SIGALRM", 14},
        {"race_then_wait.alarm.drd.xml", "drd", "SIGALRM", 14},
        {"race_then_wait.term.helgrind.txt", "helgrind", "SIGTERM", 15},
        {"race_then_wait.term.helgrind.xml", "helgrind", "SIGTERM", 15},
        {"race_then_wait.term.drd.txt", "drd", "SIGTERM", 15},
        {"race_then_wait.term.drd.xml", "drd", "SIGTERM", 15},
    };
    for (size_t i = 0; i < sizeof killed / sizeof killed[0]; i++)
        test_killed(killed[i].name, killed[i].detector, killed[i].signal, killed[i].signal_name);
    test_program_fault_tsan("huge_malloc.tsan-gcc.txt");
    test_valgrind_panic_after_xml("unsafe.helgrind.xml");

    test_drd_commentary("long_hold.drd-threshold.txt");
    test_drd_commentary("long_hold.drd-threshold.xml");
    test_drd_trace("tsan_named.drd-trace-addr.txt", "tsan_named.drd.txt");

    test_locks("race_one_side_locked.helgrind.txt", true);
    test_locks("race_one_side_locked.helgrind-q.txt", true);
    test_locks("race_one_side_locked.helgrind.xml", false);
    test_locks("race_one_side_locked.drd.txt", false);
    test_locks("race_one_side_locked.drd.xml", false);
    test_locks("race_one_side_locked.tsan-clang.txt", true);
    test_locks("race_one_side_locked.tsan-gcc.txt", true);

    static const char *const named[] = {
        "tsan_named.tsan-clang.txt", "tsan_named.tsan-gcc.txt", "tsan_named.helgrind.txt",
        "tsan_named.helgrind.xml",   "tsan_named.drd.txt",      "tsan_named.drd.xml",
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        test_program_frame(named[i], "tsan_named.c", 14);
    test_program_frame("race_in_libc.helgrind.txt", "race_in_libc.c", 23);
    test_program_frame("race_in_libc.helgrind.xml", "race_in_libc.c", 23);
    test_program_frame("race_in_libc.drd.txt", "race_in_libc.c", 23);

    test_freed_block("race_freed_block.helgrind.txt");
    test_freed_block("race_freed_block.helgrind.xml");
    test_tsan_details("fd_race.tsan-clang.txt", "many_leaks.tsan-clang.txt",
                      "lock_cycle_one_thread.tsan-clang.txt");
    test_tsan_details("fd_race.tsan-gcc.txt", "many_leaks.tsan-gcc.txt",
                      "lock_cycle_one_thread.tsan-gcc.txt");
    test_check_reads_text();
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: test_parse REPORTS_DIR\n", stderr);
        return 2;
    }
    reports_dir = argv[1];

    test_unsafe_tsan("unsafe.tsan-clang.txt", true);
    test_unsafe_tsan("unsafe.tsan-gcc.txt", false);
    test_unsafe_valgrind("unsafe.helgrind.xml", TOOL_HELGRIND, FORMAT_VALGRIND_XML);
    test_unsafe_valgrind("unsafe.helgrind.txt", TOOL_HELGRIND, FORMAT_VALGRIND_TEXT);
    test_unsafe_valgrind("unsafe.drd.xml", TOOL_DRD, FORMAT_VALGRIND_XML);
    test_unsafe_valgrind("unsafe.drd.txt", TOOL_DRD, FORMAT_VALGRIND_TEXT);

    test_race_heap("race_heap.tsan-clang.txt", true);
    test_race_heap("race_heap.tsan-gcc.txt", true);
    test_race_heap("race_heap.helgrind.xml", true);
    test_race_heap("race_heap.helgrind.txt", true);
    test_race_heap("race_heap.drd.xml", false);
    test_race_heap("race_heap.drd.txt", false);

    test_race_struct_field("race_struct_field.tsan-clang.txt", true);
    test_race_struct_field("race_struct_field.tsan-gcc.txt", true);
    test_race_struct_field("race_struct_field.helgrind.xml", true);
    test_race_struct_field("race_struct_field.helgrind.txt", true);
    test_race_struct_field("race_struct_field.drd.xml", false);

    test_lock_order("lock_order.tsan-clang.txt");
    test_lock_order("lock_order.tsan-gcc.txt");
    test_lock_order("lock_order.helgrind.xml");
    test_lock_order("lock_order.helgrind.txt");
    test_lock_order_drd("lock_order.drd.xml");

    test_signal_unsafe("signal_unsafe.tsan-clang.txt");
    test_signal_unsafe("signal_unsafe.tsan-gcc.txt");

    test_race_main_unjoined("race_main_unjoined.tsan-clang.txt", TOOL_TSAN);
    test_race_main_unjoined("race_main_unjoined.tsan-gcc.txt", TOOL_TSAN);
    test_race_main_unjoined("race_main_unjoined.helgrind.xml", TOOL_HELGRIND);
    test_race_main_unjoined("race_main_unjoined.helgrind.txt", TOOL_HELGRIND);
    test_race_main_unjoined("race_main_unjoined.drd.xml", TOOL_DRD);
    test_race_main_unjoined("race_main_unjoined.drd.txt", TOOL_DRD);

    test_race_stack_var("race_stack_var.tsan-clang.txt", false);
    test_race_stack_var("race_stack_var.tsan-gcc.txt", false);
    test_race_stack_var("race_stack_var.helgrind.xml", true);
    test_race_stack_var("race_stack_var.helgrind.txt", true);
    test_race_stack_var("race_stack_var.drd-check-stack-var.txt", true);
    test_clean("race_stack_var.drd.xml", false);

    test_unlock_unlocked("unlock_unlocked.tsan-clang.txt", true);
    test_unlock_unlocked("unlock_unlocked.tsan-gcc.txt", true);
    test_unlock_unlocked("unlock_unlocked.helgrind.xml", false); /* XML omits the lock's variable */
    test_unlock_unlocked("unlock_unlocked.helgrind.txt", true);
    test_unlock_unlocked("unlock_unlocked.drd.xml", false);
    test_unlock_unlocked("unlock_unlocked.drd.txt", false);

    test_thread_leak("thread_leak.tsan-clang.txt");
    test_thread_leak("thread_leak.tsan-gcc.txt");
    test_clean("thread_leak.helgrind.xml", false);

    test_destroy_locked("destroy_locked.tsan-clang.txt", true);
    test_destroy_locked("destroy_locked.tsan-gcc.txt", true);
    test_destroy_locked("destroy_locked.helgrind.xml", false);
    test_destroy_locked("destroy_locked.helgrind.txt", false);
    test_destroy_locked("destroy_locked.drd.xml", false);
    test_destroy_locked("destroy_locked.drd.txt", false);

    test_two_races("two_races.tsan-clang.txt", 2);
    test_two_races("two_races.tsan-gcc.txt", 2);
    test_two_races("two_races.helgrind.xml", 4);
    test_two_races("two_races.helgrind.txt", 4);
    test_two_races("two_races.drd.xml", 4);
    test_two_races("two_races.drd.txt", 4);

    test_long_stack();
    test_failed_restore();
    test_multi_process();

    test_clean("clean_atomic.tsan-clang.txt", true);
    test_clean("clean_atomic.tsan-gcc.txt", true);
    test_clean("clean_atomic.helgrind.xml", false);
    test_clean("clean_atomic.helgrind.txt", false);
    test_clean("clean_atomic.drd.xml", false);
    test_clean("clean_atomic.drd.txt", false);
    test_clean("mutex.helgrind.txt", false);
    test_clean("isolated.drd.xml", false);

    test_xml_stopped("truncated.helgrind.xml", TOOL_HELGRIND, 0);
    test_xml_stopped("endless_race.drd-killed.xml", TOOL_DRD, 2);
    test_xml_stopped("endless_race.drd-crashed.xml", TOOL_DRD, 1);
    test_xml_malformed_in_the_middle("race_heap.drd.xml");
    test_termination_then_announcement("crash_holding_lock.helgrind.txt", 6);
    test_termination_then_announcement("crash_holding_lock.segv.helgrind.txt", 11);
    test_termination_then_announcement("crash_holding_lock.helgrind.xml", 6);
    test_refused("program_output_only.txt", "no ThreadSanitizer, Helgrind or DRD report found");
    test_refused("empty.txt", "empty input");
    test_refused("garbage.bin", "binary data, not a detector report");
    test_truncated_tsan("truncated.tsan-clang.txt");
    test_fatal_mmap("fatal_mmap.tsan.txt");

    test_crlf("unsafe.tsan-clang.txt");
    test_crlf("unsafe.helgrind.txt");
    test_crlf("unsafe.helgrind.xml");
    test_two_processes("unsafe.tsan-clang.txt", "unsafe.tsan-gcc.txt");
    test_two_processes("unsafe.helgrind.txt", "race_heap.helgrind.txt");
    test_interleaved_output("unsafe.helgrind.txt");
    test_interleaved_output("race_heap.drd.txt");
    test_large_tsan("unsafe.tsan-clang.txt");
    test_every_xml_cut("unsafe.helgrind.xml");
    test_every_xml_cut("race_heap.drd.xml");
    test_every_tsan_cut("unsafe.tsan-gcc.txt");
    test_not_a_report();
    test_issue10();

    if (failures > 0) {
        fprintf(stderr, "test_parse: %d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("test_parse: all %d checks passed\n", checks);
    return 0;
}
