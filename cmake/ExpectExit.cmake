# cmake [-DEXPECT_EXIT=N] [-DEXPECT_OUTPUT=REGEX] [-DREQUIRE_FILE=F -DBLESS_COMMAND=C]
#       -P ExpectExit.cmake -- COMMAND [ARGS...]
#
# Runs COMMAND and passes only when it exits with exactly N (default 0) and
# its combined output matches REGEX (default: anything).  CTest's own
# WILL_FAIL would also pass on a crash, and PASS_REGULAR_EXPRESSION ignores
# the exit status; a proof that the gate fails must fail for the one reason
# it claims.  With REQUIRE_FILE, a missing file (an expected file not yet
# blessed, or a baseline; several alternatives separated by |) fails first, naming
# BLESS_COMMAND, the command that writes it.
include("${CMAKE_CURRENT_LIST_DIR}/CommandAfterSeparator.cmake")
if(NOT command)
  message(FATAL_ERROR "usage: cmake [-DEXPECT_EXIT=N] [-DEXPECT_OUTPUT=REGEX] [-DREQUIRE_FILE=F -DBLESS_COMMAND=C] -P ExpectExit.cmake -- COMMAND...")
endif()
if(NOT DEFINED EXPECT_EXIT)
  set(EXPECT_EXIT 0)
endif()
# REQUIRE_FILE may name alternatives, separated by "|": one must exist.
if(DEFINED REQUIRE_FILE)
  string(REPLACE "|" ";" alternatives "${REQUIRE_FILE}")
  set(found FALSE)
  foreach(file IN LISTS alternatives)
    if(EXISTS "${file}")
      set(found TRUE)
    endif()
  endforeach()
  if(NOT found)
    list(GET alternatives 0 first)
    message(FATAL_ERROR "${first} does not exist yet: write it from runs with '${BLESS_COMMAND}', "
                        "read it, and commit it")
  endif()
endif()

execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
message("${output}")
if(NOT status STREQUAL EXPECT_EXIT)
  message(FATAL_ERROR "expected exit status ${EXPECT_EXIT}, got '${status}'")
endif()
if(DEFINED EXPECT_OUTPUT AND NOT output MATCHES "${EXPECT_OUTPUT}")
  message(FATAL_ERROR "output does not match: ${EXPECT_OUTPUT}")
endif()
