/* perturbation.c: reading a report's .perturb sidecar (perturbation.h). */
#include "perturbation.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "input.h"
#include "json_output.h"

static const char EXTENSION[] = ".perturb";
static const char KEY_CHARACTERS[] = "abcdefghijklmnopqrstuvwxyz_";

char *perturbation_sidecar_path(const char *report_path)
{
    const char *slash = strrchr(report_path, '/');
    const char *base = slash != NULL ? slash + 1 : report_path;
    const char *dot = strrchr(base, '.');
    /* A leading dot (".stderr") starts a name, not an extension. */
    size_t stem = dot != NULL && dot != base ? (size_t)(dot - report_path) : strlen(report_path);
    char *path = malloc(stem + sizeof EXTENSION);
    if (path != NULL) {
        memcpy(path, report_path, stem);
        memcpy(path + stem, EXTENSION, sizeof EXTENSION);
    }
    return path;
}

/* Prints "racelab: SIDECAR: [line N: ]WHAT" and returns status. */
static int refuse(int status, const char *sidecar, int line, const char *format, ...)
{
    fprintf(stderr, "racelab: %s: ", sidecar);
    if (line > 0)
        fprintf(stderr, "line %d: ", line);
    va_list args;
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    return status;
}

/* -?(0|[1-9][0-9]*): a JSON number as it is written. */
static bool whole_number(const char *value)
{
    const char *digit = value + (value[0] == '-');
    if (digit[0] == '0')
        return digit[1] == '\0';
    if (digit[0] < '1' || digit[0] > '9')
        return false;
    return digit[strspn(digit, "0123456789")] == '\0';
}

static bool has_space_or_control(const char *value)
{
    for (const unsigned char *p = (const unsigned char *)value; *p != '\0'; p++)
        if (*p <= ' ' || *p == 0x7f)
            return true;
    return false;
}

/* Adds one line (without its newline) to object; EXIT_OK or the refusal. */
static int add_line(cJSON *object, char *line, int number, const char *sidecar)
{
    if (line[0] == '\0' || line[0] == '#')
        return EXIT_OK;
    char *equals = strchr(line, '=');
    if (equals == NULL)
        return refuse(EXIT_USAGE, sidecar, number, "no '=': lines are key=value");
    *equals = '\0';
    const char *key = line, *value = equals + 1;
    if (key[0] == '\0')
        return refuse(EXIT_USAGE, sidecar, number, "empty key");
    if (key[strspn(key, KEY_CHARACTERS)] != '\0')
        return refuse(EXIT_USAGE, sidecar, number, "the key has a character outside [a-z_]");
    if (has_space_or_control(value))
        return refuse(EXIT_USAGE, sidecar, number, "the value of %s has white space or a control character", key);
    if (strcmp(key, "report") == 0)
        return refuse(EXIT_USAGE, sidecar, number, "the key report is racelab's (the report's path)");
    if (cJSON_GetObjectItemCaseSensitive(object, key) != NULL)
        return refuse(EXIT_USAGE, sidecar, number, "%s is given twice", key);
    cJSON *item = whole_number(value) ? cJSON_CreateRaw(value) : cJSON_CreateString(value);
    if (!json_add_item(object, key, item))
        return refuse(EXIT_NO_VERDICT, sidecar, 0, "out of memory");
    return EXIT_OK;
}

/* The lines of text (length bytes, NUL-terminated) as an object in *out. */
static int parse_sidecar(char *text, size_t length, const char *sidecar, cJSON **out)
{
    if (strlen(text) != length)
        return refuse(EXIT_USAGE, sidecar, 0, "binary data (a NUL byte), not key=value lines");
    cJSON *object = cJSON_CreateObject();
    if (object == NULL)
        return refuse(EXIT_NO_VERDICT, sidecar, 0, "out of memory");
    int status = EXIT_OK, number = 0;
    for (char *line = text; status == EXIT_OK && line != NULL;) {
        char *end = strchr(line, '\n');
        if (end != NULL)
            *end = '\0';
        status = add_line(object, line, ++number, sidecar);
        line = end != NULL ? end + 1 : NULL;
    }
    if (status != EXIT_OK) {
        cJSON_Delete(object);
        return status;
    }
    *out = object;
    return EXIT_OK;
}

int perturbation_read(const char *report_path, cJSON **perturbation)
{
    *perturbation = NULL;
    if (report_path == NULL || strcmp(report_path, "-") == 0)
        return EXIT_OK;
    char *sidecar = perturbation_sidecar_path(report_path);
    if (sidecar == NULL)
        return refuse(EXIT_NO_VERDICT, report_path, 0, "out of memory");
    int status = EXIT_OK;
    struct stat info;
    if (strcmp(sidecar, report_path) == 0) {
        /* a report named *.perturb is its own name, not a sidecar */
    } else if (stat(sidecar, &info) != 0) {
        if (errno != ENOENT && errno != ENOTDIR)
            status = refuse(EXIT_USAGE, sidecar, 0, "%s", strerror(errno));
    } else if (!S_ISREG(info.st_mode)) {
        status = refuse(EXIT_USAGE, sidecar, 0, "not a regular file, not a perturbation sidecar");
    } else {
        size_t length = 0;
        char *text = read_whole_file(sidecar, &length); /* prints its failure */
        status = text != NULL ? parse_sidecar(text, length, sidecar, perturbation) : EXIT_USAGE;
        free(text);
    }
    free(sidecar);
    return status;
}
