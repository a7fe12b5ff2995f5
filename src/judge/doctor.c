/* doctor.c: `racelab doctor`, one line per check (see doctor.h). */
#include "doctor.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "detector.h"
#include "launch.h"
#include "suppressions.h"

extern char **environ;

/* clang 14's TSan maps its shadow memory at fixed addresses; more random
 * bits put the program's own mappings there. */
enum { MMAP_RND_BITS_MAX = 28 };

enum check_status { CHECK_OK, CHECK_WARN, CHECK_FAIL };

struct check_result {
    enum check_status status;
    char message[700]; /* what was found */
    char fix[300];     /* the command that fixes it, "" when ok */
};

struct doctor_check {
    const char *name;
    const char *detectors; /* the detectors it matters to, space-separated */
    void (*probe)(const struct doctor_probes *probes, struct check_result *result);
};

static void set_result(struct check_result *result, enum check_status status, const char *fix,
                       const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(result->message, sizeof result->message, format, arguments);
    va_end(arguments);
    result->status = status;
    snprintf(result->fix, sizeof result->fix, "%s", fix ? fix : "");
}

static void probe_mmap_rnd_bits(const struct doctor_probes *probes, struct check_result *result)
{
    FILE *in = fopen(probes->mmap_rnd_bits_file, "r");
    int bits = -1;
    if (in == NULL || fscanf(in, "%d", &bits) != 1) {
        set_result(result, CHECK_WARN, NULL, "cannot read %s (%s): if clang's TSan aborts with "
                   "\"unexpected memory mapping\", vm.mmap_rnd_bits is too high",
                   probes->mmap_rnd_bits_file, in ? "not a number" : strerror(errno));
    } else if (bits > MMAP_RND_BITS_MAX) {
        set_result(result, CHECK_FAIL, "sudo sysctl vm.mmap_rnd_bits=28",
                   "vm.mmap_rnd_bits is %d (%s): clang 14's TSan aborts with "
                   "\"FATAL: ThreadSanitizer: unexpected memory mapping\" above %d",
                   bits, probes->mmap_rnd_bits_file, MMAP_RND_BITS_MAX);
    } else {
        set_result(result, CHECK_OK, NULL, "vm.mmap_rnd_bits is %d (clang 14's TSan needs <= %d)", bits,
                   MMAP_RND_BITS_MAX);
    }
    if (in != NULL)
        fclose(in);
}

/* Builds a two-line program with `compiler -fsanitize=thread`; on failure
 * `first_error` holds the compiler's first line of complaint. */
static bool tsan_program_links(const char *compiler, char *first_error, size_t size)
{
    char directory[] = "/tmp/racelab-doctor-XXXXXX";
    if (mkdtemp(directory) == NULL) {
        snprintf(first_error, size, "cannot make a temporary directory: %s", strerror(errno));
        return false;
    }
    char source[64], binary[64], log[64];
    snprintf(source, sizeof source, "%s/probe.c", directory);
    snprintf(binary, sizeof binary, "%s/probe", directory);
    snprintf(log, sizeof log, "%s/log", directory);
    FILE *out = fopen(source, "w");
    if (out != NULL) {
        fputs("int main(void) { return 0; }\n", out);
        fclose(out);
    }
    char *argv[] = {(char *)compiler, "-fsanitize=thread", "-o", binary, source, NULL};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t child;
    int status = -1;
    bool linked = false;
    if (posix_spawn(&child, compiler, &actions, NULL, argv, environ) == 0 && waitpid(child, &status, 0) == child)
        linked = WIFEXITED(status) && WEXITSTATUS(status) == 0 && is_executable_file(binary);
    posix_spawn_file_actions_destroy(&actions);
    /* The linker's own words ("cannot find -ltsan", "undefined reference to
       `__tsan_init'") say more than the driver's closing "ld returned 1". */
    first_error[0] = '\0';
    bool have_cause = false;
    FILE *in = fopen(log, "r");
    char line[512];
    while (in != NULL && !have_cause && fgets(line, sizeof line, in) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        have_cause = strstr(line, "cannot find") != NULL || strstr(line, "undefined reference") != NULL;
        if (have_cause || (first_error[0] == '\0' && strstr(line, "error") != NULL))
            snprintf(first_error, size, "%s", line);
    }
    if (in != NULL)
        fclose(in);
    if (!linked && first_error[0] == '\0')
        snprintf(first_error, size, "exit status %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    remove(source);
    remove(binary);
    remove(log);
    rmdir(directory);
    return linked;
}

static void probe_compiler(const char *compiler, const char *package, const char *runtime_package,
                           struct check_result *result)
{
    char path[4096], error[512];
    char fix[300];
    if (!find_command(compiler, path, sizeof path)) {
        snprintf(fix, sizeof fix, "sudo apt-get install %s", package);
        set_result(result, CHECK_FAIL, fix, "%s not found", compiler);
    } else if (!tsan_program_links(path, error, sizeof error)) {
        snprintf(fix, sizeof fix, "sudo apt-get install %s", runtime_package);
        set_result(result, CHECK_FAIL, fix, "%s -fsanitize=thread does not build a program: %s", path, error);
    } else {
        set_result(result, CHECK_OK, NULL, "%s -fsanitize=thread builds and links a program", path);
    }
}

static void probe_clang(const struct doctor_probes *probes, struct check_result *result)
{
    probe_compiler(probes->clang, "clang", "libclang-rt-14-dev (clang 14; libclang-rt-N-dev for clang N)", result);
}

static void probe_gcc(const struct doctor_probes *probes, struct check_result *result)
{
    probe_compiler(probes->gcc, "gcc", "libgcc-12-dev (gcc 12; libgcc-N-dev for gcc N: it brings libtsan)", result);
}

static void probe_symbolizer(const struct doctor_probes *probes, struct check_result *result)
{
    char configured[4096], path[4096];
    const char *wanted = probes->symbolizer;
    const char *from = "--symbolizer";
    if (wanted == NULL && probes->tsan_options != NULL &&
        tsan_option(probes->tsan_options, "external_symbolizer_path", configured, sizeof configured) &&
        configured[0] != '\0') {
        wanted = configured;
        from = "TSAN_OPTIONS external_symbolizer_path";
    }
    if (wanted == NULL) {
        wanted = "llvm-symbolizer";
        from = "PATH";
    }
    if (find_command(wanted, path, sizeof path))
        set_result(result, CHECK_OK, NULL, "%s (from %s)", path, from);
    else
        set_result(result, CHECK_FAIL, "sudo apt-get install llvm",
                   "no %s (from %s): TSan prints <null> for every frame, so no finding has a file:line",
                   wanted, from);
}

static void probe_suppressions(const struct doctor_probes *probes, struct check_result *result)
{
    struct suppressions suppressions;
    int loaded = suppressions_load(probes->tsan_options, NULL, &suppressions);
    if (loaded == 0)
        set_result(result, CHECK_OK, NULL, "TSAN_OPTIONS names no suppressions file");
    else if (loaded < 0)
        set_result(result, CHECK_FAIL, "create the file, or correct suppressions= in TSAN_OPTIONS",
                   "TSAN_OPTIONS names the suppressions file %s, which cannot be read: TSan exits 66 "
                   "without running main, the status of a race", suppressions.path);
    else
        set_result(result, CHECK_OK, NULL, "suppressions file %s (%zu entries)", suppressions.path,
                   suppressions.count);
    suppressions_free(&suppressions);
}

static void probe_valgrind(const struct doctor_probes *probes, struct check_result *result)
{
    char path[4096];
    if (find_command(probes->valgrind, path, sizeof path))
        set_result(result, CHECK_OK, NULL, "%s", path);
    else
        set_result(result, CHECK_FAIL, "sudo apt-get install valgrind", "%s not found", probes->valgrind);
}

/* The C library this process runs on, from /proc/self/maps. */
static bool own_libc(char *path, size_t size)
{
    FILE *maps = fopen("/proc/self/maps", "r");
    char line[4096];
    bool found = false;
    while (maps != NULL && !found && fgets(line, sizeof line, maps) != NULL) {
        char *file = strchr(line, '/');
        if (file != NULL && (strstr(file, "/libc.so") != NULL || strstr(file, "/libc-") != NULL)) {
            file[strcspn(file, "\n")] = '\0';
            snprintf(path, size, "%s", file);
            found = true;
        }
    }
    if (maps != NULL)
        fclose(maps);
    return found;
}

/* The GNU build id of an ELF file as hex, from its NT_GNU_BUILD_ID note. */
static bool build_id(const char *path, char *hex, size_t size)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL)
        return false;
    /* The note sits in the first pages; "GNU\0" then the 20-byte id. */
    unsigned char buffer[8192];
    size_t length = fread(buffer, 1, sizeof buffer, in);
    fclose(in);
    for (size_t i = 12; i + 4 + 20 <= length; i++) {
        unsigned type = buffer[i - 4] | buffer[i - 3] << 8 | buffer[i - 2] << 16 | (unsigned)buffer[i - 1] << 24;
        unsigned name_size = buffer[i - 12] | buffer[i - 11] << 8;
        unsigned descriptor_size = buffer[i - 8] | buffer[i - 7] << 8;
        if (type == 3 /* NT_GNU_BUILD_ID */ && name_size == 4 && memcmp(buffer + i, "GNU", 4) == 0 &&
            descriptor_size >= 8 && descriptor_size <= 64 && i + 4 + descriptor_size <= length &&
            size > 2 * descriptor_size) {
            for (unsigned b = 0; b < descriptor_size; b++)
                snprintf(hex + 2 * b, size - 2 * b, "%02x", buffer[i + 4 + b]);
            return true;
        }
    }
    return false;
}

/* Whether libc's debug info is where Valgrind looks for it (by build id).
 * What its absence costs depends on the tool: see the two probes below. */
static void probe_libc_debug(const struct doctor_probes *probes, struct check_result *result,
                             enum check_status when_missing, const char *what_missing_costs)
{
    char libc[4096], id[160], debug[4400];
    if (probes->libc != NULL)
        snprintf(libc, sizeof libc, "%s", probes->libc);
    else if (!own_libc(libc, sizeof libc)) {
        set_result(result, CHECK_WARN, NULL, "cannot tell which C library this is (no libc in /proc/self/maps)");
        return;
    }
    if (!build_id(libc, id, sizeof id)) {
        set_result(result, CHECK_WARN, NULL, "%s has no GNU build id to look its debug info up by", libc);
        return;
    }
    snprintf(debug, sizeof debug, "%s/.build-id/%.2s/%s.debug", probes->debug_dir, id, id + 2);
    if (access(debug, R_OK) == 0)
        set_result(result, CHECK_OK, NULL, "debug info for %s: %s", libc, debug);
    else
        set_result(result, when_missing, "sudo apt-get install libc6-dbg", "no debug info for %s (looked for %s): %s",
                   libc, debug, what_missing_costs);
}

/* Measured on Debian 12 (valgrind 3.19, glibc 2.36): without libc6-dbg
 * Helgrind aborts in every run of a two-thread program, "hg_main.c:5379
 * (hg_handle_client_request): Assertion 'found' failed", while DRD still
 * judges all twenty cases as with it. */
static void probe_libc_debug_helgrind(const struct doctor_probes *probes, struct check_result *result)
{
    probe_libc_debug(probes, result, CHECK_FAIL, "Helgrind 3.19 aborts (Assertion 'found' failed)");
}

static void probe_libc_debug_drd(const struct doctor_probes *probes, struct check_result *result)
{
    probe_libc_debug(probes, result, CHECK_WARN, "DRD works, naming fewer libc frames");
}

static const struct doctor_check CHECKS[] = {
    {"mmap-rnd-bits", "tsan", probe_mmap_rnd_bits},
    {"clang-tsan-links", "tsan", probe_clang},
    {"gcc-tsan-links", "tsan-gcc", probe_gcc},
    {"symbolizer", "tsan", probe_symbolizer},
    {"tsan-suppressions", "tsan tsan-gcc", probe_suppressions},
    {"valgrind", "helgrind drd", probe_valgrind},
    {"libc-debug", "helgrind", probe_libc_debug_helgrind},
    {"libc-debug", "drd", probe_libc_debug_drd},
};
static const size_t CHECK_COUNT = sizeof CHECKS / sizeof CHECKS[0];

static bool check_matters_to(const struct doctor_check *check, const char *detector)
{
    size_t length = strlen(detector);
    for (const char *at = check->detectors; (at = strstr(at, detector)) != NULL; at += length)
        if ((at == check->detectors || at[-1] == ' ') && (at[length] == ' ' || at[length] == '\0'))
            return true;
    return false;
}

/* What a detector's output says about the machine: the signature of each trap. */
static const struct {
    const char *signature;
    const char *diagnosis;
} DIAGNOSES[] = {
    {"unexpected memory mapping",
     "racelab doctor: mmap-rnd-bits: clang 14's TSan aborts when vm.mmap_rnd_bits > 28; fix: sudo sysctl vm.mmap_rnd_bits=28"},
    {"failed to read suppressions file",
     "racelab doctor: tsan-suppressions: the suppressions file in TSAN_OPTIONS does not exist, so TSan exited 66 "
     "without running main; fix: create it or correct the path"},
    {"#0 <null> <null>",
     "racelab doctor: symbolizer: frames without file:line (<null>): TSan found no llvm-symbolizer; fix: sudo apt-get install llvm"},
    {"a function redirection which is mandatory",
     "racelab doctor: libc-debug: Valgrind cannot read libc's symbols; fix: sudo apt-get install libc6-dbg"},
    {"(hg_handle_client_request): Assertion 'found' failed",
     "racelab doctor: libc-debug: Helgrind 3.19 aborts without libc's debug info; fix: sudo apt-get install libc6-dbg"},
};

const char *doctor_diagnose(const char *detector_output)
{
    if (detector_output == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof DIAGNOSES / sizeof DIAGNOSES[0]; i++)
        if (strstr(detector_output, DIAGNOSES[i].signature) != NULL)
            return DIAGNOSES[i].diagnosis;
    return NULL;
}

static void print_doctor_usage(FILE *out)
{
    fputs("usage: racelab doctor [--detector NAME] [--mmap-rnd-bits-file FILE] [--clang PATH] [--gcc PATH]\n"
          "                      [--symbolizer PATH] [--valgrind PATH] [--libc FILE] [--debug-dir DIR]\n"
          "Checks what each detector needs on this machine, one line per check with the fix.\n"
          "The options point a probe elsewhere (the defaults are the real ones).\n"
          "Exit: 0 the detector (every detector, without --detector) can work, 1 one cannot, 2 usage.\n", out);
}

int command_doctor(int argc, char **argv)
{
    struct doctor_probes probes = {
        .mmap_rnd_bits_file = "/proc/sys/vm/mmap_rnd_bits",
        .clang = "clang",
        .gcc = "gcc",
        .valgrind = "valgrind",
        .debug_dir = "/usr/lib/debug",
        .tsan_options = getenv("TSAN_OPTIONS"),
    };
    const struct detector *only = NULL;
    for (int i = 1; i < argc; i++) {
        const char *flag = argv[i];
        if (strcmp(flag, "--help") == 0 || strcmp(flag, "-h") == 0) {
            print_doctor_usage(stdout);
            return EXIT_OK;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "racelab doctor: %s needs a value (see --help)\n", flag);
            return EXIT_USAGE;
        }
        const char *value = argv[++i];
        if (strcmp(flag, "--detector") == 0) {
            only = find_detector(value);
            if (only == NULL) {
                fprintf(stderr, "racelab doctor: unknown detector '%s' (tsan, tsan-gcc, helgrind, drd)\n", value);
                return EXIT_USAGE;
            }
        } else if (strcmp(flag, "--mmap-rnd-bits-file") == 0) {
            probes.mmap_rnd_bits_file = value;
        } else if (strcmp(flag, "--clang") == 0) {
            probes.clang = value;
        } else if (strcmp(flag, "--gcc") == 0) {
            probes.gcc = value;
        } else if (strcmp(flag, "--symbolizer") == 0) {
            probes.symbolizer = value;
        } else if (strcmp(flag, "--valgrind") == 0) {
            probes.valgrind = value;
        } else if (strcmp(flag, "--libc") == 0) {
            probes.libc = value;
        } else if (strcmp(flag, "--debug-dir") == 0) {
            probes.debug_dir = value;
        } else {
            fprintf(stderr, "racelab doctor: unknown option '%s' (see --help)\n", flag);
            return EXIT_USAGE;
        }
    }

    static const char *const STATUS_WORD[] = {"ok  ", "warn", "FAIL"};
    bool failed_for[16] = {false};
    for (size_t c = 0; c < CHECK_COUNT; c++) {
        const struct doctor_check *check = &CHECKS[c];
        if (only != NULL && !check_matters_to(check, only->name))
            continue;
        struct check_result result = {CHECK_OK, "", ""};
        check->probe(&probes, &result);
        printf("%s %s (%s): %s%s%s\n", STATUS_WORD[result.status], check->name, check->detectors, result.message,
               result.fix[0] ? "; fix: " : "", result.fix);
        for (size_t d = 0; d < DETECTOR_COUNT && result.status == CHECK_FAIL; d++)
            if (check_matters_to(check, DETECTORS[d].name))
                failed_for[d] = true;
    }
    int status = EXIT_OK;
    for (size_t d = 0; d < DETECTOR_COUNT; d++) {
        if (only != NULL && &DETECTORS[d] != only)
            continue;
        printf("racelab doctor: %s %s\n", DETECTORS[d].name,
               failed_for[d] ? "cannot work here: fix the FAIL lines above" : "can work here");
        if (failed_for[d])
            status = EXIT_MISMATCH;
    }
    return status;
}
