#!/usr/bin/env python3
"""Independent per-year counts and totals of the MOE per-plant files
(data/moe-incineration/), with Python's csv module only: the expected
values of tests/unit/test_diagnosis_moe.c. Run from the repository root:
    python3 tests/data/diagnosis/moe_expected.py > tests/data/diagnosis/moe_expected.csv
Rules (the same definitions as the loader, written independently):
- a number is float(cell.strip(' \u3000')); anything else counts as missing;
- throughput = the column whose header contains 年間処理量 (missing = 0);
- generation = the column whose header contains 総発電量;
- a row is flagged "gen" when generation > 0 and (throughput missing or 0,
  or generation / throughput > 1.5 MWh/t);
- plastic share weighted by throughput over rows with throughput > 0 and
  a plastics value (header contains both ごみ組成分析結果 and 合成樹脂).
"""
import csv, glob, os, statistics

def num(s):
    try:
        v = float(s.strip(' \u3000'))
        return v if v == v and abs(v) != float('inf') else None
    except ValueError:
        return None

print('fiscal_year,rows,with_gen,flagged_gen,throughput_t,gen_mwh,gen_mwh_clean,plastic_dry_pct_w,kwh_p50')
for f in sorted(glob.glob('data/moe-incineration/fy*_incineration_facilities.csv')):
    fy = int(os.path.basename(f)[2:6])
    rows = list(csv.reader(open(f, encoding='utf-8')))
    h = rows[0]
    c = lambda *subs: [i for i, x in enumerate(h) if all(s in x for s in subs)][0]
    it, ig, ip = c('年間処理量'), c('総発電量'), c('ごみ組成分析結果', '合成樹脂')
    thr = gen = clean = wpl = wt = 0.0
    ngen = nflag = 0
    kwh = []
    for r in rows[1:]:
        t, g, p = num(r[it]), num(r[ig]), num(r[ip])
        thr += t if t and t > 0 else 0
        if g and g > 0:
            ngen += 1
            gen += g
            if not t or t <= 0 or g / t > 1.5:
                nflag += 1
            else:
                clean += g
                kwh.append(g * 1000 / t)
        if t and t > 0 and p is not None:
            wpl += t * p
            wt += t
    print('%d,%d,%d,%d,%.3f,%.3f,%.3f,%.4f,%.4f' % (fy, len(rows) - 1, ngen, nflag, thr, gen, clean,
                                            wpl / wt, statistics.median(kwh)))
