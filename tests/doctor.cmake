# racelab doctor: each trap of the machine simulated by pointing one probe
# elsewhere; the check must name it, with the fix, and fail the detectors
# it stops.  Detector-independent, so they run with the reader's tests and
# assert nothing about the real machine (each test points the probe that
# decides its outcome somewhere known).  Whether the preset's own detector
# passes every check on this machine is tested in run_modes.cmake.

set(doctor_dir "${CMAKE_CURRENT_BINARY_DIR}/doctor")
file(WRITE "${doctor_dir}/mmap_rnd_bits_32" "32\n")
set(doctor $<TARGET_FILE:racelab> doctor)

function(racelab_doctor_test name want_exit want_output)
  add_test(NAME doctor.${name}
           COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=${want_exit} "-DEXPECT_OUTPUT=${want_output}"
                   -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" -- ${ARGN})
  set_tests_properties(doctor.${name} PROPERTIES LABELS "unit;doctor" TIMEOUT 60)
endfunction()

racelab_doctor_test(mmap-rnd-bits-too-high 1
  "FAIL mmap-rnd-bits [^\n]*vm.mmap_rnd_bits is 32[^\n]*fix: sudo sysctl vm.mmap_rnd_bits=28.*tsan cannot work"
  ${doctor} --detector tsan --mmap-rnd-bits-file "${doctor_dir}/mmap_rnd_bits_32")
racelab_doctor_test(clang-missing 1 "FAIL clang-tsan-links [^\n]*fix: sudo apt-get install clang"
  ${doctor} --detector tsan --clang "${doctor_dir}/no-such-clang")
racelab_doctor_test(gcc-tsan-does-not-link 1
  "FAIL gcc-tsan-links [^\n]*cannot find -lracelab_test_libtsan_is_not_installed[^\n]*fix: sudo apt-get install libgcc-12-dev.*tsan-gcc cannot work"
  ${doctor} --detector tsan-gcc --gcc "${PROJECT_SOURCE_DIR}/tests/run_modes/gcc-without-tsan-runtime")
racelab_doctor_test(symbolizer-missing 1 "FAIL symbolizer [^\n]*<null>[^\n]*fix: sudo apt-get install llvm"
  ${doctor} --detector tsan --symbolizer "${doctor_dir}/no-such-llvm-symbolizer")
racelab_doctor_test(suppressions-missing 1
  "FAIL tsan-suppressions [^\n]*no-such.supp, which cannot be read[^\n]*exits 66 without running main.*tsan-gcc cannot work"
  ${CMAKE_COMMAND} -E env "TSAN_OPTIONS=suppressions=${doctor_dir}/no-such.supp" ${doctor} --detector tsan-gcc)
racelab_doctor_test(valgrind-missing 1 "FAIL valgrind [^\n]*fix: sudo apt-get install valgrind.*drd cannot work"
  ${doctor} --detector drd --valgrind "${doctor_dir}/no-such-valgrind")
# Without libc's debug info Helgrind 3.19 aborts (measured: every run), so
# the check fails it; DRD still works, reporting less: a warning.
# (The valgrind probe is pointed at an executable that exists: cmake.)
racelab_doctor_test(libc-debug-missing-helgrind 1
  "FAIL libc-debug \\(helgrind\\)[^\n]*Helgrind 3.19 aborts[^\n]*fix: sudo apt-get install libc6-dbg.*helgrind cannot work"
  ${doctor} --detector helgrind --valgrind "${CMAKE_COMMAND}" --debug-dir "${doctor_dir}/no-debug-dir")
racelab_doctor_test(libc-debug-missing-drd 0 "warn libc-debug \\(drd\\)[^\n]*fix: sudo apt-get install libc6-dbg.*drd can work"
  ${doctor} --detector drd --valgrind "${CMAKE_COMMAND}" --debug-dir "${doctor_dir}/no-debug-dir")
# Without --detector: every detector, the failing one named.
racelab_doctor_test(all-detectors 1 "FAIL valgrind .*racelab doctor: helgrind cannot work here[^\n]*\nracelab doctor: drd cannot work here"
  ${doctor} --valgrind "${doctor_dir}/no-such-valgrind")
racelab_doctor_test(unknown-option 2 "unknown option '--bogus'" ${doctor} --bogus x)

# A saved FATAL mmap abort: the verdict names the doctor check.
racelab_doctor_test(run-names-mmap-check 3 "NO VERDICT: .*unexpected memory mapping.*racelab doctor: mmap-rnd-bits"
  $<TARGET_FILE:racelab> check --detector tsan --expected "${PROJECT_SOURCE_DIR}/cases/unsafe/expected.tsan"
  --exit-status 66 "${PROJECT_SOURCE_DIR}/tests/reports/fatal_mmap.tsan.txt")

# Helgrind's real abort without libc6-dbg (tests/reports): no verdict, and
# the verdict names the doctor check.
racelab_doctor_test(run-names-libc-debug-check 3
  "NO VERDICT: .*racelab doctor: libc-debug: Helgrind 3.19 aborts without libc's debug info"
  $<TARGET_FILE:racelab> check --detector helgrind --expected "${PROJECT_SOURCE_DIR}/cases/unsafe/expected.helgrind"
  --exit-status 1 "${PROJECT_SOURCE_DIR}/tests/reports/helgrind_abort_no_libc6_dbg.helgrind.txt")
