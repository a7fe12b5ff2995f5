# cmake -DBUILD=DIR -DTARGET=racelab-bless.NAME.DETECTOR -DBLESSED=FILE -P bless_target_inputs.cmake
#
# The bless target of a race test with STDIN, ENVIRONMENT and
# WORKING_DIRECTORY (tests/run_modes.cmake, api-inputs) gives the program
# the same inputs as its test: built from scratch, FILE must hold the race
# each input causes in reads_inputs, and nothing else.
foreach(variable BUILD TARGET BLESSED)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "usage: cmake -DBUILD=DIR -DTARGET=T -DBLESSED=FILE -P bless_target_inputs.cmake")
  endif()
endforeach()
file(REMOVE "${BLESSED}")
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD}" --target "${TARGET}"
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
message("${output}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --build --target ${TARGET} exited ${status}")
endif()
if(NOT EXISTS "${BLESSED}")
  message(FATAL_ERROR "${TARGET} did not write ${BLESSED}")
endif()
file(STRINGS "${BLESSED}" races REGEX "^data-race ")
message("${BLESSED}:\n${races}")
list(LENGTH races count)
foreach(racer race_on_cwd race_on_env race_on_stdin)
  if(NOT races MATCHES "reads_inputs\\.c:[0-9]+:${racer}:")
    message(FATAL_ERROR "${BLESSED} lacks the race in ${racer}: the bless target did not pass its input")
  endif()
endforeach()
if(NOT count EQUAL 3)
  message(FATAL_ERROR "${BLESSED} holds ${count} races, not the 3 of the three inputs")
endif()
