# junkan market --help and help market print the same page
### command
"$JUNKAN" market --help > "$T/a" && "$JUNKAN" help market > "$T/b" && cmp "$T/a" "$T/b" && cat "$T/a"
### stdout
Usage: junkan market COMMAND [FILE...] [options]

Supplies and demands of secondary materials, matched at least cost
(transport + CO2 x carbon price - price margin - grade premium) by a
minimum-cost flow over the k nearest compatible pairs. FILEs are
listings (id,side,material,quantity,lat,lon + optional org, grade,
properties, recurrence, min_lot, site, prefecture, price, valid_from,
valid_to, visibility, evidence, status, ewc, jw, hs, fate, mode; CSV
or JSON {"listings": [...]}), grades (material,grade,property,min,
max[,premium]), permits (org,waste_type,prefecture), exclusions
(buyer,excluded), hubs (hub,lat,lon,handling[,mode]) and partners
(org,partner), told apart by their header. Without a listings
file the listings and decisions come from the store (--db).
Quantities are per period (recurrence) and matched per year; prices
and costs are yen per tonne.

Commands:
  import FILE...        store the listings (one transaction; rules
                        files are read at match time, not stored)
  list [--side S]       the listings
  match                 allocations with why and the next best
                        alternative, then what is left and why;
                        --out DIR writes CSV, JSON, SVG and XLSX
  explain ID            why listing ID got what it got
  gap [--svg FILE] [--xlsx FILE]
                        per material and grade: supply, demand,
                        matched, unmatched with reasons, and where
                        unplaced supply goes today
  agree SUPPLY DEMAND --volume MASS [--note TEXT]
                        an offtake agreement of MASS per period;
                        the pair is not proposed again
  reject SUPPLY DEMAND [--note TEXT]
                        the pair is never proposed again
  deliver SUPPLY DEMAND --mass MASS --period P [--ref ID]
                        record a delivery by hand
  deliver --from-ledger record the ledger's receipts
                        (transaction.receive) as deliveries, each
                        once (reference ledger:ENTRY): to the
                        agreement a biz_transactions id names
                        (SUPPLY/DEMAND), else to the one agreement
                        from the sender's org to the receiver's for
                        the lots' material, valid on the event date;
                        period: the month (monthly), the fiscal
                        quarter (quarterly: FY2026Q1 is April-June)
                        or the fiscal year (yearly, once). Every
                        receipt is listed, the ones not recorded
                        with the reason
  shortfall             agreed, delivered and short per period of
                        the agreement's kind (month, fiscal quarter
                        or fiscal year) with deliveries
  rank FILE...          municipality-company matching: challenges
                        (challenge,municipality,material,tonnes,lat,
                        lon,radius_km[,processes]) against
                        capabilities (company,materials,processes,
                        capacity,lat,lon,area_km); --top 5,
                        --weights 0.3,0.3,0.2,0.2 (material, process,
                        capacity, distance; published defaults)

Matching options: --k 50 (candidates per supply), --max-km 1000,
--detour 1.3 (road km per straight km), --carbon-price 5000 (yen per
t CO2), --unmet-penalty 0, --unplaced-penalty 0 (yen per t),
--hub-km 150 (a supply may ship through its nearest hub this close).

Example:
  junkan market match data/demo/market/*.csv --out out
  junkan --db m.db market import listings.csv
  junkan --db m.db market gap grades.csv permits.csv --svg gap.svg
  junkan --db m.db market agree s-yokohama-pp d-kobe-pp --volume 40t
  junkan --db m.db market deliver --from-ledger
### stderr
### exit
0
