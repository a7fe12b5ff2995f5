/* normalize.c: findings -> the stable one-line form (see normalize.h). */
#include "normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "commands.h"
#include "input.h"
#include "source.h"

static const char *basename_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* A field never holds a space or a quote, whatever a parser let through
 * (a fuzzed name, a detector's phrase): the line stays split-able. */
static void make_one_field(char *text)
{
    for (char *p = text; *p != '\0'; p++)
        if (*p == ' ' || *p == '"' || *p == '\'' || *p == '\t')
            *p = '_';
}

/* The index of the '(' matching the ')' at text[close], or -1. */
static long opening_parenthesis(const char *text, long close)
{
    int depth = 0;
    for (long i = close; i >= 0; i--) {
        if (text[i] == ')')
            depth++;
        else if (text[i] == '(' && --depth == 0)
            return i;
    }
    return -1;
}

/* Replaces text[from, to) by replacement in a buffer of `size` bytes,
 * moving the rest first (clang's "$_0" is shorter than "lambda"); what no
 * longer fits is cut off. */
static void replace_span(char *text, size_t size, size_t from, size_t to, const char *replacement)
{
    size_t length = strlen(replacement), rest = strlen(text + to);
    if (from + length >= size)
        length = size - 1 - from;
    if (from + length + rest >= size)
        rest = size - 1 - from - length;
    memmove(text + from + length, text + to, rest);
    memcpy(text + from, replacement, length);
    text[from + length + rest] = '\0';
}

/* A demangled C++ function as the site names it: the qualified name alone,
 * the same from every detector and compiler ("Counter::add(int) const" is
 * Counter::add, "void bump<int>(int&)" is bump<int>), and a lambda is
 * "lambda" whatever the compiler calls it (clang "$_0", gcc
 * "{lambda()#1}"): main::lambda::operator(). */
static void format_cxx_function(char *text, size_t size)
{
    /* Qualifiers after the parameter list. */
    static const char *const qualifiers[] = {" const", " volatile", " &&", " &", " noexcept"};
    for (bool trimmed = true; trimmed;) {
        trimmed = false;
        for (size_t q = 0; q < sizeof qualifiers / sizeof qualifiers[0]; q++) {
            size_t length = strlen(text), qualifier = strlen(qualifiers[q]);
            if (length > qualifier && strcmp(text + length - qualifier, qualifiers[q]) == 0) {
                text[length - qualifier] = '\0';
                trimmed = true;
            }
        }
    }
    /* The parameter list. */
    long length = (long)strlen(text);
    if (length > 0 && text[length - 1] == ')') {
        long open = opening_parenthesis(text, length - 1);
        if (open > 0)
            text[open] = '\0';
    }
    /* gcc's TSan names a lambda's call "operator()" alone: the "()" cut
       above was the name's, not a parameter list. */
    length = (long)strlen(text);
    if (length >= 8 && strcmp(text + length - 8, "operator") == 0 && (size_t)length + 2 < size)
        strcat(text, "()");
    /* Lambdas: gcc's "{lambda(int)#1}", clang's "$_0". */
    for (char *at = strstr(text, "{lambda("); at != NULL; at = strstr(at + 1, "{lambda(")) {
        char *end = strchr(at, '}');
        if (end != NULL)
            replace_span(text, size, (size_t)(at - text), (size_t)(end + 1 - text), "lambda");
    }
    for (char *at = strstr(text, "$_"); at != NULL; at = strstr(at + 1, "$_")) {
        size_t end = (size_t)(at - text) + 2;
        while (text[end] >= '0' && text[end] <= '9')
            end++;
        if (end > (size_t)(at - text) + 2)
            replace_span(text, size, (size_t)(at - text), end, "lambda");
    }
    /* A return type in front (templates): what follows the last space
       outside <>, () and {}. */
    int depth = 0;
    char *name = text;
    for (char *p = text; *p != '\0'; p++) {
        if (*p == '<' || *p == '(' || *p == '{')
            depth++;
        else if ((*p == '>' || *p == ')' || *p == '}') && depth > 0)
            depth--;
        else if (*p == ' ' && depth == 0)
            name = p + 1;
    }
    if (name != text)
        memmove(text, name, strlen(name) + 1);
}

/* A function as the site names it: gcc's clone suffixes off ("worker.part.0"
 * and "worker.constprop.0" are worker: whether gcc split or specialised a
 * function is not what the race is); a C++ function by its qualified name
 * (format_cxx_function). */
static void format_function(const char *function, char *text, size_t size)
{
    snprintf(text, size, "%s", function != NULL && function[0] != '\0' ? function : "?");
    char *clone = strstr(text, " [clone "); /* C++: "work(int) [clone .isra.0]" */
    if (clone != NULL)
        *clone = '\0';
    for (char *dot = strchr(text, '.'); dot != NULL; dot = strchr(dot + 1, '.'))
        if (dot > text && dot[1] >= 'a' && dot[1] <= 'z') {
            *dot = '\0';
            break;
        }
    if (strpbrk(text, "():<$") != NULL)
        format_cxx_function(text, size);
}

/* "file.c:15:count_up:3fa2c1" for the stack's user frame: the file's base
 * name and line (for people), the function and the statement's hash (for
 * matching: see identity.h), "-" for a hash whose source cannot be read;
 * "?" when the stack has no user frame. */
static void format_site(const struct stack *stack, char *site, size_t size)
{
    const struct frame *frame = stack_user_frame(stack);
    if (frame == NULL) {
        snprintf(site, size, "?");
        return;
    }
    char function[STABLE_LINE_MAX / 4], hash[SOURCE_HASH_SIZE];
    format_function(frame->function, function, sizeof function);
    if (!source_statement_hash(frame->file, frame->line, hash))
        snprintf(hash, sizeof hash, "-");
    snprintf(site, size, "%.80s:%d:%.120s:%s", basename_of(frame->file), frame->line, function, hash);
    make_one_field(site);
}

/* "heap@pool.c:pool_create": a heap block is named by where it was
 * allocated (file and function), which stays when lines move. */
static void format_heap(const struct location *location, char *text, size_t size)
{
    const struct frame *frame = stack_user_frame(&location->alloc_stack);
    if (frame == NULL) {
        snprintf(text, size, "heap");
        return;
    }
    char function[STABLE_LINE_MAX / 4];
    format_function(frame->function, function, sizeof function);
    snprintf(text, size, "heap@%.80s:%.120s", basename_of(frame->file), function);
}

static void format_location(const struct location *location, char *text, size_t size)
{
    switch (location->kind) {
    case LOCATION_GLOBAL:
        snprintf(text, size, "%s", location->name ? location->name : "global");
        return;
    case LOCATION_HEAP: format_heap(location, text, size); return;
    case LOCATION_STACK: snprintf(text, size, "stack"); return;
    case LOCATION_TLS: snprintf(text, size, "tls"); return;
    case LOCATION_FD: snprintf(text, size, "fd"); return;
    case LOCATION_UNKNOWN: break;
    }
    snprintf(text, size, "-");
}


/* Stable lines carry nothing that varies between runs, so a headline kept
 * verbatim loses its addresses ("... at 0x1234" becomes "... at ADDR")
 * and its numbers ("held during 1002 ms", "holds 1 lock", "recursion
 * count 1" become N): a count or a timing is not what the finding is. */
static void format_headline(const char *headline, char *text, size_t size)
{
    size_t out = 0;
    for (const char *p = headline ? headline : ""; *p != '\0' && out + 5 < size; p++) {
        if (p[0] == '0' && p[1] == 'x') {
            memcpy(text + out, "ADDR", 4);
            out += 4;
            p += 2;
            while (p[0] != '\0' && strchr("0123456789abcdefABCDEF", p[0]) != NULL)
                p++;
            if (p[0] == '?') /* clean_headline's "0x?" */
                p++;
            p--;
        } else if (p[0] >= '0' && p[0] <= '9') {
            text[out++] = 'N';
            while (p[1] >= '0' && p[1] <= '9')
                p++;
        } else {
            text[out++] = (*p == '"') ? '\'' : *p;
        }
    }
    text[out] = '\0';
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted sites of a set of stacks, each once, joined by spaces: a finding
 * is the set of its sites (`counter += 1` racing with itself is one). */
static void format_sites(const struct stack *const *stacks, size_t count, char *text, size_t size)
{
    char sites[8][STABLE_LINE_MAX / 4];
    const char *sorted[8];
    size_t used = 0;
    for (size_t i = 0; i < count && used < 8; i++) {
        format_site(stacks[i], sites[used], sizeof sites[used]);
        sorted[used] = sites[used];
        used++;
    }
    qsort(sorted, used, sizeof sorted[0], compare_strings);
    size_t out = 0;
    text[0] = '\0';
    for (size_t i = 0; i < used; i++) {
        if (i > 0 && strcmp(sorted[i], sorted[i - 1]) == 0)
            continue;
        int written = snprintf(text + out, size - out, "%s%s", out ? " " : "", sorted[i]);
        if (written < 0 || (size_t)written >= size - out)
            break;
        out += (size_t)written;
    }
}

void finding_stable_line(const struct finding *finding, char *line, size_t size)
{
    const char *kind = finding_kind_name(finding->kind);
    if (finding->kind == FINDING_OTHER) {
        /* The headline, and where it happened (the headline's stack), so
           that a misuse moving to another line is a different line. */
        char headline[STABLE_LINE_MAX / 2], site[STABLE_LINE_MAX / 4] = "";
        format_headline(finding->headline, headline, sizeof headline);
        if (finding->access_count > 0 && stack_user_frame(&finding->accesses[0].stack) != NULL)
            format_site(&finding->accesses[0].stack, site, sizeof site);
        snprintf(line, size, "other \"%s\"%s%s", headline, site[0] ? " " : "", site);
        return;
    }

    const struct stack *stacks[8];
    size_t count = 0;
    if (finding->kind == FINDING_LOCK_ORDER) {
        for (size_t i = 0; i < finding->cycle_count && count < 8; i++)
            stacks[count++] = &finding->cycle_stacks[i];
    }
    if (count == 0) {
        for (size_t i = 0; i < finding->access_count && i < 2; i++)
            stacks[count++] = &finding->accesses[i].stack;
    }
    if (count == 0 && finding->thread_count > 0) /* a thread leak points at its creation */
        stacks[count++] = &finding->threads[0].created_at;

    char location[STABLE_LINE_MAX / 2];
    char sites[STABLE_LINE_MAX];
    format_location(&finding->location, location, sizeof location);
    make_one_field(location);
    format_sites(stacks, count, sites, sizeof sites);
    snprintf(line, size, "%s %s%s%s", kind, location, sites[0] ? " " : "", sites);
}

void stable_lines_add(struct stable_lines *set, const char *line)
{
    size_t low = 0, high = set->count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        int order = strcmp(set->lines[middle], line);
        if (order == 0)
            return;
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    char **grown = realloc(set->lines, (set->count + 1) * sizeof *grown);
    char *copy = malloc(strlen(line) + 1);
    if (grown == NULL || copy == NULL) {
        fputs("racelab: out of memory\n", stderr);
        exit(EXIT_NO_VERDICT);
    }
    strcpy(copy, line);
    set->lines = grown;
    memmove(&set->lines[low + 1], &set->lines[low], (set->count - low) * sizeof *set->lines);
    set->lines[low] = copy;
    set->count++;
}

void report_stable_lines(const struct report *report, struct stable_lines *out)
{
    out->lines = NULL;
    out->count = 0;
    for (size_t i = 0; i < report->count; i++) {
        char line[STABLE_LINE_MAX];
        finding_stable_line(&report->findings[i], line, sizeof line);
        stable_lines_add(out, line);
    }
}

void stable_lines_free(struct stable_lines *set)
{
    for (size_t i = 0; i < set->count; i++)
        free(set->lines[i]);
    free(set->lines);
    set->lines = NULL;
    set->count = 0;
}

int command_normalize(int argc, char **argv)
{
    const char *path = NULL;
    int status = single_report_argument(argc, argv,
                                        "usage: racelab normalize [REPORT|-]\n"
                                        "Prints one stable line per distinct finding (what expected files hold),\n"
                                        "or 'no findings'. Reads stdin when REPORT is - or absent.\n",
                                        &path);
    if (status >= 0)
        return status;
    struct report report;
    report_init(&report);
    if (load_report(path, &report) != 0)
        return EXIT_USAGE;
    if (report.fatal != NULL) {
        fprintf(stderr, "racelab: %s: the detector died: %s\n", input_name(path), report.fatal);
        report_free(&report);
        return EXIT_NO_VERDICT;
    }
    struct stable_lines lines;
    report_stable_lines(&report, &lines);
    if (lines.count == 0)
        puts("no findings");
    for (size_t i = 0; i < lines.count; i++)
        puts(lines.lines[i]);
    stable_lines_free(&lines);
    report_free(&report);
    return EXIT_OK;
}
