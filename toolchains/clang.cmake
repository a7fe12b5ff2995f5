# Toolchain: clang, for ThreadSanitizer (the lab's default detector) and the fuzz targets.
# clang++ for the lab's C++ cases: the detector check wants one compiler family.
find_program(RACELAB_CLANG NAMES clang clang-14)
find_program(RACELAB_CLANGXX NAMES clang++ clang++-14)
if(NOT RACELAB_CLANG OR NOT RACELAB_CLANGXX)
  message(FATAL_ERROR "clang or clang++ not found: install them with 'apt-get install clang libclang-rt-14-dev'")
endif()
set(CMAKE_C_COMPILER "${RACELAB_CLANG}")
set(CMAKE_CXX_COMPILER "${RACELAB_CLANGXX}")
