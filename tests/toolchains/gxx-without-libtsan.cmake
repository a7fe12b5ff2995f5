# Toolchain: g++ alone (a C++-only project) as it looks on a machine without
# libtsan: see gcc-without-libtsan.cmake.
find_program(RACELAB_GXX NAMES g++ g++-12)
if(NOT RACELAB_GXX)
  message(FATAL_ERROR "g++ not found: install it with 'apt-get install g++'")
endif()
set(CMAKE_CXX_COMPILER "${RACELAB_GXX}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-L${CMAKE_CURRENT_LIST_DIR}/without-libtsan")
