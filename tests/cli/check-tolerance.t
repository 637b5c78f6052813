# check --tolerance: 10% accepts the 10% imbalance (exit 0); csv output
# has exact tonnes; a tolerance outside 0..100 is a usage error
### setup
cat > flows.csv <<'CSV'
from,to,material,mass,unit,period,route
ext:nature,sorter,plastic,100,t,FY2023,collection
sorter,recycler,plastic,60,t,FY2023,recycling
sorter,landfill,plastic,30,t,FY2023,landfill
CSV
"$JUNKAN" -q --db x.db import flows.csv
### command
"$JUNKAN" --db "$T/x.db" --format csv check --tolerance 10 && "$JUNKAN" --db "$T/x.db" check --tolerance 200; echo "exit $?"
### stdout
node,material,period,in_t,out_t,diff_t,diff_pct,status
sorter,plastic,FY2023,100,90,10,10.000,within tolerance
exit 2
### stderr
junkan: --tolerance takes a percentage between 0 and 100, not "200"
Try `junkan check --help`.
### exit
0
