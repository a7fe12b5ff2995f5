/* detector.c: the detector table and the verdict rules (see detector.h). */
#include "detector.h"
#include "identity.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "report_parse.h"

const struct detector DETECTORS[] = {
    {"tsan", TOOL_TSAN, NULL, "clang"},
    {"tsan-gcc", TOOL_TSAN, NULL, "gcc"},
    {"helgrind", TOOL_HELGRIND, "helgrind", "gcc"},
    {"drd", TOOL_DRD, "drd", "gcc"},
};
const size_t DETECTOR_COUNT = sizeof DETECTORS / sizeof DETECTORS[0];

const struct detector *find_detector(const char *name)
{
    for (size_t i = 0; i < DETECTOR_COUNT; i++)
        if (strcmp(DETECTORS[i].name, name) == 0)
            return &DETECTORS[i];
    return NULL;
}

/* "<?xml" or "<valgrindoutput" before any other text. */
static bool looks_like_xml(const char *text, size_t length)
{
    size_t i = 0;
    while (i < length && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
        i++;
    return i < length && text[i] == '<';
}

int parse_detector_report(const struct detector *detector, const char *path,
                          struct report *report, char *error, size_t error_size)
{
    size_t length = 0;
    char *text = read_whole_file(path, &length);
    if (text == NULL) {
        snprintf(error, error_size, "cannot read the report %s", path);
        return -1;
    }
    /* Valgrind's reports are read in either of its formats: `racelab run`
       keeps the XML; a report saved by hand or pasted is often the text
       (`check --detector helgrind` on it must not call it malformed XML). */
    int status;
    if (detector->valgrind_tool == NULL) {
        status = parse_tsan_text(text, length, report, error, error_size);
    } else if (length == 0) {
        snprintf(error, error_size, "valgrind wrote an empty report");
        status = -1;
    } else if (looks_like_xml(text, length) || !looks_like_valgrind_text(text, length)) {
        status = parse_valgrind_xml(text, length, report, error, error_size);
    } else {
        status = parse_valgrind_text(text, length, report, error, error_size);
    }
    free(text);
    return status;
}

static enum verdict no_verdict(struct judgement *judgement, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(judgement->reason, sizeof judgement->reason, format, arguments);
    va_end(arguments);
    judgement->verdict = VERDICT_NONE;
    return VERDICT_NONE;
}

/* The exit status a detector gives when it reported something. */
static int reporting_exit_status(const struct detector *detector)
{
    return detector->valgrind_tool ? VALGRIND_ERROR_EXIT_CODE : TSAN_EXIT_CODE;
}

/* Whether every finding names a process other than the one racelab
 * started: a test framework that runs each test in a forked child (acutest,
 * Check) gets TSan's reports from the children, whose exit status 66 its
 * parent may not pass on.  Those findings are facts of this run. */
static bool all_from_forked_children(const struct report *report, const struct run_outcome *outcome)
{
    if (outcome->pid <= 0 || report->count == 0)
        return false;
    for (size_t i = 0; i < report->count; i++)
        if (report->findings[i].pid <= 0 || report->findings[i].pid == outcome->pid)
            return false;
    return true;
}

enum verdict read_run(const struct detector *detector, const struct run_outcome *outcome,
                      int report_status, const char *parse_error, const struct report *report,
                      struct judgement *judgement)
{
    judgement->found.lines = NULL;
    judgement->found.count = 0;
    judgement->reason[0] = '\0';

    if (outcome->known && outcome->timed_out)
        return no_verdict(judgement, "timed out after %d s", outcome->timeout_seconds);
    if (outcome->known && outcome->signal != 0)
        return no_verdict(judgement, "crashed: killed by signal %d (%s)", outcome->signal,
                          strsignal(outcome->signal));
    if (report_status != 0)
        return no_verdict(judgement, "unreadable report: %s", parse_error);
    if (report->fatal != NULL)
        return no_verdict(judgement, "the detector died: %s", report->fatal);
    if (report->program_signal != 0)
        return no_verdict(judgement, "the report says the program was killed by signal %d%s%s%s: "
                          "the run did not reach its end",
                          report->program_signal, report->program_signal_name ? " (" : "",
                          report->program_signal_name ? report->program_signal_name : "",
                          report->program_signal_name ? ")" : "");
    if (detector->valgrind_tool != NULL && report->end_unknown)
        return no_verdict(judgement, "the Valgrind text has no banner and no ERROR SUMMARY (run with -q, "
                          "or an excerpt): a complete report cannot be told from a cut one; "
                          "keep the whole output, without -q");
    if (report->tool != TOOL_UNKNOWN && report->tool != detector->tool)
        return no_verdict(judgement, "the report is from %s, not %s",
                          detector_tool_name(report->tool), detector->name);
    if (detector->valgrind_tool != NULL && !report->finished)
        return no_verdict(judgement, "the Valgrind report is incomplete (%s)",
                          report->format == FORMAT_VALGRIND_TEXT ? "no ERROR SUMMARY line"
                                                                 : "no FINISHED state");
    if (report->count > 0 && detector->valgrind_tool == NULL && !report->finished)
        return no_verdict(judgement, "the ThreadSanitizer report is cut short (no 'reported N warnings' line)");
    if (detector->valgrind_tool == NULL && report->reported_count >= 0 &&
        (size_t)report->reported_count != report->count)
        return no_verdict(judgement, "ThreadSanitizer announced %d warnings but %zu were parsed",
                          report->reported_count, report->count);

    if (outcome->known) {
        int reporting = reporting_exit_status(detector);
        if (report->count > 0 && outcome->exit_status != reporting && !all_from_forked_children(report, outcome))
            return no_verdict(judgement, "findings were parsed but the detector exited %d, not %d",
                              outcome->exit_status, reporting);
        if (report->count == 0 && outcome->exit_status == reporting)
            return no_verdict(judgement, "the detector exited %d (it reported something) but no finding could be parsed",
                              outcome->exit_status);
        /* CTest's WILL_FAIL inverts the program's own exit status, not
           racelab's judgement: a crash or a timeout is still no verdict
           (above), where CTest would count it a pass. */
        if (report->count == 0 && outcome->will_fail && outcome->exit_status == 0)
            return no_verdict(judgement, "the program exited 0 where it is meant to fail (WILL_FAIL): "
                                         "it failed on its own as CTest counts it");
        if (report->count == 0 && outcome->exit_status != 0 && !outcome->will_fail) {
            if (outcome->program_said == NULL)
                return no_verdict(judgement, "the program failed on its own: exit status %d", outcome->exit_status);
            if (outcome->program_said[0] == '\0')
                return no_verdict(judgement, "the program failed on its own: exit status %d, nothing on stderr",
                                  outcome->exit_status);
            return no_verdict(judgement, "the program failed on its own: exit status %d, its stderr begins \"%.200s\"",
                              outcome->exit_status, outcome->program_said);
        }
    }

    /* A race none of whose accesses has a frame with a source line, where
       the program's own code has none (TSan's "<null>" frames in a library
       built without -g, "??" in stripped code), says where nothing
       happened: it can neither be told from another such race nor matched
       against a file, so it is no verdict, never a pass of a file that
       happens to list "?". */
    for (size_t i = 0; i < report->count; i++) {
        const struct finding *finding = &report->findings[i];
        if (finding->kind != FINDING_DATA_RACE || finding->access_count == 0)
            continue;
        bool placed = false;
        for (size_t a = 0; a < finding->access_count && a < 2; a++) {
            placed = placed || stack_user_frame(&finding->accesses[a].stack) != NULL;
            const struct frame *unplaced = stack_unplaced_library_frame(&finding->accesses[a].stack);
            if (unplaced != NULL) {
                const char *offset = strstr(unplaced->object, "+0x"); /* TSan's "libx.so+0x1177" */
                int length = offset != NULL ? (int)(offset - unplaced->object) : (int)strlen(unplaced->object);
                return no_verdict(judgement, "a data race inside %.*s, which has no line information: "
                                             "build it with racelab_instrument (-g), or the race is blamed on its caller",
                                  length < 200 ? length : 200, unplaced->object);
            }
        }
        bool unplaced_own = false;
        for (size_t a = 0; a < finding->access_count && a < 2; a++)
            unplaced_own = unplaced_own || stack_has_unplaced_own_frame(&finding->accesses[a].stack);
        /* A race all of whose frames are the system's stays a finding ("?"
           sites): it is not the program's code that went unseen. */
        if (!placed && unplaced_own) {
            const struct stack *stack = &finding->accesses[0].stack;
            const char *object = stack->count > 0 && stack->frames[0].object ? stack->frames[0].object : "?";
            return no_verdict(judgement, "a data race with no source line in its stacks (the first frame is in %.200s): "
                                         "build every library the program uses with racelab_instrument (-g)",
                              object);
        }
    }
    report_stable_lines(report, &judgement->found);
    judgement->verdict = VERDICT_MATCH;
    return VERDICT_MATCH;
}

enum verdict judge_run(const struct detector *detector, const struct run_outcome *outcome,
                       int report_status, const char *parse_error, const struct report *report,
                       const struct stable_lines *expected, struct judgement *judgement)
{
    if (read_run(detector, outcome, report_status, parse_error, report, judgement) == VERDICT_NONE)
        return VERDICT_NONE;
    struct groups groups;
    groups_build(expected, &groups);
    struct comparison comparison;
    compare_with_groups(&groups, &judgement->found, &comparison);
    bool same = comparison.unexpected == 0 && comparison.missing == 0;
    comparison_free(&comparison);
    groups_free(&groups);
    judgement->verdict = same ? VERDICT_MATCH : VERDICT_MISMATCH;
    return judgement->verdict;
}
