#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# valgrind.sh: runs the CLI of build dir $1 (default build) under valgrind memcheck for a few
# commands (query, screen, compare, lists, diff). Definite leaks and memory errors fail; ICU's
# and libxml2's process-wide "still reachable" caches are fine.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${1:-build}/namescreen
vg=(valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --quiet)
mini=csv:tests/data/cli/mini_list.csv
run() { # expected-status command...
  local want=$1; shift
  local st=0
  echo "--- valgrind: namescreen $*"
  "${vg[@]}" "$cli" "$@" >/dev/null || st=$?
  if [ "$st" -ne "$want" ]; then echo "FAIL: exit $st, want $want"; return 1; fi
}
run 1 query "Gaobin Ni"
run 1 screen --threads 2 lists/samples/counterparties.csv
run 0 compare "Gaobin Ni" "倪高彬"
run 0 lists
run 0 diff ofac:tests/data/history/sdn_2024-03-22.csv ofac:tests/data/history/sdn_2024-03-25.csv
run 2 screen --list "$mini" tests/data/cli/malformed.csv
run 2 query --list un:tests/data/un/truncated.xml "Ali"
echo "valgrind: clean"
