# show summary as json on a store with the demo data
### setup
"$JUNKAN" -q --db demo.db import "$ROOT/data/demo"
### args
--db $T/demo.db --format json show summary
### stdout
{"contents": [
  {
    "what": "material",
    "kind": "all",
    "count": 140
  },
  {
    "what": "organisation",
    "kind": "auditor",
    "count": 1
  },
  {
    "what": "organisation",
    "kind": "authority",
    "count": 1
  },
  {
    "what": "organisation",
    "kind": "collector",
    "count": 3
  },
  {
    "what": "organisation",
    "kind": "hub_operator",
    "count": 3
  },
  {
    "what": "organisation",
    "kind": "manufacturer",
    "count": 5
  },
  {
    "what": "organisation",
    "kind": "municipality",
    "count": 14
  },
  {
    "what": "organisation",
    "kind": "recycler",
    "count": 10
  },
  {
    "what": "site",
    "kind": "factory",
    "count": 5
  },
  {
    "what": "site",
    "kind": "incinerator",
    "count": 11
  },
  {
    "what": "site",
    "kind": "office",
    "count": 5
  },
  {
    "what": "site",
    "kind": "port",
    "count": 3
  },
  {
    "what": "site",
    "kind": "recycling_plant",
    "count": 9
  },
  {
    "what": "site",
    "kind": "sorting",
    "count": 1
  },
  {
    "what": "site",
    "kind": "yard",
    "count": 3
  },
  {
    "what": "region",
    "kind": "all",
    "count": 296
  },
  {
    "what": "route",
    "kind": "all",
    "count": 23
  },
  {
    "what": "process",
    "kind": "all",
    "count": 12
  },
  {
    "what": "flow",
    "kind": "all",
    "count": 80
  }
]
, "flows": [
  {
    "material": "all",
    "route": "consumption",
    "period": "FY2006",
    "flows": 1,
    "mass_t": 91000000
  },
  {
    "material": "all",
    "route": "dissipative",
    "period": "FY2006",
    "flows": 1,
    "mass_t": 15000000
  },
  {
    "material": "all",
    "route": "emission",
    "period": "FY2006",
    "flows": 1,
    "mass_t": 494000000
  },
  {
    "material": "all",
    "route": "export",
    "period": "FY2006",
    "flows": 1,
    "mass_t": 170000000
  },
  {
    "material": "all",
    "route": "extraction",
    "period": "FY2006",
    "flows": 1,
    "mass_t": 778000000
  },
  {
    "material": "all",
    "route": "import",
    "period": "FY2006",
    "flows": 2,
    "mass_t": 813000000
  },
  {
    "material": "all",
    "route": "landfill",
    "period": "FY2006",
    "flows": 1,
    "mass_t": 29000000
  },
  {
    "material": "all",
    "route": "recycling",
    "period": "FY2006",
    "flows": 1,
    "mass_t": 228000000
  },
  {
    "material": "all",
    "route": "reduction",
    "period": "FY2006",
    "flows": 1,
    "mass_t": 241000000
  },
  {
    "material": "all",
    "route": "return",
    "period": "FY2006",
    "flows": 1,
    "mass_t": 85000000
  },
  {
    "material": "all",
    "route": "stock",
    "period": "FY2006",
    "flows": 1,
    "mass_t": 754000000
  },
  {
    "material": "all",
    "route": "waste",
    "period": "FY2006",
    "flows": 1,
    "mass_t": 583000000
  },
  {
    "material": "all",
    "route": "water",
    "period": "FY2006",
    "flows": 1,
    "mass_t": 290000000
  },
  {
    "material": "ash.bottom",
    "route": "landfill",
    "period": "FY2023",
    "flows": 2,
    "mass_t": 49000
  },
  {
    "material": "ash.bottom",
    "route": "recycling",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 12000
  },
  {
    "material": "ash.bottom",
    "route": "solid_fuel",
    "period": "FY2023",
    "flows": 2,
    "mass_t": 19500
  },
  {
    "material": "ash.fly",
    "route": "landfill",
    "period": "FY2023",
    "flows": 5,
    "mass_t": 24400
  },
  {
    "material": "battery.lead_acid",
    "route": "recycling",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 1400
  },
  {
    "material": "battery.lithium_ion",
    "route": "recycling",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 95
  },
  {
    "material": "biomass.garden",
    "route": "composting",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 2600
  },
  {
    "material": "biomass.garden",
    "route": "solid_fuel",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 3600
  },
  {
    "material": "construction.concrete",
    "route": "recycling",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 38000
  },
  {
    "material": "ewaste.pcb",
    "route": "export",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 45
  },
  {
    "material": "ewaste.small",
    "route": "collection",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 850
  },
  {
    "material": "ewaste.small",
    "route": "recycling",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 1300
  },
  {
    "material": "ewaste.small",
    "route": "sale",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 820
  },
  {
    "material": "food.household",
    "route": "composting",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 1100
  },
  {
    "material": "metal.aluminium.scrap",
    "route": "sale",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 230
  },
  {
    "material": "metal.aluminium.scrap.can",
    "route": "sale",
    "period": "FY2023",
    "flows": 7,
    "mass_t": 4505
  },
  {
    "material": "metal.copper.scrap",
    "route": "export",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 830
  },
  {
    "material": "metal.copper.scrap",
    "route": "sale",
    "period": "FY2023",
    "flows": 2,
    "mass_t": 1680
  },
  {
    "material": "metal.iron.scrap",
    "route": "export",
    "period": "FY2023",
    "flows": 3,
    "mass_t": 10300
  },
  {
    "material": "metal.iron.scrap",
    "route": "recycling",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 3100
  },
  {
    "material": "metal.iron.scrap",
    "route": "sale",
    "period": "FY2023",
    "flows": 6,
    "mass_t": 18900
  },
  {
    "material": "paper.cardboard",
    "route": "recycling",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 6400
  },
  {
    "material": "paper.cardboard",
    "route": "sale",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 6200
  },
  {
    "material": "paper.mixed",
    "route": "recycling",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 2300
  },
  {
    "material": "paper.mixed",
    "route": "sale",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 2200
  },
  {
    "material": "paper.newspaper",
    "route": "export",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 3000
  },
  {
    "material": "paper.newspaper",
    "route": "recycling",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 5200
  },
  {
    "material": "plastic",
    "route": "chemical_recycling",
    "period": "2017",
    "flows": 1,
    "mass_t": 400000
  },
  {
    "material": "plastic",
    "route": "incineration",
    "period": "2017",
    "flows": 1,
    "mass_t": 760000
  },
  {
    "material": "plastic",
    "route": "incineration_heat",
    "period": "2017",
    "flows": 1,
    "mass_t": 700000
  },
  {
    "material": "plastic",
    "route": "incineration_power",
    "period": "2017",
    "flows": 1,
    "mass_t": 2870000
  },
  {
    "material": "plastic",
    "route": "landfill",
    "period": "2017",
    "flows": 1,
    "mass_t": 520000
  },
  {
    "material": "plastic",
    "route": "recycling",
    "period": "2017",
    "flows": 1,
    "mass_t": 2110000
  },
  {
    "material": "plastic",
    "route": "solid_fuel",
    "period": "2017",
    "flows": 1,
    "mass_t": 1670000
  },
  {
    "material": "plastic.containers_packaging",
    "route": "recycling",
    "period": "FY2023",
    "flows": 2,
    "mass_t": 14100
  },
  {
    "material": "plastic.mixed",
    "route": "incineration_power",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 3600
  },
  {
    "material": "plastic.pellet",
    "route": "sale",
    "period": "FY2023",
    "flows": 3,
    "mass_t": 12300
  },
  {
    "material": "plastic.pet.bottle",
    "route": "recycling",
    "period": "FY2023",
    "flows": 4,
    "mass_t": 7720
  },
  {
    "material": "wood.chip",
    "route": "import",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 15000
  },
  {
    "material": "wood.chip",
    "route": "sale",
    "period": "FY2023",
    "flows": 1,
    "mass_t": 14800
  }
]
, "end_of_life": [
  {
    "material": "all",
    "period": "FY2006",
    "recovered_t": 228000000,
    "disposed_t": 270000000,
    "recovered_pct": 45.799999999999997
  },
  {
    "material": "ash.bottom",
    "period": "FY2023",
    "recovered_t": 31500,
    "disposed_t": 49000,
    "recovered_pct": 39.100000000000001
  },
  {
    "material": "ash.fly",
    "period": "FY2023",
    "recovered_t": 0,
    "disposed_t": 24400,
    "recovered_pct": 0.0
  },
  {
    "material": "battery.lead_acid",
    "period": "FY2023",
    "recovered_t": 1400,
    "disposed_t": 0,
    "recovered_pct": 100.0
  },
  {
    "material": "battery.lithium_ion",
    "period": "FY2023",
    "recovered_t": 95,
    "disposed_t": 0,
    "recovered_pct": 100.0
  },
  {
    "material": "biomass.garden",
    "period": "FY2023",
    "recovered_t": 6200,
    "disposed_t": 0,
    "recovered_pct": 100.0
  },
  {
    "material": "construction.concrete",
    "period": "FY2023",
    "recovered_t": 38000,
    "disposed_t": 0,
    "recovered_pct": 100.0
  },
  {
    "material": "ewaste.small",
    "period": "FY2023",
    "recovered_t": 1300,
    "disposed_t": 0,
    "recovered_pct": 100.0
  },
  {
    "material": "food.household",
    "period": "FY2023",
    "recovered_t": 1100,
    "disposed_t": 0,
    "recovered_pct": 100.0
  },
  {
    "material": "metal.iron.scrap",
    "period": "FY2023",
    "recovered_t": 3100,
    "disposed_t": 0,
    "recovered_pct": 100.0
  },
  {
    "material": "paper.cardboard",
    "period": "FY2023",
    "recovered_t": 6400,
    "disposed_t": 0,
    "recovered_pct": 100.0
  },
  {
    "material": "paper.mixed",
    "period": "FY2023",
    "recovered_t": 2300,
    "disposed_t": 0,
    "recovered_pct": 100.0
  },
  {
    "material": "paper.newspaper",
    "period": "FY2023",
    "recovered_t": 5200,
    "disposed_t": 0,
    "recovered_pct": 100.0
  },
  {
    "material": "plastic",
    "period": "2017",
    "recovered_t": 7750000,
    "disposed_t": 1280000,
    "recovered_pct": 85.799999999999997
  },
  {
    "material": "plastic.containers_packaging",
    "period": "FY2023",
    "recovered_t": 14100,
    "disposed_t": 0,
    "recovered_pct": 100.0
  },
  {
    "material": "plastic.mixed",
    "period": "FY2023",
    "recovered_t": 3600,
    "disposed_t": 0,
    "recovered_pct": 100.0
  },
  {
    "material": "plastic.pet.bottle",
    "period": "FY2023",
    "recovered_t": 7720,
    "disposed_t": 0,
    "recovered_pct": 100.0
  }
]
}
### stderr
### exit
0
