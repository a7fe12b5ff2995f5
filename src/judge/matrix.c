/* matrix.c: the case x detector verdict table.
 *
 * The table is derived, never written by hand: a cell is "race" when the
 * case's expected file for that detector lists findings and "clean" when
 * it says "no findings".  expected/verdicts.md and docs/lab.md hold copies
 * that `--check` keeps honest, and `--observed` sets the verdicts the gate
 * actually saw (the .verdict files `racelab run` leaves) beside them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cases.h"
#include "commands.h"
#include "detector.h"
#include "expected.h"
#include "input.h"

enum { MAX_OBSERVED_DIRS = 8, PATH_SIZE = CASES_PATH_SIZE };

/* The verdict of a case's expected file for a detector: "race" when it lists
 * findings, "clean" when it says "no findings". */
static int expected_verdict(const char *cases_dir, const char *name, const struct detector *detector,
                            const char **verdict)
{
    char path[PATH_SIZE];
    case_expected_path(cases_dir, name, detector, path, sizeof path);
    struct stable_lines expected;
    if (load_expected_file(path, &expected) != 0)
        return -1;
    *verdict = expected.count > 0 ? "race" : "clean";
    stable_lines_free(&expected);
    return 0;
}

static bool file_exists(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

/* The verdict `racelab run` left for a case under a detector, or NULL. */
static char *observed_verdict(char **observed_dirs, size_t dir_count, const char *name,
                              const struct detector *detector)
{
    for (size_t d = 0; d < dir_count; d++) {
        char path[PATH_SIZE];
        snprintf(path, sizeof path, "%s/%s.%s.verdict", observed_dirs[d], name, detector->name);
        if (!file_exists(path))
            continue;
        size_t length = 0;
        char *text = read_whole_file(path, &length);
        if (text != NULL)
            text[strcspn(text, "\n")] = '\0';
        return text;
    }
    return NULL;
}

/* Appends to a growing string; the table is small. */
static void append(char **text, size_t *length, const char *piece)
{
    size_t add = strlen(piece);
    char *grown = realloc(*text, *length + add + 1);
    if (grown == NULL) {
        fputs("racelab: out of memory\n", stderr);
        exit(EXIT_NO_VERDICT);
    }
    memcpy(grown + *length, piece, add + 1);
    *text = grown;
    *length += add;
}

static int build_expected_table(const char *cases_dir, char **names, size_t count, char **table)
{
    size_t length = 0;
    *table = NULL;
    append(table, &length, "| case |");
    for (size_t d = 0; d < DETECTOR_COUNT; d++) {
        append(table, &length, " ");
        append(table, &length, DETECTORS[d].name);
        append(table, &length, " |");
    }
    append(table, &length, "\n|---|");
    for (size_t d = 0; d < DETECTOR_COUNT; d++)
        append(table, &length, "---|");
    append(table, &length, "\n");
    for (size_t c = 0; c < count; c++) {
        append(table, &length, "| ");
        append(table, &length, names[c]);
        append(table, &length, " |");
        for (size_t d = 0; d < DETECTOR_COUNT; d++) {
            const char *verdict = NULL;
            if (expected_verdict(cases_dir, names[c], &DETECTORS[d], &verdict) != 0)
                return -1;
            append(table, &length, " ");
            append(table, &length, verdict);
            append(table, &length, " |");
        }
        append(table, &length, "\n");
    }
    return 0;
}

static int check_contains_table(const char *path, const char *table)
{
    size_t length = 0;
    char *text = read_whole_file(path, &length);
    if (text == NULL)
        return -1;
    bool fresh = strstr(text, table) != NULL;
    free(text);
    if (!fresh) {
        fprintf(stderr, "racelab matrix: %s: the verdict table is stale or missing: "
                        "paste the output of 'racelab matrix cases' into it\n", path);
        return -1;
    }
    printf("%s: verdict table is up to date\n", path);
    return 0;
}

/* Prints expected against observed for every cell; fails on any cell that
 * differs or was never run: a detector that did not run is not a pass. */
static int print_observed(const char *cases_dir, char **names, size_t count, char **dirs, size_t dir_count,
                          const struct detector *const *columns, size_t column_count)
{
    int status = EXIT_OK;
    size_t passed = 0, failed = 0;
    printf("%-22s", "case");
    for (size_t d = 0; d < column_count; d++)
        printf(" | %-22s", columns[d]->name);
    printf("\n");
    for (size_t c = 0; c < count; c++) {
        printf("%-22s", names[c]);
        for (size_t d = 0; d < column_count; d++) {
            const char *expected = NULL;
            if (expected_verdict(cases_dir, names[c], columns[d], &expected) != 0)
                return EXIT_USAGE;
            char *observed = observed_verdict(dirs, dir_count, names[c], columns[d]);
            char cell[64];
            if (observed == NULL)
                snprintf(cell, sizeof cell, "%s / NOT RUN", expected);
            else if (strcmp(observed, expected) == 0)
                snprintf(cell, sizeof cell, "%s / %s ok", expected, observed);
            else
                snprintf(cell, sizeof cell, "%s / %.10s FAIL", expected, observed);
            if (observed == NULL || strcmp(observed, expected) != 0) {
                status = EXIT_MISMATCH;
                failed++;
            } else {
                passed++;
            }
            printf(" | %-22s", cell);
            free(observed);
        }
        printf("\n");
    }
    printf("(cell: expected / observed)\nverdicts: %zu passed, %zu failed\n", passed, failed);
    return status;
}

int command_matrix(int argc, char **argv)
{
    const char *checks[8];
    char *observed_dirs[MAX_OBSERVED_DIRS];
    size_t check_count = 0, dir_count = 0;
    const char *cases_dir = NULL;
    const struct detector *columns[8];
    size_t column_count = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs("usage: racelab matrix [--check FILE]... [--observed REPORT_DIR]... [--only DETECTOR]... CASES_DIR\n"
                  "Prints the expected case x detector verdict table (markdown) made from the\n"
                  "cases' expected files; --check fails when FILE lacks that exact table;\n"
                  "--observed prints expected against the verdicts `racelab run` left in\n"
                  "REPORT_DIR and fails when any cell differs or was not run; --only limits\n"
                  "that to the named detectors' columns.\n", stdout);
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            const struct detector *detector = find_detector(argv[++i]);
            if (detector == NULL || column_count == 8) {
                fprintf(stderr, "racelab matrix: --only takes a detector (tsan, tsan-gcc, helgrind, drd), got '%s'\n", argv[i]);
                return EXIT_USAGE;
            }
            columns[column_count++] = detector;
            continue;
        }
        if ((strcmp(argv[i], "--check") == 0 || strcmp(argv[i], "--observed") == 0) && i + 1 < argc) {
            if (argv[i][2] == 'c' && check_count < 8)
                checks[check_count++] = argv[++i];
            else if (argv[i][2] == 'o' && dir_count < MAX_OBSERVED_DIRS)
                observed_dirs[dir_count++] = argv[++i];
            else {
                fprintf(stderr, "racelab matrix: too many %s options\n", argv[i]);
                return EXIT_USAGE;
            }
        } else if (argv[i][0] != '-' && cases_dir == NULL) {
            cases_dir = argv[i];
        } else {
            fprintf(stderr, "racelab matrix: unexpected argument '%s' (see --help)\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (cases_dir == NULL) {
        fputs("racelab matrix: give the cases directory (see --help)\n", stderr);
        return EXIT_USAGE;
    }

    if (column_count == 0) /* no --only: every detector is a column */
        for (size_t d = 0; d < DETECTOR_COUNT; d++)
            columns[column_count++] = &DETECTORS[d];

    char *names[CASES_MAX];
    size_t count = 0;
    if (case_names_list("matrix", cases_dir, names, &count) != 0)
        return EXIT_USAGE;
    char *table = NULL;
    int status = EXIT_OK;
    if (build_expected_table(cases_dir, names, count, &table) != 0) {
        status = EXIT_USAGE;
    } else if (dir_count > 0) {
        status = print_observed(cases_dir, names, count, observed_dirs, dir_count, columns, column_count);
    } else if (check_count > 0) {
        for (size_t i = 0; i < check_count; i++)
            if (check_contains_table(checks[i], table) != 0)
                status = EXIT_MISMATCH;
    } else {
        fputs(table, stdout);
    }
    free(table);
    case_names_free(names, count);
    return status;
}
