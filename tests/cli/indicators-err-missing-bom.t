# a product without material rows; exit 3
### setup
mkdir co
printf 'id\nacme\n' > co/company.csv
printf 'product,name\nwasher,Washer\n' > co/products.csv
### args
indicators mci $T/co
### stdout
### stderr
junkan: $T/co: bom: product "washer" has no material rows
### exit
3
