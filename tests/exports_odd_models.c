/* exports_odd_models: explain, json and sarif on reports no detector prints.
 *
 * Parsers fill the model from hostile text, so the exports must survive any
 * model: NULL names and files, stacks of empty frames, zero accesses, ids
 * of -1, lock lists without names.  Every kind of finding is combined with
 * every location kind and 0, 1 or 2 accesses; the test passes when nothing
 * crashes (run it under valgrind or a sanitizer to see more) and every
 * export builds a tree. */
#include <stdio.h>
#include <stdlib.h>

#include "exports.h"

static int failures;

static void expect_tree(cJSON *tree, const char *what)
{
    char *text = tree != NULL ? cJSON_Print(tree) : NULL;
    if (text == NULL) {
        fprintf(stderr, "FAIL: %s: no output\n", what);
        failures++;
    }
    cJSON_free(text);
    cJSON_Delete(tree);
}

/* A stack of `count` frames, each missing something different. */
static struct stack odd_stack(struct arena *arena, size_t count)
{
    struct stack stack = {arena_alloc(arena, count * sizeof(struct frame) + 1), count};
    for (size_t i = 0; i < count; i++) {
        struct frame *frame = &stack.frames[i];
        switch (i % 4) {
        case 0: break;                                            /* nothing known */
        case 1: frame->function = "only_a_function"; break;
        case 2: frame->file = "/only/a/file.c"; break;             /* line 0 */
        case 3: frame->file = "odd dir/%file#.c"; frame->line = 7; frame->column = 3; break;
        }
    }
    return stack;
}

static void add_odd_finding(struct report *report, enum finding_kind kind,
                            enum location_kind location, size_t access_count)
{
    struct arena *arena = &report->arena;
    struct finding *finding = report_add_finding(report);
    finding->kind = kind;
    finding->headline = access_count == 1 ? NULL : "odd headline at 0x1234";
    finding->location.kind = location;
    finding->location.size = access_count == 2 ? 8 : 0;
    finding->location.alloc_stack = odd_stack(arena, access_count);
    finding->access_count = access_count;
    for (size_t i = 0; i < access_count; i++) {
        struct access *access = &finding->accesses[i];
        access->type = (enum access_type)i;
        access->thread = (int)i - 1;
        access->previous = i == 1;
        access->stack = odd_stack(arena, 4 * i);
        access->lock_count = i;
        if (i == 1) { /* a lock list with an unnamed entry */
            access->locks_held = arena_alloc(arena, sizeof *access->locks_held);
            access->locks_held[0] = NULL;
        }
    }
    finding->thread_count = access_count;
    finding->threads = arena_alloc(arena, (access_count + 1) * sizeof *finding->threads);
    for (size_t i = 0; i < access_count; i++) {
        finding->threads[i].id = (int)i - 1;
        finding->threads[i].creator = -1;
        finding->threads[i].created_at = odd_stack(arena, 3 * i);
    }
    finding->lock_count = access_count;
    finding->locks = arena_alloc(arena, (access_count + 1) * sizeof *finding->locks);
    finding->cycle_count = access_count;
    finding->cycle_stacks = arena_alloc(arena, (access_count + 1) * sizeof *finding->cycle_stacks);
    for (size_t i = 0; i < access_count; i++)
        finding->cycle_stacks[i] = odd_stack(arena, 4 * i);
}

static void export_all(const struct report *report, const char *what)
{
    static const char *const roots[] = {NULL, "/", "relative/root", "/only/a/"};
    explain_report(report, NULL, 2);
    struct source_paths sources = {(const char *[]){"/nonexistent", "."}, 2};
    explain_report(report, &sources, 0);
    expect_tree(report_json(report), what);
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++)
        expect_tree(report_sarif(report, roots[i]), what);
}

int main(void)
{
    /* explain writes to stdout; only crashes and failures matter here. */
    if (freopen("/dev/null", "w", stdout) == NULL)
        return 2;

    struct report report;
    report_init(&report);
    export_all(&report, "empty report");
    report.fatal = "FATAL: ThreadSanitizer: unexpected memory mapping 0x7f00-0x7f10";
    export_all(&report, "fatal report");
    report_free(&report);

    report_init(&report);
    report.tool = TOOL_HELGRIND;
    for (int kind = 0; kind < FINDING_KIND_COUNT; kind++)
        for (int location = LOCATION_UNKNOWN; location <= LOCATION_TLS; location++)
            for (size_t accesses = 0; accesses <= 2; accesses++)
                add_odd_finding(&report, (enum finding_kind)kind, (enum location_kind)location,
                                accesses);
    export_all(&report, "odd findings");
    for (int tool = TOOL_UNKNOWN; tool <= TOOL_DRD; tool++) {
        report.tool = (enum detector_tool)tool;
        export_all(&report, "odd findings, each tool");
    }
    report_free(&report);

    if (failures == 0)
        fputs("odd models: explain, json and sarif all survived\n", stderr);
    return failures == 0 ? 0 : 1;
}
