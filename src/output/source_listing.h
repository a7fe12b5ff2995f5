/* source_listing.h: printing the lines a finding points at, from the source.
 *
 * Reports name files as the detector saw them at build time, often an
 * absolute path on another machine or in another clone.  The listing looks
 * for the file in the places the user named first, then where the report
 * says, and prints nothing when it is not found: a missing source is
 * normal (a report read elsewhere), not an error. */
#ifndef RACELAB_SOURCE_LISTING_H
#define RACELAB_SOURCE_LISTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct source_paths {
    const char **dirs; /* --source-path DIRs, in the order given */
    size_t count;
};

/* Prints lines line-context .. line+context of the file, each prefixed by
 * indent, its number and a "|", with ">" marking `line`.  Returns false and
 * prints nothing when the file is not found or has fewer than `line` lines. */
bool print_source_listing(FILE *out, const struct source_paths *paths, const char *file,
                          int line, int context, const char *indent);

#endif
