#!/usr/bin/env python3
"""Second baseline for bench/diagnosis_bench.sh: the core of the same
national run in plain Python (csv module, no numpy: it is not installed
on the build machine): per municipality W, G, R, L, incineration, the
recycling rate and incineration dependency, grouping by city class and
population band, and mean/SD/quartiles per group. Fewer indicators and
no validation or measures, so it is a lower bound for a Python version.

    python3 bench/diagnosis_py.py DATA_DIR
"""
import csv, sys, time, statistics, collections

t0 = time.perf_counter()
d = sys.argv[1]
prof = {r['muni_code']: r for r in csv.DictReader(open(d + '/profiles.csv', encoding='utf-8'))}
agg = collections.defaultdict(lambda: [0.0] * 5)  # W G R L inc
for r in csv.DictReader(open(d + '/flows.csv', encoding='utf-8')):
    a = agg[r['muni_code']]
    t = float(r['tonnes'])
    a[0] += t
    if r['source'] == 'group_collection':
        a[1] += t; a[2] += t
    elif r['route'] in ('direct_recycling', 'cement', 'export'):
        a[2] += t
    else:
        a[2] += float(r['recycled_output_t'] or 0)
    if r['route'] == 'direct_landfill':
        a[3] += t
    a[3] += float(r['residue_landfilled_t'] or 0)
    if r['route'] == 'direct_incineration':
        a[4] += t
bands = [0, 5000, 10000, 15000, 20000, 50000, 100000, 150000, float('inf')]
groups = collections.defaultdict(lambda: collections.defaultdict(list))
for code, p in prof.items():
    W, G, R, L, inc = agg[code]
    pop = float(p['pop_total'])
    b = max(i for i, x in enumerate(bands) if pop >= x)
    g = groups[(p['city_class'], b)]
    g['I1'].append(W * 1e6 / pop / 365)
    g['I2'].append(R / W * 100 if W else float('nan'))
    g['T3'].append(L / W if W else float('nan'))
    g['I7'].append(inc / (W - G) * 100 if W - G else float('nan'))
out = 0
for key, g in groups.items():
    for ind, v in g.items():
        v = sorted(x for x in v if x == x)
        if len(v) > 1:
            out += statistics.mean(v) + statistics.stdev(v) + sum(statistics.quantiles(v, n=4, method='inclusive'))
print('%.4f %d' % (time.perf_counter() - t0, len(prof)))
