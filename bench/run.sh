#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# run.sh: the whole benchmark. Builds namescreen (Release), generates workloads of 1k/10k/100k
# names, runs namescreen-bench (several list sizes) and the Python Jaro-Winkler baseline, and
# writes bench/RESULTS.md and bench/throughput.svg. Usage: bench/run.sh [--quick]
#
# Environment: NSC_BENCH_BUILD (build directory, default /tmp/namescreen-bench-build),
# NSC_BENCH_SIZES (workload sizes, default "1000 10000 100000"; the middle one carries the
# list-size sweep, the exhaustive check and the baseline), NSC_BASELINE_ROWS (rows the Python
# baseline screens, default 200: it does ~15-20 names/s), NSC_BENCH_SUBSET (rows checked
# against the exhaustive engine, default 500), NSC_BENCH_RESULTS (where RESULTS.md and
# throughput.svg go, default bench/).
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
if [ "${1:-}" = "--quick" ]; then
    SIZES=${NSC_BENCH_SIZES:-1000 10000}
    BASELINE_ROWS=${NSC_BASELINE_ROWS:-50}
    SUBSET=${NSC_BENCH_SUBSET:-100}
fi
THREADS=$(nproc 2>/dev/null || echo 1)
PY=/usr/bin/python3

if ! "$PY" -c 'import warnings; warnings.simplefilter("ignore"); import jellyfish' 2>/dev/null; then
    echo "run.sh: $PY cannot import jellyfish (apt-get install python3-jellyfish)" >&2
    exit 2
fi

echo "== build (Release) in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$BUILD" -j "$THREADS" --target namescreen-bench namescreen-workload >/dev/null
mkdir -p "$OUT"
rm -f "$OUT"/*.txt
BENCH=$BUILD/bench/namescreen-bench
WORKLOAD=$BUILD/bench/namescreen-workload

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
echo "done: $RESULTS/RESULTS.md"
