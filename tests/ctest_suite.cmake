# cmake -DRACELAB=PATH -DDETECTOR=NAME -DEXAMPLE=DIR -DWORK=DIR -DPACKAGE_DIR=DIR -DCOMPILER=PATH
#       -DCXX_COMPILER=PATH -DGENERATOR=G
#       -P ctest_suite.cmake
#
# `racelab ctest` on examples/suite, a project whose plain add_test tests
# (arguments, ENVIRONMENT, ENVIRONMENT_MODIFICATION, WORKING_DIRECTORY,
# WILL_FAIL; C and C++) know nothing of racelab, built with
# racelab_instrument_all():
#   1. discovery: the five racy tests FOUND, naming their lines (DRD at
#      -O0 may name a loop's line too, listed before): stats_modified only
#      if its ENVIRONMENT_MODIFICATION is applied as CTest applies it; the
#      seven clean ones ok, config_absent among them because it fails as
#      its WILL_FAIL says; config_missing, which fails on its own, NO VERDICT
#      (not a race); exit 1; JUnit with one testcase per test; one SARIF run
#      whose results name their tests;
#   2. a blessed baseline makes the suite pass (exit 0), the failing test
#      left out with CTest's own -E;
#   3. the whole suite against it: no verdict (exit 3), no race;
#   4. --strict: baseline lines no selected test shows fail (exit 1);
#   5. the mutation: tally_add without its lock (SUITE_REMOVE_LOCK) fails
#      the suite with a NEW race at tally_add's line (exit 1).
foreach(var RACELAB DETECTOR EXAMPLE WORK PACKAGE_DIR COMPILER CXX_COMPILER GENERATOR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "ctest_suite.cmake: ${var} is required")
  endif()
endforeach()
set(build "${WORK}/build")
set(reports "${WORK}/reports")
set(baseline "${WORK}/baseline.${DETECTOR}")
file(REMOVE_RECURSE "${reports}" "${baseline}")
file(MAKE_DIRECTORY "${WORK}")

function(build_suite remove_lock)
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${EXAMPLE}" -B "${build}" -G "${GENERATOR}"
                          "-DCMAKE_C_COMPILER=${COMPILER}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" -DSUITE_RACE_CHECK=ON -DRACELAB_DETECTOR=${DETECTOR}
                          "-Dracelab_DIR=${PACKAGE_DIR}" -DSUITE_REMOVE_LOCK=${remove_lock}
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "configuring ${EXAMPLE} failed:\n${out}${err}")
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${build}" -j2
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "building ${EXAMPLE} failed:\n${out}${err}")
  endif()
endfunction()

# racelab_ctest(STEP EXIT MATCH REGEX... ARGS ARG...): racelab ctest ARGS must
# exit EXIT and its output match every REGEX.
include("${CMAKE_CURRENT_LIST_DIR}/racelab_expect.cmake")
function(racelab_ctest step want_exit)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "MATCH;ARGS")
  message("--- ${step}")
  racelab_expect_all(${want_exit} STDOUT WORKING_DIRECTORY "${WORK}" MATCH ${arg_MATCH}
                     ARGS ctest --detector ${DETECTOR} --report "${reports}" ${arg_ARGS})
endfunction()

build_suite(OFF)
set(d ${DETECTOR})
racelab_ctest(discovery 1 MATCH
  "FOUND: counter_racy under ${d}:\n(  data-race [^\n]*\n)*  data-race [^\n]*tally.c:23:tally_add_unlocked:"
  "FOUND: stats_shared under ${d}:\n(  data-race [^\n]*\n)*  data-race [^\n]*stats.c:18:count_shared:"
  "FOUND: config_reload under ${d}:\n(  data-race [^\n]*\n)*  data-race [^\n]*config.c:25:load:"
  "FOUND: ledger_racy under ${d}:\n(  data-race [^\n]*\n)*  data-race [^\n]*ledger.cpp:19:Ledger::deposit_unchecked:"
  "FOUND: stats_modified under ${d}:\n(  data-race [^\n]*\n)*  data-race [^\n]*stats.c:18:count_shared:"
  "ok: counter_locked under ${d}: no findings" "ok: counter_one_thread under ${d}: no findings"
  "ok: stats_private under ${d}: no findings" "ok: config_read under ${d}: no findings"
  "ok: pipeline under ${d}: no findings" "ok: ledger_locked under ${d}: no findings"
  "ok: config_absent under ${d}: no findings"
  "NO VERDICT: config_missing under ${d}: the program failed on its own: exit status 1, its stderr begins \"config: cannot read settings.txt"
  "FAIL under ${d}: 13 tests: 7 ok, 5 FOUND, 0 NEW, 1 no verdict, 0 skipped"
  ARGS --junit "${WORK}/junit.xml" --sarif "${WORK}/suite.sarif" -- --test-dir "${build}")

file(READ "${WORK}/junit.xml" junit)
string(REGEX MATCHALL "<testcase " cases "${junit}")
string(REGEX MATCHALL "<failure " failures "${junit}")
string(REGEX MATCHALL "<error " errors "${junit}")
list(LENGTH cases cases)
list(LENGTH failures failures)
list(LENGTH errors errors)
if(NOT cases EQUAL 13 OR NOT failures EQUAL 5 OR NOT errors EQUAL 1)
  message(FATAL_ERROR "junit.xml: ${cases} testcases, ${failures} failures, ${errors} errors; want 13, 5, 1")
endif()
file(READ "${WORK}/suite.sarif" sarif)
string(JSON runs LENGTH "${sarif}" runs)
string(JSON results LENGTH "${sarif}" runs 0 results)
# One run; a result per finding (DRD, which names one side of a race, may
# give a racy test two), each naming its test: the five racy ones.
if(NOT runs EQUAL 1 OR results LESS 5)
  message(FATAL_ERROR "suite.sarif: ${runs} runs and ${results} results; want 1 run of at least 5")
endif()
set(tests)
math(EXPR last "${results} - 1")
foreach(i RANGE ${last})
  string(JSON test GET "${sarif}" runs 0 results ${i} properties test)
  list(APPEND tests ${test})
endforeach()
list(REMOVE_DUPLICATES tests)
list(SORT tests)
if(NOT tests STREQUAL "config_reload;counter_racy;ledger_racy;stats_modified;stats_shared")
  message(FATAL_ERROR "suite.sarif: the results name the tests '${tests}'")
endif()

racelab_ctest(bless 0 MATCH
  "PASS under ${d}: 12 tests: 12 ok"
  ARGS --baseline "${baseline}" --bless --runs 3 -- --test-dir "${build}" -E config_missing)
racelab_ctest(baseline 0 MATCH
  "ok: counter_racy under ${d}: 1 finding, all in" "PASS under ${d}: 12 tests: 12 ok"
  ARGS --baseline "${baseline}" -- --test-dir "${build}" -E config_missing)
racelab_ctest(whole-suite 3 MATCH
  "NO VERDICT: config_missing" "NO VERDICT under ${d}: 13 tests: 12 ok, 0 FOUND, 0 NEW, 1 no verdict"
  ARGS --baseline "${baseline}" -- --test-dir "${build}")
racelab_ctest(strict 1 MATCH
  "fixed: data-race [^\n]*tally.c:23:tally_add_unlocked" "FAIL under ${d}: 2 tests: 2 ok[^\n]*--strict"
  ARGS --baseline "${baseline}" --strict -- --test-dir "${build}" -R "counter_locked|stats_private")

build_suite(ON)
racelab_ctest(lock-removed 1 MATCH
  "NEW: counter_locked under ${d}:\n(  data-race [^\n]*\n)*  data-race [^\n]*tally.c:15:tally_add:"
  "FAIL under ${d}: 12 tests: [0-9]+ ok, 0 FOUND, [1-9][0-9]* NEW"
  ARGS --baseline "${baseline}" -- --test-dir "${build}" -E config_missing)
build_suite(OFF)
