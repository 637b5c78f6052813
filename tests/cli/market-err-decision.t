# a pair is decided once; a delivery needs an agreement
### setup
printf 'id,side,material,quantity,lat,lon\ns1,supply,plastic.pp,5t,35,139\nd1,demand,plastic.pp,5t,35,139.1\n' > l.csv
"$JUNKAN" -q --db m.db market import l.csv
"$JUNKAN" -q --db m.db market reject s1 d1
### command
cd "$T"; "$JUNKAN" --db m.db market agree s1 d1 --volume 1t; echo "exit $?"; "$JUNKAN" --db m.db market deliver s1 d1 --mass 1t --period 2026-04; echo "exit $?"; "$JUNKAN" --db m.db market agree d1 s1 --volume 1t; echo "exit $?"
### stdout
exit 3
exit 3
exit 2
### stderr
junkan: s1: the pair s1 -> d1 was already rejected
junkan: s1: no agreement between s1 and d1
junkan: d1: listing is a demand, expected a supply
### exit
0
