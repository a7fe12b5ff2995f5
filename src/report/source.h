/* source.h: the project's own source tree, as the stable form sees it.
 *
 * A report names a frame's file as the compiler saw it: an absolute path
 * (TSan, Valgrind's XML <dir>), a path relative to the build, or only a
 * base name (Valgrind's text).  Two questions are asked of it:
 *
 *   Is it the project's own code?  With a source root (`--source-root DIR`,
 *   or RACELAB_SOURCE_ROOT in the environment; the CMake API passes the
 *   project's top source directory), a frame is the project's when its file
 *   is found under the root: as the path printed, as a trailing part of it
 *   (a report from another clone), or by its base name.  That holds for
 *   code built into the executable and for the project's own static and
 *   shared libraries alike.  Files under /usr (system and C++ library
 *   headers) are never the project's, root or not.
 *
 *   What statement is at file:line?  The line's text with its comments and
 *   all white space removed, hashed (FNV-1a, 24 bits, six hex digits).  The
 *   hash is what identifies a racing statement across edits: inserting
 *   lines above it moves its number, not its text.  When the file cannot be
 *   read there is no hash, and the line number stands in for it.
 *
 * Files are found once and remembered for the life of the process. */
#ifndef RACELAB_SOURCE_H
#define RACELAB_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { SOURCE_HASH_SIZE = 7 }; /* six hex digits and the NUL */

/* Sets the source root (NULL: none, the default unless RACELAB_SOURCE_ROOT
 * is set).  Returns -1, with the reason in errno, when DIR is not a directory. */
int source_root_set(const char *dir);
const char *source_root(void);

/* True when file (as a report names it) is the project's own source: found
 * under the source root.  Without a root, any file outside /usr that is
 * not named relative to another build (glibc's "./nptl/...", "../sysdeps/..."). */
bool source_is_own(const char *file);

/* Whether the file is a system header or source: under /usr/. */
bool source_is_system(const char *file);

/* A name relative to another build: glibc's debug information names its
 * sources so ("./nptl/pthread_create.c", "../sysdeps/x86_64/..."). */
bool source_is_foreign_build(const char *file);

/* The hash of the statement at file:line, in hash (six hex digits); false
 * when the file cannot be found or has no such line. */
bool source_statement_hash(const char *file, int line, char hash[SOURCE_HASH_SIZE]);

/* Opens file under dir: dir joined with each trailing part of file, the
 * longest first, so /a/clone/src/x.c under DIR is tried as DIR/a/clone/src/x.c,
 * DIR/clone/src/x.c, DIR/src/x.c, DIR/x.c.  NULL when none is a regular file. */
FILE *source_open_under(const char *dir, const char *file);

#endif
