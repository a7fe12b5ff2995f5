/* machine.c: core count, CPU model and tool versions. */
#include "machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_config.h"

/* First line printed by `command`, without its newline; "unknown" if none. */
static void first_line(const char *command, char *line, size_t size)
{
    snprintf(line, size, "unknown");
    FILE *out = popen(command, "r");
    if (out == NULL)
        return;
    if (fgets(line, (int)size, out) != NULL)
        line[strcspn(line, "\n")] = '\0';
    else
        snprintf(line, size, "unknown");
    pclose(out);
}

static void cpu_model(char *model, size_t size)
{
    snprintf(model, size, "unknown CPU");
    FILE *info = fopen("/proc/cpuinfo", "r");
    if (info == NULL)
        return;
    char line[256];
    while (fgets(line, sizeof line, info) != NULL) {
        if (strncmp(line, "model name", 10) == 0) {
            const char *value = strchr(line, ':');
            if (value != NULL) {
                value += strspn(value, ": \t");
                snprintf(model, size, "%s", value);
                model[strcspn(model, "\n")] = '\0';
            }
            break;
        }
    }
    fclose(info);
}

double load_average(void)
{
    double load = -1.0;
    FILE *file = fopen("/proc/loadavg", "r");
    if (file == NULL)
        return load;
    if (fscanf(file, "%lf", &load) != 1)
        load = -1.0;
    fclose(file);
    return load;
}

void describe_machine(struct machine *m)
{
    m->load_at_start = load_average();
    /* nproc counts the CPUs this process may use (affinity, cgroups), which
     * is what ideal scaling is bounded by; sysconf is the fallback. */
    char line[64];
    first_line("nproc 2>/dev/null", line, sizeof line);
    m->cores = atoi(line);
    if (m->cores < 1)
        m->cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (m->cores < 1)
        m->cores = 1;
    cpu_model(m->cpu, sizeof m->cpu);
    first_line("'" BENCH_C_COMPILER "' --version 2>/dev/null", m->bench_compiler, sizeof m->bench_compiler);
    first_line("'" BENCH_CLANG "' --version 2>/dev/null", m->clang, sizeof m->clang);
    first_line("'" BENCH_GCC "' --version 2>/dev/null", m->gcc, sizeof m->gcc);
    first_line("'" BENCH_VALGRIND "' --version 2>/dev/null", m->valgrind, sizeof m->valgrind);
    first_line("'" BENCH_GNUPLOT "' --version 2>/dev/null", m->gnuplot, sizeof m->gnuplot);
}
