/* counter_cli.h: what every counter case shares, so each case file holds
 * only its lesson: the shared state and the loop that updates it.
 *
 * A case is a function `long count_<case>(int threads, long iterations)`
 * that starts `threads` threads, lets each add 1 `iterations` times, joins
 * them and returns the total it ended with.  The benchmark calls the same
 * functions, so what it times is what the cases teach. */
#ifndef RACELAB_COUNTER_CLI_H
#define RACELAB_COUNTER_CLI_H

#include <stdbool.h>
#include <stddef.h>

enum { COUNTER_MAX_THREADS = 256 };

typedef long (*count_function)(int threads, long iterations);

/* Whether a wrong total is the bug being shown (unsafe) or a failure (the fixes). */
enum total_rule { TOTAL_MAY_BE_WRONG, TOTAL_MUST_BE_EXACT };

/* Parses "[THREADS [ITERATIONS]]" (defaults 2 and 1000000), runs count,
 * prints "NAME: total T, expected E" and returns the exit status:
 * 2 for bad arguments, 1 for a wrong total under TOTAL_MUST_BE_EXACT or
 * when counter_exact_total_requested(), else 0. */
int counter_main(int argc, char **argv, const char *name, count_function count,
                 enum total_rule rule);

/* True when COUNTER_EXACT_TOTAL=1 is in the environment: every total must
 * then be exact.  The lab's lost-updates tests set it to turn a wrong total
 * into an exit status in the same run a detector watches
 * (cases/split_critical_section). */
bool counter_exact_total_requested(void);

/* Starts `threads` threads running worker, thread t getting
 * (char *)args + t * arg_size as its argument (arg_size 0: all get args),
 * and joins them all.  Exits with a message if a thread cannot be started. */
void run_threads(int threads, void *(*worker)(void *), void *args, size_t arg_size);

#endif
