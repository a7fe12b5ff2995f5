/* ctest.c: `racelab ctest`: a project's existing CTest tests under a detector.
 *
 * CTest knows the tests: which there are, after the user's filters (-R, -L,
 * -E, --test-dir...), and for each its command, ENVIRONMENT and
 * WORKING_DIRECTORY.  `ctest --show-only=json-v1` says all that without
 * running anything, so racelab asks CTest for the list and runs each test's
 * command itself, through `racelab run` (one child process per test, the
 * same judge as everywhere): the detector's invocation, the timeout, the
 * raw report per test.  Not through `ctest -T memcheck`: CTest's memcheck
 * knows Valgrind but not TSan, keeps one log per test without the exit
 * status, and would judge "Valgrind said something", which is the
 * conflation racelab exists to avoid (a crash, a program failing on its
 * own, a detector that died are not races).
 *
 * Each test gets a verdict: ok, FOUND (findings, no baseline), NEW
 * (findings outside the baseline), NO VERDICT with the reason (a test that
 * fails on its own is one: "the program failed on its own"), or skipped
 * (DISABLED).  One baseline serves the whole suite; --bless adds each
 * test's races to it in turn; a baseline line no test saw is "fixed", and
 * fails with --strict.  --junit writes one testcase per test, --sarif one
 * SARIF run for the suite.
 *
 * Exit: 1 when a test has a finding not allowed (FOUND, NEW) or --strict
 * fails (a race found is a fact, whatever other tests did), else 3 when a
 * test gave no verdict, else 0; 2 for bad usage or when CTest cannot list
 * the tests. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "commands.h"
#include "detector.h"
#include "expected.h"
#include "exports.h"
#include "identity.h"
#include "input.h"
#include "launch.h"

enum { CTEST_ARGS_MAX = 512, TEST_ENV_MAX = 64 };

static const char DEFAULT_REPORT_DIRECTORY[] = "racelab-reports/ctest";

struct ctest_options {
    const struct detector *detector;
    const char *baseline;
    bool bless;
    bool strict;
    bool perturb;        /* every run perturbed (racelab run --perturb) */
    int runs;                 /* 0: racelab run's default */
    int timeout_seconds;      /* 0: racelab run's default, or the test's TIMEOUT when longer */
    const char *report_directory;
    const char *junit;
    const char *sarif;
    const char *source_root;
    const char *valgrind;
    const char *ctest;
    char **ctest_args;
    int ctest_arg_count;
};

enum test_verdict { TEST_OK, TEST_FOUND, TEST_NEW, TEST_NO_VERDICT, TEST_SKIPPED };

struct test {
    char *name;
    char prefix[RUN_PATH_MAX];   /* the raw reports: PREFIX.stderr / .xml, .found, .verdict, .log */
    enum test_verdict verdict;
    char reason[1400];           /* no verdict: why; skipped: why */
    struct stable_lines found;   /* the findings (union of the runs) */
    double seconds;
    int runs;                    /* runs whose raw reports exist, for the SARIF */
};

static void print_usage(FILE *out)
{
    fputs("usage: racelab ctest --detector NAME [--baseline FILE [--bless] [--strict]] [--runs N] [--perturb]\n"
          "                     [--junit FILE] [--sarif FILE] [--report DIR] [--timeout SECONDS]\n"
          "                     [--source-root DIR] [--valgrind PATH] [--ctest PATH] -- [CTEST ARGS...]\n"
          "Runs a project's existing CTest tests under the detector (tsan, tsan-gcc, helgrind,\n"
          "drd) and judges each one's report: CTest lists the tests it would run with CTEST\n"
          "ARGS (the test directory, -R, -E, -L...) with their command, ENVIRONMENT and\n"
          "WORKING_DIRECTORY, and each runs through 'racelab run'.  The targets must be\n"
          "built for the detector (racelab_instrument_all() in CMake).\n"
          "  --baseline FILE  the suite's known races: a finding not in FILE is NEW and fails;\n"
          "                   a line no test saw is printed as fixed\n"
          "  --bless          with --baseline: add the races each test finds to FILE\n"
          "  --strict         with --baseline: a line of FILE no test saw fails\n"
          "  neither          every finding fails (FOUND)\n"
          "  --runs N         N runs per test (racelab run --runs)\n"
          "  --perturb        perturb every run's schedule, seeded (racelab run --perturb; the\n"
          "                   programs must be built by racelab_instrument, which links the shim)\n"
          "  --junit FILE     JUnit XML, one testcase per test\n"
          "  --sarif FILE     SARIF 2.1.0, one run for the suite, each result naming its test\n"
          "  --report DIR     where each test's raw reports and log go, DIR/TEST.*\n"
          "                   (default racelab-reports/ctest/DETECTOR)\n"
          "  --timeout SECONDS  per run (default 120, or the test's TIMEOUT when longer)\n"
          "  --source-root DIR  the project's sources (racelab run --source-root)\n"
          "  --valgrind PATH  helgrind, drd: the valgrind to run\n"
          "  --ctest PATH     the ctest to ask for the tests (default ctest on PATH)\n"
          "A test that fails on its own (exit status not 0, no findings) is NO VERDICT, not a race.\n"
          "Exit: 0 every test ok, 1 a finding not allowed (or --strict), 3 a test gave no verdict,\n"
          "2 usage or CTest could not list the tests.\n", out);
}

static int parse_positive(const char *text, int low, int high, int *value)
{
    char *end = NULL;
    errno = 0;
    long parsed = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || parsed < low || parsed > high)
        return -1;
    *value = (int)parsed;
    return 0;
}

static int parse_options(int argc, char **argv, struct ctest_options *options)
{
    *options = (struct ctest_options){.valgrind = NULL, .ctest = "ctest"};
    int i = 1;
    for (; i < argc; i++) {
        const char *flag = argv[i];
        if (strcmp(flag, "--help") == 0 || strcmp(flag, "-h") == 0) {
            print_usage(stdout);
            return 1;
        }
        if (strcmp(flag, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(flag, "--bless") == 0) {
            options->bless = true;
            continue;
        }
        if (strcmp(flag, "--strict") == 0) {
            options->strict = true;
            continue;
        }
        if (strcmp(flag, "--perturb") == 0) {
            options->perturb = true;
            continue;
        }
        if (flag[0] != '-') {
            fprintf(stderr, "racelab ctest: '%s' is not an option: CTest's arguments go after -- "
                            "(racelab ctest OPTIONS -- CTEST ARGS)\n", flag);
            return -1;
        }
        static const char *const valued[] = {"--detector", "--baseline", "--runs", "--junit", "--sarif", "--report",
                                             "--timeout", "--source-root", "--valgrind", "--ctest"};
        bool known = false;
        for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++)
            known = known || strcmp(flag, valued[k]) == 0;
        if (!known) {
            fprintf(stderr, "racelab ctest: unknown option '%s' (see --help)\n", flag);
            return -1;
        }
        if (i + 1 >= argc || argv[i + 1][0] == '\0') {
            fprintf(stderr, "racelab ctest: %s needs a value\n", flag);
            return -1;
        }
        const char *value = argv[++i];
        if (strcmp(flag, "--detector") == 0) {
            options->detector = find_detector(value);
            if (options->detector == NULL) {
                fprintf(stderr, "racelab ctest: unknown detector '%s' (tsan, tsan-gcc, helgrind, drd)\n", value);
                return -1;
            }
        } else if (strcmp(flag, "--baseline") == 0) {
            options->baseline = value;
        } else if (strcmp(flag, "--runs") == 0) {
            if (parse_positive(value, 1, 1000, &options->runs) != 0) {
                fprintf(stderr, "racelab ctest: --runs takes 1 to 1000, got '%s'\n", value);
                return -1;
            }
        } else if (strcmp(flag, "--timeout") == 0) {
            if (parse_positive(value, 1, 1000000, &options->timeout_seconds) != 0) {
                fprintf(stderr, "racelab ctest: --timeout takes whole seconds from 1, got '%s'\n", value);
                return -1;
            }
        } else if (strcmp(flag, "--junit") == 0) {
            options->junit = value;
        } else if (strcmp(flag, "--sarif") == 0) {
            options->sarif = value;
        } else if (strcmp(flag, "--report") == 0) {
            options->report_directory = value;
        } else if (strcmp(flag, "--source-root") == 0) {
            struct stat info;
            if (stat(value, &info) != 0 || !S_ISDIR(info.st_mode)) {
                fprintf(stderr, "racelab ctest: --source-root %s: not a directory\n", value);
                return -1;
            }
            options->source_root = value;
        } else if (strcmp(flag, "--valgrind") == 0) {
            options->valgrind = value;
        } else {
            options->ctest = value;
        }
    }
    options->ctest_args = argv + i;
    options->ctest_arg_count = argc - i;
    const char *problem = options->detector == NULL                  ? "--detector is required"
                          : options->bless && !options->baseline     ? "--bless needs --baseline FILE: the file to write"
                          : options->strict && !options->baseline    ? "--strict goes with --baseline"
                          : options->ctest_arg_count > CTEST_ARGS_MAX ? "too many CTest arguments"
                                                                     : NULL;
    if (problem != NULL) {
        fprintf(stderr, "racelab ctest: %s (see --help)\n", problem);
        return -1;
    }
    if (options->baseline != NULL && !options->bless) {
        struct stat info;
        if (stat(options->baseline, &info) != 0) {
            fprintf(stderr, "racelab ctest: --baseline %s: %s (write it with --bless)\n", options->baseline,
                    strerror(errno));
            return -1;
        }
    }
    return 0;
}

/* Runs argv with stdout and stderr into files (the same file when equal);
 * returns the exit status, 128+N for a signal, -1 with errno when it could
 * not be started. */
static int run_to_files(char *const *argv, const char *stdout_path, const char *stderr_path)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int out = open(stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = strcmp(stdout_path, stderr_path) == 0 ? out
                                                         : open(stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int input = open("/dev/null", O_RDONLY);
        if (out < 0 || err < 0 || input < 0 || dup2(input, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(126);
        execvp(argv[0], argv);
        dprintf(2, "racelab ctest: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The first line of a file, "" when none. */
static void first_line(const char *path, char *line, size_t size)
{
    line[0] = '\0';
    FILE *file = fopen(path, "r");
    if (file == NULL)
        return;
    if (fgets(line, (int)size, file) == NULL)
        line[0] = '\0';
    line[strcspn(line, "\n")] = '\0';
    fclose(file);
}

/* The last line of a file that starts with "racelab", "" when none. */
static void last_racelab_line(const char *path, char *line, size_t size)
{
    line[0] = '\0';
    FILE *file = fopen(path, "r");
    if (file == NULL)
        return;
    char buffer[2048];
    while (fgets(buffer, sizeof buffer, file) != NULL)
        if (strncmp(buffer, "racelab", 7) == 0) {
            buffer[strcspn(buffer, "\n")] = '\0';
            snprintf(line, size, "%.1000s", buffer);
        }
    fclose(file);
}

/* ---- the tests CTest lists --------------------------------------------- */

static const cJSON *property(const cJSON *test, const char *name)
{
    const cJSON *properties = cJSON_GetObjectItemCaseSensitive(test, "properties");
    const cJSON *item;
    cJSON_ArrayForEach(item, properties) {
        const cJSON *key = cJSON_GetObjectItemCaseSensitive(item, "name");
        if (cJSON_IsString(key) && strcmp(key->valuestring, name) == 0)
            return cJSON_GetObjectItemCaseSensitive(item, "value");
    }
    return NULL;
}

/* Asks CTest for the tests; the parsed list, or NULL with one line printed. */
static cJSON *list_tests(const struct ctest_options *options, const char *directory)
{
    char json_path[RUN_PATH_MAX], err_path[RUN_PATH_MAX];
    snprintf(json_path, sizeof json_path, "%s/ctest-tests.json", directory);
    snprintf(err_path, sizeof err_path, "%s/ctest-tests.stderr", directory);
    char *argv[CTEST_ARGS_MAX + 3];
    int argc = 0;
    argv[argc++] = (char *)options->ctest;
    argv[argc++] = "--show-only=json-v1";
    for (int i = 0; i < options->ctest_arg_count; i++)
        argv[argc++] = options->ctest_args[i];
    argv[argc] = NULL;
    int status = run_to_files(argv, json_path, err_path);
    char said[512];
    first_line(err_path, said, sizeof said);
    if (status != 0) {
        fprintf(stderr, "racelab ctest: %s --show-only=json-v1 failed (exit %d)%s%s\n", options->ctest, status,
                said[0] ? ": " : "", said);
        return NULL;
    }
    size_t length = 0;
    char *text = read_whole_file(json_path, &length);
    cJSON *list = text != NULL ? cJSON_Parse(text) : NULL;
    free(text);
    const cJSON *tests = cJSON_GetObjectItemCaseSensitive(list, "tests");
    if (!cJSON_IsArray(tests)) {
        fprintf(stderr, "racelab ctest: %s: not CTest's json-v1 list of tests\n", json_path);
        cJSON_Delete(list);
        return NULL;
    }
    if (cJSON_GetArraySize(tests) == 0) {
        fprintf(stderr, "racelab ctest: CTest lists no tests (ctest --show-only=json-v1");
        for (int i = 0; i < options->ctest_arg_count; i++)
            fprintf(stderr, " %s", options->ctest_args[i]);
        fputs("): nothing to judge\n", stderr);
        cJSON_Delete(list);
        return NULL;
    }
    return list;
}

/* A file name for a test: its name with '/' and other odd bytes as '_'. */
static void file_name_of(const char *name, char *out, size_t size)
{
    size_t i = 0;
    for (; name[i] != '\0' && i + 1 < size; i++) {
        char c = name[i];
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_';
        out[i] = keep ? c : '_';
    }
    out[i] = '\0';
    if (out[0] == '.')
        out[0] = '_';
}

static double now_seconds(void)
{
    struct timeval time;
    gettimeofday(&time, NULL);
    return (double)time.tv_sec + (double)time.tv_usec / 1e6;
}

/* ---- a test's environment ---------------------------------------------- */

/* What ENVIRONMENT_MODIFICATION does to one variable, as CTest applies it
 * (CMake's cmSystemTools::EnvDiff): its NAME=OP:VALUE entries in order, on
 * top of ENVIRONMENT.  `reset` forgets NAME's earlier entries; an operation
 * that edits the value starts from the last `set` or edit, else (also after
 * `unset`, as CMake does) from the value ENVIRONMENT or racelab's own
 * environment gives. */
struct env_change {
    char name[256];
    enum { ENV_AS_IS, ENV_SET, ENV_UNSET } state; /* as is: CTest leaves it alone */
    char *assignment; /* NAME=VALUE, when set */
};

struct env_changes {
    struct env_change items[TEST_ENV_MAX];
    size_t count;
};

static void env_changes_free(struct env_changes *changes)
{
    for (size_t i = 0; i < changes->count; i++)
        free(changes->items[i].assignment);
    changes->count = 0;
}

/* NAME's value in the test's environment before ENVIRONMENT_MODIFICATION. */
static const char *unmodified_value(const cJSON *environment, const char *name)
{
    const char *value = getenv(name);
    size_t length = strlen(name);
    const cJSON *assignment;
    cJSON_ArrayForEach(assignment, environment) {
        if (cJSON_IsString(assignment) && strncmp(assignment->valuestring, name, length) == 0 &&
            assignment->valuestring[length] == '=')
            value = assignment->valuestring + length + 1;
    }
    return value;
}

/* The new value of an editing operation, malloc'd; NULL for an operation
 * CTest does not know (it fails such a test before running it). */
static char *edited_value(const char *op, size_t op_length, const char *current, const char *value)
{
    static const struct {
        const char *op;
        const char *separator; /* between the old value and the new, when the old is not empty */
        bool prepend;
    } edits[] = {
        {"string_append", "", false},    {"string_prepend", "", true},
        {"path_list_append", ":", false}, {"path_list_prepend", ":", true},
        {"cmake_list_append", ";", false}, {"cmake_list_prepend", ";", true},
    };
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        if (strlen(edits[i].op) != op_length || strncmp(edits[i].op, op, op_length) != 0)
            continue;
        const char *separator = current[0] != '\0' ? edits[i].separator : "";
        size_t size = strlen(current) + strlen(separator) + strlen(value) + 1;
        char *result = malloc(size);
        if (result != NULL)
            snprintf(result, size, "%s%s%s", edits[i].prepend ? value : current, separator,
                     edits[i].prepend ? current : value);
        return result;
    }
    return NULL;
}

/* Reads the test's ENVIRONMENT_MODIFICATION into `changes`; 0, or -1 with
 * the reason there is no verdict. */
static int read_env_changes(const cJSON *environment, const cJSON *modification, struct env_changes *changes,
                            char *reason, size_t reason_size)
{
    changes->count = 0;
    const cJSON *entry;
    cJSON_ArrayForEach(entry, modification) {
        const char *text = cJSON_IsString(entry) ? entry->valuestring : "";
        size_t name_length = strcspn(text, "=");
        const char *op = text + name_length + (text[name_length] == '=');
        const char *colon = strchr(op, ':');
        if (name_length == 0 || name_length >= sizeof changes->items[0].name || text[name_length] != '=' ||
            colon == NULL) {
            snprintf(reason, reason_size, "ENVIRONMENT_MODIFICATION entry '%.200s' is not NAME=OP:VALUE", text);
            return -1;
        }
        struct env_change *change = NULL;
        for (size_t i = 0; i < changes->count && change == NULL; i++)
            if (strlen(changes->items[i].name) == name_length && strncmp(changes->items[i].name, text, name_length) == 0)
                change = &changes->items[i];
        if (change == NULL) {
            if (changes->count == TEST_ENV_MAX) {
                snprintf(reason, reason_size, "ENVIRONMENT_MODIFICATION changes more than %d variables", TEST_ENV_MAX);
                return -1;
            }
            change = &changes->items[changes->count++];
            *change = (struct env_change){.state = ENV_AS_IS};
            snprintf(change->name, sizeof change->name, "%.*s", (int)name_length, text);
        }
        size_t op_length = (size_t)(colon - op);
        const char *value = colon + 1;
        char *new_value = NULL;
        if (op_length == 5 && strncmp(op, "reset", 5) == 0) {
            change->state = ENV_AS_IS;
            continue;
        }
        if (op_length == 5 && strncmp(op, "unset", 5) == 0) {
            change->state = ENV_UNSET;
            continue;
        }
        if (op_length == 3 && strncmp(op, "set", 3) == 0) {
            new_value = strdup(value);
        } else {
            const char *current = change->state == ENV_SET
                                      ? change->assignment + strlen(change->name) + 1
                                      : unmodified_value(environment, change->name);
            errno = 0;
            new_value = edited_value(op, op_length, current != NULL ? current : "", value);
            if (new_value == NULL && errno != ENOMEM) {
                snprintf(reason, reason_size, "ENVIRONMENT_MODIFICATION entry '%.200s': CTest knows no operation '%.*s'",
                         text, (int)op_length, op);
                return -1;
            }
        }
        size_t size = new_value != NULL ? strlen(change->name) + strlen(new_value) + 2 : 0;
        char *assignment = new_value != NULL ? malloc(size) : NULL;
        if (assignment == NULL) {
            free(new_value);
            snprintf(reason, reason_size, "out of memory reading ENVIRONMENT_MODIFICATION");
            return -1;
        }
        snprintf(assignment, size, "%s=%s", change->name, new_value);
        free(new_value);
        free(change->assignment);
        change->assignment = assignment;
        change->state = ENV_SET;
    }
    return 0;
}

/* Whether the modification unsets `assignment`'s variable: its ENVIRONMENT
 * entry is then not passed on. */
static bool unset_by(const struct env_changes *changes, const char *assignment)
{
    size_t length = strcspn(assignment, "=");
    for (size_t i = 0; i < changes->count; i++) {
        const struct env_change *change = &changes->items[i];
        if (change->state == ENV_UNSET && strlen(change->name) == length &&
            strncmp(change->name, assignment, length) == 0)
            return true;
    }
    return false;
}

/* Whether the command is already a racelab race test (racelab_add_race_test:
 * `racelab run ...`, or CMake's ExpectExit wrapper around it), which judges
 * itself against its own expected file or baseline: run under a detector
 * again, it would only be judged on racelab's own run. */
static bool is_race_test(const cJSON *command)
{
    const cJSON *word;
    bool after_racelab = false;
    cJSON_ArrayForEach(word, command) {
        if (!cJSON_IsString(word))
            return false;
        if (after_racelab && strcmp(word->valuestring, "run") == 0)
            return true;
        const char *slash = strrchr(word->valuestring, '/');
        after_racelab = strcmp(slash != NULL ? slash + 1 : word->valuestring, "racelab") == 0;
    }
    return false;
}

/* Runs one test through `racelab run` and reads its verdict. */
static void judge_test(const struct ctest_options *options, const char *self, const cJSON *entry,
                       const char *directory, struct test *test)
{
    char file_name[512];
    file_name_of(test->name, file_name, sizeof file_name);
    snprintf(test->prefix, sizeof test->prefix, "%s/%s", directory, file_name);
    const cJSON *command = cJSON_GetObjectItemCaseSensitive(entry, "command");
    const cJSON *disabled = property(entry, "DISABLED");
    if (cJSON_IsTrue(disabled)) {
        test->verdict = TEST_SKIPPED;
        snprintf(test->reason, sizeof test->reason, "DISABLED in CTest");
        return;
    }
    if (is_race_test(command)) {
        test->verdict = TEST_SKIPPED;
        snprintf(test->reason, sizeof test->reason,
                 "a racelab race test (racelab_add_race_test), which judges itself: run it with plain ctest "
                 "(ci/project-gate --race-tests)");
        return;
    }
    if (!cJSON_IsArray(command) || cJSON_GetArraySize(command) == 0) {
        test->verdict = TEST_NO_VERDICT;
        snprintf(test->reason, sizeof test->reason, "CTest gives no command for it (not built, or NOT_AVAILABLE)");
        return;
    }
    const cJSON *environment = property(entry, "ENVIRONMENT");
    struct env_changes changes;
    if (read_env_changes(environment, property(entry, "ENVIRONMENT_MODIFICATION"), &changes, test->reason,
                         sizeof test->reason) != 0) {
        env_changes_free(&changes);
        test->verdict = TEST_NO_VERDICT;
        return;
    }
    char *argv[64 + 4 * TEST_ENV_MAX + CTEST_ARGS_MAX]; /* ENVIRONMENT, then its modifications */
    size_t argc = 0;
    char timeout[32], runs[32];
    argv[argc++] = (char *)self;
    argv[argc++] = "run";
    argv[argc++] = "--detector";
    argv[argc++] = (char *)options->detector->name;
    argv[argc++] = "--case";
    argv[argc++] = test->name;
    argv[argc++] = "--report";
    argv[argc++] = test->prefix;
    if (options->baseline != NULL) {
        argv[argc++] = "--baseline";
        argv[argc++] = (char *)options->baseline;
    }
    if (options->bless)
        argv[argc++] = "--bless";
    if (cJSON_IsTrue(property(entry, "WILL_FAIL")))
        argv[argc++] = "--will-fail";
    if (options->perturb)
        argv[argc++] = "--perturb";
    if (options->runs > 0) {
        snprintf(runs, sizeof runs, "%d", options->runs);
        argv[argc++] = "--runs";
        argv[argc++] = runs;
    }
    int seconds = options->timeout_seconds > 0 ? options->timeout_seconds : 120;
    const cJSON *test_timeout = property(entry, "TIMEOUT");
    if (options->timeout_seconds == 0 && cJSON_IsNumber(test_timeout) && test_timeout->valuedouble > seconds)
        seconds = (int)(test_timeout->valuedouble + 0.999);
    snprintf(timeout, sizeof timeout, "%d", seconds);
    argv[argc++] = "--timeout";
    argv[argc++] = timeout;
    if (options->source_root != NULL) {
        argv[argc++] = "--source-root";
        argv[argc++] = (char *)options->source_root;
    }
    if (options->valgrind != NULL && options->detector->valgrind_tool != NULL) {
        argv[argc++] = "--valgrind";
        argv[argc++] = (char *)options->valgrind;
    }
    const cJSON *directory_value = property(entry, "WORKING_DIRECTORY");
    if (cJSON_IsString(directory_value)) {
        argv[argc++] = "--cwd";
        argv[argc++] = directory_value->valuestring;
    }
    const cJSON *assignment;
    size_t environment_count = 0;
    cJSON_ArrayForEach(assignment, environment) {
        if (!cJSON_IsString(assignment) || unset_by(&changes, assignment->valuestring))
            continue;
        if (++environment_count > TEST_ENV_MAX) {
            env_changes_free(&changes);
            test->verdict = TEST_NO_VERDICT;
            snprintf(test->reason, sizeof test->reason, "more than %d ENVIRONMENT entries", TEST_ENV_MAX);
            return;
        }
        argv[argc++] = "--env";
        argv[argc++] = assignment->valuestring;
    }
    for (size_t i = 0; i < changes.count; i++) {
        if (changes.items[i].state == ENV_SET) { /* after ENVIRONMENT's: the last --env wins */
            argv[argc++] = "--env";
            argv[argc++] = changes.items[i].assignment;
        }
    }
    argv[argc++] = "--";
    const cJSON *word;
    cJSON_ArrayForEach(word, command) {
        if (!cJSON_IsString(word) || argc + 1 >= sizeof argv / sizeof argv[0]) {
            env_changes_free(&changes);
            test->verdict = TEST_NO_VERDICT;
            snprintf(test->reason, sizeof test->reason, "its command is too long or not a list of strings");
            return;
        }
        argv[argc++] = word->valuestring;
    }
    argv[argc] = NULL;
    /* An unset variable leaves racelab's own environment for the run (the
       child inherits it) and comes back after. */
    char *restore[TEST_ENV_MAX] = {NULL};
    for (size_t i = 0; i < changes.count; i++) {
        if (changes.items[i].state == ENV_UNSET && getenv(changes.items[i].name) != NULL) {
            restore[i] = strdup(getenv(changes.items[i].name));
            unsetenv(changes.items[i].name);
        }
    }

    char log_path[RUN_PATH_MAX + 8], found_path[RUN_PATH_MAX + 8], verdict_path[RUN_PATH_MAX + 8];
    snprintf(log_path, sizeof log_path, "%s.log", test->prefix);
    snprintf(found_path, sizeof found_path, "%s.found", test->prefix);
    snprintf(verdict_path, sizeof verdict_path, "%s.verdict", test->prefix);
    double start = now_seconds();
    fflush(stdout);
    int status = run_to_files(argv, log_path, log_path);
    test->seconds = now_seconds() - start;
    for (size_t i = 0; i < changes.count; i++) {
        if (restore[i] != NULL)
            setenv(changes.items[i].name, restore[i], 1);
        free(restore[i]);
    }
    env_changes_free(&changes);
    char line[1400];
    if (status == EXIT_OK || status == EXIT_MISMATCH) {
        struct stat info;
        if (stat(found_path, &info) == 0 && load_expected_file(found_path, &test->found) != 0)
            test->found = (struct stable_lines){NULL, 0};
    }
    switch (status) {
    case EXIT_OK:
        test->verdict = TEST_OK;
        return;
    case EXIT_MISMATCH:
        test->verdict = options->baseline != NULL ? TEST_NEW : TEST_FOUND;
        return;
    case EXIT_NO_VERDICT:
        first_line(verdict_path, line, sizeof line);
        test->verdict = TEST_NO_VERDICT;
        snprintf(test->reason, sizeof test->reason, "%s",
                 strncmp(line, "no-verdict: ", 12) == 0 ? line + 12 : "racelab run gave no verdict");
        return;
    default:
        last_racelab_line(log_path, line, sizeof line);
        test->verdict = TEST_NO_VERDICT;
        snprintf(test->reason, sizeof test->reason, "racelab run exited %d%s%.1200s", status, line[0] ? ": " : "",
                 line);
        return;
    }
}

/* ---- what the suite says ----------------------------------------------- */

static const char *verdict_word(enum test_verdict verdict)
{
    switch (verdict) {
    case TEST_OK: return "ok";
    case TEST_FOUND: return "FOUND";
    case TEST_NEW: return "NEW";
    case TEST_NO_VERDICT: return "NO VERDICT";
    case TEST_SKIPPED: return "skipped";
    }
    return "?";
}

/* The baseline's lines that are not new: known finding lines of this test. */
static void print_test(const struct ctest_options *options, const struct test *test, const struct groups *baseline)
{
    const char *detector = options->detector->name;
    switch (test->verdict) {
    case TEST_OK:
        if (test->found.count == 0)
            printf("racelab ctest: ok: %s under %s: no findings\n", test->name, detector);
        else
            printf("racelab ctest: ok: %s under %s: %zu finding%s, all in %s\n", test->name, detector,
                   test->found.count, test->found.count == 1 ? "" : "s", options->baseline);
        return;
    case TEST_FOUND:
    case TEST_NEW:
        printf("racelab ctest: %s: %s under %s:\n", verdict_word(test->verdict), test->name, detector);
        for (size_t i = 0; i < test->found.count; i++)
            if (test->verdict == TEST_FOUND || groups_find(baseline, test->found.lines[i]) < 0)
                printf("  %s\n", test->found.lines[i]);
        printf("  log: %s.log\n", test->prefix);
        return;
    case TEST_NO_VERDICT:
        printf("racelab ctest: NO VERDICT: %s under %s: %s\n", test->name, detector, test->reason);
        return;
    case TEST_SKIPPED:
        printf("racelab ctest: skipped: %s: %s\n", test->name, test->reason);
        return;
    }
}

static void xml_escaped(FILE *out, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default:
            if (*p < 0x20 && *p != '\n' && *p != '\t')
                fputc('?', out); /* not allowed in XML 1.0 */
            else
                fputc(*p, out);
        }
    }
}

static int write_junit(const struct ctest_options *options, const struct test *tests, size_t count,
                       const struct groups *baseline)
{
    FILE *out = fopen(options->junit, "w");
    if (out == NULL) {
        fprintf(stderr, "racelab ctest: --junit %s: %s\n", options->junit, strerror(errno));
        return -1;
    }
    size_t failures = 0, errors = 0, skipped = 0;
    double seconds = 0;
    for (size_t i = 0; i < count; i++) {
        failures += tests[i].verdict == TEST_FOUND || tests[i].verdict == TEST_NEW;
        errors += tests[i].verdict == TEST_NO_VERDICT;
        skipped += tests[i].verdict == TEST_SKIPPED;
        seconds += tests[i].seconds;
    }
    const char *detector = options->detector->name;
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<testsuites>\n"
                 "  <testsuite name=\"racelab ctest %s\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
                 "skipped=\"%zu\" time=\"%.3f\">\n",
            detector, count, failures, errors, skipped, seconds);
    for (size_t i = 0; i < count; i++) {
        const struct test *test = &tests[i];
        fprintf(out, "    <testcase classname=\"racelab.%s\" name=\"", detector);
        xml_escaped(out, test->name);
        fprintf(out, "\" time=\"%.3f\"", test->seconds);
        if (test->verdict == TEST_OK) {
            fputs("/>\n", out);
            continue;
        }
        fputs(">\n", out);
        if (test->verdict == TEST_FOUND || test->verdict == TEST_NEW) {
            fprintf(out, "      <failure type=\"%s\" message=\"%s: %s findings %s\">", verdict_word(test->verdict),
                    verdict_word(test->verdict), detector,
                    test->verdict == TEST_NEW ? "not in the baseline" : "(no baseline allows any)");
            for (size_t f = 0; f < test->found.count; f++)
                if (test->verdict == TEST_FOUND || groups_find(baseline, test->found.lines[f]) < 0) {
                    xml_escaped(out, test->found.lines[f]);
                    fputc('\n', out);
                }
            fputs("</failure>\n", out);
        } else if (test->verdict == TEST_NO_VERDICT) {
            fputs("      <error type=\"no verdict\" message=\"", out);
            xml_escaped(out, test->reason);
            fputs("\"/>\n", out);
        } else {
            fputs("      <skipped message=\"", out);
            xml_escaped(out, test->reason);
            fputs("\"/>\n", out);
        }
        if (test->verdict != TEST_SKIPPED) {
            fputs("      <system-out>log: ", out);
            xml_escaped(out, test->prefix);
            fputs(".log</system-out>\n", out);
        }
        fputs("    </testcase>\n", out);
    }
    fputs("  </testsuite>\n</testsuites>\n", out);
    if (fclose(out) != 0) {
        fprintf(stderr, "racelab ctest: --junit %s: write error\n", options->junit);
        return -1;
    }
    return 0;
}

/* The raw reports of the tests with findings, every run of each. */
static int write_sarif(const struct ctest_options *options, const struct test *tests, size_t count)
{
    struct sarif_input *inputs = calloc(count * 1000 + 1, sizeof *inputs);
    char (*paths)[RUN_PATH_MAX] = calloc(count * 1000 + 1, sizeof *paths);
    if (inputs == NULL || paths == NULL) {
        free(inputs);
        free(paths);
        fputs("racelab ctest: --sarif: out of memory\n", stderr);
        return -1;
    }
    size_t used = 0;
    for (size_t i = 0; i < count; i++) {
        if (tests[i].found.count == 0 || tests[i].verdict == TEST_NO_VERDICT || tests[i].verdict == TEST_SKIPPED)
            continue;
        for (int run = 1; run <= 1000; run++) {
            char prefix[RUN_PATH_MAX];
            struct run_files files;
            if (run == 1)
                snprintf(prefix, sizeof prefix, "%s", tests[i].prefix);
            else
                snprintf(prefix, sizeof prefix, "%.4180s.run%d", tests[i].prefix, run);
            run_files_at(prefix, options->detector, &files);
            struct stat info;
            if (stat(files.raw_report, &info) != 0)
                break;
            if (info.st_size == 0)
                continue; /* a TSan run that reported nothing */
            snprintf(paths[used], RUN_PATH_MAX, "%s", files.raw_report);
            inputs[used] = (struct sarif_input){paths[used], tests[i].name};
            used++;
        }
    }
    FILE *out = fopen(options->sarif, "w");
    int status = -1;
    if (out == NULL) {
        fprintf(stderr, "racelab ctest: --sarif %s: %s\n", options->sarif, strerror(errno));
    } else {
        int written = sarif_write_reports(out, inputs, used, "test", options->source_root, options->detector);
        status = fclose(out) == 0 && (written == EXIT_OK || written == EXIT_NO_VERDICT) ? 0 : -1;
        if (status != 0)
            fprintf(stderr, "racelab ctest: --sarif %s: not written\n", options->sarif);
    }
    free(inputs);
    free(paths);
    return status;
}

int command_ctest(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct ctest_options options;
    int parsed = parse_options(argc, argv, &options);
    if (parsed != 0)
        return parsed > 0 ? EXIT_OK : EXIT_USAGE;
    char self[PATH_MAX];
    ssize_t self_length = readlink("/proc/self/exe", self, sizeof self - 1);
    if (self_length <= 0) {
        fprintf(stderr, "racelab ctest: cannot find racelab's own program (/proc/self/exe): %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    self[self_length] = '\0';
    char directory[RUN_PATH_MAX / 2], probe[RUN_PATH_MAX];
    if (options.report_directory != NULL)
        snprintf(directory, sizeof directory, "%s", options.report_directory);
    else
        snprintf(directory, sizeof directory, "%s/%s", DEFAULT_REPORT_DIRECTORY, options.detector->name);
    snprintf(probe, sizeof probe, "%s/x", directory);
    if (make_parent_directories(probe) != 0) {
        fprintf(stderr, "racelab ctest: --report %s: cannot create it: %s\n", directory, strerror(errno));
        return EXIT_USAGE;
    }
    cJSON *list = list_tests(&options, directory);
    if (list == NULL)
        return EXIT_USAGE;
    const cJSON *entries = cJSON_GetObjectItemCaseSensitive(list, "tests");
    size_t count = (size_t)cJSON_GetArraySize(entries);
    struct test *tests = calloc(count, sizeof *tests);
    if (tests == NULL) {
        cJSON_Delete(list);
        fputs("racelab ctest: out of memory\n", stderr);
        return EXIT_NO_VERDICT;
    }
    printf("racelab ctest: %zu test%s under %s, raw reports in %s/\n", count, count == 1 ? "" : "s",
           options.detector->name, directory);
    struct stable_lines baseline_lines = {NULL, 0};
    struct groups baseline = {NULL, 0};
    size_t index = 0;
    const cJSON *entry;
    cJSON_ArrayForEach(entry, entries) {
        struct test *test = &tests[index++];
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(entry, "name");
        test->name = strdup(cJSON_IsString(name) ? name->valuestring : "(unnamed)");
        if (test->name == NULL) {
            fputs("racelab ctest: out of memory\n", stderr);
            exit(EXIT_NO_VERDICT);
        }
        judge_test(&options, self, entry, directory, test);
        /* The baseline as it is now: bless may have added to it. */
        if (options.baseline != NULL && test->verdict == TEST_NEW) {
            stable_lines_free(&baseline_lines);
            groups_free(&baseline);
            if (load_expected_file(options.baseline, &baseline_lines) == 0)
                groups_build(&baseline_lines, &baseline);
        }
        print_test(&options, test, &baseline);
    }
    cJSON_Delete(list);

    /* The suite: a baseline line no test saw is fixed. */
    size_t counts[TEST_SKIPPED + 1] = {0};
    struct stable_lines all_found = {NULL, 0};
    for (size_t i = 0; i < count; i++) {
        counts[tests[i].verdict]++;
        for (size_t f = 0; f < tests[i].found.count; f++)
            stable_lines_add(&all_found, tests[i].found.lines[f]);
    }
    size_t fixed = 0;
    struct stat info;
    if (options.baseline != NULL && stat(options.baseline, &info) == 0) {
        stable_lines_free(&baseline_lines);
        groups_free(&baseline);
        if (load_expected_file(options.baseline, &baseline_lines) == 0) {
            groups_build(&baseline_lines, &baseline);
            struct comparison comparison;
            compare_with_groups(&baseline, &all_found, &comparison);
            for (size_t g = 0; counts[TEST_NO_VERDICT] == 0 && g < baseline.count; g++) {
                if (comparison.group_seen[g] || baseline.items[g].sometimes)
                    continue;
                char line[STABLE_LINE_MAX * 4];
                group_line(&baseline.items[g], line, sizeof line);
                printf("racelab ctest: fixed: %s\n  no test showed it: remove this line from %s\n", line,
                       options.baseline);
                fixed++;
            }
            comparison_free(&comparison);
        }
    }
    int status = EXIT_OK;
    if (counts[TEST_FOUND] + counts[TEST_NEW] > 0 || (options.strict && fixed > 0))
        status = EXIT_MISMATCH;
    else if (counts[TEST_NO_VERDICT] > 0)
        status = EXIT_NO_VERDICT;
    printf("racelab ctest: %s under %s: %zu test%s: %zu ok, %zu FOUND, %zu NEW, %zu no verdict, %zu skipped%s\n",
           status == EXIT_OK ? "PASS" : status == EXIT_MISMATCH ? "FAIL" : "NO VERDICT", options.detector->name,
           count, count == 1 ? "" : "s", counts[TEST_OK], counts[TEST_FOUND], counts[TEST_NEW],
           counts[TEST_NO_VERDICT], counts[TEST_SKIPPED],
           options.strict && fixed > 0 ? " (--strict: a baseline line no test showed)" : "");
    if (options.junit != NULL && write_junit(&options, tests, count, &baseline) != 0)
        status = EXIT_USAGE;
    if (options.sarif != NULL && write_sarif(&options, tests, count) != 0)
        status = EXIT_USAGE;
    for (size_t i = 0; i < count; i++) {
        free(tests[i].name);
        stable_lines_free(&tests[i].found);
    }
    free(tests);
    stable_lines_free(&all_found);
    stable_lines_free(&baseline_lines);
    groups_free(&baseline);
    return status;
}
