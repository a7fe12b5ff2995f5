# cmake -DRACELAB=PATH -DDETECTOR=NAME -DWORK=DIR -P bless_accumulates.cmake -- RACES_BY_NAME
#
# A baseline is the known races: bless adds to it and keeps what its runs
# did not show (a rare race one bless missed is still known).
#  1. bless from `alpha`: the file holds alpha's race;
#  2. bless from `beta`: it holds both, and says it kept alpha's;
#  3. a run of both races passes against it.
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/CommandAfterSeparator.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/racelab_expect.cmake")
if(NOT command OR NOT RACELAB OR NOT DETECTOR OR NOT WORK)
  message(FATAL_ERROR "usage: cmake -DRACELAB=PATH -DDETECTOR=NAME -DWORK=DIR -P bless_accumulates.cmake -- RACES_BY_NAME")
endif()
file(REMOVE_RECURSE "${WORK}")
set(baseline "${WORK}/known-races")


racelab_expect(0 "blessed [^\n]*known-races: 1 race " run --detector ${DETECTOR} --baseline "${baseline}" --bless --settle 1 --report "${WORK}/alpha" -- ${command} alpha)
racelab_expect(0 "kept, not seen in these runs: data-race (alpha|global) races_by_name.c:19:racer:.*blessed [^\n]*known-races: 2 races" run --detector ${DETECTOR} --baseline "${baseline}"
             --bless --settle 1 --report "${WORK}/beta" -- ${command} beta)
file(READ "${baseline}" blessed)
message("blessed file:\n${blessed}")
foreach(want "data-race (alpha|global) races_by_name.c:19:racer:[0-9a-f]+\n" "data-race (beta|global) races_by_name.c:21:racer:[0-9a-f]+\n")
  if(NOT blessed MATCHES "${want}")
    message(FATAL_ERROR "the blessed baseline does not match: ${want}")
  endif()
endforeach()
racelab_expect(0 "ok: [^\n]*no finding outside" run --detector ${DETECTOR} --baseline "${baseline}" --report "${WORK}/both" -- ${command} alpha beta)
