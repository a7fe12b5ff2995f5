/* racy_lib.c: the library's racy total (see racy_lib.h). */
#include "racy_lib.h"

long racy_total;

void racy_add(long times)
{
    for (long i = 0; i < times; i++)
        racy_total += 1; /* the race: every caller's thread, no lock */
}

long racy_total_now(void)
{
    return racy_total;
}
