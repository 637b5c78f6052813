# match as one JSON document: total, allocations with their parts and
# explanation, and what is left
### args
--format json market match tests/data/market/ok_pool.csv --carbon-price 0 --detour 1
### stdout
{
  "total_cost_yen_per_year": -119380.0,
  "allocations": [
    {
      "supply": "s1",
      "demand": "d1",
      "material": "plastic.pp",
      "tonnes_per_year": "30",
      "km": 55.6,
      "mode": "truck",
      "transport_yen_per_t": 1389.94,
      "co2_kg_per_t": 12.01,
      "co2_yen_per_t": 0.0,
      "margin_yen_per_t": 4000.0,
      "premium_yen_per_t": 0.0,
      "cost_yen_per_t": -2610.06,
      "next_best": "unplaced",
      "next_best_extra_yen_per_t": 556.0,
      "hub": "",
      "why": "56 km by truck: transport 1390 + CO2 0 yen/t (12.0 kg/t), margin 4000, premium 0; pooled with other supplies; next best: leave it unplaced (+556 yen/t)"
    },
    {
      "supply": "s2",
      "demand": "d1",
      "material": "plastic.pp",
      "tonnes_per_year": "20",
      "km": 77.84,
      "mode": "truck",
      "transport_yen_per_t": 1945.91,
      "co2_kg_per_t": 16.81,
      "co2_yen_per_t": 0.0,
      "margin_yen_per_t": 4000.0,
      "premium_yen_per_t": 0.0,
      "cost_yen_per_t": -2054.09,
      "next_best": "",
      "next_best_extra_yen_per_t": null,
      "hub": "",
      "why": "78 km by truck: transport 1946 + CO2 0 yen/t (16.8 kg/t), margin 4000, premium 0; pooled with other supplies; supply partly placed; no alternative"
    }
  ],
  "left": [
    {
      "listing": "s2",
      "side": "supply",
      "material": "plastic.pp",
      "grade": "",
      "tonnes_per_year": "10",
      "fate": "",
      "reason": "quantity",
      "why": "quantity short: d1, the best compatible demand within reach, is fully met"
    }
  ]
}
### stderr
### exit
0
