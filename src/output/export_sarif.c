/* export_sarif.c: `racelab sarif`, a report as SARIF 2.1.0 for code scanning.
 *
 * One run, tool "racelab", one rule per kind of finding that occurs and one
 * result per distinct finding (grouped by stable line, like explain), with:
 *   - the primary location: the first access's user frame (a lock cycle's
 *     first acquisition, a leaked thread's creation, when there is no access);
 *   - related locations: the other access, the allocation or declaration of
 *     the memory, where each thread and mutex was created;
 *   - the full stacks of the accesses, for viewers that show them;
 *   - partialFingerprints "racelab/v2" = the race's identity (identity.h):
 *     its kind, location and statements without their line numbers, so an
 *     alert keeps its identity across runs and across edits that move it.
 * A detector that died becomes a failed invocation with its message; the
 * SARIF is still printed and the exit status is 3, as for normalize.
 * A report file with a .perturb sidecar (perturbation.h) was a perturbed
 * run: its invocation's properties.perturbation is the sidecar, and
 * run.properties.perturbation lists every perturbed report's, each with
 * "report" naming it; without sidecars neither key is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "describe.h"
#include "detector.h"
#include "distinct.h"
#include "identity.h"
#include "source.h"
#include "exports.h"
#include "input.h"
#include "json_output.h"
#include "perturbation.h"
#include "report_parse.h"

enum { URI_MAX = 8192, TEXT_MAX = 2048 };

static const char SARIF_SCHEMA[] =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
static const char FINGERPRINT_KEY[] = "racelab/v2";
static const char SRCROOT[] = "SRCROOT";

struct sarif_options {
    const char *source_root; /* --source-root DIR (no trailing '/' once in report_sarif), or NULL */
    const char *input;       /* report path, NULL or "-" for stdin */
    /* The report being written: its path, the location of a finding that
       names no source line; and, when several go into one run, the test or
       report it stands for (name, NULL when alone) and which it is (label). */
    const char *artifact;
    const char *name;
    const char *label;
};

static const char usage[] =
    "usage: racelab sarif [--source-root DIR] [--detector NAME] [REPORT...|-]\n"
    "Prints the reports as SARIF 2.1.0, one run (one tool) for all of them: one result\n"
    "per distinct finding, located at the first access's source line, with the other\n"
    "access, allocation and thread creation sites as related locations and the stable\n"
    "line as fingerprint.  A finding with no such line is located at a thread's or\n"
    "mutex's creation, else at the report file, and its message says so.\n"
    "Several REPORTs (of one detector) are merged: each result and invocation names\n"
    "its report (properties.report, and the message).\n"
    "A REPORT file's sidecar (its extension replaced by .perturb) goes into its\n"
    "invocation's and the run's properties.perturbation.\n"
    "Files under --source-root DIR get URIs relative to it (uriBaseId SRCROOT);\n"
    "other absolute paths become file:// URIs.\n"
    "--detector NAME reads every REPORT as that detector's, as 'racelab run' does: an\n"
    "empty TSan output is then a clean run, not an error.\n"
    "Reads stdin when REPORT is - or absent. Exit status 3 when a detector died.\n";

/* Returns -1 after a usage error, 1 after printing the help, 0 ok; the
 * reports go into inputs[*count] (NULL-terminated). */
static int parse_options(int argc, char **argv, struct sarif_options *options, const char **inputs,
                         size_t *count, const struct detector **detector)
{
    *options = (struct sarif_options){NULL, NULL, NULL, NULL, NULL};
    *detector = NULL;
    bool dash = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage, stdout);
            return 1;
        }
        if (strcmp(arg, "--source-root") == 0) {
            if (i + 1 >= argc || argv[i + 1][0] == '\0') {
                fputs("racelab: sarif: --source-root needs a directory\n", stderr);
                return -1;
            }
            options->source_root = argv[++i];
            /* The same root decides which frame is the project's. */
            if (source_root_set(options->source_root) != 0) {
                fprintf(stderr, "racelab: sarif: --source-root %s: not a directory\n", options->source_root);
                return -1;
            }
            continue;
        }
        if (strcmp(arg, "--detector") == 0) {
            *detector = i + 1 < argc ? find_detector(argv[i + 1]) : NULL;
            if (*detector == NULL) {
                fprintf(stderr, "racelab: sarif: --detector needs tsan, tsan-gcc, helgrind or drd%s%s\n",
                        i + 1 < argc ? ", not " : "", i + 1 < argc ? argv[i + 1] : "");
                return -1;
            }
            i++;
            continue;
        }
        if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "racelab: sarif: unknown option '%s' (see 'racelab sarif --help')\n", arg);
            return -1;
        }
        dash = dash || strcmp(arg, "-") == 0;
        inputs[(*count)++] = arg;
    }
    if (dash && *count > 1) {
        fputs("racelab: sarif: - (stdin) is a report alone: give files to merge several\n", stderr);
        return -1;
    }
    return 0;
}

/* ---- levels, rules, texts --------------------------------------------- */

/* Everything that can corrupt data or hang is an error; a leaked thread
 * and reports racelab does not classify are warnings. */
static const char *kind_level(enum finding_kind kind)
{
    switch (kind) {
    case FINDING_THREAD_LEAK:
    case FINDING_OTHER:
        return "warning";
    case FINDING_DATA_RACE:
    case FINDING_LOCK_ORDER:
    case FINDING_UNLOCK_UNLOCKED:
    case FINDING_SIGNAL_UNSAFE:
    case FINDING_DESTROY_LOCKED:
        break;
    }
    return "error";
}

static void rule_id(enum finding_kind kind, char *id, size_t size)
{
    snprintf(id, size, "racelab/%s", finding_kind_name(kind));
}

/* kind_title() with a capital first letter, for the start of a sentence. */
static void capitalized_title(enum finding_kind kind, char *text, size_t size)
{
    snprintf(text, size, "%s", kind_title(kind));
    if (text[0] >= 'a' && text[0] <= 'z')
        text[0] = (char)(text[0] - 'a' + 'A');
}

/* The help of a rule: what it means, then the usual fixes as a list. */
static void rule_help(enum finding_kind kind, char *text, size_t size)
{
    size_t used = (size_t)snprintf(text, size, "%s\n\nUsual fixes:", kind_meaning(kind));
    for (const char *const *fix = kind_fixes(kind); *fix != NULL && used < size; fix++)
        used += (size_t)snprintf(text + used, size - used, "\n- %s", *fix);
    if (kind == FINDING_DATA_RACE && used < size)
        snprintf(text + used, size - used, "\n- %s", race_atomic_fix(NULL));
}

static cJSON *text_message(const char *text)
{
    cJSON *message = cJSON_CreateObject();
    if (message != NULL && !json_add_string(message, "text", text)) {
        cJSON_Delete(message);
        return NULL;
    }
    return message;
}

static cJSON *rule_json(enum finding_kind kind)
{
    char id[64], title[128], help[TEXT_MAX];
    rule_id(kind, id, sizeof id);
    capitalized_title(kind, title, sizeof title);
    rule_help(kind, help, sizeof help);
    cJSON *rule = cJSON_CreateObject();
    if (rule == NULL)
        return NULL;
    cJSON *configuration = NULL;
    bool ok = json_add_string(rule, "id", id)
              && json_add_string(rule, "name", finding_kind_name(kind))
              && json_add_item(rule, "shortDescription", text_message(title))
              && json_add_item(rule, "fullDescription", text_message(kind_meaning(kind)))
              && json_add_item(rule, "help", text_message(help))
              && (configuration = cJSON_AddObjectToObject(rule, "defaultConfiguration")) != NULL
              && json_add_string(configuration, "level", kind_level(kind));
    if (ok)
        return rule;
    cJSON_Delete(rule);
    return NULL;
}

/* ---- URIs and locations ----------------------------------------------- */

/* Percent-encodes path into uri: unreserved characters and '/' stay, every
 * other byte (space, '%', '#', ':', non-ASCII) becomes %XX.  False when
 * it does not fit. */
static bool encode_path(const char *path, char *uri, size_t size)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t used = strlen(uri);
    for (const unsigned char *p = (const unsigned char *)path; *p != '\0'; p++) {
        bool keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
                    || strchr("-._~/", *p) != NULL;
        if (used + (keep ? 1 : 3) >= size)
            return false;
        if (keep) {
            uri[used++] = (char)*p;
        } else {
            uri[used++] = '%';
            uri[used++] = hex[*p >> 4];
            uri[used++] = hex[*p & 15];
        }
    }
    uri[used] = '\0';
    return true;
}

/* An absolute path with its "." and ".." segments resolved by their text
 * ("/usr/bin/../lib/x.h" is "/usr/lib/x.h"): a URI with dot segments is
 * not a valid one (SARIF1002).  False when it does not fit. */
static bool without_dot_segments(const char *path, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (const char *part = path; *part != '\0';) {
        while (*part == '/')
            part++;
        size_t length = strcspn(part, "/");
        if (length == 0)
            break;
        if (length == 1 && part[0] == '.') {
            /* stays where it is */
        } else if (length == 2 && part[0] == '.' && part[1] == '.') {
            while (used > 0 && out[used - 1] != '/')
                used--;
            if (used > 0)
                used--; /* the slash before the dropped segment */
            out[used] = '\0';
        } else {
            if (used + 1 + length >= size)
                return false;
            out[used++] = '/';
            memcpy(out + used, part, length);
            used += length;
            out[used] = '\0';
        }
        part += length;
    }
    if (used == 0 && size > 1) {
        out[0] = '/';
        out[1] = '\0';
    }
    return true;
}

/* The artifactLocation of a file as the report printed it: relative to
 * --source-root (uriBaseId SRCROOT) when under it, file:///... when
 * absolute, else the relative path as it is. */
static cJSON *artifact_location_json(const struct sarif_options *options, const char *file)
{
    if (file == NULL)
        file = ""; /* callers pass frames with a file; "" keeps the URI valid anyway */
    const char *path = file;
    const char *base = NULL;
    char uri[URI_MAX] = "", resolved[URI_MAX];
    size_t root_length = options->source_root != NULL ? strlen(options->source_root) : 0;
    if (root_length > 0 && strncmp(file, options->source_root, root_length) == 0
        && file[root_length] == '/' && strcmp(options->source_root, "/") != 0) {
        path = file + root_length + 1;
        base = SRCROOT;
    } else if (file[0] == '/') {
        strcpy(uri, "file://");
        if (!without_dot_segments(file, resolved, sizeof resolved))
            return NULL;
        path = resolved;
    } else if (options->source_root != NULL) {
        base = SRCROOT; /* a relative path is most likely relative to the tree */
    }
    if (!encode_path(path, uri, sizeof uri))
        return NULL;
    cJSON *location = cJSON_CreateObject();
    if (location != NULL && json_add_string(location, "uri", uri)
        && (base == NULL || json_add_string(location, "uriBaseId", base)))
        return location;
    cJSON_Delete(location);
    return NULL;
}

static cJSON *physical_location_json(const struct sarif_options *options, const struct frame *frame)
{
    cJSON *physical = cJSON_CreateObject();
    if (physical == NULL)
        return NULL;
    if (!json_add_item(physical, "artifactLocation", artifact_location_json(options, frame->file)))
        goto failed;
    if (frame->line > 0) {
        cJSON *region = cJSON_CreateObject();
        if (!json_add_item(physical, "region", region)
            || !json_add_number(region, "startLine", frame->line, true)
            || (frame->column > 0 && !json_add_number(region, "startColumn", frame->column, true)))
            goto failed;
    }
    return physical;
failed:
    cJSON_Delete(physical);
    return NULL;
}

/* A location for a frame with a file; id > 0 makes it a related location. */
static cJSON *location_json(const struct sarif_options *options, const struct frame *frame,
                            int id, const char *message)
{
    cJSON *location = cJSON_CreateObject();
    if (location != NULL && (id <= 0 || json_add_number(location, "id", id, true))
        && json_add_item(location, "physicalLocation", physical_location_json(options, frame))
        && (message == NULL || json_add_item(location, "message", text_message(message))))
        return location;
    cJSON_Delete(location);
    return NULL;
}

/* A stack frame: its source place when known, its function as a logical
 * location, so frames of libc without a file still show their name. */
static cJSON *stack_frame_json(const struct sarif_options *options, const struct frame *frame,
                               int thread)
{
    cJSON *stack_frame = cJSON_CreateObject();
    if (stack_frame == NULL)
        return NULL;
    cJSON *location = cJSON_AddObjectToObject(stack_frame, "location");
    if (location == NULL)
        goto failed;
    if (frame->file != NULL
        && !json_add_item(location, "physicalLocation", physical_location_json(options, frame)))
        goto failed;
    if (frame->function != NULL) {
        cJSON *logical = cJSON_AddArrayToObject(location, "logicalLocations");
        cJSON *function = logical != NULL ? cJSON_CreateObject() : NULL;
        if (!json_append(logical, function) || !json_add_string(function, "name", frame->function)
            || !json_add_string(function, "kind", "function"))
            goto failed;
    }
    if (frame->function == NULL && frame->file == NULL && frame->object != NULL
        && !json_add_string(stack_frame, "module", frame->object))
        goto failed;
    if (thread >= 0 && !json_add_number(stack_frame, "threadId", thread, true))
        goto failed;
    return stack_frame;
failed:
    cJSON_Delete(stack_frame);
    return NULL;
}

static cJSON *stack_json(const struct sarif_options *options, const struct stack *stack,
                         int thread, const char *message)
{
    cJSON *result = cJSON_CreateObject();
    if (result == NULL)
        return NULL;
    cJSON *frames = cJSON_AddArrayToObject(result, "frames");
    if (frames == NULL || !json_add_item(result, "message", text_message(message)))
        goto failed;
    for (size_t i = 0; stack->frames != NULL && i < stack->count; i++)
        if (!json_append(frames, stack_frame_json(options, &stack->frames[i], thread)))
            goto failed;
    return result;
failed:
    cJSON_Delete(result);
    return NULL;
}

/* ---- one result ------------------------------------------------------- */

/* "write of size 8 by thread T2, holding no locks" */
static void access_phrase(enum detector_tool tool, const struct access *access, char *text,
                          size_t size)
{
    char what[64], thread[64], locks[512];
    describe_access(access, what, sizeof what);
    describe_thread(tool, access->thread, thread, sizeof thread);
    describe_locks_held(access, locks, sizeof locks);
    snprintf(text, size, "%s%s by %s, %s", access->previous ? "earlier " : "", what, thread, locks);
}

/* Where the primary location came from.  A finding's own frames (its
 * accesses, its lock cycle, a leaked thread's creation, TSan's summary) are
 * its place; the others are the best the report has when none of those is
 * the program's, and the message says which (code scanning rejects a
 * result without a location). */
enum primary_source {
    PRIMARY_OWN,
    PRIMARY_THREAD,   /* where a thread it names was created */
    PRIMARY_LOCK,     /* where a mutex it names was created */
    PRIMARY_MEMORY,   /* where the memory was allocated or declared */
    PRIMARY_REPORT,   /* no source line at all: the report file itself */
};

struct primary {
    const struct frame *frame; /* NULL for PRIMARY_REPORT */
    enum primary_source source;
    int index;                 /* which thread or lock */
    struct frame own;          /* storage for a frame made from the summary or declaration */
};

/* The first source line among, in order, the accesses, the lock cycle, the
 * threads' creation, the TSan summary, the mutexes' creation, the memory's
 * allocation or declaration; else the report. */
static void primary_location(const struct finding *finding, struct primary *primary)
{
    *primary = (struct primary){.frame = NULL, .source = PRIMARY_OWN};
    size_t access_count = finding->access_count < 2 ? finding->access_count : 2;
    for (size_t i = 0; i < access_count; i++)
        if ((primary->frame = stack_user_frame(&finding->accesses[i].stack)) != NULL)
            return;
    for (size_t i = 0; finding->cycle_stacks != NULL && i < finding->cycle_count; i++)
        if ((primary->frame = stack_user_frame(&finding->cycle_stacks[i])) != NULL)
            return;
    for (size_t i = 0; finding->threads != NULL && i < finding->thread_count; i++)
        if ((primary->frame = stack_user_frame(&finding->threads[i].created_at)) != NULL) {
            /* A leaked thread's place is its creation. */
            primary->source = finding->kind == FINDING_THREAD_LEAK ? PRIMARY_OWN : PRIMARY_THREAD;
            primary->index = (int)i;
            return;
        }
    if (finding->summary_file != NULL && finding->summary_line > 0) {
        primary->own = (struct frame){.function = finding->summary_function,
                                      .file = finding->summary_file,
                                      .line = finding->summary_line};
        primary->frame = &primary->own;
        return;
    }
    for (size_t i = 0; finding->locks != NULL && i < finding->lock_count; i++)
        if ((primary->frame = stack_user_frame(&finding->locks[i].created_at)) != NULL) {
            primary->source = PRIMARY_LOCK;
            primary->index = (int)i;
            return;
        }
    primary->source = PRIMARY_MEMORY;
    if ((primary->frame = stack_user_frame(&finding->location.alloc_stack)) != NULL)
        return;
    if (finding->location.decl_file != NULL && finding->location.decl_line > 0) {
        primary->own = (struct frame){.file = finding->location.decl_file, .line = finding->location.decl_line};
        primary->frame = &primary->own;
        return;
    }
    primary->source = PRIMARY_REPORT;
}

/* The sentence that says where a result is located when it is not at the
 * finding's own frame; "" when it is. */
static void primary_note(enum detector_tool tool, const struct finding *finding, const struct primary *primary,
                         const char *report_name, char *text, size_t size)
{
    char name[64];
    text[0] = '\0';
    switch (primary->source) {
    case PRIMARY_OWN:
        return;
    case PRIMARY_THREAD:
        describe_thread(tool, finding->threads[primary->index].id, name, sizeof name);
        snprintf(text, size, " Located where %s was created: the report shows no frame of the program "
                             "for the problem itself.", name);
        return;
    case PRIMARY_LOCK:
        snprintf(text, size, " Located where mutex %s was created: the report shows no frame of the program "
                             "for the problem itself.",
                 finding->locks[primary->index].name != NULL ? finding->locks[primary->index].name : "(unnamed)");
        return;
    case PRIMARY_MEMORY:
        snprintf(text, size, " Located where the memory was %s: the report shows no frame of the program "
                             "for the problem itself.",
                 finding->location.kind == LOCATION_HEAP ? "allocated"
                 : finding->location.kind == LOCATION_FD ? "created"
                                                         : "declared");
        return;
    case PRIMARY_REPORT:
        snprintf(text, size, " Located at the report %s: it shows no frame of the program for this problem, "
                             "nor where its threads, mutexes or memory came from.", report_name);
        return;
    }
}

static void result_message(enum detector_tool tool, const struct distinct_finding *distinct,
                           char *text, size_t size)
{
    const struct finding *finding = distinct->first;
    char title[128], part[TEXT_MAX];
    capitalized_title(finding->kind, title, sizeof title);
    size_t used = (size_t)snprintf(text, size, "%s", title);
    if (finding->kind == FINDING_DATA_RACE) {
        describe_location(tool, &finding->location, part, sizeof part);
        used += (size_t)snprintf(text + used, size > used ? size - used : 0, " on %s", part);
        size_t access_count = finding->access_count < 2 ? finding->access_count : 2;
        for (size_t i = 0; i < access_count; i++) {
            const struct access *access = &finding->accesses[i];
            char site[512];
            access_phrase(tool, access, part, sizeof part);
            describe_frame(stack_user_frame(&access->stack), site, sizeof site);
            used += (size_t)snprintf(text + used, size > used ? size - used : 0, "%s%s, in %s",
                                     i == 0 ? ": " : "; ", part, site);
        }
    } else if (finding->headline != NULL) {
        used += (size_t)snprintf(text + used, size > used ? size - used : 0, ": %s reported \"%s\"",
                                 tool_title(tool), finding->headline);
    }
    used += (size_t)snprintf(text + used, size > used ? size - used : 0, ".");
    if (distinct->times > 1)
        snprintf(text + used, size > used ? size - used : 0, " Reported %zu times.", distinct->times);
}

/* Adds a related location for the stack's user frame, if it has one. */
static bool add_related(const struct sarif_options *options, cJSON *related, int *next_id,
                        const struct frame *frame, const struct frame *primary, const char *message)
{
    if (frame == NULL || frame == primary)
        return true;
    return json_append(related, location_json(options, frame, (*next_id)++, message));
}

static bool add_related_locations(const struct sarif_options *options, enum detector_tool tool,
                                  cJSON *related, const struct finding *finding,
                                  const struct frame *primary)
{
    int next_id = 1;
    char text[TEXT_MAX], name[64];
    size_t access_count = finding->access_count < 2 ? finding->access_count : 2;
    for (size_t i = 0; i < access_count; i++) {
        access_phrase(tool, &finding->accesses[i], text, sizeof text);
        if (!add_related(options, related, &next_id, stack_user_frame(&finding->accesses[i].stack),
                         primary, text))
            return false;
    }
    for (size_t i = 0; finding->cycle_stacks != NULL && i < finding->cycle_count; i++) {
        snprintf(text, sizeof text, "acquisition %zu of the lock cycle", i + 1);
        if (!add_related(options, related, &next_id, stack_user_frame(&finding->cycle_stacks[i]),
                         primary, text))
            return false;
    }
    const struct location *memory = &finding->location;
    describe_location(tool, memory, text, sizeof text);
    if (memory->kind == LOCATION_HEAP) {
        strncat(text, " allocated here", sizeof text - strlen(text) - 1);
        if (!add_related(options, related, &next_id, stack_user_frame(&memory->alloc_stack),
                         primary, text))
            return false;
    }
    if (memory->decl_file != NULL && memory->decl_line > 0) {
        struct frame declaration = {.file = memory->decl_file, .line = memory->decl_line};
        strncat(text, " declared here", sizeof text - strlen(text) - 1);
        if (!add_related(options, related, &next_id, &declaration, primary, text))
            return false;
    }
    for (size_t i = 0; finding->threads != NULL && i < finding->thread_count; i++) {
        describe_thread(tool, finding->threads[i].id, name, sizeof name);
        snprintf(text, sizeof text, "%s created here", name);
        if (!add_related(options, related, &next_id, stack_user_frame(&finding->threads[i].created_at),
                         primary, text))
            return false;
    }
    for (size_t i = 0; finding->locks != NULL && i < finding->lock_count; i++) {
        snprintf(text, sizeof text, "mutex %s created here",
                 finding->locks[i].name != NULL ? finding->locks[i].name : "(unnamed)");
        if (!add_related(options, related, &next_id, stack_user_frame(&finding->locks[i].created_at),
                         primary, text))
            return false;
    }
    return true;
}

/* The stacks of the accesses and of the lock cycle, outermost structure
 * SARIF viewers show as call stacks. */
static bool add_stacks(const struct sarif_options *options, enum detector_tool tool, cJSON *stacks,
                       const struct finding *finding)
{
    char text[TEXT_MAX];
    size_t access_count = finding->access_count < 2 ? finding->access_count : 2;
    for (size_t i = 0; i < access_count; i++) {
        const struct access *access = &finding->accesses[i];
        if (access->stack.count == 0)
            continue;
        access_phrase(tool, access, text, sizeof text);
        if (!json_append(stacks, stack_json(options, &access->stack, access->thread, text)))
            return false;
    }
    for (size_t i = 0; finding->cycle_stacks != NULL && i < finding->cycle_count; i++) {
        if (finding->cycle_stacks[i].count == 0)
            continue;
        snprintf(text, sizeof text, "acquisition %zu of the lock cycle", i + 1);
        if (!json_append(stacks, stack_json(options, &finding->cycle_stacks[i], -1, text)))
            return false;
    }
    return true;
}

/* The location of a finding without any source line: the report file. */
static cJSON *report_location_json(const struct sarif_options *options)
{
    cJSON *location = cJSON_CreateObject();
    cJSON *physical = location != NULL ? cJSON_AddObjectToObject(location, "physicalLocation") : NULL;
    const char *artifact = options->artifact != NULL ? options->artifact : "stdin";
    /* The whole file as its region (SARIF 3.30: a finding on a whole
       artifact is its bytes from 0; the multitool asks for a region). */
    struct stat info;
    bool sized = options->artifact != NULL && stat(options->artifact, &info) == 0 && S_ISREG(info.st_mode);
    cJSON *region = NULL;
    if (physical != NULL && json_add_item(physical, "artifactLocation", artifact_location_json(options, artifact))
        && (region = cJSON_AddObjectToObject(physical, "region")) != NULL
        && (sized ? json_add_number(region, "byteOffset", 0, true)
                        && json_add_number(region, "byteLength", (double)info.st_size, true)
                  : json_add_number(region, "startLine", 1, true)))
        return location;
    cJSON_Delete(location);
    return NULL;
}

static cJSON *result_json(const struct sarif_options *options, enum detector_tool tool,
                          const struct distinct_finding *distinct, int rule_index)
{
    const struct finding *finding = distinct->first;
    char id[64], message[TEXT_MAX], note[512];
    rule_id(finding->kind, id, sizeof id);
    result_message(tool, distinct, message, sizeof message);
    struct primary where;
    primary_location(finding, &where);
    const struct frame *primary = where.frame;
    primary_note(tool, finding, &where, options->artifact != NULL ? options->artifact : "on stdin", note,
                 sizeof note);
    size_t used = strlen(message);
    snprintf(message + used, sizeof message - used, "%s", note);
    if (options->name != NULL) {
        used = strlen(message);
        snprintf(message + used, sizeof message - used, " (%s %s)", options->label, options->name);
    }

    cJSON *result = cJSON_CreateObject();
    if (result == NULL)
        return NULL;
    bool ok = json_add_string(result, "ruleId", id)
              && json_add_number(result, "ruleIndex", rule_index, true)
              && json_add_string(result, "level", kind_level(finding->kind))
              && json_add_item(result, "message", text_message(message));
    cJSON *locations = ok ? cJSON_CreateArray() : NULL;
    ok = json_add_item(result, "locations", locations);
    if (ok)
        ok = json_append(locations, primary != NULL ? location_json(options, primary, 0, NULL)
                                                    : report_location_json(options));
    cJSON *related = ok ? cJSON_CreateArray() : NULL;
    ok = json_add_item(result, "relatedLocations", related)
         && add_related_locations(options, tool, related, finding, primary);
    cJSON *stacks = ok ? cJSON_CreateArray() : NULL;
    ok = json_add_item(result, "stacks", stacks) && add_stacks(options, tool, stacks, finding);
    cJSON *fingerprints = ok ? cJSON_CreateObject() : NULL;
    char fingerprint[STABLE_LINE_MAX];
    stable_line_fingerprint(distinct->stable, fingerprint, sizeof fingerprint);
    ok = json_add_item(result, "partialFingerprints", fingerprints)
         && json_add_string(fingerprints, FINGERPRINT_KEY, fingerprint)
         && json_add_number(result, "occurrenceCount", (double)distinct->times, true);
    if (ok && options->name != NULL) {
        cJSON *properties = cJSON_AddObjectToObject(result, "properties");
        ok = properties != NULL && json_add_string(properties, options->label, options->name);
    }
    if (ok)
        return result;
    cJSON_Delete(result);
    return NULL;
}

/* ---- the run ---------------------------------------------------------- */

static cJSON *notification_json(const char *level, const char *text)
{
    cJSON *notification = cJSON_CreateObject();
    if (notification != NULL && json_add_string(notification, "level", level)
        && json_add_item(notification, "message", text_message(text)))
        return notification;
    cJSON_Delete(notification);
    return NULL;
}

/* Whether the detector's run gave a verdict: it died (fatal) or its
 * report was cut short; both go in as notifications.  A perturbed run's
 * sidecar (perturbation.h; NULL: none, else copied) goes in its properties. */
static cJSON *invocation_json(const struct sarif_options *options, const struct report *report,
                              const cJSON *perturbation)
{
    cJSON *invocation = cJSON_CreateObject();
    if (invocation == NULL)
        return NULL;
    cJSON *notifications = cJSON_AddArrayToObject(invocation, "toolExecutionNotifications");
    /* A run that did not reach its end (the detector died, the program was
       killed) checked only part of the program. */
    bool ok = notifications != NULL
              && json_add_bool(invocation, "executionSuccessful",
                               report->fatal == NULL && report->program_signal == 0);
    char text[TEXT_MAX];
    if (ok && report->fatal != NULL) {
        snprintf(text, sizeof text, "the detector died before giving a verdict: %s", report->fatal);
        ok = json_append(notifications, notification_json("error", text));
    }
    if (ok && report->program_signal != 0) {
        snprintf(text, sizeof text,
                 "the program was killed by signal %d%s%s%s before it ended: only the part "
                 "before the signal was checked",
                 report->program_signal, report->program_signal_name != NULL ? " (" : "",
                 report->program_signal_name != NULL ? report->program_signal_name : "",
                 report->program_signal_name != NULL ? ")" : "");
        ok = json_append(notifications, notification_json("error", text));
    }
    /* TSan prints its end marker only when it reported something. */
    bool marker_expected = report->tool != TOOL_TSAN || report->count > 0;
    if (ok && report->end_unknown)
        ok = json_append(notifications,
                         notification_json("note", "the report has no end marker (Valgrind -q "
                                                   "or an excerpt): racelab cannot tell "
                                                   "whether it is complete"));
    else if (ok && !report->finished && marker_expected && report->fatal == NULL &&
             report->program_signal == 0)
        ok = json_append(notifications,
                         notification_json("warning", "the report ends before the detector's end "
                                                      "marker: it was cut short, findings after "
                                                      "the cut are missing"));
    /* Several reports in one run: which one this invocation was. */
    cJSON *properties = ok && (options->name != NULL || perturbation != NULL)
                            ? cJSON_AddObjectToObject(invocation, "properties")
                            : NULL;
    if (ok && options->name != NULL)
        ok = properties != NULL && json_add_string(properties, options->label, options->name)
             && (strcmp(options->label, "report") == 0
                 || json_add_string(properties, "report", options->artifact));
    if (ok && perturbation != NULL)
        ok = properties != NULL
             && json_add_item(properties, "perturbation", cJSON_Duplicate(perturbation, true));
    if (ok)
        return invocation;
    cJSON_Delete(invocation);
    return NULL;
}

/* One rule per kind that occurs (present[kind]), in finding_kind order;
 * rule_of[kind] is its index in the rules array, -1 for the others. */
static bool add_rules(cJSON *rules, const bool present[FINDING_KIND_COUNT], int rule_of[FINDING_KIND_COUNT])
{
    int count = 0;
    for (int kind = 0; kind < FINDING_KIND_COUNT; kind++) {
        rule_of[kind] = present[kind] ? count : -1;
        if (!present[kind])
            continue;
        if (!json_append(rules, rule_json((enum finding_kind)kind)))
            return false;
        count++;
    }
    return true;
}

static void kinds_present(const struct distinct_findings *distinct, bool present[FINDING_KIND_COUNT])
{
    for (size_t i = 0; i < distinct->count; i++)
        present[distinct->items[i].first->kind] = true;
}

/* The base a consumer resolves SRCROOT against.  Only an absolute root can
 * be given as a URI; a relative one is left for the consumer to supply. */
static bool add_source_root(cJSON *run, const char *source_root)
{
    if (source_root == NULL || source_root[0] != '/')
        return true;
    char uri[URI_MAX] = "file://";
    if (!encode_path(source_root, uri, sizeof uri - 1))
        return false;
    if (strcmp(source_root, "/") != 0)
        strcat(uri, "/"); /* SARIF wants a base URI to end with a slash */
    cJSON *bases = cJSON_AddObjectToObject(run, "originalUriBaseIds");
    cJSON *root = bases != NULL ? cJSON_AddObjectToObject(bases, SRCROOT) : NULL;
    return root != NULL && json_add_string(root, "uri", uri);
}

/* The run without its results (an empty array, last): one tool, the rules
 * of the kinds present, one invocation per report (taken over). */
static cJSON *run_json(const struct sarif_options *options, enum detector_tool detector,
                       const bool present[FINDING_KIND_COUNT], int rule_of[FINDING_KIND_COUNT],
                       cJSON *invocation_list)
{
    cJSON *run = cJSON_CreateObject();
    if (run == NULL) {
        cJSON_Delete(invocation_list);
        return NULL;
    }
    cJSON *tool = cJSON_AddObjectToObject(run, "tool");
    cJSON *driver = tool != NULL ? cJSON_AddObjectToObject(tool, "driver") : NULL;
    /* Version and informationUri: what code scanning shows of the tool, and
       what the SARIF multitool asks for (--rule-kind Gh). */
    cJSON *rules = driver != NULL && json_add_string(driver, "name", "racelab")
                           && json_add_string(driver, "semanticVersion", RACELAB_VERSION)
                           && json_add_string(driver, "informationUri", RACELAB_INFORMATION_URI)
                       ? cJSON_AddArrayToObject(driver, "rules")
                       : NULL;
    if (rules == NULL || !add_rules(rules, present, rule_of) || !add_source_root(run, options->source_root)) {
        cJSON_Delete(invocation_list);
        cJSON_Delete(run);
        return NULL;
    }
    if (!json_add_item(run, "invocations", invocation_list)) {
        cJSON_Delete(run);
        return NULL;
    }
    cJSON *properties = cJSON_AddObjectToObject(run, "properties");
    if (properties == NULL || !json_add_string(properties, "detector", detector_tool_name(detector))
        || cJSON_AddArrayToObject(run, "results") == NULL) {
        cJSON_Delete(run);
        return NULL;
    }
    return run;
}

static cJSON *log_json(cJSON *run)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *runs = NULL;
    if (root != NULL && json_add_string(root, "$schema", SARIF_SCHEMA)
        && json_add_string(root, "version", "2.1.0")
        && (runs = cJSON_AddArrayToObject(root, "runs")) != NULL && json_append(runs, run))
        return root;
    if (runs == NULL)
        cJSON_Delete(run);
    cJSON_Delete(root);
    return NULL;
}

/* "/work/main/" and "/work/main" are the same root; without the trailing
 * slashes a file is under it when the next character is '/'. */
static const char *trim_root(const char *source_root, char trimmed[URI_MAX])
{
    if (source_root == NULL)
        return NULL;
    snprintf(trimmed, URI_MAX, "%s", source_root);
    for (size_t length = strlen(trimmed); length > 1 && trimmed[length - 1] == '/'; length--)
        trimmed[length - 1] = '\0';
    return trimmed;
}

cJSON *report_sarif(const struct report *report, const char *source_root)
{
    char trimmed[URI_MAX];
    const struct sarif_options options = {.source_root = trim_root(source_root, trimmed)};
    struct distinct_findings distinct;
    distinct_findings_collect(report, &distinct);
    bool present[FINDING_KIND_COUNT] = {false};
    int rule_of[FINDING_KIND_COUNT];
    kinds_present(&distinct, present);
    cJSON *invocations = cJSON_CreateArray();
    cJSON *run = invocations != NULL && json_append(invocations, invocation_json(&options, report, NULL))
                     ? run_json(&options, report->tool, present, rule_of, invocations)
                     : (cJSON_Delete(invocations), NULL);
    cJSON *results = run != NULL ? cJSON_GetObjectItemCaseSensitive(run, "results") : NULL;
    bool ok = results != NULL;
    for (size_t i = 0; ok && i < distinct.count; i++) {
        const struct distinct_finding *item = &distinct.items[i];
        ok = json_append(results, result_json(&options, report->tool, item, rule_of[item->first->kind]));
    }
    distinct_findings_free(&distinct);
    if (!ok) {
        cJSON_Delete(run);
        return NULL;
    }
    return log_json(run);
}

/* ---- many reports, one run, written as they are read ------------------ */

static int load_input(const struct sarif_input *input, const struct detector *detector, struct report *report)
{
    report_init(report);
    if (detector == NULL)
        return load_report(input->path, report);
    char error[256] = "";
    if (parse_detector_report(detector, input->path, report, error, sizeof error) == 0)
        return 0;
    fprintf(stderr, "racelab: %s: %s\n", input_name(input->path), error);
    report_free(report);
    report_init(report);
    return -1;
}

/* One entry of run.properties.perturbation: "report", the report's path as
 * its invocation names it, then the keys of its sidecar. */
static cJSON *run_perturbation_json(const char *report, const cJSON *perturbation)
{
    cJSON *entry = cJSON_CreateObject();
    bool ok = entry != NULL && json_add_string(entry, "report", report);
    for (const cJSON *item = perturbation->child; ok && item != NULL; item = item->next)
        ok = json_add_item(entry, item->string, cJSON_Duplicate(item, true));
    if (ok)
        return entry;
    cJSON_Delete(entry);
    return NULL;
}

/* Puts the entries (taken over) in run.properties.perturbation; none: no key. */
static bool add_run_perturbations(cJSON *run, cJSON *perturbations)
{
    if (run == NULL || cJSON_GetArraySize(perturbations) == 0) {
        cJSON_Delete(perturbations);
        return run != NULL;
    }
    return json_add_item(cJSON_GetObjectItemCaseSensitive(run, "properties"), "perturbation", perturbations);
}

static void input_options(const struct sarif_options *base, const struct sarif_input *input, bool named,
                          const char *label, struct sarif_options *options)
{
    *options = *base;
    options->artifact = input->path != NULL && strcmp(input->path, "-") != 0 ? input->path : NULL;
    options->name = named ? (input->name != NULL ? input->name : input_name(input->path)) : NULL;
    options->label = label;
}

/* The fingerprints already written for the current test: one race seen in
 * several runs of a test is one result. */
struct written {
    char **items;
    size_t count;
};

static bool written_add(struct written *written, const char *fingerprint)
{
    for (size_t i = 0; i < written->count; i++)
        if (strcmp(written->items[i], fingerprint) == 0)
            return false;
    char **grown = realloc(written->items, (written->count + 1) * sizeof *grown);
    char *copy = grown != NULL ? strdup(fingerprint) : NULL;
    if (grown != NULL)
        written->items = grown;
    if (copy != NULL)
        written->items[written->count++] = copy;
    return true;
}

static void written_clear(struct written *written)
{
    for (size_t i = 0; i < written->count; i++)
        free(written->items[i]);
    free(written->items);
    *written = (struct written){NULL, 0};
}

/* Writes one report's results, each as soon as it is built, after
 * `*first` (", " between results). */
static int write_results(FILE *out, const struct sarif_options *options, const struct report *report,
                         const int rule_of[FINDING_KIND_COUNT], struct written *written, bool *first)
{
    struct distinct_findings distinct;
    distinct_findings_collect(report, &distinct);
    int status = 0;
    for (size_t i = 0; status == 0 && i < distinct.count; i++) {
        const struct distinct_finding *item = &distinct.items[i];
        char fingerprint[STABLE_LINE_MAX];
        stable_line_fingerprint(item->stable, fingerprint, sizeof fingerprint);
        if (options->name != NULL && !written_add(written, fingerprint))
            continue;
        cJSON *result = result_json(options, report->tool, item, rule_of[item->first->kind]);
        char *text = result != NULL ? cJSON_Print(result) : NULL;
        cJSON_Delete(result);
        if (text == NULL || (!*first && fputs(", ", out) == EOF) || json_write_layout(text, 4, out) != 0)
            status = -1;
        cJSON_free(text);
        *first = false;
    }
    distinct_findings_free(&distinct);
    return status;
}

int sarif_write_reports(FILE *out, const struct sarif_input *inputs, size_t count, const char *label,
                        const char *source_root, const struct detector *detector)
{
    char trimmed[URI_MAX];
    const struct sarif_options base = {.source_root = trim_root(source_root, trimmed)};
    bool named = label != NULL;
    struct sarif_options options;
    /* First pass: every report readable, of one detector; the kinds found
       (the rules come before the results) and one invocation each.  One
       report is read once and kept; several are read twice, one at a time. */
    bool present[FINDING_KIND_COUNT] = {false};
    int rule_of[FINDING_KIND_COUNT];
    enum detector_tool tool = TOOL_UNKNOWN;
    const char *tool_input = NULL;
    bool fatal = false;
    struct report kept;
    report_init(&kept);
    int refused = EXIT_USAGE;
    cJSON *invocations = cJSON_CreateArray();
    cJSON *perturbations = cJSON_CreateArray(); /* run.properties.perturbation */
    if (invocations == NULL || perturbations == NULL)
        goto out_of_memory;
    for (size_t i = 0; i < count; i++) {
        struct report report;
        if (load_input(&inputs[i], detector, &report) != 0)
            goto refuse;
        if (tool != TOOL_UNKNOWN && report.tool != TOOL_UNKNOWN && report.tool != tool) {
            fprintf(stderr, "racelab: sarif: %s is a %s report and %s a %s one: one run is one detector, "
                            "write one SARIF file per detector\n",
                    input_name(inputs[i].path), detector_tool_name(report.tool), input_name(tool_input),
                    detector_tool_name(tool));
            report_free(&report);
            goto refuse;
        }
        cJSON *perturbation; /* the report's sidecar, NULL when it has none */
        int sidecar = perturbation_read(inputs[i].path, &perturbation);
        if (sidecar != EXIT_OK) {
            report_free(&report);
            refused = sidecar;
            goto refuse;
        }
        if (tool == TOOL_UNKNOWN) {
            tool = report.tool;
            tool_input = inputs[i].path;
        }
        fatal = fatal || report.fatal != NULL;
        struct distinct_findings distinct;
        distinct_findings_collect(&report, &distinct);
        kinds_present(&distinct, present);
        distinct_findings_free(&distinct);
        input_options(&base, &inputs[i], named, label, &options);
        bool added = json_append(invocations, invocation_json(&options, &report, perturbation))
                     && (perturbation == NULL
                         || json_append(perturbations, run_perturbation_json(inputs[i].path, perturbation)));
        cJSON_Delete(perturbation);
        if (count == 1)
            kept = report;
        else
            report_free(&report);
        if (!added)
            goto out_of_memory;
    }
    if (tool == TOOL_UNKNOWN && detector != NULL)
        tool = detector->tool; /* no report: an empty run still says which detector found nothing */
    cJSON *run = run_json(&base, tool, present, rule_of, invocations);
    cJSON *root = add_run_perturbations(run, perturbations) ? log_json(run) : (cJSON_Delete(run), NULL);
    invocations = perturbations = NULL;
    /* The document up to its results, written around them: cJSON prints
       the run's last member, "results": [], at its very end. */
    static const char tail[] = "\"results\":\t[]\n\t\t}]\n}";
    char *text = root != NULL ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    size_t length = text != NULL ? strlen(text) : 0;
    if (text == NULL || length < sizeof tail || strcmp(text + length - (sizeof tail - 1), tail) != 0) {
        cJSON_free(text);
        goto out_of_memory;
    }
    text[length - (sizeof tail - 1) + strlen("\"results\":\t[")] = '\0';
    int status = json_write_layout(text, 0, out);
    cJSON_free(text);
    struct written written = {NULL, 0};
    bool first = true;
    for (size_t i = 0; status == 0 && i < count; i++) {
        struct report report;
        if (count == 1)
            report = kept;
        else if (load_input(&inputs[i], detector, &report) != 0)
            status = -1;
        if (status != 0)
            break;
        if (i > 0 && (inputs[i].name == NULL || inputs[i - 1].name == NULL
                      || strcmp(inputs[i].name, inputs[i - 1].name) != 0))
            written_clear(&written);
        input_options(&base, &inputs[i], named, label, &options);
        status = write_results(out, &options, &report, rule_of, &written, &first);
        report_free(&report);
    }
    written_clear(&written);
    if (status == 0)
        status = json_write_layout("]\n\t\t}]\n}\n", 0, out);
    if (status != 0 || fflush(out) != 0) {
        fputs("racelab: sarif: out of memory or write error: the SARIF is incomplete\n", stderr);
        return EXIT_NO_VERDICT;
    }
    return fatal ? EXIT_NO_VERDICT : EXIT_OK;
out_of_memory:
    fputs("racelab: sarif: out of memory\n", stderr);
    refused = EXIT_NO_VERDICT;
refuse:
    cJSON_Delete(invocations);
    cJSON_Delete(perturbations);
    report_free(&kept);
    return refused;
}

int command_sarif(int argc, char **argv)
{
    struct sarif_options options;
    const char **inputs_given = calloc((size_t)argc + 1, sizeof *inputs_given);
    if (inputs_given == NULL) {
        fputs("racelab: sarif: out of memory\n", stderr);
        return EXIT_NO_VERDICT;
    }
    size_t count = 0;
    const struct detector *detector;
    int parsed = parse_options(argc, argv, &options, inputs_given, &count, &detector);
    if (parsed != 0) {
        free(inputs_given);
        return parsed > 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (detector != NULL && (count == 0 || strcmp(inputs_given[0], "-") == 0)) {
        free(inputs_given);
        fputs("racelab: sarif: --detector reads report files: give them (not stdin)\n", stderr);
        return EXIT_USAGE;
    }
    struct sarif_input *inputs = calloc(count + 1, sizeof *inputs);
    if (inputs == NULL) {
        free(inputs_given);
        fputs("racelab: sarif: out of memory\n", stderr);
        return EXIT_NO_VERDICT;
    }
    if (count == 0)
        inputs[count++] = (struct sarif_input){NULL, NULL};
    for (size_t i = 0; inputs_given[i] != NULL; i++)
        inputs[i] = (struct sarif_input){inputs_given[i], inputs_given[i]};
    int status = sarif_write_reports(stdout, inputs, count, count > 1 ? "report" : NULL, options.source_root,
                                     detector);
    free(inputs);
    free(inputs_given);
    return status;
}
