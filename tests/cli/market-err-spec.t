# a demand with contradictory specs, and coordinates off the globe
### setup
printf 'id,side,material,properties,quantity,lat,lon\nd1,demand,plastic.pp,mfi>=8;mfi<=2,5t,35,139\n' > a.csv
printf 'id,side,material,quantity,lat,lon\ns1,supply,plastic.pp,5t,35,181\n' > b.csv
printf 'id,side,material,quantity,lat,lon\ns1,supply,plastic.pp,0kg,35,139\n' > c.csv
### command
cd "$T"; "$JUNKAN" market match a.csv; echo "exit $?"; "$JUNKAN" market match b.csv; echo "exit $?"; "$JUNKAN" market match c.csv; echo "exit $?"
### stdout
exit 3
exit 3
exit 3
### stderr
junkan: a.csv:2: properties: contradictory spec for mfi: at least 8 and at most 2
junkan: b.csv:2: lon: longitude must be within -180..180 degrees
junkan: c.csv:2: quantity: must be more than 0, got "0kg"
### exit
0
