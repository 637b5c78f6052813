# check finds a process whose outputs fall 10% short of its inputs:
# exit 4, with the count on stderr
### setup
cat > flows.csv <<'CSV'
from,to,material,mass,unit,period,route
ext:nature,sorter,plastic,100,t,FY2023,collection
sorter,recycler,plastic,60,t,FY2023,recycling
sorter,landfill,plastic,30,t,FY2023,landfill
CSV
"$JUNKAN" -q --db x.db import flows.csv
### args
--db $T/x.db check
### stdout
Mass balance of processes (in - out)
node    material  period  in_t  out_t  diff_t  diff_pct  status
------  --------  ------  ----  -----  ------  --------  ---------
sorter  plastic   FY2023   100     90      10    10.000  IMBALANCE
### stderr
junkan: 1 balance(s) off by more than 0.1%
### exit
4
