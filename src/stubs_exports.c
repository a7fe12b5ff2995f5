/* TEMPORARY stubs, replaced by explain.c, export_json.c, export_sarif.c. */
#include <stdio.h>
#include "commands.h"
int command_explain(int argc, char **argv) { (void)argc; (void)argv; fputs("racelab: explain: not implemented\n", stderr); return EXIT_USAGE; }
int command_json(int argc, char **argv) { (void)argc; (void)argv; fputs("racelab: json: not implemented\n", stderr); return EXIT_USAGE; }
int command_sarif(int argc, char **argv) { (void)argc; (void)argv; fputs("racelab: sarif: not implemented\n", stderr); return EXIT_USAGE; }
