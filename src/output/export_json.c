/* export_json.c: `racelab json`, the data model of finding.h as JSON.
 *
 * For scripts that want more than the stable line: every field the parser
 * filled, under the names finding.h gives them, plus "stable" (the line
 * normalize prints) so a consumer can group findings the way racelab does.
 * Rules that keep the output easy to consume and to diff:
 *   - every key is always present, in a fixed order; a value the detector
 *     did not give (NULL string, line 0, thread -1, size 0) is null, never a
 *     made-up 0 or "";
 *   - the one exception is "pid", present only when the detector printed it;
 *   - findings stay in report order and are not de-duplicated: this is the
 *     report, not a summary of it;
 *   - a report file with a .perturb sidecar (perturbation.h) gets its
 *     "perturbation" object before "findings"; without one there is no key. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "exports.h"
#include "input.h"
#include "json_output.h"
#include "normalize.h"
#include "perturbation.h"

static const char *format_name(enum report_format format)
{
    switch (format) {
    case FORMAT_TSAN_TEXT: return "tsan-text";
    case FORMAT_VALGRIND_XML: return "valgrind-xml";
    case FORMAT_VALGRIND_TEXT: return "valgrind-text";
    case FORMAT_UNKNOWN: break;
    }
    return "unknown";
}

static const char *location_kind_name(enum location_kind kind)
{
    switch (kind) {
    case LOCATION_GLOBAL: return "global";
    case LOCATION_HEAP: return "heap";
    case LOCATION_STACK: return "stack";
    case LOCATION_TLS: return "tls";
    case LOCATION_FD: return "fd";
    case LOCATION_UNKNOWN: break;
    }
    return "unknown";
}

static const char *access_type_name(enum access_type type)
{
    switch (type) {
    case ACCESS_READ: return "read";
    case ACCESS_WRITE: return "write";
    case ACCESS_UNKNOWN: break;
    }
    return "unknown";
}

/* ---- builders: each returns a new tree, or NULL when cJSON failed ------ */

static cJSON *frame_json(const struct frame *frame)
{
    cJSON *object = cJSON_CreateObject();
    if (object == NULL)
        return NULL;
    if (json_add_string(object, "function", frame->function)
        && json_add_string(object, "file", frame->file)
        && json_add_number(object, "line", frame->line, frame->line > 0)
        && json_add_number(object, "column", frame->column, frame->column > 0)
        && json_add_string(object, "object", frame->object))
        return object;
    cJSON_Delete(object);
    return NULL;
}

/* A stack is an array of frames, innermost first. */
static cJSON *stack_json(const struct stack *stack)
{
    cJSON *array = cJSON_CreateArray();
    for (size_t i = 0; array != NULL && stack->frames != NULL && i < stack->count; i++) {
        if (!json_append(array, frame_json(&stack->frames[i]))) {
            cJSON_Delete(array);
            return NULL;
        }
    }
    return array;
}

/* An array of strings; NULL entries become null. */
static cJSON *names_json(const char *const *names, size_t count)
{
    cJSON *array = cJSON_CreateArray();
    for (size_t i = 0; array != NULL && names != NULL && i < count; i++) {
        cJSON *name = names[i] != NULL ? cJSON_CreateString(names[i]) : cJSON_CreateNull();
        if (!json_append(array, name)) {
            cJSON_Delete(array);
            return NULL;
        }
    }
    return array;
}

static cJSON *location_json(const struct location *location)
{
    cJSON *object = cJSON_CreateObject();
    if (object == NULL)
        return NULL;
    if (json_add_string(object, "kind", location_kind_name(location->kind))
        && json_add_string(object, "name", location->name)
        && json_add_number(object, "size", (double)location->size, location->size > 0)
        && json_add_number(object, "offset", (double)location->offset, location->offset >= 0)
        && json_add_number(object, "thread", location->thread, location->thread >= 0)
        && json_add_string(object, "decl_file", location->decl_file)
        && json_add_number(object, "decl_line", location->decl_line, location->decl_line > 0)
        && json_add_item(object, "alloc_stack", stack_json(&location->alloc_stack)))
        return object;
    cJSON_Delete(object);
    return NULL;
}

static cJSON *access_json(const struct access *access)
{
    cJSON *object = cJSON_CreateObject();
    if (object == NULL)
        return NULL;
    if (json_add_string(object, "type", access_type_name(access->type))
        && json_add_number(object, "size", access->size, access->size > 0)
        && json_add_bool(object, "atomic", access->atomic)
        && json_add_number(object, "thread", access->thread, access->thread >= 0)
        && json_add_bool(object, "previous", access->previous)
        /* null: the report does not say (Helgrind XML, DRD); [] says "none". */
        && json_add_item(object, "locks_held",
                         !access->locks_known && access->lock_count == 0
                             ? cJSON_CreateNull()
                             : names_json(access->locks_held, access->lock_count))
        && json_add_item(object, "stack", stack_json(&access->stack)))
        return object;
    cJSON_Delete(object);
    return NULL;
}

static cJSON *thread_json(const struct thread_info *thread)
{
    cJSON *object = cJSON_CreateObject();
    if (object == NULL)
        return NULL;
    if (json_add_number(object, "id", thread->id, thread->id >= 0)
        && json_add_number(object, "creator", thread->creator, thread->creator >= 0)
        && json_add_bool(object, "finished", thread->finished)
        && json_add_item(object, "created_at", stack_json(&thread->created_at)))
        return object;
    cJSON_Delete(object);
    return NULL;
}

static cJSON *lock_json(const struct lock_info *lock)
{
    cJSON *object = cJSON_CreateObject();
    if (object == NULL)
        return NULL;
    if (json_add_string(object, "name", lock->name)
        && json_add_item(object, "created_at", stack_json(&lock->created_at)))
        return object;
    cJSON_Delete(object);
    return NULL;
}

/* TSan's SUMMARY line, or null when the detector printed none. */
static cJSON *summary_json(const struct finding *finding)
{
    if (finding->summary_file == NULL && finding->summary_function == NULL)
        return cJSON_CreateNull();
    cJSON *object = cJSON_CreateObject();
    if (object == NULL)
        return NULL;
    if (json_add_string(object, "file", finding->summary_file)
        && json_add_number(object, "line", finding->summary_line, finding->summary_line > 0)
        && json_add_string(object, "function", finding->summary_function))
        return object;
    cJSON_Delete(object);
    return NULL;
}

/* The arrays of a finding; the counts bound the reads, never the pointers alone. */
static bool add_finding_arrays(cJSON *object, const struct finding *finding)
{
    cJSON *accesses = cJSON_CreateArray();
    if (!json_add_item(object, "accesses", accesses))
        return false;
    size_t access_count = finding->access_count < 2 ? finding->access_count : 2;
    for (size_t i = 0; i < access_count; i++)
        if (!json_append(accesses, access_json(&finding->accesses[i])))
            return false;

    cJSON *threads = cJSON_CreateArray();
    if (!json_add_item(object, "threads", threads))
        return false;
    for (size_t i = 0; finding->threads != NULL && i < finding->thread_count; i++)
        if (!json_append(threads, thread_json(&finding->threads[i])))
            return false;

    cJSON *locks = cJSON_CreateArray();
    if (!json_add_item(object, "locks", locks))
        return false;
    for (size_t i = 0; finding->locks != NULL && i < finding->lock_count; i++)
        if (!json_append(locks, lock_json(&finding->locks[i])))
            return false;

    cJSON *cycle = cJSON_CreateArray();
    if (!json_add_item(object, "cycle", cycle))
        return false;
    for (size_t i = 0; finding->cycle_stacks != NULL && i < finding->cycle_count; i++)
        if (!json_append(cycle, stack_json(&finding->cycle_stacks[i])))
            return false;
    return true;
}

static cJSON *finding_json(const struct finding *finding)
{
    char stable[STABLE_LINE_MAX];
    finding_stable_line(finding, stable, sizeof stable);
    cJSON *object = cJSON_CreateObject();
    if (object == NULL)
        return NULL;
    bool ok = json_add_string(object, "kind", finding_kind_name(finding->kind))
              && json_add_string(object, "headline", finding->headline)
              && json_add_string(object, "stable", stable)
              && (finding->pid == 0 || json_add_number(object, "pid", finding->pid, true))
              && json_add_item(object, "location", location_json(&finding->location))
              && add_finding_arrays(object, finding)
              && (finding->similar_count == 0 ||
                  json_add_number(object, "similar_count", finding->similar_count, true))
              && json_add_item(object, "summary", summary_json(finding));
    if (ok)
        return object;
    cJSON_Delete(object);
    return NULL;
}

cJSON *report_json(const struct report *report)
{
    cJSON *root = cJSON_CreateObject();
    if (root == NULL)
        return NULL;
    bool ok = json_add_string(root, "tool", detector_tool_name(report->tool))
              && json_add_string(root, "format", format_name(report->format))
              && json_add_bool(root, "finished", report->finished)
              && json_add_string(root, "fatal", report->fatal)
              && (!report->end_unknown || json_add_bool(root, "end_unknown", true))
              && (report->program_signal == 0 ||
                  (json_add_number(root, "program_signal", report->program_signal, true)
                   && json_add_string(root, "program_signal_name", report->program_signal_name)))
              && json_add_number(root, "reported_count", report->reported_count,
                                 report->reported_count >= 0);
    cJSON *findings = ok ? cJSON_CreateArray() : NULL;
    if (!json_add_item(root, "findings", findings)) {
        cJSON_Delete(root);
        return NULL;
    }
    for (size_t i = 0; report->findings != NULL && i < report->count; i++) {
        if (!json_append(findings, finding_json(&report->findings[i]))) {
            cJSON_Delete(root);
            return NULL;
        }
    }
    return root;
}

/* The run's "perturbation" (taken over), before "findings", which stays last. */
static bool add_perturbation(cJSON *root, cJSON *perturbation)
{
    if (root == NULL || perturbation == NULL) {
        cJSON_Delete(perturbation);
        return root != NULL;
    }
    cJSON *findings = cJSON_DetachItemFromObjectCaseSensitive(root, "findings");
    if (!json_add_item(root, "perturbation", perturbation)) {
        cJSON_Delete(findings);
        return false;
    }
    return json_add_item(root, "findings", findings);
}

/* Prints report_json()'s document, with the perturbation when there is
 * one (taken over), with each finding built, written and freed in turn:
 * memory holds the parsed report and one finding's tree, not a tree of
 * them all (a 40 MB report took 10 times its size). */
static int print_streamed(const struct report *report, cJSON *perturbation)
{
    struct report head = *report;
    head.count = 0; /* the document with "findings": [], its last member */
    cJSON *root = report_json(&head);
    if (!add_perturbation(root, perturbation)) {
        cJSON_Delete(root);
        root = NULL;
    }
    char *text = root != NULL ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    static const char tail[] = "\"findings\":\t[]\n}";
    size_t length = text != NULL ? strlen(text) : 0;
    if (text == NULL || length < sizeof tail || strcmp(text + length - (sizeof tail - 1), tail) != 0) {
        cJSON_free(text);
        fputs("racelab: json: out of memory\n", stderr);
        return -1;
    }
    text[length - 3] = '\0'; /* up to and including the '[' */
    int status = json_write_layout(text, 0, stdout);
    cJSON_free(text);
    for (size_t i = 0; status == 0 && report->findings != NULL && i < report->count; i++) {
        cJSON *finding = finding_json(&report->findings[i]);
        char *item = finding != NULL ? cJSON_Print(finding) : NULL;
        cJSON_Delete(finding);
        if (item == NULL)
            fputs("racelab: json: out of memory\n", stderr);
        if (item == NULL || (i > 0 && fputs(", ", stdout) == EOF) || json_write_layout(item, 2, stdout) != 0)
            status = -1;
        cJSON_free(item);
    }
    if (status == 0 && json_write_layout("]\n}\n", 0, stdout) != 0)
        status = -1;
    return status;
}

int command_json(int argc, char **argv)
{
    const char *path = NULL;
    int status = single_report_argument(argc, argv,
                                        "usage: racelab json [REPORT|-]\n"
                                        "Prints the report as JSON: the data model of every finding in report\n"
                                        "order, with its stable line; unknown values are null. Reads stdin when\n"
                                        "REPORT is - or absent. Exit status 3 when the detector died (the JSON is\n"
                                        "still printed, with \"fatal\" set).  A REPORT file's sidecar (REPORT with\n"
                                        "its extension replaced by .perturb) becomes \"perturbation\".\n",
                                        &path);
    if (status >= 0)
        return status;
    struct report report;
    report_init(&report);
    if (load_report(path, &report) != 0)
        return EXIT_USAGE;
    cJSON *perturbation;
    status = perturbation_read(path, &perturbation);
    if (status != EXIT_OK) {
        report_free(&report);
        return status;
    }
    int printed = print_streamed(&report, perturbation);
    status = printed != 0 || report.fatal != NULL ? EXIT_NO_VERDICT : EXIT_OK;
    report_free(&report);
    return status;
}
