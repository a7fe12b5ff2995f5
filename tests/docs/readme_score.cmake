# cmake -DRACELAB=PATH -DCASES=DIR -DREADME=FILE -P readme_score.cmake
#
# The README's scoreboard is the program-level tables `racelab score CASES`
# prints for the C cases and for the C++ cases, each verbatim: a README
# figure that the cases no longer give fails here.
foreach(variable RACELAB CASES README)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "usage: cmake -DRACELAB=PATH -DCASES=DIR -DREADME=FILE -P readme_score.cmake")
  endif()
endforeach()
execute_process(COMMAND "${RACELAB}" score "${CASES}" RESULT_VARIABLE status OUTPUT_VARIABLE score ERROR_VARIABLE error)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "racelab score ${CASES} failed (${status}): ${error}")
endif()
file(READ "${README}" readme)
foreach(language "C" "C\\+\\+")
  # The first table after "**<language> cases**": its header, rule and rows.
  if(NOT score MATCHES "\\*\\*${language} cases\\*\\*[^|]*(\\| detector[^\n]*\n(\\|[^\n]*\n)+)")
    message(FATAL_ERROR "racelab score printed no program-level table for the ${language} cases")
  endif()
  set(table "${CMAKE_MATCH_1}")
  string(FIND "${readme}" "${table}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${README} lacks the ${language} cases' program-level scoreboard, which is now:\n${table}")
  endif()
endforeach()
message(STATUS "the README's scoreboard is racelab score's")
