# junkan demo --out DIR: the main job on the bundled demo data; prints
# the summary and the balances, and writes its outputs into DIR
### command
"$JUNKAN" demo --out "$T/out" && echo "--- files:" && ls "$T/out"
### stdout
junkan demo: $T/out/demo.db from $ROOT/data/demo

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

Mass balance of processes (in - out)
node        material  period           in_t          out_t     diff_t  diff_pct  status
----------  --------  ------  -------------  -------------  ---------  --------  ----------------
economy     all       FY2006  2,109,000,000  2,107,000,000  2,000,000     0.095  within tolerance
waste_mgmt  all       FY2006    583,000,000    583,000,000          0     0.000  ok

Japan FY2006, reconciled (measured flows at 2% sd):
Reconciled values (Mt)
variable                          class       measured_Mt  measured_sd_Mt  reconciled_Mt    sd_Mt  adjustment_Mt      z  flag
--------------------------------  ----------  -----------  --------------  -------------  -------  -------------  -----  ----
nature-economy-extraction         redundant      778.0000         15.5600       777.4423  13.2137        -0.5577  0.068  
row-economy-import                redundant      756.0000         15.1200       755.4734  12.9777        -0.5266  0.068  
row-economy-import-2              redundant       57.0000          1.1400        56.9970   1.1391        -0.0030  0.068  
nature-economy-water              redundant      290.0000          5.8000       289.9225   5.6865        -0.0775  0.068  
waste_mgmt-economy-recycling      redundant      228.0000          4.5600       227.9931   4.2922        -0.0069  0.004  
economy-row-export                redundant      170.0000          3.4000       170.0266   3.3773         0.0266  0.068  
economy-stock-stock               redundant      754.0000         15.0800       754.5238  12.9556         0.5238  0.068  
economy-environment-emission      redundant      494.0000          9.8800       494.2248   9.3081         0.2248  0.068  
economy-environment-consumption   redundant       91.0000          1.8200        91.0076   1.8165         0.0076  0.068  
economy-environment-dissipative   redundant       15.0000          0.3000        15.0002   0.3000         0.0002  0.068  
economy-waste_mgmt-waste          redundant      583.0000         11.6600       583.0452   5.8840         0.0452  0.004  
waste_mgmt-environment-reduction  redundant      241.0000          4.8200       241.0458   4.4532         0.0458  0.025  
waste_mgmt-nature-return          redundant       85.0000          1.7000        85.0057   1.6844         0.0057  0.025  
waste_mgmt-landfill-landfill      redundant       29.0000          0.5800        29.0007   0.5794         0.0007  0.025  
stock:stock                       observable            -               -       754.5238  12.9556         0.0000  0.000  
stock:landfill                    observable            -               -        29.0007   0.5794         0.0000  0.000  

Global test (dense): chi2 = 0.0046 with 2 degree(s) of freedom, critical value 5.9915: passed

Fundamental Plan indicators (循環型社会形成推進基本計画) against the 4th (FY2025) and 5th (FY2030) plan targets
name_ja                             name_en                                                        value  unit      target_4th  target_5th  gap_to_5th
----------------------------------  -----------------------------------------------------------  -------  --------  ----------  ----------  ----------
資源生産性                          resource productivity                                              -  万円/t            49          60           -
入口側循環利用率                    cyclical use rate, input side                                12.5344  %                 18          19     6.46564
出口側循環利用率                    cyclical use rate, output side                               39.1081  %                 47          44     4.89194
最終処分量                          final disposal                                                    29  Mt                13          11         -18
一人当たり天然資源消費量            natural resource consumption per capita                            -  t/person           -          11           -
再生可能資源及び循環資源の投入割合  share of renewable and cyclical resources in material input        -  %                  -          34           -
(- : needs an input: --gdp, --population, --renewable; formulas with --format csv)

Circularity of the demo manufacturer (デモ家電株式会社 (Demo Appliances Co.), FY2024):
framework  indicator                                                             value  unit
---------  -------------------------------------------------------------------  ------  ----
CTI        % circular inflow                                                      27.2  %
CTI        % circular outflow (recovery potential x actual recovery)              66.1  %
CTI        % circularity (mass-weighted)                                          47.3  %
MCI        Company MCI (weighted)                                               0.5086  
ESRS-E5    Share of secondary reused or recycled components and materials used    25.3  %
ESRS-E5    Share of non-recycled waste                                            38.3  %

Secondary-material market (data/demo/market): 24 listings, 20 candidate pairs, 12 allocations moving 5,304.0 t a year; objective -79422480 yen a year
Gap by material and grade (t a year):
material                   grade     supply t     matched    unplaced    demand t         met       unmet  unplaced why unmet why
plastic.pp                 a          936.0 t     936.0 t       0.0 t       0.0 t       0.0 t       0.0 t  -            -
plastic.pp                 b          540.0 t     540.0 t       0.0 t     360.0 t     300.0 t      60.0 t  -            quantity
plastic.pp                 -          144.0 t       0.0 t     144.0 t   1,200.0 t   1,176.0 t      24.0 t  grade        quantity
                                    unplaced supply goes today to incineration: 144.0 t
plastic.mixed              -        1,140.0 t     600.0 t     540.0 t     600.0 t     600.0 t       0.0 t  quantity     -
                                    unplaced supply goes today to incineration: 540.0 t
plastic.pet.bottle         -          840.0 t     600.0 t     240.0 t     720.0 t     600.0 t     120.0 t  grade        quantity
                                    unplaced supply goes today to export: 240.0 t
metal.copper.scrap.cable   -          156.0 t     108.0 t      48.0 t       0.0 t       0.0 t       0.0 t  grade        -
                                    unplaced supply goes today to export: 48.0 t
metal.aluminium.scrap.can  -          180.0 t     120.0 t      60.0 t       0.0 t       0.0 t       0.0 t  quantity     -
                                    unplaced supply goes today to export: 60.0 t
metal.iron.scrap.heavy     -        3,600.0 t   2,400.0 t   1,200.0 t       0.0 t       0.0 t       0.0 t  quantity     -
                                    unplaced supply goes today to export: 1,200.0 t
metal.copper.scrap         -            0.0 t       0.0 t       0.0 t     144.0 t     108.0 t      36.0 t  -            quantity
metal.aluminium.scrap      -            0.0 t       0.0 t       0.0 t     120.0 t     120.0 t       0.0 t  -            -
metal.iron.scrap           -            0.0 t       0.0 t       0.0 t   2,400.0 t   2,400.0 t       0.0 t  -            -
Market reports in $T/out/: market-allocations.csv, market-left.csv, market-gap.csv, market-gap.json, market-gap.svg, market-gap.xlsx

Municipality-company matching (data/demo/collab):
Weights: material 0.30, process 0.30, capacity 0.20, distance 0.20

yokohama-pp (横浜市 Yokohama): plastic.product, 3,000 t a year
  1. shonan-resin          95.6  material plastic covers plastic.product; processes 100%; capacity 5,000 t of 3,000 t a year; 18 km within 80 km

kitakyushu-solar (北九州市 Kitakyushu): metal.aluminium.scrap, 400 t a year
  1. hibiki-metals         99.0  material metal.aluminium covers metal.aluminium.scrap; processes 100%; capacity 3,000 t of 400 t a year; 8 km within 150 km
  2. kyushu-scrap          77.7  material metal covers metal.aluminium.scrap; processes 50%, missing dismantling; capacity 800 t of 400 t a year; 55 km within 150 km

sendai-carton (仙台市 Sendai): paper.carton, 600 t a year
  1. tohoku-paper          93.1  material paper covers paper.carton; processes 100%; capacity 4,000 t of 600 t a year; 42 km within 120 km

kyoto-pet (京都市 Kyoto): plastic.pet.bottle, 1,500 t a year
  1. kansai-pet            87.4  material plastic.pet covers plastic.pet.bottle; processes 100%; capacity 1,200 t of 1,500 t a year; 43 km within 100 km
  2. osaka-mixed           74.9  material plastic covers plastic.pet.bottle; processes 50%, missing recycling; capacity 6,000 t of 1,500 t a year; 51 km within 100 km
Ranking in $T/out/market-rank.csv

Municipal diagnosis (252 municipalities: two demo cities and synthetic peers):
  みなと市（デモ） (90001): type 市-III-1, recycling rate 14.1 % (偏差値 36.9), all measures: 9204 t recovered, -13593 tCO2e/yr, 35131 千円/yr
  やまさと町（デモ） (90002): type 町村-III-0, recycling rate 15.3 % (偏差値 42.9), all measures: 514 t recovered, -601 tCO2e/yr, -17750 千円/yr
  reports: diagnosis-national.csv, diagnosis-CODE.json, diagnosis-CODE.xlsx, diagnosis-CODE-measures.csv, diagnosis-CODE-ja.html, diagnosis-CODE-en.html, diagnosis-dematel.svg

Hub network ($ROOT/data/demo/network): 4 hubs open, cost 1360127692, CO2 4155.8 t, 90900 t kept in Japan, 0 t abroad

Traceability ledger: $T/out/ledger.db (keys in $T/out/keys/, mode 0600)
27 signed entries, checkpointed

Verification of the store from scratch: ok: 27 entries, 1 checkpoints, root 07b138e053c27f481ab1043ac11e7e9881b55d72479177b488ac8c8bc2bda403
Verification of the export (as a backup operator would): ok: 27 entries, 1 checkpoints, root 07b138e053c27f481ab1043ac11e7e9881b55d72479177b488ac8c8bc2bda403

Trace (masses in kg)
direction  depth  from                             to                          mass_kg  link            entry
---------  -----  -------------------------------  --------------------------  -------  --------------  -----
back           1  urn:jk:lot:pet-flakes-0408       urn:jk:lot:bottles-0410       10030  transformation     23
back           1  urn:jk:lot:virgin-resin-0405     urn:jk:lot:bottles-0410       19470  transformation     23
back           2  urn:jk:lot:yokohama-pet-2026-04  urn:jk:lot:pet-flakes-0408    10200  transformation     17

field             value
----------------  --------------------------
account           acc:kanagawa-rpet-2026q2
facility          jp:fac:kanagawa-bottling
characteristic    post-consumer recycled PET
scheme            iscc-plus
opening_kg        0
credits_kg        10200
debits_kg         10000
balance_kg        200
closed            yes
physical_kg       200
within_tolerance  yes

Passport urn:jk:dpp:bottles-0410 v1 of urn:jk:lot:bottles-0410, issued by jp:maker-kanagawa (as public)
key                                      value                        unit  access  entry
---------------------------------------  ---------------------------  ----  ------  -----
untp:product.name                        500 ml PET bottle, lot 0410        public     25
circularity.recycledContent.massBalance  338983                       ppm   public     25
circularity.recycledContent.scheme       iscc-plus                          public     25
circularity.recyclability                mono-material PET, PP cap          public     25

Passport urn:jk:dpp:bottles-0410 v1 of urn:jk:lot:bottles-0410, issued by jp:maker-kanagawa (as legit_interest)
key                                      value                                       unit  access          entry
---------------------------------------  ------------------------------------------  ----  --------------  -----
untp:product.name                        500 ml PET bottle, lot 0410                       public             25
circularity.recycledContent.massBalance  338983                                      ppm   public             25
circularity.recycledContent.scheme       iscc-plus                                         public             25
circularity.recyclability                mono-material PET, PP cap                         public             25
recycling.sortingInstructions            remove cap and label; NIR sortable                legit_interest     25
material.additives                       no antimony catalyst residue above 200 ppm        legit_interest     25

Offtake agreement s-kawasaki-pet-flakes -> d-kanagawa-pet-flakes (12 t a month), deliveries from the ledger's receipts:
entry  outcome                   t  period    agreement; reason
   16  not recorded           12.4  -         no agreement from jp:city-yokohama to jp:sorter-kawasaki
   19  recorded               10.2  2026-04   s-kawasaki-pet-flakes/d-kanagawa-pet-flakes
supply                demand                period     agreed t  delivered  shortfall
s-kawasaki-pet-flakes d-kanagawa-pet-flakes 2026-04          12       10.2        1.8

Ledger outputs in $T/out/: ledger.db, ledger-export.jsonl, trace-bottles.svg, passport-bottles.json, epcis-bottles.json, keys/

Outputs in $T/out/: demo.db, contents.csv, flows-by-route.csv, end-of-life.csv, summary.json, balances.csv, demo-export.json, japan-fy2006.svg, plastics-2017.svg, company-report.xlsx, company-report.html, company-report.json, network-plan.json, network-map-ja.svg, network-map-en.svg
--- files:
balances.csv
company-report.html
company-report.json
company-report.xlsx
contents.csv
demo-export.json
demo.db
diagnosis-90001-en.html
diagnosis-90001-ja.html
diagnosis-90001-measures.csv
diagnosis-90001.json
diagnosis-90001.xlsx
diagnosis-90002-en.html
diagnosis-90002-ja.html
diagnosis-90002-measures.csv
diagnosis-90002.json
diagnosis-90002.xlsx
diagnosis-dematel.svg
diagnosis-national.csv
end-of-life.csv
epcis-bottles.json
flows-by-route.csv
japan-fy2006.svg
keys
ledger-export.jsonl
ledger.db
market-allocations.csv
market-gap.csv
market-gap.json
market-gap.svg
market-gap.xlsx
market-left.csv
market-rank.csv
network-map-en.svg
network-map-ja.svg
network-plan.json
passport-bottles.json
plastics-2017.svg
summary.json
trace-bottles.svg
### stderr
junkan: imported 37 organisations, 37 sites, 80 flows (12 new process nodes) in N s
### exit
0
