/* launch.c: one program, one run under a detector (see launch.h). */
#include "launch.h"

#include <ctype.h>
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

/* TSan options racelab relies on; appended last so they win over the user's. */
static const char TSAN_OPTIONS_FOR_GATE[] = "exitcode=66:halt_on_error=0:report_bugs=1";

void run_files_at(const char *prefix, const struct detector *detector, struct run_files *files)
{
    snprintf(files->stdout_path, sizeof files->stdout_path, "%s.stdout", prefix);
    snprintf(files->stderr_path, sizeof files->stderr_path, "%s.stderr", prefix);
    snprintf(files->xml_path, sizeof files->xml_path, "%s.xml", prefix);
    files->raw_report = detector->valgrind_tool ? files->xml_path : files->stderr_path;
}

bool is_executable_file(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 && S_ISREG(info.st_mode) && access(path, X_OK) == 0;
}

bool find_command(const char *command, char *path, size_t size)
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

int make_parent_directories(const char *path)
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

static int open_output(const char *path)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
}

/* The argv that runs the program under the detector. */
static char **detector_argv(const struct launch *launch, const char *xml_path)
{
    size_t program_argc = 0;
    while (launch->program[program_argc] != NULL)
        program_argc++;
    char **argv = calloc(program_argc + launch->valgrind_option_count + 8 /* valgrind's own arguments */,
                         sizeof *argv);
    if (argv == NULL)
        return NULL;
    size_t n = 0;
    const struct detector *detector = launch->detector;
    if (detector->valgrind_tool != NULL) {
        static char tool_flag[64], xml_flag[RUN_PATH_MAX + 4200], exit_flag[32];
        if (snprintf(tool_flag, sizeof tool_flag, "--tool=%s", detector->valgrind_tool) >= (int)sizeof tool_flag ||
            snprintf(xml_flag, sizeof xml_flag, "--xml-file=%s", xml_path) >= (int)sizeof xml_flag ||
            snprintf(exit_flag, sizeof exit_flag, "--error-exitcode=%d", VALGRIND_ERROR_EXIT_CODE) >= (int)sizeof exit_flag) {
            fprintf(stderr, "racelab run: report path too long: %s\n", xml_path);
            free(argv);
            return NULL;
        }
        argv[n++] = (char *)launch->valgrind;
        /* The user's options first: for Valgrind the last of an option
           wins, and racelab's (the tool, the XML report, the exit status)
           must. */
        for (size_t i = 0; i < launch->valgrind_option_count; i++)
            argv[n++] = launch->valgrind_options[i];
        argv[n++] = tool_flag;
        /* No --read-var-info=yes for either Valgrind tool: on Debian 12 it
           reads all of libc6-dbg's variable info (a DRD run of unsafe: 2.3
           user CPU seconds with it, 0.4 without, measured) for one gain, DRD
           naming a raced global, which Helgrind and TSan name from the symbol
           table anyway.  libc6-dbg itself must stay: Helgrind 3.19 aborts
           without it (racelab doctor). */
        argv[n++] = exit_flag;
        argv[n++] = "--xml=yes";
        argv[n++] = xml_flag;
        /* A forked child inherits the XML file and writes its own end into
           it: the parent's report was "malformed" (a real library's signal
           test).  Valgrind's manual recommends this option with --xml=yes;
           the price is that a forked child's own races go unreported. */
        argv[n++] = "--child-silent-after-fork=yes";
    }
    for (size_t i = 0; i < program_argc; i++)
        argv[n++] = launch->program[i];
    argv[n] = NULL;
    return argv;
}

/* Starts argv with stdin, stdout and stderr from and to files, in the
 * launch's environment and directory, waits at most the timeout, and kills
 * its whole process group when it runs over. */
static int run_with_timeout(const struct launch *launch, char **argv, const char *stdout_path,
                            const char *stderr_path, struct run_outcome *outcome)
{
    int timeout_seconds = launch->timeout_seconds;
    const char *input_path = launch->stdin_path ? launch->stdin_path : "/dev/null";
    int in = open(input_path, O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        fprintf(stderr, "racelab run: --stdin %s: %s\n", input_path, strerror(errno));
        return -1;
    }
    int out = open_output(stdout_path);
    int err = open_output(stderr_path);
    if (out < 0 || err < 0) {
        fprintf(stderr, "racelab run: cannot write %s: %s\n", out < 0 ? stdout_path : stderr_path, strerror(errno));
        close(in);
        if (out >= 0)
            close(out);
        if (err >= 0)
            close(err);
        return -1;
    }
    pid_t child = fork();
    if (child < 0) {
        fprintf(stderr, "racelab run: fork: %s\n", strerror(errno));
        close(in);
        close(out);
        close(err);
        return -1;
    }
    if (child == 0) {
        setpgid(0, 0);
        dup2(in, STDIN_FILENO);
        dup2(out, STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        if (launch->working_directory != NULL && chdir(launch->working_directory) != 0) {
            fprintf(stderr, "racelab run: --cwd %s: %s\n", launch->working_directory, strerror(errno));
            _exit(127);
        }
        execv(argv[0], argv);
        fprintf(stderr, "racelab run: cannot execute %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(in);
    close(out);
    close(err);

    *outcome = (struct run_outcome){.known = true, .timeout_seconds = timeout_seconds, .pid = (int)child,
                                    .will_fail = launch->will_fail};
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

int launch_run(const struct launch *launch, const struct run_files *files, struct run_outcome *outcome)
{
    unlink(files->xml_path); /* a report of an earlier run must not be read as this one's */
    /* Valgrind opens the XML file from the program's directory: where
       racelab reads it, it must write it. */
    char xml_path[RUN_PATH_MAX + 4096];
    char here[4096];
    if (launch->working_directory != NULL && files->xml_path[0] != '/' && getcwd(here, sizeof here) != NULL)
        snprintf(xml_path, sizeof xml_path, "%s/%s", here, files->xml_path);
    else
        snprintf(xml_path, sizeof xml_path, "%s", files->xml_path);
    char **argv = detector_argv(launch, xml_path);
    if (argv == NULL)
        return -1;
    int status = run_with_timeout(launch, argv, files->stdout_path, files->stderr_path, outcome);
    free(argv);
    return status;
}

void set_tsan_options(bool print_suppressions, const char *suppressions_file)
{
    const char *user = getenv("TSAN_OPTIONS");
    char options[16384];
    snprintf(options, sizeof options, "%s%s%s%s%s%s%s", user ? user : "", user && *user ? ":" : "",
             TSAN_OPTIONS_FOR_GATE, print_suppressions ? ":print_suppressions=1" : "",
             suppressions_file ? ":suppressions='" : "", suppressions_file ? suppressions_file : "",
             suppressions_file ? "'" : "");
    setenv("TSAN_OPTIONS", options, 1);
}

/* Valgrind prefixes its own lines with "==PID==". */
static bool is_valgrind_line(const char *line)
{
    if (line[0] != '=' || line[1] != '=' || !isdigit((unsigned char)line[2]))
        return false;
    const char *end = line + 2;
    while (isdigit((unsigned char)*end))
        end++;
    return end[0] == '=' && end[1] == '=';
}

bool first_program_stderr_line(const char *stderr_path, char *line, size_t size)
{
    FILE *in = fopen(stderr_path, "r");
    if (in == NULL)
        return false;
    line[0] = '\0';
    char buffer[1024];
    while (fgets(buffer, sizeof buffer, in) != NULL) {
        buffer[strcspn(buffer, "\r\n")] = '\0';
        if (buffer[0] == '\0' || is_valgrind_line(buffer))
            continue;
        snprintf(line, size, "%s", buffer);
        break;
    }
    fclose(in);
    return true;
}
