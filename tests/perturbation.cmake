# cmake -DRACELAB=PATH -DREPORTS=DIR -DWORK=DIR -DCHECK=json|sarif|malformed|check-sarif
#       [-DCHECK_SARIF=PATH -DMULTITOOL=PATH] -P perturbation.cmake
#
# A perturbed run's sidecar (PREFIX.perturb beside PREFIX.stderr or
# PREFIX.xml; PREFIX.runK.perturb for run K > 1) in racelab json and sarif
# (src/output/perturbation.h).  Real reports of tests/reports are copied
# into WORK under a run's names, next to sidecars written here:
#   json        "perturbation" at the top, whole numbers as numbers (as
#               written, however large), the rest strings, comments
#               skipped, an unknown key carried; the document otherwise
#               unchanged; no sidecar, no key;
#   sarif       two reports, one perturbed: run.properties.perturbation has
#               one entry naming it, its invocation carries the sidecar, the
#               other nothing; without the sidecar the document is as before;
#   malformed   each defect: exit 2, nothing on stdout, one line naming the
#               sidecar and the defect, from json and sarif alike;
#   check-sarif the perturbed SARIF passes ci/check-sarif (code scanning's
#               ingestion rules and the multitool).
foreach(var RACELAB REPORTS WORK CHECK)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "perturbation.cmake: ${var} is required")
  endif()
endforeach()
cmake_policy(VERSION 3.25) # list(GET) keeps empty elements
include("${CMAKE_CURRENT_LIST_DIR}/racelab_expect.cmake")

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
string(CONCAT sidecar "seed=1234567\nstrategy=pct\n# a comment, not a key\ndepth=3\nbudget_ms=2000\n"
                      "points=412\ndelays=37\ndelayed_ms=180\nfuture_key=word\n")
set(sidecar_keys 8)

# run(<out> <racelab arguments>...): racelab's stdout in <out>; exit 0 or fail.
function(run out)
  execute_process(COMMAND "${RACELAB}" ${ARGN} WORKING_DIRECTORY "${WORK}"
                  RESULT_VARIABLE status OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "racelab ${ARGN}: exit ${status}: ${stderr}")
  endif()
  set(${out} "${stdout}" PARENT_SCOPE)
endfunction()

set(failures)
# expect_value(<json> <type> <value> <path>...): the member at path has that type and value.
function(expect_value json type value)
  string(JOIN "." where ${ARGN})
  string(JSON got_type ERROR_VARIABLE missing TYPE "${json}" ${ARGN})
  string(JSON got ERROR_VARIABLE missing GET "${json}" ${ARGN})
  if(missing OR NOT got_type STREQUAL type OR NOT got STREQUAL value)
    list(APPEND failures "${where}: expected ${type} ${value}, got ${got_type} '${got}' ${missing}")
    set(failures "${failures}" PARENT_SCOPE)
  endif()
endfunction()
# expect_absent(<json> <path>...): no member at path.
function(expect_absent json)
  string(JOIN "." where ${ARGN})
  string(JSON got ERROR_VARIABLE missing GET "${json}" ${ARGN})
  if(NOT missing)
    list(APPEND failures "${where}: expected no such member, got ${got}")
    set(failures "${failures}" PARENT_SCOPE)
  endif()
endfunction()
# expect_length(<json> <length> <path>...)
function(expect_length json length)
  string(JOIN "." where ${ARGN})
  string(JSON got ERROR_VARIABLE missing LENGTH "${json}" ${ARGN})
  if(missing OR NOT got EQUAL length)
    list(APPEND failures "${where}: expected ${length} members, got '${got}' ${missing}")
    set(failures "${failures}" PARENT_SCOPE)
  endif()
endfunction()

if(CHECK STREQUAL "json")
  file(COPY_FILE "${REPORTS}/unsafe.tsan-clang.txt" "${WORK}/race.stderr")
  run(plain json race.stderr)
  expect_absent("${plain}" perturbation)
  file(WRITE "${WORK}/race.perturb" "${sidecar}big=18446744073709551617\nzero_padded=007\n")
  run(perturbed json race.stderr)
  expect_value("${perturbed}" NUMBER 1234567 perturbation seed)
  expect_value("${perturbed}" STRING pct perturbation strategy)
  expect_value("${perturbed}" NUMBER 3 perturbation depth)
  expect_value("${perturbed}" NUMBER 180 perturbation delayed_ms)
  expect_value("${perturbed}" STRING word perturbation future_key)
  expect_value("${perturbed}" STRING 007 perturbation zero_padded)
  math(EXPR keys "${sidecar_keys} + 2")
  expect_length("${perturbed}" ${keys} perturbation)
  # A seed wider than a double's 53 bits stays as written.
  if(NOT perturbed MATCHES "\n    \"big\": 18446744073709551617,\n")
    list(APPEND failures "big: not written as 18446744073709551617")
  endif()
  string(JSON rest REMOVE "${perturbed}" perturbation)
  string(JSON same EQUAL "${rest}" "${plain}")
  if(NOT same)
    list(APPEND failures "the document without perturbation differs from the report's own")
  endif()
  # Valgrind's XML, run 3 of a crashed program: its own sidecar, lines missing.
  file(COPY_FILE "${REPORTS}/unsafe.helgrind.xml" "${WORK}/race.run3.xml")
  file(WRITE "${WORK}/race.run3.perturb" "seed=99\nstrategy=random\ndepth=1\nbudget_ms=500\n")
  run(crashed json race.run3.xml)
  expect_value("${crashed}" NUMBER 99 perturbation seed)
  expect_value("${crashed}" STRING random perturbation strategy)
  expect_length("${crashed}" 4 perturbation)
  expect_absent("${crashed}" perturbation points)
elseif(CHECK STREQUAL "sarif")
  # Run 1 (no sidecar) and run 2 (perturbed) of one invocation.
  file(COPY_FILE "${REPORTS}/two_races.tsan-clang.txt" "${WORK}/race.stderr")
  file(COPY_FILE "${REPORTS}/unsafe.tsan-clang.txt" "${WORK}/race.run2.stderr")
  run(plain sarif race.stderr race.run2.stderr)
  expect_absent("${plain}" runs 0 properties perturbation)
  expect_absent("${plain}" runs 0 invocations 1 properties perturbation)
  file(WRITE "${WORK}/race.run2.perturb" "${sidecar}")
  run(merged sarif race.stderr race.run2.stderr)
  expect_length("${merged}" 1 runs 0 properties perturbation)
  expect_value("${merged}" STRING race.run2.stderr runs 0 properties perturbation 0 report)
  expect_value("${merged}" NUMBER 1234567 runs 0 properties perturbation 0 seed)
  expect_value("${merged}" STRING pct runs 0 properties perturbation 0 strategy)
  math(EXPR keys "${sidecar_keys} + 1")
  expect_length("${merged}" ${keys} runs 0 properties perturbation 0)
  expect_value("${merged}" STRING race.run2.stderr runs 0 invocations 1 properties report)
  expect_value("${merged}" NUMBER 1234567 runs 0 invocations 1 properties perturbation seed)
  expect_value("${merged}" STRING word runs 0 invocations 1 properties perturbation future_key)
  expect_length("${merged}" ${sidecar_keys} runs 0 invocations 1 properties perturbation)
  expect_absent("${merged}" runs 0 invocations 0 properties perturbation)
  # Nothing else changed: the three additions removed, the plain document.
  string(JSON rest REMOVE "${merged}" runs 0 properties perturbation)
  string(JSON rest REMOVE "${rest}" runs 0 invocations 1 properties perturbation)
  string(JSON same EQUAL "${rest}" "${plain}")
  if(NOT same)
    list(APPEND failures "the document without perturbation differs from the reports' own")
  endif()
  # A report alone: its invocation and the run carry it too.
  run(alone sarif race.run2.stderr)
  expect_value("${alone}" NUMBER 1234567 runs 0 invocations 0 properties perturbation seed)
  expect_value("${alone}" STRING race.run2.stderr runs 0 properties perturbation 0 report)
elseif(CHECK STREQUAL "malformed")
  file(COPY_FILE "${REPORTS}/two_races.tsan-clang.txt" "${WORK}/good.stderr")
  file(COPY_FILE "${REPORTS}/unsafe.tsan-clang.txt" "${WORK}/bad.run2.stderr")
  # NAME|second line of the sidecar|what the error line says after the file name
  set(defects
      "no-equals|seed 1234567|line 2: no '='"
      "empty-key|=3|line 2: empty key"
      "key-case|Seed=1234567|line 2: the key has a character outside \\[a-z_\\]"
      "key-digit|depth2=3|line 2: the key has a character outside \\[a-z_\\]"
      "value-space|strategy=p ct|line 2: the value of strategy has white space"
      "value-tab|strategy=pct\t|line 2: the value of strategy has white space"
      "unreadable||not a regular file")
  foreach(defect IN LISTS defects)
    string(REPLACE "|" ";" defect "${defect}")
    list(GET defect 0 name)
    list(GET defect 1 line)
    list(GET defect 2 says)
    file(REMOVE_RECURSE "${WORK}/bad.run2.perturb")
    if(name STREQUAL "unreadable")
      file(MAKE_DIRECTORY "${WORK}/bad.run2.perturb")
    else()
      file(WRITE "${WORK}/bad.run2.perturb" "seed_ok=1\n${line}\ndepth=3\n")
    endif()
    # One line, naming the sidecar, and nothing on stdout (both streams in one).
    set(one_line "^racelab: bad\\.run2\\.perturb: ${says}[^\n]*\n$")
    message("--- ${name}")
    racelab_expect_all(2 WORKING_DIRECTORY "${WORK}" MATCH "${one_line}" ARGS json bad.run2.stderr)
    racelab_expect_all(2 WORKING_DIRECTORY "${WORK}" MATCH "${one_line}" ARGS sarif good.stderr bad.run2.stderr)
  endforeach()
elseif(CHECK STREQUAL "check-sarif")
  foreach(var CHECK_SARIF MULTITOOL)
    if(NOT DEFINED ${var})
      message(FATAL_ERROR "perturbation.cmake: ${var} is required for check-sarif")
    endif()
  endforeach()
  file(COPY_FILE "${REPORTS}/two_races.tsan-clang.txt" "${WORK}/race.stderr")
  file(COPY_FILE "${REPORTS}/unsafe.tsan-clang.txt" "${WORK}/race.run2.stderr")
  file(WRITE "${WORK}/race.run2.perturb" "${sidecar}")
  run(merged sarif race.stderr race.run2.stderr)
  expect_length("${merged}" 1 runs 0 properties perturbation)
  expect_value("${merged}" NUMBER 1234567 runs 0 invocations 1 properties perturbation seed)
  file(WRITE "${WORK}/perturbed.sarif" "${merged}")
  execute_process(COMMAND "${CHECK_SARIF}" --multitool "${MULTITOOL}" --category racelab-tsan perturbed.sarif
                  WORKING_DIRECTORY "${WORK}" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("--- ci/check-sarif perturbed.sarif (exit ${status})\n${out}${err}")
  if(NOT status EQUAL 0 OR NOT "${out}${err}" MATCHES "1 files in 1 uploads pass")
    list(APPEND failures "ci/check-sarif refuses the perturbed SARIF (exit ${status})")
  endif()
else()
  message(FATAL_ERROR "perturbation.cmake: CHECK is json, sarif, malformed or check-sarif, not ${CHECK}")
endif()

if(failures)
  string(REPLACE ";" "\n  " failures "${failures}")
  message(FATAL_ERROR "perturbation ${CHECK}:\n  ${failures}")
endif()
message("perturbation ${CHECK}: as expected")
