# mfa stock: a fixed three-year lifetime, one tonne in every year
### setup
printf 'year,inflow\n2020,1\n2021,1\n2022,1\n2023,1\n2024,1\n' > in.csv
### args
mfa stock --lifetime fixed:3 --inflow $T/in.csv
### stdout
Inflow-driven stock model (t)
year  inflow  stock  outflow
----  ------  -----  -------
2020       1      1        0
2021       1      2        0
2022       1      3        0
2023       1      3        1
2024       1      3        1
### stderr
### exit
0
