# network solve on the hand-built model of tests/unit/test_network_model.c
# (optimum 5900 worked out there), as a table
### args
network solve tests/data/network/model-small
### stdout
Hub plan
item                value
---------------  --------
status            optimal
objective         5900.00
gap              0.000000
cost_total           5900
cost_hubs            1300
cost_transport       4500
cost_handling         100
co2_t               0.225
tonnes_domestic      50.0
tonnes_abroad       100.0
hubs_open               2

Hubs
hub  open  size   capacity_t  throughput_t  cost
---  ----  -----  ----------  ------------  ----
h1   yes   small       100.0         100.0  1000
h2   yes   small        60.0          50.0   300

Flows
from  to  material  period  mode   tonnes    km  cost   co2_t
----  --  --------  ------  -----  ------  ----  ----  ------
s1    h1  plastic   FY2025  truck   100.0  10.0  2100  0.1000
s2    h2  plastic   FY2025  truck    50.0   5.0   500  0.0250
h2    d1  plastic   FY2025  truck    50.0  10.0  1000  0.0500
h1    x1  plastic   FY2025  truck   100.0   5.0  1000  0.0500
### stderr
### exit
0
