# a tab beside a column name in the header (spreadsheet exports) is
# trimmed like a space: the file is read once, in its own pass
### setup
printf 'from\t,to,material,mass,period\next:a,proc.x,plastic,1t,2017\n' > f.csv
### command
"$JUNKAN" -q --db "$T/x.db" import "$T/f.csv" && "$JUNKAN" --db "$T/x.db" --format csv show flows
### stdout
from,to,material,mass_t,period,route,label
ext:a,proc.x,plastic,1,2017,,
### stderr
### exit
0
