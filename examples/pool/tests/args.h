/* args.h: the test programs' positional numeric arguments. */
#ifndef POOL_TESTS_ARGS_H
#define POOL_TESTS_ARGS_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* argv[index] as a whole number from 1 to limit into *value, which keeps
 * its default when the argument is not there.  false, with a message, when
 * it is not such a number. */
static inline bool count_argument(int argc, char **argv, int index, long limit, long *value)
{
    if (index >= argc)
        return true;
    char *end;
    errno = 0;
    long number = strtol(argv[index], &end, 10);
    if (errno != 0 || end == argv[index] || *end != '\0' || number < 1 || number > limit) {
        fprintf(stderr, "%s: argument %d is '%s', not a whole number from 1 to %ld\n", argv[0], index, argv[index],
                limit);
        return false;
    }
    *value = number;
    return true;
}

#endif
