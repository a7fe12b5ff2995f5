# racelab_expect(<exit> <regex> <racelab arguments>...): for the run-mode
# test scripts (tests/bless_*.cmake, tests/ctest_*.cmake).  Runs ${RACELAB}
# with the arguments, prints what it said, and fails unless it exited <exit>
# and its combined output matches <regex>.
function(racelab_expect want_exit want_output)
  racelab_expect_all(${want_exit} MATCH "${want_output}" ARGS ${ARGN})
endfunction()

# racelab_expect_all(<exit> [STDOUT] [WORKING_DIRECTORY <dir>] MATCH <regex>...
#                    ARGS <racelab arguments>...): the same, the output
# matching every regex; with STDOUT, the standard output alone.
function(racelab_expect_all want_exit)
  cmake_parse_arguments(PARSE_ARGV 1 arg "STDOUT" "WORKING_DIRECTORY" "MATCH;ARGS")
  set(where)
  if(arg_WORKING_DIRECTORY)
    set(where WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}")
  endif()
  # Both streams into one variable keep their order; STDOUT keeps them apart.
  set(streams OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(arg_STDOUT)
    set(streams OUTPUT_VARIABLE output ERROR_VARIABLE err)
  endif()
  execute_process(COMMAND "${RACELAB}" ${arg_ARGS} ${where} RESULT_VARIABLE status ${streams})
  message("${output}${err}")
  if(NOT status STREQUAL want_exit)
    message(FATAL_ERROR "racelab ${arg_ARGS}: expected exit ${want_exit}, got '${status}'")
  endif()
  foreach(regex IN LISTS arg_MATCH)
    if(NOT output MATCHES "${regex}")
      message(FATAL_ERROR "racelab ${arg_ARGS}: output does not match: ${regex}")
    endif()
  endforeach()
endfunction()
