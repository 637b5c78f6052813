# municipality-company matching: a scored ranking with the weights shown,
# then CSV with other weights, then a bad --weights
### command
"$JUNKAN" market rank tests/data/market/ok_challenges.csv tests/data/market/ok_capabilities.csv && "$JUNKAN" --format csv market rank tests/data/market/ok_challenges.csv tests/data/market/ok_capabilities.csv --weights 0,0,1,1 --top 2; "$JUNKAN" market rank tests/data/market/ok_challenges.csv --weights 1,2; echo "exit $?"
### stdout
Weights: material 0.30, process 0.30, capacity 0.20, distance 0.20

c1 (yokohama): plastic, 1,000 t a year
  1. a-recycle            100.0  material plastic covers plastic; processes 100%; capacity 2,000 t of 1,000 t a year; 0 km within 50 km
  2. b-pp                  60.0  material plastic.pp is part of plastic; processes 50%, missing sorting; capacity 500 t of 1,000 t a year; 0 km within 100 km
  3. d-rpf                 58.9  material plastic covers plastic; processes 0%, missing sorting; capacity 1,000 t of 1,000 t a year; 56 km within 100 km

c2 (kitakyushu): metal.copper, 10 t a year
  no company handles it within 50 km
challenge,municipality,rank,company,score,material_fit,process_fit,capacity_fit,distance_fit,km,why
c1,yokohama,1,a-recycle,100.0,1.000,1.000,1.000,1.000,0.0,"material plastic covers plastic; processes 100%; capacity 2,000 t of 1,000 t a year; 0 km within 50 km"
c1,yokohama,2,b-pp,75.0,0.500,0.500,0.500,1.000,0.0,"material plastic.pp is part of plastic; processes 50%, missing sorting; capacity 500 t of 1,000 t a year; 0 km within 100 km"
exit 2
### stderr
junkan: --weights takes four numbers >= 0: material,process,capacity,distance
Try `junkan market --help`.
### exit
0
