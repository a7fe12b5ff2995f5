/* run.c: `racelab run` and `racelab check`: one program, one detector, one verdict.
 *
 * run: checks the detector is really there (instrumented binary, valgrind
 * on PATH), runs the program under it with a timeout, keeps every raw
 * output under the report prefix, and judges (detector.h):
 *
 *     PREFIX.stdout    the program's output
 *     PREFIX.stderr    TSan's report / Valgrind's own messages
 *     PREFIX.xml       Valgrind's XML report (the one that is parsed)
 *     PREFIX.found     the findings in the stable form
 *     PREFIX.verdict   race / clean / no-verdict: REASON  (read by `matrix`)
 *
 * check: the same judgement on a report saved earlier. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "detector.h"
#include "expected.h"
#include "report_parse.h"

/* TSan options racelab relies on; appended last so they win over the user's. */
static const char TSAN_OPTIONS_FOR_GATE[] = "exitcode=66:halt_on_error=0:report_bugs=1";

struct run_options {
    const struct detector *detector;
    const char *case_name;
    const char *expected_path;
    const char *report_prefix;
    const char *valgrind;
    int timeout_seconds;
    int exit_status;         /* check: the status the detector exited with, -1 unknown */
    char **program;          /* run: argv of the program; check: the report path in [0] */
};

static void print_run_usage(FILE *out)
{
    fputs("usage: racelab run --detector NAME --expected FILE --report PREFIX\n"
          "                   [--case NAME] [--timeout SECONDS] [--valgrind PATH] -- PROGRAM [ARGS...]\n"
          "       racelab check --detector NAME --expected FILE [--case NAME] [--exit-status N] REPORT\n"
          "Runs PROGRAM under the detector (tsan, tsan-gcc, helgrind, drd), keeps the raw report\n"
          "as PREFIX.*, and compares its findings with FILE. Exit: 0 as expected, 1 different\n"
          "findings, 2 usage or bad input, 3 no verdict (crash, timeout, missing detector).\n", out);
}

static int parse_whole_number(const char *text, int *value)
{
    char *end = NULL;
    errno = 0;
    long parsed = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || parsed < 0 || parsed > 1000000)
        return -1;
    *value = (int)parsed;
    return 0;
}

/* Reads the options shared by run and check; returns EXIT_OK or EXIT_USAGE. */
static int parse_run_options(int argc, char **argv, bool is_run, struct run_options *options)
{
    *options = (struct run_options){.valgrind = "valgrind", .timeout_seconds = 120, .exit_status = -1};
    int i = 1;
    for (; i < argc; i++) {
        const char *flag = argv[i];
        if (strcmp(flag, "--help") == 0 || strcmp(flag, "-h") == 0) {
            print_run_usage(stdout);
            exit(EXIT_OK);
        }
        if (strcmp(flag, "--") == 0) {
            i++;
            break;
        }
        if (flag[0] != '-' && !is_run)
            break;
        if (i + 1 >= argc) {
            fprintf(stderr, "racelab %s: %s needs a value\n", argv[0], flag);
            return EXIT_USAGE;
        }
        const char *value = argv[++i];
        if (strcmp(flag, "--detector") == 0) {
            options->detector = find_detector(value);
            if (options->detector == NULL) {
                fprintf(stderr, "racelab %s: unknown detector '%s' (tsan, tsan-gcc, helgrind, drd)\n", argv[0], value);
                return EXIT_USAGE;
            }
        } else if (strcmp(flag, "--case") == 0) {
            options->case_name = value;
        } else if (strcmp(flag, "--expected") == 0) {
            options->expected_path = value;
        } else if (strcmp(flag, "--report") == 0 && is_run) {
            options->report_prefix = value;
        } else if (strcmp(flag, "--valgrind") == 0 && is_run) {
            options->valgrind = value;
        } else if (strcmp(flag, "--timeout") == 0 && is_run) {
            if (parse_whole_number(value, &options->timeout_seconds) != 0 || options->timeout_seconds == 0) {
                fprintf(stderr, "racelab run: --timeout takes whole seconds from 1, got '%s'\n", value);
                return EXIT_USAGE;
            }
        } else if (strcmp(flag, "--exit-status") == 0 && !is_run) {
            if (parse_whole_number(value, &options->exit_status) != 0 || options->exit_status > 255) {
                fprintf(stderr, "racelab check: --exit-status takes 0 to 255, got '%s'\n", value);
                return EXIT_USAGE;
            }
        } else {
            fprintf(stderr, "racelab %s: unknown option '%s' (see --help)\n", argv[0], flag);
            return EXIT_USAGE;
        }
    }
    options->program = argv + i;
    const char *missing = options->detector == NULL ? "--detector"
                          : options->expected_path == NULL ? "--expected"
                          : (is_run && options->report_prefix == NULL) ? "--report"
                          : NULL;
    if (missing != NULL) {
        fprintf(stderr, "racelab %s: %s is required (see --help)\n", argv[0], missing);
        return EXIT_USAGE;
    }
    if (i >= argc || (!is_run && i + 1 != argc)) {
        fprintf(stderr, "racelab %s: %s\n", argv[0],
                is_run ? "no program given after --" : "give exactly one REPORT file");
        return EXIT_USAGE;
    }
    if (options->case_name == NULL)
        options->case_name = options->program[0];
    return EXIT_OK;
}

static bool is_executable_file(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 && S_ISREG(info.st_mode) && access(path, X_OK) == 0;
}

/* The full path of a command, searched on PATH when it has no slash. */
static bool find_command(const char *command, char *path, size_t size)
{
    if (strchr(command, '/') != NULL) {
        snprintf(path, size, "%s", command);
        return is_executable_file(path);
    }
    const char *search = getenv("PATH");
    for (const char *dir = search ? search : "/usr/bin:/bin"; *dir != '\0';) {
        size_t length = strcspn(dir, ":");
        snprintf(path, size, "%.*s/%s", (int)length, dir, command);
        if (length > 0 && is_executable_file(path))
            return true;
        dir += length + (dir[length] == ':');
    }
    return false;
}

/* mkdir -p of the directory part of path. */
static int make_parent_directories(const char *path)
{
    char buffer[4096];
    if (snprintf(buffer, sizeof buffer, "%s", path) >= (int)sizeof buffer)
        return -1;
    for (char *slash = strchr(buffer + 1, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (mkdir(buffer, 0777) != 0 && errno != EEXIST)
            return -1;
        *slash = '/';
    }
    return 0;
}

static void output_path(char *path, size_t size, const char *prefix, const char *suffix)
{
    snprintf(path, size, "%s.%s", prefix, suffix);
}

static int open_output(const char *path)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
}

/* Builds the argv that runs the program under the detector. */
static char **detector_argv(const struct run_options *options, const char *valgrind_path,
                            const char *xml_path)
{
    size_t program_argc = 0;
    while (options->program[program_argc] != NULL)
        program_argc++;
    char **argv = calloc(program_argc + 8 /* valgrind's own arguments */, sizeof *argv);
    if (argv == NULL)
        return NULL;
    size_t n = 0;
    if (options->detector->valgrind_tool != NULL) {
        static char tool_flag[64], xml_flag[4300], exit_flag[32];
        if (snprintf(tool_flag, sizeof tool_flag, "--tool=%s", options->detector->valgrind_tool) >= (int)sizeof tool_flag ||
            snprintf(xml_flag, sizeof xml_flag, "--xml-file=%s", xml_path) >= (int)sizeof xml_flag ||
            snprintf(exit_flag, sizeof exit_flag, "--error-exitcode=%d", VALGRIND_ERROR_EXIT_CODE) >= (int)sizeof exit_flag) {
            fprintf(stderr, "racelab run: report path too long: %s\n", xml_path);
            free(argv);
            return NULL;
        }
        argv[n++] = (char *)valgrind_path;
        argv[n++] = tool_flag;
        if (options->detector->read_var_info)
            argv[n++] = "--read-var-info=yes";
        argv[n++] = exit_flag;
        argv[n++] = "--xml=yes";
        argv[n++] = xml_flag;
    }
    for (size_t i = 0; i < program_argc; i++)
        argv[n++] = options->program[i];
    argv[n] = NULL;
    return argv;
}

/* Starts argv with stdout and stderr sent to files, waits at most the
 * timeout, and kills its whole process group when it runs over. */
static int run_with_timeout(char **argv, const char *stdout_path, const char *stderr_path,
                            int timeout_seconds, struct run_outcome *outcome)
{
    int out = open_output(stdout_path);
    int err = open_output(stderr_path);
    if (out < 0 || err < 0) {
        fprintf(stderr, "racelab run: cannot write %s: %s\n", out < 0 ? stdout_path : stderr_path, strerror(errno));
        return -1;
    }
    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "racelab run: fork: %s\n", strerror(errno));
        return -1;
    }
    if (child == 0) {
        setpgid(0, 0);
        int null_input = open("/dev/null", O_RDONLY);
        if (null_input >= 0)
            dup2(null_input, STDIN_FILENO);
        dup2(out, STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        execv(argv[0], argv);
        fprintf(stderr, "racelab run: cannot execute %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(out);
    close(err);

    *outcome = (struct run_outcome){.known = true, .timeout_seconds = timeout_seconds};
    struct timespec start, now, pause = {.tv_sec = 0, .tv_nsec = 10 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        int status = 0;
        pid_t done = waitpid(child, &status, WNOHANG);
        if (done == child) {
            if (WIFSIGNALED(status))
                outcome->signal = WTERMSIG(status);
            else
                outcome->exit_status = WEXITSTATUS(status);
            break;
        }
        if (done < 0 && errno != EINTR) {
            fprintf(stderr, "racelab run: waitpid: %s\n", strerror(errno));
            return -1;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        double elapsed = (double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9;
        if (elapsed >= timeout_seconds) {
            kill(-child, SIGKILL);
            kill(child, SIGKILL);
            waitpid(child, &status, 0);
            outcome->timed_out = true;
            break;
        }
        nanosleep(&pause, NULL);
    }
    kill(-child, SIGKILL); /* stray grandchildren must not outlive the run */
    return 0;
}

static void set_tsan_options(void)
{
    const char *user = getenv("TSAN_OPTIONS");
    char options[2048];
    snprintf(options, sizeof options, "%s%s%s", user ? user : "", user && *user ? ":" : "",
             TSAN_OPTIONS_FOR_GATE);
    setenv("TSAN_OPTIONS", options, 1);
}

static void write_text_file(const char *path, const char *text)
{
    FILE *file = fopen(path, "w");
    if (file == NULL)
        return;
    fputs(text, file);
    fclose(file);
}

static void write_found_file(const char *path, const struct stable_lines *found)
{
    FILE *file = fopen(path, "w");
    if (file == NULL)
        return;
    if (found->count == 0)
        fputs("no findings\n", file);
    for (size_t i = 0; i < found->count; i++)
        fprintf(file, "%s\n", found->lines[i]);
    fclose(file);
}

/* Prints the verdict for a person and returns the exit status. */
static int report_verdict(const struct run_options *options, const struct judgement *judgement,
                          const struct stable_lines *expected, const char *raw_report)
{
    const char *name = options->case_name;
    const char *detector = options->detector->name;
    if (judgement->verdict == VERDICT_NONE) {
        fprintf(stderr, "racelab: NO VERDICT: %s under %s: %s\n  raw report: %s\n", name, detector,
                judgement->reason, raw_report);
        return EXIT_NO_VERDICT;
    }
    if (judgement->verdict == VERDICT_MATCH) {
        printf("racelab: ok: %s under %s: %s, as %s expects\n  raw report: %s\n", name, detector,
               expected->count ? "race reported" : "no findings", options->expected_path, raw_report);
        return EXIT_OK;
    }
    fprintf(stderr, "racelab: MISMATCH: %s under %s\n--- expected (%s)\n+++ found\n", name, detector,
            options->expected_path);
    size_t e = 0, f = 0;
    const struct stable_lines *found = &judgement->found;
    if (expected->count == 0)
        fputs("- no findings\n", stderr);
    if (found->count == 0)
        fputs("+ no findings\n", stderr);
    while (e < expected->count || f < found->count) {
        int order = e == expected->count ? 1
                    : f == found->count  ? -1
                                         : strcmp(expected->lines[e], found->lines[f]);
        if (order == 0) {
            fprintf(stderr, "  %s\n", expected->lines[e++]);
            f++;
        } else if (order < 0) {
            fprintf(stderr, "- %s\n", expected->lines[e++]);
        } else {
            fprintf(stderr, "+ %s\n", found->lines[f++]);
        }
    }
    fprintf(stderr, "raw report: %s\n", raw_report);
    return EXIT_MISMATCH;
}

static const char *verdict_word(const struct judgement *judgement)
{
    if (judgement->verdict == VERDICT_NONE)
        return "no-verdict";
    return judgement->found.count > 0 ? "race" : "clean";
}

int command_run(int argc, char **argv)
{
    struct run_options options;
    if (parse_run_options(argc, argv, true, &options) != EXIT_OK)
        return EXIT_USAGE;
    struct stable_lines expected;
    if (load_expected_file(options.expected_path, &expected) != 0)
        return EXIT_USAGE;

    char stdout_path[4200], stderr_path[4200], xml_path[4200], found_path[4200], verdict_path[4200];
    output_path(stdout_path, sizeof stdout_path, options.report_prefix, "stdout");
    output_path(stderr_path, sizeof stderr_path, options.report_prefix, "stderr");
    output_path(xml_path, sizeof xml_path, options.report_prefix, "xml");
    output_path(found_path, sizeof found_path, options.report_prefix, "found");
    output_path(verdict_path, sizeof verdict_path, options.report_prefix, "verdict");
    if (make_parent_directories(options.report_prefix) != 0) {
        fprintf(stderr, "racelab run: cannot create the directory of %s: %s\n", options.report_prefix, strerror(errno));
        stable_lines_free(&expected);
        return EXIT_USAGE;
    }
    /* A stale verdict from an earlier run must not survive a failed one. */
    write_text_file(verdict_path, "no-verdict: racelab run did not finish\n");
    unlink(xml_path);

    const struct detector *detector = options.detector;
    char program[4096], valgrind[4096];
    struct judgement judgement = {.verdict = VERDICT_NONE};
    const char *raw_report = detector->valgrind_tool ? xml_path : stderr_path;
    int status = EXIT_NO_VERDICT;
    char **child_argv = NULL;

    if (!find_command(options.program[0], program, sizeof program)) {
        fprintf(stderr, "racelab: NO VERDICT: %s under %s: program %s not found or not executable\n",
                options.case_name, detector->name, options.program[0]);
        goto done;
    }
    options.program[0] = program;
    if (detector->valgrind_tool == NULL) {
        char reason[512];
        if (!binary_is_tsan_instrumented(program, reason, sizeof reason)) {
            fprintf(stderr, "racelab: NO VERDICT: %s under %s: %s is not built with -fsanitize=thread (%s): "
                            "a quiet run would prove nothing\n",
                    options.case_name, detector->name, program, reason);
            goto done;
        }
        set_tsan_options();
    } else if (!find_command(options.valgrind, valgrind, sizeof valgrind)) {
        fprintf(stderr, "racelab: NO VERDICT: %s under %s: valgrind not found (%s): install it with 'apt-get install valgrind'\n",
                options.case_name, detector->name, options.valgrind);
        goto done;
    }

    child_argv = detector_argv(&options, valgrind, xml_path);
    struct run_outcome outcome;
    if (child_argv == NULL ||
        run_with_timeout(child_argv, stdout_path, stderr_path, options.timeout_seconds, &outcome) != 0)
        goto done;

    struct report report;
    report_init(&report);
    char parse_error[256] = "";
    int parsed = parse_detector_report(detector, raw_report, &report, parse_error, sizeof parse_error);
    judge_run(detector, &outcome, parsed, parse_error, &report, &expected, &judgement);
    report_free(&report);
    status = report_verdict(&options, &judgement, &expected, raw_report);
    if (judgement.verdict != VERDICT_NONE)
        write_found_file(found_path, &judgement.found);

done:;
    char verdict_line[600];
    snprintf(verdict_line, sizeof verdict_line, "%s%s%s\n", verdict_word(&judgement),
             judgement.verdict == VERDICT_NONE ? ": " : "",
             judgement.verdict == VERDICT_NONE ? (judgement.reason[0] ? judgement.reason : "detector not run") : "");
    write_text_file(verdict_path, verdict_line);
    free(child_argv);
    stable_lines_free(&judgement.found);
    stable_lines_free(&expected);
    return status;
}

int command_check(int argc, char **argv)
{
    struct run_options options;
    if (parse_run_options(argc, argv, false, &options) != EXIT_OK)
        return EXIT_USAGE;
    struct stable_lines expected;
    if (load_expected_file(options.expected_path, &expected) != 0)
        return EXIT_USAGE;
    const char *report_path = options.program[0];
    if (strcmp(options.case_name, report_path) == 0)
        options.case_name = "report";
    struct stat info;
    bool exists = stat(report_path, &info) == 0;
    if (!exists || !S_ISREG(info.st_mode)) {
        fprintf(stderr, "racelab check: %s: %s\n", report_path,
                exists ? "not a regular file" : strerror(errno));
        stable_lines_free(&expected);
        return EXIT_USAGE;
    }

    struct report report;
    report_init(&report);
    char parse_error[256] = "";
    int parsed = parse_detector_report(options.detector, report_path, &report, parse_error, sizeof parse_error);
    struct run_outcome outcome = {.known = options.exit_status >= 0, .exit_status = options.exit_status};
    struct judgement judgement;
    judge_run(options.detector, &outcome, parsed, parse_error, &report, &expected, &judgement);
    report_free(&report);
    int status = report_verdict(&options, &judgement, &expected, report_path);
    stable_lines_free(&judgement.found);
    stable_lines_free(&expected);
    return status;
}
