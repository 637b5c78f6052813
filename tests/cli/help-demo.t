# junkan demo --help, demo -h and help demo print the same page
### command
"$JUNKAN" demo --help > "$T/a" && "$JUNKAN" demo -h > "$T/b" && "$JUNKAN" help demo > "$T/c" && cmp "$T/a" "$T/b" && cmp "$T/a" "$T/c" && cat "$T/a"
### stdout
Usage: junkan demo [--data DIR] [--out DIR]

The main job on the bundled demo data: create OUT/demo.db afresh
(SQLite), load the reference tables, import DIR (default: the
bundled data/demo), check the balances, print a summary, and write
in OUT: contents.csv, flows-by-route.csv, end-of-life.csv,
summary.json, balances.csv and demo-export.json. Then it reconciles
Japan's FY2006 material flow, prints the Fundamental Plan indicators
against their targets, and draws OUT/japan-fy2006.svg and
OUT/plastics-2017.svg. Last, a traced chain in the ledger
(OUT/ledger.db): PET bottles collected by a city, sorted into flakes,
blended by a bottle maker that claims recycled content through a
mass-balance account, the product's passport, verification of the
log and of its export, OUT/trace-bottles.svg,
OUT/passport-bottles.json (UNTP) and OUT/epcis-bottles.json.
OUT defaults to out.

Example:
  junkan demo --out out
### stderr
### exit
0
