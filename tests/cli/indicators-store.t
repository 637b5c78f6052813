# indicators from the store: a steelmaker's scrap inflows count as
# recycled content
### setup
"$JUNKAN" -q --db d.db init && "$JUNKAN" -q --db d.db import "$ROOT/data/demo" > /dev/null
### args
--db $T/d.db --format csv indicators cti --org mfr-hibiki-steel --period FY2023
### stdout
framework,id,subject,indicator,value,unit,note
CTI,inflow_mass,,Total inflow,3000,t,
CTI,circular_inflow,,% circular inflow,1,fraction,
CTI,outflow_mass,,Total outflow,0,t,
CTI,circular_outflow,,% circular outflow (recovery potential x actual recovery),-,fraction,no outflows
CTI,circularity,,% circularity (mass-weighted),1,fraction,
CTI,circularity_simple,,"% circularity (simple average, for comparison)",-,fraction,needs both inflows and outflows
CTI,renewable_energy,,% renewable energy,-,fraction,energy_mwh not given
CTI,critical_inflow,,% critical inflow,0,fraction,
CTI,actual_lifetime,,Actual lifetime relative to the industry average (revenue-weighted),-,,no product with lifetime and revenue
CTI,linear_inflow,,Linear inflow,0,t,
CTI,material_productivity,,Circular material productivity,-,per t,revenue not given
CTI,water_circularity,,% water circularity,-,fraction,water not given
### stderr
### exit
0
