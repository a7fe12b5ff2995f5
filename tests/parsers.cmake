# Unit tests of the report parsers (src/parse_*.c) against the saved
# reports in tests/reports/: kinds, accesses, user frames, locations,
# thread creation stacks, the fatal/finished flags, and the refusals for
# truncated XML, binary data and empty input.
add_executable(test_parse "${CMAKE_CURRENT_SOURCE_DIR}/test_parse.c")
target_link_libraries(test_parse PRIVATE racelab_core)
add_test(NAME unit.parse
         COMMAND test_parse "${PROJECT_SOURCE_DIR}/tests/reports")
set_tests_properties(unit.parse PROPERTIES LABELS "unit" TIMEOUT 120)
