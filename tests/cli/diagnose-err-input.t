# junkan diagnose national on flows with a municipality missing from profiles: the file, line and field
### setup
printf 'fiscal_year,muni_code,muni_name,city_class,pop_total\n2022,01001,A市,市,100\n' > profiles.csv
printf 'muni_code,fraction,source,route,tonnes\n01001,paper,household_collected,direct_recycling,5\n01002,paper,household_collected,direct_recycling,5\n' > flows.csv
### command
"$JUNKAN" diagnose national "$T"
### stdout
### stderr
junkan: $T/flows.csv:3: muni_code: unknown municipality 01002 (not in profiles)
### exit
3
