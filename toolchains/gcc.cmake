# Toolchain: gcc, for gcc's ThreadSanitizer runtime (libtsan) and the Valgrind builds.
# g++ for the lab's C++ cases: the detector check wants one compiler family.
find_program(RACELAB_GCC NAMES gcc gcc-12)
find_program(RACELAB_GXX NAMES g++ g++-12)
if(NOT RACELAB_GCC OR NOT RACELAB_GXX)
  message(FATAL_ERROR "gcc or g++ not found: install them with 'apt-get install gcc g++'")
endif()
set(CMAKE_C_COMPILER "${RACELAB_GCC}")
set(CMAKE_CXX_COMPILER "${RACELAB_GXX}")
