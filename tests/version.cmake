# cmake -DRACELAB=PATH -DVERSION_FILE=racelabConfigVersion.cmake -P version.cmake
#
# `racelab --version` prints the version of the CMake package it belongs to
# (the one find_package(racelab 0.2) checks), as `racelab X.Y.Z`, and
# nothing else.
foreach(variable RACELAB VERSION_FILE)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "usage: cmake -DRACELAB=PATH -DVERSION_FILE=FILE -P version.cmake")
  endif()
endforeach()
file(STRINGS "${VERSION_FILE}" line REGEX "^set\\(PACKAGE_VERSION \"[^\"]+\"\\)$")
string(REGEX REPLACE "^set\\(PACKAGE_VERSION \"([^\"]+)\"\\)$" "\\1" package_version "${line}")
if(NOT package_version MATCHES "^[0-9]+\\.[0-9]+\\.[0-9]+$")
  message(FATAL_ERROR "${VERSION_FILE}: no PACKAGE_VERSION found")
endif()
execute_process(COMMAND "${RACELAB}" --version RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
if(NOT status EQUAL 0 OR NOT errors STREQUAL "" OR NOT output STREQUAL "racelab ${package_version}\n")
  message(FATAL_ERROR "racelab --version: exit ${status}, printed '${output}' '${errors}'; "
                      "expected 'racelab ${package_version}' (${VERSION_FILE})")
endif()
message("racelab --version: ${output}")
