/* main.c: the `racelab` command line: one verb per concern, see commands.h. */
#include <stdio.h>
#include <string.h>

#include "commands.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"run", command_run, "run a program under a detector, keep the raw report; show, bless or judge its findings"},
    {"ctest", command_ctest, "run a project's CTest tests under a detector and judge each one's findings"},
    {"check", command_check, "compare a saved report with an expected file"},
    {"normalize", command_normalize, "print the stable one-line-per-finding form of a report"},
    {"explain", command_explain, "explain each finding of a report in plain language"},
    {"json", command_json, "print a report's findings as JSON"},
    {"sarif", command_sarif, "print a report's findings as SARIF 2.1.0"},
    {"instrumented", command_instrumented, "check that binaries are built with -fsanitize=thread"},
    {"matrix", command_matrix, "print or check the case x detector verdict table"},
    {"score", command_score, "score each detector against the cases' ground truth (precision, recall, blind spots)"},
    {"doctor", command_doctor, "check that each detector can work on this machine, with the fix for what cannot"},
};
static const size_t command_count = sizeof commands / sizeof commands[0];

static void print_usage(FILE *out)
{
    fputs("usage: racelab COMMAND [ARGS...]\n"
          "       racelab --version\n"
          "Runs programs under ThreadSanitizer, Helgrind or DRD and reads their reports.\n\n"
          "commands:\n", out);
    for (size_t i = 0; i < command_count; i++)
        fprintf(out, "  %-13s %s\n", commands[i].name, commands[i].summary);
    fputs("\n'racelab COMMAND --help' describes one command.\n"
          "exit status: 0 ok, 1 findings differ from the expected ones,\n"
          "2 usage error or unreadable input, 3 the detector gave no verdict.\n", out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        print_usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        if (argc > 2) {
            fprintf(stderr, "racelab: --version takes no arguments, got '%s'\n", argv[2]);
            return EXIT_USAGE;
        }
        printf("racelab %s\n", RACELAB_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < command_count; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "racelab: unknown command '%s' (see 'racelab --help')\n", argv[1]);
    return EXIT_USAGE;
}
