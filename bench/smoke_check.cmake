# smoke_check.cmake: the bench-smoke test.  Runs `racelab-bench --smoke`
# and fails unless every output is there and well-formed: the table, one
# scaling.csv row per variant and thread count, one detectors.csv row per
# program and detector, and an SVG plot.  Speed is not checked.
#   cmake -DBENCH=path/to/racelab-bench -DOUT=dir -P smoke_check.cmake
cmake_minimum_required(VERSION 3.25) # policies of today: IN_LIST, POP_FRONT
if(NOT BENCH OR NOT OUT)
  message(FATAL_ERROR "usage: cmake -DBENCH=racelab-bench -DOUT=DIR -P smoke_check.cmake")
endif()

file(REMOVE_RECURSE "${OUT}") # outputs of an earlier run must not pass for this one's
execute_process(COMMAND "${BENCH}" --smoke --out "${OUT}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "racelab-bench --smoke exited with ${status}")
endif()

set(number "-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")

# Checks that CSV `file` has `header`, one row for each key in `keys` (the
# first two fields joined by '/'), no other row, and `field_count` fields
# each, the fields listed in `numeric` (0-based) being numbers.
function(check_csv file header keys field_count numeric)
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "${file} was not written")
  endif()
  file(STRINGS "${file}" lines)
  list(POP_FRONT lines first)
  if(NOT first STREQUAL header)
    message(FATAL_ERROR "${file}: header is\n  ${first}\nexpected\n  ${header}")
  endif()
  set(seen)
  foreach(line IN LISTS lines)
    string(REPLACE "," ";" fields "${line}")
    list(LENGTH fields n)
    if(NOT n EQUAL field_count)
      message(FATAL_ERROR "${file}: ${n} fields instead of ${field_count} in: ${line}")
    endif()
    foreach(i IN LISTS numeric)
      list(GET fields ${i} value)
      if(NOT value MATCHES "^${number}$")
        message(FATAL_ERROR "${file}: field ${i} is '${value}', not a number, in: ${line}")
      endif()
    endforeach()
    list(GET fields 0 a)
    list(GET fields 1 b)
    if("${a}/${b}" IN_LIST seen)
      message(FATAL_ERROR "${file}: row ${a}/${b} twice")
    endif()
    list(APPEND seen "${a}/${b}")
  endforeach()
  foreach(key IN LISTS keys)
    if(NOT key IN_LIST seen)
      message(FATAL_ERROR "${file}: no row for ${key}")
    endif()
  endforeach()
  list(LENGTH seen rows)
  list(LENGTH keys expected_rows)
  if(NOT rows EQUAL expected_rows)
    message(FATAL_ERROR "${file}: ${rows} rows, expected ${expected_rows}: ${seen}")
  endif()
endfunction()

# The variants and thread counts the issue asks for; plain is the 1-thread baseline.
set(keys "plain/1")
foreach(variant unsafe unsafe-O0 mutex isolated atomic false-sharing padded)
  foreach(threads 1 2 4 8)
    list(APPEND keys "${variant}/${threads}")
  endforeach()
endforeach()
check_csv("${OUT}/scaling.csv"
  "variant,threads,increments,reps,median_s,min_s,max_s,range_pct,mad_pct,ns_per_increment,increments_per_s,x_plain,ideal_increments_per_s,of_ideal,folded,exact,wrong_total,lost_median,lost_min,lost_max,lost_per_run"
  "${keys}" 21 "1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19")

set(keys)
foreach(program mutex isolated)
  foreach(detector native tsan-clang tsan-gcc helgrind drd)
    list(APPEND keys "${program}/${detector}")
  endforeach()
endforeach()
check_csv("${OUT}/detectors.csv"
  "program,detector,threads,iterations,reps,median_s,min_s,max_s,range_pct,mad_pct,rss_median_kib,rss_min_kib,rss_max_kib,slowdown,memory_ratio,clean_exit,published,build"
  "${keys}" 18 "2;3;4;5;6;7;8;9;10;11;12;13;14;15")

file(READ "${OUT}/table.txt" table)
foreach(part "Counters:" "Key figures" "Detector overhead:")
  string(FIND "${table}" "${part}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${OUT}/table.txt has no '${part}' section")
  endif()
endforeach()

if(NOT EXISTS "${OUT}/throughput.svg")
  message(FATAL_ERROR "${OUT}/throughput.svg was not drawn")
endif()
file(READ "${OUT}/throughput.svg" svg)
if(NOT svg MATCHES "<svg" OR NOT svg MATCHES "</svg>[ \t\r\n]*$")
  message(FATAL_ERROR "${OUT}/throughput.svg is not a complete SVG file")
endif()
message(STATUS "bench smoke: table, scaling.csv, detectors.csv and throughput.svg are complete")
