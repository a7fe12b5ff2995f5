/* parse_common.c: spans, arena arrays and the small grammar pieces the
 * TSan, Valgrind XML and Valgrind text parsers share. */
#include "parse_internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The Itanium C++ ABI's demangler.  It has C linkage in libstdc++ (its
 * libsupc++ part), which racelab links (src/CMakeLists.txt), so C can call
 * it: a malloc'd demangled name, or NULL with a non-zero status. */
extern char *__cxa_demangle(const char *mangled, char *buffer, size_t *length, int *status);

void line_cursor_init(struct line_cursor *cursor, const char *text, size_t length)
{
    cursor->pos = text;
    cursor->end = text + length;
    cursor->number = 0;
}

bool next_line(struct line_cursor *cursor, struct span *line)
{
    if (cursor->pos >= cursor->end)
        return false;
    const char *start = cursor->pos;
    const char *newline = memchr(start, '\n', (size_t)(cursor->end - start));
    const char *stop = newline != NULL ? newline : cursor->end;
    cursor->pos = newline != NULL ? newline + 1 : cursor->end;
    /* "\r\n" logs (a report saved on Windows, a CI web log) end with \r. */
    if (stop > start && stop[-1] == '\r')
        stop--;
    line->p = start;
    line->n = (size_t)(stop - start);
    cursor->number++;
    return true;
}

struct span span_make(const char *text, size_t length)
{
    struct span s = {text, length};
    return s;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

struct span span_trim(struct span s)
{
    while (s.n > 0 && is_space(s.p[0])) {
        s.p++;
        s.n--;
    }
    while (s.n > 0 && is_space(s.p[s.n - 1]))
        s.n--;
    return s;
}

bool span_is_blank(struct span s) { return span_trim(s).n == 0; }

bool span_starts(struct span s, const char *prefix)
{
    size_t len = strlen(prefix);
    return s.n >= len && memcmp(s.p, prefix, len) == 0;
}

bool span_ends(struct span s, const char *suffix)
{
    size_t len = strlen(suffix);
    return s.n >= len && memcmp(s.p + s.n - len, suffix, len) == 0;
}

bool span_equals(struct span s, const char *text)
{
    return s.n == strlen(text) && memcmp(s.p, text, s.n) == 0;
}

bool span_consume(struct span *s, const char *prefix)
{
    if (!span_starts(*s, prefix))
        return false;
    size_t len = strlen(prefix);
    s->p += len;
    s->n -= len;
    return true;
}

void span_skip_spaces(struct span *s)
{
    while (s->n > 0 && is_space(s->p[0])) {
        s->p++;
        s->n--;
    }
}

long span_find(struct span s, const char *needle)
{
    size_t len = strlen(needle);
    if (len == 0)
        return 0;
    if (len > s.n)
        return -1;
    /* memchr on the first byte keeps long program-output lines cheap. */
    const char *at = s.p;
    const char *last = s.p + (s.n - len);
    while (at <= last) {
        at = memchr(at, needle[0], (size_t)(last - at) + 1);
        if (at == NULL)
            return -1;
        if (memcmp(at, needle, len) == 0)
            return (long)(at - s.p);
        at++;
    }
    return -1;
}

long span_rfind(struct span s, const char *needle)
{
    size_t len = strlen(needle);
    if (len > s.n)
        return -1;
    for (size_t i = s.n - len + 1; i-- > 0;)
        if (memcmp(s.p + i, needle, len) == 0)
            return (long)i;
    return -1;
}

bool span_contains(struct span s, const char *needle) { return span_find(s, needle) >= 0; }

bool span_consume_long(struct span *s, long *value)
{
    size_t i = 0;
    long result = 0;
    while (i < s->n && is_digit(s->p[i])) {
        int digit = s->p[i] - '0';
        /* Clamp instead of overflowing: a fuzzed "size 99999999999" is just big. */
        result = result > (LONG_MAX - digit) / 10 ? LONG_MAX : result * 10 + digit;
        i++;
    }
    if (i == 0)
        return false;
    s->p += i;
    s->n -= i;
    *value = result;
    return true;
}

bool span_consume_int(struct span *s, int *value)
{
    long result = 0;
    if (!span_consume_long(s, &result))
        return false;
    *value = result > INT_MAX ? INT_MAX : (int)result;
    return true;
}

bool span_consume_hex(struct span *s, unsigned long long *value)
{
    struct span rest = *s;
    if (!span_consume(&rest, "0x"))
        span_consume(&rest, "0X");
    size_t i = 0;
    unsigned long long result = 0;
    while (i < rest.n && hex_value(rest.p[i]) >= 0) {
        result = (result << 4) | (unsigned long long)hex_value(rest.p[i]);
        i++;
    }
    if (i == 0)
        return false;
    s->p = rest.p + i;
    s->n = rest.n - i;
    *value = result;
    return true;
}

struct span span_take_until(struct span *s, const char *stop)
{
    long at = span_find(*s, stop);
    struct span head = *s;
    if (at < 0) {
        s->p += s->n;
        s->n = 0;
        return head;
    }
    head.n = (size_t)at;
    size_t skip = (size_t)at + strlen(stop);
    s->p += skip;
    s->n -= skip;
    return head;
}

/* Every string enters the model here.  Control characters (a newline or
 * carriage return inside an XML element, a NUL in a mangled line) become
 * '?', so no field can split the one-line stable form or a golden file. */
char *span_dup(struct arena *arena, struct span s)
{
    char *copy = arena_strndup(arena, s.p, s.n);
    for (size_t i = 0; i < s.n; i++)
        if ((unsigned char)copy[i] < 0x20 || copy[i] == 0x7f)
            copy[i] = '?';
    return copy;
}

void *arena_array_append(struct arena *arena, void *array, size_t count, size_t elem_size)
{
    /* Capacity is the next power of two >= count: grow exactly when count
       reaches one (0, 1, 2, 4, 8, ...).  arena_grow zeroes the new room. */
    if (count == 0 || (count & (count - 1)) == 0)
        return arena_grow(arena, array, count, count == 0 ? 1 : count * 2, elem_size);
    return array;
}

struct frame *stack_append_frame(struct arena *arena, struct stack *stack)
{
    return ARRAY_APPEND(arena, stack->frames, stack->count);
}

struct thread_info *finding_thread(struct finding *finding, int id)
{
    for (size_t i = 0; i < finding->thread_count; i++)
        if (finding->threads[i].id == id)
            return &finding->threads[i];
    return NULL;
}

struct thread_info *finding_add_thread(struct arena *arena, struct finding *finding, int id)
{
    if (finding->thread_count >= PARSE_MAX_ENTRIES)
        return NULL;
    struct thread_info *thread = ARRAY_APPEND(arena, finding->threads, finding->thread_count);
    thread->id = id;
    thread->creator = -1;
    return thread;
}

struct lock_info *finding_add_lock(struct arena *arena, struct finding *finding,
                                   const char *name)
{
    if (finding->lock_count >= PARSE_MAX_ENTRIES)
        return NULL;
    struct lock_info *lock = ARRAY_APPEND(arena, finding->locks, finding->lock_count);
    lock->name = name;
    return lock;
}

struct stack *finding_add_cycle_stack(struct arena *arena, struct finding *finding)
{
    if (finding->cycle_count >= PARSE_MAX_ENTRIES)
        return NULL;
    return ARRAY_APPEND(arena, finding->cycle_stacks, finding->cycle_count);
}

void access_add_lock(struct arena *arena, struct access *access, const char *name)
{
    if (access->lock_count >= PARSE_MAX_ENTRIES)
        return;
    const char **slot = ARRAY_APPEND(arena, access->locks_held, access->lock_count);
    *slot = name;
}

/* True for a symbol suffix the compiler added: ".0", ".lto_priv", ... */
static bool is_compiler_suffix(struct span part)
{
    static const char *const suffixes[] = {"lto_priv", "constprop", "isra", "part", "cold", "llvm"};
    bool digits = part.n > 0;
    for (size_t i = 0; i < part.n; i++)
        digits = digits && is_digit(part.p[i]);
    if (digits)
        return true;
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
        if (span_equals(part, suffixes[i]))
            return true;
    return false;
}

/* A C++ global as Valgrind names it, mangled and with its symbol version
 * ("_ZSt4cout@@GLIBCXX_3.4", "_ZN2ns7counterE"), demangled ("std::cout",
 * "ns::counter") into the arena; NULL when the name is not one. */
static const char *demangled_variable_name(struct arena *arena, struct span name)
{
    if (name.n < 3 || name.n > 1024 || strncmp(name.p, "_Z", 2) != 0)
        return NULL;
    char mangled[1025];
    memcpy(mangled, name.p, name.n);
    mangled[name.n] = '\0';
    int status = -1;
    char *plain = __cxa_demangle(mangled, NULL, NULL, &status);
    if (plain == NULL || status != 0) {
        free(plain);
        return NULL;
    }
    const char *copy = span_dup(arena, span_make(plain, strlen(plain)));
    free(plain);
    return copy;
}

const char *variable_name(struct arena *arena, struct span name)
{
    name = span_trim(name);
    /* An ELF symbol version ("@@GLIBCXX_3.4", "@GLIBC_2.2.5") is not the name. */
    long at = span_find(name, "@");
    if (at >= 0)
        name.n = (size_t)at;
    if (name.n == 0 || span_equals(name, "??") || span_equals(name, "<null>"))
        return NULL;
    /* llvm-symbolizer's name of a global the optimiser split or cloned:
       "message (.1)". */
    long clone = span_find(name, " (.");
    if (clone > 0 && name.p[name.n - 1] == ')')
        name.n = (size_t)clone;
    const char *demangled = demangled_variable_name(arena, name);
    if (demangled != NULL)
        return demangled;
    /* Drop compiler suffixes from the right: "stats.0", "counter.lto_priv.0". */
    for (;;) {
        long dot = span_rfind(name, ".");
        if (dot <= 0)
            break;
        struct span part = {name.p + dot + 1, name.n - (size_t)dot - 1};
        if (!is_compiler_suffix(part))
            break;
        name.n = (size_t)dot;
    }
    /* clang names a function-static "get_stats.stats": the variable is last. */
    long dot = span_rfind(name, ".");
    if (dot >= 0 && (size_t)dot + 1 < name.n)
        name = span_make(name.p + dot + 1, name.n - (size_t)dot - 1);
    return span_dup(arena, name);
}

const char *member_variable_name(struct arena *arena, struct span path)
{
    path = span_trim(path);
    size_t end = 0;
    while (end < path.n && path.p[end] != '.' && path.p[end] != '[' && path.p[end] != ',')
        end++;
    return variable_name(arena, span_make(path.p, end));
}

void parse_file_spec(struct arena *arena, struct span spec, struct frame *frame)
{
    spec = span_trim(spec);
    if (spec.n == 0 || span_equals(spec, "<null>") || span_starts(spec, "??"))
        return;
    /* Peel up to two ":digits" suffixes from the right: line, then column. */
    int numbers[2] = {0, 0};
    int found = 0;
    while (found < 2) {
        size_t i = spec.n;
        while (i > 0 && is_digit(spec.p[i - 1]))
            i--;
        if (i == spec.n || i < 2 || spec.p[i - 1] != ':')
            break;
        struct span digits = {spec.p + i, spec.n - i};
        span_consume_int(&digits, &numbers[found++]);
        spec.n = i - 1;
    }
    if (found == 2) {
        frame->line = numbers[1];
        frame->column = numbers[0];
    } else if (found == 1) {
        frame->line = numbers[0];
    }
    frame->file = span_dup(arena, spec);
}

/* Length of "#N" / "0xHEX" tokens at s, 0 when there is none. */
static size_t thread_number_length(struct span s)
{
    if (s.n < 2 || s.p[0] != '#' || !is_digit(s.p[1]))
        return 0;
    size_t i = 1;
    while (i < s.n && is_digit(s.p[i]))
        i++;
    return i;
}

static size_t address_length(struct span s)
{
    if (s.n < 3 || s.p[0] != '0' || (s.p[1] != 'x' && s.p[1] != 'X') || hex_value(s.p[2]) < 0)
        return 0;
    size_t i = 2;
    while (i < s.n && hex_value(s.p[i]) >= 0)
        i++;
    return i;
}

const char *clean_headline(struct arena *arena, struct span headline)
{
    struct span s = span_trim(headline);
    /* Helgrind: "Thread #1: pthread_mutex_destroy of a locked mutex". */
    if (span_starts(s, "Thread #")) {
        struct span rest = s;
        span_consume(&rest, "Thread ");
        size_t digits = thread_number_length(rest);
        if (digits > 0 && rest.n > digits + 1 && rest.p[digits] == ':' && rest.p[digits + 1] == ' ') {
            s.p = rest.p + digits + 2;
            s.n = rest.n - digits - 2;
        }
    }
    char *out = arena_alloc(arena, s.n + 1);
    size_t used = 0;
    for (size_t i = 0; i < s.n;) {
        struct span rest = {s.p + i, s.n - i};
        struct span probe = rest;
        long ignored_long = 0;
        unsigned long long ignored_hex = 0;
        if (span_consume(&probe, " (pid=") && span_consume_long(&probe, &ignored_long) &&
            span_consume(&probe, ")")) {
            i = (size_t)(probe.p - s.p);
            continue;
        }
        probe = rest;
        if (span_consume(&probe, " at ") && address_length(probe) > 0 &&
            span_consume_hex(&probe, &ignored_hex)) {
            i = (size_t)(probe.p - s.p);
            continue;
        }
        probe = rest;
        if (span_consume(&probe, " by thread ")) {
            span_consume(&probe, "#");
            if (span_consume_long(&probe, &ignored_long)) {
                i = (size_t)(probe.p - s.p);
                continue;
            }
        }
        size_t len = address_length(rest);
        if (len > 0 && (i == 0 || !(s.p[i - 1] >= '0' && s.p[i - 1] <= '9'))) {
            /* "0x?" is never longer than the address it replaces. */
            memcpy(out + used, "0x?", 3);
            used += 3;
            i += len;
            continue;
        }
        len = thread_number_length(rest);
        if (len > 0) {
            memcpy(out + used, "#?", 2);
            used += 2;
            i += len;
            continue;
        }
        out[used++] = s.p[i++];
    }
    out[used] = '\0';
    return out;
}

void report_add_reported_count(struct report *report, long count)
{
    long total = report->reported_count < 0 ? 0 : report->reported_count;
    total = count > INT_MAX - total ? INT_MAX : total + count;
    report->reported_count = (int)total;
}

void set_error(char *error, size_t error_size, const char *format, ...)
{
    if (error == NULL || error_size == 0)
        return;
    va_list args;
    va_start(args, format);
    vsnprintf(error, error_size, format, args);
    va_end(args);
}

bool object_is_shared(const char *object)
{
    /* "libc.so.6", "libfoo.so+0x1234", "/usr/lib/x86_64-linux-gnu/libc.so.6":
       the file name (not a directory) has ".so" as a whole suffix part. */
    const char *slash = strrchr(object, '/');
    const char *base = slash != NULL ? slash + 1 : object;
    for (const char *at = strstr(base, ".so"); at != NULL; at = strstr(at + 1, ".so"))
        if (at[3] == '\0' || at[3] == '.' || at[3] == '+')
            return true;
    return false;
}

bool is_valgrind_death_line(struct span line)
{
    return span_contains(line, "the 'impossible' happened") || span_contains(line, "Valgrind: FATAL") ||
           span_contains(line, "valgrind: FATAL") ||
           span_contains(line, "Valgrind's memory management: out of memory") ||
           (span_starts(span_trim(line), "valgrind: ") && span_contains(line, "Assertion"));
}
