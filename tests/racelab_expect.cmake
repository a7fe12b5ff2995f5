# racelab_expect(<exit> <regex> <racelab arguments>...): for the run-mode
# test scripts (tests/bless_*.cmake).  Runs ${RACELAB} with the arguments,
# prints what it said, and fails unless it exited <exit> and its combined
# output matches <regex>.
function(racelab_expect want_exit want_output)
  execute_process(COMMAND "${RACELAB}" ${ARGN}
                  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
  message("${output}")
  if(NOT status STREQUAL want_exit)
    message(FATAL_ERROR "racelab ${ARGN}: expected exit ${want_exit}, got '${status}'")
  endif()
  if(NOT output MATCHES "${want_output}")
    message(FATAL_ERROR "racelab ${ARGN}: output does not match: ${want_output}")
  endif()
endfunction()
