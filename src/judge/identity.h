/* identity.h: when a finding is a race the expected file already knows.
 *
 * Measured on multi-file programs under all four detectors: what stays the
 * same for one race from run to run is the raced location and the set of
 * statements that touch it; which two of them a report pairs changes
 * (TSan's "previous access" is whichever it saw last; DRD names one side).
 * What stays the same across an edit is the statement's text and its
 * function, not its line number.  So:
 *
 * A GROUP is one line of an expected file or baseline,
 *
 *     [sometimes] KIND LOCATION SITE...
 *
 * one race: a location and the statements known to race on it.  Bless
 * writes one line per race, joining the findings of one KIND and LOCATION
 * that share a statement (directly or through others): TSan pairing line
 * 218 with 496 in one run and with 501 in the next is one race {218, 496,
 * 501}; two fields of one heap block raced by different statements are two.
 *
 * A SITE is FILE:LINE:FUNCTION:HASH (normalize.h); today's older FILE:LINE
 * still reads.  Two sites are the same statement when their files (base
 * names) agree and
 *   - both name a function: the functions agree, and
 *   - both have a hash: the hashes agree (the line may have moved), else the
 *     lines agree.
 *
 * Two locations agree when they are equal, or one is "heap" and the other a
 * heap with its allocation site ("heap@pool.c:pool_create").
 *
 * A finding is KNOWN by a group when kind and location agree and each of
 * its sites is one of the group's: a new pairing of known statements of one
 * race is not a new race.  A group is SEEN when some finding is known by
 * it.  An exact expected file passes when every finding is known and every group not
 * marked `sometimes` is seen; a baseline passes when every finding is known.
 * A `sometimes` group was measured to come and go with the schedule: allowed,
 * not required. */
#ifndef RACELAB_IDENTITY_H
#define RACELAB_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "normalize.h"

struct site {
    const char *file;     /* base name */
    int line;             /* 0 for "?", or a frame placed by its function alone */
    const char *function; /* NULL in the older FILE:LINE form or when "?" */
    const char *hash;     /* NULL when "-" or absent */
    const char *text;     /* the site as written */
};

struct group {
    char *storage;        /* the parsed line; the pointers below point into it */
    const char *kind;
    const char *location;
    struct site *sites;
    size_t site_count;
    bool sometimes;
};

struct groups {
    struct group *items;
    size_t count;
};

/* The identity of a stable line without its line numbers: KIND LOCATION
 * and each site as FILE:FUNCTION:HASH (FILE:LINE where no hash is known).
 * SARIF's partialFingerprints carry it: an edit above a race keeps it. */
void stable_line_fingerprint(const char *line, char *fingerprint, size_t size);

/* Groups from stable lines (an expected file's): one per line. */
void groups_build(const struct stable_lines *lines, struct groups *groups);
void groups_free(struct groups *groups);

/* Splits found stable lines into races (see GROUP above): race[i] gets the
 * number of line i's race, from 0; returns how many races. */
size_t races_of_findings(const struct stable_lines *found, size_t *race);

/* The group line of race `which`: its KIND LOCATION and every statement of
 * its lines, sorted; prefixed `sometimes ` when asked. */
void race_line(const struct stable_lines *found, const size_t *race, size_t which, bool sometimes, char *line,
               size_t size);

/* The group that knows a found stable line, or -1. */
long groups_find(const struct groups *groups, const char *found);

/* A group's stable line: "[sometimes ]KIND LOCATION SITE..." (sites sorted). */
void group_line(const struct group *group, char *line, size_t size);

/* The comparison of found lines with groups. */
struct comparison {
    size_t unexpected;    /* found lines no group knows */
    size_t missing;       /* required groups not seen */
    size_t not_seen;      /* all groups not seen, `sometimes` ones too */
    bool *group_seen;     /* per group; free with comparison_free */
    long *known_by;       /* per found line, the group that knows it, or -1 */
};
void compare_with_groups(const struct groups *groups, const struct stable_lines *found,
                         struct comparison *comparison);
void comparison_free(struct comparison *comparison);

/* Writes, one per line after `indent`, each found site that matched a known
 * statement at another line: "unsafe.c:15 is now unsafe.c:17 (count_up)".
 * Returns how many. */
size_t print_moved_sites(FILE *out, const char *indent, const struct groups *groups,
                         const struct stable_lines *found);

#endif
