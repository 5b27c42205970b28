# SPDX-License-Identifier: Apache-2.0
# make_fixture.py: regenerates hits.jsonl, the hits of the `namescreen report` tests, from the
# library's own output: `namescreen screen --format jsonl` on counterparties.csv against the
# bundled lists, wrapped in the row format of the nightly run (run_id, status, id, date, cut;
# README.md, "The nightly run"). summary.json is written by hand.
# Usage: /usr/bin/python3 tests/data/report/make_fixture.py build/namescreen
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RUN_ID = "nsc-fixture-20261202-a1b2c3"
# (data row, list) of the hits kept: two lists, every score band, one lapsed clearance
KEEP = [(1, "uk"), (2, "ofac-sdn"), (3, "ofac-sdn"), (4, "ofac-sdn"), (5, "ofac-sdn"),
        (6, "ofac-sdn")]
LAPSED = {2: {"cleared_by": "a.analyst", "cleared_on": "2026-06-01", "reason": "content changed"}}
CLEAR_ROWS = {7: ("Henrik Oskar Lindqvist", {"id": "C0040", "dob": "1966-09-30", "country": "SE",
                                             "account": "SE45 5000 0000 0583 9825 7466"})}


def main():
    cli = sys.argv[1]
    out = subprocess.run([cli, "screen", "--format", "jsonl", "--limit", "2", "--threshold",
                          "0.75", os.path.join(HERE, "counterparties.csv")],
                         capture_output=True, text=True, check=False).stdout
    rows = []
    for line in out.splitlines():
        o = json.loads(line)
        if (o["row"], o["hit"]["list"]) not in KEEP:
            continue
        inp = dict(o["input"])
        dob = inp.get("dob") or None
        row = {"run_id": RUN_ID, "row": o["row"],
               "status": "lapsed" if o["row"] in LAPSED else "hit", "query": o["query"],
               "id": inp.pop("id", None), "input": inp,
               "date": {"value": dob, "note": "ok"} if dob else None, "cut": False,
               "hit": o["hit"]}
        if o["row"] in LAPSED:
            row["allowlist"] = LAPSED[o["row"]]
        rows.append(row)
    for n, (name, inp) in CLEAR_ROWS.items():
        inp = dict(inp)
        rows.append({"run_id": RUN_ID, "row": n, "status": "clear", "query": name,
                     "id": inp.pop("id"), "input": inp,
                     "date": {"value": inp["dob"], "note": "ok"}, "cut": False, "hit": None})
    with open(os.path.join(HERE, "hits.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
