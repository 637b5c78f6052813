# a failed import leaves the store as it was: the new organisation in
# the same import (a file before the bad one) does not land either
### setup
"$JUNKAN" -q --db demo.db import "$ROOT/data/demo"
"$JUNKAN" --db demo.db --format csv show summary > before.csv
mkdir more
cat > more/organisations.csv <<'CSV'
id,name,kind
rec-new,新しいリサイクル,recycler
CSV
cat > more/sites.csv <<'CSV'
id,org,name,kind
rec-new-yard,rec-new,ヤード,yard
CSV
cat > more/flows.csv <<'CSV'
from,to,material,mass,unit,period
site:rec-new-yard,export,metal.iron.scrap,100,t,FY2023
site:rec-new-yard,export,metal.iron.scrap,12,5t,FY2023
CSV
### command
cd "$T" && "$JUNKAN" --db demo.db import more; echo "import exit $?"; "$JUNKAN" --db demo.db --format csv show summary | diff before.csv - && echo "summary unchanged" && "$JUNKAN" --db demo.db --format csv show summary | head -n 12
### stdout
import exit 3
summary unchanged
# contents
what,kind,count
material,all,140
organisation,auditor,1
organisation,authority,1
organisation,collector,3
organisation,hub_operator,3
organisation,manufacturer,5
organisation,municipality,14
organisation,recycler,10
site,factory,5
site,incinerator,11
### stderr
junkan: more/flows.csv:3:5: unit: expected a unit (g, kg, t, kt, Mt, 万t, GRM, KGM, TNE, KTN), got "5t"
junkan: nothing was imported
### exit
0
