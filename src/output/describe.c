/* describe.c: phrases for threads, locations, accesses and frames. */
#include "describe.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Appends formatted text after what `text` already holds, silently cutting
 * at size: a phrase is for reading, a cut one is still better than none. */
static void append(char *text, size_t size, const char *format, ...)
{
    size_t used = strlen(text);
    if (used + 1 >= size)
        return;
    va_list args;
    va_start(args, format);
    vsnprintf(text + used, size - used, format, args);
    va_end(args);
}

void describe_thread(enum detector_tool tool, int id, char *text, size_t size)
{
    text[0] = '\0';
    if (id < 0) {
        append(text, size, "an unknown thread");
        return;
    }
    /* TSan numbers the main thread 0; Valgrind numbers it 1 and says so
       only in a separate announcement, so name it here. */
    if (id == 0) {
        append(text, size, "the main thread");
        return;
    }
    switch (tool) {
    case TOOL_HELGRIND:
        append(text, size, id == 1 ? "the main thread (#1)" : "thread #%d", id);
        return;
    case TOOL_DRD:
        append(text, size, id == 1 ? "the main thread (thread 1)" : "thread %d", id);
        return;
    case TOOL_TSAN:
        append(text, size, "thread T%d", id);
        return;
    case TOOL_UNKNOWN:
        break;
    }
    append(text, size, "thread %d", id);
}

void describe_location(enum detector_tool tool, const struct location *location,
                       char *text, size_t size)
{
    char owner[64];
    text[0] = '\0';
    switch (location->kind) {
    case LOCATION_GLOBAL:
        if (location->name != NULL)
            append(text, size, "the global variable `%s`", location->name);
        else
            append(text, size, "a global variable");
        break;
    case LOCATION_HEAP:
        append(text, size, "a heap block");
        if (location->size > 0)
            append(text, size, " of %ld bytes", location->size);
        return;
    case LOCATION_STACK:
        describe_thread(tool, location->thread, owner, sizeof owner);
        if (location->name != NULL)
            append(text, size, "the local variable `%s`", location->name);
        else
            append(text, size, "a local variable");
        if (location->thread >= 0)
            append(text, size, " on the stack of %s", owner);
        break;
    case LOCATION_TLS:
        describe_thread(tool, location->thread, owner, sizeof owner);
        append(text, size, "thread-local storage");
        if (location->thread >= 0)
            append(text, size, " of %s", owner);
        break;
    case LOCATION_FD:
        if (location->offset >= 0)
            append(text, size, "file descriptor %ld", location->offset);
        else
            append(text, size, "a file descriptor");
        return;
    case LOCATION_UNKNOWN:
        append(text, size, "memory the detector did not name");
        return;
    }
    if (location->size > 0)
        append(text, size, " (%ld bytes)", location->size);
}

void describe_access(const struct access *access, char *text, size_t size)
{
    text[0] = '\0';
    if (access->atomic)
        append(text, size, "atomic ");
    switch (access->type) {
    case ACCESS_READ: append(text, size, "read"); break;
    case ACCESS_WRITE: append(text, size, "write"); break;
    case ACCESS_UNKNOWN: append(text, size, "access"); break;
    }
    if (access->size > 0)
        append(text, size, " of size %d", access->size);
}

void describe_frame(const struct frame *frame, char *text, size_t size)
{
    text[0] = '\0';
    if (frame == NULL || (frame->function == NULL && frame->file == NULL)) {
        append(text, size, "an unknown place");
        return;
    }
    if (frame->function != NULL)
        append(text, size, "%s%s", frame->function, frame->file != NULL ? " at " : "");
    if (frame->file != NULL) {
        append(text, size, "%s", frame->file);
        if (frame->line > 0)
            append(text, size, ":%d", frame->line);
    }
}

void describe_locks_held(const struct access *access, char *text, size_t size)
{
    text[0] = '\0';
    if (!access->locks_known && access->lock_count == 0) {
        /* Helgrind's XML and DRD never say: "no locks" would be a guess. */
        append(text, size, "locks held not reported");
        return;
    }
    if (access->lock_count == 0 || access->locks_held == NULL) {
        append(text, size, "holding no locks");
        return;
    }
    append(text, size, "holding ");
    for (size_t i = 0; i < access->lock_count; i++) {
        const char *separator = i == 0 ? "" : i + 1 == access->lock_count ? " and " : ", ";
        const char *name = access->locks_held[i] ? access->locks_held[i] : "an unnamed lock";
        append(text, size, "%s%s", separator, name);
    }
}

const char *kind_title(enum finding_kind kind)
{
    switch (kind) {
    case FINDING_DATA_RACE: return "data race";
    case FINDING_LOCK_ORDER: return "lock-order inversion (potential deadlock)";
    case FINDING_UNLOCK_UNLOCKED: return "unlock of a mutex the thread does not hold";
    case FINDING_THREAD_LEAK: return "thread leak";
    case FINDING_SIGNAL_UNSAFE: return "async-signal-unsafe call in a signal handler";
    case FINDING_DESTROY_LOCKED: return "destroy of a locked mutex";
    case FINDING_OTHER: break;
    }
    return "other problem";
}

const char *tool_title(enum detector_tool tool)
{
    switch (tool) {
    case TOOL_TSAN: return "ThreadSanitizer";
    case TOOL_HELGRIND: return "Helgrind";
    case TOOL_DRD: return "DRD";
    case TOOL_UNKNOWN: break;
    }
    return "the detector";
}

const struct thread_info *finding_thread_info(const struct finding *finding, int id)
{
    for (size_t i = 0; i < finding->thread_count && finding->threads != NULL; i++)
        if (finding->threads[i].id == id)
            return &finding->threads[i];
    return NULL;
}

const char *kind_meaning(enum finding_kind kind)
{
    switch (kind) {
    case FINDING_DATA_RACE:
        return "Two threads used the same memory with nothing ordering the two accesses, and at "
               "least one of them wrote. The outcome depends on timing: updates can be lost and "
               "reads can see stale or torn values, even when a run happens to print the right "
               "result.";
    case FINDING_LOCK_ORDER:
        return "The program takes the same mutexes in orders that form a cycle (one path "
               "locks A then B, another B then A, possibly through more mutexes). If threads "
               "run those paths at once, each can hold one lock and wait forever for the "
               "next: a deadlock, even if this run did not hang.";
    case FINDING_UNLOCK_UNLOCKED:
        return "A thread unlocked a mutex it did not hold (nobody held it, or another thread "
               "did). For a default mutex that is undefined behaviour, and it usually means the "
               "lock does not protect what the code assumes.";
    case FINDING_THREAD_LEAK:
        return "A thread was created but never joined nor detached. Its stack and exit status "
               "stay allocated until the process ends, and nothing waits for its work to be "
               "finished.";
    case FINDING_SIGNAL_UNSAFE:
        return "A signal handler called a function that is not async-signal-safe (malloc, "
               "printf, ...). If the signal arrives while the interrupted code is inside the "
               "same function, its state is corrupted or the process deadlocks.";
    case FINDING_DESTROY_LOCKED:
        return "A mutex was destroyed while it was still locked. That is undefined behaviour, "
               "and a thread still using the mutex would use freed state.";
    case FINDING_OTHER:
        break;
    }
    return "The detector reported a problem racelab has no specific explanation for; see the "
           "detector's manual for its headline.";
}

const char *const *kind_fixes(enum finding_kind kind)
{
    static const char *const data_race[] = {
        "Protect both accesses with the same mutex: lock it around every read and write of "
        "the shared data (see cases/mutex).",
        "Give each thread its own data and combine the results after pthread_join, so nothing "
        "is shared while the threads run (see cases/isolated).",
        NULL,
    };
    static const char *const lock_order[] = {
        "Take the mutexes in one global order everywhere (by a fixed rank, or by address), so "
        "no two threads can wait for each other.",
        "Hold one mutex at a time where you can: copy what you need, unlock, then lock the "
        "next.",
        "Where the order cannot be fixed, take the second lock with pthread_mutex_trylock and "
        "back off (unlock all, retry) when it fails.",
        NULL,
    };
    static const char *const unlock_unlocked[] = {
        "Pair every lock with one unlock on the same thread, on every path out of the function "
        "(early returns and error paths too).",
        "Build debug runs with PTHREAD_MUTEX_ERRORCHECK mutexes, so a wrong unlock returns "
        "EPERM instead of passing silently.",
        NULL,
    };
    static const char *const thread_leak[] = {
        "pthread_join every thread you create before its results are used or the program "
        "exits.",
        "For a thread nobody waits for, pthread_detach it (or create it with "
        "PTHREAD_CREATE_DETACHED) so its resources are freed when it ends.",
        NULL,
    };
    static const char *const signal_unsafe[] = {
        "In the handler only set a volatile sig_atomic_t flag (or write() a byte to a pipe) "
        "and do the real work in the main loop.",
        "Or block the signal and receive it with sigwait() in a dedicated thread, where any "
        "function may be called.",
        NULL,
    };
    static const char *const destroy_locked[] = {
        "Unlock the mutex before pthread_mutex_destroy, and destroy it only after every thread "
        "that uses it has been joined.",
        NULL,
    };
    static const char *const other[] = {
        "See the detector's documentation for this report.",
        NULL,
    };
    switch (kind) {
    case FINDING_DATA_RACE: return data_race;
    case FINDING_LOCK_ORDER: return lock_order;
    case FINDING_UNLOCK_UNLOCKED: return unlock_unlocked;
    case FINDING_THREAD_LEAK: return thread_leak;
    case FINDING_SIGNAL_UNSAFE: return signal_unsafe;
    case FINDING_DESTROY_LOCKED: return destroy_locked;
    case FINDING_OTHER: break;
    }
    return other;
}

/* Both sides' sites, when the report names both. */
static bool same_site(const struct finding *finding)
{
    if (finding->access_count < 2)
        return false;
    const struct frame *a = stack_user_frame(&finding->accesses[0].stack);
    const struct frame *b = stack_user_frame(&finding->accesses[1].stack);
    return a != NULL && b != NULL && a->line == b->line && strcmp(a->file, b->file) == 0;
}

const char *race_atomic_fix(const struct finding *finding)
{
    /* The same line on both sides, with a write: a read-modify-write such
       as counter += 1, racing with itself. */
    bool one_line = finding != NULL && same_site(finding) &&
                    (finding->accesses[0].type == ACCESS_WRITE ||
                     finding->accesses[1].type == ACCESS_WRITE);
    /* Different lines, one only writing and one only reading: a value or
       flag handed from one thread to another. */
    bool handoff = finding != NULL && finding->access_count == 2 && !same_site(finding) &&
                   finding->accesses[0].type != ACCESS_UNKNOWN &&
                   finding->accesses[1].type != ACCESS_UNKNOWN &&
                   finding->accesses[0].type != finding->accesses[1].type;
    if (one_line)
        return "For a lone counter, use a C11 atomic from <stdatomic.h>: "
               "atomic_fetch_add(&counter, 1) instead of counter += 1.";
    if (handoff)
        return "For a flag or value handed from one thread to another, make it _Atomic: the "
               "writer publishes with atomic_store_explicit(&flag, 1, memory_order_release), "
               "the reader checks with atomic_load_explicit(&flag, memory_order_acquire); or "
               "let the reader wait on a condition variable under the mutex.";
    return "For a lone counter, use a C11 atomic from <stdatomic.h> (atomic_fetch_add); for a "
           "flag that hands data to another thread, store it with memory_order_release and "
           "load it with memory_order_acquire, or wait on a condition variable.";
}
