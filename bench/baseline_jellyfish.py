#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# baseline_jellyfish.py: the screening script a compliance analyst would write, as a speed
# baseline for namescreen: Jaro-Winkler (jellyfish) of the whole normalized query against every
# OFAC SDN (sdn.csv + alt.csv) and UN name, threshold 0.85. Run with Debian's /usr/bin/python3.
"""Usage: baseline_jellyfish.py --workload FILE [--rows N] [--lists DIR] [--threshold T]"""

import argparse
import csv
import os
import re
import sys
import time
import unicodedata
import warnings
import xml.etree.ElementTree as ET

warnings.filterwarnings("ignore", category=DeprecationWarning)
import jellyfish  # noqa: E402  (Debian: python3-jellyfish)

HERE = os.path.dirname(os.path.abspath(__file__))
NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize(name):
    """Lower case, accents stripped, punctuation to spaces: what an analyst would do."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return NON_ALNUM.sub(" ", s).strip()


def read_ofac(lists):
    names = []
    with open(os.path.join(lists, "ofac", "sdn.csv"), encoding="utf-8", errors="replace") as f:
        for row in csv.reader(f):
            if len(row) > 1 and not row[1].startswith("-0-"):
                names.append(row[1])
    alt = os.path.join(lists, "ofac", "alt.csv")
    if os.path.exists(alt):
        with open(alt, encoding="utf-8", errors="replace") as f:
            for row in csv.reader(f):
                if len(row) > 3 and not row[3].startswith("-0-"):
                    names.append(row[3])
    return names


def read_un(lists):
    names = []
    root = ET.parse(os.path.join(lists, "un", "consolidated.xml")).getroot()
    for person in root.iter("INDIVIDUAL"):
        parts = [person.findtext(t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        names.append(" ".join(p.strip() for p in parts if p and p.strip()))
        names.extend(a.findtext("ALIAS_NAME") or "" for a in person.iter("INDIVIDUAL_ALIAS"))
    for entity in root.iter("ENTITY"):
        names.append(entity.findtext("FIRST_NAME") or "")
        names.extend(a.findtext("ALIAS_NAME") or "" for a in entity.iter("ENTITY_ALIAS"))
    return names


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--workload", required=True, help="CSV with a 'name' column")
    ap.add_argument("--rows", type=int, default=200, help="screen the first N rows (default 200)")
    ap.add_argument("--lists", default=os.path.join(os.path.dirname(HERE), "lists"))
    ap.add_argument("--threshold", type=float, default=0.85)
    args = ap.parse_args()

    t0 = time.perf_counter()
    raw = read_ofac(args.lists) + read_un(args.lists)
    names = sorted({n for n in (normalize(r) for r in raw) if n})
    load_s = time.perf_counter() - t0

    with open(args.workload, encoding="utf-8") as f:
        queries = [row["name"] for _, row in zip(range(args.rows), csv.DictReader(f))]
    if not queries:
        sys.exit("baseline_jellyfish.py: no rows in " + args.workload)

    jw = jellyfish.jaro_winkler_similarity
    hits = 0
    t0 = time.perf_counter()
    for q in queries:
        nq = normalize(q)
        hits += sum(1 for n in names if jw(nq, n) >= args.threshold)
    wall = time.perf_counter() - t0

    rate = len(queries) / wall
    print(f"jellyfish Jaro-Winkler baseline: {len(queries)} names against {len(names)} list names "
          f"(OFAC SDN + aliases, UN), threshold {args.threshold}: {rate:.1f} names/s, "
          f"{hits} hits, lists read in {load_s:.2f} s")
    print(f"result baseline_rows {len(queries)}")
    print(f"result baseline_list_names {len(names)}")
    print(f"result baseline_names_per_s {rate:.3f}")
    print(f"result baseline_hits {hits}")


if __name__ == "__main__":
    main()
