/* explain.c: `racelab explain`, each distinct finding told in plain language.
 *
 * For a person who just got a detector report and wants to know what it
 * means: which bug, on which variable, between which threads, at which
 * source lines (printed from the source when it can be found), holding
 * which locks, and what the usual fixes are.  The text is stable (no pids,
 * addresses or timing), so it is golden-tested like the other exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "describe.h"
#include "distinct.h"
#include "exports.h"
#include "input.h"
#include "source_listing.h"

enum { DEFAULT_CONTEXT = 2, MAX_CONTEXT = 100, PHRASE_MAX = 1024, WRAP_WIDTH = 78 };

struct explain_options {
    struct source_paths sources;
    int context;       /* source lines shown before and after a marked line */
    const char *input; /* report path, NULL or "-" for stdin */
};

static const char usage[] =
    "usage: racelab explain [--source-path DIR]... [--context N] [REPORT|-]\n"
    "Explains each distinct finding of a detector report in plain language: the\n"
    "kind of bug, the memory, the threads, the source lines (printed from the\n"
    "source when found), the locks held and the usual fixes. Sources are looked\n"
    "for under each --source-path DIR, then at the path the report prints.\n"
    "--context N shows N lines around each source line (default 2).\n"
    "Reads stdin when REPORT is - or absent. Exit status 3 when the detector died.\n";

/* ---- options ---------------------------------------------------------- */

/* Returns -1 after printing a usage error, 1 after printing the help, 0 ok.
 * options->sources.dirs is malloc'd (argc entries at most). */
static int parse_options(int argc, char **argv, struct explain_options *options)
{
    options->context = DEFAULT_CONTEXT;
    options->input = NULL;
    options->sources.count = 0;
    options->sources.dirs = malloc((size_t)argc * sizeof *options->sources.dirs);
    if (options->sources.dirs == NULL) {
        fputs("racelab: out of memory\n", stderr);
        return -1;
    }
    bool have_input = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage, stdout);
            return 1;
        }
        if (strcmp(arg, "--source-path") == 0 || strcmp(arg, "--context") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "racelab: explain: %s needs a value (see 'racelab explain --help')\n", arg);
                return -1;
            }
            const char *value = argv[++i];
            if (strcmp(arg, "--source-path") == 0) {
                options->sources.dirs[options->sources.count++] = value;
                continue;
            }
            char *end = NULL;
            long context = strtol(value, &end, 10);
            if (end == value || *end != '\0' || context < 0 || context > MAX_CONTEXT) {
                fprintf(stderr, "racelab: explain: --context wants a number from 0 to %d, not '%s'\n",
                        MAX_CONTEXT, value);
                return -1;
            }
            options->context = (int)context;
            continue;
        }
        if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "racelab: explain: unknown option '%s' (see 'racelab explain --help')\n", arg);
            return -1;
        }
        if (have_input) {
            fprintf(stderr, "racelab: explain: one report at a time, got '%s' and '%s'\n",
                    options->input, arg);
            return -1;
        }
        options->input = arg;
        have_input = true;
    }
    return 0;
}

/* ---- small helpers ---------------------------------------------------- */

/* Copies text with every "0x<hex>" replaced by "0x...": detector messages
 * carry addresses that change on every run, and this output is golden-tested. */
static void without_addresses(const char *text, char *out, size_t size)
{
    size_t used = 0;
    for (const char *p = text; *p != '\0' && used + 6 < size; p++) {
        if (p[0] == '0' && p[1] == 'x' && strchr("0123456789abcdefABCDEF", p[2]) != NULL) {
            memcpy(out + used, "0x...", 5);
            used += 5;
            p += 2;
            while (p[1] != '\0' && strchr("0123456789abcdefABCDEF", p[1]) != NULL)
                p++;
        } else {
            out[used++] = *p;
        }
    }
    out[used] = '\0';
}

/* The frame a person should read: the user frame, else the innermost one. */
static const struct frame *readable_frame(const struct stack *stack)
{
    const struct frame *frame = stack_user_frame(stack);
    if (frame == NULL && stack->count > 0 && stack->frames != NULL)
        frame = &stack->frames[0];
    return frame;
}

/* The user frame after `frame` in the stack: who called the user code. */
static const struct frame *calling_user_frame(const struct stack *stack, const struct frame *frame)
{
    if (frame == NULL || stack->frames == NULL)
        return NULL;
    size_t next = (size_t)(frame - stack->frames) + 1;
    if (next >= stack->count)
        return NULL;
    struct stack rest = {stack->frames + next, stack->count - next};
    return stack_user_frame(&rest);
}

/* The library function the program called that made the access: the frame
 * just above the program's own in the stack (free, pthread_mutex_destroy,
 * memcpy, ...), or NULL when the program's own code made it.  Interceptor
 * and libc-internal frames above it ("__lll_lock_wait") are not what the
 * program called, so the nearest one to the program's frame is named. */
static const char *library_call(const struct stack *stack)
{
    const struct frame *own = stack_user_frame(stack);
    if (own == NULL || own == stack->frames)
        return NULL;
    const struct frame *called = own - 1;
    return called->function != NULL && called->function[0] != '\0' ? called->function : NULL;
}

static bool starts_with(const char *text, const char *prefix)
{
    return strncmp(text, prefix, strlen(prefix)) == 0;
}

/* Advice for an access made inside a library call, fitted to the call. */
static const char *library_call_advice(const char *call)
{
    if (strcmp(call, "free") == 0 || strcmp(call, "realloc") == 0 || strstr(call, "operator delete") != NULL)
        return "The memory is freed while another thread still uses it: free it only after every "
               "thread that uses it is done (join them first, or hand the block over under a lock "
               "or with a reference count).";
    if (strstr(call, "_destroy") != NULL)
        return "A synchronisation object is destroyed while another thread still uses it: destroy "
               "it only after every thread that takes it has finished (join them first).";
    if (starts_with(call, "pthread_") || starts_with(call, "sem_") || starts_with(call, "__pthread"))
        return "The race is on the synchronisation object itself, not on data it guards: it is used "
               "while another thread initialises, destroys, frees or overwrites it. Give it one "
               "lifetime that covers every thread that uses it.";
    return "The library call reads or writes the shared memory on the program's behalf: guard the "
           "call with the same lock as the other access, as any other access.";
}

/* "in count_up at file.c:15" after `lead`, and below it, indented by
 * `indent`, the source lines. */
static void print_site(const struct explain_options *options, const struct stack *stack,
                       const char *lead, const char *indent)
{
    const struct frame *frame = readable_frame(stack);
    if (frame == NULL || (frame->function == NULL && frame->file == NULL)) {
        /* TSan's "[failed to restore the stack]", or a report cut short */
        printf("%sat an unknown place: the detector could not give this stack\n", lead);
        return;
    }
    char where[PHRASE_MAX];
    describe_frame(frame, where, sizeof where);
    printf("%s%s%s\n", lead, frame->function != NULL ? "in " : "at ", where);
    if (frame == stack_user_frame(stack))
        print_source_listing(stdout, &options->sources, frame->file, frame->line,
                             options->context, indent);
    else
        printf("%s(no source line of the program in this stack)\n", indent);
}

/* ---- the parts of one finding ----------------------------------------- */

/* Prints text word-wrapped to WRAP_WIDTH columns, the first line after
 * `first`, the others after `rest` (both indents). */
static void print_wrapped(const char *first, const char *rest, const char *text)
{
    size_t column = strlen(first);
    fputs(first, stdout);
    bool line_empty = true;
    while (*text != '\0') {
        while (*text == ' ')
            text++;
        size_t word = strcspn(text, " ");
        if (word == 0)
            break;
        if (!line_empty && column + 1 + word > WRAP_WIDTH) {
            printf("\n%s", rest);
            column = strlen(rest);
            line_empty = true;
        }
        if (!line_empty) {
            putchar(' ');
            column++;
        }
        fwrite(text, 1, word, stdout);
        column += word;
        text += word;
        line_empty = false;
    }
    putchar('\n');
}

static void print_what_it_means(const struct finding *finding)
{
    char text[PHRASE_MAX];
    if (finding->kind == FINDING_OTHER)
        snprintf(text, sizeof text, "What it means: the detector reported \"%s\". %s",
                 finding->headline != NULL ? finding->headline : "(no headline)",
                 kind_meaning(finding->kind));
    else
        snprintf(text, sizeof text, "What it means: %s", kind_meaning(finding->kind));
    /* kind_meaning() starts a sentence; here it follows a colon. */
    char *first = text + strlen("What it means: ");
    if (*first >= 'A' && *first <= 'Z')
        *first = (char)(*first - 'A' + 'a');
    print_wrapped("  ", "  ", text);
}

static void print_memory(enum detector_tool tool, const struct finding *finding)
{
    const struct location *location = &finding->location;
    if (finding->kind != FINDING_DATA_RACE && location->kind == LOCATION_UNKNOWN)
        return; /* lock findings are about mutexes, not about a variable */
    char what[PHRASE_MAX];
    describe_location(tool, location, what, sizeof what);
    /* For the lock findings the named memory is the mutex itself. */
    printf("  The %s: %s", finding->kind == FINDING_DATA_RACE ? "memory" : "mutex", what);
    if (location->decl_file != NULL && location->decl_line > 0)
        printf(", declared at %s:%d", location->decl_file, location->decl_line);
    if (location->kind == LOCATION_HEAP || location->kind == LOCATION_FD) {
        const char *made = location->kind == LOCATION_HEAP ? "allocated" : "created";
        const struct frame *frame = readable_frame(&location->alloc_stack);
        char who[64], where[PHRASE_MAX];
        describe_thread(tool, location->thread, who, sizeof who);
        describe_frame(frame, where, sizeof where);
        if (frame == NULL)
            printf(" (the report does not say where it was %s)", made);
        else if (location->thread >= 0)
            printf(",\n  %s by %s %s%s", made, who, frame->function != NULL ? "in " : "at ", where);
        else
            printf(",\n  %s %s%s", made, frame->function != NULL ? "in " : "at ", where);
    }
    puts(".");
}

static void print_accesses(const struct explain_options *options, enum detector_tool tool,
                           const struct finding *finding)
{
    size_t count = finding->access_count < 2 ? finding->access_count : 2;
    if (count == 0) {
        if (finding->kind == FINDING_DATA_RACE)
            puts("  The accesses: the report gives no details of them.");
        return;
    }
    bool memory = finding->kind == FINDING_DATA_RACE;
    puts(memory ? "  The accesses:" : "  Where it happened:");
    for (size_t i = 0; i < count; i++) {
        const struct access *access = &finding->accesses[i];
        char thread[64], locks[PHRASE_MAX], what[64];
        describe_thread(tool, access->thread, thread, sizeof thread);
        describe_locks_held(access, locks, sizeof locks);
        describe_access(access, what, sizeof what);
        if (memory) {
            printf("  %zu. %s%s by %s, %s,\n", i + 1, access->previous ? "earlier " : "", what,
                   thread, locks);
            const char *call = library_call(&access->stack);
            if (call != NULL)
                printf("     inside the library call %s(), which the program called\n", call);
            print_site(options, &access->stack, "     ", "     ");
            continue;
        }
        /* A lock operation: its thread and locks only when the detector says. */
        char lead[PHRASE_MAX + 128];
        int used = snprintf(lead, sizeof lead, "  %zu. ", i + 1);
        if (access->thread >= 0 && used >= 0 && (size_t)used < sizeof lead)
            used += snprintf(lead + used, sizeof lead - (size_t)used, "by %s, ", thread);
        if (access->lock_count > 0 && used >= 0 && (size_t)used < sizeof lead)
            snprintf(lead + used, sizeof lead - (size_t)used, "%s, ", locks);
        print_site(options, &access->stack, lead, "     ");
    }
    if (memory && count == 1)
        puts("  The detector names only this side of the race; the other thread's access\n"
             "  is not in its report.");
}

static void print_cycle(const struct explain_options *options, const struct finding *finding)
{
    if (finding->cycle_count == 0 || finding->cycle_stacks == NULL)
        return;
    /* Say how many threads took part only when the report names each edge's. */
    int first = finding->cycle_threads != NULL ? finding->cycle_threads[0] : -1;
    bool one_thread = first >= 0;
    for (size_t i = 1; one_thread && i < finding->cycle_count; i++)
        one_thread = finding->cycle_threads[i] == first;
    if (one_thread && finding->cycle_count > 1)
        print_wrapped("  ", "  ",
                      "One thread took every lock of this cycle, in turn, so this run could "
                      "not deadlock; any two threads running these paths at once could.");
    printf("  The lock acquisitions that form the cycle (%zu):\n", finding->cycle_count);
    for (size_t i = 0; i < finding->cycle_count; i++) {
        char lead[32];
        snprintf(lead, sizeof lead, "  %zu. ", i + 1);
        print_site(options, &finding->cycle_stacks[i], lead, "     ");
    }
}

static void print_one_thread(enum detector_tool tool, const struct finding *finding, int id)
{
    char name[64];
    describe_thread(tool, id, name, sizeof name);
    const struct thread_info *info = finding_thread_info(finding, id);
    const struct frame *frame = info != NULL ? readable_frame(&info->created_at) : NULL;
    bool main_thread = id == 0 || (id == 1 && (tool == TOOL_HELGRIND || tool == TOOL_DRD));
    if (frame == NULL) {
        printf("  - %s: %s\n", name,
               main_thread ? "it runs main()"
                           : "the report does not say where it was created");
        return;
    }
    char creator[64], where[PHRASE_MAX];
    describe_thread(tool, info->creator, creator, sizeof creator);
    describe_frame(frame, where, sizeof where);
    printf("  - %s was created%s%s %s%s", name, info->creator >= 0 ? " by " : "",
           info->creator >= 0 ? creator : "", frame->function != NULL ? "in " : "at ", where);
    const struct frame *caller = calling_user_frame(&info->created_at, frame);
    if (caller != NULL) {
        describe_frame(caller, where, sizeof where);
        printf(",\n    called from %s", where);
    }
    putchar('\n');
    if (info->finished)
        puts("    (it had already finished when the detector reported)");
}

/* The threads of the accesses first, in access order, then any other
 * thread the report describes, each once. */
static void print_threads(enum detector_tool tool, const struct finding *finding)
{
    int shown[2 + 64];
    size_t shown_count = 0;
    size_t access_count = finding->access_count < 2 ? finding->access_count : 2;
    for (size_t i = 0; i < access_count + finding->thread_count && shown_count < 66; i++) {
        int id = i < access_count ? finding->accesses[i].thread
                                  : finding->threads[i - access_count].id;
        bool seen = id < 0; /* an unknown thread: nothing to say about it */
        for (size_t j = 0; j < shown_count && !seen; j++)
            seen = shown[j] == id;
        if (seen)
            continue;
        if (shown_count == 0)
            puts("  The threads:");
        shown[shown_count++] = id;
        print_one_thread(tool, finding, id);
    }
}

static void print_locks(enum detector_tool tool, const struct finding *finding)
{
    /* TSan says where a mutex was created; Valgrind where it first saw it. */
    const char *origin = tool == TOOL_TSAN ? "created" : "first seen";
    if (finding->lock_count == 0 || finding->locks == NULL)
        return;
    puts("  The mutexes:");
    for (size_t i = 0; i < finding->lock_count; i++) {
        const struct lock_info *lock = &finding->locks[i];
        const char *name = lock->name != NULL ? lock->name : "(unnamed)";
        const struct frame *frame = readable_frame(&lock->created_at);
        if (frame == NULL) {
            printf("  - %s (the report does not say where it was %s)\n", name, origin);
            continue;
        }
        char where[PHRASE_MAX];
        describe_frame(frame, where, sizeof where);
        printf("  - %s, %s %s%s\n", name, origin, frame->function != NULL ? "in " : "at ", where);
    }
}

/* Hints that depend on what the two accesses did, before the general ones. */
static void print_race_specific_fixes(const struct finding *finding)
{
    if (finding->access_count == 1 && library_call(&finding->accesses[0].stack) != NULL)
        print_wrapped("  - ", "    ", library_call_advice(library_call(&finding->accesses[0].stack)));
    if (finding->access_count < 2)
        return;
    const struct access *a = &finding->accesses[0], *b = &finding->accesses[1];
    /* An access inside free() or pthread_mutex_destroy() is the library's:
       TSan reports a destroy as an atomic write, and "make every access
       atomic" would be the wrong cure. */
    const char *call = library_call(&a->stack) ? library_call(&a->stack) : library_call(&b->stack);
    if (call != NULL) {
        print_wrapped("  - ", "    ", library_call_advice(call));
        return;
    }
    if (a->atomic != b->atomic)
        print_wrapped("  - ", "    ", "One access is atomic and the other is not: an atomic is "
                      "only safe when every access to the variable is atomic.");
    /* Only what the report says: an unreported lock set is not "none". */
    if (a->lock_count > 0 && b->lock_count > 0)
        print_wrapped("  - ", "    ", "Both sides hold a lock, but not a common one: the same "
                      "mutex must guard every access to this memory.");
    else if ((a->lock_count > 0 && b->locks_known) || (b->lock_count > 0 && a->locks_known))
        print_wrapped("  - ", "    ", "Only one side holds a lock: a mutex protects nothing "
                      "unless every access to the memory takes it.");
}

static void print_fixes(const struct finding *finding)
{
    puts("  Usual fixes:");
    if (finding->kind == FINDING_DATA_RACE)
        print_race_specific_fixes(finding);
    for (const char *const *fix = kind_fixes(finding->kind); *fix != NULL; fix++)
        print_wrapped("  - ", "    ", *fix);
    if (finding->kind == FINDING_DATA_RACE)
        print_wrapped("  - ", "    ", race_atomic_fix(finding));
}

static void explain_finding(const struct explain_options *options, enum detector_tool tool,
                            const struct distinct_finding *distinct, size_t number, size_t total)
{
    const struct finding *finding = distinct->first;
    printf("Finding %zu of %zu: %s", number, total, kind_title(finding->kind));
    if (finding->kind == FINDING_DATA_RACE && finding->location.kind != LOCATION_UNKNOWN) {
        char what[PHRASE_MAX];
        describe_location(tool, &finding->location, what, sizeof what);
        printf(" on %s", what);
    }
    if (distinct->times > 1)
        printf(", reported %zu times", distinct->times);
    if (finding->similar_count > 0)
        printf(" (and %d more like it the detector folded into this one)", finding->similar_count);
    printf("\n  (stable form: %s)\n\n", distinct->stable);
    print_what_it_means(finding);
    putchar('\n');
    print_memory(tool, finding);
    print_accesses(options, tool, finding);
    print_cycle(options, finding);
    print_threads(tool, finding);
    print_locks(tool, finding);
    putchar('\n');
    print_fixes(finding);
}

/* ---- the report as a whole -------------------------------------------- */

static void explain_fatal(const struct report *report)
{
    char message[PHRASE_MAX];
    without_addresses(report->fatal, message, sizeof message);
    printf("The detector died before it could judge the program, so there is no verdict:\n"
           "  %s\n", message);
    if (strstr(report->fatal, "unexpected memory mapping") != NULL) {
        puts("What it means: ThreadSanitizer found memory where its shadow memory has to go.\n"
             "This kernel randomises mmap addresses with more bits than TSan's fixed memory\n"
             "layout allows (vm.mmap_rnd_bits above 28, the default on recent kernels); the\n"
             "program itself is not at fault.\n"
             "Fix: run `sudo sysctl vm.mmap_rnd_bits=28` (until the next reboot), or run\n"
             "the program under `setarch -R` to turn the randomisation off for that run.");
    } else if (strstr(report->fatal, "impossible") != NULL) {
        puts("What it means: Valgrind hit an internal error; it says nothing about the\n"
             "program's threads.  Fix: try another Valgrind version, or the other\n"
             "detectors (ThreadSanitizer) for this program.");
    } else if (strstr(report->fatal, "memory") != NULL || strstr(report->fatal, "allocate") != NULL) {
        puts("What it means: the detector ran out of memory; race detectors need several\n"
             "times the program's own memory.  Fix: run with fewer threads or iterations,\n"
             "or raise the memory limit (ulimit -v).");
    } else {
        puts("What it means: the detector stopped early; re-run it, and read its message\n"
             "above for the cause.");
    }
}

static void explain_completeness(const struct report *report)
{
    /* TSan prints its end marker only when it reported something, so a
       clean TSan report has none and is still complete. */
    bool marker_expected = report->tool != TOOL_TSAN || report->count > 0;
    if (report->program_signal != 0)
        printf("Warning: the program was killed by signal %d%s%s%s before it ended, so this is\n"
               "not a finished run: code after that point never ran and was not checked.\n\n",
               report->program_signal, report->program_signal_name != NULL ? " (" : "",
               report->program_signal_name != NULL ? report->program_signal_name : "",
               report->program_signal_name != NULL ? ")" : "");
    else if (report->end_unknown)
        puts("Note: this report has no end marker (Valgrind run with -q, or an excerpt), so\n"
             "racelab cannot tell whether it is complete.\n");
    else if (!report->finished && marker_expected && report->fatal == NULL)
        puts("Warning: the report ends before the detector's end marker: it was cut short\n"
             "(the program crashed, timed out or was killed), so findings after the cut\n"
             "are missing.\n");
    if (report->reported_count >= 0 && (size_t)report->reported_count != report->count)
        printf("Note: %s announced %d warnings and racelab read %zu.\n\n", tool_title(report->tool),
               report->reported_count, report->count);
}

void explain_report(const struct report *report, const struct source_paths *sources, int context)
{
    struct source_paths no_sources = {NULL, 0};
    const struct explain_options options_value = {sources != NULL ? *sources : no_sources,
                                                  context, NULL};
    const struct explain_options *options = &options_value;
    if (report->fatal != NULL) {
        explain_fatal(report);
        if (report->count == 0)
            return;
        putchar('\n');
    }
    struct distinct_findings distinct;
    distinct_findings_collect(report, &distinct);
    if (report->count == 0 && report->program_signal != 0) {
        print_wrapped("", "", "no findings before the program was killed: this is not a clean "
                              "run, only the part before the signal was checked.");
        explain_completeness(report);
        distinct_findings_free(&distinct);
        return;
    }
    if (report->count == 0) {
        char text[PHRASE_MAX];
        snprintf(text, sizeof text,
                 "no findings: %s reported no data race, deadlock risk or misuse of the "
                 "threads API in this run. A detector only judges the interleavings that "
                 "actually ran: a clean run is evidence, not proof; run it again with more "
                 "threads or iterations to gain confidence.",
                 tool_title(report->tool));
        print_wrapped("", "", text);
        explain_completeness(report);
        distinct_findings_free(&distinct);
        return;
    }
    printf("%s report: %zu distinct finding%s", tool_title(report->tool), distinct.count,
           distinct.count == 1 ? "" : "s");
    if (report->count != distinct.count)
        printf(" (%zu reported)", report->count);
    puts(".\n");
    explain_completeness(report);
    for (size_t i = 0; i < distinct.count; i++) {
        if (i > 0)
            putchar('\n');
        explain_finding(options, report->tool, &distinct.items[i], i + 1, distinct.count);
    }
    distinct_findings_free(&distinct);
}

int command_explain(int argc, char **argv)
{
    struct explain_options options;
    int parsed = parse_options(argc, argv, &options);
    if (parsed != 0) {
        free(options.sources.dirs);
        return parsed > 0 ? EXIT_OK : EXIT_USAGE;
    }
    struct report report;
    report_init(&report);
    if (load_report(options.input, &report) != 0) {
        free(options.sources.dirs);
        return EXIT_USAGE;
    }
    explain_report(&report, &options.sources, options.context);
    int status = report.fatal != NULL ? EXIT_NO_VERDICT : EXIT_OK;
    report_free(&report);
    free(options.sources.dirs);
    return status;
}
