/* verifier.c: the SV-COMP functions a program written for that corpus
 * calls, for the lab's cases (cmake/RacelabCase.cmake links this file into
 * every case whose sources name __VERIFIER_).
 *
 * SV-COMP gives these no body: a verifier explores every value.  The lab
 * runs the program once per run, so each gets one fixed, documented
 * behaviour, and a case's labelled race must be reachable with it:
 *   __VERIFIER_nondet_int() and the other nondet functions return 1;
 *   __VERIFIER_atomic_begin()/_end() bracket a section with one global
 *     mutex (SV-COMP's meaning: the section runs without interleaving);
 *   __VERIFIER_assume(0) ends the program quietly (the path is infeasible);
 *   reach_error() and __VERIFIER_error() abort: a failed check.
 * Every definition is weak, so a case that defines one itself wins. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#define RACELAB_WEAK __attribute__((weak))

static pthread_mutex_t atomic_section = PTHREAD_MUTEX_INITIALIZER;

RACELAB_WEAK int __VERIFIER_nondet_int(void);
RACELAB_WEAK unsigned int __VERIFIER_nondet_uint(void);
RACELAB_WEAK bool __VERIFIER_nondet_bool(void);
RACELAB_WEAK char __VERIFIER_nondet_char(void);
RACELAB_WEAK void __VERIFIER_atomic_begin(void);
RACELAB_WEAK void __VERIFIER_atomic_end(void);
RACELAB_WEAK void __VERIFIER_assume(int condition);
RACELAB_WEAK void __VERIFIER_error(void);
RACELAB_WEAK void reach_error(void);

int __VERIFIER_nondet_int(void)
{
    return 1;
}

unsigned int __VERIFIER_nondet_uint(void)
{
    return 1;
}

bool __VERIFIER_nondet_bool(void)
{
    return true;
}

char __VERIFIER_nondet_char(void)
{
    return 1;
}

void __VERIFIER_atomic_begin(void)
{
    pthread_mutex_lock(&atomic_section);
}

void __VERIFIER_atomic_end(void)
{
    pthread_mutex_unlock(&atomic_section);
}

void __VERIFIER_assume(int condition)
{
    if (!condition)
        exit(0);
}

void __VERIFIER_error(void)
{
    abort();
}

void reach_error(void)
{
    abort();
}
