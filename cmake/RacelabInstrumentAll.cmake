# RacelabInstrumentAll.cmake: a project's whole build for the detector,
# without editing the project.  CMake (3.24 and newer) includes the files
# named in CMAKE_PROJECT_TOP_LEVEL_INCLUDES in the project's first
# project() call:
#
#   cmake -S . -B build-tsan -DCMAKE_C_COMPILER=clang -DRACELAB_DETECTOR=tsan \
#         -DCMAKE_PREFIX_PATH=<racelab prefix> \
#         -DCMAKE_PROJECT_TOP_LEVEL_INCLUDES=<racelab prefix>/lib/cmake/racelab/RacelabInstrumentAll.cmake
#
# It loads racelab's package from beside this file and defers
# racelab_instrument_all() to the end of the top-level CMakeLists.txt, when
# every target of every subdirectory exists.  A project that calls
# racelab_instrument_all() itself loses nothing: a target is instrumented
# once.
find_package(racelab CONFIG REQUIRED PATHS "${CMAKE_CURRENT_LIST_DIR}" NO_DEFAULT_PATH)
cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL racelab_instrument_all)
