/* hits: a count bumped by two threads, without a lock (the race). */
#ifndef UNEDITED_HITS_H
#define UNEDITED_HITS_H
long hits_bump_twice(void);
#endif
