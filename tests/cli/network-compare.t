# network compare: scenarios.csv side by side against the baseline; an
# infeasible scenario names its constraint group
### args
network compare tests/data/network/model-small
### stdout
Scenarios
scenario     status      cost  co2_t  tonnes_domestic  tonnes_abroad  hubs_open  d_cost  d_co2_t  hubs
-----------  ----------  ----  -----  ---------------  -------------  ---------  ------  -------  -----------------------------------------------------------------------------------------
baseline     optimal     5900  0.225             50.0          100.0          2      +0   +0.000  h1;h2
one-hub      optimal     6650  0.250             50.0          100.0          1    +750   +0.025  h1
no-export    optimal     6900  0.275            150.0            0.0          2   +1000   +0.050  h1;h2
rail         optimal     7900  0.195            150.0            0.0          2   +2000   -0.030  h1;h2
tiny-budget  infeasible                                                                           budget: no plan satisfies these constraints; relaxing them alone makes the model feasible
### stderr
### exit
0
