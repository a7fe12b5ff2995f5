/* expected.c: reading and validating expected-findings files. */
#include "expected.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

static const char NO_FINDINGS[] = "no findings";

static bool starts_with_known_kind(const char *line)
{
    for (int kind = 0; kind < FINDING_KIND_COUNT; kind++) {
        const char *name = finding_kind_name((enum finding_kind)kind);
        size_t length = strlen(name);
        if (strncmp(line, name, length) == 0 && line[length] == ' ')
            return true;
    }
    return false;
}

int load_expected_file(const char *path, struct stable_lines *expected)
{
    expected->lines = NULL;
    expected->count = 0;
    size_t length = 0;
    char *text = read_whole_file(path, &length);
    if (text == NULL)
        return -1;
    if (memchr(text, '\0', length) != NULL) {
        fprintf(stderr, "racelab: %s: binary data, not an expected-findings file\n", path);
        free(text);
        return -1;
    }

    bool says_clean = false;
    int line_number = 0;
    int status = 0;
    for (char *line = text, *next; line != NULL && status == 0; line = next) {
        line_number++;
        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        size_t end = strlen(line);
        while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == ' ' || line[end - 1] == '\t'))
            line[--end] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        if (strcmp(line, NO_FINDINGS) == 0) {
            says_clean = true;
        } else if (starts_with_known_kind(line)) {
            stable_lines_add(expected, line);
        } else {
            fprintf(stderr, "racelab: %s:%d: not a finding line (KIND LOCATION SITE...) nor 'no findings': %.80s\n",
                    path, line_number, line);
            status = -1;
        }
    }
    free(text);
    if (status == 0 && says_clean && expected->count > 0) {
        fprintf(stderr, "racelab: %s: says 'no findings' and also lists findings\n", path);
        status = -1;
    }
    if (status == 0 && !says_clean && expected->count == 0) {
        fprintf(stderr, "racelab: %s: empty: list the findings, or write 'no findings' for a program that must be clean\n", path);
        status = -1;
    }
    if (status != 0)
        stable_lines_free(expected);
    return status;
}
