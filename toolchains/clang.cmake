# Toolchain: clang, for ThreadSanitizer (the lab's default detector) and the fuzz targets.
find_program(RACELAB_CLANG NAMES clang clang-14)
if(NOT RACELAB_CLANG)
  message(FATAL_ERROR "clang not found: install it with 'apt-get install clang libclang-rt-14-dev'")
endif()
set(CMAKE_C_COMPILER "${RACELAB_CLANG}")
