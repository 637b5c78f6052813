# The demo chain through the ledger commands: init, appends signed by
# each operator's key, a checkpoint, verification, a lot, the trace and
# the passport as the public and as a recycler see it
### setup
cp "$ROOT"/tests/data/ledger/cli/*.key . && chmod 600 *.key
D="$ROOT/data/ledger"
"$JUNKAN" -q --db l.db ledger init --origin test.example/ledger --key demo-registry.key --at 2026-04-01T00:00:00Z
"$JUNKAN" --db l.db ledger append --key demo-registry.key --at 2026-06-30T12:00:00Z "$ROOT"/tests/data/ledger/cli/operators.json > /dev/null
K="--key demo-registry.key --key city-yokohama.key --key sorter-kawasaki.key --key maker-kanagawa.key"
"$JUNKAN" --db l.db ledger append $K --at 2026-06-30T12:00:00Z "$D"/demo/master.json > /dev/null
"$JUNKAN" --db l.db ledger append --key demo-registry.key --at 2026-06-30T12:00:00Z "$D"/schemes.json > /dev/null
### command
cd "$T" && "$JUNKAN" --db l.db ledger append --key demo-registry.key --key city-yokohama.key --key sorter-kawasaki.key --key maker-kanagawa.key --at 2026-06-30T12:00:00Z "$ROOT"/data/ledger/demo/chain.json && "$JUNKAN" --db l.db ledger checkpoint --key demo-registry.key | head -3 && "$JUNKAN" --db l.db ledger verify && "$JUNKAN" --db l.db ledger show lot urn:jk:lot:bottles-0410 && "$JUNKAN" --db l.db --format csv ledger trace urn:jk:lot:pet-flakes-0408 --svg t.svg && grep -c '<rect' t.svg && "$JUNKAN" --db l.db --format csv passport show urn:jk:dpp:bottles-0410 && "$JUNKAN" --db l.db --format csv passport show urn:jk:dpp:bottles-0410 --as recycler
### stdout
appended entries 14..26 (13)
test.example/ledger
27
CWCC5CS9rNiAr7Gc1VvZN+xN0BB0c4Nn4UtW3SB4TqQ=
ok: 27 entries, 1 checkpoints, root 096082e424bdacd880afb19cd55bd937ec4dd01074738367e14b56dd20784ea4
field                  value
---------------------  -------------------------
upi                    urn:jk:lot:bottles-0410
class                  jk:class:pet-bottle-500ml
state                  active
status                 original
facility               jp:fac:kanagawa-bottling
responsible            jp:maker-kanagawa
origin                 mixed
produced_kg            29500
remaining_kg           29500
consumed_kg            0
destroyed_kg           0
recycled_pre_kg        0
recycled_post_kg       10030
mass_balance_claim_kg  10000
passport               urn:jk:dpp:bottles-0410
created_by_entry       23
direction,depth,from,to,mass_kg,link,entry
back,1,urn:jk:lot:yokohama-pet-2026-04,urn:jk:lot:pet-flakes-0408,10200,transformation,17
forward,1,urn:jk:lot:pet-flakes-0408,urn:jk:lot:bottles-0410,10030,transformation,23
4
key,value,unit,access,entry
untp:product.name,"500 ml PET bottle, lot 0410",,public,25
circularity.recycledContent.massBalance,338983,ppm,public,25
circularity.recycledContent.scheme,iscc-plus,,public,25
circularity.recyclability,"mono-material PET, PP cap",,public,25
key,value,unit,access,entry
untp:product.name,"500 ml PET bottle, lot 0410",,public,25
circularity.recycledContent.massBalance,338983,ppm,public,25
circularity.recycledContent.scheme,iscc-plus,,public,25
circularity.recyclability,"mono-material PET, PP cap",,public,25
recycling.sortingInstructions,remove cap and label; NIR sortable,,legit_interest,25
material.additives,no antimony catalyst residue above 200 ppm,,legit_interest,25
### stderr
### exit
0
