# export flows as CSV, import that into a fresh store, export again:
# the same bytes (with the organisations and sites it refers to)
### setup
"$JUNKAN" -q --db demo.db import "$ROOT/data/demo"
### command
cd "$T" && for k in organisations sites flows; do "$JUNKAN" --db demo.db export $k --out $k.csv || exit; done && "$JUNKAN" -q --db fresh.db import flows.csv sites.csv organisations.csv && "$JUNKAN" --db fresh.db export flows | cmp - flows.csv && echo "flows identical" && wc -l < flows.csv && head -n 3 flows.csv
### stdout
flows identical
81
from,to,material,mass,unit,period,route,label,source
ext:nature,economy,all,778000000,t,FY2006,extraction,国内資源 domestic resources,環境省 日本の物質フロー 2006 (2009)
ext:row,economy,all,756000000,t,FY2006,import,輸入資源 imported resources,環境省 日本の物質フロー 2006 (2009)
### stderr
### exit
0
