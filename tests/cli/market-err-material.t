# a listing with an unknown material: the file, line and field, exit 3
### setup
printf 'id,side,material,quantity,lat,lon\ns1,supply,plastic.pp,5t,35,139\ns2,supply,plastics,5t,35,139\n' > l.csv
### command
cd "$T" && "$JUNKAN" --db m.db market import l.csv
### stdout
### stderr
junkan: l.csv:3: material: unknown material "plastics" (see materials.csv)
### exit
3
