# cmake -DEXPECT_EXIT=N -DEXPECT_OUTPUT=REGEX -P ExpectExit.cmake -- COMMAND [ARGS...]
#
# Passes only when COMMAND exits with exactly N and its combined output
# matches REGEX.  CTest's own WILL_FAIL would also pass on a crash, and
# PASS_REGULAR_EXPRESSION ignores the exit status; a proof that the gate
# fails must fail for the one reason it claims.
include("${CMAKE_CURRENT_LIST_DIR}/CommandAfterSeparator.cmake")
if(NOT command OR NOT DEFINED EXPECT_EXIT OR NOT DEFINED EXPECT_OUTPUT)
  message(FATAL_ERROR "usage: cmake -DEXPECT_EXIT=N -DEXPECT_OUTPUT=REGEX -P ExpectExit.cmake -- COMMAND...")
endif()

execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
message("${output}")
if(NOT status STREQUAL EXPECT_EXIT)
  message(FATAL_ERROR "expected exit status ${EXPECT_EXIT}, got '${status}'")
endif()
if(NOT output MATCHES "${EXPECT_OUTPUT}")
  message(FATAL_ERROR "output does not match: ${EXPECT_OUTPUT}")
endif()
