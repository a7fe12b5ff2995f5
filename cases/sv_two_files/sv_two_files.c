/* SV-COMP style, two sources: this one has the racy thread function, the
 * other (start_two.c, in the same directory, built in because it is there)
 * starts and joins the threads.
 * racelab: truth=race */
#include <pthread.h>

void start_two(void *(*function)(void *));

int total = 0;

void *add(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        total += 2; //RACE!
    return 0;
}

int main(void)
{
    start_two(add);
    return 0;
}
