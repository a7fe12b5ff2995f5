# Runs one fuzz target: cmake -DCONFIG=<build>/fuzz/<target>.config.cmake
#                              -DMODE=smoke|long -DSECONDS=N [-DEXTRA_ARGS=a;b] -P RunFuzz.cmake
#
# Everything it writes is under the build tree, in FUZZ_WORK_DIR:
#   seeds/      fresh copy of the matching tests/reports files and fuzz/regressions/<target>-*
#   smoke/      inputs the smoke test finds; emptied before each smoke run
#   corpus/     inputs the long runs find; kept between runs, so they build on each other
#   artifacts/  crash-*, leak-*, timeout-*, oom-* files: see fuzz/README.md
# libFuzzer's exit status is the result: any crash, leak, UB report or timeout fails.
cmake_minimum_required(VERSION 3.25)
foreach(var CONFIG MODE SECONDS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "RunFuzz.cmake needs -D${var}=...")
  endif()
endforeach()
include("${CONFIG}")
if(NOT EXISTS "${FUZZ_EXECUTABLE}")
  message(FATAL_ERROR "${FUZZ_EXECUTABLE} is not built: cmake --build <build dir> --target ${FUZZ_TARGET}")
endif()

# Seeds: copies, flattened to one directory, so the source tree is never written.
set(seeds "${FUZZ_WORK_DIR}/seeds")
file(REMOVE_RECURSE "${seeds}")
file(MAKE_DIRECTORY "${seeds}")
set(seed_files)
foreach(glob IN LISTS FUZZ_SEED_GLOBS)
  file(GLOB_RECURSE found LIST_DIRECTORIES false "${FUZZ_REPORTS_DIR}/${glob}")
  list(APPEND seed_files ${found})
endforeach()
if(FUZZ_TARGET STREQUAL "fuzz_any_report")
  file(GLOB regressions LIST_DIRECTORIES false "${FUZZ_REGRESSIONS_DIR}/*")
else()
  file(GLOB regressions LIST_DIRECTORIES false "${FUZZ_REGRESSIONS_DIR}/${FUZZ_TARGET}-*")
endif()
list(APPEND seed_files ${regressions})
list(REMOVE_DUPLICATES seed_files)
set(seed_count 0)
foreach(file IN LISTS seed_files)
  get_filename_component(name "${file}" NAME)
  if(name MATCHES "^(README|\\.)")
    continue()
  endif()
  get_filename_component(parent "${file}" DIRECTORY)
  get_filename_component(parent "${parent}" NAME)
  configure_file("${file}" "${seeds}/${parent}__${name}" COPYONLY)
  math(EXPR seed_count "${seed_count} + 1")
endforeach()

if(MODE STREQUAL "smoke")
  set(corpus "${FUZZ_WORK_DIR}/smoke")
  file(REMOVE_RECURSE "${corpus}")
elseif(MODE STREQUAL "long")
  set(corpus "${FUZZ_WORK_DIR}/corpus")
else()
  message(FATAL_ERROR "MODE must be smoke or long, not '${MODE}'")
endif()
set(artifacts "${FUZZ_WORK_DIR}/artifacts")
file(MAKE_DIRECTORY "${corpus}" "${artifacts}")
file(GLOB artifacts_before LIST_DIRECTORIES false "${artifacts}/*")

# New inputs go to the first directory (corpus), never to seeds.  Inputs
# are capped at 16 KiB (longer seeds are read truncated, itself a hostile
# case): left to itself libFuzzer takes the largest seed, a 90 KiB report
# of a deep recursion, and runs 10x slower.  EXTRA_ARGS may override it.
set(command "${FUZZ_EXECUTABLE}" "${corpus}" "${seeds}"
    "-dict=${FUZZ_DICT}" "-max_total_time=${SECONDS}" -rss_limit_mb=2048 -timeout=5 -max_len=16384
    "-artifact_prefix=${artifacts}/" -print_final_stats=1 ${EXTRA_ARGS})
message(STATUS "${FUZZ_TARGET}: ${MODE} run of ${SECONDS} s from ${seed_count} seed(s)")
string(JOIN " " shown ${command})
message(STATUS "${shown}")
execute_process(COMMAND ${command} WORKING_DIRECTORY "${FUZZ_WORK_DIR}" RESULT_VARIABLE result)

if(NOT result EQUAL 0)
  file(GLOB artifacts_after LIST_DIRECTORIES false "${artifacts}/*")
  list(REMOVE_ITEM artifacts_after ${artifacts_before} "")
  string(JOIN "\n  " new_artifacts ${artifacts_after})
  message(FATAL_ERROR "${FUZZ_TARGET} failed (libFuzzer exit status ${result}).\n"
          "Input(s) that fail:\n  ${new_artifacts}\n"
          "Reproduce with: ${FUZZ_EXECUTABLE} <input>; then see fuzz/README.md (\"A crash\").")
endif()
