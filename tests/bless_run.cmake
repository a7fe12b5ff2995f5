# cmake -DRACELAB=PATH -DDETECTOR=NAME -DWORK=DIR -DFOUND=REGEX -P bless_run.cmake -- PROGRAM [ARGS...]
#
# `racelab run --bless` end to end, on a real run of PROGRAM (a racy one):
#  1. an expected file with comments and a stale finding line is blessed:
#     exit 0, the comments stay, the stale line goes, FOUND appears;
#  2. the next run without --bless passes against the blessed file;
#  3. a run without a verdict (the program refuses its argument and exits 2)
#     never blesses: exit 3, the file is byte for byte unchanged, and the
#     reason quotes the program's stderr.
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/CommandAfterSeparator.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/racelab_expect.cmake")
if(NOT command OR NOT RACELAB OR NOT DETECTOR OR NOT WORK OR NOT FOUND)
  message(FATAL_ERROR "usage: cmake -DRACELAB=PATH -DDETECTOR=NAME -DWORK=DIR -DFOUND=REGEX -P bless_run.cmake -- PROGRAM...")
endif()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(expected "${WORK}/expected.${DETECTOR}")
file(WRITE "${expected}" "# kept: a comment before the findings\n\ndata-race stale gone.c:1 gone.c:1\n# kept: a comment after\n")


racelab_expect(0 "blessed .*expected.${DETECTOR}: [0-9]+ races? \\([0-9]+ distinct finding" run --detector ${DETECTOR} --expected "${expected}" --bless --report "${WORK}/bless" -- ${command})
file(READ "${expected}" blessed)
message("blessed file:\n${blessed}")
foreach(want "^# kept: a comment before the findings\n\n" "# kept: a comment after\n$" "${FOUND}")
  if(NOT blessed MATCHES "${want}")
    message(FATAL_ERROR "the blessed file does not match: ${want}")
  endif()
endforeach()
if(blessed MATCHES "stale")
  message(FATAL_ERROR "the blessed file kept the old finding line")
endif()

racelab_expect(0 "ok: .* under ${DETECTOR}" run --detector ${DETECTOR} --expected "${expected}" --report "${WORK}/judge" -- ${command})

list(GET command 0 program)
racelab_expect(3 "the program failed on its own: exit status 2, its stderr begins \"usage: .*not blessed"
             run --detector ${DETECTOR} --expected "${expected}" --bless --report "${WORK}/no-verdict" -- ${program} no-such-race)
file(READ "${expected}" after)
if(NOT after STREQUAL blessed)
  message(FATAL_ERROR "a run without a verdict changed ${expected}")
endif()
