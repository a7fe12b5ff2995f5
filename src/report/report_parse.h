/* report_parse.h: detector output -> struct report (see finding.h).
 *
 * Every parser takes the whole text (it need not be NUL-terminated and may
 * contain program output, several reports, reports of several processes).
 * It returns 0 and fills `report` (zero findings is a valid result), or -1
 * with a one-line reason in `error` when the text cannot be read as that
 * format at all (binary data, XML that is not Valgrind's). */
#ifndef RACELAB_REPORT_PARSE_H
#define RACELAB_REPORT_PARSE_H

#include <stddef.h>

#include "finding.h"

int parse_tsan_text(const char *text, size_t length, struct report *report,
                    char *error, size_t error_size);
/* Helgrind or DRD XML (--xml=yes); the tool is read from <protocoltool>. */
int parse_valgrind_xml(const char *text, size_t length, struct report *report,
                       char *error, size_t error_size);
/* Helgrind or DRD text commentary ("==123== Possible data race ..."). */
int parse_valgrind_text(const char *text, size_t length, struct report *report,
                        char *error, size_t error_size);

/* True when the text holds a "==PID==" line that only Helgrind or DRD
   print: the banner, a known error headline, a thread announcement, the
   ERROR SUMMARY.  Reports run with -q, or pasted without the banner, have
   only the error lines. */
bool looks_like_valgrind_text(const char *text, size_t length);

/* Recognises the format from the text itself and calls the parser above.
 * Fails with a reason for empty input, binary data, and text in which no
 * known detector output is found at all. */
int parse_any_report(const char *text, size_t length, struct report *report,
                     char *error, size_t error_size);

#endif
