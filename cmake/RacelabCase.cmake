# How a case directory becomes a target and a test: a thin layer on the
# public API (cmake/Racelab.cmake), so the lab makes its race tests exactly
# the way a user's project does.
#
# A case is a directory cases/NAME holding NAME.c and its expected findings,
# one file per detector: expected.tsan (clang and gcc alike, unless an
# expected.tsan-gcc says otherwise), expected.helgrind, expected.drd.
# It becomes one executable built for RACELAB_DETECTOR and one CTest test
# NAME.DETECTOR, labelled lab, case:NAME and detector:DETECTOR.
#
# Work per run: detection needs no long runs (all four detectors flag
# `unsafe` at 1 iteration per thread), but the fixes must be shown clean on
# real work.  TSan runs the classic 2 x 1,000,000 (under a second);
# Valgrind serialises threads and costs ~50x, so it runs 2 x 50,000 (mutex
# at 1,000,000 takes 12-20 s under Helgrind, 24 s under DRD).
if(RACELAB_DETECTOR MATCHES "^tsan")
  set(RACELAB_CASE_ARGS 2 1000000)
else()
  set(RACELAB_CASE_ARGS 2 50000)
endif()

# The expected file for a case under the configured detector.
function(racelab_expected_file out_var case_dir)
  racelab_expected_in_directory(expected "${case_dir}")
  set(${out_var} "${expected}" PARENT_SCOPE)
endfunction()

# A counter program built the way the configured detector needs it.
function(racelab_add_detector_program target source)
  add_executable(${target} "${source}" "${PROJECT_SOURCE_DIR}/common/counter_cli.c")
  target_include_directories(${target} PRIVATE "${PROJECT_SOURCE_DIR}/common")
  racelab_instrument(${target})
endfunction()

function(racelab_add_case case_dir)
  get_filename_component(name "${case_dir}" NAME)
  racelab_add_detector_program(case_${name} "${case_dir}/${name}.c")
  set_property(GLOBAL APPEND PROPERTY RACELAB_CASE_TARGETS case_${name})
  racelab_add_race_test(NAME ${name} TARGET case_${name} ARGS ${RACELAB_CASE_ARGS}
                        EXPECTED "${case_dir}" LABELS lab case:${name})
endfunction()
