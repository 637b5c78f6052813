# junkan show --help, show -h and help show print the same page
### command
"$JUNKAN" show --help > "$T/a" && "$JUNKAN" show -h > "$T/b" && "$JUNKAN" help show > "$T/c" && cmp "$T/a" "$T/b" && cmp "$T/a" "$T/c" && cat "$T/a"
### stdout
Usage: junkan [--db PATH] [--format F] show WHAT

WHAT is one of:
  summary        counts of everything, and flows by material and route
  materials      the materials taxonomy with HS and EWC codes
  regions        countries and prefectures
  routes         the flow routes (recycling, incineration, ...)
  organisations  organisations
  sites          sites with coordinates and capacities
  flows          every flow

Example:
  junkan --db city.db --format csv show flows > flows.csv
### stderr
### exit
0
