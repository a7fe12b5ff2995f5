# How a case directory becomes a target and a test: a thin layer on the
# public API (cmake/Racelab.cmake), so the lab makes its race tests exactly
# the way a user's project does.
#
# A case is a directory cases/NAME holding NAME.c or NAME.cpp, a program
# with its own main (every other .c and .cpp file in the directory is built
# into it too), and its expected findings, one file per detector: expected.tsan
# (clang and gcc alike, unless an expected.tsan-gcc says otherwise),
# expected.helgrind, expected.drd.  What the case needs from the build is
# declared in the source itself, in comment lines `racelab: KEY=VALUE`
# (docs/lab.md, "Cases"):
#
#   truth=race|norace     ground truth: does the program really have a data race
#   bug=KIND              a true defect other than a race (lost-updates,
#                         lock-order-inversion, thread-leak, ...); repeatable
#   cli=counter           built with common/counter_cli.c, so it takes
#                         [THREADS [ITERATIONS]] and gets the arguments.* tests
#   args=A B ...          the program's arguments under every detector ...
#   args.DETECTOR=A B ... ... or under one (args.tsan serves tsan-gcc too)
#   stdin=FILE            the program's stdin, FILE relative to the case's
#                         directory (default /dev/null)
#   env=NAME=VALUE        a variable set for the program; repeatable
#   race-line=N[,N]       racing lines, for a source whose lines cannot carry
#   norace-line=N[,N]     a `// RACE!` / `// NORACE` mark (the seed cases:
#                         the reader's golden outputs quote their lines)
#   source=PATH           one more source, relative to the case directory
#                         (a file shared with other cases); repeatable
#   define=NAME[=VALUE]   a compile definition; repeatable (every C case
#                         already has _GNU_SOURCE, below)
#   flags=OPT ...         compile options of the case's own
#   perturb=on            the race is one an unrelated lock, a sleep, a slow
#                         thread start or a condition variable hides in most
#                         plain runs: every run of the case's tests is
#                         perturbed (racelab run --perturb), RACELAB_PERTURB_RUNS
#                         of them (below); no line-shift test (the lab's other cases
#                         prove the identity; these, the perturbation)
#   werror=off            warnings stay warnings: for a program written
#                         elsewhere (RACELAB_WERROR is for the lab's own code;
#                         an unused parameter is never an error, below)
#
# The racing accesses themselves are marked `// RACE!` (or `//RACE!`) in the
# source, and `// NORACE` where a race might be suspected; `racelab score`
# reads those.  A case whose sources call the SV-COMP functions
# (__VERIFIER_nondet_int, __VERIFIER_atomic_begin, ...) gets
# common/verifier.c, which defines them (weak: a case's own win).
#
# Each case becomes one executable built for RACELAB_DETECTOR and one CTest
# test NAME.DETECTOR, labelled lab, case:NAME and detector:DETECTOR.  A case
# with bug=lost-updates also gets lost-updates.NAME.DETECTOR (below).
include("${CMAKE_CURRENT_LIST_DIR}/LineShift.cmake")

# RACELAB_CASE_ARGS: the counter cases' arguments the lab's canaries use.
# RACELAB_CASE_RUNS: runs per case and mutation test (racelab run --runs): TSan misses a race now and then on a
# loaded machine (issue 8: once in 25 loaded repetitions of the tsan preset,
# the mutex-without-lock mutant lost updates and TSan reported nothing), so
# under TSan a test looks up to 3 times: a racy program stops at the run
# that shows every expected race (1 run when nothing is missed), a clean one
# must be clean 3 times.  Valgrind runs the threads one at a time, at
# 10-50x the cost, and no Valgrind miss has been seen: 1 run.
# ci/soak measures the choice on a loaded machine (docs/reliability.md).
if(RACELAB_DETECTOR MATCHES "^tsan")
  set(RACELAB_CASE_ARGS 2 1000000)
  set(RACELAB_CASE_RUNS 3)
else()
  set(RACELAB_CASE_ARGS 2 50000)
  set(RACELAB_CASE_RUNS 1)
endif()

# RACELAB_PERTURB_RUNS: runs of a perturb=on case's tests, a racy case's
# (truth=race) and a clean one's.  Measured on the hidden_* cases
# (docs/reliability.md): a pct run finds each race at least 1 time in 3, so
# 8 runs miss it about once in 30 invocations, which a gate cannot afford,
# and 20 runs once in 3,000; a perturbed test stops at the run that shows
# every expected race (about 2 runs), so only a clean program makes all.
set(RACELAB_PERTURB_RUNS 20)
set(RACELAB_PERTURB_CLEAN_RUNS 8)

set(racelab_case_bugs lost-updates lock-order-inversion thread-leak unlock-of-unlocked-mutex
                      destroy-of-locked-mutex signal-unsafe-call)

# Reads the `racelab: KEY=VALUE` lines of a case source and sets, in the
# caller's scope, <prefix>_TRUTH, <prefix>_BUGS, <prefix>_CLI,
# <prefix>_ARGS (the arguments for the configured detector), <prefix>_STDIN
# (an absolute path, or empty) and <prefix>_ENVIRONMENT (NAME=VALUE...).  A missing or
# unknown declaration stops the configure step naming the file: a case
# without ground truth cannot be scored, and a typo must not pass silently.
function(racelab_read_case source prefix)
  file(STRINGS "${source}" lines REGEX "racelab: [^ =]+=")
  set(truth)
  set(bugs)
  set(cli)
  set(args_for_all)
  set(args_for_family)
  set(args_for_detector)
  set(stdin)
  set(environment)
  set(extra_sources)
  set(defines)
  set(flags)
  set(werror ON)
  set(perturb OFF)
  get_filename_component(case_dir "${source}" DIRECTORY)
  _racelab_detector_settings() # racelab_expected_family: tsan for both TSans
  foreach(line IN LISTS lines)
    string(REGEX REPLACE ".*racelab: ([^ =]+)=(.*)$" "\\1" key "${line}")
    string(REGEX REPLACE ".*racelab: ([^ =]+)=(.*)$" "\\2" value "${line}")
    string(REGEX REPLACE "\\*/.*$" "" value "${value}")
    string(STRIP "${value}" value)
    if(key STREQUAL "truth")
      if(NOT value MATCHES "^(race|norace)$")
        message(FATAL_ERROR "${source}: 'racelab: truth=${value}': truth is race or norace")
      endif()
      set(truth ${value})
    elseif(key STREQUAL "bug")
      if(NOT value IN_LIST racelab_case_bugs)
        string(JOIN ", " known ${racelab_case_bugs})
        message(FATAL_ERROR "${source}: 'racelab: bug=${value}': not one of ${known}")
      endif()
      list(APPEND bugs ${value})
    elseif(key STREQUAL "cli")
      if(NOT value STREQUAL "counter")
        message(FATAL_ERROR "${source}: 'racelab: cli=${value}': the only shared command line is 'counter'")
      endif()
      set(cli ${value})
    elseif(key MATCHES "^args(\\.(tsan|tsan-gcc|helgrind|drd))?$")
      separate_arguments(value UNIX_COMMAND "${value}")
      if(key STREQUAL "args")
        set(args_for_all ${value})
      elseif(key STREQUAL "args.${RACELAB_DETECTOR}")
        set(args_for_detector ${value})
      elseif(key STREQUAL "args.${racelab_expected_family}")
        set(args_for_family ${value})
      endif()
    elseif(key STREQUAL "stdin")
      if(value STREQUAL "")
        message(FATAL_ERROR "${source}: 'racelab: stdin=': name a file, relative to the case's directory")
      endif()
      cmake_path(ABSOLUTE_PATH value BASE_DIRECTORY "${case_dir}" NORMALIZE OUTPUT_VARIABLE stdin)
      if(NOT EXISTS "${stdin}" OR IS_DIRECTORY "${stdin}")
        message(FATAL_ERROR "${source}: 'racelab: stdin=${value}': no such file ${stdin}")
      endif()
    elseif(key STREQUAL "env")
      if(NOT value MATCHES "^[A-Za-z_][A-Za-z0-9_]*=")
        message(FATAL_ERROR "${source}: 'racelab: env=${value}': give env=NAME=VALUE")
      endif()
      list(APPEND environment "${value}")
    elseif(key STREQUAL "source")
      get_filename_component(extra "${value}" ABSOLUTE BASE_DIR "${case_dir}")
      if(NOT EXISTS "${extra}")
        message(FATAL_ERROR "${source}: 'racelab: source=${value}': no such file (${extra})")
      endif()
      list(APPEND extra_sources "${extra}")
    elseif(key STREQUAL "define")
      if(NOT value MATCHES "^[A-Za-z_][A-Za-z0-9_]*(=.*)?$")
        message(FATAL_ERROR "${source}: 'racelab: define=${value}': give NAME or NAME=VALUE")
      endif()
      list(APPEND defines "${value}")
    elseif(key STREQUAL "flags")
      separate_arguments(value UNIX_COMMAND "${value}")
      list(APPEND flags ${value})
    elseif(key STREQUAL "perturb")
      if(NOT value STREQUAL "on")
        message(FATAL_ERROR "${source}: 'racelab: perturb=${value}': write perturb=on, or leave it out")
      endif()
      set(perturb ON)
    elseif(key STREQUAL "werror")
      if(NOT value MATCHES "^(on|off)$")
        message(FATAL_ERROR "${source}: 'racelab: werror=${value}': werror is on or off")
      endif()
      if(value STREQUAL "off")
        set(werror OFF)
      endif()
    elseif(key MATCHES "^(norace-line|race-line)$")
      if(NOT value MATCHES "^[1-9][0-9]*(,[1-9][0-9]*)*$")
        message(FATAL_ERROR "${source}: 'racelab: ${key}=${value}': give line numbers, e.g. ${key}=15,17")
      endif()
    else()
      message(FATAL_ERROR "${source}: unknown declaration 'racelab: ${key}=' "
                          "(truth, bug, cli, args, args.DETECTOR, stdin, env, race-line, norace-line, source, define, flags, perturb, werror)")
    endif()
  endforeach()
  if(NOT truth)
    message(FATAL_ERROR "${source}: no ground truth: add a comment line 'racelab: truth=race' or 'racelab: truth=norace'")
  endif()
  if("lost-updates" IN_LIST bugs AND NOT cli STREQUAL "counter")
    message(FATAL_ERROR "${source}: bug=lost-updates needs cli=counter (its total is what shows the lost updates)")
  endif()
  if(args_for_detector)
    set(args ${args_for_detector})
  elseif(args_for_family)
    set(args ${args_for_family})
  else()
    set(args ${args_for_all})
  endif()
  set(${prefix}_TRUTH ${truth} PARENT_SCOPE)
  set(${prefix}_BUGS ${bugs} PARENT_SCOPE)
  set(${prefix}_CLI ${cli} PARENT_SCOPE)
  set(${prefix}_ARGS ${args} PARENT_SCOPE)
  set(${prefix}_STDIN "${stdin}" PARENT_SCOPE)
  set(${prefix}_ENVIRONMENT "${environment}" PARENT_SCOPE)
  # The case's sources: NAME.c or NAME.cpp first, then every other C and C++
  # source of the directory, then the declared ones.
  file(GLOB siblings LIST_DIRECTORIES false "${case_dir}/*.c" "${case_dir}/*.cpp")
  list(SORT siblings)
  list(REMOVE_ITEM siblings "${source}")
  set(sources "${source}" ${siblings} ${extra_sources})
  set(uses_verifier FALSE)
  foreach(file IN LISTS sources)
    file(STRINGS "${file}" verifier_calls REGEX "__VERIFIER_" LIMIT_COUNT 1)
    if(verifier_calls)
      set(uses_verifier TRUE)
    endif()
  endforeach()
  if(uses_verifier)
    list(APPEND sources "${PROJECT_SOURCE_DIR}/common/verifier.c")
  endif()
  set(${prefix}_SOURCES ${sources} PARENT_SCOPE)
  set(${prefix}_DIR_SOURCES "${source}" ${siblings} PARENT_SCOPE)
  set(${prefix}_DEFINES ${defines} PARENT_SCOPE)
  set(${prefix}_FLAGS ${flags} PARENT_SCOPE)
  set(${prefix}_WERROR ${werror} PARENT_SCOPE)
  set(${prefix}_PERTURB ${perturb} PARENT_SCOPE)
endfunction()

# The main source of the case in case_dir (NAME.c or NAME.cpp) in out_var.
function(racelab_case_source out_var case_dir)
  get_filename_component(name "${case_dir}" NAME)
  if(EXISTS "${case_dir}/${name}.cpp")
    set(${out_var} "${case_dir}/${name}.cpp" PARENT_SCOPE)
  else()
    set(${out_var} "${case_dir}/${name}.c" PARENT_SCOPE)
  endif()
endfunction()

# A case program (or a mutant of one) built the way the configured detector
# needs it, from the sources, definitions and flags racelab_read_case found
# under prefix (a mutant or a shifted copy passes its own SOURCES).
function(racelab_add_detector_program target prefix)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "SOURCES")
  if(NOT arg_SOURCES)
    set(arg_SOURCES ${${prefix}_SOURCES})
  endif()
  add_executable(${target} ${arg_SOURCES})
  if(${prefix}_CLI STREQUAL "counter")
    target_sources(${target} PRIVATE "${PROJECT_SOURCE_DIR}/common/counter_cli.c")
    target_include_directories(${target} PRIVATE "${PROJECT_SOURCE_DIR}/common")
  endif()
  # Every case is a Linux pthreads program, as an SV-COMP program is GNU C:
  # the C library's whole API (pthread_rwlock_t, usleep, ...) without a
  # declaration, under strict -std=c17 (g++ defines _GNU_SOURCE itself).
  # A thread function must take a void * it often ignores: an unused
  # parameter is a warning, never an error, so a corpus in that style needs
  # nothing but its truth line.
  target_compile_definitions(${target} PRIVATE $<$<COMPILE_LANGUAGE:C>:_GNU_SOURCE> ${${prefix}_DEFINES})
  target_compile_options(${target} PRIVATE -Wno-error=unused-parameter ${${prefix}_FLAGS})
  if(NOT ${prefix}_WERROR)
    target_compile_options(${target} PRIVATE -Wno-error)
  endif()
  racelab_instrument(${target})
endfunction()

# How a case's tests run, in out_var: RUNS and, for perturb=on, PERTURB.
# With MUTANT, for a mutant of the case: a perturbed case's mutants make as
# many runs as a racy one, since a race put into a clean twin must be found
# as surely as the racy case's.
function(racelab_case_runs out_var prefix)
  cmake_parse_arguments(PARSE_ARGV 2 arg "MUTANT" "" "")
  if(${prefix}_PERTURB AND (arg_MUTANT OR ${prefix}_TRUTH STREQUAL "race"))
    set(${out_var} RUNS ${RACELAB_PERTURB_RUNS} PERTURB PARENT_SCOPE)
  elseif(${prefix}_PERTURB)
    set(${out_var} RUNS ${RACELAB_PERTURB_CLEAN_RUNS} PERTURB PARENT_SCOPE)
  else()
    set(${out_var} RUNS ${RACELAB_CASE_RUNS} PARENT_SCOPE)
  endif()
endfunction()

# Writes output: source with lines inserted (cmake/LineShift.cmake).
function(racelab_shift_source source output)
  file(READ "${source}" text)
  racelab_shifted_text(text "${text}")
  file(GENERATE OUTPUT "${output}" CONTENT "${text}")
endfunction()

function(racelab_add_case case_dir)
  get_filename_component(name "${case_dir}" NAME)
  racelab_case_source(source "${case_dir}")
  racelab_read_case("${source}" case)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${case_DIR_SOURCES})
  racelab_add_detector_program(case_${name} case)
  set_property(GLOBAL APPEND PROPERTY RACELAB_CASE_TARGETS case_${name})
  if(case_CLI STREQUAL "counter")
    set_property(GLOBAL APPEND PROPERTY RACELAB_COUNTER_CASE_TARGETS case_${name})
  endif()
  set(inputs STDIN "${case_STDIN}" ENVIRONMENT ${case_ENVIRONMENT})
  racelab_case_runs(runs case)
  racelab_add_race_test(NAME ${name} TARGET case_${name} ARGS ${case_ARGS} ${runs}
                        EXPECTED "${case_dir}" LABELS lab case:${name} ${inputs})

  # A case the detector judges clean must stay clean when perturbed: the
  # shim adds no false positive (its own waiting orders nothing the
  # detector sees, and its frames are never a site).  One perturbed run per
  # such case and detector, seed drawn anew each time.
  racelab_expected_in_directory(expected_file "${case_dir}")
  if(NOT case_PERTURB AND EXISTS "${expected_file}")
    file(STRINGS "${expected_file}" expected_lines REGEX "^[^#]")
    if(expected_lines STREQUAL "no findings")
      racelab_add_race_test(NAME perturbed.${name} TARGET case_${name} ARGS ${case_ARGS} RUNS 1 PERTURB
                            EXPECTED "${case_dir}" NO_BLESS LABELS perturbed case:${name} ${inputs})
    endif()
  endif()

  if(NOT case_PERTURB)
    # The same case with lines inserted above and between its functions (in
    # each of its own sources), judged by the same expected file: its verdict
    # must not change.
    set(shifted_sources)
    foreach(file IN LISTS case_SOURCES)
      if(file IN_LIST case_DIR_SOURCES)
        get_filename_component(file_name "${file}" NAME)
        set(shifted "${CMAKE_BINARY_DIR}/shifted/${name}/${file_name}")
        racelab_shift_source("${file}" "${shifted}")
        list(APPEND shifted_sources "${shifted}")
      else()
        list(APPEND shifted_sources "${file}")
      endif()
    endforeach()
    racelab_add_detector_program(shifted_${name} case SOURCES ${shifted_sources})
    racelab_add_race_test(NAME line-shift.${name} TARGET shifted_${name} ARGS ${case_ARGS} RUNS ${RACELAB_CASE_RUNS}
                          EXPECTED "${case_dir}" NO_BLESS LABELS line-shift case:${name} ${inputs})
  endif()

  if("lost-updates" IN_LIST case_BUGS)
    # Race-free is not correct, shown in one run: the same program under the
    # same detector, with COUNTER_EXACT_TOTAL=1 so that a wrong total makes
    # it exit 1.  racelab then has no verdict for one reason only, which its
    # message names: the report parsed, held no finding, and the program
    # failed on its own.  A reported race would read "findings were parsed
    # but the detector exited 1" or MISMATCH instead; a right total, "ok".
    racelab_expected_in_directory(expected "${case_dir}")
    racelab_run_command(command NAME lost-updates.${name} TARGET case_${name} EXPECTED "${expected}"
                        ${inputs} ARGS ${case_ARGS})
    set(test lost-updates.${name}.${RACELAB_DETECTOR})
    add_test(NAME ${test}
             COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=3
                     "-DEXPECT_OUTPUT=NO VERDICT: lost-updates.${name} under ${RACELAB_DETECTOR}: the program failed on its own: exit status 1"
                     -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" -- ${command})
    set_tests_properties(${test} PROPERTIES ENVIRONMENT COUNTER_EXACT_TOTAL=1 TIMEOUT 600
                         LABELS "lab;lost-updates;case:${name};detector:${RACELAB_DETECTOR}")
  endif()
endfunction()
