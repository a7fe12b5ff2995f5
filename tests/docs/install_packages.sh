#!/usr/bin/env bash
# tests/docs/install_packages.sh README CI_RUN
# The packages of the README's `apt-get install` line are those .ci/run
# installs for CI, so the README's install is what CI proves works.
set -euo pipefail
readme=$1 ci_run=$2
in_readme=$(awk '/apt-get install/ { on = 1 } on { print } on && !/\\$/ { exit }' "$readme" |
            sed 's/.*apt-get install -y//; s/\\$//' | tr ' ' '\n' | grep -v '^$' | sort -u)
in_ci=$(sed -n '/^packages=(/,/^)/p' "$ci_run" | sed 's/#.*//; s/packages=(//; s/)//' | tr ' ' '\n' |
        grep -v '^$' | sort -u)
[ -n "$in_readme" ] || { echo "install packages: no 'apt-get install' line in $readme" >&2; exit 1; }
if [ "$in_readme" != "$in_ci" ]; then
  echo "install packages: $readme and $ci_run differ:" >&2
  diff <(echo "$in_readme") <(echo "$in_ci") | sed 's/^</  only in the README:/; s/^>/  only in .ci\/run:/' | grep '^  ' >&2
  exit 1
fi
echo "install packages: $readme installs what $ci_run does: $(echo $in_readme)"
