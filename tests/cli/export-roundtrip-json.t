# export all (one JSON document) and import it into a fresh store: the
# materials already there are skipped as identical; exporting again
# gives the same document
### setup
"$JUNKAN" -q --db demo.db import "$ROOT/data/demo"
### command
cd "$T" && "$JUNKAN" --db demo.db export all --out all.json && "$JUNKAN" --db fresh.db import all.json && "$JUNKAN" --db fresh.db export all | cmp - all.json && echo "identical"
### stdout
identical
### stderr
junkan: imported 37 organisations, 37 sites, 80 flows (12 new process nodes); 140 identical records were already there in N s
### exit
0
