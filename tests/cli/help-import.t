# junkan import --help, import -h and help import print the same page
### command
"$JUNKAN" import --help > "$T/a" && "$JUNKAN" import -h > "$T/b" && "$JUNKAN" help import > "$T/c" && cmp "$T/a" "$T/b" && cmp "$T/a" "$T/c" && cat "$T/a"
### stdout
Usage: junkan [--db PATH] import [--kind KIND] [--owner ORG] FILE|DIR...

Import CSV and JSON files in ONE transaction: if any row of any file is
wrong, nothing is imported and the error names the file, line and
column (or JSON path), the field and what was expected:
  flows.csv:12:4: mass: expected a number with a unit, got "12,5t"

Each CSV file holds one kind, told by its header; a JSON file may hold
several ({"organisations": [...], "flows": [...]}). Files are taken in
dependency order (materials, organisations, sites, flows), and a
directory stands for its *.csv and *.json files. The store is created
if needed. See `junkan help formats` for the columns.

Options:
  --kind KIND   treat every file as KIND (materials, organisations,
                sites, flows), for headers that cannot tell
  --owner ORG   the organisation that owns the flows imported (the
                tenant: on Citus the rows of one owner share a shard,
                see docs/scale-out.md); it must exist in the store or
                in the files imported

Example:
  junkan --db city.db import organisations.csv sites.csv flows.csv
  junkan --db pref.db import --owner city-yokohama yokohama/
### stderr
### exit
0
