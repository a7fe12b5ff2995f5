/* huge_malloc: the program asks malloc for 2 TiB.
 *
 * TSan reports "requested allocation size ... exceeds maximum supported
 * size" and stops the program: a fault of the program that TSan found,
 * not the detector dying.  Valgrind warns and malloc returns NULL. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    (void)argv;
    size_t huge = (size_t)1 << (41 + (argc > 99)); /* 2 TiB, above TSan's 1 TiB limit */
    char *block = malloc(huge);
    printf("huge_malloc: %s\n", block == NULL ? "NULL" : "allocated");
    free(block);
    return 0;
}
