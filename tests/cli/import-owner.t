# --owner: the tenant of the flows imported; an organisation that is
# neither in the store nor in the files is refused and nothing lands
### setup
"$JUNKAN" -q --db demo.db import "$ROOT/data/demo"
mkdir more
cat > more/flows.csv <<'CSV'
from,to,material,mass,unit,period
ext:import,export,metal.iron.scrap,100,t,FY2023
CSV
### command
cd "$T" && "$JUNKAN" --db demo.db import --owner nobody more; echo "exit $?"; "$JUNKAN" --db demo.db import --owner city-yokohama more; echo "exit $?"; "$JUNKAN" --db demo.db import --owner; echo "exit $?"
### stdout
exit 3
exit 0
exit 2
### stderr
junkan: --owner: no organisation "nobody" in the store or in the files imported
junkan: nothing was imported
junkan: imported 1 flows (2 new process nodes) in N s
junkan: --owner needs an organisation id
Try `junkan import --help`.
### exit
0
