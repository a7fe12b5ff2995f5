# cmake -DRACELAB=PATH -DDETECTOR=NAME -DPROJECT=DIR -DWORK=DIR -DPACKAGE_DIR=DIR -DCOMPILER=PATH
#       -DGENERATOR=G -P unedited_project.cmake
#
# A project that knows nothing of racelab (tests/unedited-project: old
# policies, the plain target_link_libraries signature, a library in a
# subdirectory) is built for the detector through
# CMAKE_PROJECT_TOP_LEVEL_INCLUDES=<package>/RacelabInstrumentAll.cmake, and
# racelab ctest finds its race in the library, at the library's line.
# Without the include the same build is not the detector's, and racelab
# ctest gives no verdict, never ok.
foreach(var RACELAB DETECTOR PROJECT WORK PACKAGE_DIR COMPILER GENERATOR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "unedited_project.cmake: ${var} is required")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK}")
include("${CMAKE_CURRENT_LIST_DIR}/racelab_expect.cmake")

function(build_and_judge dir want_exit regex)
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${PROJECT}" -B "${WORK}/${dir}" -G "${GENERATOR}"
                          "-DCMAKE_C_COMPILER=${COMPILER}" ${ARGN}
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "configuring ${PROJECT} (${dir}) failed:\n${out}${err}")
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK}/${dir}"
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "building ${PROJECT} (${dir}) failed:\n${out}${err}")
  endif()
  message("--- ${dir}")
  racelab_expect_all(${want_exit} STDOUT MATCH "${regex}"
                     ARGS ctest --detector ${DETECTOR} --report "${WORK}/${dir}-reports"
                          --source-root "${PROJECT}" -- --test-dir "${WORK}/${dir}")
endfunction()

build_and_judge(instrumented 1
  "FOUND: bump_twice under ${DETECTOR}:\n  data-race (count|global) hits.c:12:bump:"
  "-DRACELAB_DETECTOR=${DETECTOR}" "-Dracelab_DIR=${PACKAGE_DIR}"
  "-DCMAKE_PROJECT_TOP_LEVEL_INCLUDES=${PACKAGE_DIR}/RacelabInstrumentAll.cmake")
# The proof the include is what did it: without it, no verdict (TSan: a
# binary not built for it; Valgrind: no line information), never ok.
build_and_judge(plain 3 "NO VERDICT: bump_twice under ${DETECTOR}")
