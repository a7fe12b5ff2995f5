/* identity.c: groups of sites, and which found findings they know (see identity.h). */
#include "identity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

static const char SOMETIMES[] = "sometimes ";

static void *checked(void *pointer)
{
    if (pointer == NULL) {
        fputs("racelab: out of memory\n", stderr);
        exit(EXIT_NO_VERDICT);
    }
    return pointer;
}

/* Splits "KIND LOCATION" off the front of text (written in place), the
 * location possibly a quoted headline with spaces; returns the rest. */
static char *split_key(char *text, const char **kind, const char **location)
{
    *kind = text;
    char *end = strchr(text, ' ');
    if (end == NULL) {
        *location = "";
        return text + strlen(text);
    }
    *end++ = '\0';
    *location = end;
    if (*end == '"') {
        char *close = strchr(end + 1, '"');
        end = close != NULL ? close + 1 : end + strlen(end);
    } else {
        end += strcspn(end, " ");
    }
    if (*end == ' ')
        *end++ = '\0';
    return end;
}

/* FILE:LINE:FUNCTION:HASH, or FILE:LINE, or "?": parsed from a copy the
 * site owns (site->text keeps the whole). */
static void parse_site(const char *word, struct site *site)
{
    size_t length = strlen(word);
    char *copy = checked(malloc(2 * length + 2));
    memcpy(copy, word, length + 1);
    char *text = copy + length + 1;
    memcpy(text, word, length + 1);
    *site = (struct site){.file = text, .text = copy};
    char *colon = strchr(text, ':');
    if (colon == NULL)
        return;
    char *last = strrchr(text, ':');
    site->line = atoi(colon + 1);
    char *after_line = strchr(colon + 1, ':');
    if (after_line != NULL && after_line != last) {
        /* The function may hold colons (C++), the hash never does. */
        *last = '\0';
        site->function = strcmp(after_line + 1, "?") == 0 ? NULL : after_line + 1;
        site->hash = strcmp(last + 1, "-") == 0 ? NULL : last + 1;
        *after_line = '\0';
    }
    *colon = '\0';
}

static void copy_site(const struct site *from, struct site *to)
{
    parse_site(from->text, to);
}

static void parse_group(const char *line, struct group *group)
{
    *group = (struct group){0};
    if (strncmp(line, SOMETIMES, sizeof SOMETIMES - 1) == 0) {
        group->sometimes = true;
        line += sizeof SOMETIMES - 1;
    }
    group->storage = checked(strdup(line));
    char *rest = split_key(group->storage, &group->kind, &group->location);
    size_t capacity = 1;
    for (const char *p = rest; *p; p++)
        capacity += *p == ' ';
    group->sites = checked(calloc(capacity, sizeof *group->sites));
    for (char *word = rest, *next; word != NULL && *word != '\0'; word = next) {
        next = strchr(word, ' ');
        if (next != NULL)
            *next++ = '\0';
        if (*word != '\0')
            parse_site(word, &group->sites[group->site_count++]);
    }
}

static void free_group(struct group *group)
{
    for (size_t i = 0; i < group->site_count; i++)
        free((char *)group->sites[i].text);
    free(group->storage);
    free(group->sites);
}

void stable_line_fingerprint(const char *line, char *fingerprint, size_t size)
{
    struct group group;
    parse_group(line, &group);
    int used = snprintf(fingerprint, size, "%s %s", group.kind, group.location);
    for (size_t i = 0; i < group.site_count && used > 0 && (size_t)used < size; i++) {
        const struct site *site = &group.sites[i];
        if (site->hash != NULL)
            used += snprintf(fingerprint + used, size - (size_t)used, " %s:%s:%s", site->file,
                             site->function ? site->function : "?", site->hash);
        else
            used += snprintf(fingerprint + used, size - (size_t)used, " %s", site->text);
    }
    free_group(&group);
}

static bool same_location(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return true;
    /* "heap" (an older line, or a detector that gave no allocation stack)
       agrees with any heap block. */
    return (strcmp(a, "heap") == 0 && strncmp(b, "heap@", 5) == 0) ||
           (strcmp(b, "heap") == 0 && strncmp(a, "heap@", 5) == 0);
}

static bool same_site(const struct site *a, const struct site *b)
{
    if (strcmp(a->file, b->file) != 0)
        return false;
    if (a->function != NULL && b->function != NULL && strcmp(a->function, b->function) != 0)
        return false;
    if (a->hash != NULL && b->hash != NULL)
        return strcmp(a->hash, b->hash) == 0;
    return a->line == b->line;
}

/* The group's site that is the same statement as site, or NULL. */
static const struct site *group_site(const struct group *group, const struct site *site)
{
    for (size_t i = 0; i < group->site_count; i++)
        if (same_site(&group->sites[i], site))
            return &group->sites[i];
    return NULL;
}

/* Whether group knows every site of found (parsed). */
static bool group_knows(const struct group *group, const struct group *found)
{
    if (strcmp(group->kind, found->kind) != 0 || !same_location(group->location, found->location))
        return false;
    for (size_t i = 0; i < found->site_count; i++)
        if (group_site(group, &found->sites[i]) == NULL)
            return false;
    return true;
}

static long find_parsed(const struct groups *groups, const struct group *found)
{
    for (size_t i = 0; i < groups->count; i++)
        if (group_knows(&groups->items[i], found))
            return (long)i;
    return -1;
}

long groups_find(const struct groups *groups, const char *found)
{
    struct group parsed;
    parse_group(found, &parsed);
    long index = find_parsed(groups, &parsed);
    free_group(&parsed);
    return index;
}

static int compare_sites(const void *a, const void *b)
{
    return strcmp(((const struct site *)a)->text, ((const struct site *)b)->text);
}

void group_line(const struct group *group, char *line, size_t size)
{
    int used = snprintf(line, size, "%s%s %s", group->sometimes ? SOMETIMES : "", group->kind, group->location);
    for (size_t i = 0; i < group->site_count && used > 0 && (size_t)used < size; i++)
        used += snprintf(line + used, size - (size_t)used, " %s", group->sites[i].text);
}

void groups_build(const struct stable_lines *lines, struct groups *groups)
{
    groups->items = checked(calloc(lines->count + 1, sizeof *groups->items));
    groups->count = 0;
    for (size_t i = 0; i < lines->count; i++)
        parse_group(lines->lines[i], &groups->items[groups->count++]);
    for (size_t g = 0; g < groups->count; g++)
        qsort(groups->items[g].sites, groups->items[g].site_count, sizeof *groups->items[g].sites, compare_sites);
}

/* Whether two parsed lines are of one race: same kind and location, and a
 * statement in common. */
static bool same_race(const struct group *a, const struct group *b)
{
    if (strcmp(a->kind, b->kind) != 0 || strcmp(a->location, b->location) != 0)
        return false;
    for (size_t i = 0; i < b->site_count; i++)
        if (group_site(a, &b->sites[i]) != NULL)
            return true;
    return false;
}

static size_t find_root(size_t *parent, size_t i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

size_t races_of_findings(const struct stable_lines *found, size_t *race)
{
    struct groups parsed;
    groups_build(found, &parsed);
    size_t *parent = checked(calloc(found->count + 1, sizeof *parent));
    for (size_t i = 0; i < found->count; i++)
        parent[i] = i;
    for (size_t i = 0; i < found->count; i++)
        for (size_t j = 0; j < i; j++)
            if (same_race(&parsed.items[i], &parsed.items[j]))
                parent[find_root(parent, i)] = find_root(parent, j);
    /* Number the races in the order of their first line. */
    size_t count = 0;
    size_t *number = checked(calloc(found->count + 1, sizeof *number));
    for (size_t i = 0; i < found->count; i++)
        number[i] = (size_t)-1;
    for (size_t i = 0; i < found->count; i++) {
        size_t root = find_root(parent, i);
        if (number[root] == (size_t)-1)
            number[root] = count++;
        race[i] = number[root];
    }
    free(number);
    free(parent);
    groups_free(&parsed);
    return count;
}

void race_line(const struct stable_lines *found, const size_t *race, size_t which, bool sometimes, char *line,
               size_t size)
{
    struct group merged = {0};
    for (size_t i = 0; i < found->count; i++) {
        if (race[i] != which)
            continue;
        struct group parsed;
        parse_group(found->lines[i], &parsed);
        if (merged.storage == NULL) {
            merged = parsed;
            continue;
        }
        merged.sites = checked(realloc(merged.sites, (merged.site_count + parsed.site_count) * sizeof *merged.sites));
        for (size_t s = 0; s < parsed.site_count; s++)
            if (group_site(&merged, &parsed.sites[s]) == NULL)
                copy_site(&parsed.sites[s], &merged.sites[merged.site_count++]);
        free_group(&parsed);
    }
    if (merged.storage == NULL) {
        snprintf(line, size, "%s", "");
        return;
    }
    qsort(merged.sites, merged.site_count, sizeof *merged.sites, compare_sites);
    merged.sometimes = sometimes;
    group_line(&merged, line, size);
    free_group(&merged);
}

void groups_free(struct groups *groups)
{
    for (size_t g = 0; g < groups->count; g++)
        free_group(&groups->items[g]);
    free(groups->items);
    groups->items = NULL;
    groups->count = 0;
}

void compare_with_groups(const struct groups *groups, const struct stable_lines *found,
                         struct comparison *comparison)
{
    *comparison = (struct comparison){.group_seen = checked(calloc(groups->count + 1, sizeof(bool))),
                                      .known_by = checked(calloc(found->count + 1, sizeof(long)))};
    for (size_t i = 0; i < found->count; i++) {
        long index = groups_find(groups, found->lines[i]);
        comparison->known_by[i] = index;
        if (index < 0)
            comparison->unexpected++;
        else
            comparison->group_seen[index] = true;
    }
    for (size_t g = 0; g < groups->count; g++) {
        comparison->not_seen += !comparison->group_seen[g];
        comparison->missing += !comparison->group_seen[g] && !groups->items[g].sometimes;
    }
}

void comparison_free(struct comparison *comparison)
{
    free(comparison->group_seen);
    free(comparison->known_by);
    comparison->group_seen = NULL;
    comparison->known_by = NULL;
}

size_t print_moved_sites(FILE *out, const char *indent, const struct groups *groups,
                         const struct stable_lines *found)
{
    size_t moved = 0;
    struct stable_lines said = {NULL, 0};
    for (size_t i = 0; i < found->count; i++) {
        struct group parsed;
        parse_group(found->lines[i], &parsed);
        long index = find_parsed(groups, &parsed);
        for (size_t s = 0; index >= 0 && s < parsed.site_count; s++) {
            const struct site *now = &parsed.sites[s];
            const struct site *known = group_site(&groups->items[index], now);
            if (known == NULL || known->line == now->line || known->line == 0 || now->line == 0)
                continue;
            char text[600];
            snprintf(text, sizeof text, "%s:%d is now %s:%d (%s, the same statement)", known->file, known->line,
                     now->file, now->line, now->function ? now->function : "?");
            size_t before = said.count;
            stable_lines_add(&said, text);
            if (said.count > before) {
                fprintf(out, "%smoved: %s\n", indent, text);
                moved++;
            }
        }
        free_group(&parsed);
    }
    stable_lines_free(&said);
    return moved;
}
