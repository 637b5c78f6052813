# a system as a directory of CSV files, processes implicit, sd as a
# percentage, one unknown flow computed from the balance
### setup
cat > flows.csv <<'CSV'
id,from,to,value,sd,status
in,ext:city,sorter,100,5%,
out,sorter,ext:recycler,60,5%,
rest,sorter,ext:landfill,,,unknown
CSV
### args
--format csv mfa reconcile $T
### stdout
variable,class,measured_t,measured_sd_t,reconciled_t,sd_t,adjustment_t,z,flag
in,non-redundant,100.0000,5.0000,100.0000,5.0000,0.0000,0.000,
out,non-redundant,60.0000,3.0000,60.0000,3.0000,0.0000,0.000,
rest,observable,-,-,40.0000,5.8310,0.0000,0.000,
### stderr
### exit
0
