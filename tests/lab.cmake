# The lab's own tests beside the case x detector tests: canaries (the gate
# must refuse to give a verdict when its detector is absent) and the case
# programs' argument handling.

# Canaries.
if(RACELAB_DETECTOR MATCHES "^tsan")
  # Every case binary of this build is really instrumented.
  get_property(case_targets GLOBAL PROPERTY RACELAB_CASE_TARGETS)
  set(case_files)
  foreach(target IN LISTS case_targets)
    list(APPEND case_files $<TARGET_FILE:${target}>)
  endforeach()
  add_test(NAME canary.instrumented.${RACELAB_DETECTOR}
           COMMAND racelab instrumented ${case_files})

  # ... and the check catches a binary built without -fsanitize=thread: the
  # unsafe case, built plain, must be refused, not judged clean or racy.
  add_executable(canary_plain_unsafe "${PROJECT_SOURCE_DIR}/cases/unsafe/unsafe.c"
                                     "${PROJECT_SOURCE_DIR}/common/counter_cli.c")
  target_include_directories(canary_plain_unsafe PRIVATE "${PROJECT_SOURCE_DIR}/common")
  target_link_libraries(canary_plain_unsafe PRIVATE Threads::Threads)
  racelab_expected_in_directory(unsafe_expected "${PROJECT_SOURCE_DIR}/cases/unsafe")
  racelab_run_command(command NAME uninstrumented TARGET canary_plain_unsafe EXPECTED "${unsafe_expected}"
                      ARGS ${RACELAB_CASE_ARGS})
  add_test(NAME canary.uninstrumented-refused.${RACELAB_DETECTOR}
           COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=3 "-DEXPECT_OUTPUT=not built with -fsanitize=thread"
                   -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" -- ${command})
else()
  # A missing valgrind is a failure with the package to install, not a pass.
  racelab_expected_in_directory(unsafe_expected "${PROJECT_SOURCE_DIR}/cases/unsafe")
  add_test(NAME canary.valgrind-missing-refused.${RACELAB_DETECTOR}
           COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=3 "-DEXPECT_OUTPUT=apt-get install valgrind"
                   -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" --
                   $<TARGET_FILE:racelab> run --detector ${RACELAB_DETECTOR} --case unsafe
                   --expected "${unsafe_expected}"
                   --report "${CMAKE_BINARY_DIR}/reports/canary-no-valgrind"
                   --valgrind "${CMAKE_BINARY_DIR}/no-such-dir/valgrind"
                   -- $<TARGET_FILE:case_unsafe> 2 1)
endif()
# The counter cases (cli=counter) refuse bad arguments with one usage line
# and exit 2; a standalone case takes what its own main takes.
set(case_targets)
get_property(case_targets GLOBAL PROPERTY RACELAB_COUNTER_CASE_TARGETS)
foreach(target IN LISTS case_targets)
  string(REPLACE "case_" "" name "${target}")
  foreach(bad_arguments "0" "2;x" "2;1;extra")
    string(REPLACE ";" "_" suffix "${bad_arguments}")
    add_test(NAME arguments.${name}.${suffix}
             COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=2 "-DEXPECT_OUTPUT=^usage: ${name} \\[THREADS \\[ITERATIONS\\]\\]: [^\n]+\n$"
                     -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" -- $<TARGET_FILE:${target}> ${bad_arguments})
    set_tests_properties(arguments.${name}.${suffix} PROPERTIES LABELS "unit;case:${name}" TIMEOUT 30)
  endforeach()
endforeach()

get_property(canary_tests DIRECTORY PROPERTY TESTS)
list(FILTER canary_tests INCLUDE REGEX "^canary\\.")
if(canary_tests)
  set_tests_properties(${canary_tests} PROPERTIES LABELS "canary;detector:${RACELAB_DETECTOR}" TIMEOUT 60)
endif()

# A real run that outlives its timeout is killed and has no verdict.
if(RACELAB_DETECTOR MATCHES "^tsan")
  add_test(NAME judge.timeout
           COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=3 "-DEXPECT_OUTPUT=NO VERDICT: mutex under ${RACELAB_DETECTOR}: timed out after 1 s"
                   -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" -- $<TARGET_FILE:racelab> run --detector ${RACELAB_DETECTOR} --case mutex
                   --expected "${PROJECT_SOURCE_DIR}/cases/mutex/expected.tsan"
                   --report "${CMAKE_BINARY_DIR}/reports/judge-timeout" --timeout 1
                   -- $<TARGET_FILE:case_mutex> 2 1000000000)
  set_tests_properties(judge.timeout PROPERTIES LABELS "unit;judge" TIMEOUT 30)
endif()

# The case declarations stdin= and env= reach the case's tests: a case
# under tests/ (not scored) that races only with both inputs, judged by its
# expected files (a missing input: MISMATCH).
racelab_add_case("${PROJECT_SOURCE_DIR}/tests/declared_inputs")
