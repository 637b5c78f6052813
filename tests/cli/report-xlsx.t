# the XLSX report read back with a real reader (zipfile + XML): one
# sheet per framework, units and targets, a sheet of sources
### command
"$JUNKAN" -q report data/demo/company --out "$T/r.xlsx" && python3 tests/data/indicators/check_xlsx.py "$T/r.xlsx" circular_inflow mci_company inflow_recycled 37d_pct
### stdout
sheet CTI: 17 rows
  ID | Subject | Indicator | Value | Unit | Target | Note
  circular_inflow |  | % circular inflow | 0.2718 | % | 0.3500
sheet MCI: 8 rows
  ID | Subject | Indicator | Value | Unit | Target | Note
  mci_company |  | Company MCI (weighted) | 0.5086 |  | 0.5000
sheet ISO59020: 13 rows
  ID | Subject | Indicator | Value | Unit | Target | Note
  inflow_recycled |  | Average % recycled content of inflows | 0.2516 | % | 0.3000
sheet ESRS-E5: 46 rows
  ID | Subject | Indicator | Value | Unit | Target | Note
  37d_pct |  | Share of non-recycled waste | 0.3826 | % | 0.2000
sheet Sources: 8 rows
  Framework | Version | Options | Source
### stderr
### exit
0
