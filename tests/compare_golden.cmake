# cmake -DACTUAL_DIR=DIR [-DWORKING_DIRECTORY=DIR] [-DINPUT_FILE=FILE]
#       [-DRACELAB_VERSION=X.Y.Z] [-DUPDATE=1 | -DNO_UPDATE=1] -P compare_golden.cmake
#       -- GOLDEN COMMAND [ARGS...] [-- GOLDEN COMMAND [ARGS...]]...
#
# Runs each COMMAND and compares what it did with its GOLDEN file, exactly:
#
#     exit: N
#     <stdout>
#     --- stderr          (only when something was written to stderr)
#     <stderr>
#
# The exit status is part of the golden because a right text with a wrong
# status is a wrong answer (CTest's PASS_REGULAR_EXPRESSION ignores it).
# Several commands share one invocation (one report through every command)
# because starting CTest and CMake costs more than racelab's work; every one
# is compared, and the failure names each golden that differs.  On a
# mismatch the actual output is kept in ACTUAL_DIR and `diff -u` shows the
# difference.  With -DUPDATE=1, or RACELAB_UPDATE_GOLDENS=1 in the
# environment (the update-goldens target sets it), the goldens are rewritten
# instead: review `git diff tests/golden` before keeping them.  NO_UPDATE
# marks tests that reuse other tests' goldens and must never write them.
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/CommandAfterSeparator.cmake")
# The saved reports name their sources as they were on the machine that
# made them (/work/main/tests/programs/x.c, another clone's path): with the
# repository as the source root, each is found by its trailing path here,
# wherever this clone is, so the statement hashes in the goldens are the
# same on every machine (source.h).
get_filename_component(repository "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(ENV{RACELAB_SOURCE_ROOT} "${repository}")
if(NOT command OR NOT DEFINED ACTUAL_DIR)
  message(FATAL_ERROR "usage: cmake -DACTUAL_DIR=DIR -P compare_golden.cmake -- GOLDEN COMMAND... [-- GOLDEN COMMAND...]")
endif()

set(run_options)
if(DEFINED WORKING_DIRECTORY)
  list(APPEND run_options WORKING_DIRECTORY "${WORKING_DIRECTORY}")
endif()
if(DEFINED INPUT_FILE)
  list(APPEND run_options INPUT_FILE "${INPUT_FILE}")
endif()
find_program(DIFF_PROGRAM diff)

# Runs one command and compares it with its golden; appends the golden to
# `differing` in the caller when it differs.
function(compare_with_golden golden)
  set(command ${ARGN})
  execute_process(COMMAND ${command} ${run_options}
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status MATCHES "^[0-9]+$")
    # "Permission denied", "Child aborted": the command did not run to an exit
    # status (a crash, or the binary being relinked); never record that.
    message(FATAL_ERROR "${command} did not exit normally: ${status}\n${err}")
  endif()
  # racelab's own version (SARIF's driver.semanticVersion) changes with
  # every release, not with the report: goldens hold VERSION instead.
  if(DEFINED RACELAB_VERSION)
    string(REPLACE "\"semanticVersion\": \"${RACELAB_VERSION}\"" "\"semanticVersion\": \"VERSION\""
           out "${out}")
  endif()
  set(actual "exit: ${status}\n${out}")
  if(NOT out STREQUAL "" AND NOT out MATCHES "\n$")
    string(APPEND actual "\n\\ no newline at the end of stdout\n")
  endif()
  if(NOT err STREQUAL "")
    string(APPEND actual "--- stderr\n${err}")
  endif()

  if((UPDATE OR "$ENV{RACELAB_UPDATE_GOLDENS}") AND NOT NO_UPDATE)
    file(WRITE "${golden}" "${actual}")
    message("updated ${golden}")
    return()
  endif()

  get_filename_component(golden_name "${golden}" NAME)
  set(actual_file "${ACTUAL_DIR}/${golden_name}")
  if(NOT EXISTS "${golden}")
    message("${actual}")
    message("no golden file ${golden}: review the output above, then create it "
            "with `cmake --build BUILD_DIR --target update-goldens`")
    set(differing ${differing} "${golden}" PARENT_SCOPE)
    return()
  endif()
  file(READ "${golden}" expected)
  if(actual STREQUAL expected)
    return()
  endif()
  file(WRITE "${actual_file}" "${actual}")
  if(DIFF_PROGRAM)
    execute_process(COMMAND "${DIFF_PROGRAM}" -u "${golden}" "${actual_file}" OUTPUT_VARIABLE difference)
    message("${difference}")
  else()
    message("--- expected (${golden})\n${expected}\n+++ actual (${actual_file})\n${actual}")
  endif()
  set(differing ${differing} "${golden}" PARENT_SCOPE)
endfunction()

# Split "GOLDEN COMMAND... -- GOLDEN COMMAND..." at each "--".
set(differing)
set(segment)
list(APPEND command "--")
foreach(word IN LISTS command)
  if(word STREQUAL "--")
    if(segment)
      compare_with_golden(${segment})
    endif()
    set(segment)
  else()
    list(APPEND segment "${word}")
  endif()
endforeach()

if(differing)
  string(REPLACE ";" "\n  " differing "${differing}")
  message(FATAL_ERROR "output differs from:\n  ${differing}\n(actual output kept in ${ACTUAL_DIR}); if the "
                      "change is intended, run `cmake --build BUILD_DIR --target update-goldens`")
endif()
