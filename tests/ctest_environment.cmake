# cmake -DRACELAB=PATH -DDETECTOR=NAME -DPROJECT=DIR -DWORK=DIR -DREADS_INPUTS=PATH -P ctest_environment.cmake
#
# `racelab ctest` gives each test the environment CTest would: every
# ENVIRONMENT_MODIFICATION operation, in order, on top of ENVIRONMENT
# (tests/ctest-environment says which verdict each value gives), an
# operation CTest does not know is no verdict, and racelab's own
# environment is as it was after a test that unsets a variable; a racelab
# race test (racelab run ...) is skipped: it judges itself; --perturb
# perturbs each test's run.
foreach(var RACELAB DETECTOR PROJECT WORK READS_INPUTS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "ctest_environment.cmake: ${var} is required")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK}")
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${PROJECT}" -B "${WORK}/build" "-DREADS_INPUTS=${READS_INPUTS}"
                        "-DRACELAB=${RACELAB}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "configuring ${PROJECT} failed:\n${out}${err}")
endif()
# READS_INPUTS_RACE=yes in racelab's own environment: the unset test must
# not see it, and the tests after it must (path_prepend's "no:yes").
include("${CMAKE_CURRENT_LIST_DIR}/racelab_expect.cmake")
set(ENV{READS_INPUTS_RACE} yes)
set(d ${DETECTOR})
racelab_expect_all(1 STDOUT MATCH
    "FOUND: prepend_append under ${d}:\n  data-race [^\n]*race_on_env"
    "FOUND: reset under ${d}:\n  data-race [^\n]*race_on_env"
    "FOUND: path_list_on_empty under ${d}:\n  data-race [^\n]*race_on_env"
    "ok: unset under ${d}: no findings"
    "ok: list_prepend under ${d}: no findings"
    "ok: path_prepend under ${d}: no findings"
    "FOUND: inherited under ${d}:\n  data-race [^\n]*race_on_env"
    "NO VERDICT: unknown_operation under ${d}: ENVIRONMENT_MODIFICATION entry 'READS_INPUTS_RACE=append:yes': CTest knows no operation 'append'"
    "skipped: race_test: a racelab race test \\(racelab_add_race_test\\), which judges itself"
    "FAIL under ${d}: 9 tests: 3 ok, 4 FOUND, 0 NEW, 1 no verdict, 1 skipped"
  ARGS ctest --detector ${DETECTOR} --report "${WORK}/reports" -- --test-dir "${WORK}/build")

# --perturb reaches every test's racelab run: the test's run is perturbed
# (its sidecar holds a seed and the shim's counts), and the verdict stands.
racelab_expect_all(1 STDOUT MATCH "FOUND: inherited under ${d}:\n  data-race [^\n]*race_on_env"
  ARGS ctest --detector ${DETECTOR} --perturb --report "${WORK}/reports-perturbed" -- --test-dir "${WORK}/build" -R "^inherited$")
file(READ "${WORK}/reports-perturbed/inherited.perturb" sidecar)
if(NOT sidecar MATCHES "^seed=[0-9]+\nstrategy=pct\n.*points=[1-9]")
  message(FATAL_ERROR "racelab ctest --perturb: inherited's run was not perturbed:\n${sidecar}")
endif()
