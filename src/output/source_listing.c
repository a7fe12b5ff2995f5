/* source_listing.c: finding a report's source file and printing a window of it. */
#include "source_listing.h"

#include "source.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { PATH_MAX_LEN = 4096, SOURCE_LINE_MAX = 512 };

static FILE *open_regular_file(const char *path)
{
    struct stat info;
    if (stat(path, &info) != 0 || !S_ISREG(info.st_mode))
        return NULL;
    return fopen(path, "r");
}

/* The user's --source-path directories come before the path as printed:
 * someone who names a directory says "my sources are there", and a stale
 * tree at the printed path (another checkout) would show the wrong lines. */
static FILE *open_source(const struct source_paths *paths, const char *file)
{
    for (size_t i = 0; paths != NULL && i < paths->count; i++) {
        FILE *source = source_open_under(paths->dirs[i], file);
        if (source != NULL)
            return source;
    }
    return open_regular_file(file);
}

/* Reads one line into text (cut at size, the rest skipped) without its
 * newline.  Returns false at end of file. */
static bool read_line(FILE *source, char *text, size_t size)
{
    if (fgets(text, (int)size, source) == NULL)
        return false;
    size_t length = strlen(text);
    if (length > 0 && text[length - 1] == '\n') {
        text[--length] = '\0';
    } else {
        int c;
        while ((c = fgetc(source)) != EOF && c != '\n')
            continue;
    }
    if (length > 0 && text[length - 1] == '\r')
        text[--length] = '\0';
    return true;
}

bool print_source_listing(FILE *out, const struct source_paths *paths, const char *file,
                          int line, int context, const char *indent)
{
    if (file == NULL || line <= 0 || context < 0)
        return false;
    FILE *source = open_source(paths, file);
    if (source == NULL)
        return false;
    int first = line - context > 1 ? line - context : 1;
    int last = line > (int)(0x7fffffff - context) ? line : line + context;
    /* Collect the window first: a file shorter than the marked line is not
       the file the report was made from, and half a listing would mislead. */
    char (*window)[SOURCE_LINE_MAX] = calloc((size_t)(last - first + 1), sizeof *window);
    int have = 0;
    char text[SOURCE_LINE_MAX];
    for (int number = 1; window != NULL && number <= last && read_line(source, text, sizeof text);
         number++) {
        if (number >= first)
            memcpy(window[have++], text, sizeof text);
    }
    fclose(source);
    bool found = window != NULL && first + have - 1 >= line;
    for (int i = 0; found && i < have; i++) {
        int number = first + i;
        fprintf(out, "%s%s %4d |%s%s\n", indent, number == line ? ">" : " ", number,
                window[i][0] != '\0' ? " " : "", window[i]);
    }
    free(window);
    return found;
}
