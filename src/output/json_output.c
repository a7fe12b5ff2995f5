/* json_output.c: the checked cJSON helpers. */
#include "json_output.h"

#include <stdio.h>

bool json_add_item(cJSON *object, const char *key, cJSON *item)
{
    if (item == NULL)
        return false;
    if (!cJSON_AddItemToObject(object, key, item)) {
        cJSON_Delete(item);
        return false;
    }
    return true;
}

bool json_append(cJSON *array, cJSON *item)
{
    if (item == NULL)
        return false;
    if (!cJSON_AddItemToArray(array, item)) {
        cJSON_Delete(item);
        return false;
    }
    return true;
}

bool json_add_string(cJSON *object, const char *key, const char *value)
{
    if (value == NULL)
        return cJSON_AddNullToObject(object, key) != NULL;
    return cJSON_AddStringToObject(object, key, value) != NULL;
}

bool json_add_number(cJSON *object, const char *key, double value, bool known)
{
    if (!known)
        return cJSON_AddNullToObject(object, key) != NULL;
    return cJSON_AddNumberToObject(object, key, value) != NULL;
}

bool json_add_bool(cJSON *object, const char *key, bool value)
{
    return cJSON_AddBoolToObject(object, key, value) != NULL;
}

/* cJSON indents with tabs and writes "key":<tab>value.  A literal tab in
 * its output is always layout (tabs inside strings are escaped as \t), so
 * each is rewritten: two spaces when indenting, one space after a colon. */
int json_write_layout(const char *text, int depth, FILE *out)
{
    bool line_start = false;
    for (const char *p = text; *p != '\0'; p++) {
        int failed;
        if (*p == '\t')
            failed = fputs(line_start ? "  " : " ", out) == EOF;
        else
            failed = fputc(*p, out) == EOF;
        for (int level = 0; !failed && *p == '\n' && level < depth; level++)
            failed = fputs("  ", out) == EOF;
        if (failed)
            return -1;
        line_start = *p == '\n' || (line_start && *p == '\t');
    }
    return 0;
}

int json_print_and_delete(cJSON *root, const char *command)
{
    char *text = root != NULL ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (text == NULL) {
        fprintf(stderr, "racelab: %s: out of memory\n", command);
        return -1;
    }
    int status = json_write_layout(text, 0, stdout) == 0 && fputc('\n', stdout) != EOF ? 0 : -1;
    cJSON_free(text); /* allocated through cJSON's hooks */
    return status;
}
