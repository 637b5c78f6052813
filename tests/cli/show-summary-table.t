# show summary as table on a store with the demo data
### setup
"$JUNKAN" -q --db demo.db import "$ROOT/data/demo"
### args
--db $T/demo.db --format table show summary
### stdout
Contents
what          kind             count
------------  ---------------  -----
material      all                140
organisation  auditor              1
organisation  authority            1
organisation  collector            3
organisation  hub_operator         3
organisation  manufacturer         5
organisation  municipality        14
organisation  recycler            10
site          factory              5
site          incinerator         11
site          office               5
site          port                 3
site          recycling_plant      9
site          sorting              1
site          yard                 3
region        all                296
route         all                 23
process       all                 12
flow          all                 80

Flows by material, route and period
material                      route               period  flows       mass_t
----------------------------  ------------------  ------  -----  -----------
all                           consumption         FY2006      1   91,000,000
all                           dissipative         FY2006      1   15,000,000
all                           emission            FY2006      1  494,000,000
all                           export              FY2006      1  170,000,000
all                           extraction          FY2006      1  778,000,000
all                           import              FY2006      2  813,000,000
all                           landfill            FY2006      1   29,000,000
all                           recycling           FY2006      1  228,000,000
all                           reduction           FY2006      1  241,000,000
all                           return              FY2006      1   85,000,000
all                           stock               FY2006      1  754,000,000
all                           waste               FY2006      1  583,000,000
all                           water               FY2006      1  290,000,000
ash.bottom                    landfill            FY2023      2       49,000
ash.bottom                    recycling           FY2023      1       12,000
ash.bottom                    solid_fuel          FY2023      2       19,500
ash.fly                       landfill            FY2023      5       24,400
battery.lead_acid             recycling           FY2023      1        1,400
battery.lithium_ion           recycling           FY2023      1           95
biomass.garden                composting          FY2023      1        2,600
biomass.garden                solid_fuel          FY2023      1        3,600
construction.concrete         recycling           FY2023      1       38,000
ewaste.pcb                    export              FY2023      1           45
ewaste.small                  collection          FY2023      1          850
ewaste.small                  recycling           FY2023      1        1,300
ewaste.small                  sale                FY2023      1          820
food.household                composting          FY2023      1        1,100
metal.aluminium.scrap         sale                FY2023      1          230
metal.aluminium.scrap.can     sale                FY2023      7        4,505
metal.copper.scrap            export              FY2023      1          830
metal.copper.scrap            sale                FY2023      2        1,680
metal.iron.scrap              export              FY2023      3       10,300
metal.iron.scrap              recycling           FY2023      1        3,100
metal.iron.scrap              sale                FY2023      6       18,900
paper.cardboard               recycling           FY2023      1        6,400
paper.cardboard               sale                FY2023      1        6,200
paper.mixed                   recycling           FY2023      1        2,300
paper.mixed                   sale                FY2023      1        2,200
paper.newspaper               export              FY2023      1        3,000
paper.newspaper               recycling           FY2023      1        5,200
plastic                       chemical_recycling  2017        1      400,000
plastic                       incineration        2017        1      760,000
plastic                       incineration_heat   2017        1      700,000
plastic                       incineration_power  2017        1    2,870,000
plastic                       landfill            2017        1      520,000
plastic                       recycling           2017        1    2,110,000
plastic                       solid_fuel          2017        1    1,670,000
plastic.containers_packaging  recycling           FY2023      2       14,100
plastic.mixed                 incineration_power  FY2023      1        3,600
plastic.pellet                sale                FY2023      3       12,300
plastic.pet.bottle            recycling           FY2023      4        7,720
wood.chip                     import              FY2023      1       15,000
wood.chip                     sale                FY2023      1       14,800

End of life: recovered against disposed (route kinds recovery and disposal)
material                      period  recovered_t   disposed_t  recovered_pct
----------------------------  ------  -----------  -----------  -------------
all                           FY2006  228,000,000  270,000,000           45.8
ash.bottom                    FY2023       31,500       49,000           39.1
ash.fly                       FY2023            0       24,400            0.0
battery.lead_acid             FY2023        1,400            0          100.0
battery.lithium_ion           FY2023           95            0          100.0
biomass.garden                FY2023        6,200            0          100.0
construction.concrete         FY2023       38,000            0          100.0
ewaste.small                  FY2023        1,300            0          100.0
food.household                FY2023        1,100            0          100.0
metal.iron.scrap              FY2023        3,100            0          100.0
paper.cardboard               FY2023        6,400            0          100.0
paper.mixed                   FY2023        2,300            0          100.0
paper.newspaper               FY2023        5,200            0          100.0
plastic                       2017      7,750,000    1,280,000           85.8
plastic.containers_packaging  FY2023       14,100            0          100.0
plastic.mixed                 FY2023        3,600            0          100.0
plastic.pet.bottle            FY2023        7,720            0          100.0
### stderr
### exit
0
