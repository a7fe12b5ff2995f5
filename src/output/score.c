/* score.c: `racelab score`, ground truth against what each detector reports.
 *
 * Two sources, never mixed up:
 *   - the ground truth, written in each case's source (docs/lab.md, "Cases"):
 *     `racelab: truth=race|norace`, `racelab: bug=KIND` for a true defect
 *     that is not a data race, `// RACE!` on each racing line and
 *     `// NORACE` where a race might be suspected (or, for a source whose
 *     lines cannot carry marks, `racelab: race-line=N,...` and
 *     `racelab: norace-line=N,...`);
 *   - what the detector reports: the case's expected file for it, which
 *     the gate holds equal to real runs, false positives and misses included.
 *
 * Data races are scored twice, as DataRaceBench does for OpenMP tools:
 *   program level  a case is positive when the detector reports any data
 *                  race in it: TP, FP, FN, TN over the cases;
 *   line level     the lines the detector names in data-race findings,
 *                  against the marked lines: TP a racing line named, FN a
 *                  racing line not named, FP a named line that does not race,
 *                  TN a NORACE line not named.
 * Other defects (bug=KIND) are found when the expected file has a finding of
 * that kind; lost updates have no finding kind, no detector can report them.
 * Every deviation is listed as a blind spot, with the case that shows it.
 *
 * The output is markdown and deterministic: expected/score.md and
 * docs/lab.md hold copies that `--check` keeps honest, like `racelab matrix`. */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "commands.h"
#include "expected.h"
#include "identity.h"
#include "input.h"

enum { MAX_MARKED_LINES = 64, MAX_BUGS = 8, MAX_NAMED_SITES = 64, SITE_SIZE = 128 };

/* What a case really does, read from its source. */
struct truth {
    bool race;
    int race_lines[MAX_MARKED_LINES]; /* sorted, unique */
    size_t race_count;
    int norace_lines[MAX_MARKED_LINES];
    size_t norace_count;
    char bugs[MAX_BUGS][48]; /* finding kind names, or "lost-updates" */
    size_t bug_count;
};

/* What one detector reports for one case, read from its expected file. */
struct reported {
    bool race;
    char sites[MAX_NAMED_SITES][SITE_SIZE]; /* "file:line" of data-race accesses, unique */
    size_t site_count;
    char kinds[16][48]; /* kinds of the other findings, unique */
    size_t kind_count;
};

struct counts {
    int tp, fp, fn, tn;
};

/* A growing markdown text. */
struct text {
    char *data;
    size_t length;
};

static void add(struct text *text, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    int needed = vsnprintf(NULL, 0, format, arguments);
    va_end(arguments);
    char *grown = realloc(text->data, text->length + (size_t)needed + 1);
    if (grown == NULL) {
        fputs("racelab: out of memory\n", stderr);
        exit(EXIT_NO_VERDICT);
    }
    va_start(arguments, format);
    vsnprintf(grown + text->length, (size_t)needed + 1, format, arguments);
    va_end(arguments);
    text->data = grown;
    text->length += (size_t)needed;
}

static void add_line_number(int *lines, size_t *count, int line)
{
    for (size_t i = 0; i < *count; i++)
        if (lines[i] == line)
            return;
    if (*count == MAX_MARKED_LINES)
        return;
    size_t at = *count;
    while (at > 0 && lines[at - 1] > line) {
        lines[at] = lines[at - 1];
        at--;
    }
    lines[at] = line;
    (*count)++;
}

/* "15,17" into lines; false on anything but line numbers. */
static bool add_line_list(const char *value, int *lines, size_t *count)
{
    const char *p = value;
    do {
        if (!isdigit((unsigned char)*p))
            return false;
        char *end = NULL;
        long line = strtol(p, &end, 10);
        if (line < 1 || line > 1000000)
            return false;
        add_line_number(lines, count, (int)line);
        p = end;
    } while (*p++ == ',');
    return p[-1] == '\0';
}

/* A `// RACE!` or `// NORACE` mark counts only after code on the same line:
 * a comment that merely talks about the marks (a line starting with //, slash-star
 * or the " * " of a block comment) is not one. */
static bool marks_code(const char *line, const char *mark_at)
{
    const char *p = line;
    while (p < mark_at && isspace((unsigned char)*p))
        p++;
    if (p == mark_at || strncmp(p, "//", 2) == 0 || strncmp(p, "/*", 2) == 0)
        return false;
    return !(p[0] == '*' && (p[1] == ' ' || p[1] == '/' || p[1] == '\0'));
}

/* The comment that makes a mark: `//`, any spaces, then word (RACE! or
 * NORACE), as corpora write it both ways (`// RACE!`, `//RACE!`); NULL when
 * the line has none.  Returns where the `//` starts. */
static const char *find_mark(const char *line, const char *word)
{
    for (const char *at = strstr(line, "//"); at != NULL; at = strstr(at + 2, "//")) {
        const char *p = at + 2;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncmp(p, word, strlen(word)) == 0)
            return at;
    }
    return NULL;
}

/* Reads the declarations and marks of NAME.c (or NAME.cpp); -1 with one
 * line naming the file and the problem. */
static int read_truth(const char *path, struct truth *truth)
{
    memset(truth, 0, sizeof *truth);
    size_t length = 0;
    char *text = read_whole_file(path, &length);
    if (text == NULL)
        return -1;
    bool has_truth = false;
    int status = 0;
    int number = 0;
    for (char *line = text, *next; line != NULL && status == 0; line = next) {
        number++;
        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        const char *mark = find_mark(line, "RACE!");
        if (mark != NULL && marks_code(line, mark))
            add_line_number(truth->race_lines, &truth->race_count, number);
        mark = find_mark(line, "NORACE");
        if (mark != NULL && marks_code(line, mark))
            add_line_number(truth->norace_lines, &truth->norace_count, number);

        const char *declaration = strstr(line, "racelab: ");
        if (declaration == NULL || strchr(declaration, '=') == NULL)
            continue;
        char key[32], value[128];
        if (sscanf(declaration, "racelab: %31[^= ]=%127s", key, value) != 2)
            continue;
        if (strcmp(key, "truth") == 0) {
            if (strcmp(value, "race") != 0 && strcmp(value, "norace") != 0) {
                fprintf(stderr, "racelab score: %s:%d: truth is race or norace, got '%s'\n", path, number, value);
                status = -1;
            }
            truth->race = strcmp(value, "race") == 0;
            has_truth = true;
        } else if (strcmp(key, "bug") == 0 && truth->bug_count < MAX_BUGS) {
            snprintf(truth->bugs[truth->bug_count++], sizeof truth->bugs[0], "%.47s", value);
        } else if (strcmp(key, "race-line") == 0 || strcmp(key, "norace-line") == 0) {
            bool race = key[0] == 'r';
            if (!add_line_list(value, race ? truth->race_lines : truth->norace_lines,
                               race ? &truth->race_count : &truth->norace_count)) {
                fprintf(stderr, "racelab score: %s:%d: %s takes line numbers (15,17), got '%s'\n", path, number,
                        key, value);
                status = -1;
            }
        }
    }
    free(text);
    if (status != 0)
        return -1;
    if (!has_truth) {
        fprintf(stderr, "racelab score: %s: no 'racelab: truth=race' or 'racelab: truth=norace' line\n", path);
        return -1;
    }
    if (truth->race && truth->race_count == 0) {
        fprintf(stderr, "racelab score: %s: truth=race but no line is marked // RACE! (or race-line=)\n", path);
        return -1;
    }
    if (!truth->race && truth->race_count > 0) {
        fprintf(stderr, "racelab score: %s: truth=norace but line %d is marked // RACE!\n", path,
                truth->race_lines[0]);
        return -1;
    }
    return 0;
}

static bool site_named(const struct reported *reported, const char *site)
{
    for (size_t i = 0; i < reported->site_count; i++)
        if (strcmp(reported->sites[i], site) == 0)
            return true;
    return false;
}

/* Reads the expected file's groups (identity.h): the kinds it names, and
 * for data races each site as "file:line". */
static int read_reported(const char *path, struct reported *reported)
{
    memset(reported, 0, sizeof *reported);
    struct stable_lines lines;
    if (load_expected_file(path, &lines) != 0)
        return -1;
    struct groups groups;
    groups_build(&lines, &groups);
    for (size_t g = 0; g < groups.count; g++) {
        const struct group *group = &groups.items[g];
        if (strcmp(group->kind, "data-race") != 0) {
            bool known = false;
            for (size_t k = 0; k < reported->kind_count; k++)
                known = known || strcmp(reported->kinds[k], group->kind) == 0;
            if (!known && reported->kind_count < 16)
                snprintf(reported->kinds[reported->kind_count++], sizeof reported->kinds[0], "%s", group->kind);
            continue;
        }
        reported->race = true;
        for (size_t i = 0; i < group->site_count; i++) {
            char site[SITE_SIZE];
            if (group->sites[i].line <= 0)
                continue;
            snprintf(site, sizeof site, "%.100s:%d", group->sites[i].file, group->sites[i].line);
            if (!site_named(reported, site) && reported->site_count < MAX_NAMED_SITES)
                strcpy(reported->sites[reported->site_count++], site);
        }
    }
    groups_free(&groups);
    stable_lines_free(&lines);
    return 0;
}

/* Whether the detector named line `line` of the case's own source. */
static bool names_line(const struct reported *reported, const char *source_name, int line)
{
    char site[SITE_SIZE];
    snprintf(site, sizeof site, "%.100s:%d", source_name, line);
    return site_named(reported, site);
}

static bool is_marked(const int *lines, size_t count, const char *site, const char *source_name)
{
    size_t name_length = strlen(source_name);
    if (strncmp(site, source_name, name_length) != 0 || site[name_length] != ':')
        return false;
    int line = atoi(site + name_length + 1);
    for (size_t i = 0; i < count; i++)
        if (lines[i] == line)
            return true;
    return false;
}

static void add_ratio(struct text *text, int part, int whole)
{
    if (whole == 0)
        add(text, " - |");
    else
        add(text, " %.2f |", (double)part / whole);
}

static void add_counts_row(struct text *text, const char *name, const struct counts *c)
{
    add(text, "| %s | %d | %d | %d | %d |", name, c->tp, c->fp, c->fn, c->tn);
    add_ratio(text, c->tp, c->tp + c->fp);
    add_ratio(text, c->tp, c->tp + c->fn);
    add(text, "\n");
}

struct scored_case {
    char *name;
    char source_name[CASES_PATH_SIZE]; /* NAME.c or NAME.cpp */
    bool cxx;
    struct truth truth;
    struct reported reported[8]; /* per detector, DETECTORS order */
};

/* The program-level and line-level tables over the cases of one language
 * (cxx true: the C++ cases), after a line naming them; nothing when there
 * is none. */
static void add_language_tables(struct text *out, const struct scored_case *cases, size_t count, bool cxx)
{
    size_t total = 0, races = 0;
    for (size_t c = 0; c < count; c++) {
        if (cases[c].cxx != cxx)
            continue;
        total++;
        races += cases[c].truth.race;
    }
    if (total == 0)
        return;
    add(out, "\n**%s cases**: %zu, %zu with a data race, %zu without.\n\n", cxx ? "C++" : "C", total, races,
        total - races);

    struct counts program[8] = {{0}}, line[8] = {{0}};
    for (size_t d = 0; d < DETECTOR_COUNT; d++) {
        for (size_t c = 0; c < count; c++) {
            if (cases[c].cxx != cxx)
                continue;
            const struct truth *truth = &cases[c].truth;
            const struct reported *reported = &cases[c].reported[d];
            const char *source_name = cases[c].source_name;
            if (truth->race)
                reported->race ? program[d].tp++ : program[d].fn++;
            else
                reported->race ? program[d].fp++ : program[d].tn++;
            for (size_t i = 0; i < truth->race_count; i++)
                names_line(reported, source_name, truth->race_lines[i]) ? line[d].tp++ : line[d].fn++;
            for (size_t i = 0; i < truth->norace_count; i++)
                if (!names_line(reported, source_name, truth->norace_lines[i]))
                    line[d].tn++;
            for (size_t s = 0; s < reported->site_count; s++)
                if (!is_marked(truth->race_lines, truth->race_count, reported->sites[s], source_name))
                    line[d].fp++;
        }
    }
    const char *header = "| detector | TP | FP | FN | TN | precision | recall |\n|---|---|---|---|---|---|---|\n";
    add(out, "Program level (a case counts as reported when the detector reports any data race in it):\n\n%s",
        header);
    for (size_t d = 0; d < DETECTOR_COUNT; d++)
        add_counts_row(out, DETECTORS[d].name, &program[d]);
    add(out, "\nLine level (the lines named in data-race findings, against the lines marked `// RACE!`;\n"
             "TN counts `// NORACE` lines left alone):\n\n%s", header);
    for (size_t d = 0; d < DETECTOR_COUNT; d++)
        add_counts_row(out, DETECTORS[d].name, &line[d]);
}

/* Builds the whole scoreboard; -1 on a bad case (already reported). */
static int build_scoreboard(const char *cases_dir, struct scored_case *cases, size_t count, struct text *out)
{
    for (size_t c = 0; c < count; c++) {
        char path[CASES_PATH_SIZE];
        if (!case_source_path(cases_dir, cases[c].name, path, sizeof path)) {
            fprintf(stderr, "racelab score: %s/%s: no %s.c or %s.cpp\n", cases_dir, cases[c].name, cases[c].name,
                    cases[c].name);
            return -1;
        }
        cases[c].cxx = case_is_cxx(path);
        snprintf(cases[c].source_name, sizeof cases[c].source_name, "%s.%s", cases[c].name,
                 cases[c].cxx ? "cpp" : "c");
        if (read_truth(path, &cases[c].truth) != 0)
            return -1;
        for (size_t d = 0; d < DETECTOR_COUNT; d++) {
            case_expected_path(cases_dir, cases[c].name, &DETECTORS[d], path, sizeof path);
            if (read_reported(path, &cases[c].reported[d]) != 0)
                return -1;
        }
    }

    size_t races = 0;
    for (size_t c = 0; c < count; c++)
        races += cases[c].truth.race;
    add(out, "%zu cases: %zu with a data race, %zu without; C and C++ are scored apart.\n", count, races,
        count - races);
    add_language_tables(out, cases, count, false);
    add_language_tables(out, cases, count, true);

    add(out, "\nOther defects (not data races):\n\n| defect | case |");
    for (size_t d = 0; d < DETECTOR_COUNT; d++)
        add(out, " %s |", DETECTORS[d].name);
    add(out, "\n|---|---|");
    for (size_t d = 0; d < DETECTOR_COUNT; d++)
        add(out, "---|");
    add(out, "\n");
    for (size_t c = 0; c < count; c++) {
        for (size_t b = 0; b < cases[c].truth.bug_count; b++) {
            const char *bug = cases[c].truth.bugs[b];
            add(out, "| %s | %s |", bug, cases[c].name);
            for (size_t d = 0; d < DETECTOR_COUNT; d++) {
                bool found = false;
                for (size_t k = 0; k < cases[c].reported[d].kind_count; k++)
                    found = found || strcmp(cases[c].reported[d].kinds[k], bug) == 0;
                add(out, " %s |", found ? "reported" : "missed");
            }
            add(out, "\n");
        }
    }

    add(out, "\nBlind spots (every way a detector's report differs from the truth):\n\n"
             "| detector | blind spot | case |\n|---|---|---|\n");
    for (size_t d = 0; d < DETECTOR_COUNT; d++) {
        for (size_t c = 0; c < count; c++) {
            const struct truth *truth = &cases[c].truth;
            const struct reported *reported = &cases[c].reported[d];
            const char *name = cases[c].name;
            const char *source_name = cases[c].source_name;
            if (truth->race && !reported->race)
                add(out, "| %s | misses the race | %s |\n", DETECTORS[d].name, name);
            if (!truth->race && reported->race)
                add(out, "| %s | reports a race in a race-free program | %s |\n", DETECTORS[d].name, name);
            if (truth->race && reported->race) {
                struct text missed = {0}, extra = {0};
                for (size_t i = 0; i < truth->race_count; i++)
                    if (!names_line(reported, source_name, truth->race_lines[i]))
                        add(&missed, "%s%d", missed.length ? ", " : "", truth->race_lines[i]);
                for (size_t s = 0; s < reported->site_count; s++)
                    if (!is_marked(truth->race_lines, truth->race_count, reported->sites[s], source_name))
                        add(&extra, "%s%s", extra.length ? ", " : "", reported->sites[s]);
                if (missed.length)
                    add(out, "| %s | does not name racing line%s %s | %s |\n", DETECTORS[d].name,
                        strchr(missed.data, ',') ? "s" : "", missed.data, name);
                if (extra.length)
                    add(out, "| %s | names %s, which %s not race | %s |\n", DETECTORS[d].name, extra.data,
                        strchr(extra.data, ',') ? "do" : "does", name);
                free(missed.data);
                free(extra.data);
            }
            for (size_t b = 0; b < truth->bug_count; b++) {
                bool found = false;
                for (size_t k = 0; k < reported->kind_count; k++)
                    found = found || strcmp(reported->kinds[k], truth->bugs[b]) == 0;
                if (!found)
                    add(out, "| %s | misses the %s | %s |\n", DETECTORS[d].name, truth->bugs[b], name);
            }
            for (size_t k = 0; k < reported->kind_count; k++) {
                bool declared = false;
                for (size_t b = 0; b < truth->bug_count; b++)
                    declared = declared || strcmp(reported->kinds[k], truth->bugs[b]) == 0;
                if (!declared)
                    add(out, "| %s | reports a finding that is not there (`%s`) | %s |\n", DETECTORS[d].name,
                        reported->kinds[k], name);
            }
        }
    }
    return 0;
}

static int check_contains(const char *path, const char *scoreboard)
{
    size_t length = 0;
    char *text = read_whole_file(path, &length);
    if (text == NULL)
        return -1;
    bool fresh = strstr(text, scoreboard) != NULL;
    free(text);
    if (!fresh) {
        fprintf(stderr, "racelab score: %s: the scoreboard is stale or missing: "
                        "paste the output of 'racelab score cases' into it\n", path);
        return -1;
    }
    printf("%s: scoreboard is up to date\n", path);
    return 0;
}

int command_score(int argc, char **argv)
{
    const char *checks[8];
    size_t check_count = 0;
    const char *cases_dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs("usage: racelab score [--check FILE]... CASES_DIR\n"
                  "Scores each detector against the cases' ground truth (racelab: truth=,\n"
                  "bug=, // RACE! and // NORACE marks in NAME.c or NAME.cpp) using what its\n"
                  "expected file says it reports: TP, FP, FN, TN, precision and recall per\n"
                  "detector at program level and at line level, for the C and the C++ cases\n"
                  "apart, other defects, and every blind spot with the case that shows it\n"
                  "(markdown).  --check fails when FILE lacks that exact text.\n", stdout);
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--check") == 0 && i + 1 < argc) {
            if (check_count == 8) {
                fputs("racelab score: too many --check options\n", stderr);
                return EXIT_USAGE;
            }
            checks[check_count++] = argv[++i];
        } else if (argv[i][0] != '-' && cases_dir == NULL) {
            cases_dir = argv[i];
        } else {
            fprintf(stderr, "racelab score: unexpected argument '%s' (see --help)\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (cases_dir == NULL) {
        fputs("racelab score: give the cases directory (see --help)\n", stderr);
        return EXIT_USAGE;
    }

    char *names[CASES_MAX];
    size_t count = 0;
    if (case_names_list("score", cases_dir, names, &count) != 0)
        return EXIT_USAGE;
    struct scored_case *cases = calloc(count, sizeof *cases);
    if (cases == NULL) {
        case_names_free(names, count);
        fputs("racelab: out of memory\n", stderr);
        return EXIT_NO_VERDICT;
    }
    for (size_t c = 0; c < count; c++)
        cases[c].name = names[c];
    struct text scoreboard = {0};
    int status = EXIT_OK;
    if (build_scoreboard(cases_dir, cases, count, &scoreboard) != 0) {
        status = EXIT_USAGE;
    } else if (check_count > 0) {
        for (size_t i = 0; i < check_count; i++)
            if (check_contains(checks[i], scoreboard.data) != 0)
                status = EXIT_MISMATCH;
    } else {
        fputs(scoreboard.data, stdout);
    }
    free(scoreboard.data);
    free(cases);
    case_names_free(names, count);
    return status;
}
