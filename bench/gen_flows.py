#!/usr/bin/python3
"""Write a deterministic flows CSV for the import benchmark.

Usage: gen_flows.py [-n ROWS] [--seed SEED] [-o FILE]

The rows are ones `junkan import` accepts: process names p0..p499 or
ext:NAME endpoints (never from == to), material codes taken from
data/reference/materials.csv, masses in tonnes with at most 6 decimals
(whole grams) either as "1234.567" + unit "t" or as "12.5t" with an
empty unit column, periods like FY2023 or 2023-04, route codes from
data/reference/routes.csv or empty, short labels (some Japanese, some
needing CSV quoting) and source "bench".

Same arguments, same bytes: only the seeded PRNG below is used.
Standard library only.
"""

import argparse
import csv
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
REF = os.path.join(ROOT, "data", "reference")

HEADER = ["from", "to", "material", "mass", "unit", "period", "route",
          "label", "source"]

N_PROCESSES = 500
N_MATERIALS = 30
EXTERNALS = ["ext:row", "ext:import", "ext:nature", "ext:landfill",
             "ext:export"]
LABELS = [
    "", "", "", "",
    "monthly report", "manifest total", "estimate", "scale reading",
    "contract volume", "revised, see note", 'quoted "grade A"',
    "産業廃棄物", "一般廃棄物", "マニフェスト集計", "推計値", "月報",
    "再資源化量", "中間処理後", "東京工場", "大阪事業所, 第2ライン",
]


def codes(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [row["code"] for row in csv.DictReader(f)]


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--rows", type=int,
                    default=int(os.environ.get("N", "1000000")),
                    help="number of flow rows (default $N or 1000000)")
    ap.add_argument("--seed", type=int, default=20240401)
    ap.add_argument("-o", "--out", default="-",
                    help="output file (default stdout)")
    a = ap.parse_args(argv)
    if a.rows < 0:
        ap.error("rows must be >= 0")

    rng = random.Random(a.seed)
    materials = [c for c in codes(os.path.join(REF, "materials.csv"))
                 if c != "all"]
    materials = sorted(rng.sample(sorted(materials), N_MATERIALS))
    routes = sorted(codes(os.path.join(REF, "routes.csv")))
    route_choices = routes + [""] * (len(routes) // 3)
    processes = ["p%d" % i for i in range(N_PROCESSES)]
    periods = (["FY%d" % y for y in range(2015, 2025)] +
               ["%d-%02d" % (y, m) for y in range(2020, 2025)
                for m in range(1, 13)])

    out = (sys.stdout if a.out == "-"
           else open(a.out, "w", newline="", encoding="utf-8"))
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    rand = rng.random
    randrange = rng.randrange
    choice = rng.choice
    batch = []
    for _ in range(a.rows):
        # endpoints: mostly process to process, some from/to outside
        r = rand()
        if r < 0.10:
            src, dst = choice(EXTERNALS), choice(processes)
        elif r < 0.18:
            src, dst = choice(processes), choice(EXTERNALS)
        else:
            i = randrange(N_PROCESSES)
            j = (i + 1 + randrange(N_PROCESSES - 1)) % N_PROCESSES
            src, dst = processes[i], processes[j]
        # mass: tonnes with 0..6 decimals; 1 in 5 carries its unit inline
        whole = randrange(100000)
        dec = randrange(7)
        mass = str(whole)
        if dec:
            mass += ".%0*d" % (dec, randrange(10 ** dec))
        if rand() < 0.2:
            mass, unit = mass + "t", ""
        else:
            unit = "t"
        batch.append((src, dst, choice(materials), mass, unit,
                      choice(periods), choice(route_choices), choice(LABELS),
                      "bench"))
        if len(batch) >= 10000:
            w.writerows(batch)
            batch.clear()
    w.writerows(batch)
    if out is not sys.stdout:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
