# cmake -DGOLDEN=FILE -DACTUAL=FILE [-DWORKING_DIRECTORY=DIR] [-DINPUT_FILE=FILE]
#       [-DUPDATE=1 | -DNO_UPDATE=1] -P compare_golden.cmake -- COMMAND [ARGS...]
#
# Runs COMMAND and compares what it did with the golden file, exactly:
#
#     exit: N
#     <stdout>
#     --- stderr          (only when something was written to stderr)
#     <stderr>
#
# The exit status is part of the golden because a right text with a wrong
# status is a wrong answer (CTest's PASS_REGULAR_EXPRESSION ignores it).
# On a mismatch the actual output is kept in ACTUAL and `diff -u` shows the
# difference.  With -DUPDATE=1, or RACELAB_UPDATE_GOLDENS=1 in the
# environment (the update-goldens target sets it), the golden is rewritten
# instead: review `git diff tests/golden` before keeping it.  NO_UPDATE marks
# tests that reuse another test's golden and must never write it.
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/CommandAfterSeparator.cmake")
if(NOT command OR NOT DEFINED GOLDEN OR NOT DEFINED ACTUAL)
  message(FATAL_ERROR "usage: cmake -DGOLDEN=FILE -DACTUAL=FILE -P compare_golden.cmake -- COMMAND...")
endif()

set(run_options)
if(DEFINED WORKING_DIRECTORY)
  list(APPEND run_options WORKING_DIRECTORY "${WORKING_DIRECTORY}")
endif()
if(DEFINED INPUT_FILE)
  list(APPEND run_options INPUT_FILE "${INPUT_FILE}")
endif()
execute_process(COMMAND ${command} ${run_options}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)

if(NOT status MATCHES "^[0-9]+$")
  # "Permission denied", "Child aborted": the command did not run to an exit
  # status (a crash, or the binary being relinked); never record that.
  message(FATAL_ERROR "${command} did not exit normally: ${status}\n${err}")
endif()
set(actual "exit: ${status}\n${out}")
if(NOT out STREQUAL "" AND NOT out MATCHES "\n$")
  string(APPEND actual "\n\\ no newline at the end of stdout\n")
endif()
if(NOT err STREQUAL "")
  string(APPEND actual "--- stderr\n${err}")
endif()

if((UPDATE OR "$ENV{RACELAB_UPDATE_GOLDENS}") AND NOT NO_UPDATE)
  file(WRITE "${GOLDEN}" "${actual}")
  message("updated ${GOLDEN}")
  return()
endif()

if(NOT EXISTS "${GOLDEN}")
  message("${actual}")
  message(FATAL_ERROR "no golden file ${GOLDEN}: review the output above, then create it "
                      "with `cmake --build BUILD_DIR --target update-goldens`")
endif()
file(READ "${GOLDEN}" expected)
if(actual STREQUAL expected)
  return()
endif()

file(WRITE "${ACTUAL}" "${actual}")
find_program(DIFF_PROGRAM diff)
if(DIFF_PROGRAM)
  execute_process(COMMAND "${DIFF_PROGRAM}" -u "${GOLDEN}" "${ACTUAL}" OUTPUT_VARIABLE difference)
  message("${difference}")
else()
  message("--- expected (${GOLDEN})\n${expected}\n+++ actual (${ACTUAL})\n${actual}")
endif()
message(FATAL_ERROR "output differs from ${GOLDEN} (actual output kept in ${ACTUAL}); if the "
                    "change is intended, run `cmake --build BUILD_DIR --target update-goldens`")
