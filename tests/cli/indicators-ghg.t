# moving food waste from landfill to composting, with derived and
# published factors and their sources
### args
--format csv indicators ghg --material food.household --mass 400t --from landfill --to composting
### stdout
route,kg_co2e_per_t,t_co2e,factor_for,region,derived,source
from landfill,1260.0,504.000,food,,yes,IPCC 2006 Guidelines Vol. 5 Ch. 2 Table 2.4 (default)
to composting,191.5,76.600,food,,yes,IPCC 2006 Guidelines Vol. 5 Ch. 4 Table 4.1 (4 g CH4 and 0.3 g N2O per kg wet waste) with IPCC AR5 GWP100 (CH4 28; N2O 265)
change,-1068.5,-427.400,,,,
### stderr
### exit
0
