#!/usr/bin/env python3
"""Generate municipal input tables for `junkan diagnose`, shaped like the
MOE survey: about 1,700 municipalities (特別区 23, 政令市 20, 中核市 62,
市 ~690, 町村 ~920), populations log-normal within each class, waste
about 880 g per person per day (national FY2022), recycling near 20 %,
incineration near 80 %, and the residual composition, moisture, ash and
kWh/t of incineration drawn from the real FY2022 per-plant rows
(data/moe-incineration). Synthetic: for benchmarks and the demo's peers,
not real municipalities.

    python3 bench/gen_diagnosis.py OUTDIR [N] [SEED]
"""
import csv, math, os, random, sys

out = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 1718
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2022)
here = os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)

# Real plant rows: composition, moisture, ash, kWh/t (FY2022).
plants = []
with open(os.path.join(here, '..', 'data', 'moe-incineration',
                       'fy2022_incineration_facilities.csv'), encoding='utf-8') as fh:
    rows = list(csv.reader(fh))
h = rows[0]
col = lambda *s: [i for i, x in enumerate(h) if all(k in x for k in s)][0]
ci = [col('ごみ組成分析結果', k) for k in ('紙・布類', '合成樹脂', '木、竹、わら類', 'ちゅう芥類', '不燃物類')]
im, ia, it, ig = col('三成分', '水分'), col('三成分', '灰分'), col('年間処理量'), col('総発電量')
def num(s):
    try:
        return float(s.strip(' \u3000'))
    except ValueError:
        return None
for r in rows[1:]:
    c = [num(r[i]) for i in ci]
    m, a, t, g = num(r[im]), num(r[ia]), num(r[it]), num(r[ig])
    if None in c or m is None or a is None or not t or t <= 0 or abs(sum(c) - 100) > 0.5:
        continue
    kwh = (g or 0) * 1000 / t
    if kwh > 1500:
        continue
    plants.append((c, m, a, kwh))

classes = [('特別区', 23, 12.5, 0.5), ('政令市', 20, 14.0, 0.4), ('中核市', 62, 12.8, 0.3)]
n_rest = max(0, N - sum(c[1] for c in classes))
classes += [('市', int(n_rest * 0.43), 11.0, 0.8), ('町村', n_rest - int(n_rest * 0.43), 9.2, 0.9)]

P = open(os.path.join(out, 'profiles.csv'), 'w', encoding='utf-8', newline='')
F = open(os.path.join(out, 'flows.csv'), 'w', encoding='utf-8', newline='')
C = open(os.path.join(out, 'composition.csv'), 'w', encoding='utf-8', newline='')
R = open(os.path.join(out, 'residual.csv'), 'w', encoding='utf-8', newline='')
K = open(os.path.join(out, 'costs.csv'), 'w', encoding='utf-8', newline='')
P.write('fiscal_year,muni_code,muni_name,pref_name,city_class,pop_total,pop_collection,'
        'emp_secondary_pct,emp_tertiary_pct,separation_type,landfill_remaining_m3\n')
F.write('muni_code,fraction,source,route,tonnes,recycled_output_t,residue_landfilled_t\n')
C.write('muni_code,paper_cloth_dry_pct,plastic_rubber_leather_dry_pct,wood_dry_pct,kitchen_dry_pct,'
        'incombustible_dry_pct,other_dry_pct,moisture_pct,ash_pct,power_generated_mwh,power_sold_mwh\n')
R.write('muni_code,fraction,wet_pct\n')
K.write('muni_code,collection_transport,intermediate_treatment,final_disposal,outsourcing,'
        'research_study,vehicle_purchase,construction_improvement\n')
code = 10000
for cls, count, mu, sd in classes:
    for _ in range(count):
        code += 1
        c5 = '%05d' % code
        pop = int(math.exp(rng.gauss(mu, sd)))
        if cls == '市':
            pop = max(30000, pop)
        if cls == '町村':
            pop = max(500, min(60000, pop))
        if cls == '中核市':
            pop = max(200000, pop)
        if cls == '政令市':
            pop = max(700000, pop)
        e3 = rng.uniform(45, 80)
        e2 = min(100 - e3 - 1, rng.uniform(10, 35))
        gpd = rng.gauss(880, 120)
        W = pop * gpd * 365 / 1e6
        # remaining landfill: about 5-40 years of ~8 % of W at 1 t/m3
        P.write('2022,%s,合成%d,合成県,%s,%d,%d,%.1f,%.1f,類型Ⅱ,%d\n'
                % (c5, code, cls, pop, pop, e2, e3,
                   W * 0.08 * rng.uniform(5, 40)))
        rec = min(0.45, max(0.05, rng.gauss(0.20, 0.06)))
        biz = rng.uniform(0.2, 0.35)
        res = W * (1 - rec) * 0.93
        inc = res * (1 - rng.uniform(0, 0.05))
        def flow(f, s, r, t, ro='', rl=''):
            F.write('%s,%s,%s,%s,%.3f,%s,%s\n' % (c5, f, s, r, t, ro, rl))
        plant = rng.choice(plants)
        flow('combustible_mixed', 'household_collected', 'direct_incineration',
             inc * (1 - biz) * 0.95, '', '%.3f' % (inc * (1 - biz) * 0.95 * plant[2] / 100 * 1.5))
        flow('combustible_mixed', 'business_collected', 'direct_incineration', inc * biz * 0.95)
        flow('combustible_mixed', 'direct_haul', 'direct_incineration', inc * 0.05)
        flow('incombustible_mixed', 'household_collected', 'sorting_then_recycling',
             res - inc, '%.3f' % ((res - inc) * 0.3), '%.3f' % ((res - inc) * 0.4))
        flow('bulky', 'direct_haul', 'sorting_then_recycling', W * 0.02,
             '%.3f' % (W * 0.004), '%.3f' % (W * 0.006))
        recy = W - res - W * 0.02
        shares = [('paper', 0.40), ('pet', 0.05), ('glass', 0.10), ('metal_steel', 0.05),
                  ('metal_aluminium', 0.03), ('plastic_packaging', 0.17), ('textile', 0.04),
                  ('small_appliances', 0.02), ('food', 0.04)]
        for f, s in shares:
            t = recy * s * rng.uniform(0.3, 1.7)
            if f == 'paper':
                flow(f, 'group_collection', 'direct_recycling', t * 0.5)
                flow(f, 'household_collected', 'direct_recycling', t * 0.5)
            elif f == 'food':
                if rng.random() < 0.2:
                    flow(f, 'household_collected', 'composting', t, '%.3f' % (t * 0.3))
            elif f in ('pet', 'plastic_packaging', 'glass'):
                flow(f, 'household_collected', 'sorting_then_recycling', t,
                     '%.3f' % (t * 0.9), '%.3f' % (t * 0.05))
            else:
                flow(f, 'household_collected', 'direct_recycling', t)
        c, m, a, kwh = plant
        C.write('%s,%.2f,%.2f,%.2f,%.2f,%.2f,0,%.2f,%.2f,%.1f,%.1f\n'
                % (c5, c[0], c[1], c[2], c[3], 100 - c[0] - c[1] - c[2] - c[3], m, a,
                   kwh * inc / 1000, kwh * inc / 1000 * 0.35))
        wet = [('paper', rng.uniform(15, 30)), ('plastic_packaging', rng.uniform(6, 14)),
               ('pet', rng.uniform(0.5, 2)), ('food', rng.uniform(25, 45)),
               ('textile', rng.uniform(2, 8)), ('glass', rng.uniform(0.3, 2)),
               ('metal_steel', rng.uniform(0.3, 1.5)), ('small_appliances', rng.uniform(0.2, 1))]
        s = sum(v for _, v in wet)
        if s > 95:
            wet = [(f, v * 95 / s) for f, v in wet]
            s = 95
        for f, v in wet:
            R.write('%s,%s,%.4f\n' % (c5, f, v))
        R.write('%s,other,%.4f\n' % (c5, 100 - sum(round(v, 4) for _, v in wet)))
        cost = W * rng.gauss(53, 10)  # 千円: about 53,000 円/t
        K.write('%s,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f\n'
                % (c5, cost * 0.35, cost * 0.40, cost * 0.08, cost * 0.12, cost * 0.01,
                   cost * 0.04, cost * 0.3))
for fh in (P, F, C, R, K):
    fh.close()
print('%s: %d municipalities' % (out, code - 10000))
