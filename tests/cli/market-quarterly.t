# a quarterly offtake agreement: deliveries by fiscal quarter (FY2026Q1 is
# April-June 2026; 2026年度第2四半期 is the same as FY2026Q2), the
# shortfall per quarter, and a calendar quarter refused with the forms
### setup
cat > l.csv <<'X'
id,side,org,material,quantity,recurrence,lat,lon,price
s1,supply,rec-a,plastic.pp,30t,quarterly,35.52,139.72,60000
d1,demand,maker,plastic.pp,40t,quarterly,36.29,139.38,90000
X
### command
cd "$T" && "$JUNKAN" -q --db m.db market import l.csv && "$JUNKAN" -q --db m.db market agree s1 d1 --volume 30t && "$JUNKAN" --db m.db market deliver s1 d1 --mass 30t --period FY2026Q1 && "$JUNKAN" --db m.db market deliver s1 d1 --mass 12t --period 2026年度第2四半期 && "$JUNKAN" --db m.db --format csv market shortfall && "$JUNKAN" --db m.db market deliver s1 d1 --mass 1t --period 2026Q1
### stdout
supply,demand,period,agreed_t,delivered_t,shortfall_t
s1,d1,FY2026Q1,30,30,0
s1,d1,FY2026Q2,30,12,18
### stderr
junkan: period: expected a period such as FY2023, 2023, 2023-04 or FY2023Q1, got "2026Q1"
### exit
3
