#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# compare.sh: compares the speed of two builds of namescreen (an old and a new build directory)
# in the same run, as ratios new/old: interleaved single-thread namescreen-bench rounds on one
# workload, and with --callgrind the instruction counts of `namescreen screen` under callgrind.
# Usage: bash bench/compare.sh OLD_BUILD_DIR NEW_BUILD_DIR [--rounds N] [--rows N]
#                              [--lists DIR] [--callgrind]
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
SEED=42        # the workload's seed, fixed so that runs of this script are comparable
CG_ROWS=300    # rows of the workload screened under callgrind
ROUNDS=7
ROWS=10000
LISTS=$ROOT/lists
CALLGRIND=0

usage() {
    cat <<EOF
usage: bash bench/compare.sh OLD_BUILD_DIR NEW_BUILD_DIR [--rounds N] [--rows N] [--lists DIR]
                             [--callgrind]

Generates one workload (seed $SEED, --rows rows, default $ROWS) with OLD's namescreen-workload,
then runs OLD's and NEW's bench/namescreen-bench on it with 1 thread in --rounds interleaved
rounds (default $ROUNDS; the first to run alternates from round to round) and prints each round's
throughputs, the ratio new/old, and the median, lowest and highest of the rounds' ratios.
--callgrind also runs each build's namescreen screen --threads 1 under valgrind --tool=callgrind
on the first $CG_ROWS rows and on the header alone (the start-up: loading the lists, building the
index) and prints the instructions executed (Ir): total, start-up, screening (the difference),
with their ratios new/old.
Both builds read the lists of --lists DIR (default: $ROOT/lists).
EOF
}

die() {
    echo "compare.sh: $*" >&2
    exit 2
}

positional=()
while [ $# -gt 0 ]; do
    case $1 in
        --rounds | --rows | --lists)
            [ $# -ge 2 ] || die "$1 needs a value"
            case $1 in
                --rounds) ROUNDS=$2 ;;
                --rows) ROWS=$2 ;;
                --lists) LISTS=$2 ;;
            esac
            shift 2
            ;;
        --callgrind)
            CALLGRIND=1
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        -*)
            usage >&2
            die "unknown option: $1"
            ;;
        *)
            positional+=("$1")
            shift
            ;;
    esac
done
if [ ${#positional[@]} -ne 2 ]; then
    usage >&2
    die "expected OLD_BUILD_DIR and NEW_BUILD_DIR"
fi
OLD=$(cd "${positional[0]}" 2>/dev/null && pwd) || die "no such directory: ${positional[0]}"
NEW=$(cd "${positional[1]}" 2>/dev/null && pwd) || die "no such directory: ${positional[1]}"
[[ $ROUNDS =~ ^[1-9][0-9]{0,3}$ ]] || die "--rounds wants 1..9999: $ROUNDS"
[[ $ROWS =~ ^[1-9][0-9]*$ ]] || die "--rows wants a count: $ROWS"
LISTS=$(cd "$LISTS" 2>/dev/null && pwd) || die "no such lists directory: $LISTS"
[ -r "$LISTS/sources.csv" ] || die "$LISTS has no sources.csv (not a lists directory)"

for f in "$OLD/bench/namescreen-workload" "$OLD/bench/namescreen-bench" \
    "$NEW/bench/namescreen-bench"; do
    [ -x "$f" ] || die "missing $f (build the bench programs: cmake --build DIR)"
done
if [ "$CALLGRIND" = 1 ]; then
    command -v valgrind >/dev/null || die "--callgrind needs valgrind (apt-get install valgrind)"
    for f in "$OLD/namescreen" "$NEW/namescreen"; do
        [ -x "$f" ] || die "missing $f"
    done
fi

start=$SECONDS
TMP=$(mktemp -d "${TMPDIR:-/tmp}/namescreen-compare.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

echo "old: $OLD"
echo "new: $NEW"
echo "lists: $LISTS"
"$OLD/bench/namescreen-workload" --seed "$SEED" --rows "$ROWS" --out "$TMP/workload.csv" \
    --lists "$LISTS" 2>"$TMP/workload.err" ||
    { cat "$TMP/workload.err" >&2; die "OLD's namescreen-workload failed"; }
echo "workload: $ROWS rows, seed $SEED (OLD's namescreen-workload)"

# bench WHICH ROUND: one 1-thread namescreen-bench run of build WHICH (old or new); prints its
# names/s and keeps its report in $TMP/WHICH-ROUND.txt.
bench() {
    local dir out st=0
    if [ "$1" = old ]; then dir=$OLD; else dir=$NEW; fi
    out=$TMP/$1-$2.txt
    "$dir/bench/namescreen-bench" --workload "$TMP/workload.csv" --threads 1 --repeat 1 \
        --subset 0 --lists "$LISTS" >"$out" 2>"$TMP/$1-$2.err" || st=$?
    if [ "$st" -ne 0 ]; then
        cat "$TMP/$1-$2.err" >&2
        die "$1 namescreen-bench failed (exit status $st)"
    fi
    awk '$1 == "result" && $2 == "names_per_s.t1" { v = $3 } END { if (v == "") exit 1; print v }' \
        "$out" || die "no 'result names_per_s.t1' line in the $1 namescreen-bench report"
}

# result FILE KEY: the value of a "result KEY VALUE" line of a namescreen-bench report
result() {
    awk -v k="$2" '$1 == "result" && $2 == k { print $3 }' "$1"
}

printf '%-5s  %-5s  %12s  %12s  %7s\n' round first "old names/s" "new names/s" new/old
: >"$TMP/ratios"
for ((r = 1; r <= ROUNDS; r++)); do
    if ((r % 2)); then
        first=old
        o=$(bench old "$r")
        n=$(bench new "$r")
    else
        first=new
        n=$(bench new "$r")
        o=$(bench old "$r")
    fi
    ratio=$(awk -v o="$o" -v n="$n" 'BEGIN { printf "%.6f", n / o }')
    echo "$ratio" >>"$TMP/ratios"
    printf '%-5s  %-5s  %12.0f  %12.0f  %7.3f\n' "$r" "$first" "$o" "$n" "$ratio"
done

for w in old new; do
    echo "$w: $(grep -m1 '^library ' "$TMP/$w-1.txt" || echo "library version unknown")"
done
hits_old=$(result "$TMP/old-1.txt" hits)
hits_new=$(result "$TMP/new-1.txt" hits)
if [ "$hits_old" != "$hits_new" ]; then
    echo "note: the builds find different hits on the workload (old $hits_old, new $hits_new)"
fi
sort -g "$TMP/ratios" | awk '
    { v[NR] = $1 }
    END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "per-round ratio new/old: median %.3f, min %.3f, max %.3f (%d round%s of 1 thread)\n",
               m, v[1], v[NR], NR, NR == 1 ? "" : "s"
        if (v[NR] > 1.1 * v[1])
            printf "note: the rounds disagree by more than 10%%: the speed of the machine drifts; more " \
                   "rounds (--rounds) or rows (--rows) narrow the median\n"
        printf "median throughput ratio new/old: %.3f\n", m
    }'

if [ "$CALLGRIND" = 1 ]; then
    # The header and the first CG_ROWS records (a quoted field may hold a line break: a record
    # ends on a line that leaves an even number of quotes behind), and the header alone: its run
    # counts the start-up (loading the lists, building the index), which the difference removes.
    awk -v n="$CG_ROWS" '{ print; q = (q + gsub(/"/, "\"")) % 2 } q == 0 && ++rec > n { exit }' \
        "$TMP/workload.csv" >"$TMP/rows.csv"
    head -n 1 "$TMP/workload.csv" >"$TMP/empty.csv"
    # callgrind WHICH INPUT: namescreen screen of build WHICH on $TMP/INPUT.csv under callgrind
    callgrind() {
        local dir
        if [ "$1" = old ]; then dir=$OLD; else dir=$NEW; fi
        NAMESCREEN_LISTS=$LISTS valgrind --tool=callgrind \
            --callgrind-out-file="$TMP/callgrind-$1-$2.out" "$dir/namescreen" screen \
            --threads 1 --output "$TMP/screen-$1-$2.csv" "$TMP/$2.csv" 2>"$TMP/callgrind-$1-$2.err"
    }
    # ir WHICH INPUT: the instructions counted by that run
    ir() {
        awk '$1 == "summary:" { s = $2 } $1 == "totals:" && t == "" { t = $2 }
             END { if (s == "") s = t; if (s == "") exit 1; print s }' "$TMP/callgrind-$1-$2.out" ||
            die "no instruction total in the callgrind output of $1 on $2.csv"
    }
    # Old and new side by side (instruction counts do not depend on what else runs).
    for input in rows empty; do
        callgrind old "$input" &
        pid_old=$!
        callgrind new "$input" &
        pid_new=$!
        for w in old new; do
            if [ "$w" = old ]; then pid=$pid_old; else pid=$pid_new; fi
            st=0
            wait "$pid" || st=$?
            # exit status 1 = at least one hit: not an error
            if [ "$st" -gt 1 ]; then
                tail -20 "$TMP/callgrind-$w-$input.err" >&2
                kill "$pid_old" "$pid_new" 2>/dev/null || true
                die "$w namescreen screen under callgrind failed on $input.csv (exit status $st)"
            fi
        done
    done
    tot_old=$(ir old rows)
    tot_new=$(ir new rows)
    base_old=$(ir old empty)
    base_new=$(ir new empty)
    same="same hits"
    cmp -s "$TMP/screen-old-rows.csv" "$TMP/screen-new-rows.csv" || same="different hits"
    echo "callgrind, namescreen screen --threads 1 on the first $CG_ROWS rows ($same):"
    awk -v to="$tot_old" -v tn="$tot_new" -v bo="$base_old" -v bn="$base_new" -v rows="$CG_ROWS" '
        function line(what, o, n) {
            printf "  %-38s old %14.0f Ir  new %14.0f Ir  new/old %.4f\n", what, o, n, n / o
        }
        BEGIN {
            line("total", to, tn)
            line("start-up (lists, index; header only)", bo, bn)
            line("screening " rows " rows (the difference)", to - bo, tn - bn)
            printf "callgrind instruction ratio new/old: %.4f\n", tn / to
        }'
fi

el=$((SECONDS - start))
echo "took $((el / 60)) min $((el % 60)) s"
