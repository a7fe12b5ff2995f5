/* suppressions.h: TSan and Valgrind suppression files, and which of their
 * entries are stale.
 *
 * Teams keep known races out of CI with a file named in
 * TSAN_OPTIONS=suppressions=FILE, one `TYPE:PATTERN` per line.  Such a file
 * rots: after a fix or a library upgrade an entry matches nothing, and TSan
 * never says so (with print_suppressions=1 it lists only the entries that
 * matched, under "ThreadSanitizer: Matched N suppressions (pid=P):" as
 * "COUNT TYPE:PATTERN" lines).  racelab turns that around: every entry of
 * the file that no run listed is stale.
 *
 * TSan looks for a relative FILE in the working directory, then beside the
 * executable (sanitizer_common's FindFile); a missing file makes it exit 66
 * before main runs, the status of a race.
 *
 * Valgrind's files (--suppressions=FILE, racelab run --suppressions) hold
 * entries `{ NAME  TOOL[,TOOL]:KIND  frames... }`; with --xml=yes Valgrind
 * ends its report with <suppcounts>, a <pair><count>N</count><name>NAME
 * </name></pair> per entry that matched (Valgrind 3.19, measured: no -v
 * needed).  An entry names the tools it applies to (`Helgrind`, `drd`,
 * exactly so); the others' entries are not audited under a tool, since
 * Valgrind skips them. */
#ifndef RACELAB_SUPPRESSIONS_H
#define RACELAB_SUPPRESSIONS_H

#include <stdbool.h>
#include <stddef.h>

struct suppression {
    char *entry;  /* TSan: "TYPE:PATTERN", trimmed; Valgrind: the entry's NAME */
    int line;     /* in the file, from 1 (Valgrind: the NAME's line) */
    bool matched; /* listed by TSan as matched in some run */
};

struct suppressions {
    char path[4096];            /* the file the detector reads */
    struct suppression *entries;
    size_t count;
};

/* The value of the last `name=` in a TSAN_OPTIONS string (TSan's rule:
 * separators are ':', ',' and whitespace; a value may be quoted).  False
 * when absent. */
bool tsan_option(const char *options, const char *name, char *value, size_t size);

/* Finds the file TSAN_OPTIONS names (from the working directory, else
 * beside `program`, which may be NULL).  0: no suppressions in use;
 * 1: loaded; -1: named but unreadable, `path` says which file was looked for. */
int suppressions_load(const char *tsan_options, const char *program, struct suppressions *out);

/* Marks the entries TSan listed as matched in one run's stderr. */
void suppressions_mark_matched(struct suppressions *suppressions, const char *tsan_stderr);

/* Reads the entries of a Valgrind suppressions file that apply to `tool`
 * (Valgrind's name for it, "Helgrind" or "drd"; compared ignoring case, so
 * that a misspelt `helgrind:Race` is audited, and found stale).  1: loaded;
 * -1: unreadable. */
int suppressions_load_valgrind(const char *path, const char *tool, struct suppressions *out);

/* Marks the entries a Valgrind XML report lists in <suppcounts>. */
void suppressions_mark_matched_valgrind(struct suppressions *suppressions, const char *valgrind_xml);

void suppressions_free(struct suppressions *suppressions);

#endif
