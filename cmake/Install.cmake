# cmake --install: what a project that uses racelab needs, under a prefix:
#
#   bin/racelab                              the tool
#   lib/libracelab_perturb.a                 the perturbation shim (racelab::perturb)
#   lib/cmake/racelab/racelabConfig.cmake    find_package(racelab CONFIG REQUIRED)
#   lib/cmake/racelab/racelabConfigVersion.cmake   same major version, this or newer
#   lib/cmake/racelab/racelabTargets.cmake   the imported racelab::racelab
#   lib/cmake/racelab/Racelab.cmake          racelab_instrument, racelab_add_race_test
#   lib/cmake/racelab/ExpectExit.cmake, CommandAfterSeparator.cmake   its test driver
#   lib/cmake/racelab/RacelabInstrumentAll.cmake   a whole project for the detector, unedited
#                                            (CMAKE_PROJECT_TOP_LEVEL_INCLUDES)
#
# The build tree is a package too (racelab_DIR=<build>), so the package is
# tested before it is installed.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(RACELAB_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/racelab" CACHE STRING
    "Where the racelab CMake package is installed, relative to the prefix")
set(racelab_module_files
    "${PROJECT_SOURCE_DIR}/cmake/Racelab.cmake"
    "${PROJECT_SOURCE_DIR}/cmake/ExpectExit.cmake"
    "${PROJECT_SOURCE_DIR}/cmake/CommandAfterSeparator.cmake"
    "${PROJECT_SOURCE_DIR}/cmake/RacelabInstrumentAll.cmake")

install(TARGETS racelab racelab_perturb EXPORT racelabTargets RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(EXPORT racelabTargets NAMESPACE racelab:: DESTINATION "${RACELAB_INSTALL_CMAKEDIR}")
configure_package_config_file(cmake/racelabConfig.cmake.in
  "${PROJECT_BINARY_DIR}/package/racelabConfig.cmake"
  INSTALL_DESTINATION "${RACELAB_INSTALL_CMAKEDIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/racelabConfigVersion.cmake"
  COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/package/racelabConfig.cmake"
              "${PROJECT_BINARY_DIR}/racelabConfigVersion.cmake"
              ${racelab_module_files}
        DESTINATION "${RACELAB_INSTALL_CMAKEDIR}")

# The build tree's own package: the same targets file, the module read from
# the source tree, and the no-edit include beside its config.
export(EXPORT racelabTargets NAMESPACE racelab:: FILE "${PROJECT_BINARY_DIR}/racelabTargets.cmake")
file(WRITE "${PROJECT_BINARY_DIR}/racelabConfig.cmake"
     "# racelab from its build tree (racelab_DIR=${PROJECT_BINARY_DIR}); see cmake/Install.cmake\n"
     "include(\"\${CMAKE_CURRENT_LIST_DIR}/racelabTargets.cmake\")\n"
     "include(\"${PROJECT_SOURCE_DIR}/cmake/Racelab.cmake\")\n")
configure_file(cmake/RacelabInstrumentAll.cmake "${PROJECT_BINARY_DIR}/RacelabInstrumentAll.cmake" COPYONLY)
