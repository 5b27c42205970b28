#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# run.sh: the whole benchmark. Builds namescreen (Release), generates workloads of 1k/10k/100k
# names, runs namescreen-bench (several list sizes) and the Python Jaro-Winkler baseline, and
# writes bench/RESULTS.md and bench/throughput.svg; then the list-size series on 1 thread: the
# bundled lists (3 rounds) and lists of 200k, 1M and 2M names written by bench/gen_list.py (seed
# 42; one round each), with a 100-name indexed-vs-exhaustive check at 1M names and above, in the
# "List size" section of RESULTS.md and bench/list-size.svg. Usage: bench/run.sh [--quick]
#
# Run time on 2 cores: the main part a few minutes. The series is long: it took 13 minutes (6 of
# CPU) with NSC_BENCH_SERIES_SUBSET=10 on a loaded 2-core machine; the exhaustive engine it checks
# against scores every list name, about 0.75 s of CPU per query per 200k list names (measured at
# 200k; it grows with the list), so the default 100-name check at 1M and 2M names adds about 10
# minutes on 2 idle cores (an estimate). Each big list is built into an engine four times
# (timing, a second thread's scratch, both sides of the check) and generated once (a few seconds
# of CPU per 100k names; kept in the build directory).
#
# Environment: NSC_BENCH_BUILD (build directory, default /tmp/namescreen-bench-build),
# NSC_BENCH_SIZES (workload sizes, default "1000 10000 100000"; the middle one carries the
# list-size sweep, the exhaustive check and the baseline), NSC_BASELINE_ROWS (rows the Python
# baseline screens, default 200: it does ~15-20 names/s), NSC_BENCH_SUBSET (rows checked
# against the exhaustive engine, default 500), NSC_BENCH_RESULTS (where RESULTS.md and
# throughput.svg go, default bench/).
# The series: NSC_BENCH_SERIES_ONLY=1 runs only the series (keeping the rest of RESULTS.md);
# NSC_BENCH_SERIES (list sizes in names, default "200000 1000000 2000000"; "none" skips the
# series; 4000000 is a useful addition for memory), NSC_BENCH_SERIES_ROWS (workload rows, default
# 2000), NSC_BENCH_SERIES_SUBSET (rows checked against the exhaustive engine, default 100),
# NSC_BENCH_SERIES_CHECK_FROM (the smallest list size checked, default 1000000).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=${NSC_BENCH_BUILD:-/tmp/namescreen-bench-build}
OUT=$BUILD/bench-out
SIZES=${NSC_BENCH_SIZES:-1000 10000 100000}
RESULTS=${NSC_BENCH_RESULTS:-$HERE}
BASELINE_ROWS=${NSC_BASELINE_ROWS:-200}
SUBSET=${NSC_BENCH_SUBSET:-500}
SEED=42
SERIES_ONLY=${NSC_BENCH_SERIES_ONLY:-0}
SERIES=${NSC_BENCH_SERIES:-200000 1000000 2000000}
SERIES_ROWS=${NSC_BENCH_SERIES_ROWS:-2000}
SERIES_SUBSET=${NSC_BENCH_SERIES_SUBSET:-100}
SERIES_CHECK_FROM=${NSC_BENCH_SERIES_CHECK_FROM:-1000000}
if [ "${1:-}" = "--quick" ]; then
    SIZES=${NSC_BENCH_SIZES:-1000 10000}
    BASELINE_ROWS=${NSC_BASELINE_ROWS:-50}
    SUBSET=${NSC_BENCH_SUBSET:-100}
fi
THREADS=$(nproc 2>/dev/null || echo 1)
PY=/usr/bin/python3

if [ "$SERIES_ONLY" != 1 ] &&
    ! "$PY" -c 'import warnings; warnings.simplefilter("ignore"); import jellyfish' 2>/dev/null; then
    echo "run.sh: $PY cannot import jellyfish (apt-get install python3-jellyfish)" >&2
    exit 2
fi

echo "== build (Release) in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$BUILD" -j "$THREADS" --target namescreen-bench namescreen-workload >/dev/null
mkdir -p "$OUT"
BENCH=$BUILD/bench/namescreen-bench
WORKLOAD=$BUILD/bench/namescreen-workload

if [ "$SERIES_ONLY" != 1 ]; then
rm -f "$OUT"/bench-*.txt "$OUT"/baseline.txt

echo "== workloads (seed $SEED): $SIZES"
for n in $SIZES; do
    "$WORKLOAD" --seed "$SEED" --rows "$n" --out "$OUT/workload-$n.csv"
done

# The middle workload carries the list-size sweep, the exhaustive check and the baseline.
MID=$(echo "$SIZES" | awk '{ print $(int((NF + 1) / 2)) }')

# All bundled lists on every workload size; the exhaustive check on the middle one.
for n in $SIZES; do
    sub=0
    [ "$n" = "$MID" ] && sub=$SUBSET
    echo "== namescreen-bench: all lists, $n names, $THREADS threads, exhaustive subset $sub"
    # Exit status 1 = the exhaustive check found mismatches: reported in RESULTS.md, not fatal.
    st=0
    "$BENCH" --workload "$OUT/workload-$n.csv" --threads "$THREADS" --subset "$sub" \
        > "$OUT/bench-all-$n.txt" || st=$?
    [ "$st" -le 1 ] || { echo "run.sh: namescreen-bench failed ($st)" >&2; exit 2; }
    grep '^|' "$OUT/bench-all-$n.txt"
done

# Throughput against list size: the same workload on growing sets of lists.
for only in un ofac-sdn ofac-sdn,un; do
    echo "== namescreen-bench: lists $only, $MID names"
    "$BENCH" --workload "$OUT/workload-$MID.csv" --threads "$THREADS" --subset 0 --only "$only" \
        > "$OUT/bench-only-$only.txt"
done

echo "== Python baseline (jellyfish Jaro-Winkler), first $BASELINE_ROWS names"
"$PY" "$HERE/baseline_jellyfish.py" --workload "$OUT/workload-$MID.csv" --rows "$BASELINE_ROWS" \
    --lists "$ROOT/lists" > "$OUT/baseline.txt"
head -1 "$OUT/baseline.txt"

mkdir -p "$RESULTS"
echo "== writing $RESULTS/RESULTS.md and $RESULTS/throughput.svg"
"$PY" - "$OUT" "$RESULTS" "$THREADS" "$MID" "$SIZES" <<'PYEOF'
# Turns the "result KEY VALUE" lines of the runs into RESULTS.md and a hand-written SVG chart.
import glob, os, platform, subprocess, sys, time

out, here, threads, mid, sizes = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5].split()

def results(path):
    r = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) == 3 and p[0] == "result":
                r[p[1]] = float(p[2])
    return r

def cpu():
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"

def header_line(path):
    for line in open(path, encoding="utf-8"):
        if line.startswith("library "):
            return line.strip()
    return ""

allr = {n: results(os.path.join(out, f"bench-all-{n}.txt")) for n in sizes}
only = {k: results(os.path.join(out, f"bench-only-{k}.txt")) for k in ("un", "ofac-sdn", "ofac-sdn,un")}
base = results(os.path.join(out, "baseline.txt"))
mid_r = allr[mid]
tn = f"names_per_s.t{threads}"

def nps(r, t):
    return r.get(f"names_per_s.t{t}", r["names_per_s.t1"])

def us(v):
    return f"{v:,.0f} µs" if v < 10000 else f"{v / 1000:,.1f} ms"

def times(x):
    return f"{x:,.0f}×" if x >= 10 else f"{x:.1f}×"

L = []
L.append("# namescreen benchmark results\n")
L.append(f"Written by `bench/run.sh` on {time.strftime('%Y-%m-%d %H:%M')}: {cpu()}, {threads} "
         f"online CPUs, {platform.system()} {platform.machine()}; "
         f"{header_line(os.path.join(out, f'bench-all-{mid}.txt'))}. Workloads from "
         "`namescreen-workload --seed 42` (about 47 % perturbed OFAC SDN / UN names, 47 % clean "
         "names, 6 % other scripts). Every figure below was measured in this one run; rerun "
         "`bench/run.sh` to reproduce it on your machine.\n")

L.append("## All bundled lists\n")
def up(r, key):
    if f"speedup.{key}" not in r:
        return "–"
    return (f"{r[f'speedup.{key}']:.2f}× ({r[f'speedup_min.{key}']:.2f}–"
            f"{r[f'speedup_max.{key}']:.2f})")

L.append(f"| workload | list names | load | index build | names/s, 1 thread | names/s, {threads} threads "
         f"| speed-up, {threads} threads | speed-up, {threads} processes (ceiling) | p50 | p99 | peak RSS | hits |")
L.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    r = allr[n]
    L.append(f"| {int(r['rows']):,} | {int(r['list_names']):,} | {r['load_s']:.2f} s | "
             f"{r['freeze_s']:.2f} s | {r['names_per_s.t1']:,.0f} | {nps(r, threads):,.0f} | "
             f"{up(r, f't{threads}')} | {up(r, f'p{threads}')} | "
             f"{us(r['p50_us'])} | {us(r['p99_us'])} | {r['rss_mb']:.0f} MB | "
             f"{int(r['hits']):,} |")
L.append("")
rounds = int(allr[sizes[0]].get('repeat', 1))
L.append("Latency percentiles are per name on 1 thread. Load = parsing the list files; index build = "
         "`nsc_engine_freeze()`. Peak RSS is the process maximum (`getrusage`) after loading the lists "
         "and screening the workload once with 1 thread, the first run of all (later rounds rebuild "
         "engines in memory the earlier ones fragmented). "
         f"Every figure comes from {rounds} rounds, each of which screens the workload with 1 thread, "
         f"with {threads} threads and on {threads} independent processes, every run on a freshly built "
         "engine (cold caches), in an order that rotates from round to round. Load, index build, "
         "throughput and latency are medians over the rounds. A speed-up is the median of the rounds' "
         "ratios to the 1-thread run of the same round, with the lowest and highest in brackets: on a "
         "shared virtual machine the speed drifts by a quarter within minutes, so ratios are taken "
         "between runs seconds apart. Threads take names 16 at a time from a shared counter, as "
         f"`namescreen screen --threads` takes rows. Each of the {threads} independent processes builds "
         "its own engine and, once all are built, screens the whole workload with 1 thread: their "
         f"summed throughput is what {threads} cores of this machine give to this work when nothing "
         f"is shared, the ceiling for {threads} threads. Every engine is readied for its thread "
         "count (`nsc_engine_prepare_threads`) and screens one untimed name first, so that no run "
         "counts one-time set-up.\n")

L.append(f"## Throughput against list size ({int(mid):,} names)\n")
L.append(f"| lists | entities | list names | index build | names/s, 1 thread | names/s, {threads} threads |")
L.append("|---|---:|---:|---:|---:|---:|")
sweep = [("UN", only["un"]), ("OFAC SDN", only["ofac-sdn"]), ("OFAC SDN + UN", only["ofac-sdn,un"]),
         ("all bundled (OFAC SDN, OFAC non-SDN, UN, UK)", mid_r)]
for label, r in sweep:
    L.append(f"| {label} | {int(r['list_entities']):,} | {int(r['list_names']):,} | {r['freeze_s']:.2f} s | "
             f"{r['names_per_s.t1']:,.0f} | {nps(r, threads):,.0f} |")
L.append("")

L.append("## Speed ratios against the baselines\n")
L.append("| comparison | namescreen | baseline | ratio |")
L.append("|---|---:|---:|---:|")
if base:
    ns = only["ofac-sdn,un"]["names_per_s.t1"]
    L.append(f"| Python + jellyfish Jaro-Winkler, whole name, threshold 0.85, OFAC SDN (+ aliases) + UN "
             f"({int(base['baseline_list_names']):,} distinct names), 1 thread, first "
             f"{int(base['baseline_rows'])} names | {ns:,.0f} names/s | "
             f"{base['baseline_names_per_s']:,.1f} names/s | **{times(ns / base['baseline_names_per_s'])}** |")
if "subset" in mid_r:
    L.append(f"| namescreen exhaustive engine (`options.exhaustive = 1`: every list name scored), "
             f"all lists, first {int(mid_r['subset'])} names, 1 thread | "
             f"{mid_r['indexed_subset_names_per_s']:,.0f} names/s | "
             f"{mid_r['exhaustive_names_per_s']:,.1f} names/s | **{times(mid_r['speedup_vs_exhaustive'])}** |")
L.append("")
if "subset" in mid_r:
    mm = int(mid_r["mismatches"])
    L.append(f"Exact recall of the index: on the first {int(mid_r['subset'])} names the indexed and the "
             f"exhaustive engine returned {'identical hits' if mm == 0 else f'**{mm} different hit sets**'} "
             "(same lists, entity ids, and scores within 1e-9).\n")
L.append("The Jaro-Winkler baseline is what a compliance analyst would script; it matches a different "
         "(cruder) notion of similarity and screens fewer list names than namescreen's all-lists runs, so "
         "the ratio compares namescreen on the same two lists. It is measured on its first rows only "
         "because it is slow; its rate does not depend on the row count.\n")
L.append("![throughput](throughput.svg)\n")
# The list-size series' section (written by the series below) is kept from the previous file.
old_path = os.path.join(here, "RESULTS.md")
if os.path.exists(old_path):
    old = open(old_path, encoding="utf-8").read()
    a = old.find("<!-- list-size series")
    b = old.find("<!-- end of the list-size series -->")
    if a >= 0 and b > a:
        L.append(old[a:b + len("<!-- end of the list-size series -->")] + "\n")
with open(os.path.join(here, "RESULTS.md"), "w", encoding="utf-8") as f:
    f.write("\n".join(L))

# ---- the SVG: left, names/s against list size (log scale bars, 1 and N threads, baseline);
# right, names/s against thread count for each workload size.
W, H = 960, 420
PAD_L, PAD_B, PAD_T = 70, 90, 50
PW = 380
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
       'font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>']
import math
short = ["UN", "OFAC SDN", "SDN + UN", "all lists"]
bars = [(short[i], int(r["list_names"]), r["names_per_s.t1"], nps(r, threads)) for i, (_, r) in enumerate(sweep)]
def kfmt(v):
    return f"{v / 1000:.1f}k" if v >= 1000 else f"{v:.0f}"
vmax = max(max(b[3] for b in bars), max(b[2] for b in bars))
vmin = base["baseline_names_per_s"] if base else min(b[2] for b in bars)
lo, hi = math.floor(math.log10(max(vmin, 1e-3))), math.ceil(math.log10(vmax))
if hi == lo:
    hi += 1
ph = H - PAD_T - PAD_B
def ylog(v):
    return PAD_T + ph - (math.log10(max(v, 10 ** lo)) - lo) / (hi - lo) * ph
x0 = PAD_L
svg.append(f'<text x="{x0 + PW / 2}" y="24" text-anchor="middle" font-size="14" font-weight="bold">'
           f'names/s against list size ({int(mid):,}-name workload, log scale)</text>')
for e in range(lo, hi + 1):
    y = ylog(10 ** e)
    svg.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + PW}" y2="{y:.1f}" stroke="#ddd"/>')
    svg.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:,}</text>')
groups = bars + ([("jellyfish JW", int(base["baseline_list_names"]), base["baseline_names_per_s"], None)]
                 if base else [])
gw = PW / len(groups)
for i, (label, nnames, v1, vn) in enumerate(groups):
    gx = x0 + i * gw + gw * 0.15
    bw = gw * 0.33
    for j, (v, color) in enumerate(((v1, "#4878a8"), (vn, "#e0803a"))):
        if v is None:
            continue
        y = ylog(v)
        fill = color if label[:9] != "jellyfish" else "#999"
        svg.append(f'<rect x="{gx + j * bw:.1f}" y="{y:.1f}" width="{bw - 2:.1f}" height="{PAD_T + ph - y:.1f}" fill="{fill}">'
                   f'<title>{label}: {v:,.1f} names/s</title></rect>')
        svg.append(f'<text x="{gx + j * bw + bw / 2 - 1:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="9">{kfmt(v)}</text>')
    cx = x0 + i * gw + gw / 2
    svg.append(f'<text x="{cx:.1f}" y="{PAD_T + ph + 16}" text-anchor="middle" font-size="11">{label}</text>')
    svg.append(f'<text x="{cx:.1f}" y="{PAD_T + ph + 30}" text-anchor="middle" font-size="10" fill="#555">{nnames:,} names</text>')
svg.append(f'<line x1="{x0}" y1="{PAD_T + ph}" x2="{x0 + PW}" y2="{PAD_T + ph}" stroke="black"/>')
svg.append(f'<line x1="{x0}" y1="{PAD_T}" x2="{x0}" y2="{PAD_T + ph}" stroke="black"/>')
ly = H - 22
for j, (text, color) in enumerate((("1 thread", "#4878a8"), (f"{threads} threads", "#e0803a"),
                                   ("Python baseline, 1 thread", "#999"))):
    svg.append(f'<rect x="{x0 + j * 130}" y="{ly - 10}" width="12" height="12" fill="{color}"/>')
    svg.append(f'<text x="{x0 + j * 130 + 16}" y="{ly}">{text}</text>')

# Right panel: linear scale, names/s against threads, one line per workload size.
x1 = PAD_L + PW + 110
svg.append(f'<text x="{x1 + PW / 2}" y="24" text-anchor="middle" font-size="14" font-weight="bold">'
           'names/s against threads (all bundled lists)</text>')
tcounts = sorted({1} | {int(k.split(".t")[1]) for r in allr.values() for k in r if k.startswith("names_per_s.t")})
ymax = max(v for r in allr.values() for k, v in r.items() if k.startswith("names_per_s.t")) * 1.1
step = 10 ** math.floor(math.log10(ymax / 4))
for m in (1, 2, 5, 10):
    if ymax / (step * m) <= 6:
        step *= m
        break
def ylin(v):
    return PAD_T + ph - v / ymax * ph
def xt(t):
    return x1 + (tcounts.index(t) + 0.5) * PW / len(tcounts)
v = 0.0
while v <= ymax:
    y = ylin(v)
    svg.append(f'<line x1="{x1}" y1="{y:.1f}" x2="{x1 + PW}" y2="{y:.1f}" stroke="#ddd"/>')
    svg.append(f'<text x="{x1 - 6}" y="{y + 4:.1f}" text-anchor="end">{v:,.0f}</text>')
    v += step
for t in tcounts:
    svg.append(f'<text x="{xt(t):.1f}" y="{PAD_T + ph + 16}" text-anchor="middle">{t}</text>')
svg.append(f'<text x="{x1 + PW / 2}" y="{PAD_T + ph + 34}" text-anchor="middle">threads</text>')
colors = ["#4878a8", "#e0803a", "#5a9e5a", "#a05aa0"]
for i, n in enumerate(sizes):
    r = allr[n]
    pts = [(xt(t), ylin(r[f"names_per_s.t{t}"])) for t in tcounts if f"names_per_s.t{t}" in r]
    c = colors[i % len(colors)]
    svg.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
               % (c, " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)))
    for (x, y), t in zip(pts, [t for t in tcounts if f"names_per_s.t{t}" in r]):
        svg.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{c}"><title>{int(n):,} names, {t} threads: '
                   f'{r[f"names_per_s.t{t}"]:,.0f} names/s</title></circle>')
    svg.append(f'<rect x="{x1 + i * 120}" y="{ly - 10}" width="12" height="12" fill="{c}"/>')
    svg.append(f'<text x="{x1 + i * 120 + 16}" y="{ly}">{int(n):,} names</text>')
svg.append(f'<line x1="{x1}" y1="{PAD_T + ph}" x2="{x1 + PW}" y2="{PAD_T + ph}" stroke="black"/>')
svg.append(f'<line x1="{x1}" y1="{PAD_T}" x2="{x1}" y2="{PAD_T + ph}" stroke="black"/>')
svg.append("</svg>")
with open(os.path.join(here, "throughput.svg"), "w", encoding="utf-8") as f:
    f.write("\n".join(svg) + "\n")
PYEOF
fi # SERIES_ONLY

[ "$SERIES" = none ] && { echo "done: $RESULTS/RESULTS.md"; exit 0; }

# ---- the list-size series ------------------------------------------------------------------
GEN=$OUT/lists
mkdir -p "$GEN" "$RESULTS"
rm -f "$OUT"/series-*.txt
LOAD0=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
echo "== series workload (seed $SEED): $SERIES_ROWS names"
"$WORKLOAD" --seed "$SEED" --rows "$SERIES_ROWS" --out "$OUT/series-workload.csv"
# Exit status 1 = the exhaustive check found mismatches: reported in RESULTS.md, not fatal.
series_bench() { # OUTFILE ARGS...
    o=$1
    shift
    st=0
    "$BENCH" --workload "$OUT/series-workload.csv" --threads 1 --thread-memory 1 "$@" > "$o" || st=$?
    [ "$st" -le 1 ] || { echo "run.sh: namescreen-bench failed ($st)" >&2; exit 2; }
    grep -E '^\| (lists|index build|throughput|latency|peak RSS|resident|exhaustive)' "$o"
}
echo "== series: bundled lists, 3 rounds"
series_bench "$OUT/series-bundled.txt" --repeat 3 --subset 0
for n in $SERIES; do
    f=$GEN/list-$n-s$SEED.csv
    if [ ! -s "$f" ] || [ "$HERE/gen_list.py" -nt "$f" ]; then
        echo "== gen_list.py --names $n --seed $SEED"
        "$PY" "$HERE/gen_list.py" --names "$n" --seed "$SEED" --out "$f"
    fi
    sub=0
    [ "$n" -ge "$SERIES_CHECK_FROM" ] && sub=$SERIES_SUBSET
    echo "== series: $n names, 1 round, exhaustive subset $sub"
    series_bench "$OUT/series-$n.txt" --repeat 1 --subset "$sub" --subset-threads "$THREADS" \
        --list "csv:$f"
done

echo "== writing the list-size section of $RESULTS/RESULTS.md and $RESULTS/list-size.svg"
"$PY" - "$OUT" "$RESULTS" "$SERIES" "$THREADS" "$LOAD0" <<'PYEOF'
# The list-size series: a section of RESULTS.md (between its markers, replaced in place) and an
# SVG of throughput and memory against list size.
import math, os, platform, sys, time

out, here, sizes, threads = sys.argv[1], sys.argv[2], sys.argv[3].split(), int(sys.argv[4])
load0 = float(sys.argv[5])

def results(path):
    r = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) == 3 and p[0] == "result":
                r[p[1]] = float(p[2])
    return r

def header_line(path):
    for line in open(path, encoding="utf-8"):
        if line.startswith("library "):
            return line.strip()
    return ""

def cpu():
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"

def us(v):
    return f"{v:,.0f} µs" if v < 10000 else f"{v / 1000:,.1f} ms"

def names(n):
    return f"{n / 1e6:g}M" if n >= 1e6 else f"{n / 1e3:g}k"

base = results(os.path.join(out, "series-bundled.txt"))
rows = [("bundled", base)] + [(n, results(os.path.join(out, f"series-{n}.txt"))) for n in sizes]
load = os.getloadavg()[0]

L = ["<!-- list-size series: written by bench/run.sh -->", "## List size\n"]
L.append(f"Written by `bench/run.sh` (the list-size series) on {time.strftime('%Y-%m-%d %H:%M')}: "
         f"{cpu()}, {threads} online CPUs; {header_line(os.path.join(out, 'series-bundled.txt'))}. "
         f"The same {int(base['rows']):,}-name workload (`namescreen-workload --seed 42`) screened on "
         "1 thread against the bundled lists (3 rounds, medians) and against lists written by "
         "`bench/gen_list.py --seed 42` (one round each), which recombine the bundled lists' names "
         "with their token frequencies.")
if max(load0, load) > threads:
    L.append(f"Measured on a {threads}-core machine under load (load average {load0:.1f} when the "
             f"series started, {load:.1f} when it ended): absolute times are longer than on an idle machine, and ratios between "
             "rows measured minutes apart carry the machine's drift.")
L.append("")
L.append("| list names | entities | load | index build | peak RSS | RSS per list name over the "
         "bundled lists | names/s, 1 thread | against the bundled lists | p50 | p99 | "
         "second thread's scratch | indexed = exhaustive |")
L.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for label, r in rows:
    if not r:
        continue
    per = "–"
    if label != "bundled" and r["list_names"] > base["list_names"]:
        per = f"{(r['rss_mb'] - base['rss_mb']) * 1048576 / r['list_names']:,.0f} B"
    q = r["names_per_s.t1"] / base["names_per_s.t1"]
    ratio = "1" if label == "bundled" else (f"1/{1 / q:.1f}" if q < 1 else f"{q:.2f}×")
    chk = "–"
    if "subset" in r:
        mm = int(r["mismatches"])
        chk = (f"{int(r['subset'])} names: " + ("identical" if mm == 0 else f"**{mm} differ**") +
               f" (exhaustive: {r['exhaustive_names_per_s']:,.2f} names/s per thread)")
    scratch = f"{r['thread_scratch_mb']:.1f} MB" if "thread_scratch_mb" in r else "–"
    lbl = f"{int(r['list_names']):,} (bundled)" if label == "bundled" else f"{int(r['list_names']):,}"
    L.append(f"| {lbl} | {int(r['list_entities']):,} | {r['load_s']:.2f} s | {r['freeze_s']:.2f} s | "
             f"{r['rss_mb']:,.0f} MB | {per} | {r['names_per_s.t1']:,.0f} | {ratio} | "
             f"{us(r['p50_us'])} | {us(r['p99_us'])} | {scratch} | {chk} |")
L.append("")
L.append("Load = parsing the list file; index build = `nsc_engine_freeze()`. Peak RSS is the process "
         "maximum after loading the lists and screening the workload once; RSS per list name is "
         "its growth over the bundled-list engine's, divided by the generated list's names (a "
         "generated list is loaded alone; its address and identifier columns are not read by the "
         "generic CSV format). The second thread's scratch is the growth of the resident set when "
         "an engine that has screened the workload on 1 thread screens it again on 2 "
         "(`namescreen-bench --thread-memory 1`). The exhaustive check compares every hit (entity, "
         "score within 1e-9) of the first names of the workload with those of an engine that "
         f"scores every list name, on {threads} threads.\n")
L.append("![throughput and memory against list size](list-size.svg)\n")
L.append("<!-- end of the list-size series -->")
section = "\n".join(L)

END = "<!-- end of the list-size series -->"
path = os.path.join(here, "RESULTS.md")
old = open(path, encoding="utf-8").read() if os.path.exists(path) else "# namescreen benchmark results\n"
a, b = old.find("<!-- list-size series"), old.find(END)
if a >= 0 and b > a:
    new = old[:a] + section + old[b + len(END):]
else:
    new = old.rstrip("\n") + "\n\n" + section + "\n"
with open(path, "w", encoding="utf-8") as f:
    f.write(new)

# The chart: left, names/s on 1 thread and p99 against list names; right, peak RSS and bytes
# per list name against list names; all axes logarithmic.
pts = [r for _, r in rows if r]
xs = [r["list_names"] for r in pts]
W, H, PW, PAD_L, PAD_T, PAD_B = 960, 420, 360, 80, 50, 80
ph = H - PAD_T - PAD_B
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
       'font-family="sans-serif" font-size="12">', f'<rect width="{W}" height="{H}" fill="white"/>']
xlo, xhi = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))

def xlog(x0, v):
    return x0 + (math.log10(v) - xlo) / (xhi - xlo) * PW

def panel(x0, title, series, unit):
    vals = [v for _, s, _ in series for v in s if v > 0]
    lo, hi = math.floor(math.log10(min(vals))), math.ceil(math.log10(max(vals)))
    if hi == lo:
        hi += 1

    def y(v):
        return PAD_T + ph - (math.log10(v) - lo) / (hi - lo) * ph

    svg.append(f'<text x="{x0 + PW / 2}" y="24" text-anchor="middle" font-size="14" '
               f'font-weight="bold">{title}</text>')
    for e in range(lo, hi + 1):
        svg.append(f'<line x1="{x0}" y1="{y(10 ** e):.1f}" x2="{x0 + PW}" y2="{y(10 ** e):.1f}" stroke="#ddd"/>')
        svg.append(f'<text x="{x0 - 6}" y="{y(10 ** e) + 4:.1f}" text-anchor="end">{10 ** e:,}</text>')
    for e in range(xlo, xhi + 1):
        x = xlog(x0, 10 ** e)
        svg.append(f'<line x1="{x:.1f}" y1="{PAD_T}" x2="{x:.1f}" y2="{PAD_T + ph}" stroke="#eee"/>')
        svg.append(f'<text x="{x:.1f}" y="{PAD_T + ph + 16}" text-anchor="middle">{names(10 ** e)}</text>')
    svg.append(f'<text x="{x0 + PW / 2}" y="{PAD_T + ph + 34}" text-anchor="middle">list names (log scale)</text>')
    svg.append(f'<text x="{x0 - 62}" y="{PAD_T + ph / 2}" text-anchor="middle" '
               f'transform="rotate(-90 {x0 - 62} {PAD_T + ph / 2})">{unit} (log scale)</text>')
    for i, (label, s, color) in enumerate(series):
        p = [(xlog(x0, x), y(v), x, v) for x, v in zip(xs, s) if v > 0]
        svg.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
                   % (color, " ".join(f"{a:.1f},{b:.1f}" for a, b, _, _ in p)))
        for a, b, x, v in p:
            svg.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="4" fill="{color}"><title>{int(x):,} '
                       f'names: {v:,.0f} {label}</title></circle>')
            svg.append(f'<text x="{a + 6:.1f}" y="{b - 6:.1f}" font-size="10">{v:,.0f}</text>')
        svg.append(f'<rect x="{x0 + i * 170}" y="{H - 32}" width="12" height="12" fill="{color}"/>')
        svg.append(f'<text x="{x0 + i * 170 + 16}" y="{H - 22}">{label}</text>')
    svg.append(f'<line x1="{x0}" y1="{PAD_T + ph}" x2="{x0 + PW}" y2="{PAD_T + ph}" stroke="black"/>')
    svg.append(f'<line x1="{x0}" y1="{PAD_T}" x2="{x0}" y2="{PAD_T + ph}" stroke="black"/>')

panel(PAD_L, "throughput against list size, 1 thread",
      [("names/s", [r["names_per_s.t1"] for r in pts], "#4878a8"),
       ("p99 latency, µs", [r["p99_us"] for r in pts], "#e0803a")], "names/s; µs")
per = [0 if r is base or r["list_names"] <= base["list_names"] else (r["rss_mb"] - base["rss_mb"]) * 1048576 / r["list_names"] for r in pts]
panel(PAD_L + PW + 140, "memory against list size",
      [("peak RSS, MB", [r["rss_mb"] for r in pts], "#5a9e5a"),
       ("bytes per list name", per, "#a05aa0")], "MB; bytes")
svg.append("</svg>")
with open(os.path.join(here, "list-size.svg"), "w", encoding="utf-8") as f:
    f.write("\n".join(svg) + "\n")
PYEOF
echo "done: $RESULTS/RESULTS.md"

