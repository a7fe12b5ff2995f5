/* TEMPORARY stubs, replaced by the real parsers. */
#include <stdio.h>
#include "report_parse.h"
int parse_tsan_text(const char *t, size_t n, struct report *r, char *e, size_t es) { (void)t; (void)n; r->tool = TOOL_TSAN; snprintf(e, es, "not implemented"); return -1; }
int parse_valgrind_xml(const char *t, size_t n, struct report *r, char *e, size_t es) { (void)t; (void)n; (void)r; snprintf(e, es, "not implemented"); return -1; }
int parse_valgrind_text(const char *t, size_t n, struct report *r, char *e, size_t es) { (void)t; (void)n; (void)r; snprintf(e, es, "not implemented"); return -1; }
int parse_any_report(const char *t, size_t n, struct report *r, char *e, size_t es) { (void)t; (void)n; (void)r; snprintf(e, es, "not implemented"); return -1; }
