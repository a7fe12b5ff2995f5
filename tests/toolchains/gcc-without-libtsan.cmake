# Toolchain: gcc as it looks on a machine without libtsan.  gcc compiles
# -fsanitize=thread anyway and fails only at the link, which is the trap the
# racelab module must catch at configure time.  The library path starts with
# a directory whose libtsan.so is a linker script asking for a library that
# does not exist, so -ltsan (and only -ltsan) fails to link.
find_program(RACELAB_GCC NAMES gcc gcc-12)
if(NOT RACELAB_GCC)
  message(FATAL_ERROR "gcc not found: install it with 'apt-get install gcc'")
endif()
set(CMAKE_C_COMPILER "${RACELAB_GCC}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-L${CMAKE_CURRENT_LIST_DIR}/without-libtsan")
