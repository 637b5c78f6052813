# --format json show flows on a tiny store (masses in exact tonnes)
### setup
cat > flows.csv <<'CSV'
from,to,material,mass,unit,period,route,label,source
ext:nature,economy,all,778,Mt,FY2006,extraction,国内資源,環境省
economy,landfill,plastic,"0.5",kt,2017-04,landfill,"a ""quoted"", label",
economy,recycler,plastic.pet.bottle,1250.125 t,,令和5年度,recycling,,
CSV
"$JUNKAN" -q --db x.db import flows.csv
### args
--db $T/x.db --format json show flows
### stdout
[
  {"from": "ext:nature", "to": "economy", "material": "all", "mass_t": 778000000, "period": "FY2006", "route": "extraction", "label": "国内資源"},
  {"from": "economy", "to": "landfill", "material": "plastic", "mass_t": 500, "period": "2017-04", "route": "landfill", "label": "a \"quoted\", label"},
  {"from": "economy", "to": "recycler", "material": "plastic.pet.bottle", "mass_t": 1250.125, "period": "FY2023", "route": "recycling", "label": ""}
]
### stderr
### exit
0
