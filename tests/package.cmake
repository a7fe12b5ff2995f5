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
# (set example to another project first for a test of that project).
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
  "RACELAB_DETECTOR=tsan needs the Clang compiler, got GNU .*: configure with -DCMAKE_C_COMPILER=clang "
  -DRACELAB_DETECTOR=tsan "-DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/toolchains/gcc.cmake")
racelab_package_configure_fails(unknown-detector
  "RACELAB_DETECTOR='asan' is not one of: tsan, tsan-gcc, helgrind, drd"
  -DRACELAB_DETECTOR=asan)

# The same checks of the C++ compiler, in a C++-only project and in one
# with C and C++ (each enabled language's compiler is checked).
find_program(RACELAB_PACKAGE_GXX NAMES g++ g++-12)
find_program(RACELAB_PACKAGE_CLANG NAMES clang clang-14)
find_program(RACELAB_PACKAGE_CLANGXX NAMES clang++ clang++-14)
set(example "${PROJECT_SOURCE_DIR}/tests/cxx-project")
racelab_package_configure_fails(cxx-wrong-compiler
  "RACELAB_DETECTOR=tsan needs the Clang C\\+\\+ compiler, got GNU .*: configure with -DCMAKE_CXX_COMPILER=clang\\+\\+ "
  -DRACELAB_DETECTOR=tsan "-DCMAKE_CXX_COMPILER=${RACELAB_PACKAGE_GXX}")
racelab_package_configure_fails(mixed-wrong-cxx-compiler
  "RACELAB_DETECTOR=tsan needs the Clang C\\+\\+ compiler, got GNU .*: configure with -DCMAKE_CXX_COMPILER=clang\\+\\+ "
  -DMIXED=ON -DRACELAB_DETECTOR=tsan "-DCMAKE_C_COMPILER=${RACELAB_PACKAGE_CLANG}"
  "-DCMAKE_CXX_COMPILER=${RACELAB_PACKAGE_GXX}")
racelab_package_configure_fails(cxx-wrong-compiler-for-gcc-tsan
  "RACELAB_DETECTOR=tsan-gcc needs the GNU C\\+\\+ compiler, got Clang .*: configure with -DCMAKE_CXX_COMPILER=g\\+\\+ "
  -DRACELAB_DETECTOR=tsan-gcc "-DCMAKE_CXX_COMPILER=${RACELAB_PACKAGE_CLANGXX}")
racelab_package_configure_fails(cxx-tsan-does-not-link
  "-fsanitize=thread does not link a threaded program: install the ThreadSanitizer runtime with 'apt-get install libgcc-[0-9]+-dev"
  -DRACELAB_DETECTOR=tsan-gcc
  "-DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/tests/toolchains/gxx-without-libtsan.cmake")
# ... and configures when nothing is wrong.
add_test(NAME package.cxx-configures
         COMMAND ${CMAKE_COMMAND} -S "${example}" -B "${CMAKE_CURRENT_BINARY_DIR}/package-cxx-configures"
                 -G "${CMAKE_GENERATOR}" "-Dracelab_DIR=${PROJECT_BINARY_DIR}" -DRACELAB_DETECTOR=tsan-gcc
                 "-DCMAKE_CXX_COMPILER=${RACELAB_PACKAGE_GXX}")
set_tests_properties(package.cxx-configures PROPERTIES LABELS "unit;package" TIMEOUT 120)
set(example "${PROJECT_SOURCE_DIR}/examples/handoff")

# A project library left out of racelab_instrument: its races would pass
# as clean under TSan, so the configure step stops, naming it (checked at
# the end of the configure step: the call may come after the test's).
set(uninstrumented "${PROJECT_SOURCE_DIR}/tests/uninstrumented-library")
add_test(NAME package.uninstrumented-library
         COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=1
                 "-DEXPECT_OUTPUT=racelab_add_race_test\\(uses_racy_lib\\):[ \n]+'uses_racy_lib'[ \n]+links[ \n]+the[ \n]+project's[ \n]+library[ \n]+'racy_lib',[ \n]+which[ \n]+is[ \n]+not[ \n]+built[ \n]+for[ \n]+tsan-gcc:[ \n]+add[ \n]+racelab_instrument\\(racy_lib\\)"
                 -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" --
                 ${CMAKE_COMMAND} -S "${uninstrumented}" -B "${CMAKE_CURRENT_BINARY_DIR}/package-uninstrumented"
                 -G "${CMAKE_GENERATOR}" "-Dracelab_DIR=${PROJECT_BINARY_DIR}" -DRACELAB_DETECTOR=tsan-gcc
                 "-DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/toolchains/gcc.cmake")
# ... and configures once the library is instrumented, even after the test.
add_test(NAME package.instrumented-library
         COMMAND ${CMAKE_COMMAND} -S "${uninstrumented}" -B "${CMAKE_CURRENT_BINARY_DIR}/package-instrumented"
                 -G "${CMAKE_GENERATOR}" "-Dracelab_DIR=${PROJECT_BINARY_DIR}" -DRACELAB_DETECTOR=tsan-gcc
                 -DINSTRUMENT_LIBRARY=ON "-DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/toolchains/gcc.cmake")
set_tests_properties(package.uninstrumented-library package.instrumented-library PROPERTIES
                     LABELS "unit;package" TIMEOUT 120)

# And the same example configures when nothing is wrong (gcc's TSan here:
# this preset needs no clang).
add_test(NAME package.configures
         COMMAND ${CMAKE_COMMAND} -S "${example}" -B "${CMAKE_CURRENT_BINARY_DIR}/package-configures"
                 -G "${CMAKE_GENERATOR}" "-Dracelab_DIR=${PROJECT_BINARY_DIR}" -DRACELAB_DETECTOR=tsan-gcc
                 "-DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/toolchains/gcc.cmake")
set_tests_properties(package.configures PROPERTIES LABELS "unit;package" TIMEOUT 120)

# The consumer check (the `consumer` test preset, label consumer): racelab
# installed into a prefix of its own, then the examples (handoff, pool) built
# and tested against it under each detector.  Needs clang and valgrind, which the tool
# itself does not: `cmake --workflow --preset racelab` leaves these out.
set(consumer_prefix "${CMAKE_CURRENT_BINARY_DIR}/consumer-prefix")
add_test(NAME consumer.clean-prefix
         COMMAND ${CMAKE_COMMAND} -E rm -rf "${consumer_prefix}")
add_test(NAME consumer.install-into-prefix
         COMMAND ${CMAKE_COMMAND} --install "${PROJECT_BINARY_DIR}" --prefix "${consumer_prefix}")
set_tests_properties(consumer.clean-prefix PROPERTIES FIXTURES_SETUP consumer-clean LABELS consumer)
set_tests_properties(consumer.install-into-prefix PROPERTIES
  FIXTURES_SETUP consumer-prefix FIXTURES_REQUIRED consumer-clean LABELS consumer)
foreach(detector tsan tsan-gcc helgrind drd)
  set(compiler gcc)
  if(detector STREQUAL "tsan")
    set(compiler clang)
  endif()
  # Each example (handoff: one program and its expected race; pool: a
  # shared library, its baselines of known races and a mutation that must
  # show a new one; inventory: the same in a C++-only project), as written
  # and with lines inserted above and between its functions (SHIFT): the
  # verdicts must be the same.
  foreach(example_name handoff pool inventory)
    foreach(shift "" line-shift.)
      set(test consumer.${shift}${example_name}.${detector})
      if(test STREQUAL "consumer.handoff.${detector}")
        set(test consumer.${detector}) # its name before pool existed
      endif()
      set(shift_argument)
      if(shift)
        set(shift_argument -DSHIFT=ON)
      endif()
      add_test(NAME ${test}
               COMMAND ${CMAKE_COMMAND} "-DEXAMPLE=${PROJECT_SOURCE_DIR}/examples/${example_name}"
                       "-DBUILD=${CMAKE_CURRENT_BINARY_DIR}/consumer-${shift}${example_name}-${detector}"
                       "-DCONFIGURE_ARGS=-DCMAKE_PREFIX_PATH=${consumer_prefix}" -DDETECTOR=${detector}
                       -DCOMPILER=${compiler} ${shift_argument} -P "${CMAKE_CURRENT_SOURCE_DIR}/consumer.cmake")
      set_tests_properties(${test} PROPERTIES
        FIXTURES_REQUIRED consumer-prefix LABELS "consumer;detector:${detector}" TIMEOUT 300)
    endforeach()
  endforeach()
endforeach()

# The GitHub workflows (the lab's own and the reusable gate) pass a workflow
# linter.  It comes from npm; .ci/run installs it into build/tools.  Missing,
# the test fails with the command that installs it, never skips.  Label
# lint: run by the consumer preset, so building the tool needs no Node.js.
find_program(RACELAB_ACTION_VALIDATOR action-validator
             HINTS "${PROJECT_SOURCE_DIR}/build/tools/node_modules/.bin" NO_CACHE)
file(GLOB workflows CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/.github/workflows/*.yml")
foreach(workflow IN LISTS workflows)
  get_filename_component(name "${workflow}" NAME_WE)
  if(RACELAB_ACTION_VALIDATOR)
    add_test(NAME lint.workflow.${name} COMMAND "${RACELAB_ACTION_VALIDATOR}" "${workflow}")
  else()
    add_test(NAME lint.workflow.${name} COMMAND ${CMAKE_COMMAND} -E echo
             "action-validator not found: install it with 'npm install --prefix ${PROJECT_SOURCE_DIR}/build/tools @action-validator/cli'")
    set_tests_properties(lint.workflow.${name} PROPERTIES WILL_FAIL TRUE)
  endif()
  set_tests_properties(lint.workflow.${name} PROPERTIES LABELS "lint" TIMEOUT 60)
endforeach()

# The same calls through add_subdirectory of the source tree, uninstalled.
add_test(NAME consumer.add-subdirectory
         COMMAND ${CMAKE_COMMAND} "-DEXAMPLE=${CMAKE_CURRENT_SOURCE_DIR}/subdirectory-consumer"
                 "-DBUILD=${CMAKE_CURRENT_BINARY_DIR}/consumer-add-subdirectory"
                 "-DCONFIGURE_ARGS=-DRACELAB_SOURCE_DIR=${PROJECT_SOURCE_DIR}" -DDETECTOR=tsan-gcc -DCOMPILER=gcc
                 -DBLESS_FIRST=handoff_spin_known.tsan-gcc
                 -P "${CMAKE_CURRENT_SOURCE_DIR}/consumer.cmake")
set_tests_properties(consumer.add-subdirectory PROPERTIES LABELS "consumer;detector:tsan-gcc" TIMEOUT 300)

# racelab --version is the package's version; with an argument, a usage error.
add_test(NAME package.version
         COMMAND ${CMAKE_COMMAND} -DRACELAB=$<TARGET_FILE:racelab>
                 -DVERSION_FILE=${PROJECT_BINARY_DIR}/racelabConfigVersion.cmake
                 -P "${PROJECT_SOURCE_DIR}/tests/version.cmake")
add_test(NAME package.version-extra-argument
         COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=2 "-DEXPECT_OUTPUT=^racelab: --version takes no arguments, got 'x'\n$"
                 -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" -- $<TARGET_FILE:racelab> --version x)
set_tests_properties(package.version package.version-extra-argument PROPERTIES LABELS "unit;package" TIMEOUT 30)
