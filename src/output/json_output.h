/* json_output.h: checked cJSON building and printing for json and sarif.
 *
 * cJSON reports an allocation failure only through a NULL or false result,
 * and a tree half-built after one would print as valid but wrong JSON.  So
 * every add goes through these helpers, which return false on failure (and
 * free an item they could not attach); builders stop at the first false,
 * delete their tree and the command exits 3, printing nothing partial. */
#ifndef RACELAB_JSON_OUTPUT_H
#define RACELAB_JSON_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include <cjson/cJSON.h>

/* A string member, or null when value is NULL. */
bool json_add_string(cJSON *object, const char *key, const char *value);
/* A number member, or null when !known. */
bool json_add_number(cJSON *object, const char *key, double value, bool known);
bool json_add_bool(cJSON *object, const char *key, bool value);
/* Attaches item (a NULL item counts as a failure); frees it on failure. */
bool json_add_item(cJSON *object, const char *key, cJSON *item);
bool json_append(cJSON *array, cJSON *item);

/* Writes cJSON's printed text with two spaces per indenting tab, one space
 * for the tab after a colon, and `depth` more levels of indentation after
 * each newline (an item printed alone, written inside a document being
 * streamed); no final newline.  0, or -1 on a write error. */
int json_write_layout(const char *text, int depth, FILE *out);

/* Prints root pretty and deterministic (members in insertion order) with a
 * final newline on stdout, then deletes it.  A NULL root or a failed print
 * prints "racelab: COMMAND: out of memory" on stderr.  Returns 0 or -1. */
int json_print_and_delete(cJSON *root, const char *command);

#endif
