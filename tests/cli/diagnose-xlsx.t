# junkan diagnose run --xlsx: the workbook read back with a zip/XML
# reader: summary, indicators with formulas and peers, measures
### command
"$JUNKAN" -q diagnose run data/demo/diagnosis --muni 90001 --lang en --xlsx "$T/d.xlsx" > /dev/null && python3 tests/data/indicators/check_xlsx.py "$T/d.xlsx" Code T1 combined
### stdout
sheet Summary: 7 rows
  Code | 90001
sheet Indicators: 24 rows
  ID | Indicator | Formula | Unit | Value | Peers | Mean | SD | Q1 | Median | Q3 | Index | 偏差値 | Percentile | Target | Potential (t/yr)
  T1 | Waste per person per day (tool) | W / days / pop_collection x 1000 | kg/人日 | 0.9087 | 40.0000
sheet Measures: 10 rows
  ID | Measure | Target capture (%) | Recovered (t/yr) | GHG (tCO2e/yr) | Final disposal (t/yr) | Final disposal (m3/yr) | Landfill life gain (yr) | Cost (thousand yen/yr) | Yen per t | Yen per tCO2e
  combined | all measures combined (no double counting) | - | 9203.7819 | -13592.9982 | -2290.9365
### stderr
### exit
0
