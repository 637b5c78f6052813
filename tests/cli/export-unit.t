# export flows --unit kt: masses in kilotonnes, exact; an unknown unit
# is a usage error
### setup
cat > flows.csv <<'CSV'
from,to,material,mass,unit,period,route,label,source
economy,landfill,plastic,1250.5,t,FY2023,landfill,,
economy,recycler,plastic,3,万t,2017,recycling,"label, with comma",統計
CSV
"$JUNKAN" -q --db x.db import flows.csv
### command
cd "$T" && "$JUNKAN" --db x.db export --unit kt flows && "$JUNKAN" --db x.db export --unit lb flows; echo "exit $?"
### stdout
from,to,material,mass,unit,period,route,label,source
economy,landfill,plastic,1.2505,kt,FY2023,landfill,,
economy,recycler,plastic,30,kt,2017,recycling,"label, with comma",統計
exit 2
### stderr
junkan: unknown unit "lb"; use g, kg, t, kt, Mt or 万t
Try `junkan export --help`.
### exit
0
