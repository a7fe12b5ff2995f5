/* cases.c: listing case directories and finding their expected files (see cases.h). */
#include "cases.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool file_exists(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool case_source_path(const char *cases_dir, const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s/%s.c", cases_dir, name, name);
    if (file_exists(path))
        return true;
    snprintf(path, size, "%s/%s/%s.cpp", cases_dir, name, name);
    return file_exists(path);
}

bool case_is_cxx(const char *source_path)
{
    size_t length = strlen(source_path);
    return length > 4 && strcmp(source_path + length - 4, ".cpp") == 0;
}

int case_names_list(const char *command, const char *cases_dir, char **names, size_t *count)
{
    DIR *dir = opendir(cases_dir);
    if (dir == NULL) {
        fprintf(stderr, "racelab %s: %s: not a readable directory\n", command, cases_dir);
        return -1;
    }
    *count = 0;
    struct dirent *entry;
    int status = 0;
    while ((entry = readdir(dir)) != NULL) {
        char source[CASES_PATH_SIZE];
        if (entry->d_name[0] == '.' || !case_source_path(cases_dir, entry->d_name, source, sizeof source))
            continue;
        if (*count == CASES_MAX) {
            fprintf(stderr, "racelab %s: %s: more than %d cases\n", command, cases_dir, CASES_MAX);
            status = -1;
            break;
        }
        names[*count] = malloc(strlen(entry->d_name) + 1);
        if (names[*count] == NULL) {
            fprintf(stderr, "racelab %s: out of memory\n", command);
            status = -1;
            break;
        }
        strcpy(names[(*count)++], entry->d_name);
    }
    closedir(dir);
    if (status == 0 && *count == 0) {
        fprintf(stderr, "racelab %s: %s: no case directories (NAME/NAME.c or NAME/NAME.cpp)\n", command,
                cases_dir);
        status = -1;
    }
    if (status != 0) {
        case_names_free(names, *count);
        *count = 0;
        return -1;
    }
    qsort(names, *count, sizeof names[0], compare_names);
    return 0;
}

void case_names_free(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
}

void case_expected_path(const char *cases_dir, const char *name, const struct detector *detector,
                        char *path, size_t size)
{
    snprintf(path, size, "%s/%s/expected.%s", cases_dir, name, detector->name);
    if (!file_exists(path) && detector->tool == TOOL_TSAN)
        snprintf(path, size, "%s/%s/expected.tsan", cases_dir, name);
}
