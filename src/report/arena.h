/* arena.h: one allocation pool per parsed report.
 *
 * A report is built from many small strings and arrays whose lifetimes all
 * end together, so they come from one arena and are released by one call.
 * That keeps every parser's error path leak-free without bookkeeping.
 * Allocation failure is fatal: the tool prints one line and exits 3. */
#ifndef RACELAB_ARENA_H
#define RACELAB_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head;
};

void arena_init(struct arena *arena);
void arena_free(struct arena *arena);

/* Zeroed memory, aligned for any type. */
void *arena_alloc(struct arena *arena, size_t size);
/* Copy of the first len bytes of text, NUL-terminated. */
char *arena_strndup(struct arena *arena, const char *text, size_t len);
char *arena_strdup(struct arena *arena, const char *text);
/* Grows an array allocated from the arena: returns a new copy of
 * old_count elements with room for new_count. */
void *arena_grow(struct arena *arena, const void *old, size_t old_count,
                 size_t new_count, size_t elem_size);

#endif
