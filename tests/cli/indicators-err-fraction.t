# a fraction over 1 names the file, line and field; exit 3
### setup
mkdir co
printf 'id\nacme\n' > co/company.csv
printf 'material,mass,recycled\nplastic,10 t,0.5\nmetal.iron,5 t,1.5\n' > co/inflows.csv
### args
indicators cti $T/co
### stdout
### stderr
junkan: $T/co/inflows.csv:3: recycled: must be a fraction between 0 and 1, got 1.5
### exit
3
