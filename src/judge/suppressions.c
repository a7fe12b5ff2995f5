/* suppressions.c: reading TSAN_OPTIONS' suppressions file and TSan's list
 * of the entries that matched (see suppressions.h). */
#include "suppressions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_separator(char c)
{
    return c == ':' || c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool tsan_option(const char *options, const char *name, char *value, size_t size)
{
    bool found = false;
    size_t name_length = strlen(name);
    const char *at = options;
    while (at != NULL && *at != '\0') {
        while (is_separator(*at))
            at++;
        const char *key = at;
        while (*at != '\0' && *at != '=' && !is_separator(*at))
            at++;
        bool wanted = (size_t)(at - key) == name_length && strncmp(key, name, name_length) == 0;
        if (*at != '=')
            continue;
        at++;
        const char *start = at;
        size_t length;
        if (*at == '\'' || *at == '"') {
            char quote = *at++;
            start = at;
            while (*at != '\0' && *at != quote)
                at++;
            length = (size_t)(at - start);
            if (*at == quote)
                at++;
        } else {
            while (*at != '\0' && !is_separator(*at))
                at++;
            length = (size_t)(at - start);
        }
        if (wanted) {
            snprintf(value, size, "%.*s", (int)length, start);
            found = true;
        }
    }
    return found;
}

static char *trimmed_copy(const char *start, const char *end)
{
    while (start < end && (*start == ' ' || *start == '\t'))
        start++;
    while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    size_t length = (size_t)(end - start);
    char *copy = malloc(length + 1);
    if (copy != NULL) {
        memcpy(copy, start, length);
        copy[length] = '\0';
    }
    return copy;
}

static FILE *open_like_tsan(const char *file, const char *program, char *path, size_t size)
{
    snprintf(path, size, "%s", file);
    FILE *in = fopen(path, "r");
    const char *slash = program ? strrchr(program, '/') : NULL;
    if (in == NULL && file[0] != '/' && slash != NULL) {
        char beside[8192];
        if (snprintf(beside, sizeof beside, "%.*s/%s", (int)(slash - program), program, file) < (int)sizeof beside)
            in = fopen(beside, "r");
        if (in != NULL)
            snprintf(path, size, "%.4000s", beside);
    }
    return in;
}

int suppressions_load(const char *tsan_options, const char *program, struct suppressions *out)
{
    *out = (struct suppressions){.entries = NULL};
    char file[4096];
    if (tsan_options == NULL || !tsan_option(tsan_options, "suppressions", file, sizeof file) || file[0] == '\0')
        return 0;
    FILE *in = open_like_tsan(file, program, out->path, sizeof out->path);
    if (in == NULL)
        return -1;
    char buffer[4096];
    int line_number = 0;
    while (fgets(buffer, sizeof buffer, in) != NULL) {
        line_number++;
        char *entry = trimmed_copy(buffer, buffer + strcspn(buffer, "\n"));
        if (entry == NULL || entry[0] == '\0' || entry[0] == '#') {
            free(entry);
            continue;
        }
        struct suppression *grown = realloc(out->entries, (out->count + 1) * sizeof *grown);
        if (grown == NULL) {
            free(entry);
            break;
        }
        out->entries = grown;
        out->entries[out->count++] = (struct suppression){.entry = entry, .line = line_number};
    }
    fclose(in);
    return 1;
}

void suppressions_mark_matched(struct suppressions *suppressions, const char *tsan_stderr)
{
    static const char HEADER[] = "ThreadSanitizer: Matched ";
    for (const char *at = strstr(tsan_stderr, HEADER); at != NULL; at = strstr(at + 1, HEADER)) {
        const char *line = strchr(at, '\n');
        /* "COUNT TYPE:PATTERN" lines follow until one that is not. */
        while (line != NULL && line[1] >= '0' && line[1] <= '9') {
            line++;
            const char *end = line + strcspn(line, "\n");
            const char *space = memchr(line, ' ', (size_t)(end - line));
            if (space != NULL) {
                char *entry = trimmed_copy(space + 1, end);
                for (size_t i = 0; entry != NULL && i < suppressions->count; i++)
                    if (strcmp(suppressions->entries[i].entry, entry) == 0)
                        suppressions->entries[i].matched = true;
                free(entry);
            }
            line = *end == '\n' ? end : NULL;
        }
    }
}

/* Whether the comma-separated `tools` of an entry's TOOL:KIND line name `tool`. */
static bool names_tool(const char *tools, size_t length, const char *tool)
{
    size_t tool_length = strlen(tool);
    for (const char *at = tools, *end = tools + length; at < end;) {
        size_t item = strcspn(at, ",");
        if (item > (size_t)(end - at))
            item = (size_t)(end - at);
        if (item == tool_length && strncasecmp(at, tool, item) == 0)
            return true;
        at += item + 1;
    }
    return false;
}

int suppressions_load_valgrind(const char *path, const char *tool, struct suppressions *out)
{
    *out = (struct suppressions){.entries = NULL};
    snprintf(out->path, sizeof out->path, "%s", path);
    FILE *in = fopen(path, "r");
    if (in == NULL)
        return -1;
    char buffer[4096];
    int line_number = 0, name_line = 0;
    enum { OUTSIDE, WANT_NAME, WANT_KIND, FRAMES } state = OUTSIDE;
    char *name = NULL;
    while (fgets(buffer, sizeof buffer, in) != NULL) {
        line_number++;
        char *line = trimmed_copy(buffer, buffer + strcspn(buffer, "\n"));
        if (line == NULL)
            break;
        if (line[0] == '\0' || line[0] == '#') {
            free(line);
            continue;
        }
        if (state == OUTSIDE && strcmp(line, "{") == 0) {
            state = WANT_NAME;
        } else if (state == WANT_NAME) {
            free(name);
            name = line;
            line = NULL;
            name_line = line_number;
            state = WANT_KIND;
        } else if (state == WANT_KIND) {
            const char *colon = strchr(line, ':');
            if (name != NULL && colon != NULL && names_tool(line, (size_t)(colon - line), tool)) {
                struct suppression *grown = realloc(out->entries, (out->count + 1) * sizeof *grown);
                if (grown != NULL) {
                    out->entries = grown;
                    out->entries[out->count++] = (struct suppression){.entry = name, .line = name_line};
                    name = NULL;
                }
            }
            state = FRAMES;
        } else if (state != OUTSIDE && strcmp(line, "}") == 0) {
            state = OUTSIDE;
        }
        free(line);
    }
    free(name);
    fclose(in);
    return 1;
}

/* Copies XML character data, its five predefined entities decoded. */
static void xml_text(const char *start, const char *end, char *out, size_t size)
{
    static const struct { const char *entity; char c; } entities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    size_t n = 0;
    while (start < end && n + 1 < size) {
        char c = *start++;
        if (c == '&') {
            for (size_t e = 0; e < sizeof entities / sizeof entities[0]; e++) {
                size_t length = strlen(entities[e].entity);
                if ((size_t)(end - start + 1) >= length && strncmp(start - 1, entities[e].entity, length) == 0) {
                    c = entities[e].c;
                    start += length - 1;
                    break;
                }
            }
        }
        out[n++] = c;
    }
    out[n] = '\0';
}

void suppressions_mark_matched_valgrind(struct suppressions *suppressions, const char *valgrind_xml)
{
    const char *counts = strstr(valgrind_xml, "<suppcounts>");
    const char *counts_end = counts ? strstr(counts, "</suppcounts>") : NULL;
    if (counts_end == NULL)
        return; /* a report cut short says nothing of what matched */
    for (const char *pair = strstr(counts, "<pair>"); pair != NULL && pair < counts_end;
         pair = strstr(pair + 1, "<pair>")) {
        const char *pair_end = strstr(pair, "</pair>");
        const char *count = strstr(pair, "<count>");
        const char *start = strstr(pair, "<name>");
        const char *end = start ? strstr(start, "</name>") : NULL;
        if (pair_end == NULL || end == NULL || end > pair_end)
            break;
        if (count != NULL && count < pair_end && strtol(count + strlen("<count>"), NULL, 10) == 0)
            continue;
        char name[4096];
        xml_text(start + strlen("<name>"), end, name, sizeof name);
        for (size_t i = 0; i < suppressions->count; i++)
            if (strcmp(suppressions->entries[i].entry, name) == 0)
                suppressions->entries[i].matched = true;
    }
}

void suppressions_free(struct suppressions *suppressions)
{
    for (size_t i = 0; i < suppressions->count; i++)
        free(suppressions->entries[i].entry);
    free(suppressions->entries);
    *suppressions = (struct suppressions){.entries = NULL};
}
