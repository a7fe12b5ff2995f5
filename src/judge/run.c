/* run.c: `racelab run` and `racelab check`: one program, one detector, one verdict.
 *
 * run: checks the detector is really there (instrumented binary, valgrind
 * on PATH), runs the program under it with a timeout (launch.h), keeps
 * every raw output under the report prefix, and judges (detector.h).  What
 * it judges against is the mode:
 *
 *   --expected FILE   exact: the findings must be FILE's lines, no more, no less
 *   --baseline FILE   known races: a finding not in FILE fails (new); a line
 *                     of FILE no longer seen is "fixed", failing only with --strict
 *   neither           discovery: print what was found; exit 0 clean, 1 findings
 *   --bless           with --expected/--baseline: write FILE from what was
 *                     found (only from a real verdict), then judge against it
 *
 * Which found finding an expected line knows is identity.h's rule: a line
 * is a group of sites on one location, matched by function and statement.
 *
 * --runs N makes N runs, so that a race that shows in any of them counts:
 * an expected race must appear in one of them (their union), and a finding
 * not expected, in any run, fails (it ends the runs at once).  A program
 * that must be clean must be clean in every one, and a run without a
 * verdict never counts as clean.  --bless runs until --settle K runs in a
 * row show nothing new, at most --runs N (default 40), and marks a group
 * seen in only some of its runs `sometimes`.  Run 1 writes PREFIX.*, run K > 1 PREFIX.runK.*;
 * the verdict over all runs goes to
 *
 *     PREFIX.found     the findings (union over the runs) in the stable form
 *     PREFIX.verdict   race / clean / no-verdict: REASON  (read by `matrix`)
 *
 * check: the same judgement on a report saved earlier. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "detector.h"
#include "doctor.h"
#include "expected.h"
#include "identity.h"
#include "input.h"
#include "launch.h"
#include "perturb.h"
#include "report_parse.h"
#include "source.h"
#include "suppressions.h"

enum {
    RUNS_MAX = 1000,
    /* Bless: runs in a row that must add nothing before it stops, and the
       most it makes unless --runs says otherwise (docs/reference.md says
       how they were chosen). */
    BLESS_SETTLE_DEFAULT = 10,
    BLESS_RUNS_DEFAULT = 40,
    /* The most --env, --valgrind-option and --suppressions one run takes. */
    RUN_ENV_MAX = 64,
    RUN_VALGRIND_OPTIONS_MAX = 64,
    SUPPRESSION_FILES_MAX = 8,
};

/* Where the raw reports go when --report is not given: beside the caller. */
static const char DEFAULT_REPORT_DIRECTORY[] = "racelab-reports";

enum run_mode {
    MODE_DISCOVER, /* no file: show what was found */
    MODE_EXPECTED, /* exact expected findings */
    MODE_BASELINE, /* known findings: only new ones fail */
};

struct run_options {
    const struct detector *detector;
    const char *case_name;
    const char *expected_path;
    const char *baseline_path;
    const char *report_prefix;
    const char *valgrind;
    const char *source_root;
    int timeout_seconds;
    int runs;
    bool runs_given;
    int settle;              /* bless: stop after this many runs in a row add nothing */
    bool bless;
    bool strict;
    bool will_fail;          /* the program's normal end is a failing exit (CTest's WILL_FAIL) */
    int exit_status;         /* check: the status the detector exited with, -1 unknown */
    char **program;          /* run: argv of the program; check: the report path in [0] */
    /* The program's inputs, resolved from racelab's directory. */
    char stdin_path[PATH_MAX];        /* "" : /dev/null */
    char working_directory[PATH_MAX]; /* "" : racelab's own */
    const char *environment[RUN_ENV_MAX]; /* NAME=VALUE */
    size_t environment_count;
    /* Valgrind's: the user's options, then --suppressions=FILE for each file. */
    char *valgrind_options[RUN_VALGRIND_OPTIONS_MAX + SUPPRESSION_FILES_MAX];
    size_t valgrind_option_count;
    char suppression_files[SUPPRESSION_FILES_MAX][PATH_MAX];
    char suppression_flags[SUPPRESSION_FILES_MAX][PATH_MAX + 16];
    size_t suppression_count;
    struct perturb_options perturb;
};

static void print_run_usage(FILE *out)
{
    fputs("usage: racelab run --detector NAME [--expected FILE [--bless] | --baseline FILE [--strict] [--bless]]\n"
          "                   [--report PREFIX] [--runs N] [--settle K] [--case NAME] [--timeout SECONDS]\n"
          "                   [--valgrind PATH] [--source-root DIR] [--stdin FILE] [--env NAME=VALUE]...\n"
          "                   [--cwd DIR] [--will-fail] [--suppressions FILE]... [--valgrind-option OPT]...\n"
          "                   [--perturb [--seed S] [--perturb-strategy pct|delay] [--perturb-depth D]\n"
          "                   [--perturb-budget MS]] -- PROGRAM [ARGS...]\n"
          "       racelab check --detector NAME --expected FILE [--case NAME] [--exit-status N] [--source-root DIR] REPORT\n"
          "Runs PROGRAM under the detector (tsan, tsan-gcc, helgrind, drd) and keeps the raw\n"
          "report as PREFIX.* (default racelab-reports/PROGRAM.DETECTOR).\n"
          "  --expected FILE  the findings must be exactly FILE's lines (a line is a race: its\n"
          "                   location and the statements that race on it; `sometimes` lines\n"
          "                   may be absent).  A directory DIR/ stands for DIR/expected.DETECTOR,\n"
          "                   else DIR/expected.tsan for tsan-gcc\n"
          "  --baseline FILE  findings not in FILE fail; FILE's lines no longer seen are\n"
          "                   printed as fixed, and fail only with --strict (as do stale\n"
          "                   entries of a suppressions file: TSAN_OPTIONS', or --suppressions)\n"
          "  neither          print the findings in the stable form (discovery)\n"
          "  --bless          write FILE from what was found, then judge against it; runs until\n"
          "                   --settle K runs in a row (default 10) add nothing, at most --runs\n"
          "                   (default 40); a race seen in only some runs is marked `sometimes`;\n"
          "                   a baseline keeps its races and gains the new ones\n"
          "  --runs N         N runs: an expected race must appear in one of them, a finding\n"
          "                   not expected fails in any; a program expected clean is clean in all N\n"
          "  --source-root DIR  the project's sources: the first frame under DIR is the site\n"
          "                   (default: RACELAB_SOURCE_ROOT, else the first frame outside /usr)\n"
          "  --stdin FILE     the program's stdin (default /dev/null)\n"
          "  --env NAME=VALUE set NAME for the program (repeatable; TSAN_OPTIONS so given is\n"
          "                   merged with racelab's own)\n"
          "  --will-fail      the program is meant to exit non-zero (CTest's WILL_FAIL): that\n"
          "                   exit is its normal end; exiting 0 is no verdict, as is a crash\n"
          "  --cwd DIR        run the program in DIR (PROGRAM, --stdin, --report and the other\n"
          "                   paths are still read from where racelab runs; ARGS are the program's)\n"
          "  --suppressions FILE  helgrind, drd: a Valgrind suppressions file (repeatable); its\n"
          "                   entries for the tool that matched nothing are printed as stale\n"
          "                   (TSan: --env TSAN_OPTIONS=suppressions=FILE)\n"
          "  --valgrind-option OPT  helgrind, drd: pass the option OPT to valgrind (repeatable)\n"
          "  --perturb        perturb the schedule at the program's synchronisation points, seeded\n"
          "                   (the program must be built by racelab_instrument, which links the shim);\n"
          "                   run K has seed S+K-1; per finding, the seeds that found it are counted\n"
          "  --seed S         the first run's seed (implies --perturb; default: drawn, and printed);\n"
          "                   --seed S --runs 1 replays the run that had seed S\n"
          "  --perturb-strategy pct|delay  pct (default): one thread at a time by seeded priorities,\n"
          "                   D-1 change points; delay: seeded sleeps at the points\n"
          "  --perturb-depth D  pct's depth (default 3)\n"
          "  --perturb-budget MS  the most a run is perturbed (default 1000): delay's total delay,\n"
          "                   pct's time under control; then the run goes on unperturbed\n"
          "Exit: 0 as expected (discovery: clean), 1 different findings (discovery: findings),\n"
          "2 usage or bad input, 3 no verdict (crash, timeout, missing detector).\n", out);
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

/* NAME=VALUE, NAME a shell variable name. */
static bool is_assignment(const char *text)
{
    size_t length = strcspn(text, "=");
    if (text[length] != '=' || length == 0 || length > 255 || (text[0] >= '0' && text[0] <= '9'))
        return false;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

/* The reason a valgrind option is racelab's own to set, or NULL. */
static const char *racelab_owned_valgrind_option(const char *option)
{
    static const char *const owned[] = {"--tool", "--xml", "--xml-file", "--xml-fd", "--xml-socket",
                                        "--error-exitcode", "--child-silent-after-fork"};
    size_t length = strcspn(option, "=");
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
        if (strlen(owned[i]) == length && strncmp(option, owned[i], length) == 0)
            return "racelab sets the tool, the XML report (a forked child silent in it) and the error exit code "
                   "itself (--detector, --report)";
    return NULL;
}

/* The absolute path of an existing FILE (a directory when `directory`),
 * resolved from racelab's working directory, in `resolved` (PATH_MAX);
 * -1 with one line naming the option and the path when it is not there. */
static int resolve_input_path(const char *flag, const char *path, bool directory, char *resolved)
{
    struct stat info;
    const char *problem = NULL;
    if (stat(path, &info) != 0)
        problem = strerror(errno);
    else if (directory && !S_ISDIR(info.st_mode))
        problem = "not a directory";
    else if (!directory && S_ISDIR(info.st_mode))
        problem = "is a directory, not a file";
    else if (access(path, directory ? X_OK : R_OK) != 0)
        problem = strerror(errno);
    else if (realpath(path, resolved) == NULL)
        problem = strerror(errno);
    if (problem != NULL) {
        fprintf(stderr, "racelab run: %s %s: %s\n", flag, path, problem);
        return -1;
    }
    return 0;
}

/* Reads the options shared by run and check; returns EXIT_OK or EXIT_USAGE. */
static int parse_run_options(int argc, char **argv, bool is_run, struct run_options *options)
{
    *options = (struct run_options){.valgrind = "valgrind", .timeout_seconds = 120, .runs = 1, .exit_status = -1,
                                    .settle = BLESS_SETTLE_DEFAULT};
    perturb_defaults(&options->perturb);
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
        if (flag[0] != '-') {
            fprintf(stderr, "racelab run: '%s' is not an option: put -- before the program "
                            "(racelab run OPTIONS -- PROGRAM ARGS)\n", flag);
            return EXIT_USAGE;
        }
        if (is_run && strcmp(flag, "--bless") == 0) {
            options->bless = true;
            continue;
        }
        if (is_run && strcmp(flag, "--strict") == 0) {
            options->strict = true;
            continue;
        }
        if (is_run && strcmp(flag, "--will-fail") == 0) {
            options->will_fail = true;
            continue;
        }
        bool needs_value = false;
        if (is_run && perturb_option(&options->perturb, flag, NULL, &needs_value) == 1 && !needs_value)
            continue;
        if (i + 1 >= argc) {
            fprintf(stderr, "racelab %s: %s needs a value\n", argv[0], flag);
            return EXIT_USAGE;
        }
        const char *value = argv[++i];
        int perturbation = is_run && needs_value ? perturb_option(&options->perturb, flag, value, &needs_value) : 0;
        if (perturbation < 0)
            return EXIT_USAGE;
        if (perturbation > 0)
            continue;
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
        } else if (strcmp(flag, "--baseline") == 0 && is_run) {
            options->baseline_path = value;
        } else if (strcmp(flag, "--report") == 0 && is_run) {
            options->report_prefix = value;
        } else if (strcmp(flag, "--valgrind") == 0 && is_run) {
            options->valgrind = value;
        } else if (strcmp(flag, "--timeout") == 0 && is_run) {
            if (parse_whole_number(value, &options->timeout_seconds) != 0 || options->timeout_seconds == 0) {
                fprintf(stderr, "racelab run: --timeout takes whole seconds from 1, got '%s'\n", value);
                return EXIT_USAGE;
            }
        } else if (strcmp(flag, "--runs") == 0 && is_run) {
            if (parse_whole_number(value, &options->runs) != 0 || options->runs < 1 || options->runs > RUNS_MAX) {
                fprintf(stderr, "racelab run: --runs takes 1 to %d, got '%s'\n", RUNS_MAX, value);
                return EXIT_USAGE;
            }
            options->runs_given = true;
        } else if (strcmp(flag, "--settle") == 0 && is_run) {
            if (parse_whole_number(value, &options->settle) != 0 || options->settle < 1 || options->settle > RUNS_MAX) {
                fprintf(stderr, "racelab run: --settle takes 1 to %d, got '%s'\n", RUNS_MAX, value);
                return EXIT_USAGE;
            }
        } else if (strcmp(flag, "--source-root") == 0) {
            if (source_root_set(value) != 0) {
                fprintf(stderr, "racelab %s: --source-root %s: %s\n", argv[0], value, strerror(errno));
                return EXIT_USAGE;
            }
            options->source_root = value;
        } else if (strcmp(flag, "--stdin") == 0 && is_run) {
            if (resolve_input_path(flag, value, false, options->stdin_path) != 0)
                return EXIT_USAGE;
        } else if (strcmp(flag, "--cwd") == 0 && is_run) {
            if (resolve_input_path(flag, value, true, options->working_directory) != 0)
                return EXIT_USAGE;
        } else if (strcmp(flag, "--env") == 0 && is_run) {
            if (!is_assignment(value)) {
                fprintf(stderr, "racelab run: --env '%s': give NAME=VALUE (NAME of letters, digits and _, "
                                "not starting with a digit)\n", value);
                return EXIT_USAGE;
            }
            if (options->environment_count == RUN_ENV_MAX) {
                fprintf(stderr, "racelab run: --env given more than %d times\n", RUN_ENV_MAX);
                return EXIT_USAGE;
            }
            options->environment[options->environment_count++] = value;
        } else if (strcmp(flag, "--suppressions") == 0 && is_run) {
            if (options->suppression_count == SUPPRESSION_FILES_MAX) {
                fprintf(stderr, "racelab run: --suppressions given more than %d times\n", SUPPRESSION_FILES_MAX);
                return EXIT_USAGE;
            }
            if (resolve_input_path(flag, value, false, options->suppression_files[options->suppression_count]) != 0)
                return EXIT_USAGE;
            options->suppression_count++;
        } else if (strcmp(flag, "--valgrind-option") == 0 && is_run) {
            const char *owned = racelab_owned_valgrind_option(value);
            if (value[0] != '-' || owned != NULL) {
                fprintf(stderr, "racelab run: --valgrind-option '%s': %s\n", value,
                        owned ? owned : "give one valgrind option, starting with -");
                return EXIT_USAGE;
            }
            if (options->valgrind_option_count == RUN_VALGRIND_OPTIONS_MAX) {
                fprintf(stderr, "racelab run: --valgrind-option given more than %d times\n", RUN_VALGRIND_OPTIONS_MAX);
                return EXIT_USAGE;
            }
            options->valgrind_options[options->valgrind_option_count++] = argv[i];
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
    const char *problem = options->detector == NULL                               ? "--detector is required"
                          : !is_run && options->expected_path == NULL             ? "--expected is required"
                          : options->expected_path && options->baseline_path      ? "give --expected or --baseline, not both"
                          : options->bless && !options->expected_path && !options->baseline_path
                              ? "--bless needs --expected FILE or --baseline FILE: the file to write"
                          : options->strict && !options->baseline_path            ? "--strict goes with --baseline"
                                                                                  : NULL;
    if (problem == NULL && options->detector->valgrind_tool == NULL && options->suppression_count > 0)
        problem = "--suppressions is Valgrind's (helgrind, drd): TSan reads its file from TSAN_OPTIONS, "
                  "e.g. --env TSAN_OPTIONS=suppressions=FILE, and racelab audits that file the same way";
    if (problem == NULL && options->detector->valgrind_tool == NULL && options->valgrind_option_count > 0)
        problem = "--valgrind-option is for helgrind and drd (TSan's options go in TSAN_OPTIONS)";
    if (problem != NULL) {
        fprintf(stderr, "racelab %s: %s (see --help)\n", argv[0], problem);
        return EXIT_USAGE;
    }
    for (size_t f = 0; f < options->suppression_count; f++) {
        snprintf(options->suppression_flags[f], sizeof options->suppression_flags[f], "--suppressions=%s",
                 options->suppression_files[f]);
        options->valgrind_options[options->valgrind_option_count++] = options->suppression_flags[f];
    }
    if (i >= argc || (!is_run && i + 1 != argc)) {
        fprintf(stderr, "racelab %s: %s\n", argv[0],
                is_run ? "no program given after --" : "give exactly one REPORT file");
        return EXIT_USAGE;
    }
    if (options->case_name == NULL)
        options->case_name = options->program[0];
    if (options->bless && !options->runs_given)
        options->runs = BLESS_RUNS_DEFAULT;
    if (options->perturb.on && !options->perturb.seed_given) {
        /* Drawn, kept short enough to type back in with --seed. */
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        options->perturb.seed = ((uint64_t)now.tv_nsec ^ ((uint64_t)getpid() << 20) ^ (uint64_t)now.tv_sec) % 1000000000u;
    }
    if (options->source_root == NULL && getenv("RACELAB_SOURCE_ROOT") != NULL &&
        source_root_set(getenv("RACELAB_SOURCE_ROOT")) != 0) {
        fprintf(stderr, "racelab %s: RACELAB_SOURCE_ROOT=%s: %s\n", argv[0], getenv("RACELAB_SOURCE_ROOT"),
                strerror(errno));
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static enum run_mode mode_of(const struct run_options *options)
{
    return options->expected_path ? MODE_EXPECTED : options->baseline_path ? MODE_BASELINE : MODE_DISCOVER;
}

static const char *target_path(const struct run_options *options)
{
    return options->expected_path ? options->expected_path : options->baseline_path;
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

static bool stable_lines_contain(const struct stable_lines *set, const char *line)
{
    size_t low = 0, high = set->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        int order = strcmp(set->lines[middle], line);
        if (order == 0)
            return true;
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return false;
}

enum { RUN_SET_BYTES = RUNS_MAX / 8 + 1 };

/* A finding, the raw report of the run that first showed it, and every run
 * with a verdict that showed it (bit K-1 for the K-th such run). */
struct sighting {
    char *line;
    char *report;
    unsigned char runs[RUN_SET_BYTES];
};

/* What the runs so far have shown. */
struct tally {
    struct stable_lines seen;    /* union of the findings of every run with a verdict */
    struct sighting *sightings;  /* one per line of `seen`, in order of arrival */
    size_t sighting_count;
    int runs_done;
    int verdict_runs;            /* runs with a verdict */
    int flagged_runs;            /* runs with a verdict and findings */
    int no_verdict_runs;
    int quiet_runs;              /* runs in a row, the last ones, that added no finding */
    uint64_t verdict_seeds[RUNS_MAX]; /* --perturb: the seed of each run with a verdict */
    bool every_required_seen;    /* --perturb: the runs stopped once the expected races were seen */
    bool timed_out;
    char reason[1200];           /* the last run's reason for no verdict */
    char last_report[RUN_PATH_MAX];
    const char *diagnosis;       /* a doctor check that explains a failed run */
};

static void tally_add_finding(struct tally *tally, const char *line, const char *report)
{
    stable_lines_add(&tally->seen, line);
    struct sighting *grown = realloc(tally->sightings, (tally->sighting_count + 1) * sizeof *grown);
    if (grown == NULL)
        return; /* the line is kept; only where it was seen is lost */
    tally->sightings = grown;
    tally->sightings[tally->sighting_count++] = (struct sighting){strdup(line), strdup(report), {0}};
}

static struct sighting *find_sighting(const struct tally *tally, const char *line)
{
    for (size_t i = 0; i < tally->sighting_count; i++)
        if (tally->sightings[i].line && strcmp(tally->sightings[i].line, line) == 0)
            return &tally->sightings[i];
    return NULL;
}

/* The raw report in which a finding was first seen. */
static const char *sighting_report(const struct tally *tally, const char *line)
{
    const struct sighting *sighting = find_sighting(tally, line);
    return sighting != NULL && sighting->report != NULL ? sighting->report : tally->last_report;
}

/* How many of the first `runs` runs a run set holds (bit K-1 for the K-th
 * run with a verdict), and in *first (when not NULL) the index of the
 * first, -1 when none. */
static int runs_in_set(const unsigned char *set, int runs, int *first)
{
    int count = 0, earliest = -1;
    for (int run = 0; run < runs && run < RUNS_MAX; run++)
        if (set[run / 8] & (1u << (run % 8))) {
            earliest = earliest < 0 ? run : earliest;
            count++;
        }
    if (first != NULL)
        *first = earliest;
    return count;
}

static void tally_free(struct tally *tally)
{
    for (size_t i = 0; i < tally->sighting_count; i++) {
        free(tally->sightings[i].line);
        free(tally->sightings[i].report);
    }
    free(tally->sightings);
    stable_lines_free(&tally->seen);
}

/* Whether perturbed runs against an expected file have done their work:
 * every run had a verdict and together they showed every line of the file
 * not marked `sometimes` (the file requires one at least). */
static bool perturbed_runs_saw_every_race(const struct groups *target, const struct tally *tally,
                                          const struct run_options *options)
{
    if (!options->perturb.on || mode_of(options) != MODE_EXPECTED || tally->no_verdict_runs > 0)
        return false;
    struct comparison comparison;
    compare_with_groups(target, &tally->seen, &comparison);
    size_t required = 0;
    for (size_t g = 0; g < target->count; g++)
        required += !target->items[g].sometimes;
    bool all = required > 0 && comparison.missing == 0;
    comparison_free(&comparison);
    return all;
}

/* Whether to make another run.  Every run given is made (a new race may
 * show in any), unless one has already shown a finding that `target` (the
 * expected file or baseline; NULL in discovery) does not know, which no
 * later run undoes.  Bless stops once `settle` runs in a row added nothing.
 * A perturbed run against an expected file stops once every race the file
 * requires has been seen: its runs are there to find a race the schedule
 * hides (the seeds after the first that shows it add only cost); a program
 * expected clean still makes every run. */
static bool needs_another_run(const struct tally *tally, const struct groups *target, const struct run_options *options)
{
    if (tally->timed_out || tally->runs_done >= options->runs)
        return false;
    if (options->bless)
        return tally->no_verdict_runs == 0 && tally->quiet_runs < options->settle;
    if (target == NULL)
        return tally->no_verdict_runs == 0; /* every run must have a verdict */
    for (size_t i = 0; i < tally->seen.count; i++)
        if (groups_find(target, tally->seen.lines[i]) < 0)
            return false;
    return !perturbed_runs_saw_every_race(target, tally, options);
}

/* Run K's report prefix: PREFIX for the first, PREFIX.runK after; -1 when
 * it does not fit. */
static int run_prefix(char *prefix, size_t size, const char *base, int run)
{
    int length = run == 1 ? snprintf(prefix, size, "%s", base) : snprintf(prefix, size, "%s.run%d", base, run);
    return length >= 0 && (size_t)length < size ? 0 : -1;
}

/* Removes PREFIX.runK.* left by an earlier invocation that made more runs
 * (a bless of 12 runs, then a test of 3): read beside this one's, they
 * would be taken for its own. */
static void remove_earlier_runs(const char *base, const struct detector *detector)
{
    for (int run = 2; run <= RUNS_MAX; run++) {
        char prefix[RUN_PATH_MAX];
        struct run_files files;
        if (run_prefix(prefix, sizeof prefix, base, run) != 0)
            return;
        run_files_at(prefix, detector, &files);
        bool removed = remove(files.stdout_path) == 0;
        removed = remove(files.stderr_path) == 0 || removed;
        removed = (files.xml_path[0] != '\0' && remove(files.xml_path) == 0) || removed;
        char sidecar[RUN_PATH_MAX + 16];
        removed = (perturb_sidecar_path(prefix, sidecar, sizeof sidecar) == 0 && remove(sidecar) == 0) || removed;
        if (!removed)
            return;
    }
}

/* One run: launch, parse, read the verdict, add it to the tally. */
static int run_once(const struct launch *launch, const char *prefix, struct suppressions *suppressions,
                    size_t suppression_sets, uint64_t seed, struct tally *tally)
{
    const struct detector *detector = launch->detector;
    struct run_files files;
    run_files_at(prefix, detector, &files);
    struct run_outcome outcome;
    if (launch_run(launch, &files, &outcome) != 0)
        return -1;
    tally->runs_done++;
    snprintf(tally->last_report, sizeof tally->last_report, "%s", files.raw_report);

    char program_said[300];
    if (first_program_stderr_line(files.stderr_path, program_said, sizeof program_said))
        outcome.program_said = program_said;
    struct report report;
    report_init(&report);
    char parse_error[256] = "";
    int parsed = parse_detector_report(detector, files.raw_report, &report, parse_error, sizeof parse_error);
    struct judgement judgement;
    read_run(detector, &outcome, parsed, parse_error, &report, &judgement);
    report_free(&report);

    size_t length = 0;
    char *detector_output = read_whole_file(files.stderr_path, &length);
    if (detector->valgrind_tool == NULL && detector_output != NULL && suppression_sets > 0)
        suppressions_mark_matched(&suppressions[0], detector_output);
    if (detector->valgrind_tool != NULL && suppression_sets > 0) {
        size_t xml_length = 0;
        char *xml = read_whole_file(files.raw_report, &xml_length);
        for (size_t f = 0; xml != NULL && f < suppression_sets; f++)
            suppressions_mark_matched_valgrind(&suppressions[f], xml);
        free(xml);
    }
    if (judgement.verdict == VERDICT_NONE) {
        tally->no_verdict_runs++;
        tally->timed_out = tally->timed_out || outcome.timed_out;
        snprintf(tally->reason, sizeof tally->reason, "%s", judgement.reason);
        if (tally->diagnosis == NULL)
            tally->diagnosis = doctor_diagnose(detector_output);
    } else {
        tally->verdict_runs++;
        tally->verdict_seeds[tally->verdict_runs - 1] = seed;
        tally->flagged_runs += judgement.found.count > 0;
        tally->quiet_runs++;
        for (size_t i = 0; i < judgement.found.count; i++) {
            if (!stable_lines_contain(&tally->seen, judgement.found.lines[i])) {
                tally_add_finding(tally, judgement.found.lines[i], files.raw_report);
                tally->quiet_runs = 0;
            }
            struct sighting *sighting = find_sighting(tally, judgement.found.lines[i]);
            int run = tally->verdict_runs - 1;
            if (sighting != NULL && run < RUNS_MAX)
                sighting->runs[run / 8] |= (unsigned char)(1u << (run % 8));
        }
        /* <null> frames give findings without sites: a verdict, a poor one. */
        if (tally->diagnosis == NULL && judgement.found.count > 0)
            tally->diagnosis = doctor_diagnose(detector_output);
    }
    free(detector_output);
    stable_lines_free(&judgement.found);
    return 0;
}

static void print_runs(FILE *out, const struct tally *tally, int runs)
{
    if (runs > 1 && tally->runs_done < runs)
        fprintf(out, "  flagged in %d of %d runs (of up to %d: %s)\n", tally->flagged_runs, tally->runs_done, runs,
                tally->every_required_seen ? "stopped once every expected race was seen"
                : tally->quiet_runs == 0 || tally->no_verdict_runs > 0
                    ? "stopped early, a finding not expected or a run without a verdict decided it"
                    : "stopped once the last runs added nothing");
    else if (runs > 1)
        fprintf(out, "  flagged in %d of %d runs\n", tally->flagged_runs, tally->runs_done);
}

static void print_diagnosis(const struct tally *tally)
{
    if (tally->diagnosis != NULL)
        fprintf(stderr, "  %s\n", tally->diagnosis);
}

/* The expected-against-found diff of a mismatch, in `diff -u` style: each
 * group of the file, "-" when required and not seen, then "+" for each
 * found finding no group knows. */
static void print_diff(const struct groups *expected, const struct comparison *comparison,
                       const struct stable_lines *found)
{
    if (expected->count == 0)
        fputs("- no findings\n", stderr);
    if (found->count == 0)
        fputs("+ no findings\n", stderr);
    for (size_t g = 0; g < expected->count; g++) {
        char line[STABLE_LINE_MAX * 4];
        group_line(&expected->items[g], line, sizeof line);
        bool missing = !comparison->group_seen[g] && !expected->items[g].sometimes;
        fprintf(stderr, "%s %s%s\n", missing ? "-" : " ", line,
                !comparison->group_seen[g] && !missing ? "   (not seen: allowed)" : "");
    }
    for (size_t i = 0; i < found->count; i++)
        if (comparison->known_by[i] < 0)
            fprintf(stderr, "+ %s\n", found->lines[i]);
}

/* The stale entries of the suppressions files; how many. */
static int print_stale_suppressions(const struct suppressions *sets, size_t set_count, const struct tally *tally)
{
    int stale = 0;
    for (size_t f = 0; f < set_count; f++) {
        const struct suppressions *suppressions = &sets[f];
        for (size_t i = 0; tally->verdict_runs > 0 && i < suppressions->count; i++) {
            if (suppressions->entries[i].matched)
                continue;
            fprintf(stderr, "racelab: stale suppression: %s:%d: %s matched nothing in %d run%s: remove it\n",
                    suppressions->path, suppressions->entries[i].line, suppressions->entries[i].entry,
                    tally->verdict_runs, tally->verdict_runs == 1 ? "" : "s");
            stale++;
        }
    }
    return stale;
}

/* The verdict over every run, printed for a person; returns the exit status. */
/* "no findings", or how many were reported and of which kinds (the first
 * word of each stable line): a lock-order inversion or a thread leak is not
 * a race, and the verdict must not call it one. */
static void describe_findings(const struct stable_lines *lines, char *out, size_t size)
{
    if (lines->count == 0) {
        snprintf(out, size, "no findings");
        return;
    }
    int used = snprintf(out, size, "%zu finding%s reported (", lines->count, lines->count == 1 ? "" : "s");
    for (size_t i = 0; i < lines->count && used > 0 && (size_t)used < size; i++) {
        size_t kind_length = strcspn(lines->lines[i], " ");
        bool repeated = false;
        for (size_t j = 0; j < i && !repeated; j++)
            repeated = strncmp(lines->lines[j], lines->lines[i], kind_length) == 0 &&
                       lines->lines[j][kind_length] == ' ';
        if (!repeated)
            used += snprintf(out + used, size - (size_t)used, "%s%.*s", out[used - 1] == '(' ? "" : ", ",
                             (int)kind_length, lines->lines[i]);
    }
    if (used > 0 && (size_t)used < size)
        snprintf(out + used, size - (size_t)used, ")");
}

/* The verdict of an expected file or baseline over the runs (identity.h). */
static int judge_runs(const struct run_options *options, const struct groups *groups,
                      const struct comparison *comparison, const struct tally *tally, int stale_suppressions)
{
    const char *name = options->case_name;
    const char *detector = options->detector->name;
    enum run_mode mode = mode_of(options);
    size_t unexpected = comparison->unexpected, missing = comparison->missing;
    /* A run without a verdict may have missed what the others did not see:
     * "nothing seen" is a pass only when every run had a verdict. */
    bool all_seen = groups->count > 0 && missing == 0;
    bool undecided = tally->no_verdict_runs > 0 && !all_seen && unexpected == 0 &&
                     (mode == MODE_BASELINE || missing == 0);

    if (undecided) {
        fprintf(stderr, "racelab: NO VERDICT: %s under %s: %d of %d runs gave no verdict (the last: %s), "
                        "and the rest cannot show %s\n  raw report: %s\n",
                name, detector, tally->no_verdict_runs, tally->runs_done, tally->reason,
                groups->count ? "which findings are gone" : "a clean program", tally->last_report);
        print_diagnosis(tally);
        return EXIT_NO_VERDICT;
    }

    if (mode == MODE_EXPECTED) {
        if (unexpected == 0 && missing == 0) {
            char found[256];
            describe_findings(&tally->seen, found, sizeof found);
            printf("racelab: ok: %s under %s: %s, as %s expects\n  raw report: %s\n", name, detector,
                   found, options->expected_path,
                   tally->seen.count ? sighting_report(tally, tally->seen.lines[0]) : tally->last_report);
            print_runs(stdout, tally, options->runs);
            if (print_moved_sites(stdout, "  ", groups, &tally->seen) > 0)
                printf("  (the file's line numbers are for people: bless it to update them)\n");
            return EXIT_OK;
        }
        fprintf(stderr, "racelab: MISMATCH: %s under %s\n--- expected (%s)\n+++ found\n", name, detector,
                options->expected_path);
        print_diff(groups, comparison, &tally->seen);
        const char *report = tally->last_report;
        for (size_t i = 0; i < tally->seen.count; i++)
            if (comparison->known_by[i] < 0) {
                report = sighting_report(tally, tally->seen.lines[i]);
                break;
            }
        fprintf(stderr, "raw report: %s\n", report);
        print_runs(stderr, tally, options->runs);
        print_diagnosis(tally);
        return EXIT_MISMATCH;
    }

    /* MODE_BASELINE */
    for (size_t i = 0; i < tally->seen.count; i++)
        if (comparison->known_by[i] < 0)
            fprintf(stderr, "racelab: NEW: %s\n  raw report: %s\n", tally->seen.lines[i],
                    sighting_report(tally, tally->seen.lines[i]));
    for (size_t g = 0; g < groups->count; g++) {
        if (comparison->group_seen[g] || groups->items[g].sometimes)
            continue;
        char line[STABLE_LINE_MAX * 4];
        group_line(&groups->items[g], line, sizeof line);
        fprintf(stderr, "racelab: fixed: %s\n  not seen in %d run%s: remove this line from %s\n", line,
                tally->verdict_runs, tally->verdict_runs == 1 ? "" : "s", options->baseline_path);
    }
    bool strict_failure = options->strict && (missing > 0 || stale_suppressions > 0);
    if (unexpected > 0 || strict_failure) {
        fprintf(stderr, "racelab: FAIL: %s under %s: ", name, detector);
        if (unexpected > 0)
            fprintf(stderr, "%zu new finding%s not in %s", unexpected, unexpected == 1 ? "" : "s",
                    options->baseline_path);
        else
            fprintf(stderr, "--strict: %zu baseline line%s no longer seen, %d stale suppression%s", missing,
                    missing == 1 ? "" : "s", stale_suppressions, stale_suppressions == 1 ? "" : "s");
        fputc('\n', stderr);
        print_runs(stderr, tally, options->runs);
        print_diagnosis(tally);
        return EXIT_MISMATCH;
    }
    printf("racelab: ok: %s under %s: no finding outside %s (%zu of its %zu line%s seen)\n  raw report: %s\n", name,
           detector, options->baseline_path, groups->count - comparison->not_seen, groups->count,
           groups->count == 1 ? "" : "s", tally->last_report);
    print_runs(stdout, tally, options->runs);
    if (print_moved_sites(stdout, "  ", groups, &tally->seen) > 0)
        printf("  (the file's line numbers are for people: bless it to update them)\n");
    return EXIT_OK;
}

static int report_runs(const struct run_options *options, const struct stable_lines *target,
                       const struct tally *tally, int stale_suppressions)
{
    const char *name = options->case_name;
    const char *detector = options->detector->name;
    enum run_mode mode = mode_of(options);

    if (tally->timed_out || tally->verdict_runs == 0 || (target == NULL && tally->no_verdict_runs > 0)) {
        fprintf(stderr, "racelab: NO VERDICT: %s under %s: %s\n  raw report: %s\n", name, detector, tally->reason,
                tally->last_report);
        if (tally->runs_done > 1)
            fprintf(stderr, "  %d of %d runs gave no verdict\n", tally->no_verdict_runs, tally->runs_done);
        print_diagnosis(tally);
        if (options->bless)
            fprintf(stderr, "  %s not blessed: only a run with a verdict is\n", target_path(options));
        return EXIT_NO_VERDICT;
    }
    if (tally->no_verdict_runs > 0)
        fprintf(stderr, "racelab: note: %d of %d runs of %s under %s gave no verdict, the last: %s\n",
                tally->no_verdict_runs, tally->runs_done, name, detector, tally->reason);

    if (mode == MODE_DISCOVER) {
        /* The verdict first (a test log shows its name on top), then the
           findings alone on stdout, so that they can be piped. */
        if (tally->seen.count > 0)
            fprintf(stderr, "racelab: FOUND: %s under %s: %zu finding%s, and no expected file or baseline "
                            "allows any (discovery)\n",
                    name, detector, tally->seen.count, tally->seen.count == 1 ? "" : "s");
        else
            fprintf(stderr, "racelab: clean: %s under %s: no findings\n", name, detector);
        fflush(stderr);
        for (size_t i = 0; i < tally->seen.count; i++)
            printf("%s\n", tally->seen.lines[i]);
        if (tally->seen.count == 0)
            printf("no findings\n");
        fflush(stdout);
        print_runs(stderr, tally, options->runs);
        print_diagnosis(tally);
        fprintf(stderr, "  raw report: %s\n", tally->last_report);
        if (tally->seen.count > 0)
            fprintf(stderr, "  what each means: racelab explain %s\n"
                            "  to keep them: add --expected FILE --bless (exact) or --baseline FILE --bless (known races)\n",
                    sighting_report(tally, tally->seen.lines[0]));
        return tally->seen.count ? EXIT_MISMATCH : EXIT_OK;
    }

    struct groups groups;
    groups_build(target, &groups);
    struct comparison comparison;
    compare_with_groups(&groups, &tally->seen, &comparison);
    int status = judge_runs(options, &groups, &comparison, tally, stale_suppressions);
    comparison_free(&comparison);
    groups_free(&groups);
    return status;
}

static const char *verdict_word(int status, const struct tally *tally)
{
    if (status == EXIT_NO_VERDICT)
        return "no-verdict";
    return tally->seen.count > 0 ? "race" : "clean";
}

/* A relative path made absolute from racelab's working directory; -1 when it does not fit. */
static int make_absolute(char *path, size_t size)
{
    if (path[0] == '/')
        return 0;
    char here[PATH_MAX], joined[PATH_MAX * 2];
    if (getcwd(here, sizeof here) == NULL)
        return -1;
    int length = snprintf(joined, sizeof joined, "%s/%s", here, path);
    if (length < 0 || (size_t)length >= size)
        return -1;
    memcpy(path, joined, (size_t)length + 1);
    return 0;
}

/* Checks the detector can run the program at all; false with the reason printed. */
static bool prepare_launch(const struct run_options *options, struct launch *launch, char *program, size_t program_size,
                           char *valgrind, size_t valgrind_size, char *reason, size_t reason_size)
{
    const struct detector *detector = options->detector;
    *launch = (struct launch){.detector = detector, .program = options->program,
                              .timeout_seconds = options->timeout_seconds,
                              .stdin_path = options->stdin_path[0] ? options->stdin_path : NULL,
                              .working_directory = options->working_directory[0] ? options->working_directory : NULL,
                              .valgrind_options = options->valgrind_options,
                              .valgrind_option_count = options->valgrind_option_count,
                              .will_fail = options->will_fail};
    if (!find_command(options->program[0], program, program_size)) {
        snprintf(reason, reason_size, "program %.600s not found or not executable", options->program[0]);
        return false;
    }
    /* The program the user named, from where racelab runs, not from --cwd. */
    if (launch->working_directory != NULL && make_absolute(program, program_size) != 0) {
        snprintf(reason, reason_size, "program path %.600s too long", program);
        return false;
    }
    options->program[0] = program;
    char why[512];
    if (options->perturb.on && !binary_has_perturbation_shim(program, why, sizeof why)) {
        /* The program's path is in `why`. */
        size_t cut = reason_size > 120 ? reason_size - 120 : 0;
        snprintf(reason, reason_size, "--perturb: %.*s: build the program with racelab_instrument() "
                                      "(RACELAB_PERTURB_SHIM ON, no RACELAB_NO_PERTURB on the target)", (int)cut, why);
        return false;
    }
    bool instrumented = binary_is_tsan_instrumented(program, why, sizeof why);
    if (detector->valgrind_tool == NULL && !instrumented) {
        snprintf(reason, reason_size, "%.600s is not built with -fsanitize=thread (%s): a quiet run would prove nothing",
                 program, why);
        return false;
    }
    if (detector->valgrind_tool != NULL && instrumented) {
        snprintf(reason, reason_size, "%.600s is built with -fsanitize=thread: Valgrind cannot run ThreadSanitizer's "
                                      "runtime; build it without -fsanitize=thread (-O0 -g) for %s",
                 program, detector->name);
        return false;
    }
    if (detector->valgrind_tool != NULL && !find_command(options->valgrind, valgrind, valgrind_size)) {
        snprintf(reason, reason_size, "valgrind not found (%.600s): install it with 'apt-get install valgrind' "
                                      "(racelab doctor: valgrind)", options->valgrind);
        return false;
    }
    if (detector->valgrind_tool != NULL && launch->working_directory != NULL &&
        make_absolute(valgrind, valgrind_size) != 0) {
        snprintf(reason, reason_size, "valgrind path %.600s too long", valgrind);
        return false;
    }
    launch->valgrind = valgrind;
    return true;
}

/* The report prefix when --report is not given: racelab-reports/PROGRAM.DETECTOR. */
static void default_report_prefix(const struct run_options *options, char *prefix, size_t size)
{
    const char *slash = strrchr(options->program[0], '/');
    snprintf(prefix, size, "%s/%s.%s", DEFAULT_REPORT_DIRECTORY, slash ? slash + 1 : options->program[0],
             options->detector->name);
}

/* --expected DIR/: the file for this detector in DIR, chosen when the
 * test runs (not when it was configured): DIR/expected.DETECTOR, else, for
 * tsan-gcc, clang's DIR/expected.tsan (both read the same reports).  Bless
 * writes DIR/expected.DETECTOR, and for tsan-gcc only when gcc's findings
 * differ from clang's file, which it never rewrites: *family is then set to
 * clang's file.  Returns -1 with the reason printed. */
static int resolve_expected_directory(struct run_options *options, char *chosen, size_t size, char *family,
                                      size_t family_size)
{
    family[0] = '\0';
    const char *path = options->expected_path;
    struct stat info;
    size_t length = strlen(path);
    bool directory = (length > 0 && path[length - 1] == '/') || (stat(path, &info) == 0 && S_ISDIR(info.st_mode));
    if (!directory)
        return 0;
    const char *slash = path[length - 1] == '/' ? "" : "/";
    snprintf(chosen, size, "%s%sexpected.%s", path, slash, options->detector->name);
    if (strcmp(options->detector->name, "tsan-gcc") == 0)
        snprintf(family, family_size, "%s%sexpected.tsan", path, slash);
    bool own_exists = stat(chosen, &info) == 0;
    bool family_exists = family[0] != '\0' && stat(family, &info) == 0;
    if (!own_exists && !options->bless) {
        if (!family_exists) {
            fprintf(stderr, "racelab run: %s has no expected.%s%s: write it from runs with --bless\n", path,
                    options->detector->name, family[0] ? " nor expected.tsan" : "");
            return -1;
        }
        snprintf(chosen, size, "%s", family);
    }
    if (own_exists || !family_exists)
        family[0] = '\0';
    options->expected_path = chosen;
    return 0;
}

/* What bless writes: one line per race (identity.h) of what the runs found,
 * `sometimes` when seen in fewer runs than all.  Of the old file it keeps:
 *   - its `sometimes` lines: a race measured to come and go stays so marked,
 *     and stays in the file when these runs did not show it (one bless that
 *     missed it proves nothing; delete the line by hand when it is fixed);
 *   - for a baseline (`accumulate`), every line: a baseline is the known
 *     races, and a rare one that these runs missed is still known.  Bless
 *     adds to it; `--strict` shows the lines no run sees any more.
 * An old line that shares a statement with a found race joins it. */
static void bless_lines(const struct tally *tally, const char *old_path, bool accumulate, struct stable_lines *out)
{
    *out = (struct stable_lines){NULL, 0};
    struct stable_lines old_lines = {NULL, 0};
    size_t length = 0;
    FILE *exists = fopen(old_path, "r");
    char *text = exists != NULL ? (fclose(exists), read_whole_file(old_path, &length)) : NULL;
    /* A file of comments alone (not blessed yet) has nothing to keep:
       bless_expected_file keeps its comments. */
    bool has_lines = text != NULL && (accumulate ? strstr(text, "no findings") == NULL : strstr(text, "sometimes ") != NULL);
    if (has_lines && load_expected_file(old_path, &old_lines) != 0)
        old_lines = (struct stable_lines){NULL, 0};
    free(text);

    /* The findings, then the old lines kept, without their mark. */
    struct stable_lines lines = {NULL, 0};
    size_t found_count = tally->seen.count;
    char **all = calloc(found_count + old_lines.count + 1, sizeof *all);
    bool *old_sometimes = calloc(found_count + old_lines.count + 1, sizeof *old_sometimes);
    size_t *race = calloc(found_count + old_lines.count + 1, sizeof *race);
    if (all == NULL || old_sometimes == NULL || race == NULL) {
        fputs("racelab: out of memory\n", stderr);
        exit(EXIT_NO_VERDICT);
    }
    size_t count = 0;
    for (size_t i = 0; i < found_count; i++)
        all[count++] = tally->seen.lines[i];
    for (size_t i = 0; i < old_lines.count; i++) {
        bool sometimes = strncmp(old_lines.lines[i], "sometimes ", 10) == 0;
        if (!accumulate && !sometimes)
            continue;
        old_sometimes[count] = sometimes;
        all[count++] = old_lines.lines[i] + (sometimes ? 10 : 0);
    }
    lines = (struct stable_lines){all, count};

    size_t races = races_of_findings(&lines, race);
    char line[STABLE_LINE_MAX * 4];
    for (size_t r = 0; r < races; r++) {
        unsigned char runs[RUN_SET_BYTES] = {0}; /* the runs that showed any finding of the race */
        bool marked = false;                     /* an old line of it said `sometimes` */
        for (size_t i = 0; i < count; i++) {
            if (race[i] != r)
                continue;
            marked = marked || old_sometimes[i];
            const struct sighting *sighting = i < found_count ? find_sighting(tally, all[i]) : NULL;
            for (size_t b = 0; sighting != NULL && b < RUN_SET_BYTES; b++)
                runs[b] |= sighting->runs[b];
        }
        int seen_in = runs_in_set(runs, RUNS_MAX, NULL);
        race_line(&lines, race, r, marked || (seen_in > 0 && seen_in < tally->verdict_runs), line, sizeof line);
        if (seen_in == 0)
            fprintf(stderr, "racelab: kept, not seen in these runs: %s\n", line);
        stable_lines_add(out, line);
    }
    free(all);
    free(old_sometimes);
    free(race);
    stable_lines_free(&old_lines);
}

/* Whether the findings of the runs pass the expected file at path exactly. */
static bool findings_match_file(const struct tally *tally, const char *path)
{
    struct stable_lines lines;
    if (load_expected_file(path, &lines) != 0)
        return false;
    struct groups groups;
    groups_build(&lines, &groups);
    struct comparison comparison;
    compare_with_groups(&groups, &tally->seen, &comparison);
    bool match = comparison.unexpected == 0 && comparison.missing == 0;
    comparison_free(&comparison);
    groups_free(&groups);
    stable_lines_free(&lines);
    return match;
}

/* Writes the bless file from the runs (see resolve_expected_directory for
 * `family`) and loads it into target.  Returns -1 with the reason printed. */
static int bless(const struct run_options *options, const struct tally *tally, const char *family,
                 struct stable_lines *target)
{
    const char *path = target_path(options);
    if (family[0] != '\0' && findings_match_file(tally, family)) {
        fprintf(stderr, "racelab: not blessed: %s from %d run%s match clang's %s, which serves %s too\n", path,
                tally->runs_done, tally->runs_done == 1 ? "" : "s", family, options->detector->name);
        path = family;
    } else {
        struct stable_lines lines;
        bless_lines(tally, path, mode_of(options) == MODE_BASELINE, &lines);
        int written = bless_expected_file(path, &lines);
        size_t races = lines.count;
        stable_lines_free(&lines);
        if (written != 0)
            return -1;
        fprintf(stderr, "racelab: blessed %s: %zu race%s (%zu distinct finding%s) from %d run%s; "
                        "read it before you commit it\n", path, races, races == 1 ? "" : "s", tally->seen.count,
                tally->seen.count == 1 ? "" : "s", tally->runs_done, tally->runs_done == 1 ? "" : "s");
    }
    stable_lines_free(target);
    return load_expected_file(path, target);
}

/* --perturb: the seeds, what the shim did in the last run, and per finding
 * the seeds that found it. */
static void print_perturbation(const struct run_options *options, const struct tally *tally, const char *last_prefix)
{
    const struct perturb_options *perturb = &options->perturb;
    unsigned long long first = (unsigned long long)perturb_seed(perturb, 1);
    long long points = perturb_sidecar_count(last_prefix, "points");
    fprintf(stderr, "  perturbed (%s, depth %d, budget %d ms): seed%s %llu", perturb->strategy == PERTURB_PCT ? "pct" : "delay",
            perturb->depth, perturb->budget_ms, tally->runs_done > 1 ? "s" : "", first);
    if (tally->runs_done > 1)
        fprintf(stderr, " to %llu", (unsigned long long)perturb_seed(perturb, tally->runs_done));
    if (points >= 0)
        fprintf(stderr, "; the last run passed %lld synchronisation point%s\n", points, points == 1 ? "" : "s");
    else
        fputs("; the last run ended before the shim wrote its counts\n", stderr);
    for (size_t i = 0; i < tally->seen.count && tally->verdict_runs > 0; i++) {
        const struct sighting *sighting = find_sighting(tally, tally->seen.lines[i]);
        if (sighting == NULL)
            continue;
        int first_run;
        int seen = runs_in_set(sighting->runs, tally->verdict_runs, &first_run);
        fprintf(stderr, "  %s\n", tally->seen.lines[i]);
        perturb_print_rate(stderr, "    ", seen, tally->verdict_runs, tally->verdict_seeds[first_run < 0 ? 0 : first_run]);
    }
}

int command_run(int argc, char **argv)
{
    /* Line by line, so that the findings (stdout) and the account of the
       run (stderr) keep their order when both go to one pipe, as in CTest. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct run_options options;
    if (parse_run_options(argc, argv, true, &options) != EXIT_OK)
        return EXIT_USAGE;
    enum run_mode mode = mode_of(&options);
    struct stable_lines target = {NULL, 0};
    char chosen[RUN_PATH_MAX], family[RUN_PATH_MAX];
    if (options.expected_path != NULL &&
        resolve_expected_directory(&options, chosen, sizeof chosen, family, sizeof family) != 0)
        return EXIT_USAGE;
    if (options.expected_path == NULL)
        family[0] = '\0';
    bool have_target = mode != MODE_DISCOVER && !options.bless;
    struct groups target_groups = {NULL, 0};
    if (have_target && load_expected_file(target_path(&options), &target) != 0)
        return EXIT_USAGE;

    char default_prefix[RUN_PATH_MAX];
    if (options.report_prefix == NULL) {
        default_report_prefix(&options, default_prefix, sizeof default_prefix);
        options.report_prefix = default_prefix;
    }
    char found_path[RUN_PATH_MAX], verdict_path[RUN_PATH_MAX], prefix[RUN_PATH_MAX];
    /* The longest name a run writes: PREFIX.runN.stdout, PREFIX.verdict. */
    if (strlen(options.report_prefix) + sizeof ".run1000.verdict" > RUN_PATH_MAX ||
        snprintf(found_path, sizeof found_path, "%s.found", options.report_prefix) >= (int)sizeof found_path ||
        snprintf(verdict_path, sizeof verdict_path, "%s.verdict", options.report_prefix) >= (int)sizeof verdict_path) {
        fprintf(stderr, "racelab run: --report prefix too long: %.100s...\n", options.report_prefix);
        stable_lines_free(&target);
        return EXIT_USAGE;
    }
    if (make_parent_directories(options.report_prefix) != 0) {
        fprintf(stderr, "racelab run: cannot create the directory of %s: %s\n", options.report_prefix, strerror(errno));
        stable_lines_free(&target);
        return EXIT_USAGE;
    }
    /* A stale verdict from an earlier run must not survive a failed one. */
    write_text_file(verdict_path, "no-verdict: racelab run did not finish\n");
    remove(found_path);
    remove_earlier_runs(options.report_prefix, options.detector);

    struct tally tally = {.seen = {NULL, 0}};
    struct suppressions suppressions[SUPPRESSION_FILES_MAX] = {{.entries = NULL}};
    size_t suppression_sets = 0;
    int status = EXIT_NO_VERDICT;
    char program[4096], valgrind[4096], reason[1200];
    struct launch launch;
    if (!prepare_launch(&options, &launch, program, sizeof program, valgrind, sizeof valgrind, reason, sizeof reason)) {
        fprintf(stderr, "racelab: NO VERDICT: %s under %s: %s\n", options.case_name, options.detector->name, reason);
        if (options.bless)
            fprintf(stderr, "  %s not blessed: only a run with a verdict is\n", target_path(&options));
        snprintf(tally.reason, sizeof tally.reason, "%s", reason);
        goto done;
    }
    /* --env goes into racelab's own environment, which the run inherits:
       a TSAN_OPTIONS given so is then merged with racelab's below. */
    for (size_t i = 0; i < options.environment_count; i++) {
        const char *assignment = options.environment[i];
        size_t name_length = strcspn(assignment, "=");
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)name_length, assignment);
        setenv(name, assignment + name_length + 1, 1);
    }
    if (options.detector->valgrind_tool == NULL) {
        int loaded = suppressions_load(getenv("TSAN_OPTIONS"), program, &suppressions[0]);
        if (loaded < 0) /* TSan would exit 66 before main: the run shows it, named */
            suppressions[0].count = 0;
        suppression_sets = loaded > 0;
        /* The file racelab audits is the one TSan reads, from --cwd too. */
        char absolute[PATH_MAX];
        bool pin = loaded > 0 && launch.working_directory != NULL && suppressions[0].path[0] != '/' &&
                   realpath(suppressions[0].path, absolute) != NULL;
        set_tsan_options(loaded > 0, pin ? absolute : NULL);
    } else {
        const char *tool = strcmp(options.detector->valgrind_tool, "helgrind") == 0 ? "Helgrind" : "drd";
        for (size_t f = 0; f < options.suppression_count; f++)
            if (suppressions_load_valgrind(options.suppression_files[f], tool, &suppressions[suppression_sets]) > 0)
                suppression_sets++;
    }

    groups_build(&target, &target_groups);
    do {
        int run = tally.runs_done + 1;
        if (run_prefix(prefix, sizeof prefix, options.report_prefix, run) != 0 ||
            perturb_prepare_run(&options.perturb, run, prefix) != 0 ||
            run_once(&launch, prefix, suppressions, suppression_sets, perturb_seed(&options.perturb, run), &tally) != 0)
            goto done;
    } while (needs_another_run(&tally, have_target ? &target_groups : NULL, &options));
    tally.every_required_seen = have_target && tally.runs_done < options.runs &&
                                perturbed_runs_saw_every_race(&target_groups, &tally, &options);

    if (options.bless && tally.no_verdict_runs == 0 && !tally.timed_out) {
        if (bless(&options, &tally, family, &target) != 0) {
            status = EXIT_USAGE;
            goto done;
        }
        have_target = true;
    }
    int stale = print_stale_suppressions(suppressions, suppression_sets, &tally);
    status = report_runs(&options, have_target ? &target : NULL, &tally, stale);
    if (options.perturb.on)
        print_perturbation(&options, &tally, prefix);
    if (status != EXIT_NO_VERDICT)
        write_found_file(found_path, &tally.seen);

done:;
    char verdict_line[1400];
    snprintf(verdict_line, sizeof verdict_line, "%s%s%s\n", verdict_word(status, &tally),
             status == EXIT_NO_VERDICT ? ": " : "",
             status == EXIT_NO_VERDICT ? (tally.reason[0] ? tally.reason : "detector not run") : "");
    write_text_file(verdict_path, verdict_line);
    for (size_t f = 0; f < SUPPRESSION_FILES_MAX; f++)
        suppressions_free(&suppressions[f]);
    tally_free(&tally);
    groups_free(&target_groups);
    stable_lines_free(&target);
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

    struct tally tally = {.seen = {NULL, 0}, .runs_done = 1};
    snprintf(tally.last_report, sizeof tally.last_report, "%s", report_path);
    size_t length = 0;
    char *text = read_whole_file(report_path, &length);
    tally.diagnosis = doctor_diagnose(text);
    free(text);
    int status;
    if (judgement.verdict == VERDICT_NONE) {
        snprintf(tally.reason, sizeof tally.reason, "%s", judgement.reason);
        tally.no_verdict_runs = 1;
    } else {
        tally.verdict_runs = 1;
        tally.flagged_runs = judgement.found.count > 0;
        tally.seen = judgement.found;
        judgement.found = (struct stable_lines){NULL, 0};
    }
    status = report_runs(&options, &expected, &tally, 0);
    tally_free(&tally);
    stable_lines_free(&expected);
    return status;
}
