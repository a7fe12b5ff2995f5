/* arena.c: a list of blocks, each freed with the arena. */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    struct arena_block *next;
    size_t used;
    size_t size;
    alignas(max_align_t) unsigned char data[];
};

enum { ARENA_BLOCK_SIZE = 64 * 1024 };

static void *must_allocate(size_t size)
{
    void *memory = malloc(size);
    if (memory == NULL) {
        fputs("racelab: out of memory\n", stderr);
        exit(3);
    }
    return memory;
}

void arena_init(struct arena *arena) { arena->head = NULL; }

void arena_free(struct arena *arena)
{
    struct arena_block *block = arena->head;
    while (block != NULL) {
        struct arena_block *next = block->next;
        free(block);
        block = next;
    }
    arena->head = NULL;
}

void *arena_alloc(struct arena *arena, size_t size)
{
    const size_t align = alignof(max_align_t);
    if (size > SIZE_MAX / 2) {
        fputs("racelab: out of memory\n", stderr);
        exit(3);
    }
    size_t rounded = (size + align - 1) / align * align;
    struct arena_block *block = arena->head;
    if (block == NULL || block->size - block->used < rounded) {
        size_t capacity = rounded > ARENA_BLOCK_SIZE ? rounded : ARENA_BLOCK_SIZE;
        block = must_allocate(sizeof *block + capacity);
        block->used = 0;
        block->size = capacity;
        block->next = arena->head;
        arena->head = block;
    }
    void *memory = block->data + block->used;
    block->used += rounded;
    memset(memory, 0, rounded);
    return memory;
}

char *arena_strndup(struct arena *arena, const char *text, size_t len)
{
    char *copy = arena_alloc(arena, len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
}

char *arena_strdup(struct arena *arena, const char *text)
{
    return arena_strndup(arena, text, strlen(text));
}

void *arena_grow(struct arena *arena, const void *old, size_t old_count,
                 size_t new_count, size_t elem_size)
{
    if (elem_size != 0 && new_count > SIZE_MAX / elem_size) {
        fputs("racelab: out of memory\n", stderr);
        exit(3);
    }
    void *bigger = arena_alloc(arena, new_count * elem_size);
    if (old_count > 0)
        memcpy(bigger, old, old_count * elem_size);
    return bigger;
}
