/* input.c: whole-file reads and the one-line errors for unreadable input. */
#include "input.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "report_parse.h"

/* Reports larger than this are refused rather than read into memory. */
static const size_t MAX_REPORT_BYTES = (size_t)256 * 1024 * 1024;

const char *input_name(const char *path)
{
    return (path == NULL || strcmp(path, "-") == 0) ? "<stdin>" : path;
}

char *read_whole_file(const char *path, size_t *length)
{
    const char *name = input_name(path);
    FILE *file = (path == NULL || strcmp(path, "-") == 0) ? stdin : fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "racelab: %s: %s\n", name, strerror(errno));
        return NULL;
    }
    struct stat info;
    if (file != stdin && fstat(fileno(file), &info) == 0 && S_ISDIR(info.st_mode)) {
        fprintf(stderr, "racelab: %s: is a directory, not a report\n", name);
        fclose(file);
        return NULL;
    }
    size_t capacity = 64 * 1024, used = 0;
    char *buffer = malloc(capacity + 1);
    while (buffer != NULL) {
        size_t got = fread(buffer + used, 1, capacity - used, file);
        used += got;
        if (got == 0)
            break;
        if (used == capacity) {
            if (capacity >= MAX_REPORT_BYTES) {
                fprintf(stderr, "racelab: %s: larger than %zu MiB, not read\n", name,
                        MAX_REPORT_BYTES / (1024 * 1024));
                free(buffer);
                buffer = NULL;
                break;
            }
            capacity *= 2;
            char *bigger = realloc(buffer, capacity + 1);
            if (bigger == NULL)
                free(buffer);
            buffer = bigger;
        }
    }
    int read_error = ferror(file);
    if (file != stdin)
        fclose(file);
    if (buffer == NULL) {
        if (used < MAX_REPORT_BYTES)
            fprintf(stderr, "racelab: %s: out of memory\n", name);
        return NULL;
    }
    if (read_error) {
        fprintf(stderr, "racelab: %s: read error\n", name);
        free(buffer);
        return NULL;
    }
    buffer[used] = '\0';
    *length = used;
    return buffer;
}

int load_report(const char *path, struct report *report)
{
    size_t length = 0;
    char *text = read_whole_file(path, &length);
    if (text == NULL)
        return -1;
    char error[256] = "";
    int status = parse_any_report(text, length, report, error, sizeof error);
    free(text);
    if (status != 0) {
        fprintf(stderr, "racelab: %s: %s\n", input_name(path), error);
        report_free(report);
        report_init(report);
        return -1;
    }
    return 0;
}

int single_report_argument(int argc, char **argv, const char *usage, const char **path)
{
    bool help = argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
    bool unknown_option = argc == 2 && argv[1][0] == '-' && argv[1][1] != '\0' && !help;
    if (argc > 2 || help || unknown_option) {
        fputs(usage, help ? stdout : stderr);
        return help ? EXIT_OK : EXIT_USAGE;
    }
    *path = argc == 2 ? argv[1] : NULL;
    return -1;
}
