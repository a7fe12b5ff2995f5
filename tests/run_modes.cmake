# racelab run's modes on real runs under the configured detector: discovery
# (no expected file), --bless, --baseline, --runs; and what it refuses.
# Discovery runs in every preset: each detector must show a racy program
# racy and a clean one clean.  Bless, baselines and retries are the judge's
# own logic over the stable lines, the same whichever report they came
# from: they run under tsan (TSan's text) and helgrind (Valgrind's XML),
# one detector per report format, which keeps DRD's slow runs (about 2 s
# each) out of the gate's longest preset.

set(run_modes "${PROJECT_SOURCE_DIR}/tests/run_modes")
set(work "${CMAKE_BINARY_DIR}/run-modes")
set(expect_exit -P "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake" --)
set(racelab_run $<TARGET_FILE:racelab> run --detector ${RACELAB_DETECTOR})

# The test programs, built the way the detector needs them.
foreach(program races_by_name miss_once reads_inputs forks)
  add_executable(${program} "${run_modes}/${program}.c")
  racelab_instrument(${program})
endforeach()
# clang's and gcc's TSan report the same lines: one file serves both
# (the module's racelab_expected_family).
_racelab_detector_settings()
set(family ${racelab_expected_family})
racelab_expected_in_directory(clean_expected "${PROJECT_SOURCE_DIR}/cases/mutex")

# name  racelab-exit  output-regex  COMMAND...
function(racelab_mode_test name want_exit want_output)
  add_test(NAME run.${name}.${RACELAB_DETECTOR}
           COMMAND ${CMAKE_COMMAND} -DEXPECT_EXIT=${want_exit} "-DEXPECT_OUTPUT=${want_output}" ${expect_exit} ${ARGN})
  set_tests_properties(run.${name}.${RACELAB_DETECTOR} PROPERTIES
    LABELS "unit;run-modes;detector:${RACELAB_DETECTOR}" TIMEOUT 120)
endfunction()

# Discovery: no expected file, the findings in the stable form; exit 1 for
# a racy program, 0 for a clean one (DRD names globals `global`).  Without --report the raw report goes
# to racelab-reports/PROGRAM.DETECTOR under the working directory.
racelab_mode_test(discover-racy 1
  "FOUND: [^\n]*races_by_name under ${RACELAB_DETECTOR}: 2 findings[^\n]*\ndata-race (alpha|global) races_by_name.c:19[^\n]*\ndata-race (beta|global) races_by_name.c:21.*raw report: racelab-reports/races_by_name.${RACELAB_DETECTOR}.*racelab explain racelab-reports/races_by_name"
  ${racelab_run} -- $<TARGET_FILE:races_by_name>)
set_tests_properties(run.discover-racy.${RACELAB_DETECTOR} PROPERTIES WORKING_DIRECTORY "${CMAKE_BINARY_DIR}")
racelab_mode_test(discover-clean 0 "^racelab: clean: [^\n]*case_mutex under ${RACELAB_DETECTOR}: no findings\nno findings\n"
  ${racelab_run} --report "${work}/discover-clean" -- $<TARGET_FILE:case_mutex> 2 1000)

if(RACELAB_DETECTOR MATCHES "^(tsan|helgrind)$")
# Bless: writes the expected file from a real verdict, keeps its comments,
# and the next run passes; a run without a verdict blesses nothing.
add_test(NAME run.bless.${RACELAB_DETECTOR}
         COMMAND ${CMAKE_COMMAND} -DRACELAB=$<TARGET_FILE:racelab> -DDETECTOR=${RACELAB_DETECTOR}
                 -DWORK=${work}/bless "-DFOUND=\ndata-race alpha races_by_name.c:19[^\n]*\ndata-race beta races_by_name.c:21[^\n]*\n#"
                 -P "${PROJECT_SOURCE_DIR}/tests/bless_run.cmake" -- $<TARGET_FILE:races_by_name>)
set_tests_properties(run.bless.${RACELAB_DETECTOR} PROPERTIES
  LABELS "unit;run-modes;detector:${RACELAB_DETECTOR}" TIMEOUT 120)

# Bless adds to a baseline: the races it had stay.
add_test(NAME run.bless-accumulates.${RACELAB_DETECTOR}
         COMMAND ${CMAKE_COMMAND} -DRACELAB=$<TARGET_FILE:racelab> -DDETECTOR=${RACELAB_DETECTOR}
                 -DWORK=${work}/bless-accumulates
                 -P "${PROJECT_SOURCE_DIR}/tests/bless_accumulates.cmake" -- $<TARGET_FILE:races_by_name>)
set_tests_properties(run.bless-accumulates.${RACELAB_DETECTOR} PROPERTIES
  LABELS "unit;run-modes;detector:${RACELAB_DETECTOR}" TIMEOUT 120)

# Baselines: the program's two known races pass; a third fails, named, with
# its raw report; a baselined race that is gone is printed as fixed, and
# fails only with --strict.
set(baseline "${run_modes}/races_by_name.baseline.${family}")
racelab_mode_test(baseline-known 0 "ok: .* no finding outside .*2 of its 2 lines seen"
  ${racelab_run} --baseline "${baseline}" --report "${work}/baseline-known" -- $<TARGET_FILE:races_by_name>)
racelab_mode_test(baseline-new-race 1
  "NEW: data-race gamma_ races_by_name.c:23[^\n]*\n  raw report: [^\n]*baseline-new.*FAIL: .*1 new finding not in"
  ${racelab_run} --baseline "${baseline}" --report "${work}/baseline-new" -- $<TARGET_FILE:races_by_name> alpha beta gamma)
racelab_mode_test(baseline-fixed 0
  "fixed: data-race beta races_by_name.c:21[^\n]*\n  not seen in 1 run: remove this line from .*ok: .*1 of its 2 lines seen"
  ${racelab_run} --baseline "${baseline}" --report "${work}/baseline-fixed" -- $<TARGET_FILE:races_by_name> alpha)
racelab_mode_test(baseline-fixed-strict 1 "fixed: data-race beta .*FAIL: .*--strict: 1 baseline line no longer seen"
  ${racelab_run} --baseline "${baseline}" --strict --report "${work}/baseline-strict" -- $<TARGET_FILE:races_by_name> alpha)

# Retries.  Every run given is made, even once every expected race has
# shown: a new race may show in any of them.
racelab_mode_test(runs-all-made 0 "ok: .*flagged in 5 of 5 runs\n"
  ${racelab_run} --expected "${baseline}" --runs 5 --report "${work}/runs-all-made" -- $<TARGET_FILE:races_by_name>)
# A program that must be clean is run all N times.
racelab_mode_test(runs-clean-every-run 0 "ok: .*no findings.*flagged in 0 of 3 runs\n"
  ${racelab_run} --expected "${clean_expected}" --runs 3 --report "${work}/runs-clean" -- $<TARGET_FILE:case_mutex> 2 1000)
# miss_once's first run gives no verdict, as a detector miss does (nothing
# reported, the program fails); its markers are removed before each test.
set(markers "${work}/markers")
add_test(NAME run.miss-once-markers.${RACELAB_DETECTOR} COMMAND ${CMAKE_COMMAND} -E rm -rf "${markers}")
add_test(NAME run.miss-once-marker-dir.${RACELAB_DETECTOR} COMMAND ${CMAKE_COMMAND} -E make_directory "${markers}")
set_tests_properties(run.miss-once-markers.${RACELAB_DETECTOR} PROPERTIES FIXTURES_SETUP miss_once_clean LABELS "unit;run-modes")
set_tests_properties(run.miss-once-marker-dir.${RACELAB_DETECTOR} PROPERTIES FIXTURES_SETUP miss_once
                     FIXTURES_REQUIRED miss_once_clean DEPENDS run.miss-once-markers.${RACELAB_DETECTOR} LABELS "unit;run-modes")
set(miss_expected "${run_modes}/miss_once.expected.${family}")
# ... one run: no verdict, the reason quoting the program's stderr;
racelab_mode_test(runs-1-miss-no-verdict 3 "NO VERDICT: .*failed on its own: exit status 1, its stderr begins \"miss_once: first run"
  ${racelab_run} --expected "${miss_expected}" --report "${work}/miss-1" -- $<TARGET_FILE:miss_once> "${markers}/one" race)
# ... with retries, the race expected is seen in run 2: a pass;
racelab_mode_test(runs-miss-then-expected-race 0 "1 of 3 runs .*gave no verdict.*ok: .*flagged in 2 of 3 runs"
  ${racelab_run} --expected "${miss_expected}" --runs 3 --report "${work}/miss-race" -- $<TARGET_FILE:miss_once> "${markers}/race" race)
# ... a race where none is expected is caught in run 2 (the mutant's flip);
racelab_mode_test(runs-miss-then-unexpected-race 1 "MISMATCH: .*\\+ data-race shared miss_once.c:[0-9]+:add_one:.*flagged in 1 of 2 runs"
  ${racelab_run} --expected "${clean_expected}" --runs 3 --report "${work}/miss-mismatch" -- $<TARGET_FILE:miss_once> "${markers}/mismatch" race)
# ... and a miss never turns into a pass on the clean side.
racelab_mode_test(runs-miss-never-clean 3 "NO VERDICT: .*1 of 3 runs gave no verdict .*cannot show a clean program"
  ${racelab_run} --expected "${clean_expected}" --runs 3 --report "${work}/miss-clean" -- $<TARGET_FILE:miss_once> "${markers}/clean" clean)
# A baseline judges every run: a race that shows only from run 2 on fails,
# although every baselined race had shown in run 1.
racelab_mode_test(baseline-late-race 1
  "NEW: data-race late miss_once.c:[0-9]+:add_one:[0-9a-f]+\n.*FAIL: .*1 new finding not in.*flagged in 2 of 2 runs"
  ${racelab_run} --baseline "${run_modes}/miss_once.late.baseline.${family}" --runs 3 --report "${work}/late-baseline"
  -- $<TARGET_FILE:miss_once> "${markers}/late-baseline" late)
# Bless makes runs until --settle of them in a row add nothing (here run 1
# shows `shared`, run 2 `late`, runs 3 and 4 nothing new), writes into a
# directory that does not exist yet, and marks `late`, seen in 3 of 4 runs,
# `sometimes`; the file then judges a run that lacks `late` as ok.
add_test(NAME run.bless-settles.${RACELAB_DETECTOR}
         COMMAND ${CMAKE_COMMAND} -DRACELAB=$<TARGET_FILE:racelab> -DDETECTOR=${RACELAB_DETECTOR}
                 -DWORK=${work}/bless-settles -DMARKERS=${markers}
                 -P "${PROJECT_SOURCE_DIR}/tests/bless_settles.cmake" -- $<TARGET_FILE:miss_once>)
set_tests_properties(run.bless-settles.${RACELAB_DETECTOR} PROPERTIES LABELS "unit;run-modes;detector:${RACELAB_DETECTOR}" TIMEOUT 120)
foreach(test runs-1-miss-no-verdict runs-miss-then-expected-race runs-miss-then-unexpected-race runs-miss-never-clean
             baseline-late-race bless-settles)
  set_tests_properties(run.${test}.${RACELAB_DETECTOR} PROPERTIES FIXTURES_REQUIRED miss_once)
endforeach()
endif()

# --perturb: seeds, sidecars and the shim's counts, under every detector
# (the shim must act under each).  A program built without the shim is no
# verdict, never a plain run that calls itself perturbed.
add_executable(races_by_name_no_shim "${run_modes}/races_by_name.c")
set_property(TARGET races_by_name_no_shim PROPERTY RACELAB_NO_PERTURB TRUE)
racelab_instrument(races_by_name_no_shim)
add_test(NAME run.perturb-seeds.${RACELAB_DETECTOR}
         COMMAND ${CMAKE_COMMAND} -DRACELAB=$<TARGET_FILE:racelab> -DDETECTOR=${RACELAB_DETECTOR}
                 -DWORK=${work}/perturb-seeds -P "${PROJECT_SOURCE_DIR}/tests/perturb_seeds.cmake"
                 -- $<TARGET_FILE:races_by_name>)
set_tests_properties(run.perturb-seeds.${RACELAB_DETECTOR} PROPERTIES
  LABELS "unit;run-modes;perturb;detector:${RACELAB_DETECTOR}" TIMEOUT 120)
racelab_mode_test(perturb-no-shim 3
  "NO VERDICT: [^\n]*--perturb: no racelab_perturb_wrappers symbol in [^\n]*races_by_name_no_shim: build the program with racelab_instrument\\(\\)"
  ${racelab_run} --perturb --report "${work}/perturb-no-shim" -- $<TARGET_FILE:races_by_name_no_shim>)
racelab_mode_test(perturb-bad-strategy 2 "--perturb-strategy is pct or delay, got 'random'"
  ${racelab_run} --perturb-strategy random -- $<TARGET_FILE:races_by_name>)

# A program that forks: its child's Valgrind output must not end up in the
# parent's XML report (a real library's signal test made it "malformed").
racelab_mode_test(forked-child 1 "FOUND: [^\n]*: 1 finding[^\n]*\ndata-race (shared|global) forks.c:25:racer:"
  ${racelab_run} --report "${work}/forked-child" -- $<TARGET_FILE:forks>)
# A race in a forked child whose parent exits 0 (a framework running each
# test in a child): TSan reports it from the child's pid, and the parent's
# exit status 0 must not turn it into no verdict.  Valgrind silences forked
# children (above), so it is TSan's alone.
if(RACELAB_DETECTOR MATCHES "^tsan")
  racelab_mode_test(race-in-forked-child 1 "FOUND: [^\n]*: 1 finding[^\n]*\ndata-race shared forks.c:[0-9]+:racer:"
    ${racelab_run} --report "${work}/race-in-forked-child" -- $<TARGET_FILE:forks> child)
endif()

# racelab ctest and ENVIRONMENT_MODIFICATION: the judge's own logic, so
# under tsan only.
if(RACELAB_DETECTOR STREQUAL "tsan")
  add_test(NAME ctest.environment-modification.${RACELAB_DETECTOR}
           COMMAND ${CMAKE_COMMAND} -DRACELAB=$<TARGET_FILE:racelab> -DDETECTOR=${RACELAB_DETECTOR}
                   "-DPROJECT=${PROJECT_SOURCE_DIR}/tests/ctest-environment" "-DWORK=${work}/ctest-environment"
                   -DREADS_INPUTS=$<TARGET_FILE:reads_inputs> -P "${PROJECT_SOURCE_DIR}/tests/ctest_environment.cmake")
  set_tests_properties(ctest.environment-modification.${RACELAB_DETECTOR} PROPERTIES
    LABELS "unit;run-modes;detector:${RACELAB_DETECTOR}" TIMEOUT 120)
endif()

# The program's inputs, under every detector: reads_inputs races on each
# input it is given (stdin, READS_INPUTS_RACE=yes, a race-here file in its
# directory) and is clean without them, so each test below fails when its
# input does not reach the program.
set(inputs "${run_modes}/inputs")
racelab_mode_test(inputs-none 0 "clean: [^\n]*reads_inputs under ${RACELAB_DETECTOR}: no findings"
  ${racelab_run} --report "${work}/inputs-none" -- $<TARGET_FILE:reads_inputs>)
racelab_mode_test(stdin 1 "FOUND: [^\n]*: 1 finding[^\n]*\ndata-race (from_stdin|global) reads_inputs.c:[0-9]+:race_on_stdin:"
  ${racelab_run} --stdin "${inputs}/stdin.txt" --report "${work}/stdin" -- $<TARGET_FILE:reads_inputs>)
racelab_mode_test(env 1 "FOUND: [^\n]*: 1 finding[^\n]*\ndata-race (from_env|global) reads_inputs.c:[0-9]+:race_on_env:"
  ${racelab_run} --env READS_INPUTS_RACE=yes --report "${work}/env" -- $<TARGET_FILE:reads_inputs>)
# --cwd with a relative program, stdin file and report prefix: each is read
# from racelab's own directory (the build's), not from the program's; the
# report is parsed from where racelab looks for it, so the finding is also
# the proof that it was written there.
# (sorted by location: DRD calls both `global`, and the sites decide)
set(cwd_race "data-race (from_cwd|global) reads_inputs.c:[0-9]+:race_on_cwd:[0-9a-f]+")
set(stdin_race "data-race (from_stdin|global) reads_inputs.c:[0-9]+:race_on_stdin:[0-9a-f]+")
file(RELATIVE_PATH reads_inputs_relative "${CMAKE_BINARY_DIR}" "${CMAKE_CURRENT_BINARY_DIR}/reads_inputs")
file(RELATIVE_PATH stdin_relative "${CMAKE_BINARY_DIR}" "${inputs}/stdin.txt")
racelab_mode_test(cwd 1
  "FOUND: [^\n]*: 2 findings[^\n]*\n(${cwd_race}\n${stdin_race}|${stdin_race}\n${cwd_race})\n.*raw report: run-modes/cwd-relative\\."
  ${racelab_run} --cwd "${inputs}" --stdin "${stdin_relative}" --report run-modes/cwd-relative -- "./${reads_inputs_relative}")
set_tests_properties(run.cwd.${RACELAB_DETECTOR} PROPERTIES WORKING_DIRECTORY "${CMAKE_BINARY_DIR}")
# Bad inputs: one line naming the option and the path, exit 2, nothing run.
racelab_mode_test(stdin-missing 2 "^racelab run: --stdin [^\n]*no-such-input: No such file or directory\n$"
  ${racelab_run} --stdin "${work}/no-such-input" -- $<TARGET_FILE:reads_inputs>)
racelab_mode_test(env-malformed 2 "^racelab run: --env 'READS_INPUTS_RACE': give NAME=VALUE [^\n]*\n$"
  ${racelab_run} --env READS_INPUTS_RACE -- $<TARGET_FILE:reads_inputs>)
racelab_mode_test(cwd-missing 2 "^racelab run: --cwd [^\n]*no-such-dir: No such file or directory\n$"
  ${racelab_run} --cwd "${work}/no-such-dir" -- $<TARGET_FILE:reads_inputs>)
racelab_mode_test(cwd-not-directory 2 "^racelab run: --cwd [^\n]*stdin.txt: not a directory\n$"
  ${racelab_run} --cwd "${inputs}/stdin.txt" -- $<TARGET_FILE:reads_inputs>)

if(RACELAB_DETECTOR MATCHES "^(tsan|helgrind)$")
  # The same inputs through the CMake API, for the test and its bless target
  # alike (one detector per report format, as for bless above): the bless
  # target writes a file with the three races only when it passes all three
  # inputs (relative paths: from this CMakeLists.txt's directory), and the
  # test passes that file only when it does too.
  set(api_expected "${work}/api-inputs/")
  racelab_add_race_test(NAME api-inputs TARGET reads_inputs EXPECTED "${api_expected}"
                        STDIN run_modes/inputs/stdin.txt ENVIRONMENT READS_INPUTS_RACE=yes
                        WORKING_DIRECTORY run_modes/inputs LABELS unit run-modes)
  add_test(NAME run.api-inputs-bless.${RACELAB_DETECTOR}
           COMMAND ${CMAKE_COMMAND} -DBUILD=${CMAKE_BINARY_DIR} -DTARGET=racelab-bless.api-inputs.${RACELAB_DETECTOR}
                   -DBLESSED=${api_expected}expected.${family}
                   -P "${PROJECT_SOURCE_DIR}/tests/bless_target_inputs.cmake")
  set_tests_properties(run.api-inputs-bless.${RACELAB_DETECTOR} PROPERTIES
    FIXTURES_SETUP api_inputs_blessed LABELS "unit;run-modes;detector:${RACELAB_DETECTOR}" TIMEOUT 300)
  set_tests_properties(api-inputs.${RACELAB_DETECTOR} PROPERTIES FIXTURES_REQUIRED api_inputs_blessed)
  # The proof that the test can fail: the same expected file, the program
  # without its working directory, misses race_on_cwd.
  racelab_add_race_test(NAME api-inputs-without-cwd TARGET reads_inputs EXPECTED "${api_expected}" NO_BLESS
                        STDIN run_modes/inputs/stdin.txt ENVIRONMENT READS_INPUTS_RACE=yes
                        EXPECT_MISMATCH "MISMATCH: api-inputs-without-cwd .*\n- data-race (from_cwd|global) reads_inputs.c:[0-9]+:race_on_cwd:"
                        LABELS unit run-modes)
  set_tests_properties(api-inputs-without-cwd.${RACELAB_DETECTOR} PROPERTIES FIXTURES_REQUIRED api_inputs_blessed)
endif()

# A race inside the project's own library is placed at the library's line,
# whether the library is shared or static, never at the caller's: the
# first frame under the source root is the site, in any object.  Every
# finding must be in racy_add (DRD at -O0 names line 8 in some runs, the
# loop's line, as well as 9).
set(racy_lib "${run_modes}/racy_lib")
add_library(racy_lib_shared SHARED "${racy_lib}/racy_lib.c")
add_library(racy_lib_static STATIC "${racy_lib}/racy_lib.c")
foreach(kind shared static)
  set_target_properties(racy_lib_${kind} PROPERTIES OUTPUT_NAME racy_lib_${kind})
  target_include_directories(racy_lib_${kind} PUBLIC "${racy_lib}")
  racelab_instrument(racy_lib_${kind})
  add_executable(uses_racy_lib_${kind} "${racy_lib}/uses_racy_lib.c")
  target_link_libraries(uses_racy_lib_${kind} PRIVATE racy_lib_${kind})
  racelab_instrument(uses_racy_lib_${kind})
  racelab_mode_test(own-library-${kind} 1
    "FOUND: [^\n]*: [0-9]+ findings?[^\n]*\n(data-race (racy_total|global) racy_lib.c:[0-9]+:racy_add:[0-9a-f]+\n)+  raw report"
    ${racelab_run} --source-root "${PROJECT_SOURCE_DIR}" --report "${work}/own-library-${kind}"
    -- $<TARGET_FILE:uses_racy_lib_${kind}>)
endforeach()

# gcc's TSan reads clang's expected.tsan, and blesses its own file only
# where that does not hold, never rewriting clang's.
if(RACELAB_DETECTOR STREQUAL "tsan-gcc")
  add_test(NAME run.bless-family.${RACELAB_DETECTOR}
           COMMAND ${CMAKE_COMMAND} -DRACELAB=$<TARGET_FILE:racelab> -DWORK=${work}/bless-family
                   "-DCLANG_FILE=${PROJECT_SOURCE_DIR}/cases/unsafe/expected.tsan"
                   -P "${PROJECT_SOURCE_DIR}/tests/bless_family.cmake" -- $<TARGET_FILE:case_unsafe> 2 1000)
  set_tests_properties(run.bless-family.${RACELAB_DETECTOR} PROPERTIES
    LABELS "unit;run-modes;detector:${RACELAB_DETECTOR}" TIMEOUT 120)
endif()

# The preset's detector works on this machine (its tests would fail
# otherwise), so racelab doctor must find nothing that stops it.
racelab_mode_test(doctor-finds-detector-working 0 "racelab doctor: ${RACELAB_DETECTOR} can work here"
  $<TARGET_FILE:racelab> doctor --detector ${RACELAB_DETECTOR})

# A newcomer's mistake: the program without "--".
racelab_mode_test(program-without-separator 2 "put -- before the program"
  ${racelab_run} --report "${work}/no-separator" $<TARGET_FILE:races_by_name>)

if(RACELAB_DETECTOR MATCHES "^tsan")
  # A suppressions file that does not exist: TSan exits 66 before main;
  # racelab names the doctor check.
  racelab_mode_test(suppressions-missing 3 "NO VERDICT: .*racelab doctor: tsan-suppressions"
    ${CMAKE_COMMAND} -E env "TSAN_OPTIONS=suppressions=${work}/no-such.supp"
    ${racelab_run} --report "${work}/supp-missing" -- $<TARGET_FILE:races_by_name>)
  # Suppressions in use: the entry that matched nothing is stale; it fails
  # the run only with --strict.
  set(known_supp "TSAN_OPTIONS=suppressions=${run_modes}/known.supp")
  racelab_mode_test(suppressions-stale 0 "stale suppression: [^\n]*known.supp:3: race:no_such_function matched nothing in 1 run.*ok: .*1 of its 1 line seen"
    ${CMAKE_COMMAND} -E env "${known_supp}"
    ${racelab_run} --baseline "${run_modes}/races_by_name.alpha.tsan" --report "${work}/supp-stale" -- $<TARGET_FILE:races_by_name>)
  racelab_mode_test(suppressions-stale-strict 1 "stale suppression: .*race:no_such_function.*FAIL: .*1 stale suppression"
    ${CMAKE_COMMAND} -E env "${known_supp}"
    ${racelab_run} --baseline "${run_modes}/races_by_name.alpha.tsan" --strict --report "${work}/supp-strict" -- $<TARGET_FILE:races_by_name>)
  # Valgrind's suppressions and options are refused under TSan, with the way to TSan's.
  racelab_mode_test(suppressions-refused-under-tsan 2 "^racelab run: --suppressions is Valgrind's [^\n]*TSAN_OPTIONS=suppressions=FILE"
    ${racelab_run} --suppressions "${run_modes}/valgrind.supp" -- $<TARGET_FILE:races_by_name>)
  # TSAN_OPTIONS given with --env is merged with racelab's own (exitcode=66
  # among them: the race is still a verdict) and its suppressions file audited.
  racelab_mode_test(suppressions-through-env 0 "stale suppression: [^\n]*known.supp:3: race:no_such_function matched nothing in 1 run.*ok: .*1 of its 1 line seen"
    ${racelab_run} --env "${known_supp}" --baseline "${run_modes}/races_by_name.alpha.tsan"
    --report "${work}/supp-env" -- $<TARGET_FILE:races_by_name>)
  # ... also when the program runs elsewhere: TSan reads the file racelab audits.
  file(RELATIVE_PATH known_supp_relative "${CMAKE_BINARY_DIR}" "${run_modes}/known.supp")
  racelab_mode_test(suppressions-relative-cwd 0 "stale suppression: [^\n]*known.supp:3: race:no_such_function matched nothing in 1 run.*ok: .*1 of its 1 line seen"
    ${racelab_run} --env "TSAN_OPTIONS=suppressions=${known_supp_relative}" --cwd "${inputs}"
    --baseline "${run_modes}/races_by_name.alpha.tsan" --report "${work}/supp-cwd" -- $<TARGET_FILE:races_by_name>)
  set_tests_properties(run.suppressions-relative-cwd.${RACELAB_DETECTOR} PROPERTIES WORKING_DIRECTORY "${CMAKE_BINARY_DIR}")
else()
  # Valgrind suppressions: each tool's racer entry hides races_by_name's two
  # races (without it the clean baseline fails: run.discover-racy), and the
  # tool's entry that matched nothing is stale; the other tool's entries,
  # which Valgrind skips, are not.
  if(RACELAB_DETECTOR STREQUAL "helgrind")
    set(stale_entry "valgrind.supp:11: helgrind-never-matches")
  else()
    set(stale_entry "valgrind.supp:21: drd-never-matches")
  endif()
  racelab_mode_test(valgrind-suppressions 0
    "^racelab: stale suppression: [^\n]*${stale_entry} matched nothing in 1 run: remove it\nracelab: ok: [^\n]* no finding outside"
    ${racelab_run} --suppressions "${run_modes}/valgrind.supp" --baseline "${clean_expected}"
    --report "${work}/valgrind-supp" -- $<TARGET_FILE:races_by_name>)
  racelab_mode_test(valgrind-suppressions-strict 1 "stale suppression: [^\n]*${stale_entry} .*FAIL: .*--strict: 0 baseline lines no longer seen, 1 stale suppression"
    ${racelab_run} --suppressions "${run_modes}/valgrind.supp" --baseline "${clean_expected}" --strict
    --report "${work}/valgrind-supp-strict" -- $<TARGET_FILE:races_by_name>)
  racelab_mode_test(suppressions-missing 2 "^racelab run: --suppressions [^\n]*no-such.supp: No such file or directory\n$"
    ${racelab_run} --suppressions "${work}/no-such.supp" -- $<TARGET_FILE:races_by_name>)
  racelab_mode_test(valgrind-option-owned 2 "^racelab run: --valgrind-option '--xml-file=x': racelab sets"
    ${racelab_run} --valgrind-option --xml-file=x -- $<TARGET_FILE:races_by_name>)
  # The same through the API: the run must be clean, which it is only
  # with the suppressions applied.
  racelab_add_race_test(NAME api-suppressions TARGET races_by_name SUPPRESSIONS run_modes/valgrind.supp
                        LABELS unit run-modes)
  if(RACELAB_DETECTOR STREQUAL "drd")
    # DRD sees a race on the stack only with --check-stack-var=yes: the
    # stack_variable case's race, a miss without the option (its
    # expected.drd), is found with it, through the CLI and the API.
    racelab_mode_test(valgrind-option 1 "FOUND: [^\n]*: 1 finding[^\n]*\ndata-race [^\n]* stack_variable.c:20:add:"
      ${racelab_run} --valgrind-option --check-stack-var=yes --report "${work}/valgrind-option"
      --source-root "${PROJECT_SOURCE_DIR}" -- $<TARGET_FILE:case_stack_variable>)
    racelab_add_race_test(NAME api-valgrind-options TARGET case_stack_variable
                          VALGRIND_OPTIONS --check-stack-var=yes
                          EXPECT_MISMATCH "FOUND: api-valgrind-options under drd: 1 finding.*stack_variable.c:20:add:"
                          LABELS unit run-modes)
  endif()
  # A TSan-instrumented binary under Valgrind is refused, as the reverse is.
  add_executable(races_by_name_tsan "${run_modes}/races_by_name.c")
  target_compile_options(races_by_name_tsan PRIVATE -fsanitize=thread -g)
  target_link_options(races_by_name_tsan PRIVATE -fsanitize=thread)
  target_link_libraries(races_by_name_tsan PRIVATE Threads::Threads)
  racelab_mode_test(tsan-binary-refused 3 "NO VERDICT: .*built with -fsanitize=thread: Valgrind cannot run"
    ${racelab_run} --report "${work}/tsan-binary" -- $<TARGET_FILE:races_by_name_tsan>)
endif()
