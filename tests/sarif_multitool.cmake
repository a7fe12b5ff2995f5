# cmake -DMULTITOOL=PATH -DRACELAB=PATH -DOUT_DIR=DIR -DWORKING_DIRECTORY=DIR
#       "-DREPORTS=a;b;..." [-DSOURCE_ROOT=DIR "-DSOURCE_ROOT_REPORTS=a;b"]
#       ["-DEXTRA_SARIF=FILE;..."] ["-DMERGE_REPORTS=a;b;..."] -P sarif_multitool.cmake
#
# Writes `racelab sarif` of every report and validates them all with
# Microsoft's SARIF multitool (the format's own validator), with its SARIF
# rules and GitHub code scanning's ingestion rules (--rule-kind Sarif;Gh).
# Fails on any result of level error or warning (notes, advice such as
# "prefer a hierarchical rule id", are not asked for).
# SOURCE_ROOT_REPORTS are written a second time with --source-root (the tool
# takes about half a second per file, so not every report twice).
# A missing multitool is a failure naming the npm command, never a skip.
foreach(var MULTITOOL RACELAB OUT_DIR WORKING_DIRECTORY REPORTS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "sarif_multitool.cmake: ${var} is required")
  endif()
endforeach()
if(NOT EXISTS "${MULTITOOL}")
  # Plain message(): one unwrapped line a person can copy the command from.
  message("sarif-multitool not found at ${MULTITOOL}: install it with "
          "'npm install --prefix build/tools @microsoft/sarif-multitool@5' "
          "in the source directory (.ci/run does)")
  message(FATAL_ERROR "the SARIF check cannot run")
endif()

file(REMOVE_RECURSE "${OUT_DIR}")
file(MAKE_DIRECTORY "${OUT_DIR}")
set(runs)
foreach(report IN LISTS REPORTS)
  list(APPEND runs "${report}|plain")
endforeach()
if(DEFINED SOURCE_ROOT)
  foreach(report IN LISTS SOURCE_ROOT_REPORTS)
    list(APPEND runs "${report}|source-root")
  endforeach()
endif()

# The tool spends about half a second per file, so the runs go into files
# of at most 20 runs each (GitHub's limit per upload, its rule GH1013);
# index.txt says which report each run came from.  JSON is kept in plain
# strings, never in CMake lists (its ';' and '[' would split them).
set(sarif_files)
set(chunk_text "")
set(chunk_names "")
set(in_chunk 0)
macro(flush_chunk)
  if(in_chunk GREATER 0)
    list(LENGTH sarif_files chunk)
    file(WRITE "${OUT_DIR}/chunk${chunk}.sarif"
         "{\"$schema\": \"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json\", \"version\": \"2.1.0\", \"runs\": [${chunk_text}]}\n")
    file(APPEND "${OUT_DIR}/index.txt" "chunk${chunk}.sarif runs[0..${in_chunk}):${chunk_names}\n")
    list(APPEND sarif_files "${OUT_DIR}/chunk${chunk}.sarif")
    set(chunk_text "")
    set(chunk_names "")
    set(in_chunk 0)
  endif()
endmacro()
foreach(run IN LISTS runs)
  string(REPLACE "|" ";" run "${run}")
  list(GET run 0 report)
  list(GET run 1 variant)
  get_filename_component(name "${report}" NAME)
  set(extra)
  if(variant STREQUAL "source-root")
    set(extra --source-root "${SOURCE_ROOT}")
  endif()
  execute_process(COMMAND "${RACELAB}" sarif ${extra} "${name}"
                  WORKING_DIRECTORY "${WORKING_DIRECTORY}"
                  RESULT_VARIABLE status OUTPUT_VARIABLE sarif ERROR_VARIABLE ignored)
  # 2: unreadable input, nothing printed (the goldens check that line).
  if(status EQUAL 2)
    continue()
  endif()
  if(NOT (status EQUAL 0 OR status EQUAL 3) OR sarif STREQUAL "")
    message(FATAL_ERROR "racelab sarif ${extra} ${name}: exit ${status}, ${ignored}")
  endif()
  string(JSON runs_length LENGTH "${sarif}" runs)
  if(NOT runs_length EQUAL 1)
    message(FATAL_ERROR "racelab sarif ${extra} ${name}: ${runs_length} runs, not 1")
  endif()
  string(JSON one_run GET "${sarif}" runs 0)
  if(in_chunk GREATER 0)
    string(APPEND chunk_text ",")
  endif()
  string(APPEND chunk_text "${one_run}")
  string(APPEND chunk_names " ${name} (${variant})")
  math(EXPR in_chunk "${in_chunk} + 1")
  if(in_chunk EQUAL 20)
    flush_chunk()
  endif()
endforeach()
flush_chunk()
# MERGE_REPORTS: one document of them all (`racelab sarif A B ...`, one run).
if(DEFINED MERGE_REPORTS AND NOT MERGE_REPORTS STREQUAL "")
  execute_process(COMMAND "${RACELAB}" sarif ${MERGE_REPORTS} WORKING_DIRECTORY "${WORKING_DIRECTORY}"
                  RESULT_VARIABLE status OUTPUT_FILE "${OUT_DIR}/merged.sarif" ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "racelab sarif ${MERGE_REPORTS}: exit ${status}, ${err}")
  endif()
  file(APPEND "${OUT_DIR}/index.txt" "merged.sarif: ${MERGE_REPORTS}\n")
  list(APPEND sarif_files "${OUT_DIR}/merged.sarif")
endif()
# EXTRA_SARIF: ready-made files, e.g. the one that proves this check fails.
list(APPEND sarif_files ${EXTRA_SARIF})
list(LENGTH sarif_files count)
if(count EQUAL 0)
  message(FATAL_ERROR "no SARIF was written: nothing to validate")
endif()

# The npm wrapper runs the tool through a shell: quote the ';' lists.
execute_process(COMMAND "${MULTITOOL}" validate ${sarif_files}
                        --rule-kind "'Sarif;Gh'" --level "'Error;Warning'"
                        -o "${OUT_DIR}/validation.sarif" --log ForceOverwrite
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0 OR NOT EXISTS "${OUT_DIR}/validation.sarif")
  message(FATAL_ERROR "sarif-multitool failed (exit ${status}):\n${out}${err}")
endif()

file(READ "${OUT_DIR}/validation.sarif" log)
string(JSON results ERROR_VARIABLE no_results GET "${log}" runs 0 results)
set(results_count 0)
if(NOT no_results)
  string(JSON results_count LENGTH "${results}")
endif()
set(failures 0)
set(notes 0)
if(results_count GREATER 0)
  math(EXPR last "${results_count} - 1")
  foreach(i RANGE ${last})
    string(JSON level ERROR_VARIABLE no_level GET "${results}" ${i} level)
    if(no_level)
      set(level warning) # SARIF's default level
    endif()
    string(JSON rule GET "${results}" ${i} ruleId)
    string(JSON arguments ERROR_VARIABLE no_arguments GET "${results}" ${i} message arguments)
    string(JSON file ERROR_VARIABLE no_file GET "${results}" ${i} locations 0 physicalLocation artifactLocation uri)
    if(level STREQUAL "error" OR level STREQUAL "warning")
      math(EXPR failures "${failures} + 1")
      message("${level}: ${rule} ${arguments} in ${file}")
    else()
      math(EXPR notes "${notes} + 1")
    endif()
  endforeach()
endif()
message("sarif-multitool validated ${count} SARIF files: ${failures} errors or warnings, ${notes} notes")
if(failures GREATER 0)
  message(FATAL_ERROR "sarif-multitool found ${failures} errors or warnings (full log: "
                      "${OUT_DIR}/validation.sarif; which report each run is: ${OUT_DIR}/index.txt)")
endif()
