# junkan diagnose import, then national, peers and measures with no DATA:
# read from the store, the same tables as from the CSV directory
### setup
"$JUNKAN" --format csv diagnose national "$ROOT/data/demo/diagnosis" > csv-national.csv
"$JUNKAN" --format csv diagnose peers "$ROOT/data/demo/diagnosis" > csv-peers.csv
### command
cd "$T" && "$JUNKAN" --db dg.db diagnose import "$ROOT/data/demo/diagnosis" && "$JUNKAN" --db dg.db --format csv diagnose national | diff csv-national.csv - && "$JUNKAN" --db dg.db --format csv diagnose peers | diff csv-peers.csv - && echo "national and peers identical" && "$JUNKAN" --db dg.db --format csv diagnose measures --muni 90002 | head -n 3
### stdout
national and peers identical
id,measure,fraction,target_pct,recovered_t,ghg_tco2e,final_disposal_t,final_disposal_m3,landfill_life_yr,cost_kyen,yen_per_t,yen_per_tco2e
paper_collection,古紙の分別強化,paper,40.3,118,-462,-21,-21,1.80,-5692,-48172,-12320
pet_b2b,PETボトル水平リサイクル,pet,61.7,13,-44,-2,-2,0.20,-595,-45172,-13663
### stderr
junkan: imported the diagnosis input of 252 municipalities (6590 rows)
### exit
0
