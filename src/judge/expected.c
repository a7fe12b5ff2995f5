/* expected.c: reading and validating expected-findings files. */
#include "expected.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "launch.h"

static const char NO_FINDINGS[] = "no findings";

/* A finding line: KIND ..., or `sometimes KIND ...` (identity.h). */
static bool starts_with_known_kind(const char *line)
{
    if (strncmp(line, "sometimes ", 10) == 0)
        line += 10;
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
            fprintf(stderr, "racelab: %s:%d: not a finding line ([sometimes] KIND LOCATION SITE...) nor 'no findings': %.80s\n",
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

static void write_findings(FILE *out, const struct stable_lines *found)
{
    if (found->count == 0)
        fprintf(out, "%s\n", NO_FINDINGS);
    for (size_t i = 0; i < found->count; i++)
        fprintf(out, "%s\n", found->lines[i]);
}

int bless_expected_file(const char *path, const struct stable_lines *found)
{
    char *old = NULL;
    FILE *existing = fopen(path, "r");
    if (existing != NULL) {
        fclose(existing);
        size_t length = 0;
        old = read_whole_file(path, &length);
        if (old == NULL)
            return -1;
        if (memchr(old, '\0', length) != NULL) {
            fprintf(stderr, "racelab: %s: binary data, not an expected-findings file: not overwritten\n", path);
            free(old);
            return -1;
        }
    } else if (errno != ENOENT) {
        fprintf(stderr, "racelab: %s: %s\n", path, strerror(errno));
        return -1;
    }

    char temporary[4200];
    if (snprintf(temporary, sizeof temporary, "%s.bless-tmp", path) >= (int)sizeof temporary) {
        fprintf(stderr, "racelab: %s: path too long\n", path);
        free(old);
        return -1;
    }
    FILE *out = make_parent_directories(path) == 0 ? fopen(temporary, "w") : NULL;
    if (out == NULL) {
        fprintf(stderr, "racelab: cannot write %s: %s\n", temporary, strerror(errno));
        free(old);
        return -1;
    }
    bool written = false;
    int line_number = 0;
    int status = 0;
    for (char *line = old, *next; line != NULL && *line != '\0' && status == 0; line = next) {
        line_number++;
        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        size_t end = strlen(line);
        while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == ' ' || line[end - 1] == '\t'))
            end--;
        bool is_finding = strncmp(line, NO_FINDINGS, end) == 0 && end == strlen(NO_FINDINGS);
        is_finding = is_finding || starts_with_known_kind(line);
        if (end > 0 && line[0] != '#' && !is_finding) {
            fprintf(stderr, "racelab: %s:%d: not a finding line nor a '#' comment, so not blessed over: %.80s\n",
                    path, line_number, line);
            status = -1;
        } else if (!is_finding) {
            fprintf(out, "%.*s\n", (int)end, line);
        } else if (!written) {
            write_findings(out, found);
            written = true;
        }
    }
    if (status == 0 && !written)
        write_findings(out, found);
    free(old);
    if (fclose(out) != 0 && status == 0) {
        fprintf(stderr, "racelab: cannot write %s: %s\n", temporary, strerror(errno));
        status = -1;
    }
    if (status == 0 && rename(temporary, path) != 0) {
        fprintf(stderr, "racelab: cannot replace %s: %s\n", path, strerror(errno));
        status = -1;
    }
    if (status != 0)
        remove(temporary);
    return status;
}
