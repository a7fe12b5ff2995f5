# How a case becomes targets and tests.  Nothing else in the build knows.
#
# A case is a directory cases/NAME holding NAME.c and its expected findings,
# one file per detector: expected.tsan (clang and gcc alike, unless an
# expected.tsan-gcc says otherwise), expected.helgrind, expected.drd.
# It becomes one executable built for RACELAB_DETECTOR and one CTest test
# NAME.DETECTOR, labelled lab, case:NAME and detector:DETECTOR.

# The expected file for a case under the configured detector.
function(racelab_expected_file out_var case_dir)
  if(EXISTS "${case_dir}/expected.${RACELAB_DETECTOR}")
    set(${out_var} "${case_dir}/expected.${RACELAB_DETECTOR}" PARENT_SCOPE)
  elseif(EXISTS "${case_dir}/expected.${RACELAB_EXPECTED_FAMILY}")
    set(${out_var} "${case_dir}/expected.${RACELAB_EXPECTED_FAMILY}" PARENT_SCOPE)
  else()
    message(FATAL_ERROR "${case_dir}: no expected.${RACELAB_EXPECTED_FAMILY} file: "
                        "write the findings the detector must report, or 'no findings'")
  endif()
endfunction()

# A counter program built the way the configured detector needs it.
function(racelab_add_detector_program target source)
  add_executable(${target} "${source}" "${PROJECT_SOURCE_DIR}/common/counter_cli.c")
  target_include_directories(${target} PRIVATE "${PROJECT_SOURCE_DIR}/common")
  target_compile_options(${target} PRIVATE ${RACELAB_DETECTOR_COMPILE_OPTIONS})
  target_link_options(${target} PRIVATE ${RACELAB_DETECTOR_LINK_OPTIONS})
  target_link_libraries(${target} PRIVATE Threads::Threads)
endfunction()

# The racelab command line that runs `target` under the detector and
# compares its findings with `expected`; the raw report is kept under
# build/.../reports/NAME.DETECTOR.*.
function(racelab_run_command out_var name target expected)
  set(${out_var}
      $<TARGET_FILE:racelab> run
      --detector ${RACELAB_DETECTOR}
      --case ${name}
      --expected "${expected}"
      --report "${CMAKE_BINARY_DIR}/reports/${name}.${RACELAB_DETECTOR}"
      --timeout ${RACELAB_RUN_TIMEOUT}
      ${RACELAB_VALGRIND_ARGS}
      -- $<TARGET_FILE:${target}> ${RACELAB_CASE_ARGS}
      PARENT_SCOPE)
endfunction()

function(racelab_add_case case_dir)
  get_filename_component(name "${case_dir}" NAME)
  racelab_expected_file(expected "${case_dir}")
  racelab_add_detector_program(case_${name} "${case_dir}/${name}.c")
  set_property(GLOBAL APPEND PROPERTY RACELAB_CASE_TARGETS case_${name})

  racelab_run_command(command ${name} case_${name} "${expected}")
  add_test(NAME ${name}.${RACELAB_DETECTOR} COMMAND ${command})
  set_tests_properties(${name}.${RACELAB_DETECTOR} PROPERTIES
    LABELS "lab;case:${name};detector:${RACELAB_DETECTOR}"
    TIMEOUT 180)
endfunction()
