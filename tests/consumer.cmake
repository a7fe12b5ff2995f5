# cmake -DEXAMPLE=DIR -DBUILD=DIR -DDETECTOR=NAME -DCOMPILER=CC [-DCONFIGURE_ARGS=...]
#       [-DBLESS_FIRST=TEST] [-DSHIFT=ON] -P consumer.cmake
#
# One detector's share of the proof that racelab works outside the lab: a
# project that uses it (the example, against the installed prefix given in
# CONFIGURE_ARGS) is configured, built with warnings as errors, and its own
# tests run: for examples/handoff, the fixed handoff clean, the racy one with
# its expected race, and the fix-removed mutation failing as it must; for
# examples/pool, the fixed pool clean, the shipped one within its baselines,
# and the lock-removed mutation showing a new race.
# BLESS_FIRST names a test whose expected file or baseline does not exist
# yet: it must fail naming racelab-bless, its racelab-bless.TEST target must
# write the file, and then it passes with the others.
foreach(variable EXAMPLE BUILD DETECTOR COMPILER)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "usage: cmake -DEXAMPLE=DIR -DBUILD=DIR -DDETECTOR=NAME -DCOMPILER=CC [-DCONFIGURE_ARGS=...] -P consumer.cmake")
  endif()
endforeach()

function(step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "consumer under ${DETECTOR}: failed (${status}): ${ARGN}")
  endif()
endfunction()

# The C++ compiler that goes with COMPILER, for C++ and mixed examples.
if(COMPILER STREQUAL "clang")
  set(cxx_compiler clang++)
else()
  set(cxx_compiler g++)
endif()
file(REMOVE_RECURSE "${BUILD}")
# SHIFT: the example copied with lines inserted above and between the
# functions of every source, its expected files and baselines as they are:
# an edit that changes no racy statement must change no verdict.
if(SHIFT)
  include("${CMAKE_CURRENT_LIST_DIR}/../cmake/LineShift.cmake")
  racelab_shift_tree("${EXAMPLE}" "${BUILD}-source")
  set(EXAMPLE "${BUILD}-source")
endif()
step(${CMAKE_COMMAND} -S "${EXAMPLE}" -B "${BUILD}" -G Ninja ${CONFIGURE_ARGS}
     "-DCMAKE_C_COMPILER=${COMPILER}" "-DCMAKE_CXX_COMPILER=${cxx_compiler}" "-DRACELAB_DETECTOR=${DETECTOR}"
     -DCMAKE_COMPILE_WARNING_AS_ERROR=ON --no-warn-unused-cli)
step(${CMAKE_COMMAND} --build "${BUILD}")
if(BLESS_FIRST)
  execute_process(COMMAND ${CMAKE_CTEST_COMMAND} --test-dir "${BUILD}" -R "^${BLESS_FIRST}$" --output-on-failure
                  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
  message("${output}")
  if(status EQUAL 0 OR NOT output MATCHES "does[ \n]+not[ \n]+exist[ \n]+yet:.*--target[ \n]+racelab-bless")
    message(FATAL_ERROR "consumer under ${DETECTOR}: ${BLESS_FIRST} before bless must fail naming racelab-bless (exit ${status})")
  endif()
  step(${CMAKE_COMMAND} --build "${BUILD}" --target racelab-bless.${BLESS_FIRST})
endif()
step(${CMAKE_CTEST_COMMAND} --test-dir "${BUILD}" --output-on-failure --no-tests=error)
