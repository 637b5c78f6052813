# the gap report as CSV, and its SVG chart
### command
"$JUNKAN" --format csv market gap data/demo/market/listings.csv data/demo/market/grades.csv data/demo/market/permits.csv data/demo/market/exclusions.csv --svg "$T/gap.svg" --xlsx "$T/gap.xlsx" && grep -c "<rect" "$T/gap.svg" && test -s "$T/gap.xlsx" && head -c 2 "$T/gap.xlsx" && echo
### stdout
material,grade,supply_t,matched_supply_t,unplaced_t,unplaced_incineration_t,unplaced_landfill_t,unplaced_export_t,unplaced_recycling_t,unplaced_unknown_t,demand_t,met_t,unmet_t,unplaced_reason,unmet_reason
plastic.pp,a,936,936,0,0,0,0,0,0,0,0,0,,
plastic.pp,b,540,540,0,0,0,0,0,0,360,300,60,,quantity
plastic.pp,,144,0,144,144,0,0,0,0,1200,1176,24,grade,quantity
plastic.mixed,,1140,600,540,540,0,0,0,0,600,600,0,quantity,
plastic.pet.bottle,,840,600,240,0,0,240,0,0,720,600,120,grade,quantity
metal.copper.scrap.cable,,156,108,48,0,0,48,0,0,0,0,0,grade,
metal.aluminium.scrap.can,,180,120,60,0,0,60,0,0,0,0,0,quantity,
metal.iron.scrap.heavy,,3600,2400,1200,0,0,1200,0,0,0,0,0,quantity,
metal.copper.scrap,,0,0,0,0,0,0,0,0,144,108,36,,quantity
metal.aluminium.scrap,,0,0,0,0,0,0,0,0,120,120,0,,
metal.iron.scrap,,0,0,0,0,0,0,0,0,2400,2400,0,,
24
PK
### stderr
### exit
0
