/* SV-COMP style as corpora write it: thread functions ignore their
 * parameter, which -Wextra warns about.  The lab keeps that a warning,
 * never an error, so nothing but the truth line is declared here, as in
 * a corpus written elsewhere.
 * racelab: truth=race */
#include <pthread.h>

int last = 0;

void *t1(void *arg)
{
    last = 1; // RACE!
    return 0;
}

void *t2(void *arg)
{
    last = 2; // RACE!
    return 0;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, 0, t1, 0);
    pthread_create(&b, 0, t2, 0);
    pthread_join(a, 0);
    pthread_join(b, 0);
    return 0;
}
