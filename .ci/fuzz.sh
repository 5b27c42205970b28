#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# fuzz.sh: builds the libFuzzer targets with clang (library: fuzzer-no-link,address,undefined;
# targets: fuzzer) in build-fuzz/ and runs each for SECONDS (default 20) on a copy of its seed
# corpus. Fails on any crash, leak or sanitizer report; the crashing input is left in
# build-fuzz/artifacts/ - add it under tests/data/bad/ as <format>-<what> for test_badinput.
# Usage: .ci/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
shift || true
build=${NSC_FUZZ_BUILD:-build-fuzz}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(ofac ofacadv ofacenh un uk eu ftm oscsv gcsv csv normalize screen compare)
fi
CC=clang cmake -S . -B "$build" -DNSC_FUZZ=ON -DNSC_SANITIZE=address,undefined \
  -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2 $(printf -- '--target fuzz_%s ' "${targets[@]}") >/dev/null
mkdir -p "$build/artifacts"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=()
for t in "${targets[@]}"; do
  work="$build/corpus-work/$t"
  rm -rf "$work" && mkdir -p "$work"
  cp fuzz/corpus/"$t"/* "$work"/
  echo "--- fuzz_$t: ${secs}s"
  if "$build/fuzz/fuzz_$t" -max_total_time="$secs" -max_len=8192 -timeout=25 -rss_limit_mb=2048 \
      -print_final_stats=0 -artifact_prefix="$build/artifacts/$t-" "$work" \
      >"$build/fuzz_$t.log" 2>&1; then
    grep -E '^#[0-9]+ +DONE' "$build/fuzz_$t.log" | tail -1 || true
  else
    echo "FAIL fuzz_$t (log: $build/fuzz_$t.log)"
    grep -E 'ERROR|runtime error|SUMMARY|Test unit written' "$build/fuzz_$t.log" | head -8 || true
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing failed: ${failed[*]}"
  exit 1
fi
echo "fuzzing: all ${#targets[@]} targets clean"
