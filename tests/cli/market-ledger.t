# Deliveries from the ledger: the demo chain's two receipts against one
# offtake agreement (the flakes from Kawasaki to the Kanagawa bottle
# maker); the second run records nothing new; the shortfall uses the
# recorded delivery; ids with --from-ledger are a usage error
### setup
cp "$ROOT"/tests/data/ledger/cli/*.key . && chmod 600 *.key
D="$ROOT/data/ledger"
"$JUNKAN" -q --db l.db ledger init --origin test.example/ledger --key demo-registry.key --at 2026-04-01T00:00:00Z
"$JUNKAN" --db l.db ledger append --key demo-registry.key --at 2026-06-30T12:00:00Z "$ROOT"/tests/data/ledger/cli/operators.json > /dev/null
K="--key demo-registry.key --key city-yokohama.key --key sorter-kawasaki.key --key maker-kanagawa.key"
"$JUNKAN" --db l.db ledger append $K --at 2026-06-30T12:00:00Z "$D"/demo/master.json > /dev/null
"$JUNKAN" --db l.db ledger append --key demo-registry.key --at 2026-06-30T12:00:00Z "$D"/schemes.json > /dev/null
"$JUNKAN" --db l.db ledger append $K --at 2026-06-30T12:00:00Z "$D"/demo/chain.json > /dev/null
"$JUNKAN" -q --db l.db market import "$D"/demo/market-listings.csv
"$JUNKAN" -q --db l.db market agree s-kawasaki-pet-flakes d-kanagawa-pet-flakes --volume 12t
### command
cd "$T" && "$JUNKAN" --db l.db market deliver --from-ledger && "$JUNKAN" --db l.db --format csv market deliver --from-ledger && "$JUNKAN" --db l.db --format csv market shortfall && "$JUNKAN" --db l.db market deliver --from-ledger s-kawasaki-pet-flakes d-kanagawa-pet-flakes
### stdout
entry  outcome                   t  period    agreement; reason
   16  not recorded           12.4  -         no agreement from jp:city-yokohama to jp:sorter-kawasaki
   19  recorded               10.2  2026-04   s-kawasaki-pet-flakes/d-kanagawa-pet-flakes
entry,ref,time,sender,receiver,material,mass_t,supply,demand,period,outcome,reason
16,ledger:16,2026-04-04T11:00:00+09:00,jp:city-yokohama,jp:sorter-kawasaki,plastic.pet,12.4,,,,not recorded,no agreement from jp:city-yokohama to jp:sorter-kawasaki
19,ledger:19,2026-04-09T15:00:00+09:00,jp:sorter-kawasaki,jp:maker-kanagawa,plastic.pet,10.2,s-kawasaki-pet-flakes,d-kanagawa-pet-flakes,2026-04,already recorded,
supply,demand,period,agreed_t,delivered_t,shortfall_t
s-kawasaki-pet-flakes,d-kanagawa-pet-flakes,2026-04,12,10.2,1.8
### stderr
junkan: deliveries from the ledger: 1 recorded, 0 recorded before; 1 receipts not recorded
junkan: deliveries from the ledger: 0 recorded, 1 recorded before; 1 receipts not recorded
junkan: deliver --from-ledger takes no ids, files, --mass, --period or --ref
Try `junkan market --help`.
### exit
2
