# junkan help network
### args
help network
### stdout
Usage: junkan network COMMAND INPUT [options]

Where to open resource-circulation hubs, which sources they serve,
at what cost and CO2: capacitated facility location as a MILP solved
by COIN-OR CBC. INPUT is a model directory of CSV files:
  materials.csv  code,name_ja,name_en
  sites.csv      id,kind,name_ja,name_en,lon,lat,country,modes
                 (kind source|hub|destination; modes truck;rail;ship,
                 empty = all; country empty = JP)
  hubs.csv       hub,fixed_cost,must (must: open, closed or empty)
  hub_sizes.csv  hub,size,capacity_t,cost (one row per size option)
  handling.csv   hub,material,cost_per_t (optional)
  supply.csv     source,material,period,tonnes
  demand.csv     destination,material,period,tonnes
  modes.csv      mode,cost_per_tkm,co2_kg_per_tkm,detour
  distances.csv  from,to,mode,km (optional; else great circle x
                 detour from lon/lat)
  params.csv     key,value (optional; the keys of --set)
All supply is collected through open hubs; destinations take at most
their demand; a hub's throughput per period is at most its size's
capacity. Objective: hub costs + transport + handling + CO2 x carbon
price. An infeasible model exits 3 naming the constraint group.

Commands:
  solve           the plan (summary, hubs, flows; --format csv gives
                  the flows, json everything); --svg FILE draws a map
                  (--lang ja|en)
  compare         scenarios side by side against the baseline:
                  INPUT/scenarios.csv (scenario,key,value) or
                  --scenarios FILE
  frontier        the cost-CO2 trade-off: --method weighted|epsilon
                  --points N (default 6) --price-max P (weighted
                  sums: carbon prices 0 and P/2^k .. P; default
                  100000)
  bench-instance  a benchmark FILE from the literature: OR-Library
                  cap/capa-c, Holmberg/Yang/OR single-source, Delmaire
                  (--format-in auto|orlib|ss|delmaire, --capacity C
                  for the capa/capb/capc templates); --write-lp FILE
                  writes the plain strong formulation as an LP file

Options:
  --set KEY=VALUE  carbon_price, max_hubs, budget, co2_cap_t,
                   single_source (0|1), demand_growth, supply_growth,
                   close_hub, open_hub, free_hub, export_ban (repeat)
  --single-source  every source (customer) served by one hub only
  --time-limit S   stop after S seconds with the best plan and its gap
  --no-lagrange    bench-instance: skip the Lagrangian bound and warm
                   start
  --out FILE       write the table there instead of standard output

Example:
  junkan network solve data/demo/network --svg map.svg --lang ja
  junkan network compare data/demo/network
  junkan network frontier data/demo/network --method epsilon
  junkan network bench-instance cap41.txt
### stderr
### exit
0
