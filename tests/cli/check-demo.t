# check on the demo data: the economy-wide balance is within the
# default tolerance (0.1%), so exit 0
### setup
"$JUNKAN" -q --db demo.db import "$ROOT/data/demo"
### args
--db $T/demo.db check
### stdout
Mass balance of processes (in - out)
node        material  period           in_t          out_t     diff_t  diff_pct  status
----------  --------  ------  -------------  -------------  ---------  --------  ----------------
economy     all       FY2006  2,109,000,000  2,107,000,000  2,000,000     0.095  within tolerance
waste_mgmt  all       FY2006    583,000,000    583,000,000          0     0.000  ok
### stderr
### exit
0
