# cmake -DEXAMPLE=DIR -DBUILD=DIR -DDETECTOR=NAME -DCOMPILER=CC [-DCONFIGURE_ARGS=...] -P consumer.cmake
#
# One detector's share of the proof that racelab works outside the lab: a
# project that uses it (the example, against the installed prefix given in
# CONFIGURE_ARGS) is configured, built with warnings as errors, and its own
# tests run: for the example, the fixed handoff clean, the racy one with its
# expected race, and the fix-removed mutation failing as it must.
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

file(REMOVE_RECURSE "${BUILD}")
step(${CMAKE_COMMAND} -S "${EXAMPLE}" -B "${BUILD}" -G Ninja ${CONFIGURE_ARGS}
     "-DCMAKE_C_COMPILER=${COMPILER}" "-DRACELAB_DETECTOR=${DETECTOR}" -DCMAKE_COMPILE_WARNING_AS_ERROR=ON)
step(${CMAKE_COMMAND} --build "${BUILD}")
step(${CMAKE_CTEST_COMMAND} --test-dir "${BUILD}" --output-on-failure --no-tests=error)
