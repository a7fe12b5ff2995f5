/* source.c: is a frame the project's own code, and which statement is it (see source.h). */
/* realpath() is XSI, beyond the POSIX level the build asks for. */
#define _XOPEN_SOURCE 700
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum {
    PATH_SIZE = 4096,
    INDEX_MAX = 50000,  /* source files remembered under the root */
    CACHE_SLOTS = 4096, /* distinct file names asked about */
    LINE_SIZE = 4096,
};

static char root[PATH_SIZE];      /* as given, without a trailing slash */
static char real_root[PATH_SIZE]; /* the same, links resolved */
static bool root_read;            /* RACELAB_SOURCE_ROOT looked at */

/* Every source file under the root, relative to it; built on first use. */
static char **index_paths;
static size_t index_count;
static bool index_built;

/* What was learnt of each file name a report used. */
struct cached {
    char *file;     /* the name as the report printed it */
    char *resolved; /* a readable path to it, or NULL */
    bool own;
};
static struct cached cache[CACHE_SLOTS];

static void strip_trailing_slashes(char *path)
{
    size_t length = strlen(path);
    while (length > 1 && path[length - 1] == '/')
        path[--length] = '\0';
}

int source_root_set(const char *dir)
{
    root_read = true;
    root[0] = real_root[0] = '\0';
    index_built = false;
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        free(cache[i].file);
        free(cache[i].resolved);
        cache[i] = (struct cached){NULL, NULL, false};
    }
    if (dir == NULL || dir[0] == '\0')
        return 0;
    struct stat info;
    if (stat(dir, &info) != 0)
        return -1;
    if (!S_ISDIR(info.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    snprintf(root, sizeof root, "%s", dir);
    strip_trailing_slashes(root);
    char resolved[PATH_MAX];
    snprintf(real_root, sizeof real_root, "%s", realpath(root, resolved) ? resolved : root);
    return 0;
}

const char *source_root(void)
{
    if (!root_read) {
        root_read = true;
        const char *from_environment = getenv("RACELAB_SOURCE_ROOT");
        if (from_environment != NULL && source_root_set(from_environment) != 0)
            root[0] = real_root[0] = '\0'; /* run and check refuse a bad one; readers ignore it */
    }
    return root[0] ? root : NULL;
}

bool source_is_system(const char *file)
{
    return strncmp(file, "/usr/", 5) == 0;
}

/* glibc's debug information names its sources relative to its build
 * ("./nptl/pthread_create.c", "../sysdeps/x86_64/..."): without a root to
 * look them up in, such a name is not taken for the project's. */
bool source_is_foreign_build(const char *file)
{
    return strncmp(file, "./", 2) == 0 || strncmp(file, "../", 3) == 0;
}

static bool is_regular_file(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

/* The search of source_open_under, giving the path it found. */
static bool find_under(const char *dir, const char *file, char *found, size_t size)
{
    for (const char *part = file; part != NULL; part = strchr(part, '/')) {
        while (*part == '/')
            part++;
        if (*part == '\0')
            break;
        int written = snprintf(found, size, "%s/%s", dir, part);
        if (written >= 0 && (size_t)written < size && is_regular_file(found))
            return true;
    }
    return false;
}

FILE *source_open_under(const char *dir, const char *file)
{
    char path[PATH_SIZE];
    return find_under(dir, file, path, sizeof path) ? fopen(path, "r") : NULL;
}

static bool is_source_name(const char *name)
{
    static const char *const extensions[] = {".c", ".h", ".cc", ".cpp", ".cxx", ".c++", ".hh", ".hpp", ".hxx", ".inl", ".ipp"};
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot != NULL && i < sizeof extensions / sizeof extensions[0]; i++)
        if (strcmp(dot, extensions[i]) == 0)
            return true;
    return false;
}

/* Hidden directories and build trees (they hold a CMakeCache.txt) are not
 * where a base name is looked for: a build tree's copies are not the source. */
static bool skip_directory(const char *path, const char *name)
{
    if (name[0] == '.')
        return true;
    char cache_file[PATH_SIZE];
    int written = snprintf(cache_file, sizeof cache_file, "%s/CMakeCache.txt", path);
    return written < 0 || (size_t)written >= sizeof cache_file || is_regular_file(cache_file);
}

static void index_directory(const char *path, size_t root_length, int depth)
{
    DIR *directory = opendir(path);
    if (directory == NULL || depth > 32)
        goto done;
    for (struct dirent *entry; (entry = readdir(directory)) != NULL && index_count < INDEX_MAX;) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char child[PATH_SIZE];
        int written = snprintf(child, sizeof child, "%s/%s", path, entry->d_name);
        if (written < 0 || (size_t)written >= sizeof child)
            continue;
        struct stat info;
        if (lstat(child, &info) != 0)
            continue;
        if (S_ISDIR(info.st_mode)) {
            if (!skip_directory(child, entry->d_name))
                index_directory(child, root_length, depth + 1);
        } else if (S_ISREG(info.st_mode) && is_source_name(entry->d_name)) {
            char **grown = realloc(index_paths, (index_count + 1) * sizeof *grown);
            if (grown == NULL)
                break;
            index_paths = grown;
            char *copy = strdup(child + root_length + 1);
            if (copy == NULL)
                break;
            index_paths[index_count++] = copy;
        }
    }
done:
    if (directory != NULL)
        closedir(directory);
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A file under the root with this base name: the first in sorted order, so
 * that the choice does not depend on the order readdir gives. */
static bool find_by_base_name(const char *file, char *found, size_t size)
{
    if (!index_built) {
        index_built = true;
        index_directory(root, strlen(root), 0);
        qsort(index_paths, index_count, sizeof *index_paths, compare_paths);
    }
    const char *slash = strrchr(file, '/');
    const char *base = slash ? slash + 1 : file;
    for (size_t i = 0; i < index_count; i++) {
        const char *candidate_slash = strrchr(index_paths[i], '/');
        const char *candidate = candidate_slash ? candidate_slash + 1 : index_paths[i];
        if (strcmp(candidate, base) == 0) {
            int written = snprintf(found, size, "%s/%s", root, index_paths[i]);
            return written >= 0 && (size_t)written < size;
        }
    }
    return false;
}

static bool under_root(const char *file)
{
    for (int which = 0; which < 2; which++) {
        const char *prefix = which == 0 ? root : real_root;
        size_t length = strlen(prefix);
        if (length > 0 && strncmp(file, prefix, length) == 0 && (file[length] == '/' || length == 1))
            return true;
    }
    return false;
}

static size_t hash_name(const char *text)
{
    uint32_t hash = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        hash = (hash ^ *p) * 16777619u;
    return hash;
}

/* What is known of a file name: looked up once, then remembered. */
static const struct cached *look_up(const char *file)
{
    source_root();
    size_t slot = hash_name(file) % CACHE_SLOTS;
    for (size_t probe = 0; probe < CACHE_SLOTS; probe++, slot = (slot + 1) % CACHE_SLOTS) {
        if (cache[slot].file != NULL && strcmp(cache[slot].file, file) == 0)
            return &cache[slot];
        if (cache[slot].file == NULL)
            break;
    }
    static struct cached scratch; /* the cache is full: answer without keeping */
    struct cached *entry = cache[slot].file == NULL ? &cache[slot] : &scratch;
    free(scratch.file);
    free(scratch.resolved);
    char found[PATH_SIZE];
    bool readable = false;
    bool own = false;
    if (source_is_system(file)) {
        readable = own = false;
    } else if (root[0] == '\0') {
        own = !source_is_foreign_build(file);
        readable = is_regular_file(file) && snprintf(found, sizeof found, "%s", file) < (int)sizeof found;
    } else if (file[0] == '/' && under_root(file)) {
        own = true;
        readable = is_regular_file(file) && snprintf(found, sizeof found, "%s", file) < (int)sizeof found;
    } else {
        readable = find_under(root, file, found, sizeof found) || find_by_base_name(file, found, sizeof found);
        own = readable;
    }
    *entry = (struct cached){strdup(file), readable ? strdup(found) : NULL, own};
    return entry;
}

bool source_is_own(const char *file)
{
    return file != NULL && look_up(file)->own;
}

/* The statement's text as the hash sees it: comments and white space out. */
static void statement_text(const char *line, char *text, size_t size)
{
    size_t out = 0;
    char quote = 0;
    for (const char *p = line; *p != '\0' && out + 1 < size; p++) {
        if (quote != 0) {
            text[out++] = *p;
            if (*p == '\\' && p[1] != '\0' && out + 1 < size)
                text[out++] = *++p;
            else if (*p == quote)
                quote = 0;
        } else if (p[0] == '/' && p[1] == '/') {
            break;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            if (end == NULL)
                break;
            p = end + 1;
        } else if (*p == '"' || *p == '\'') {
            quote = *p;
            text[out++] = *p;
        } else if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' && *p != '\f' && *p != '\v') {
            text[out++] = *p;
        }
    }
    text[out] = '\0';
}

bool source_statement_hash(const char *file, int line, char hash[SOURCE_HASH_SIZE])
{
    if (file == NULL || line <= 0)
        return false;
    const struct cached *entry = look_up(file);
    if (entry->resolved == NULL)
        return false;
    FILE *source = fopen(entry->resolved, "r");
    if (source == NULL)
        return false;
    char text[LINE_SIZE];
    int number = 0;
    bool found = false;
    while (fgets(text, sizeof text, source) != NULL) {
        size_t length = strlen(text);
        bool whole = length > 0 && text[length - 1] == '\n';
        if (++number == line) {
            found = true;
            break;
        }
        while (!whole && fgets(text, sizeof text, source) != NULL) /* the rest of a long line */
            whole = text[strlen(text) - 1] == '\n';
    }
    fclose(source);
    if (!found)
        return false;
    char statement[LINE_SIZE];
    statement_text(text, statement, sizeof statement);
    uint32_t value = (uint32_t)hash_name(statement) & 0xffffffu;
    snprintf(hash, SOURCE_HASH_SIZE, "%06x", (unsigned)value);
    return true;
}
