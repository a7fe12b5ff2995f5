# One place knows what each detector needs: compiler, flags, and the work
# the cases are given under it.  The presets only choose RACELAB_DETECTOR
# and the toolchain; everything below follows from that choice.
#
#   tsan      clang's ThreadSanitizer        -fsanitize=thread -Og -g
#   tsan-gcc  gcc's ThreadSanitizer (libtsan) -fsanitize=thread -Og -g
#   helgrind  Valgrind Helgrind, uninstrumented -O0 -g build
#   drd       Valgrind DRD, uninstrumented -O0 -g build
#
# Why these flags:
# - TSan wants -O1 -g.  -Og is clang's -O1, and gcc's debug-friendly -O1: gcc
#   at plain -O1 attributes the racy access to the `for` line instead of
#   `counter += 1` (measured), which would make clang's and gcc's expected
#   lines differ for the same race.
# - Valgrind runs the machine code as built.  At -O0 every `counter += 1` is a
#   real load and store; at -O2 gcc folds the unsafe loop into one add and
#   the program never loses an update, though the race is still there.
# - Iterations: detection needs no long runs (all four detectors flag
#   `unsafe` at 1 iteration per thread), but the fixes must be shown clean on
#   real work.  TSan runs the classic 2 x 1,000,000 (under a second);
#   Valgrind serialises threads and costs ~50x, so it runs 2 x 50,000
#   (mutex at 1,000,000 takes 12-20 s under Helgrind, 24 s under DRD).

set(racelab_known_detectors tsan tsan-gcc helgrind drd)
if(NOT RACELAB_DETECTOR IN_LIST racelab_known_detectors)
  message(FATAL_ERROR "RACELAB_DETECTOR='${RACELAB_DETECTOR}' is not one of: ${racelab_known_detectors}")
endif()

if(RACELAB_DETECTOR STREQUAL "tsan")
  set(racelab_required_compiler Clang)
  set(racelab_toolchain toolchains/clang.cmake)
elseif(RACELAB_DETECTOR STREQUAL "tsan-gcc")
  set(racelab_required_compiler GNU)
  set(racelab_toolchain toolchains/gcc.cmake)
endif()
if(racelab_required_compiler AND NOT CMAKE_C_COMPILER_ID STREQUAL racelab_required_compiler)
  message(FATAL_ERROR "RACELAB_DETECTOR=${RACELAB_DETECTOR} needs the ${racelab_required_compiler} compiler, "
                      "got ${CMAKE_C_COMPILER_ID}: configure with -DCMAKE_TOOLCHAIN_FILE=${racelab_toolchain} or use the preset")
endif()

if(RACELAB_DETECTOR MATCHES "^tsan")
  set(RACELAB_DETECTOR_COMPILE_OPTIONS -fsanitize=thread -Og -g)
  set(RACELAB_DETECTOR_LINK_OPTIONS -fsanitize=thread)
  set(RACELAB_CASE_ARGS 2 1000000)
  set(RACELAB_EXPECTED_FAMILY tsan)
  set(RACELAB_VALGRIND_ARGS)
else()
  set(RACELAB_DETECTOR_COMPILE_OPTIONS -O0 -g)
  set(RACELAB_DETECTOR_LINK_OPTIONS)
  set(RACELAB_CASE_ARGS 2 50000)
  set(RACELAB_EXPECTED_FAMILY ${RACELAB_DETECTOR})
  find_program(RACELAB_VALGRIND valgrind)
  if(NOT RACELAB_VALGRIND)
    message(FATAL_ERROR "valgrind not found: install it with 'apt-get install valgrind'")
  endif()
  set(RACELAB_VALGRIND_ARGS --valgrind "${RACELAB_VALGRIND}")
endif()

# Seconds one detector run may take before racelab kills it and fails the test.
set(RACELAB_RUN_TIMEOUT 120)

find_package(Threads REQUIRED)
