# junkan market match on the demo listings and rules (files, no store):
# allocations with their explanations, then what is left and why
### args
market match data/demo/market/listings.csv data/demo/market/grades.csv data/demo/market/permits.csv data/demo/market/exclusions.csv
### stdout
24 listings, 16 candidate pairs, 12 allocations moving 5,304.0 t a year; objective -77425272 yen a year

Allocations (t a year; yen per tonne, negative = gain):
supply           demand           material                  t/yr    km    yen/t  why
s-kawasaki-pp    d-gunma-auto     plastic.pp             480.0 t   118   -31913  118 km by truck: transport 2959 + CO2 128 yen/t (25.6 kg/t), margin 32000, premium 3000; tightest spec: mfi 4.5 within 2..8; pooled with other supplies; next best: d-aichi-parts (+13039 yen/t)
s-chiba-pp       d-kyoto-crates   plastic.pp             300.0 t   521    -4420  521 km by truck: transport 13018 + CO2 562 yen/t (112.5 kg/t), margin 18000, premium 0; tightest spec: mfi 9 within 6..12; next best: leave it unplaced (+4420 yen/t)
s-gunma-pp       d-gunma-auto     plastic.pp              96.0 t    39   -35982  39 km by truck: transport 976 + CO2 42 yen/t (8.4 kg/t), margin 34000, premium 3000; tightest spec: mfi 3..6 within 2..8; pooled with other supplies; next best: d-aichi-parts (+14695 yen/t)
s-osaka-pp       d-gunma-auto     plastic.pp             144.0 t   521   -19403  521 km by truck: transport 13034 + CO2 563 yen/t (112.6 kg/t), margin 30000, premium 3000; tightest spec: mfi 3.8 within 2..8; pooled with other supplies; supply split over demands; next best: leave it unplaced (+17478 yen/t)
s-osaka-pp       d-aichi-parts    plastic.pp             216.0 t   212   -17478  212 km by truck: transport 5293 + CO2 229 yen/t (45.7 kg/t), margin 20000, premium 3000; tightest spec: mfi 3.8 within 3..10; pooled with other supplies; supply split over demands; next best: leave it unplaced (+17478 yen/t)
s-fukuoka-pp     d-aichi-parts    plastic.pp             240.0 t   768   -46763  768 km by ship: transport 3072 + CO2 165 yen/t (33.0 kg/t), margin 50000, premium 0; tightest spec: mfi 7.5 within 3..10; pooled with other supplies; next best: d-kyoto-crates (+29307 yen/t)
s-yokohama-mixed d-kawasaki-rpf   plastic.mixed          600.0 t     7    -2806  7 km by truck: transport 186 + CO2 8 yen/t (1.6 kg/t), margin 3000, premium 0; supply partly placed; no alternative
s-nagoya-pet     d-shiga-fibre    plastic.pet.bottle     600.0 t   109   -22149  109 km by truck: transport 2732 + CO2 118 yen/t (23.6 kg/t), margin 25000, premium 0; next best: leave it unplaced (+22149 yen/t)
s-tokyo-cable    d-ibaraki-copper metal.copper.scrap.cable      72.0 t   166   -75682  166 km by truck: transport 4139 + CO2 179 yen/t (35.8 kg/t), margin 80000, premium 0; pooled with other supplies; next best: leave it unplaced (+75682 yen/t)
s-hokkaido-cable d-ibaraki-copper metal.copper.scrap.cable      36.0 t   879   -96296  879 km by ship: transport 3515 + CO2 189 yen/t (37.8 kg/t), margin 100000, premium 0; pooled with other supplies; next best: leave it unplaced (+96296 yen/t)
s-tokyo-can      d-niigata-alu    metal.aluminium.scrap.can     120.0 t   337   -11220  337 km by truck: transport 8416 + CO2 364 yen/t (72.7 kg/t), margin 20000, premium 0; supply partly placed; no alternative
s-hiroshima-iron d-osaka-steel    metal.iron.scrap.heavy   2,400.0 t   247    -5958  247 km by ship: transport 989 + CO2 53 yen/t (10.6 kg/t), margin 7000, premium 0; supply partly placed; no alternative

Left unmatched:
listing          side    material             t/yr left reason    why
s-saitama-pp     supply  plastic.pp             144.0 t grade     no compatible demand within reach; nearest d-gunma-auto (70 km) refused: ash not stated by the supply (measured or by grade)
s-yokohama-mixed supply  plastic.mixed          120.0 t quantity  quantity short: d-kawasaki-rpf, the best compatible demand within reach, is fully met
s-sendai-mixed   supply  plastic.mixed          420.0 t quantity  quantity short: the compatible demands within reach are met by cheaper matches (best: d-kawasaki-rpf, +8828 yen/t)
s-kobe-pet       supply  plastic.pet.bottle     240.0 t grade     no compatible demand within reach; nearest d-shiga-fibre (109 km) refused: iv 0.68 outside >= 0.7
s-osaka-cable    supply  metal.copper.scrap.cable      48.0 t grade     no compatible demand within reach; nearest d-ibaraki-copper (664 km) refused: cu 58 outside >= 60
s-tokyo-can      supply  metal.aluminium.scrap.can      60.0 t quantity  quantity short: d-niigata-alu, the best compatible demand within reach, is fully met
s-hiroshima-iron supply  metal.iron.scrap.heavy   1,200.0 t quantity  quantity short: d-osaka-steel, the best compatible demand within reach, is fully met
d-aichi-parts    demand  plastic.pp              24.0 t quantity  quantity short: s-osaka-pp, the best compatible supply within reach, is fully placed
d-kyoto-crates   demand  plastic.pp              60.0 t quantity  quantity short: s-chiba-pp, the best compatible supply within reach, is fully placed
d-shiga-fibre    demand  plastic.pet.bottle     120.0 t quantity  quantity short: s-nagoya-pet, the best compatible supply within reach, is fully placed
d-ibaraki-copper demand  metal.copper.scrap      36.0 t quantity  quantity short: s-tokyo-cable, the best compatible supply within reach, is fully placed
### stderr
### exit
0
