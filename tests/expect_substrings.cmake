# cmake -DEXPECT_EXIT=N "-DREQUIRE=TEXT|TEXT|..." ["-DFORBID=TEXT|..."] [-DWORKING_DIRECTORY=DIR]
#       -P expect_substrings.cmake -- COMMAND [ARGS...]
#
# Passes only when COMMAND exits with exactly N and its standard output
# contains every TEXT (plain substrings, not regular expressions, separated
# by '|'), and none of the FORBID texts.  Used for the acceptance checks of explain and sarif, where what
# matters is that certain facts are stated, whatever the wording around them.
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/CommandAfterSeparator.cmake")
if(NOT command OR NOT DEFINED EXPECT_EXIT OR NOT DEFINED REQUIRE)
  message(FATAL_ERROR "usage: cmake -DEXPECT_EXIT=N -DREQUIRE=TEXT|TEXT -P expect_substrings.cmake -- COMMAND...")
endif()

set(run_options)
if(DEFINED WORKING_DIRECTORY)
  list(APPEND run_options WORKING_DIRECTORY "${WORKING_DIRECTORY}")
endif()
execute_process(COMMAND ${command} ${run_options}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")

set(failures)
if(NOT status STREQUAL EXPECT_EXIT)
  list(APPEND failures "expected exit status ${EXPECT_EXIT}, got '${status}'")
endif()
string(REPLACE "|" ";" required "${REQUIRE}")
foreach(text IN LISTS required)
  string(FIND "${out}" "${text}" found)
  if(found EQUAL -1)
    list(APPEND failures "missing from the output: ${text}")
  endif()
endforeach()
if(DEFINED FORBID)
  string(REPLACE "|" ";" forbidden "${FORBID}")
  foreach(text IN LISTS forbidden)
    string(FIND "${out}" "${text}" found)
    if(NOT found EQUAL -1)
      list(APPEND failures "in the output but must not be: ${text}")
    endif()
  endforeach()
endif()
if(failures)
  string(REPLACE ";" "\n  " failures "${failures}")
  message(FATAL_ERROR "\n  ${failures}")
endif()
