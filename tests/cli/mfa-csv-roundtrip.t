# mfa system writes a system as a directory of CSV files that reads back
# to the same system (compared as JSON)
### command
"$JUNKAN" mfa system tests/data/mfa/case_substance.json --out "$T/a.json" && "$JUNKAN" mfa system tests/data/mfa/case_substance.json --out "$T/dir/" && ls "$T/dir" && "$JUNKAN" mfa system "$T/dir" --out "$T/b.json" && cmp "$T/a.json" "$T/b.json" && echo same
### stdout
concentrations.csv
flows.csv
processes.csv
stocks.csv
system.csv
tcs.csv
same
### exit
0
