/* distinct.c: grouping findings by stable line, keeping report order. */
#include "distinct.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

static void *must_realloc(void *memory, size_t count, size_t elem_size)
{
    void *grown = count > 0 ? realloc(memory, count * elem_size) : NULL;
    if (grown == NULL && count > 0) {
        fputs("racelab: out of memory\n", stderr);
        exit(EXIT_NO_VERDICT);
    }
    return grown;
}

void distinct_findings_collect(const struct report *report, struct distinct_findings *out)
{
    out->items = NULL;
    out->count = 0;
    /* `sorted` indexes items by stable line, so a report with thousands of
       repeated findings is grouped in n log n, not n squared. */
    size_t *sorted = must_realloc(NULL, report->count, sizeof *sorted);
    out->items = must_realloc(NULL, report->count, sizeof *out->items);
    for (size_t i = 0; i < report->count; i++) {
        char line[STABLE_LINE_MAX];
        finding_stable_line(&report->findings[i], line, sizeof line);
        size_t low = 0, high = out->count;
        int order = 1;
        while (low < high) {
            size_t middle = low + (high - low) / 2;
            order = strcmp(out->items[sorted[middle]].stable, line);
            if (order == 0) {
                low = middle;
                break;
            }
            if (order < 0)
                low = middle + 1;
            else
                high = middle;
        }
        if (order == 0 && low < out->count) {
            out->items[sorted[low]].times++;
            continue;
        }
        struct distinct_finding *item = &out->items[out->count];
        item->first = &report->findings[i];
        item->times = 1;
        snprintf(item->stable, sizeof item->stable, "%s", line);
        memmove(&sorted[low + 1], &sorted[low], (out->count - low) * sizeof *sorted);
        sorted[low] = out->count;
        out->count++;
    }
    free(sorted);
}

void distinct_findings_free(struct distinct_findings *findings)
{
    free(findings->items);
    findings->items = NULL;
    findings->count = 0;
}
