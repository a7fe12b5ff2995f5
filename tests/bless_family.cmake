# cmake -DRACELAB=PATH -DWORK=DIR -DCLANG_FILE=FILE -P bless_family.cmake -- PROGRAM [ARGS...]
#
# Under tsan-gcc, `--expected DIR/ --bless` never rewrites clang's
# DIR/expected.tsan, and writes DIR/expected.tsan-gcc only when gcc's
# findings do not pass clang's file:
#  1. DIR holds CLANG_FILE as expected.tsan, which gcc's findings pass:
#     nothing is written, and the test then reads clang's file;
#  2. DIR holds an expected.tsan that does not pass (a race not there):
#     expected.tsan-gcc is written, expected.tsan is left byte for byte.
include("${CMAKE_CURRENT_LIST_DIR}/../cmake/CommandAfterSeparator.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/racelab_expect.cmake")
if(NOT command OR NOT RACELAB OR NOT WORK OR NOT CLANG_FILE)
  message(FATAL_ERROR "usage: cmake -DRACELAB=PATH -DWORK=DIR -DCLANG_FILE=FILE -P bless_family.cmake -- PROGRAM...")
endif()
file(REMOVE_RECURSE "${WORK}")


file(MAKE_DIRECTORY "${WORK}/holds")
configure_file("${CLANG_FILE}" "${WORK}/holds/expected.tsan" COPYONLY)
racelab_expect(0 "not blessed: [^\n]*expected.tsan-gcc [^\n]*match clang's [^\n]*expected.tsan" run --detector tsan-gcc --expected "${WORK}/holds/"
             --bless --settle 2 --report "${WORK}/holds-bless" -- ${command})
if(EXISTS "${WORK}/holds/expected.tsan-gcc")
  message(FATAL_ERROR "expected.tsan-gcc was written although clang's file holds")
endif()
racelab_expect(0 "ok: [^\n]*holds/expected.tsan expects" run --detector tsan-gcc --expected "${WORK}/holds/" --report "${WORK}/holds-judge" -- ${command})

file(MAKE_DIRECTORY "${WORK}/differs")
file(WRITE "${WORK}/differs/expected.tsan" "# clang's file, which gcc's findings do not pass\ndata-race elsewhere other.c:1:f:000000\n")
file(READ "${WORK}/differs/expected.tsan" before)
racelab_expect(0 "blessed [^\n]*differs/expected.tsan-gcc" run --detector tsan-gcc --expected "${WORK}/differs/"
             --bless --settle 2 --report "${WORK}/differs-bless" -- ${command})
file(READ "${WORK}/differs/expected.tsan" after)
if(NOT after STREQUAL before)
  message(FATAL_ERROR "bless under tsan-gcc rewrote clang's expected.tsan")
endif()
if(NOT EXISTS "${WORK}/differs/expected.tsan-gcc")
  message(FATAL_ERROR "expected.tsan-gcc was not written")
endif()
racelab_expect(0 "ok: [^\n]*differs/expected.tsan-gcc expects" run --detector tsan-gcc --expected "${WORK}/differs/" --report "${WORK}/differs-judge" -- ${command})
