#!/usr/bin/env bash
# tests/docs/walkthrough.sh README RACELAB_BUILD WORK_DIR
#
# Runs the README's "Your first race test" as a newcomer would: every
# ```sh block between <!-- walkthrough:begin --> and <!-- walkthrough:end -->,
# in order, as one bash script, in WORK_DIR, a fresh directory that stands
# for the newcomer's $HOME.  racelab is first installed there with the
# README's install command (cmake --install RACELAB_BUILD --prefix
# "$HOME/.local").  The first command that fails fails the test.  A line
# `! COMMAND` (outside a heredoc) must fail: bash's `set -e` ignores a
# negated command, so it is checked here.
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: tests/docs/walkthrough.sh README RACELAB_BUILD WORK_DIR" >&2
  exit 2
fi
readme=$(realpath "$1") build=$(realpath "$2") work=$(realpath -m "$3")

script=$(awk '
  /<!-- walkthrough:begin -->/ { on = 1; next }
  /<!-- walkthrough:end -->/   { on = 0; next }
  on && !block && /^```sh[ \t]*$/ { block = 1; blocks++; print "# --- block " blocks; next }
  block && heredoc == "" && /^```[ \t]*$/ { block = 0; next }
  block {
    if (heredoc != "") {                       # inside cat > f <<'"'"'EOF'"'"'
      print
      if ($0 == heredoc) heredoc = ""
      next
    }
    if (match($0, /<<-?'"'"'[A-Za-z_]+'"'"'/)) {
      heredoc = substr($0, RSTART, RLENGTH); sub(/^<<-?'"'"'/, "", heredoc); sub(/'"'"'$/, "", heredoc)
    }
    if ($0 ~ /^! /) {                          # must fail
      print "if " substr($0, 3) "; then echo \"walkthrough: README.md line " NR " must fail, and passed\" >&2; exit 1; fi"
      next
    }
    print
  }
  END { if (blocks == 0) exit 1 }
' "$readme") || { echo "walkthrough: no \`\`\`sh block between the walkthrough markers of $readme" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
export HOME=$work
cd "$HOME"
# A newcomer's git knows who they are.
export GIT_AUTHOR_NAME=Newcomer GIT_AUTHOR_EMAIL=newcomer@example.org
export GIT_COMMITTER_NAME=Newcomer GIT_COMMITTER_EMAIL=newcomer@example.org
# Nothing from the lab's own environment leaks into the newcomer's.
unset CMAKE_PREFIX_PATH CMAKE_GENERATOR CMAKE_BUILD_PARALLEL_LEVEL CTEST_PARALLEL_LEVEL TSAN_OPTIONS

cmake --install "$build" --prefix "$HOME/.local" >/dev/null
printf '%s\n' "$script" > "$work/walkthrough.sh"
echo "walkthrough: running $work/walkthrough.sh, taken from $readme"
exec bash -euxo pipefail "$work/walkthrough.sh"
