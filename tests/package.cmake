# The racelab CMake package, as a user's project meets it.  The example
# project (examples/handoff) is configured against this build tree's own
# package (racelab_DIR), so the files `cmake --install` ships are tested
# before they are installed.  ci/consumer then builds and runs the example
# against an installed prefix under every detector.
#
# Every way the chosen detector cannot work must stop the configure step
# with the package to install, never leave a build that silently lacks it.
set(example "${PROJECT_SOURCE_DIR}/examples/handoff")

# name  expected-output-regex  cmake -D arguments...
function(racelab_package_configure_fails name regex)
  string(REPLACE " " "[ \n]+" regex "${regex}") # CMake wraps a long error message
  set(build "${CMAKE_CURRENT_BINARY_DIR}/package-${name}")
  add_test(NAME package.${name}
           COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=1 "-DEXPECT_OUTPUT=${regex}"
                   -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" --
                   ${CMAKE_COMMAND} -S "${example}" -B "${build}" -G "${CMAKE_GENERATOR}"
                   "-Dracelab_DIR=${PROJECT_BINARY_DIR}" ${ARGN})
  set_tests_properties(package.${name} PROPERTIES LABELS "unit;package" TIMEOUT 120)
endfunction()

racelab_package_configure_fails(tsan-does-not-link
  "-fsanitize=thread does not link a threaded program: install the ThreadSanitizer runtime with 'apt-get install libgcc-[0-9]+-dev"
  -DRACELAB_DETECTOR=tsan-gcc
  "-DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/tests/toolchains/gcc-without-libtsan.cmake")
racelab_package_configure_fails(valgrind-missing
  "RACELAB_DETECTOR=helgrind needs valgrind, not found \\(/nonexistent/valgrind\\): install it with 'apt-get install valgrind'"
  -DRACELAB_DETECTOR=helgrind -DRACELAB_VALGRIND=/nonexistent/valgrind)
racelab_package_configure_fails(wrong-compiler
  "RACELAB_DETECTOR=tsan needs the Clang compiler, got GNU"
  -DRACELAB_DETECTOR=tsan "-DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/toolchains/gcc.cmake")
racelab_package_configure_fails(unknown-detector
  "RACELAB_DETECTOR='asan' is not one of: tsan, tsan-gcc, helgrind, drd"
  -DRACELAB_DETECTOR=asan)

# And the same example configures when nothing is wrong (gcc's TSan here:
# this preset needs no clang).
add_test(NAME package.configures
         COMMAND ${CMAKE_COMMAND} -S "${example}" -B "${CMAKE_CURRENT_BINARY_DIR}/package-configures"
                 -G "${CMAKE_GENERATOR}" "-Dracelab_DIR=${PROJECT_BINARY_DIR}" -DRACELAB_DETECTOR=tsan-gcc
                 "-DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/toolchains/gcc.cmake")
set_tests_properties(package.configures PROPERTIES LABELS "unit;package" TIMEOUT 120)
