# The documentation, tested (label docs).  In the racelab preset, beside the
# package tests: the tool and its package are all these need, except the
# walkthrough, which needs clang and so runs in the consumer preset.

# Every option each command's --help shows is in docs/reference.md, and
# every option the reference lists for a command is in its --help.
add_test(NAME docs.help-matches-reference
         COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/docs/help_matches_reference.sh"
                 $<TARGET_FILE:racelab> "${PROJECT_SOURCE_DIR}/docs/reference.md")
set_tests_properties(docs.help-matches-reference PROPERTIES LABELS "docs" TIMEOUT 60)

# The README's scoreboard (C and C++ cases apart) is what racelab score
# computes from the cases now.
add_test(NAME docs.readme-score
         COMMAND ${CMAKE_COMMAND} -DRACELAB=$<TARGET_FILE:racelab> "-DCASES=${PROJECT_SOURCE_DIR}/cases"
                 "-DREADME=${PROJECT_SOURCE_DIR}/README.md" -P "${CMAKE_CURRENT_SOURCE_DIR}/docs/readme_score.cmake")
set_tests_properties(docs.readme-score PROPERTIES LABELS "docs" TIMEOUT 60)

# The README's install line names the packages CI installs (.ci/run).
add_test(NAME docs.install-packages
         COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/docs/install_packages.sh"
                 "${PROJECT_SOURCE_DIR}/README.md" "${PROJECT_SOURCE_DIR}/.ci/run")
set_tests_properties(docs.install-packages PROPERTIES LABELS "docs" TIMEOUT 30)

# "Your first race test", every command of it in the README's order, in a
# fresh home directory with racelab installed into ~/.local by the README's
# install command.  It builds a project with clang's TSan: label consumer
# too, so it runs in the consumer preset (which has clang) and not in the
# racelab preset (which needs only gcc).
add_test(NAME docs.walkthrough
         COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/docs/walkthrough.sh" "${PROJECT_SOURCE_DIR}/README.md"
                 "${PROJECT_BINARY_DIR}" "${CMAKE_CURRENT_BINARY_DIR}/docs-walkthrough")
set_tests_properties(docs.walkthrough PROPERTIES LABELS "docs;consumer" TIMEOUT 300)
