# show summary as csv on a store with the demo data
### setup
"$JUNKAN" -q --db demo.db import "$ROOT/data/demo"
### args
--db $T/demo.db --format csv show summary
### stdout
# contents
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
# flows
material,route,period,flows,mass_t
all,consumption,FY2006,1,91000000
all,dissipative,FY2006,1,15000000
all,emission,FY2006,1,494000000
all,export,FY2006,1,170000000
all,extraction,FY2006,1,778000000
all,import,FY2006,2,813000000
all,landfill,FY2006,1,29000000
all,recycling,FY2006,1,228000000
all,reduction,FY2006,1,241000000
all,return,FY2006,1,85000000
all,stock,FY2006,1,754000000
all,waste,FY2006,1,583000000
all,water,FY2006,1,290000000
ash.bottom,landfill,FY2023,2,49000
ash.bottom,recycling,FY2023,1,12000
ash.bottom,solid_fuel,FY2023,2,19500
ash.fly,landfill,FY2023,5,24400
battery.lead_acid,recycling,FY2023,1,1400
battery.lithium_ion,recycling,FY2023,1,95
biomass.garden,composting,FY2023,1,2600
biomass.garden,solid_fuel,FY2023,1,3600
construction.concrete,recycling,FY2023,1,38000
ewaste.pcb,export,FY2023,1,45
ewaste.small,collection,FY2023,1,850
ewaste.small,recycling,FY2023,1,1300
ewaste.small,sale,FY2023,1,820
food.household,composting,FY2023,1,1100
metal.aluminium.scrap,sale,FY2023,1,230
metal.aluminium.scrap.can,sale,FY2023,7,4505
metal.copper.scrap,export,FY2023,1,830
metal.copper.scrap,sale,FY2023,2,1680
metal.iron.scrap,export,FY2023,3,10300
metal.iron.scrap,recycling,FY2023,1,3100
metal.iron.scrap,sale,FY2023,6,18900
paper.cardboard,recycling,FY2023,1,6400
paper.cardboard,sale,FY2023,1,6200
paper.mixed,recycling,FY2023,1,2300
paper.mixed,sale,FY2023,1,2200
paper.newspaper,export,FY2023,1,3000
paper.newspaper,recycling,FY2023,1,5200
plastic,chemical_recycling,2017,1,400000
plastic,incineration,2017,1,760000
plastic,incineration_heat,2017,1,700000
plastic,incineration_power,2017,1,2870000
plastic,landfill,2017,1,520000
plastic,recycling,2017,1,2110000
plastic,solid_fuel,2017,1,1670000
plastic.containers_packaging,recycling,FY2023,2,14100
plastic.mixed,incineration_power,FY2023,1,3600
plastic.pellet,sale,FY2023,3,12300
plastic.pet.bottle,recycling,FY2023,4,7720
wood.chip,import,FY2023,1,15000
wood.chip,sale,FY2023,1,14800
# end_of_life
material,period,recovered_t,disposed_t,recovered_pct
all,FY2006,228000000,270000000,45.8
ash.bottom,FY2023,31500,49000,39.1
ash.fly,FY2023,0,24400,0.0
battery.lead_acid,FY2023,1400,0,100.0
battery.lithium_ion,FY2023,95,0,100.0
biomass.garden,FY2023,6200,0,100.0
construction.concrete,FY2023,38000,0,100.0
ewaste.small,FY2023,1300,0,100.0
food.household,FY2023,1100,0,100.0
metal.iron.scrap,FY2023,3100,0,100.0
paper.cardboard,FY2023,6400,0,100.0
paper.mixed,FY2023,2300,0,100.0
paper.newspaper,FY2023,5200,0,100.0
plastic,2017,7750000,1280000,85.8
plastic.containers_packaging,FY2023,14100,0,100.0
plastic.mixed,FY2023,3600,0,100.0
plastic.pet.bottle,FY2023,7720,0,100.0
### stderr
### exit
0
