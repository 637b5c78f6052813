# mfa stock refuses a year that does not follow the previous row
### setup
printf 'year,inflow\n2020,1\n2022,1\n' > in.csv
### args
mfa stock --lifetime fixed:3 --inflow $T/in.csv
### stdout
### stderr
junkan: $T/in.csv:3:1: year: expected the year after the previous row, got 2022
### exit
3
