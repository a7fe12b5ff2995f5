#!/bin/sh
# Fuzzes one parser for a long while, keeping what it finds for the next run.
#
#   fuzz/run-long.sh TARGET [SECONDS] [BUILD_DIR] [-- LIBFUZZER_ARGS...]
#
#   TARGET     fuzz_tsan_text, fuzz_valgrind_xml, fuzz_valgrind_text, fuzz_any_report
#   SECONDS    default 300
#   BUILD_DIR  default build/tsan (configure it with: cmake --preset tsan)
#   e.g.       fuzz/run-long.sh fuzz_tsan_text 1800 build/tsan -- -fork=2 -ignore_crashes=1
#
# Corpus and crash files land in BUILD_DIR/fuzz/work/TARGET/; see fuzz/README.md.
set -eu
usage() { echo "usage: $0 TARGET [SECONDS] [BUILD_DIR] [-- LIBFUZZER_ARGS...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
target=$1; shift
seconds=300
build=build/tsan
if [ $# -gt 0 ] && [ "$1" != "--" ]; then seconds=$1; shift; fi
if [ $# -gt 0 ] && [ "$1" != "--" ]; then build=$1; shift; fi
if [ $# -gt 0 ]; then [ "$1" = "--" ] || usage; shift; fi
case $seconds in ''|*[!0-9]*) usage ;; esac

here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
config="$build/fuzz/$target.config.cmake"
if [ ! -f "$config" ]; then
  echo "$0: $config not found: configure with 'cmake --preset tsan' (RACELAB_FUZZ=ON, clang)" >&2
  exit 2
fi
cmake --build "$build" --target "$target"
extra=
for arg in "$@"; do extra="${extra:+$extra;}$arg"; done
exec cmake "-DCONFIG=$config" -DMODE=long "-DSECONDS=$seconds" "-DEXTRA_ARGS=$extra" -P "$here/RunFuzz.cmake"
