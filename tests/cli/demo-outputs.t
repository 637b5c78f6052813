# the CSV outputs of junkan demo; its JSON export (organisations, sites
# and flows) imports into a fresh store with the same flows
### setup
"$JUNKAN" -q demo --out out > /dev/null
### command
cd "$T/out" && cat balances.csv contents.csv && "$JUNKAN" -q --db again.db import demo-export.json && "$JUNKAN" --db again.db export flows > again.csv && "$JUNKAN" --db demo.db export flows | cmp - again.csv && echo "same flows"
### stdout
node,material,period,in_t,out_t,diff_t,diff_pct,status
economy,all,FY2006,2109000000,2107000000,2000000,0.095,within tolerance
waste_mgmt,all,FY2006,583000000,583000000,0,0.000,ok
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
site,office,5
site,port,3
site,recycling_plant,9
site,sorting,1
site,yard,3
region,all,296
route,all,23
process,all,12
flow,all,80
same flows
### stderr
### exit
0
