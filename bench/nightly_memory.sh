#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# nightly_memory.sh: peak RSS of `namescreen screen` on generated counterparty files of
# 300,000 and 3,000,000 rows of distinct, realistic names (given names and surnames built from
# syllables, a date of birth, a country), against all bundled lists: streaming keeps the two
# within a few percent. Takes a few minutes on 2 cores; not part of ctest.
# Usage: bench/nightly_memory.sh [BUILD_DIR] [THREADS]   (defaults: build, 2)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
threads=${2:-2}
cli=$build/namescreen
[ -x "$cli" ] || { echo "no $cli: build first" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nsc_nightly_mem.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Row i -> a distinct name: i is written in mixed radix over the given names, the second given
# names and the surnames, so no two rows share a name (up to 900 x 900 x 27,000 rows).
gen() {
  python3 - "$1" "$2" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
on = ["ka", "lo", "mi", "na", "ro", "se", "ta", "vi", "el", "an", "jo", "da", "ri", "be", "ul",
      "ma", "te", "ni", "so", "ha", "fe", "go", "li", "ve", "zo", "pa", "du", "ke", "mo", "sa"]
given = [(a + b).capitalize() + e for a in on for b in on for e in ("",)][:900]
sur = [(a + b + c).capitalize() + s for a in on for b in on for c in on[:6] for s in ("v", "nen", "ez", "ski", "ton")][:27000]
cc = ["de", "fr", "it", "es", "pl", "nl", "se", "ro", "gr", "pt", "us", "gb", "br", "in", "tr"]
with open(path, "w") as f:
    f.write("id,name,dob,country\n")
    for i in range(n):
        g1, r = given[i % 900], i // 900
        g2, r = given[r % 900], r // 900
        s = sur[(r * 7919 + i) % 27000]
        f.write(f"R{i},{g1} {g2} {s},19{40 + i % 60:02d}-{1 + i % 12:02d}-{1 + i % 28:02d},{cc[i % 15]}\n")
PY
}

peak() { # the peak RSS (KiB) of screening file $1, from GNU time's %M
  /usr/bin/time -f %M -o "$tmp/rss" "$cli" screen --threads "$threads" --format jsonl \
    --output "$tmp/out.jsonl" --summary "$tmp/summary.json" "$1" 2>"$tmp/err" || [ $? -eq 1 ]
  tail -n 1 "$tmp/rss" # GNU time adds a line before it when the status is not 0
}

for n in 300000 3000000; do
  gen "$n" "$tmp/in.csv"
  start=$(date +%s)
  kb=$(peak "$tmp/in.csv")
  secs=$(( $(date +%s) - start ))
  hits=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["hits"]["written"], s["rows"]["screened"])' "$tmp/summary.json")
  printf '%9d rows: peak RSS %7d KiB (%.1f MB), %4d s, hits written / rows screened: %s\n' \
    "$n" "$kb" "$(echo "$kb / 1024" | bc -l)" "$secs" "$hits"
done
