# Racelab.cmake: race tests for your own targets, judged by `racelab run`.
#
# Loaded by find_package(racelab CONFIG REQUIRED), or by add_subdirectory /
# FetchContent of the racelab repository, or by the lab itself.  Two calls:
#
#   racelab_instrument(<target>)
#       Builds <target> the way the chosen detector needs it, and links
#       racelab's perturbation shim into it (an executable or shared
#       library), inert unless `racelab run --perturb` turns it on.  The
#       target property RACELAB_NO_PERTURB TRUE, or the option
#       RACELAB_PERTURB_SHIM OFF, leaves the shim out.
#
#   racelab_instrument_all([DIRECTORY <dir>])
#       racelab_instrument() on every executable and library the project
#       defines in <dir> (default: the calling directory) and all its
#       subdirectories, so that a project's existing tests can run under the
#       detector with `racelab ctest` without one call per target.  Call it
#       at the end of the top-level CMakeLists.txt, once every target exists
#       (targets defined after the call are not seen).  Imported and
#       INTERFACE targets are left alone, and so are targets already
#       instrumented or given the property RACELAB_SKIP_INSTRUMENT TRUE.
#       To leave a project's normal build untouched, guard the call with an
#       option, e.g. `if(MYPROJECT_RACE_CHECK) racelab_instrument_all() endif()`.
#
#   racelab_add_race_test(NAME <name> TARGET <target> [ARGS <arg>...]
#                         [EXPECTED <file-or-directory>] [BASELINE <file>]
#                         [RUNS <n>] [PERTURB] [TIMEOUT <seconds>] [LABELS <label>...]
#                         [EXPECT_MISMATCH <regex>] [NO_BLESS]
#                         [STDIN <file>] [ENVIRONMENT <NAME=VALUE>...]
#                         [WORKING_DIRECTORY <dir>] [SUPPRESSIONS <file>...]
#                         [VALGRIND_OPTIONS <option>...])
#       One CTest test, <name>.<detector>, that runs <target> under the
#       detector through `racelab run` and judges its findings:
#       - no EXPECTED and no BASELINE: the run must be clean;
#       - EXPECTED <file>: the findings must be exactly the file's lines (the
#         stable form, see `racelab normalize`; each line a race: its
#         location and the statements that race on it, `sometimes` lines
#         allowed but not required).  A directory (one that exists, or a
#         path ending in /) stands for its expected.<detector> file, else
#         expected.tsan for tsan-gcc, chosen when the test runs;
#       - BASELINE <file>: known races may stay, a new one fails (one file
#         may serve many tests: a project's known races);
#       - RUNS <n>: n runs, so that a rare detector miss cannot flip the
#         verdict (an expected race must show up in one of them; a finding
#         not expected fails in any; a clean run must be clean every time);
#       - PERTURB: every run (of the test and of its bless) perturbs the
#         schedule at the program's synchronisation points (racelab run
#         --perturb, seeds drawn anew each time and printed in the test's
#         output: --seed S --runs 1 replays one), for a race that an
#         unrelated lock or a sleep hides in most plain runs; give it RUNS
#         (8 in the lab);
#       - NO_BLESS: racelab-bless leaves this test's file alone (a test that
#         reads another test's file, e.g. the same program edited);
#       - STDIN, ENVIRONMENT, WORKING_DIRECTORY: the program's stdin (default
#         /dev/null), variables and directory (racelab run --stdin, --env,
#         --cwd), for the test and its bless target alike;
#       - SUPPRESSIONS, VALGRIND_OPTIONS: Valgrind suppressions files (their
#         stale entries are printed) and options, under helgrind and drd;
#         ignored under the TSans (ENVIRONMENT TSAN_OPTIONS=suppressions=F);
#       - EXPECT_MISMATCH <regex>: the proof that a test can fail (a mutation
#         test): passes only when racelab finds different findings (exit 1)
#         and its output matches <regex>.  CTest's WILL_FAIL would also pass
#         on a crash, and PASS_REGULAR_EXPRESSION ignores the exit status.
#       The raw report is kept as <build>/reports/<name>.<detector>.*.
#       An expected file or baseline that does not exist yet fails the test
#       with the command that writes it: `cmake --build <build> --target
#       racelab-bless` runs every test of the build that has one with
#       `racelab run --bless` (racelab-bless.<name>.<detector>: one test),
#       which runs until RACELAB_BLESS_SETTLE (10) runs in a row show nothing
#       new, at most RACELAB_BLESS_RUNS (40), and creates the file's directory.  A
#       baseline keeps its races and gains the new ones; tests sharing one
#       bless it in turn.
#       Every test passes --source-root ${CMAKE_SOURCE_DIR}: a finding is
#       placed at the first frame in the project's sources, whether in the
#       executable or in one of the project's libraries.
#       Every library of the project that a race test's target links must be
#       built for the detector (racelab_instrument): the configure step stops
#       naming the one that is not, since a library TSan did not instrument
#       would pass as clean.
#
# One cache variable chooses the detector, RACELAB_DETECTOR:
#
#   tsan      clang's ThreadSanitizer          -fsanitize=thread -Og -g
#   tsan-gcc  gcc's ThreadSanitizer (libtsan)  -fsanitize=thread -Og -g
#   helgrind  Valgrind Helgrind, uninstrumented -O0 -g build
#   drd       Valgrind DRD, uninstrumented -O0 -g build
#
# Why these flags:
# - TSan wants -O1 -g.  -Og is clang's -O1, and gcc's debug-friendly -O1: gcc
#   at plain -O1 attributes a racy access to the enclosing `for` line instead
#   of the statement (measured in the lab), which would make clang's and
#   gcc's expected lines differ for the same race.
# - Valgrind runs the machine code as built.  At -O0 every `x += 1` is a real
#   load and store; at -O2 gcc may fold a racy loop into one add, and the
#   program never shows the lost updates although the race is still there.
# The flags come after CMAKE_C_FLAGS_<CONFIG>, so they win over -O2/-O3.
#
# Whether the detector can work is checked when the first of the two calls
# is made, and any problem stops the configure step (never a warning): a
# TSan build that does not link, valgrind not installed, the wrong compiler.
include_guard(GLOBAL)

if(NOT DEFINED RACELAB_DETECTOR)
  # The ThreadSanitizer of the compiler at hand, unless told otherwise.
  if(CMAKE_C_COMPILER_ID STREQUAL "GNU" OR (NOT CMAKE_C_COMPILER_LOADED AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU"))
    set(racelab_default_detector tsan-gcc)
  else()
    set(racelab_default_detector tsan)
  endif()
  set(RACELAB_DETECTOR "${racelab_default_detector}" CACHE STRING
      "Detector racelab runs the race tests under: tsan (clang), tsan-gcc, helgrind, drd")
endif()
set_property(CACHE RACELAB_DETECTOR PROPERTY STRINGS tsan tsan-gcc helgrind drd)
set(RACELAB_RUN_TIMEOUT 120 CACHE STRING "Default seconds one detector run may take before racelab kills it")
set(RACELAB_BLESS_RUNS 40 CACHE STRING "Most runs racelab-bless makes per test")
set(RACELAB_BLESS_SETTLE 10 CACHE STRING "racelab-bless stops once this many runs in a row show nothing new")
option(RACELAB_PERTURB_SHIM "Link racelab's perturbation shim into what racelab_instrument builds (racelab run --perturb needs it)" ON)

# Sets, in the caller's scope, what the configured detector needs:
#   racelab_compile_options, racelab_link_options  build flags
#   racelab_expected_family  expected.<family> stands in for expected.<detector>
#   racelab_valgrind_args    the valgrind racelab must run (Valgrind detectors)
# and checks, once per configure, that the detector can work.
macro(_racelab_detector_settings)
  _racelab_check_detector()
  if(RACELAB_DETECTOR MATCHES "^tsan")
    set(racelab_compile_options -fsanitize=thread -Og -g)
    set(racelab_link_options -fsanitize=thread)
    set(racelab_expected_family tsan)
    set(racelab_valgrind_args)
  else()
    set(racelab_compile_options -O0 -g)
    set(racelab_link_options)
    set(racelab_expected_family ${RACELAB_DETECTOR})
    set(racelab_valgrind_args --valgrind "${RACELAB_VALGRIND}")
  endif()
endmacro()

# One enabled language's compiler against a TSan detector: the right
# family (clang and clang++ for tsan, gcc and g++ for tsan-gcc), and
# -fsanitize=thread links a threaded program.  Any problem stops the
# configure step naming the fix.
function(_racelab_check_tsan_compiler language)
  # clang and gcc write ThreadSanitizer reports racelab reads the same way,
  # but the lab keeps them apart (two runtimes, two cross-checks): the name
  # says which compiler is in use.
  string(REGEX MATCH "^[0-9]+" major "${CMAKE_${language}_COMPILER_VERSION}")
  if(RACELAB_DETECTOR STREQUAL "tsan")
    set(compiler Clang)
    set(commands C clang CXX clang++)
    set(package "libclang-rt-${major}-dev")
    set(other "tsan-gcc (gcc's ThreadSanitizer)")
  else()
    set(compiler GNU)
    set(commands C gcc CXX g++)
    set(package "libgcc-${major}-dev (it brings libtsan)")
    set(other "tsan (clang's ThreadSanitizer)")
  endif()
  list(FIND commands ${language} at)
  math(EXPR at "${at} + 1")
  list(GET commands ${at} compiler_command)
  set(what "")
  if(language STREQUAL "CXX")
    set(what " C++")
  endif()
  if(NOT CMAKE_${language}_COMPILER_ID MATCHES "^${compiler}$")
    message(FATAL_ERROR "racelab: RACELAB_DETECTOR=${RACELAB_DETECTOR} needs the ${compiler}${what} compiler, "
                        "got ${CMAKE_${language}_COMPILER_ID} (${CMAKE_${language}_COMPILER}): configure with "
                        "-DCMAKE_${language}_COMPILER=${compiler_command} (in a fresh build directory), or choose RACELAB_DETECTOR=${other}")
  endif()
  # -fsanitize=thread compiles with any gcc, but links only with libtsan:
  # find that out now, not in the middle of the build.
  include(CMakePushCheckState)
  cmake_push_check_state(RESET)
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=thread")
  set(CMAKE_REQUIRED_LINK_OPTIONS -fsanitize=thread)
  set(CMAKE_REQUIRED_QUIET ON)
  set(program [[
    #include <pthread.h>
    static int shared;
    static void *work(void *arg) { (void)arg; shared = 1; return 0; }
    int main(void) { pthread_t t; pthread_create(&t, 0, work, 0); pthread_join(t, 0); return shared - 1; }
  ]])
  if(language STREQUAL "C")
    include(CheckCSourceCompiles)
    set(result RACELAB_TSAN_LINKS)
    check_c_source_compiles("${program}" ${result})
  else()
    include(CheckCXXSourceCompiles)
    set(result RACELAB_TSAN_LINKS_CXX)
    check_cxx_source_compiles("${program}" ${result})
  endif()
  cmake_pop_check_state()
  if(NOT ${result})
    unset(${result} CACHE) # look again once the package is there
    message(FATAL_ERROR "racelab: ${CMAKE_${language}_COMPILER} -fsanitize=thread does not link a threaded "
                        "program: install the ThreadSanitizer runtime with 'apt-get install ${package}' "
                        "(the compiler's error is in CMakeFiles/CMakeError.log)")
  endif()
endfunction()

function(_racelab_check_detector)
  get_property(checked GLOBAL PROPERTY _RACELAB_DETECTOR_CHECKED)
  if(checked STREQUAL RACELAB_DETECTOR)
    return()
  endif()
  find_package(Threads REQUIRED)
  set(detectors tsan tsan-gcc helgrind drd)
  if(NOT RACELAB_DETECTOR IN_LIST detectors)
    string(JOIN ", " detectors ${detectors})
    message(FATAL_ERROR "racelab: RACELAB_DETECTOR='${RACELAB_DETECTOR}' is not one of: ${detectors}")
  endif()
  # The race tests are built as C, C++ or both: each language the project
  # enabled is checked, since a target may be either.
  set(languages)
  foreach(language C CXX)
    if(CMAKE_${language}_COMPILER_LOADED)
      list(APPEND languages ${language})
    endif()
  endforeach()
  if(NOT languages)
    message(FATAL_ERROR "racelab: the race tests are built as C or C++: add C or CXX to your project()'s LANGUAGES")
  endif()
  if(NOT TARGET racelab::racelab)
    message(FATAL_ERROR "racelab: no racelab::racelab program: load this module with find_package(racelab CONFIG REQUIRED)")
  endif()

  if(RACELAB_DETECTOR MATCHES "^tsan")
    foreach(language IN LISTS languages)
      _racelab_check_tsan_compiler(${language})
    endforeach()
  else()
    find_program(RACELAB_VALGRIND valgrind)
    if(NOT RACELAB_VALGRIND OR NOT EXISTS "${RACELAB_VALGRIND}" OR IS_DIRECTORY "${RACELAB_VALGRIND}")
      set(missing "${RACELAB_VALGRIND}")
      unset(RACELAB_VALGRIND CACHE)
      message(FATAL_ERROR "racelab: RACELAB_DETECTOR=${RACELAB_DETECTOR} needs valgrind, not found "
                          "(${missing}): install it with 'apt-get install valgrind'")
    endif()
  endif()
  set_property(GLOBAL PROPERTY _RACELAB_DETECTOR_CHECKED "${RACELAB_DETECTOR}")
endfunction()

function(racelab_instrument target)
  if(NOT TARGET "${target}")
    message(FATAL_ERROR "racelab_instrument: '${target}' is not a target")
  endif()
  _racelab_detector_settings()
  target_compile_options(${target} PRIVATE ${racelab_compile_options})
  target_link_options(${target} PRIVATE ${racelab_link_options})
  # -pthread as options, not target_link_libraries(Threads::Threads): a
  # project may already have used that command's plain signature on the
  # target, and CMake refuses a keyword one after it (a real project's 68
  # targets failed to configure so).
  target_compile_options(${target} PRIVATE -pthread)
  target_link_options(${target} PRIVATE -pthread)
  _racelab_link_perturbation(${target})
  set_property(TARGET ${target} PROPERTY RACELAB_INSTRUMENTED "${RACELAB_DETECTOR}")
endfunction()

# Links the shim into an executable or shared library by `ld --wrap`, which
# works under every detector (LD_PRELOAD cannot get between a program and
# TSan's interceptors).  The archive goes in with the link options, after
# -u of a symbol of its wrappers: they come in whatever the program's
# references (libstdc++'s inline locks reference the calls weakly).  A
# target with the property RACELAB_NO_PERTURB TRUE, or every target with
# RACELAB_PERTURB_SHIM OFF, is left as it is.
function(_racelab_link_perturbation target)
  get_target_property(type ${target} TYPE)
  get_target_property(skip ${target} RACELAB_NO_PERTURB)
  if(NOT RACELAB_PERTURB_SHIM OR skip OR NOT type MATCHES "^(EXECUTABLE|SHARED_LIBRARY|MODULE_LIBRARY)$"
     OR NOT TARGET racelab::perturb)
    return()
  endif()
  # The calls the shim wraps (runtime/racelab-perturb/wrap.c): here, not at
  # file scope, since a project that adds racelab as a subdirectory calls
  # this from a scope that does not see the module's variables.
  set(wraps
      pthread_create pthread_join pthread_exit
      pthread_mutex_lock pthread_mutex_trylock pthread_mutex_timedlock pthread_mutex_unlock
      pthread_rwlock_rdlock pthread_rwlock_wrlock pthread_rwlock_tryrdlock pthread_rwlock_trywrlock
      pthread_rwlock_unlock pthread_spin_lock pthread_spin_trylock pthread_spin_unlock
      pthread_cond_wait pthread_cond_timedwait pthread_cond_signal pthread_cond_broadcast
      sem_wait sem_trywait sem_timedwait sem_post sleep usleep nanosleep sched_yield)
  list(TRANSFORM wraps PREPEND "LINKER:--wrap=")
  target_link_options(${target} PRIVATE "LINKER:-u,racelab_perturb_wrappers" "$<TARGET_FILE:racelab::perturb>" ${wraps})
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "$<TARGET_FILE:racelab::perturb>")
  if(TARGET racelab_perturb)
    add_dependencies(${target} racelab_perturb) # racelab built in the same tree
  endif()
endfunction()

function(racelab_instrument_all)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "DIRECTORY" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "racelab_instrument_all: unexpected arguments '${arg_UNPARSED_ARGUMENTS}' (DIRECTORY <dir> only)")
  endif()
  if(NOT arg_DIRECTORY)
    set(arg_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}")
  endif()
  if(NOT IS_DIRECTORY "${arg_DIRECTORY}")
    message(FATAL_ERROR "racelab_instrument_all: DIRECTORY '${arg_DIRECTORY}' is not a directory")
  endif()
  set(pending "${arg_DIRECTORY}")
  set(instrumented)
  while(pending)
    list(POP_FRONT pending directory)
    get_property(targets DIRECTORY "${directory}" PROPERTY BUILDSYSTEM_TARGETS)
    get_property(subdirectories DIRECTORY "${directory}" PROPERTY SUBDIRECTORIES)
    list(APPEND pending ${subdirectories})
    foreach(target IN LISTS targets)
      get_target_property(type ${target} TYPE)
      get_target_property(imported ${target} IMPORTED)
      get_target_property(done ${target} RACELAB_INSTRUMENTED)
      get_target_property(skip ${target} RACELAB_SKIP_INSTRUMENT)
      if(imported OR skip OR done
         OR NOT type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
        continue()
      endif()
      racelab_instrument(${target})
      list(APPEND instrumented ${target})
    endforeach()
  endwhile()
  list(LENGTH instrumented count)
  message(STATUS "racelab: ${count} targets built for ${RACELAB_DETECTOR}: ${instrumented}")
endfunction()

# The project's own libraries that <target> links, directly or through
# other libraries' interface, in out_var.  Imported targets (another
# package's) and plain names (system libraries) are not the project's.
function(_racelab_project_libraries out_var target)
  set(seen)
  set(pending ${target})
  while(pending)
    list(POP_FRONT pending current)
    foreach(property LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
      get_target_property(links ${current} ${property})
      if(NOT links)
        continue()
      endif()
      foreach(link IN LISTS links)
        # $<LINK_ONLY:lib> and other wrappers: the name inside
        string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" link "${link}")
        if(NOT TARGET "${link}" OR link IN_LIST seen)
          continue()
        endif()
        get_target_property(imported ${link} IMPORTED)
        get_target_property(type ${link} TYPE)
        if(imported OR NOT type MATCHES "^(STATIC|SHARED|MODULE|OBJECT)_LIBRARY$")
          continue()
        endif()
        list(APPEND seen ${link})
        list(APPEND pending ${link})
      endforeach()
    endforeach()
  endwhile()
  set(${out_var} ${seen} PARENT_SCOPE)
endfunction()

# Run at the end of the configure step (the target's libraries may be
# linked after the test was added): every project library the target links
# must be built for the detector.
function(_racelab_check_instrumented test target)
  set(libraries)
  _racelab_project_libraries(libraries ${target})
  foreach(library ${target} ${libraries})
    get_target_property(built_for ${library} RACELAB_INSTRUMENTED)
    if(NOT built_for STREQUAL RACELAB_DETECTOR)
      if(library STREQUAL target)
        set(what "its target '${target}' is")
      else()
        set(what "'${target}' links the project's library '${library}', which is")
      endif()
      message(FATAL_ERROR "racelab_add_race_test(${test}): ${what} not built for ${RACELAB_DETECTOR}: "
                          "add racelab_instrument(${library}) (code the detector does not see would pass as clean)")
    endif()
  endforeach()
endfunction()

# The expected file for the configured detector in a directory of expected
# files: expected.<detector>, else expected.<family>; when neither exists,
# the one `racelab-bless` would write.
function(racelab_expected_in_directory out_var directory)
  _racelab_detector_settings()
  if(EXISTS "${directory}/expected.${RACELAB_DETECTOR}")
    set(${out_var} "${directory}/expected.${RACELAB_DETECTOR}" PARENT_SCOPE)
  else()
    set(${out_var} "${directory}/expected.${racelab_expected_family}" PARENT_SCOPE)
  endif()
endfunction()

# The `racelab run` command line of one test, in out_var.  The program's
# inputs (STDIN, ENVIRONMENT, WORKING_DIRECTORY) and the Valgrind settings
# (SUPPRESSIONS, VALGRIND_OPTIONS: ignored under TSan, whose settings go in
# ENVIRONMENT TSAN_OPTIONS=...) are here, so that a test and its bless
# target run the program alike.  Relative paths are from the calling
# directory's CMakeLists.txt.
function(racelab_run_command out_var)
  cmake_parse_arguments(PARSE_ARGV 1 arg "PERTURB" "NAME;TARGET;EXPECTED;BASELINE;RUNS;TIMEOUT;STDIN;WORKING_DIRECTORY"
                        "ARGS;OPTIONS;ENVIRONMENT;SUPPRESSIONS;VALGRIND_OPTIONS")
  _racelab_detector_settings()
  set(inputs)
  foreach(path_option STDIN WORKING_DIRECTORY)
    if(arg_${path_option})
      cmake_path(ABSOLUTE_PATH arg_${path_option} BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    endif()
  endforeach()
  if(arg_STDIN)
    list(APPEND inputs --stdin "${arg_STDIN}")
  endif()
  foreach(assignment IN LISTS arg_ENVIRONMENT)
    if(NOT assignment MATCHES "^[A-Za-z_][A-Za-z0-9_]*=")
      message(FATAL_ERROR "racelab: ${arg_NAME}: ENVIRONMENT '${assignment}': give NAME=VALUE")
    endif()
    list(APPEND inputs --env "${assignment}")
  endforeach()
  if(arg_WORKING_DIRECTORY)
    list(APPEND inputs --cwd "${arg_WORKING_DIRECTORY}")
  endif()
  if(NOT RACELAB_DETECTOR MATCHES "^tsan")
    foreach(file IN LISTS arg_SUPPRESSIONS)
      cmake_path(ABSOLUTE_PATH file BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
      list(APPEND inputs --suppressions "${file}")
    endforeach()
    foreach(option IN LISTS arg_VALGRIND_OPTIONS)
      list(APPEND inputs --valgrind-option "${option}")
    endforeach()
  endif()
  set(command $<TARGET_FILE:racelab::racelab> run --detector ${RACELAB_DETECTOR} --case ${arg_NAME}
              --report "${CMAKE_BINARY_DIR}/reports/${arg_NAME}.${RACELAB_DETECTOR}"
              --source-root "${CMAKE_SOURCE_DIR}")
  if(arg_EXPECTED)
    list(APPEND command --expected "${arg_EXPECTED}")
  endif()
  if(arg_BASELINE)
    list(APPEND command --baseline "${arg_BASELINE}")
  endif()
  if(arg_RUNS)
    list(APPEND command --runs ${arg_RUNS})
  endif()
  if(arg_PERTURB)
    list(APPEND command --perturb)
  endif()
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT ${RACELAB_RUN_TIMEOUT})
  endif()
  list(APPEND command --timeout ${arg_TIMEOUT} ${racelab_valgrind_args} ${inputs} ${arg_OPTIONS}
                      -- $<TARGET_FILE:${arg_TARGET}> ${arg_ARGS})
  set(${out_var} "${command}" PARENT_SCOPE)
endfunction()

function(racelab_add_race_test)
  set(one_value NAME TARGET EXPECTED BASELINE RUNS TIMEOUT EXPECT_MISMATCH STDIN WORKING_DIRECTORY)
  cmake_parse_arguments(PARSE_ARGV 0 arg "NO_BLESS;PERTURB" "${one_value}"
                        "ARGS;LABELS;ENVIRONMENT;SUPPRESSIONS;VALGRIND_OPTIONS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "racelab_add_race_test: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_NAME OR NOT arg_TARGET)
    message(FATAL_ERROR "racelab_add_race_test: NAME and TARGET are required")
  endif()
  if(arg_EXPECTED AND arg_BASELINE)
    message(FATAL_ERROR "racelab_add_race_test(${arg_NAME}): EXPECTED (exact findings) and BASELINE (known races) exclude each other")
  endif()
  if(NOT TARGET "${arg_TARGET}")
    message(FATAL_ERROR "racelab_add_race_test(${arg_NAME}): '${arg_TARGET}' is not a target")
  endif()
  foreach(number RUNS TIMEOUT)
    if(DEFINED arg_${number} AND NOT arg_${number} MATCHES "^[1-9][0-9]*$")
      message(FATAL_ERROR "racelab_add_race_test(${arg_NAME}): ${number} takes a whole number from 1, got '${arg_${number}}'")
    endif()
  endforeach()
  _racelab_detector_settings()
  if(arg_EXPECTED AND NOT IS_ABSOLUTE "${arg_EXPECTED}")
    set(arg_EXPECTED "${CMAKE_CURRENT_SOURCE_DIR}/${arg_EXPECTED}")
  endif()
  set(expected_files "${arg_EXPECTED}")
  if(arg_EXPECTED AND (IS_DIRECTORY "${arg_EXPECTED}" OR arg_EXPECTED MATCHES "/$"))
    # racelab picks the file when the test runs: a file blessed later needs
    # no reconfigure.
    if(NOT arg_EXPECTED MATCHES "/$")
      string(APPEND arg_EXPECTED "/")
    endif()
    set(expected_files "${arg_EXPECTED}expected.${RACELAB_DETECTOR}")
    if(NOT RACELAB_DETECTOR STREQUAL racelab_expected_family)
      list(APPEND expected_files "${arg_EXPECTED}expected.${racelab_expected_family}")
    endif()
  endif()
  if(arg_BASELINE AND NOT IS_ABSOLUTE "${arg_BASELINE}")
    set(arg_BASELINE "${CMAKE_CURRENT_SOURCE_DIR}/${arg_BASELINE}")
  endif()
  set(test ${arg_NAME}.${RACELAB_DETECTOR})
  set(perturb)
  if(arg_PERTURB)
    set(perturb PERTURB)
  endif()
  set(run_arguments ${perturb} NAME ${arg_NAME} TARGET ${arg_TARGET} EXPECTED "${arg_EXPECTED}" BASELINE "${arg_BASELINE}"
                    RUNS "${arg_RUNS}" TIMEOUT "${arg_TIMEOUT}" STDIN "${arg_STDIN}"
                    WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}" ENVIRONMENT ${arg_ENVIRONMENT}
                    SUPPRESSIONS ${arg_SUPPRESSIONS} VALGRIND_OPTIONS ${arg_VALGRIND_OPTIONS} ARGS ${arg_ARGS})
  racelab_run_command(command ${run_arguments})
  set(driver "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ExpectExit.cmake")
  set(expect)
  if(DEFINED arg_EXPECT_MISMATCH)
    set(expect -DEXPECT_EXIT=1 "-DEXPECT_OUTPUT=${arg_EXPECT_MISMATCH}")
  endif()
  # The files the test reads (bless writes the first): the expected file,
  # or one of a directory's, or the baseline (never both).
  set(judged_by "${expected_files}")
  if(arg_BASELINE)
    set(judged_by "${arg_BASELINE}")
  endif()
  set(any_exists FALSE)
  foreach(file IN LISTS judged_by)
    if(EXISTS "${file}")
      set(any_exists TRUE)
    endif()
  endforeach()
  if(judged_by AND NOT any_exists)
    # Not blessed yet.  The driver looks again when the test runs, so a
    # `racelab-bless` needs no reconfigure.
    string(REPLACE ";" "|" require "${judged_by}")
    set(expect ${expect} "-DREQUIRE_FILE=${require}"
               "-DBLESS_COMMAND=cmake --build ${CMAKE_BINARY_DIR} --target racelab-bless")
  endif()
  if(expect)
    add_test(NAME ${test} COMMAND ${CMAKE_COMMAND} ${expect} -P "${driver}" -- ${command})
  else()
    add_test(NAME ${test} COMMAND ${command})
  endif()
  cmake_language(EVAL CODE "cmake_language(DEFER DIRECTORY [[${CMAKE_SOURCE_DIR}]] CALL _racelab_check_instrumented [[${arg_NAME}]] [[${arg_TARGET}]])")
  set_tests_properties(${test} PROPERTIES
    LABELS "detector:${RACELAB_DETECTOR};${arg_LABELS}"
    # racelab kills a run at TIMEOUT; CTest only steps in if racelab hangs.
    TIMEOUT 600)

  # `racelab-bless` rewrites every expected file and baseline of this build
  # from a run.
  if(judged_by AND NOT DEFINED arg_EXPECT_MISMATCH AND NOT arg_NO_BLESS)
    racelab_run_command(bless_command ${run_arguments}
                        OPTIONS --bless --runs ${RACELAB_BLESS_RUNS} --settle ${RACELAB_BLESS_SETTLE})
    list(GET judged_by 0 blessed)
    add_custom_target(racelab-bless.${test} COMMAND ${bless_command} VERBATIM
                      COMMENT "racelab: blessing ${blessed} from runs of ${test}")
    add_dependencies(racelab-bless.${test} ${arg_TARGET})
    # Tests that share a baseline (a project's known races, one file for
    # its whole suite) bless it one after the other: each adds its races
    # to what the one before wrote.
    string(MAKE_C_IDENTIFIER "${blessed}" file_key)
    get_property(previous GLOBAL PROPERTY _RACELAB_BLESS_OF_${file_key})
    if(previous)
      add_dependencies(racelab-bless.${test} ${previous})
    endif()
    set_property(GLOBAL PROPERTY _RACELAB_BLESS_OF_${file_key} racelab-bless.${test})
    if(NOT TARGET racelab-bless)
      add_custom_target(racelab-bless)
    endif()
    add_dependencies(racelab-bless racelab-bless.${test})
  endif()
endfunction()
