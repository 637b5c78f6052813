# Regression (a bug these tests found): a period is parsed once and
# remembered by its text, but only the first 31 bytes of the text were
# kept, so a later row whose text equals that prefix reused the
# remembered period. Here row 3's period, ten U+3000 spaces and "F", is
# not a period at all and must be refused, as it is when it comes first
# (it used to be taken as FY2023).
### setup
S=$(printf '\343\200\200%.0s' 1 2 3 4 5 6 7 8 9 10)
printf 'from,to,material,mass,unit,period\neconomy,landfill,plastic,1,t,%sFY2023\neconomy,landfill,plastic,2,t,%sF\n' "$S" "$S" > flows.csv
"$JUNKAN" -q --db x.db init
### command
cd "$T" && "$JUNKAN" --db x.db import flows.csv
### stdout
### stderr
junkan: flows.csv:3:6: period: expected a period such as FY2023, 2023, 2023-04 or FY2023Q1, got "　　　　　　　　　　F"
junkan: nothing was imported
### exit
3
