# Tests of the read-and-export commands: normalize, explain, json, sarif.
#
# One golden mechanism for all of them: every report in tests/reports/ is
# one test, golden.REPORT, that runs it through every command; each one's
# stdout, stderr and exit status must equal tests/golden/REPORT.COMMAND
# exactly (tests/compare_golden.cmake).  Adding a report to the corpus adds its
# tests at the next build; `cmake --build BUILD --target update-goldens`
# writes the goldens of new or changed output, to be reviewed in git diff.
#
# Commands run inside tests/reports/ with the bare file name, so nothing
# they print depends on where the repository is cloned.

set(RACELAB_SARIF_SCHEMA "${PROJECT_SOURCE_DIR}/../shared/schemas/sarif-schema-2.1.0.json"
    CACHE FILEPATH "The official SARIF 2.1.0 JSON schema (draft-04) the sarif output is validated against")
set(RACELAB_PYTHON3 "/usr/bin/python3"
    CACHE FILEPATH "A python3 with the jsonschema module (Debian: python3-jsonschema)")

set(golden_dir "${PROJECT_SOURCE_DIR}/tests/golden")
set(report_dir "${PROJECT_SOURCE_DIR}/tests/reports")
set(golden_actual_dir "${CMAKE_CURRENT_BINARY_DIR}/golden-actual")
file(GLOB golden_reports LIST_DIRECTORIES false CONFIGURE_DEPENDS "${report_dir}/*")
# The corpus directory also holds its README and the script that remakes it.
list(FILTER golden_reports EXCLUDE REGEX "/(README[^/]*|[^/]*\\.(sh|py|cmake))$")

# Reports name sources by the absolute path they were built at; explain
# finds them in this clone instead (it matches trailing parts of the path).
set(explain_source_paths --source-path "${PROJECT_SOURCE_DIR}"
                         --source-path "${PROJECT_SOURCE_DIR}/tests/programs"
                         --source-path "${PROJECT_SOURCE_DIR}/common")
file(GLOB case_dirs LIST_DIRECTORIES true CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/cases/*")
foreach(case_dir IN LISTS case_dirs)
  if(IS_DIRECTORY "${case_dir}")
    list(APPEND explain_source_paths --source-path "${case_dir}")
  endif()
endforeach()

# racelab_golden_test(NAME [INPUT_FILE FILE] [NO_UPDATE] -- GOLDEN ARGS... [-- GOLDEN ARGS...]...):
# runs `racelab ARGS...` in tests/reports for each GOLDEN and compares.
function(racelab_golden_test name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_UPDATE" "INPUT_FILE" "")
  set(options)
  if(arg_INPUT_FILE)
    list(APPEND options "-DINPUT_FILE=${arg_INPUT_FILE}")
  endif()
  if(arg_NO_UPDATE)
    list(APPEND options -DNO_UPDATE=1)
  endif()
  add_test(NAME ${name}
           COMMAND ${CMAKE_COMMAND} "-DACTUAL_DIR=${golden_actual_dir}"
                   "-DWORKING_DIRECTORY=${report_dir}" "-DRACELAB_VERSION=${PROJECT_VERSION}" ${options}
                   -P "${PROJECT_SOURCE_DIR}/tests/compare_golden.cmake"
                   ${arg_UNPARSED_ARGUMENTS})
  set_tests_properties(${name} PROPERTIES LABELS "golden;exports" TIMEOUT 60)
endfunction()

function(racelab_command_args command out)
  set(args ${command})
  if(command STREQUAL "explain")
    list(APPEND args ${explain_source_paths})
  endif()
  set(${out} ${args} PARENT_SCOPE)
endfunction()

# The "-- GOLDEN racelab COMMAND ARGS... INPUT" segments of every command
# for one input, whose goldens are named PREFIX.COMMAND.
set(export_commands normalize explain json sarif)
function(racelab_every_command out prefix input)
  set(segments)
  foreach(command IN LISTS export_commands)
    racelab_command_args(${command} args)
    list(APPEND segments -- "${golden_dir}/${prefix}.${command}" $<TARGET_FILE:racelab> ${args} ${input})
  endforeach()
  set(${out} ${segments} PARENT_SCOPE)
endfunction()

file(MAKE_DIRECTORY "${golden_actual_dir}")
foreach(report IN LISTS golden_reports)
  get_filename_component(report_name "${report}" NAME)
  racelab_every_command(segments ${report_name} ${report_name})
  racelab_golden_test(golden.${report_name} ${segments})
endforeach()
# Unreadable input: exit 2 and one line naming the file (the corpus has
# the empty, binary and truncated files; these two cannot be committed).
racelab_every_command(segments missing-file no-such-report.txt)
racelab_golden_test(golden.missing-file ${segments})
racelab_every_command(segments directory ../programs)
racelab_golden_test(golden.directory ${segments})
# Standard input ("-") reads the same report to the same output.
if(EXISTS "${report_dir}/unsafe.tsan-clang.txt")
  racelab_every_command(segments unsafe.tsan-clang.txt -)
  racelab_golden_test(exports.stdin INPUT_FILE "${report_dir}/unsafe.tsan-clang.txt" NO_UPDATE ${segments})
  set_tests_properties(exports.stdin PROPERTIES LABELS "unit;exports")
endif()

add_custom_target(update-goldens
                  COMMAND ${CMAKE_COMMAND} -E env RACELAB_UPDATE_GOLDENS=1
                          ${CMAKE_CTEST_COMMAND} --test-dir "${CMAKE_BINARY_DIR}" -L golden
                  DEPENDS racelab
                  COMMENT "Rewriting tests/golden/ from racelab's current output: review git diff"
                  USES_TERMINAL)

# Acceptance: explain on the lab's unsafe report of every detector names the
# variable, the racing source line (printed from the source), both threads
# and the two fixes the lab teaches.  Exit status and every fact are checked.
# DRD's XML leaves the other segment's thread out (its <other_segment_*>
# elements are empty), so there explain must say that only one side is known;
# its text form names the other thread ("Other segment start (thread 2)").
set(explain_unsafe_threads
    "unsafe.tsan-clang.txt|thread T1|thread T2"
    "unsafe.tsan-gcc.txt|thread T1|thread T2"
    "unsafe.helgrind.xml|thread #2|thread #3"
    "unsafe.drd.xml|thread 3|names only this side of the race"
    "unsafe.drd.txt|thread 3|thread 2")
foreach(entry IN LISTS explain_unsafe_threads)
  string(REPLACE "|" ";" entry "${entry}")
  list(GET entry 0 unsafe_report)
  list(SUBLIST entry 1 -1 threads)
  string(REPLACE ";" "|" threads "${threads}")
  if(NOT EXISTS "${report_dir}/${unsafe_report}")
    continue()
  endif()
  add_test(NAME explain.acceptance.${unsafe_report}
           COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=0
                   "-DREQUIRE=`counter`|unsafe.c:15|>   15 |         counter += 1|${threads}|cases/mutex|cases/isolated"
                   "-DWORKING_DIRECTORY=${report_dir}"
                   -P "${PROJECT_SOURCE_DIR}/tests/expect_substrings.cmake"
                   -- $<TARGET_FILE:racelab> explain ${explain_source_paths} ${unsafe_report})
  set_tests_properties(explain.acceptance.${unsafe_report} PROPERTIES LABELS "unit;exports" TIMEOUT 30)
endforeach()

# Issue 10: explain states only what the report gave.  Each entry:
# NAME|REPORT|COMMAND|texts required (;-separated)|texts forbidden (;-separated).
set(issue10_acceptance
    "locks-not-reported.helgrind-xml|race_one_side_locked.helgrind.xml|explain|locks held not reported|holding no locks^Only one side holds a lock"
    "locks-not-reported.drd-text|race_one_side_locked.drd.txt|explain|locks held not reported|holding no locks"
    "locks-reported.helgrind-text|race_one_side_locked.helgrind.txt|explain|holding no locks^holding L1^Only one side holds a lock|locks held not reported"
    "locks-reported.tsan|race_one_side_locked.tsan-gcc.txt|explain|holding no locks^holding M0^Only one side holds a lock|locks held not reported"
    "no-banner.drd|race_one_side_locked.drd-q.txt|explain|cannot tell whether it is complete^Finding 1 of|cut short"
    "killed.crash.helgrind-xml|race_then_crash.helgrind.xml|explain|killed by signal 11 (SIGSEGV)|no findings^cut short"
    "killed.term.drd-text|race_then_wait.term.drd.txt|explain|killed by signal 15 (SIGTERM)|other problem^cut short"
    "killed.crash.tsan|race_then_crash.tsan-clang.txt|explain|killed by signal 11 (SIGSEGV)|detector died"
    "killed.sarif|race_then_wait.alarm.helgrind.xml|sarif|\"executionSuccessful\": false^killed by signal 14 (SIGALRM)|\"executionSuccessful\": true"
    "program-fault.tsan|huge_malloc.tsan-gcc.txt|explain|requested allocation size^huge_malloc.c:13|detector died"
    "fd.tsan|fd_race.tsan-clang.txt|explain|file descriptor^created by the main thread in main at|did not name"
    "thread-leaks.tsan|many_leaks.tsan-clang.txt|explain|and 4 more like it|"
    "one-thread-cycle.tsan|lock_cycle_one_thread.tsan-gcc.txt|explain|One thread took every lock^form the cycle (5)|opposite orders"
    "flag-handoff.tsan|flag_handoff.tsan-clang.txt|explain|memory_order_release|atomic_fetch_add(&counter, 1)"
    "counter.tsan|unsafe.tsan-clang.txt|explain|atomic_fetch_add(&counter, 1)|memory_order_release"
    "freed-block.helgrind|race_freed_block.helgrind.txt|normalize|data-race heap race_freed_block.c:17:write_early:^race_freed_block.c:30:main:|arena"
    "program-frame.tsan-name|tsan_named.tsan-clang.txt|normalize|data-race counter tsan_named.c:14:|?"
    "program-frame.libc|race_in_libc.helgrind.txt|normalize|race_in_libc.c:15:scribble:^race_in_libc.c:23:main:|ioputs.c"
    "library-call.tsan|race_freed_block.tsan-clang.txt|explain|inside the library call free()^The memory is freed while another thread|One access is atomic"
    "library-call.helgrind|race_freed_block.helgrind.xml|explain|inside the library call free()^The memory is freed while another thread|One access is atomic")
foreach(entry IN LISTS issue10_acceptance)
  string(REPLACE "|" ";" entry "${entry}")
  list(GET entry 0 name)
  list(GET entry 1 report)
  list(GET entry 2 command)
  list(GET entry 3 required)
  list(GET entry 4 forbidden)
  string(REPLACE "^" "|" required "${required}")
  string(REPLACE "^" "|" forbidden "${forbidden}")
  racelab_command_args(${command} args)
  set(forbid_option)
  if(NOT forbidden STREQUAL "")
    set(forbid_option "-DFORBID=${forbidden}")
  endif()
  add_test(NAME reader.${name}
           COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=0 "-DREQUIRE=${required}" ${forbid_option}
                   "-DWORKING_DIRECTORY=${report_dir}"
                   -P "${PROJECT_SOURCE_DIR}/tests/expect_substrings.cmake"
                   -- $<TARGET_FILE:racelab> ${args} ${report})
  set_tests_properties(reader.${name} PROPERTIES LABELS "unit;exports" TIMEOUT 30)
endforeach()

# sarif --source-root makes URIs relative to the tree, with a base id.
if(EXISTS "${report_dir}/unsafe.tsan-clang.txt")
  add_test(NAME sarif.source-root
           COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=0
                   "-DREQUIRE=\"uri\": \"cases/unsafe/unsafe.c\"|\"uriBaseId\": \"SRCROOT\"|\"uri\": \"file:///work/main/\""
                   "-DWORKING_DIRECTORY=${report_dir}"
                   -P "${PROJECT_SOURCE_DIR}/tests/expect_substrings.cmake"
                   -- $<TARGET_FILE:racelab> sarif --source-root /work/main unsafe.tsan-clang.txt)
  set_tests_properties(sarif.source-root PROPERTIES LABELS "sarif;exports" TIMEOUT 30)
endif()

# Issue 16: several reports of one detector are one SARIF run (code scanning
# rejects two runs of one tool and category in an upload); reports of two
# detectors are refused, one line naming both; stdin is a report alone.
set(merged_reports unsafe.tsan-clang.txt two_races.tsan-clang.txt lock_order.tsan-clang.txt
    thread_leak.tsan-gcc.txt)
add_test(NAME sarif.merge
         COMMAND ${CMAKE_COMMAND} -DRACELAB=$<TARGET_FILE:racelab> "-DWORKING_DIRECTORY=${report_dir}"
                 "-DREPORTS=${merged_reports}" -P "${PROJECT_SOURCE_DIR}/tests/sarif_merge.cmake")
add_test(NAME sarif.merge-two-detectors
         COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=2
                 "-DEXPECT_OUTPUT=^racelab: sarif: unsafe.drd.xml is a drd report and unsafe.tsan-clang.txt a tsan one: one run is one detector"
                 -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" --
                 $<TARGET_FILE:racelab> sarif unsafe.tsan-clang.txt unsafe.drd.xml)
add_test(NAME sarif.merge-stdin-alone
         COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=2 "-DEXPECT_OUTPUT=^racelab: sarif: - \\(stdin\\) is a report alone"
                 -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" --
                 $<TARGET_FILE:racelab> sarif unsafe.tsan-clang.txt -)
set_tests_properties(sarif.merge sarif.merge-two-detectors sarif.merge-stdin-alone PROPERTIES
                     LABELS "sarif;exports" TIMEOUT 60 WORKING_DIRECTORY "${report_dir}")

# The SARIF of every readable corpus report must pass Microsoft's SARIF
# multitool with GitHub code scanning's rules: the check that runs on every
# clone (.ci/run installs the tool into build/tools; without it the test
# FAILS, naming the npm command).  It needs Node.js, so it is labelled
# `lint` and runs in the consumer preset with the other npm checkers; the
# tool's own tests stay free of Node.js.
set(RACELAB_SARIF_MULTITOOL "${PROJECT_SOURCE_DIR}/build/tools/node_modules/.bin/sarif-multitool"
    CACHE FILEPATH "Microsoft's SARIF multitool (npm install --prefix build/tools @microsoft/sarif-multitool@5)")
set(source_root_reports unsafe.tsan-clang.txt unsafe.tsan-gcc.txt unsafe.helgrind.xml
    unsafe.helgrind.txt unsafe.drd.xml race_then_crash.drd.txt)
add_test(NAME sarif.multitool
         COMMAND ${CMAKE_COMMAND} "-DMULTITOOL=${RACELAB_SARIF_MULTITOOL}"
                 -DRACELAB=$<TARGET_FILE:racelab> "-DOUT_DIR=${CMAKE_CURRENT_BINARY_DIR}/sarif.multitool"
                 "-DWORKING_DIRECTORY=${report_dir}" "-DREPORTS=${golden_reports}"
                 -DSOURCE_ROOT=/work/main "-DSOURCE_ROOT_REPORTS=${source_root_reports}"
                 "-DMERGE_REPORTS=${merged_reports}"
                 -P "${PROJECT_SOURCE_DIR}/tests/sarif_multitool.cmake")
set_tests_properties(sarif.multitool PROPERTIES LABELS "lint;sarif" TIMEOUT 600)
# The check can fail: racelab's SARIF as it was before it named its version
# and informationUri draws the multitool's warnings (SARIF2005) ...
add_test(NAME sarif.multitool-catches-warnings
         COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=1 "-DEXPECT_OUTPUT=warning: SARIF2005.*errors or warnings"
                 -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" --
                 ${CMAKE_COMMAND} "-DMULTITOOL=${RACELAB_SARIF_MULTITOOL}" -DRACELAB=$<TARGET_FILE:racelab>
                 "-DOUT_DIR=${CMAKE_CURRENT_BINARY_DIR}/sarif.multitool-catches-warnings"
                 "-DWORKING_DIRECTORY=${report_dir}" -DREPORTS=
                 "-DEXTRA_SARIF=${PROJECT_SOURCE_DIR}/tests/sarif_without_tool_version.sarif"
                 -P "${PROJECT_SOURCE_DIR}/tests/sarif_multitool.cmake")
# ... and a clone without the tool fails with the command that installs it.
add_test(NAME sarif.multitool-missing-fails
         COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=1
                 "-DEXPECT_OUTPUT=sarif-multitool not found at [^\n]*: install it with 'npm install --prefix build/tools @microsoft/sarif-multitool@5'"
                 -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" --
                 ${CMAKE_COMMAND} "-DMULTITOOL=${CMAKE_CURRENT_BINARY_DIR}/no-such-dir/sarif-multitool"
                 -DRACELAB=$<TARGET_FILE:racelab> "-DOUT_DIR=${CMAKE_CURRENT_BINARY_DIR}/sarif.multitool-missing"
                 "-DWORKING_DIRECTORY=${report_dir}" "-DREPORTS=${golden_reports}"
                 -P "${PROJECT_SOURCE_DIR}/tests/sarif_multitool.cmake")
set_tests_properties(sarif.multitool-catches-warnings PROPERTIES LABELS "lint;sarif" TIMEOUT 120)
set_tests_properties(sarif.multitool-missing-fails PROPERTIES LABELS "sarif;exports" TIMEOUT 120)

# ci/check-sarif, the ingestion check ci/gate runs on the SARIF the reusable
# workflow's script writes, can fail: hand-made files that break one rule
# each (two runs of one tool and category, a result without a location or
# fingerprint, a tool without a version) are rejected, a good one passes.
# It runs the multitool too: label lint, like the checks above.  Without the
# multitool it fails, naming the npm command.
add_test(NAME sarif.check-sarif
         COMMAND ${CMAKE_COMMAND} "-DCHECK_SARIF=${PROJECT_SOURCE_DIR}/ci/check-sarif"
                 "-DMULTITOOL=${RACELAB_SARIF_MULTITOOL}" "-DFIXTURES=${PROJECT_SOURCE_DIR}/tests/check_sarif"
                 -P "${PROJECT_SOURCE_DIR}/tests/check_sarif.cmake")
add_test(NAME sarif.check-sarif-multitool-missing
         COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=1
                 "-DEXPECT_OUTPUT=sarif-multitool not found at [^\n]*: install it with 'npm install --prefix build/tools"
                 -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" --
                 "${PROJECT_SOURCE_DIR}/ci/check-sarif" --multitool "${CMAKE_CURRENT_BINARY_DIR}/no-such-dir/sarif-multitool"
                 "${PROJECT_SOURCE_DIR}/tests/check_sarif/good.sarif")
set_tests_properties(sarif.check-sarif PROPERTIES LABELS "lint;sarif" TIMEOUT 300)
set_tests_properties(sarif.check-sarif-multitool-missing PROPERTIES LABELS "sarif;exports" TIMEOUT 30)

# Where the official schema and python3-jsonschema are at hand (the schema
# lives outside the repository, in ../shared/schemas), the output is also
# checked against it.  Elsewhere the test is not registered at all, rather
# than counted as a skip on every fresh clone: the multitool check above
# runs everywhere.
if(EXISTS "${RACELAB_SARIF_SCHEMA}" AND EXISTS "${RACELAB_PYTHON3}")
  foreach(variant plain source-root)
    set(name sarif.schema-valid)
    set(extra)
    if(variant STREQUAL "source-root")
      set(name sarif.schema-valid.source-root)
      set(extra -- --source-root /work/main)
    endif()
    add_test(NAME ${name}
             COMMAND "${RACELAB_PYTHON3}" "${PROJECT_SOURCE_DIR}/tests/validate_sarif.py"
                     "${RACELAB_SARIF_SCHEMA}" $<TARGET_FILE:racelab> ${golden_reports} ${extra})
    set_tests_properties(${name} PROPERTIES LABELS "sarif;exports" TIMEOUT 120
                         SKIP_RETURN_CODE 77 SKIP_REGULAR_EXPRESSION "SKIP: ")
  endforeach()
else()
  message(STATUS "SARIF schema test not registered: ${RACELAB_SARIF_SCHEMA} or ${RACELAB_PYTHON3} "
                 "is missing (sarif.multitool checks the output on every clone)")
endif()

# Odd models no detector prints must not crash the exports; under valgrind
# (when installed) leaks and invalid reads in the cJSON handling fail too.
add_executable(exports_odd_models "${PROJECT_SOURCE_DIR}/tests/exports_odd_models.c")
target_link_libraries(exports_odd_models PRIVATE racelab_core)
add_test(NAME exports.odd-models COMMAND exports_odd_models)
set_tests_properties(exports.odd-models PROPERTIES LABELS "unit;exports" TIMEOUT 60)
# Valgrind 3.19 cannot read clang 14's DWARF 5, so only gcc builds get it.
find_program(RACELAB_MEMCHECK_VALGRIND valgrind)
if(RACELAB_MEMCHECK_VALGRIND AND CMAKE_C_COMPILER_ID STREQUAL "GNU")
  add_test(NAME exports.odd-models.memcheck
           COMMAND "${RACELAB_MEMCHECK_VALGRIND}" --tool=memcheck --leak-check=full
                   --errors-for-leak-kinds=definite,indirect --error-exitcode=1 -q
                   $<TARGET_FILE:exports_odd_models>)
  set_tests_properties(exports.odd-models.memcheck PROPERTIES LABELS "unit;exports" TIMEOUT 300)
endif()

# racelab sarif --detector: a clean TSan run's empty output is a report
# without findings (one run, no results), as racelab run reads it; without
# --detector the same file is refused, and --detector will not read stdin.
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/empty-tsan-run.stderr" "")
set(empty_tsan "${CMAKE_CURRENT_BINARY_DIR}/empty-tsan-run.stderr")
add_test(NAME sarif.detector-empty-tsan-run
         COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=0 "-DREQUIRE=\"results\": []|\"detector\": \"tsan\"|\"executionSuccessful\": true"
                 -P "${PROJECT_SOURCE_DIR}/tests/expect_substrings.cmake" --
                 $<TARGET_FILE:racelab> sarif --detector tsan "${empty_tsan}")
add_test(NAME sarif.empty-without-detector-refused
         COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=2 "-DEXPECT_OUTPUT=empty input: nothing to read"
                 -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" --
                 $<TARGET_FILE:racelab> sarif "${empty_tsan}")
add_test(NAME sarif.detector-refuses-stdin
         COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=2 "-DEXPECT_OUTPUT=--detector reads report files"
                 -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" --
                 $<TARGET_FILE:racelab> sarif --detector drd -)
set_tests_properties(sarif.detector-empty-tsan-run sarif.empty-without-detector-refused sarif.detector-refuses-stdin
                     PROPERTIES LABELS "sarif;exports" TIMEOUT 60)

# A perturbed run's .perturb sidecar beside its raw report (perturbation.h):
# racelab json's "perturbation", racelab sarif's invocation and run
# properties.perturbation, a malformed one refused (exit 2, one line naming
# it), and the perturbed SARIF through ci/check-sarif (label lint: it needs
# the multitool, like sarif.check-sarif).  Real reports of the corpus are
# copied into the build tree beside sidecars the script writes.
foreach(check json sarif malformed check-sarif)
  add_test(NAME perturbation.${check}
           COMMAND ${CMAKE_COMMAND} -DRACELAB=$<TARGET_FILE:racelab> "-DREPORTS=${report_dir}"
                   "-DWORK=${CMAKE_CURRENT_BINARY_DIR}/perturbation.${check}" -DCHECK=${check}
                   "-DCHECK_SARIF=${PROJECT_SOURCE_DIR}/ci/check-sarif" "-DMULTITOOL=${RACELAB_SARIF_MULTITOOL}"
                   -P "${PROJECT_SOURCE_DIR}/tests/perturbation.cmake")
endforeach()
set_tests_properties(perturbation.json perturbation.malformed PROPERTIES LABELS "unit;exports" TIMEOUT 60)
set_tests_properties(perturbation.sarif PROPERTIES LABELS "sarif;exports" TIMEOUT 60)
set_tests_properties(perturbation.check-sarif PROPERTIES LABELS "lint;sarif" TIMEOUT 300)
