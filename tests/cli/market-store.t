# listings in a store: import, list, match from the store, an offtake
# agreement with deliveries and the shortfall; a rejected pair is not
# proposed again
### setup
cat > l.csv <<'X'
id,side,org,material,quantity,recurrence,lat,lon,price
s1,supply,rec-a,plastic.pp,30t,monthly,35.52,139.72,60000
s2,supply,rec-b,plastic.pp,30t,monthly,35.61,140.11,60000
d1,demand,maker,plastic.pp,40t,monthly,36.29,139.38,90000
X
### command
cd "$T" && "$JUNKAN" -q --db m.db market import l.csv && "$JUNKAN" --db m.db market list && "$JUNKAN" --db m.db --format csv market match && "$JUNKAN" -q --db m.db market agree s1 d1 --volume 25t --note "first contract" && "$JUNKAN" -q --db m.db market reject s2 d1 && "$JUNKAN" --db m.db --format csv market match && "$JUNKAN" --db m.db market deliver s1 d1 --mass 25t --period 2026-04 && "$JUNKAN" --db m.db market deliver s1 d1 --mass 12.5t --period 2026-05 --ref lot-77 && "$JUNKAN" --db m.db market shortfall
### stdout
Market listings
id  side    org    material    grade   t  per      yen/t      lat       lon  status
--  ------  -----  ----------  -----  --  -------  -----  -------  --------  ------
d1  demand  maker  plastic.pp         40  monthly  90000  36.2900  139.3800  open
s1  supply  rec-a  plastic.pp         30  monthly  60000  35.5200  139.7200  open
s2  supply  rec-b  plastic.pp         30  monthly  60000  35.6100  140.1100  open
supply,demand,material,tonnes_per_year,km,mode,transport_yen_per_t,co2_kg_per_t,co2_yen_per_t,margin_yen_per_t,premium_yen_per_t,cost_yen_per_t,next_best,next_best_extra_yen_per_t,hub,why
s1,d1,plastic.pp,360,118.21,truck,2955.27,25.53,127.67,30000.00,0.00,-26917.06,unplaced,313.00,,"118 km by truck: transport 2955 + CO2 128 yen/t (25.5 kg/t), margin 30000, premium 0; pooled with other supplies; next best: leave it unplaced (+313 yen/t)"
s2,d1,plastic.pp,120,130.23,truck,3255.70,28.13,140.65,30000.00,0.00,-26603.65,,,,"130 km by truck: transport 3256 + CO2 141 yen/t (28.1 kg/t), margin 30000, premium 0; pooled with other supplies; supply partly placed; no alternative"
supply,demand,material,tonnes_per_year,km,mode,transport_yen_per_t,co2_kg_per_t,co2_yen_per_t,margin_yen_per_t,premium_yen_per_t,cost_yen_per_t,next_best,next_best_extra_yen_per_t,hub,why
supply       demand       period     agreed t  delivered  shortfall
s1           d1           2026-04          25         25          0
s1           d1           2026-05          25       12.5       12.5
### stderr
### exit
0
