# junkan export --help, export -h and help export print the same page
### command
"$JUNKAN" export --help > "$T/a" && "$JUNKAN" export -h > "$T/b" && "$JUNKAN" help export > "$T/c" && cmp "$T/a" "$T/b" && cmp "$T/a" "$T/c" && cat "$T/a"
### stdout
Usage: junkan [--db PATH] export [--out FILE] [--unit UNIT] KIND|all

Write every record of KIND (materials, organisations, sites, flows,
routes, regions) as CSV, or with --format json (or KIND all) as one
JSON document. Exported materials, organisations, sites and flows
import back to the same records (routes and regions are reference
tables every store already has).
Masses are exact: flows are written in tonnes with as many decimals
as needed, or in --unit (g, kg, t, kt, Mt, 万t).

Example:
  junkan --db city.db export flows --out flows.csv
  junkan --db city.db export all --out city.json
### stderr
### exit
0
