/* doctor.h: the traps in the machine that keep a detector from working.
 *
 * Each check probes one thing a detector needs and, when it is missing,
 * says the command that fixes it:
 *
 *   mmap-rnd-bits      tsan            vm.mmap_rnd_bits <= 28, else clang 14's
 *                                      TSan aborts ("unexpected memory mapping")
 *   clang-tsan-links   tsan            clang -fsanitize=thread builds a program
 *   gcc-tsan-links     tsan-gcc        gcc -fsanitize=thread links (libtsan)
 *   symbolizer         tsan            llvm-symbolizer, else frames are <null>
 *                                      and no finding has a file:line
 *   tsan-suppressions  tsan, tsan-gcc  the file TSAN_OPTIONS names exists, else
 *                                      TSan exits 66 without running main
 *   valgrind           helgrind, drd   valgrind is installed
 *   libc-debug         helgrind, drd   libc's debug info (libc6-dbg): without
 *                                      it Valgrind names fewer libc frames
 *
 * A failed check means the detector cannot give verdicts; a warning means
 * it can, with less in its reports.  Every probe can be pointed elsewhere
 * (struct doctor_probes), which is how the tests simulate each trap. */
#ifndef RACELAB_DOCTOR_H
#define RACELAB_DOCTOR_H

struct doctor_probes {
    const char *mmap_rnd_bits_file; /* /proc/sys/vm/mmap_rnd_bits */
    const char *clang;              /* "clang", searched on PATH */
    const char *gcc;                /* "gcc" */
    const char *symbolizer;         /* NULL: where TSan looks (TSAN_OPTIONS, PATH) */
    const char *valgrind;           /* "valgrind" */
    const char *libc;               /* NULL: the C library racelab runs on */
    const char *debug_dir;          /* "/usr/lib/debug" */
    const char *tsan_options;       /* $TSAN_OPTIONS, may be NULL */
};

/* What racelab says when a run failed for a reason a doctor check names,
 * read from the detector's output (TSan's stderr, Valgrind's messages);
 * NULL when no check explains it. */
const char *doctor_diagnose(const char *detector_output);

#endif
