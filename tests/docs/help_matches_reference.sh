#!/usr/bin/env bash
# tests/docs/help_matches_reference.sh RACELAB REFERENCE_MD
#
# The options each command's --help shows are the options docs/reference.md
# documents for it, no more and no fewer:
# - the commands `racelab --help` lists each have a section "### `racelab NAME`"
#   in the reference, and every such section is a command;
# - a command's options in its help are those of its usage lines (`usage:
#   racelab NAME ...` and their continuation lines); any option the help's
#   text describes must be in one of its usage lines;
# - a command's options in the reference are the first cells of its section's
#   table rows (| `--option ARG` | ... |).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: tests/docs/help_matches_reference.sh RACELAB REFERENCE_MD" >&2
  exit 2
fi
racelab=$1 reference=$2
failures=0
fail() { echo "help vs reference: $*" >&2; failures=$((failures + 1)); }
options_in() { grep -o -- '--[a-z][a-z0-9-]*' | grep -vx -- '--help' | sort -u || true; }

# The options of `racelab NAME`'s usage entry in a help text (stdin).
usage_options() {
  awk -v name="$1" '
    /^usage: racelab / || /^ +racelab / {
      line = $0; sub(/^usage: +/, "", line); sub(/^ +/, "", line)
      split(line, words, " "); current = (words[2] == name); inusage = 1
      if (current) print line
      next
    }
    inusage && /^ / { if (current) print; next }
    { inusage = 0; current = 0 }
  ' | options_in
}
# The options in every usage entry of a help text, and in its other lines.
all_usage_options() {
  awk '/^usage: / || (inusage && /^ /) { inusage = 1; print; next } { inusage = 0 }' | options_in
}
body_options() {
  awk '/^usage: / || (inusage && /^ /) { inusage = 1; next } { inusage = 0; print }' | options_in
}
# The options a reference section documents: first cells of its table rows.
reference_options() {
  awk -v heading="### \`racelab $1\`" '
    $0 == heading { on = 1; next }
    on && /^#/ { on = 0 }
    on && /^\|/ { split($0, cells, "|"); print cells[2] }
  ' "$reference" | options_in
}

commands=$("$racelab" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
[ -n "$commands" ] || { echo "help vs reference: 'racelab --help' lists no commands" >&2; exit 1; }
sections=$(sed -n 's/^### `racelab \([a-z]*\)`$/\1/p' "$reference" | sort -u)
for command in $(comm -23 <(sort -u <<<"$commands") <(cat <<<"$sections")); do
  fail "'racelab $command' is in 'racelab --help' but has no section \"### \`racelab $command\`\" in $reference"
done
for command in $(comm -13 <(sort -u <<<"$commands") <(cat <<<"$sections")); do
  fail "$reference documents 'racelab $command', which 'racelab --help' does not list"
done

for command in $commands; do
  help=$("$racelab" "$command" --help) || { fail "'racelab $command --help' failed"; continue; }
  in_help=$(usage_options "$command" <<<"$help")
  in_reference=$(reference_options "$command")
  for option in $(comm -23 <(echo "$in_help") <(echo "$in_reference")); do
    fail "racelab $command $option: in its --help, not in $reference"
  done
  for option in $(comm -13 <(echo "$in_help") <(echo "$in_reference")); do
    fail "racelab $command $option: in $reference, not in its --help"
  done
  for option in $(comm -23 <(body_options <<<"$help") <(all_usage_options <<<"$help")); do
    fail "racelab $command --help describes $option, which none of its usage lines shows"
  done
  echo "racelab $command: $(echo $in_help)"
done
[ "$failures" -eq 0 ] || { echo "help vs reference: $failures difference(s)" >&2; exit 1; }
echo "help vs reference: every command's options match $reference"
