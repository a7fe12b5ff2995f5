# Libraries the report reader needs, found through pkg-config.  A missing one
# stops the configure step with the Debian package that provides it.
find_package(PkgConfig QUIET)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: install it with 'apt-get install pkgconf'")
endif()

function(racelab_require_pkg prefix module debian_package)
  pkg_check_modules(${prefix} QUIET IMPORTED_TARGET GLOBAL ${module})
  if(NOT ${prefix}_FOUND)
    message(FATAL_ERROR "${module} not found by pkg-config: install it with 'apt-get install ${debian_package}'")
  endif()
endfunction()

racelab_require_pkg(EXPAT expat libexpat1-dev)    # Valgrind's XML is read with a real XML parser
racelab_require_pkg(CJSON libcjson libcjson-dev)  # JSON and SARIF are written through cJSON
