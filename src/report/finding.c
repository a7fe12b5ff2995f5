/* finding.c: report lifetime and the names the stable form uses. */
#include "finding.h"

#include <string.h>

#include "source.h"

void report_init(struct report *report)
{
    memset(report, 0, sizeof *report);
    arena_init(&report->arena);
    report->reported_count = -1;
}

void report_free(struct report *report)
{
    arena_free(&report->arena);
    memset(report, 0, sizeof *report);
    report->reported_count = -1;
}

struct finding *report_add_finding(struct report *report)
{
    if (report->count == report->capacity) {
        size_t capacity = report->capacity ? report->capacity * 2 : 8;
        report->findings = arena_grow(&report->arena, report->findings, report->count,
                                      capacity, sizeof *report->findings);
        report->capacity = capacity;
    }
    struct finding *finding = &report->findings[report->count++];
    memset(finding, 0, sizeof *finding);
    finding->accesses[0].thread = -1;
    finding->accesses[1].thread = -1;
    finding->location.thread = -1;
    finding->location.offset = -1;
    return finding;
}

const char *finding_kind_name(enum finding_kind kind)
{
    switch (kind) {
    case FINDING_DATA_RACE: return "data-race";
    case FINDING_LOCK_ORDER: return "lock-order-inversion";
    case FINDING_UNLOCK_UNLOCKED: return "unlock-of-unlocked-mutex";
    case FINDING_THREAD_LEAK: return "thread-leak";
    case FINDING_SIGNAL_UNSAFE: return "signal-unsafe-call";
    case FINDING_DESTROY_LOCKED: return "destroy-of-locked-mutex";
    case FINDING_OTHER: return "other";
    }
    return "other";
}

const char *detector_tool_name(enum detector_tool tool)
{
    switch (tool) {
    case TOOL_TSAN: return "tsan";
    case TOOL_HELGRIND: return "helgrind";
    case TOOL_DRD: return "drd";
    case TOOL_UNKNOWN: break;
    }
    return "unknown";
}

/* A source file of the detector's own runtime: gcc's libtsan
 * ("../../../../src/libsanitizer/tsan/tsan_interceptors_posix.cpp") or
 * LLVM's compiler-rt.  Matched as whole directory names, never as a
 * fragment, so a program in a directory called "tsan_demo" or
 * "valgrind-tests" keeps its frames. */
static bool is_runtime_source(const char *file)
{
    static const char *const runtime_directories[] = {
        "libsanitizer", "compiler-rt", "sanitizer_common",
        "racelab-perturb", /* racelab's perturbation shim (runtime/racelab-perturb) */
    };
    for (size_t d = 0; d < sizeof runtime_directories / sizeof runtime_directories[0]; d++) {
        size_t length = strlen(runtime_directories[d]);
        for (const char *at = strstr(file, runtime_directories[d]); at != NULL;
             at = strstr(at + 1, runtime_directories[d])) {
            bool starts = at == file || at[-1] == '/';
            if (starts && at[length] == '/')
                return true;
        }
    }
    return false;
}

/* The object's file name, without directories and TSan's "+0x1234". */
static size_t object_base(const char *object, const char **base)
{
    const char *slash = strrchr(object, '/');
    *base = slash != NULL ? slash + 1 : object;
    const char *offset = strstr(*base, "+0x");
    return offset != NULL ? (size_t)(offset - *base) : strlen(*base);
}

/* The C library, the threads library, the dynamic loader, the TSan runtime
 * and Valgrind's preloads, by the object's file name (whole name prefix). */
static bool is_system_object(const char *object)
{
    static const char *const prefixes[] = {
        "libc.so", "libpthread.so", "ld-linux", "libtsan.so", "vgpreload_", "libstdc++.so",
        "libgcc_s.so", "libm.so", "libdl.so", "librt.so",
    };
    if (object == NULL)
        return false;
    const char *base = NULL;
    size_t length = object_base(object, &base);
    for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++)
        if (length >= strlen(prefixes[p]) && strncmp(base, prefixes[p], strlen(prefixes[p])) == 0)
            return true;
    return false;
}

/* A file and a line, or a file and a function: clang at -Og can fold a
 * loop's racy statement so that TSan names the function and its file but
 * line 0 ("worker sv_stdin_count.c"); the access is still placed, in that
 * function, only less precisely (its site has line 0 and no hash). */
static bool has_place(const struct frame *frame)
{
    return frame->file != NULL && !is_runtime_source(frame->file) &&
           (frame->line > 0 || (frame->function != NULL && frame->function[0] != '\0'));
}

/* A frame that may be the project's: a place in a source outside the
 * detector's runtime, the C and C++ libraries and /usr. */
static bool may_be_own(const struct frame *frame)
{
    return has_place(frame) && !is_system_object(frame->object) && !source_is_system(frame->file);
}

const struct frame *stack_user_frame(const struct stack *stack)
{
    /* With a source root, the project's frame is the first whose file is
       under it, in the executable or in any library the project built. */
    if (source_root() != NULL) {
        for (size_t i = 0; i < stack->count; i++)
            if (may_be_own(&stack->frames[i]) && source_is_own(stack->frames[i].file))
                return &stack->frames[i];
    }
    /* Without one (or for a report from elsewhere, whose files are not
       under it): the first frame outside the system.  A frame whose object
       the format does not name (Valgrind text) counts only when its address
       is the executable's: a libc frame with debug information has a file
       and a line too. */
    for (size_t i = 0; i < stack->count; i++) {
        const struct frame *frame = &stack->frames[i];
        if (may_be_own(frame) && !source_is_foreign_build(frame->file) &&
            (frame->object != NULL || !frame->shared_object))
            return frame;
    }
    return NULL;
}

const struct frame *stack_unplaced_library_frame(const struct stack *stack)
{
    for (size_t i = 0; i < stack->count; i++) {
        const struct frame *frame = &stack->frames[i];
        if (is_system_object(frame->object) || (frame->file != NULL && is_runtime_source(frame->file)))
            continue;
        if (frame->file != NULL && source_is_system(frame->file))
            continue;
        bool placed = has_place(frame);
        return !placed && frame->shared_object && frame->object != NULL ? frame : NULL;
    }
    return NULL;
}

bool stack_has_unplaced_own_frame(const struct stack *stack)
{
    for (size_t i = 0; i < stack->count; i++) {
        const struct frame *frame = &stack->frames[i];
        if (is_system_object(frame->object))
            continue;
        if (frame->file != NULL && (is_runtime_source(frame->file) || source_is_system(frame->file) ||
                                    source_is_foreign_build(frame->file)))
            continue;
        if (!has_place(frame))
            return true;
    }
    return false;
}
