# junkan diagnose import of a directory with a bad flow row: the error
# names file:line: field, and the store keeps its earlier import whole
# (the changed profile before the bad row does not land either)
### setup
"$JUNKAN" -q --db dg.db diagnose import "$ROOT/data/demo/diagnosis"
"$JUNKAN" --db dg.db --format csv diagnose national > before.csv
mkdir bad
cp "$ROOT"/data/demo/diagnosis/*.csv bad/
sed -i 's/^2022,10001,合成10001,合成県,特別区,236111,/2022,10001,合成10001,合成県,特別区,999999,/' bad/profiles.csv
sed -i '5s/,sorting_then_recycling,/,sorting,/' bad/flows.csv
### command
cd "$T" && "$JUNKAN" --db dg.db diagnose import bad; echo "import exit $?"; "$JUNKAN" --db dg.db --format csv diagnose national | diff before.csv - && echo "store unchanged"
### stdout
import exit 3
store unchanged
### stderr
junkan: bad/flows.csv:5: route: unknown route "sorting" (see `junkan help diagnose-input`)
### exit
0
