/* bump_twice: the library's racy bump, from a plain test. */
#include <stdio.h>

#include "hits.h"

int main(void)
{
    printf("bump_twice: %ld\n", hits_bump_twice());
    return 0;
}
