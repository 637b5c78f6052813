# why one supply was placed where it was, and why another was not
### command
for id in s-osaka-pp s-saitama-pp d-kyoto-crates; do "$JUNKAN" market explain $id data/demo/market/listings.csv data/demo/market/grades.csv data/demo/market/permits.csv data/demo/market/exclusions.csv; done
### stdout
s-osaka-pp -> d-gunma-auto: 144.0 t a year, -19403 yen/t: 521 km by truck: transport 13034 + CO2 563 yen/t (112.6 kg/t), margin 30000, premium 3000; tightest spec: mfi 3.8 within 2..8; pooled with other supplies; supply split over demands; next best: leave it unplaced (+17478 yen/t)
s-osaka-pp -> d-aichi-parts: 216.0 t a year, -17478 yen/t: 212 km by truck: transport 5293 + CO2 229 yen/t (45.7 kg/t), margin 20000, premium 3000; tightest spec: mfi 3.8 within 3..10; pooled with other supplies; supply split over demands; next best: leave it unplaced (+17478 yen/t)
s-saitama-pp: 144.0 t a year unplaced (grade): no compatible demand within reach; nearest d-gunma-auto (70 km) refused: ash not stated by the supply (measured or by grade)
s-chiba-pp -> d-kyoto-crates: 300.0 t a year, -4420 yen/t: 521 km by truck: transport 13018 + CO2 562 yen/t (112.5 kg/t), margin 18000, premium 0; tightest spec: mfi 9 within 6..12; next best: leave it unplaced (+4420 yen/t)
d-kyoto-crates: 60.0 t a year unmet (quantity): quantity short: s-chiba-pp, the best compatible supply within reach, is fully placed
### stderr
### exit
0
