/* finding.c: report lifetime and the names the stable form uses. */
#include "finding.h"

#include <string.h>

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

/* Frames in these files or objects belong to the detector or the C
 * library, not to the program under test. */
static bool is_runtime_frame(const struct frame *frame)
{
    static const char *const runtime_markers[] = {
        "tsan_", "sanitizer_common", "libsanitizer", "libtsan", "vgpreload_",
        "valgrind", "libc.so", "libpthread", "pthread_create.c", "clone.S",
        "clone3.S", "clone-internal.c", "libc-start", "libc_start",
        "sysdeps/", /* glibc's own sources, as Valgrind XML's <dir> names them */
    };
    const char *where[] = {frame->file, frame->object};
    for (size_t w = 0; w < 2; w++) {
        if (where[w] == NULL)
            continue;
        for (size_t m = 0; m < sizeof runtime_markers / sizeof runtime_markers[0]; m++)
            if (strstr(where[w], runtime_markers[m]) != NULL)
                return true;
    }
    return false;
}

const struct frame *stack_user_frame(const struct stack *stack)
{
    for (size_t i = 0; i < stack->count; i++) {
        const struct frame *frame = &stack->frames[i];
        if (frame->file != NULL && frame->line > 0 && !is_runtime_frame(frame))
            return frame;
    }
    return NULL;
}
