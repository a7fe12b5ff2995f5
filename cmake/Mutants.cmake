# Proof that the gate can fail.  Each mutant is a case's own source with one
# textual edit that reintroduces (or removes) the race; it is built for the
# configured detector and judged against the ORIGINAL case's expected file.
# Its test passes only when racelab reports a mismatch (exit 1) that names
# the case and the detector: not when the detector crashed or was missing.
#
# The edit must match the case source exactly, or the mutation test fails,
# so a mutant cannot silently stop mutating when a case is rewritten.

function(racelab_add_mutant)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;CASE;FIND;REPLACE;SHOWS" "")
  set(source "${PROJECT_SOURCE_DIR}/cases/${arg_CASE}/${arg_CASE}.c")
  file(READ "${source}" text)
  set(test mutation.${arg_NAME}.${RACELAB_DETECTOR})
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${source}")
  string(FIND "${text}" "${arg_FIND}" position)
  if(position EQUAL -1)
    # The case was rewritten (or broken: someone deleted the lock) so the
    # mutation no longer applies.  That fails this test, loudly, but must not
    # stop the configure step: the case's own tests still have to run and
    # name what is wrong with the case.
    add_test(NAME ${test} COMMAND ${CMAKE_COMMAND} -E echo
             "mutation ${arg_NAME} no longer applies: '${arg_FIND}' not found in ${source}")
    set_tests_properties(${test} PROPERTIES FAIL_REGULAR_EXPRESSION "no longer applies"
                         LABELS "mutation;case:${arg_CASE};detector:${RACELAB_DETECTOR}")
    return()
  endif()
  string(REPLACE "${arg_FIND}" "${arg_REPLACE}" mutated "${text}")
  set(mutant_source "${CMAKE_BINARY_DIR}/mutants/${arg_NAME}.c")
  file(GENERATE OUTPUT "${mutant_source}" CONTENT "${mutated}")

  racelab_add_detector_program(mutant_${arg_NAME} "${mutant_source}")
  # A mutant is broken on purpose (the lock it no longer takes is unused):
  # its warnings are expected, so they are silenced rather than fail the build.
  target_compile_options(mutant_${arg_NAME} PRIVATE -w)
  racelab_add_race_test(NAME mutation.${arg_NAME} TARGET mutant_${arg_NAME} ARGS ${RACELAB_CASE_ARGS}
                        EXPECTED "${PROJECT_SOURCE_DIR}/cases/${arg_CASE}"
                        EXPECT_MISMATCH "MISMATCH: mutation.${arg_NAME} under ${RACELAB_DETECTOR}.*${arg_SHOWS}"
                        LABELS mutation case:${arg_CASE})
endfunction()

# The lock taken out of the mutex fix: the race must come back.
racelab_add_mutant(NAME mutex-without-lock CASE mutex
  FIND "pthread_mutex_lock(&counter_lock);\n        counter += 1;\n        pthread_mutex_unlock(&counter_lock);"
  REPLACE "counter += 1;"
  SHOWS "\\+ data-race counter")

# Every thread adding into one shared slot instead of its own.
racelab_add_mutant(NAME isolated-shared-slot CASE isolated
  FIND "my_slot->count = local;"
  REPLACE "results[0].count += local;"
  SHOWS "\\+ data-race results")

# The fix put into unsafe (an atomic counter): the expected race must vanish,
# and a gate that only checked "something was reported" would miss that.
racelab_add_mutant(NAME unsafe-made-atomic CASE unsafe
  FIND "static long counter;"
  REPLACE "static _Atomic long counter;"
  SHOWS "- data-race counter")
