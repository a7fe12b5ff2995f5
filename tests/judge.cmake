# The verdict rules of detector.h, exercised on saved reports with
# `racelab check --exit-status N` (and one real timeout): every way a run can
# go wrong must end in "no verdict" (exit 3), never in a pass.

set(reports "${PROJECT_SOURCE_DIR}/tests/reports")
set(unsafe_expected "${PROJECT_SOURCE_DIR}/cases/unsafe")
set(expect_exit -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" --)

# name  detector  expected-file  exit-status  report  racelab-exit  output-regex
function(racelab_judge_test name detector expected exit_status report want_exit want_output)
  add_test(NAME judge.${name}
           COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=${want_exit} "-DEXPECT_OUTPUT=${want_output}" ${expect_exit}
                   $<TARGET_FILE:racelab> check --detector ${detector} --expected "${expected}"
                   --case unsafe --exit-status ${exit_status} "${reports}/${report}")
  set_tests_properties(judge.${name} PROPERTIES LABELS "unit;judge" TIMEOUT 30)
endfunction()

# The same race, read from each detector's saved report, matches the case's
# expected file: clang's and gcc's TSan share one expected.tsan.
racelab_judge_test(saved-unsafe-tsan-clang tsan "${unsafe_expected}/expected.tsan" 66 unsafe.tsan-clang.txt 0 "ok: unsafe under tsan")
racelab_judge_test(saved-unsafe-tsan-gcc tsan-gcc "${unsafe_expected}/expected.tsan" 66 unsafe.tsan-gcc.txt 0 "ok: unsafe under tsan-gcc")
racelab_judge_test(saved-unsafe-mixed-output tsan "${unsafe_expected}/expected.tsan" 66 unsafe.tsan-clang-mixed.txt 0 "ok: unsafe")
racelab_judge_test(saved-unsafe-helgrind helgrind "${unsafe_expected}/expected.helgrind" 99 unsafe.helgrind.xml 0 "ok: unsafe under helgrind")
racelab_judge_test(saved-unsafe-drd drd "${PROJECT_SOURCE_DIR}/tests/judge_expected/unsafe_read_var_info.drd" 99 unsafe.drd.xml 0 "ok: unsafe under drd")
# The verdict names the kinds it saw: a lock-order inversion is not a race.
racelab_judge_test(ok-names-kinds tsan "${PROJECT_SOURCE_DIR}/tests/judge_expected/lock_order.tsan" 66 lock_order.tsan-clang.txt 0
                   "ok: unsafe under tsan: 1 finding reported \\(lock-order-inversion\\), as")

# A race where none is expected is a mismatch, shown as a diff.
racelab_judge_test(race-where-clean-expected tsan "${PROJECT_SOURCE_DIR}/cases/mutex/expected.tsan" 66 unsafe.tsan-clang.txt 1
                   "MISMATCH: unsafe under tsan.*- no findings.*\\+ data-race counter unsafe.c:15:add_to_shared_counter:[0-9a-f]+\n")

# A race inside a project library built without -g: its access has no line,
# and the site would be the caller's (uses_racy_lib.c:11), which the file
# below lists.  That is no verdict naming the library, never a pass.
racelab_judge_test(library-without-line-information tsan
                   "${PROJECT_SOURCE_DIR}/tests/judge_expected/race_in_library_without_debug_info.tsan" 66
                   race_in_library_without_debug_info.tsan-clang.txt 3
                   "NO VERDICT: [^\n]*a data race inside libracy_lib.so, which has no line information: build it with racelab_instrument")

# No verdict: the detector died, said it reported but nothing parses, the
# report is cut short, exit status and findings disagree, wrong detector.
racelab_judge_test(fatal-mmap tsan "${unsafe_expected}/expected.tsan" 66 fatal_mmap.tsan.txt 3
                   "NO VERDICT: unsafe under tsan: the detector died: FATAL: ThreadSanitizer: unexpected memory mapping")
racelab_judge_test(exit-66-nothing-parsed tsan "${unsafe_expected}/expected.tsan" 66 program_output_only.txt 3
                   "NO VERDICT: .*exited 66 .*no finding could be parsed")
racelab_judge_test(truncated-tsan tsan "${unsafe_expected}/expected.tsan" 66 truncated.tsan-clang.txt 3
                   "NO VERDICT: .*cut short")
racelab_judge_test(truncated-xml helgrind "${unsafe_expected}/expected.helgrind" 99 truncated.helgrind.xml 3
                   "NO VERDICT: .*the detector died: Valgrind's XML report stops at line 189, mid-document")
# Valgrind killed (kill -9) mid-run, and dead of an assertion, which closes
# its XML with </valgrindoutput> inside an <error>: the detector died, never
# "malformed" (a usage error) nor the errors written before as a verdict.
racelab_judge_test(killed-valgrind-xml drd "${unsafe_expected}/expected.drd" 137 endless_race.drd-killed.xml 3
                   "NO VERDICT: .*the detector died: Valgrind's XML report stops at line 221, mid-document: valgrind crashed or was killed")
racelab_judge_test(crashed-valgrind-xml drd "${unsafe_expected}/expected.drd" 1 endless_race.drd-crashed.xml 3
                   "NO VERDICT: .*the detector died: Valgrind's XML report stops at line 147, mid-document: valgrind crashed or was killed")
racelab_judge_test(findings-but-exit-0 tsan "${unsafe_expected}/expected.tsan" 0 unsafe.tsan-clang.txt 3
                   "NO VERDICT: .*findings were parsed but the detector exited 0")
racelab_judge_test(clean-but-program-failed tsan "${PROJECT_SOURCE_DIR}/cases/mutex/expected.tsan" 1 program_output_only.txt 3
                   "NO VERDICT: .*the program failed on its own: exit status 1")
racelab_judge_test(drd-report-for-helgrind helgrind "${unsafe_expected}/expected.helgrind" 99 unsafe.drd.xml 3
                   "NO VERDICT: .*the report is from drd, not helgrind")
racelab_judge_test(bad-expected-file tsan "${reports}/garbage.bin" 66 unsafe.tsan-clang.txt 2
                   "garbage.bin: binary data, not an expected-findings file")
