/* commands.h: the subcommands of the `racelab` CLI.
 *
 * Each takes the arguments after its own name (argv[0] is the command
 * name) and returns the process exit status:
 *   0  success / the observed verdict matches the expected one
 *   1  mismatch: the detector's findings differ from the expected file
 *   2  usage error or unreadable input (one line on stderr names the file)
 *   3  the detector could not give a verdict: missing, crashed, timed out,
 *      died with FATAL, binary not instrumented */
#ifndef RACELAB_COMMANDS_H
#define RACELAB_COMMANDS_H

enum exit_status {
    EXIT_OK = 0,
    EXIT_MISMATCH = 1,
    EXIT_USAGE = 2,
    EXIT_NO_VERDICT = 3,
};

int command_run(int argc, char **argv);          /* run a program under a detector and compare */
int command_check(int argc, char **argv);        /* compare a saved report with an expected file */
int command_ctest(int argc, char **argv);        /* a project's CTest tests under a detector */
int command_normalize(int argc, char **argv);    /* stable one-line-per-finding form */
int command_explain(int argc, char **argv);      /* plain-language account */
int command_json(int argc, char **argv);         /* the data model as JSON */
int command_sarif(int argc, char **argv);        /* SARIF 2.1.0 */
int command_instrumented(int argc, char **argv); /* is this binary built with -fsanitize=thread */
int command_matrix(int argc, char **argv);       /* expected verdict table from the case files */
int command_score(int argc, char **argv);        /* ground truth against each detector's reports */
int command_doctor(int argc, char **argv);       /* can each detector work on this machine */

#endif
