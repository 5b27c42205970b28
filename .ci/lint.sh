#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# lint.sh: the source checks of CI: every C file (generated tables excepted) is formatted as
# .clang-format says (Debian's clang-format 14), and cppcheck finds nothing in the library, the
# CLI, the tests, the benchmarks, the fuzzers and the tools.
# Usage: .ci/lint.sh [--fix]   (--fix rewrites the files with clang-format instead of checking)
set -euo pipefail
cd "$(dirname "$0")/.."
generated='^engine/(text/tokfreq_data\.h|text/han_data\.h|model/country_table\.c)$'
mapfile -t files < <(git ls-files '*.c' '*.h' | grep -Ev "$generated")
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
echo "clang-format: ${#files[@]} files"
clang-format --dry-run -Werror "${files[@]}"
echo "cppcheck"
build=${NSC_LINT_BUILD:-build}
[ -f "$build/include/namescreen/version.h" ] || cmake -S . -B "$build" >/dev/null
cppcheck --quiet --error-exitcode=1 --std=c11 --inline-suppr \
  --enable=warning,style,performance,portability --suppress=missingIncludeSystem \
  -D__GNUC__ -DNSC_INSTALL_LISTS_DIR='"/usr/share/namescreen/lists"' -DNSC_FUZZ_FORMAT='"ofac"' \
  -DNSC_FUZZ_FILE='"sdn.csv"' -DNSC_FUZZ_FIXTURE='"sdn.csv"' -DNSC_SOURCE_LISTS_DIR='"lists"' \
  -DNSC_BUILD_DIR='"build"' \
  -I include -I "$build/include" -I "$build/layers/api" -I cli \
  engine cli tests bench fuzz tools
echo "lint passed"
