/* parse_report.c: which detector wrote this text?  Picks the parser.
 *
 * The format is recognised from the text, never from a file name, so a
 * report piped in or renamed still reads.  Binary data and empty input are
 * refused with a reason instead of being reported as "no findings". */
#include <string.h>

#include "parse_internal.h"
#include "report_parse.h"

/* A NUL byte, or more than ~10% control bytes in the first 4 KiB, means
   this is not a detector's text (a core file, a binary by mistake).  Bytes
   >= 0x80 count as text: paths and program output may be UTF-8. */
static bool looks_binary(const char *text, size_t length)
{
    size_t sample = length < 4096 ? length : 4096;
    size_t odd = 0;
    for (size_t i = 0; i < sample; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == 0)
            return true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' &&
            c != 0x1b /* colour escapes in a captured terminal log */)
            odd++;
    }
    return odd * 10 > sample;
}

/* Said of empty input.  A clean TSan run prints nothing, so emptiness alone
 * cannot tell "no race" from "the detector never ran": only `racelab run`,
 * which also sees the exit status and checks the binary, may call it clean. */
static const char EMPTY_INPUT[] =
    "empty input: nothing to read (a clean ThreadSanitizer run prints nothing; 'racelab run' judges that)";

int parse_any_report(const char *text, size_t length, struct report *report, char *error,
                     size_t error_size)
{
    if (text == NULL || length == 0) {
        set_error(error, error_size, EMPTY_INPUT);
        return -1;
    }
    if (looks_binary(text, length)) {
        set_error(error, error_size, "binary data, not a detector report");
        return -1;
    }
    struct span all = span_make(text, length);
    struct span start = all;
    span_skip_spaces(&start);
    if (start.n == 0) {
        set_error(error, error_size, EMPTY_INPUT);
        return -1;
    }
    if (span_starts(start, "<?xml") || span_contains(all, "<valgrindoutput>"))
        return parse_valgrind_xml(text, length, report, error, error_size);
    if (span_contains(all, "ThreadSanitizer"))
        return parse_tsan_text(text, length, report, error, error_size);
    if (looks_like_valgrind_text(text, length))
        return parse_valgrind_text(text, length, report, error, error_size);
    set_error(error, error_size, "no ThreadSanitizer, Helgrind or DRD report found");
    return -1;
}
