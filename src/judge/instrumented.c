/* instrumented.c: is a binary built with -fsanitize=thread?
 *
 * A TSan run that reports nothing proves nothing if the binary was never
 * instrumented: it runs, exits 0 and looks clean.  So before trusting a
 * quiet run, racelab looks for ThreadSanitizer's entry point __tsan_init in
 * the ELF symbol tables: clang links the runtime in (a defined symbol in
 * .symtab), gcc links libtsan.so (an undefined symbol in .dynsym).  This
 * reads the ELF headers with <elf.h> rather than running `nm`, so the check
 * needs no binutils and cannot be fooled by a missing tool.  The same look
 * tells whether racelab's perturbation shim is linked in (--perturb). */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "detector.h"
#include "input.h"

static const char TSAN_ENTRY_POINT[] = "__tsan_init";

/* True when [offset, offset + size) lies inside a buffer of `length` bytes. */
static bool in_bounds(size_t length, Elf64_Off offset, Elf64_Xword size)
{
    return offset <= length && size <= length - offset;
}

static bool section_has_symbol(const unsigned char *image, size_t length,
                               const Elf64_Shdr *symbols, const Elf64_Shdr *names,
                               const char *wanted)
{
    if (symbols->sh_entsize != sizeof(Elf64_Sym) ||
        !in_bounds(length, symbols->sh_offset, symbols->sh_size) ||
        !in_bounds(length, names->sh_offset, names->sh_size))
        return false;
    const char *strings = (const char *)image + names->sh_offset;
    size_t count = symbols->sh_size / sizeof(Elf64_Sym);
    size_t wanted_size = strlen(wanted) + 1;
    for (size_t i = 0; i < count; i++) {
        Elf64_Sym symbol;
        memcpy(&symbol, image + symbols->sh_offset + i * sizeof symbol, sizeof symbol);
        if (symbol.st_name < names->sh_size && names->sh_size - symbol.st_name >= wanted_size &&
            memcmp(strings + symbol.st_name, wanted, wanted_size) == 0)
            return true;
    }
    return false;
}

/* Whether the ELF file at path defines or references `wanted`. */
static bool binary_has_symbol(const char *path, const char *wanted, char *reason, size_t reason_size)
{
    size_t length = 0;
    unsigned char *image = (unsigned char *)read_whole_file(path, &length);
    if (image == NULL) {
        snprintf(reason, reason_size, "cannot read %s", path);
        return false;
    }
    bool found = false;
    Elf64_Ehdr header;
    if (length < sizeof header || memcmp(image, ELFMAG, SELFMAG) != 0) {
        snprintf(reason, reason_size, "%s is not an ELF file", path);
    } else if (image[EI_CLASS] != ELFCLASS64) {
        snprintf(reason, reason_size, "%s is not a 64-bit ELF file", path);
    } else {
        memcpy(&header, image, sizeof header);
        snprintf(reason, reason_size, "no %s symbol in %s", wanted, path);
        if (header.e_shentsize == sizeof(Elf64_Shdr) &&
            in_bounds(length, header.e_shoff, (Elf64_Xword)header.e_shnum * sizeof(Elf64_Shdr))) {
            for (size_t i = 0; i < header.e_shnum && !found; i++) {
                Elf64_Shdr section;
                memcpy(&section, image + header.e_shoff + i * sizeof section, sizeof section);
                if ((section.sh_type != SHT_SYMTAB && section.sh_type != SHT_DYNSYM) ||
                    section.sh_link >= header.e_shnum)
                    continue;
                Elf64_Shdr names;
                memcpy(&names, image + header.e_shoff + section.sh_link * sizeof names, sizeof names);
                found = section_has_symbol(image, length, &section, &names, wanted);
            }
        }
    }
    free(image);
    return found;
}

bool binary_is_tsan_instrumented(const char *path, char *reason, size_t reason_size)
{
    return binary_has_symbol(path, TSAN_ENTRY_POINT, reason, reason_size);
}

/* The shim's wrappers define racelab_perturb_wrappers (runtime/racelab-perturb/wrap.c). */
bool binary_has_perturbation_shim(const char *path, char *reason, size_t reason_size)
{
    return binary_has_symbol(path, "racelab_perturb_wrappers", reason, reason_size);
}

int command_instrumented(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        FILE *out = argc < 2 ? stderr : stdout;
        fputs("usage: racelab instrumented BINARY...\n"
              "Exits 0 when every BINARY is built with -fsanitize=thread (has __tsan_init),\n"
              "1 when one is not, naming it.\n", out);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    int status = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        char reason[512];
        if (binary_is_tsan_instrumented(argv[i], reason, sizeof reason)) {
            printf("%s: built with -fsanitize=thread\n", argv[i]);
        } else {
            fprintf(stderr, "racelab: %s: not built with -fsanitize=thread (%s)\n", argv[i], reason);
            status = EXIT_MISMATCH;
        }
    }
    return status;
}
