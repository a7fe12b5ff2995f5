# Toolchain: gcc, for gcc's ThreadSanitizer runtime (libtsan) and the Valgrind builds.
find_program(RACELAB_GCC NAMES gcc gcc-12)
if(NOT RACELAB_GCC)
  message(FATAL_ERROR "gcc not found: install it with 'apt-get install gcc'")
endif()
set(CMAKE_C_COMPILER "${RACELAB_GCC}")
