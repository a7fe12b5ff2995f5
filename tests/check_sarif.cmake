# cmake -DCHECK_SARIF=PATH -DMULTITOOL=PATH -DFIXTURES=DIR -P check_sarif.cmake
#
# ci/check-sarif can fail: each hand-made SARIF file in FIXTURES breaks one
# of code scanning's ingestion rules and must be rejected with the line that
# names it (exit 1); the good one passes (exit 0), alone and as two uploads
# of two categories, and fails as two runs of one tool and category, whether
# in one file or across the files of one upload.
foreach(var CHECK_SARIF MULTITOOL FIXTURES)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_sarif.cmake: ${var} is required")
  endif()
endforeach()

# expect(EXIT REGEX ARG...): ci/check-sarif ARG... exits EXIT, its output matches REGEX.
function(expect want_exit regex)
  execute_process(COMMAND "${CHECK_SARIF}" --multitool "${MULTITOOL}" ${ARGN}
                  WORKING_DIRECTORY "${FIXTURES}"
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("--- ci/check-sarif ${ARGN} (exit ${status})\n${out}${err}")
  if(NOT status STREQUAL want_exit)
    message(FATAL_ERROR "ci/check-sarif ${ARGN}: expected exit ${want_exit}, got ${status}")
  endif()
  if(NOT "${out}${err}" MATCHES "${regex}")
    message(FATAL_ERROR "ci/check-sarif ${ARGN}: the output does not match: ${regex}")
  endif()
endfunction()

expect(0 "1 files in 1 uploads pass" --category racelab-tsan good.sarif)
expect(0 "2 files in 2 uploads pass" --category racelab-tsan good.sarif --category racelab-drd good.sarif)
expect(1 "two_runs.sarif: run 1: a second run of tool racelab in category 'racelab-tsan/' in one upload"
       --category racelab-tsan two_runs.sarif)
expect(1 "good.sarif: run 0: a second run of tool racelab in category 'racelab-tsan/' in one upload \\(the first: good.sarif run 0\\)"
       --category racelab-tsan good.sarif good.sarif)
expect(1 "no_location.sarif: run 0: result 0: no location \\(code scanning rejects the upload\\)"
       --category racelab-tsan no_location.sarif)
expect(1 "no_version.sarif: run 0: tool racelab has no version"
       --category racelab-tsan no_version.sarif)
expect(1 "no_fingerprint.sarif: run 0: result 0: no partialFingerprints"
       --category racelab-tsan no_fingerprint.sarif)
