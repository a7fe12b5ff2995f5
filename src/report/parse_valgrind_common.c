/* parse_valgrind_common.c: one Helgrind or DRD error, as ordered items
 * (see parse_internal.h), into a finding.  The XML and the text reader both
 * end here, so Valgrind's sentences are interpreted in one place:
 *
 *   Helgrind  "Possible data race during read of size 8 at 0x10C030 by thread #3"
 *             "This conflicts with a previous write of size 8 by thread #2"
 *             "Address 0x10c030 is 0 bytes inside data symbol "counter""
 *             "Location 0x10c030 is 0 bytes inside global var "counter""
 *             "Address 0x4a9f040 is 0 bytes inside a block of size 4 alloc'd"
 *             "Thread #3: lock order "0x.. before 0x.." violated"
 *   DRD       "Conflicting load by thread 3 at 0x0010c030 size 8"
 *             "Allocation context: BSS section of /path/prog"
 *             "Address 0x4a6d050 is at offset 0 from 0x4a6d050."
 *             "Destroying locked mutex: mutex 0x.., recursion count 1, owner 1." */
#include <stdio.h>
#include <string.h>

#include "parse_internal.h"

struct vg_builder {
    struct report *report;
    struct arena *arena;
    struct finding *finding;
    /* Helgrind names locks by address; racelab names them L1, L2, ... in
       the order the error mentions them. */
    unsigned long long *lock_addresses;
    size_t lock_address_count;
    /* The last item was "Lock at 0x.. was first observed": an "Address"
       line right after it describes the lock, not the raced memory. */
    bool describing_lock;
};

/* In a race or a lock-order report a lock's description is not the
   finding's location; in a misuse of one mutex (unlock, destroy) the mutex
   is the location, as TSan's "Location is global 'guard'" says. */
static bool skip_lock_description(const struct vg_builder *builder)
{
    enum finding_kind kind = builder->finding->kind;
    return builder->describing_lock && kind != FINDING_UNLOCK_UNLOCKED &&
           kind != FINDING_DESTROY_LOCKED;
}

static struct span item_text(const struct vg_item *item)
{
    return item->text == NULL ? span_make("", 0) : span_trim(span_make(item->text, strlen(item->text)));
}

/* "#3" or "3" at s; advances past it. */
static bool take_thread_number(struct span *s, int *thread)
{
    struct span probe = *s;
    span_consume(&probe, "#");
    if (!span_consume_int(&probe, thread))
        return false;
    *s = probe;
    return true;
}

/* The number after the first "thread #N" / "Thread #N" / "thread N" in s. */
static bool find_thread_number(struct span s, int *thread)
{
    static const char *const markers[] = {"thread #", "Thread #", "thread ", "Thread "};
    for (size_t m = 0; m < sizeof markers / sizeof markers[0]; m++) {
        long at = span_find(s, markers[m]);
        while (at >= 0) {
            struct span rest = {s.p + at + strlen(markers[m]), s.n - (size_t)at - strlen(markers[m])};
            if (span_consume_int(&rest, thread))
                return true;
            struct span after = {s.p + at + 1, s.n - (size_t)at - 1};
            long next = span_find(after, markers[m]);
            at = next < 0 ? -1 : at + 1 + next;
        }
    }
    return false;
}

static const char *lock_name(struct vg_builder *builder, unsigned long long address)
{
    size_t index = 0;
    while (index < builder->lock_address_count && builder->lock_addresses[index] != address)
        index++;
    if (index >= PARSE_MAX_ENTRIES)
        return "L?";
    if (index == builder->lock_address_count) {
        unsigned long long *slot =
            ARRAY_APPEND(builder->arena, builder->lock_addresses, builder->lock_address_count);
        *slot = address;
    }
    char name[32];
    snprintf(name, sizeof name, "L%zu", index + 1);
    return arena_strdup(builder->arena, name);
}

/* The lock entry for an address; its stack is set to `created_at`. */
static void lock_at(struct vg_builder *builder, unsigned long long address,
                    const struct stack *created_at)
{
    const char *name = lock_name(builder, address);
    struct finding *finding = builder->finding;
    struct lock_info *lock = NULL;
    for (size_t i = 0; i < finding->lock_count && lock == NULL; i++)
        if (strcmp(finding->locks[i].name, name) == 0)
            lock = &finding->locks[i];
    if (lock == NULL)
        lock = finding_add_lock(builder->arena, finding, name);
    if (lock != NULL)
        lock->created_at = *created_at;
}

static void add_cycle_stack(struct vg_builder *builder, const struct stack *stack)
{
    struct stack *slot = finding_add_cycle_stack(builder->arena, builder->finding);
    if (slot != NULL && stack->count > 0)
        *slot = *stack;
    else if (slot != NULL)
        builder->finding->cycle_count--; /* an edge without a stack names no site */
}

static void set_locks_held(struct vg_builder *builder, struct access *access,
                           const struct vg_item *item)
{
    access->locks_known = item->locks_known;
    for (size_t i = 0; i < item->lock_count; i++)
        access_add_lock(builder->arena, access, lock_name(builder, item->locks[i]));
}

static enum finding_kind classify(const struct vg_error *error, struct span what)
{
    const char *kind = error->kind == NULL ? "" : error->kind;
    if (strcmp(kind, "Race") == 0 || strcmp(kind, "ConflictingAccess") == 0 ||
        span_starts(what, "Possible data race") || span_starts(what, "Conflicting load") ||
        span_starts(what, "Conflicting store"))
        return FINDING_DATA_RACE;
    if (strcmp(kind, "LockOrder") == 0 ||
        (span_contains(what, "lock order") && span_contains(what, "violated")))
        return FINDING_LOCK_ORDER;
    if (strncmp(kind, "Unlock", 6) == 0 || span_contains(what, "unlocked an invalid lock") ||
        span_contains(what, "unlocked a not-locked lock") ||
        (span_contains(what, "unlocked lock at") && span_contains(what, "currently held by")) ||
        span_starts(what, "Mutex not locked") ||
        (span_contains(what, "not locked by calling thread")))
        return FINDING_UNLOCK_UNLOCKED;
    if (span_contains(what, "pthread_mutex_destroy of a locked mutex") ||
        span_starts(what, "Destroying locked mutex"))
        return FINDING_DESTROY_LOCKED;
    /* DRD: "The object at address 0x.. is not a mutex." from an unlock is
       the same mistake TSan calls an unlock of an unlocked mutex. */
    if (span_contains(what, "is not a mutex") && error->item_count > 0) {
        const struct stack *stack = &error->items[0].stack;
        for (size_t i = 0; i < stack->count && i < 3; i++)
            if (stack->frames[i].function != NULL && strstr(stack->frames[i].function, "unlock"))
                return FINDING_UNLOCK_UNLOCKED;
    }
    return FINDING_OTHER;
}

/* Helgrind's "read of size 8" / "write of size 8", in both the headline
   and its "This conflicts with a previous ..." line. */
static void consume_read_or_write_of_size(struct span *s, struct access *access)
{
    if (span_consume(s, "read"))
        access->type = ACCESS_READ;
    else if (span_consume(s, "write"))
        access->type = ACCESS_WRITE;
    if (span_consume(s, " of size "))
        span_consume_int(s, &access->size);
}

/* Helgrind "Possible data race during read of size 8 at 0x.. by thread #3"
   and DRD "Conflicting load by thread 3 at 0x0010c030 size 8". */
static void parse_race_what(struct access *access, struct span s)
{
    if (span_consume(&s, "Possible data race during ")) {
        consume_read_or_write_of_size(&s, access);
    } else if (span_consume(&s, "Conflicting ")) {
        if (span_consume(&s, "load"))
            access->type = ACCESS_READ;
        else if (span_consume(&s, "store"))
            access->type = ACCESS_WRITE;
        long size_at = span_rfind(s, " size ");
        if (size_at >= 0) {
            struct span size = {s.p + size_at + 6, s.n - (size_t)size_at - 6};
            span_consume_int(&size, &access->size);
        }
    }
    long by = span_find(s, " by thread ");
    if (by >= 0) {
        struct span rest = {s.p + by + 11, s.n - (size_t)by - 11};
        take_thread_number(&rest, &access->thread);
    }
}

static void apply_what(struct vg_builder *builder, const struct vg_item *item)
{
    struct finding *finding = builder->finding;
    struct access *access = &finding->accesses[0];
    struct span text = item_text(item);
    builder->describing_lock = false;
    if (finding->kind == FINDING_DATA_RACE)
        parse_race_what(access, text);
    if (access->thread < 0 && item->thread >= 0)
        access->thread = item->thread;
    if (access->thread < 0 && finding->kind != FINDING_DATA_RACE)
        find_thread_number(text, &access->thread);
    set_locks_held(builder, access, item);
    if (finding->kind == FINDING_LOCK_ORDER) {
        /* XML: the stack of the acquisition that violates the order. */
        add_cycle_stack(builder, &item->stack);
        return;
    }
    access->stack = item->stack;
    if (finding->access_count < 1 &&
        (item->stack.count > 0 || access->type != ACCESS_UNKNOWN || access->thread >= 0))
        finding->access_count = 1;
}

/* "This conflicts with a previous write of size 8 by thread #2". */
static bool apply_conflict(struct vg_builder *builder, const struct vg_item *item, struct span s)
{
    if (!span_consume(&s, "This conflicts with a previous "))
        return false;
    struct finding *finding = builder->finding;
    struct access *access = &finding->accesses[1];
    access->previous = true;
    consume_read_or_write_of_size(&s, access);
    if (span_consume(&s, " by thread "))
        take_thread_number(&s, &access->thread);
    if (access->thread < 0)
        access->thread = item->thread;
    set_locks_held(builder, access, item);
    access->stack = item->stack;
    finding->access_count = 2;
    return true;
}

/* "stats.misses," / "line[0],": a C identifier, then '.', '[' or ','. */
static bool starts_member_path(struct span s)
{
    size_t i = 0;
    while (i < s.n && (s.p[i] == '_' || (s.p[i] >= 'a' && s.p[i] <= 'z') ||
                       (s.p[i] >= 'A' && s.p[i] <= 'Z') || (i > 0 && s.p[i] >= '0' && s.p[i] <= '9')))
        i++;
    return i > 0 && (i == s.n || s.p[i] == '.' || s.p[i] == '[' || s.p[i] == ',');
}

/* "Address 0x.. is 0 bytes inside data symbol "counter"", "... inside a
   block of size 4 alloc'd", "... is on thread #1's stack", DRD "... is at
   offset 0 from 0x..", and with --read-var-info "Location 0x.. is 0 bytes
   inside global var "counter"" or "... inside stats.misses,". */
static bool apply_address(struct vg_builder *builder, const struct vg_item *item, struct span s)
{
    struct span rest = s;
    unsigned long long address = 0;
    if (!(span_consume(&rest, "Address ") || span_consume(&rest, "Location ")) ||
        !span_consume_hex(&rest, &address) || !span_consume(&rest, " is "))
        return false;
    if (skip_lock_description(builder))
        return true; /* the lock's own address, printed under "Lock at" */
    struct location *location = &builder->finding->location;
    if (location->kind != LOCATION_UNKNOWN)
        return true;
    long offset = -1;
    struct span probe = rest;
    if (span_consume_long(&probe, &offset) && span_consume(&probe, " bytes inside ")) {
        rest = probe;
        location->offset = offset;
        long size = 0;
        if (span_consume(&rest, "a block of size ")) {
            location->kind = LOCATION_HEAP;
            if (span_consume_long(&rest, &size))
                location->size = size;
            location->alloc_stack = item->stack;
        } else if (span_consume(&rest, "data symbol \"") || span_consume(&rest, "global var \"")) {
            location->kind = LOCATION_GLOBAL;
            location->name = variable_name(builder->arena, span_take_until(&rest, "\""));
        } else if (span_consume(&rest, "local var \"")) {
            location->kind = LOCATION_STACK;
            location->name = variable_name(builder->arena, span_take_until(&rest, "\""));
        } else if (span_consume(&rest, "an unallocated block of size ")) {
            /* A block freed by the time Helgrind describes it (with
               --free-is-write=yes the free is the racing write). */
            location->kind = LOCATION_HEAP;
            if (span_consume_long(&rest, &size))
                location->size = size;
        } else if (starts_member_path(rest)) {
            /* "stats.misses," : a member of a global; "a local variable"
               in the next line turns it into a stack location. */
            location->kind = LOCATION_GLOBAL;
            location->name = member_variable_name(builder->arena, span_take_until(&rest, ","));
        } else {
            /* Any other phrase ("a block of size 16 in arena ...") names no
               variable: the place stays unknown rather than a sentence
               becoming a variable name. */
            location->offset = -1;
        }
    } else if (span_consume(&rest, "on thread ")) {
        location->kind = LOCATION_STACK;
        take_thread_number(&rest, &location->thread);
    } else if (span_consume(&rest, "at offset ")) {
        /* DRD's heap block: "is at offset 0 from 0x... Allocation context:" */
        location->kind = LOCATION_HEAP;
        if (span_consume_long(&rest, &offset))
            location->offset = offset;
        if (item->stack.count > 0)
            location->alloc_stack = item->stack;
    }
    return true;
}

/* "declared at u2.c:3" / "a global variable declared at v.c:3" /
   "declared at m.c:38, in frame #0 of thread 1". */
static bool apply_declared(struct vg_builder *builder, const struct vg_item *item, struct span s)
{
    long at = span_find(s, "declared at ");
    if (at < 0)
        return false;
    struct location *location = &builder->finding->location;
    if (skip_lock_description(builder))
        return true;
    if (item->file != NULL) {
        location->decl_file = item->file;
        location->decl_line = item->line;
    } else {
        struct span spec = {s.p + at + 12, s.n - (size_t)at - 12};
        spec = span_take_until(&spec, ",");
        struct frame where = {0};
        parse_file_spec(builder->arena, spec, &where);
        location->decl_file = where.file;
        location->decl_line = where.line;
    }
    if (span_contains(s, "local variable") || span_contains(s, "in frame #")) {
        location->kind = LOCATION_STACK;
        long thread_at = span_rfind(s, " of thread ");
        if (thread_at >= 0) {
            struct span rest = {s.p + thread_at + 11, s.n - (size_t)thread_at - 11};
            take_thread_number(&rest, &location->thread);
        }
    }
    return true;
}

/* One explaining line, with the stack printed after it. */
static void apply_aux(struct vg_builder *builder, const struct vg_item *item)
{
    struct finding *finding = builder->finding;
    struct location *location = &finding->location;
    struct span s = item_text(item);
    unsigned long long address = 0;
    /* Only "Address"/"Location"/"declared at" lines continue a lock's
       description; anything else ends it. */
    if (!span_starts(s, "Address ") && !span_starts(s, "Location ") &&
        !span_contains(s, "declared at "))
        builder->describing_lock = false;
    if (apply_conflict(builder, item, s) || apply_address(builder, item, s) ||
        apply_declared(builder, item, s))
        return;
    struct span rest = s;
    if (span_consume(&rest, "Block was alloc'd by thread ")) {
        take_thread_number(&rest, &location->thread);
    } else if (span_consume(&rest, "Lock at ") && span_consume_hex(&rest, &address)) {
        lock_at(builder, address, &item->stack); /* "was first observed" */
        builder->describing_lock = true;
        return;
    } else if (span_contains(s, "was first observed")) {
        /* DRD text "mutex 0x1fff0004b0 was first observed at:" */
        struct span words = s;
        span_take_until(&words, " ");
        if (span_consume_hex(&words, &address))
            lock_at(builder, address, &item->stack);
        builder->describing_lock = true;
        return;
    } else if (span_starts(s, "followed by a later acquisition")) {
        if (finding->kind == FINDING_LOCK_ORDER)
            add_cycle_stack(builder, &item->stack);
    } else if (span_consume(&rest, "Allocation context: ")) {
        /* DRD: "BSS section of /path" or "data section of": a global whose
           name DRD does not give without --read-var-info. */
        if (location->kind == LOCATION_UNKNOWN &&
            (span_contains(rest, "BSS section") || span_contains(rest, "data section")))
            location->kind = LOCATION_GLOBAL;
    }
    builder->describing_lock = false;
}

static void apply_alloc_context(struct vg_builder *builder, const struct vg_item *item)
{
    struct location *location = &builder->finding->location;
    if (location->kind == LOCATION_UNKNOWN)
        location->kind = LOCATION_HEAP;
    if (location->kind == LOCATION_HEAP && item->stack.count > 0)
        location->alloc_stack = item->stack;
}

static void apply_first_observed(struct vg_builder *builder, const struct vg_item *item)
{
    if (item->has_address)
        lock_at(builder, item->address, &item->stack);
}

/* Creation stacks of the threads the finding names, from the announcements. */
static void add_threads(struct vg_builder *builder, const struct vg_error *error,
                        const struct vg_thread *threads, size_t thread_count)
{
    struct finding *finding = builder->finding;
    int mentioned[3] = {finding->accesses[0].thread, finding->accesses[1].thread,
                        finding->location.thread};
    for (size_t m = 0; m < 3; m++) {
        if (mentioned[m] < 0 || finding_thread(finding, mentioned[m]) != NULL)
            continue;
        for (size_t t = 0; t < thread_count; t++) {
            if (threads[t].id == mentioned[m] && threads[t].pid == error->pid) {
                struct thread_info *thread =
                    finding_add_thread(builder->arena, finding, mentioned[m]);
                if (thread != NULL)
                    thread->created_at = threads[t].created_at;
                break;
            }
        }
    }
}

/* "Other segment start (thread 2)" (DRD text; its XML leaves it empty):
 * the other thread of the race, recorded without a creation stack. */
static void add_other_segment_thread(struct vg_builder *builder, const struct vg_item *item)
{
    struct span text = item_text(item);
    long at = span_find(text, "(thread ");
    int id = 0;
    if (!span_starts(text, "Other segment") || at < 0)
        return;
    struct span rest = span_make(text.p + at + 8, text.n - (size_t)at - 8);
    if (span_consume_int(&rest, &id) && id >= 0 && finding_thread(builder->finding, id) == NULL)
        finding_add_thread(builder->arena, builder->finding, id);
}

void vg_build_finding(struct report *report, const struct vg_error *error,
                      const struct vg_thread *threads, size_t thread_count)
{
    struct vg_builder builder = {.report = report, .arena = &report->arena};
    const struct vg_item *what = NULL;
    for (size_t i = 0; i < error->item_count && what == NULL; i++)
        if (error->items[i].kind == VG_ITEM_WHAT)
            what = &error->items[i];
    struct span what_text = what != NULL ? item_text(what) : span_make("", 0);

    struct finding *finding = report_add_finding(report);
    builder.finding = finding;
    finding->pid = error->pid;
    finding->kind = classify(error, what_text);
    if (what_text.n > 0)
        finding->headline = clean_headline(builder.arena, what_text);
    else
        finding->headline = arena_strdup(builder.arena, error->kind != NULL ? error->kind
                                                                           : "Valgrind error");

    for (size_t i = 0; i < error->item_count; i++) {
        const struct vg_item *item = &error->items[i];
        switch (item->kind) {
        case VG_ITEM_WHAT:
            if (item == what) {
                apply_what(&builder, item);
            } else if (finding->access_count == 1 && finding->accesses[0].stack.count == 0) {
                /* Helgrind's PthAPIerror prints "with error code 16 (EBUSY..)"
                   between its headline and the headline's stack. */
                finding->accesses[0].stack = item->stack;
            } else {
                apply_aux(&builder, item);
            }
            break;
        case VG_ITEM_AUX:
            apply_aux(&builder, item);
            add_other_segment_thread(&builder, item); /* the text form's "Other segment start" */
            break;
        case VG_ITEM_ALLOC_CONTEXT:
            apply_alloc_context(&builder, item);
            break;
        case VG_ITEM_FIRST_OBSERVED:
            apply_first_observed(&builder, item);
            break;
        case VG_ITEM_OTHER_SEGMENT:
            /* DRD's other segment is a range of code, not an access: it gives
               no second site, but its text names the other thread. */
            add_other_segment_thread(&builder, item);
            break;
        }
    }
    add_threads(&builder, error, threads, thread_count);
}
