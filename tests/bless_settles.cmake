# cmake -DRACELAB=PATH -DDETECTOR=NAME -DWORK=DIR -DMARKERS=DIR -P bless_settles.cmake -- MISS_ONCE
#
# `racelab run --bless` over several runs, on miss_once's `late` race (shows
# from the second run on):
#  1. bless into WORK/new/dir/ (missing) with --runs 10 --settle 2 makes 4
#     runs (new, new, nothing, nothing), and says so;
#  2. the file holds `shared` as required and `late` as `sometimes` (seen in
#     3 of the 4 runs): written in the stable form, readable in a diff;
#  3. a first run of a fresh marker (no `late`) passes against it: a
#     `sometimes` race is allowed, not required.
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/CommandAfterSeparator.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/racelab_expect.cmake")
if(NOT command OR NOT RACELAB OR NOT DETECTOR OR NOT WORK OR NOT MARKERS)
  message(FATAL_ERROR "usage: cmake -DRACELAB=PATH -DDETECTOR=NAME -DWORK=DIR -DMARKERS=DIR -P bless_settles.cmake -- MISS_ONCE")
endif()
file(REMOVE_RECURSE "${WORK}")
file(REMOVE "${MARKERS}/bless-settles" "${MARKERS}/bless-settles-judge")
set(expected "${WORK}/new/dir/expected.${DETECTOR}")


racelab_expect(0 "blessed [^\n]*new/dir/expected.${DETECTOR}: 2 races \\(2 distinct findings\\) from 4 runs.*flagged in 4 of 4 runs" run --detector ${DETECTOR}
             --expected "${expected}" --bless --runs 10 --settle 2 --report "${WORK}/bless"
             -- ${command} "${MARKERS}/bless-settles" late)
file(READ "${expected}" blessed)
message("blessed file:\n${blessed}")
foreach(want "(^|\n)data-race shared miss_once.c:[0-9]+:add_one:[0-9a-f]+\n"
             "(^|\n)sometimes data-race late miss_once.c:[0-9]+:add_one:[0-9a-f]+\n")
  if(NOT blessed MATCHES "${want}")
    message(FATAL_ERROR "the blessed file does not match: ${want}")
  endif()
endforeach()
racelab_expect(0 "ok: [^\n]*under ${DETECTOR}" run --detector ${DETECTOR} --expected "${expected}" --report "${WORK}/judge"
             -- ${command} "${MARKERS}/bless-settles-judge" late)
