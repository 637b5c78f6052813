# Regression (a bug these tests found): the same period cache turned a
# calendar year into the month of an earlier row: nine U+3000 spaces
# then "2023-04" (36 bytes) was remembered as its first 31 bytes, nine
# spaces and "2023"; the next row's period, exactly those 31 bytes, is
# the calendar year 2023 and must not land as 2023-04.
### setup
S=$(printf '\343\200\200%.0s' 1 2 3 4 5 6 7 8 9)
printf 'from,to,material,mass,unit,period,label\neconomy,landfill,plastic,1,t,%s2023-04,month\neconomy,landfill,plastic,2,t,%s2023,year\n' "$S" "$S" > flows.csv
"$JUNKAN" -q --db x.db import flows.csv
### command
"$JUNKAN" --db "$T/x.db" --format csv show flows
### stdout
from,to,material,mass_t,period,route,label
economy,landfill,plastic,1,2023-04,,month
economy,landfill,plastic,2,2023,,year
### stderr
### exit
0
