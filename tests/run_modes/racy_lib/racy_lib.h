/* racy_lib: a project's own library with a race inside it, for the tests
 * that a race in the project's library is placed at the library's line,
 * built shared or static alike, and never at the caller's. */
#ifndef RACY_LIB_H
#define RACY_LIB_H

/* Adds 1 to the library's total `times` times, with no lock. */
void racy_add(long times);

/* The total so far. */
long racy_total_now(void);

#endif
