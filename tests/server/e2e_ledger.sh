#!/usr/bin/env bash
# End-to-end test of the ledger's API: a store holding the demo chain
# (made with the CLI as in tests/cli/ledger-chain.t), a real server, and
# curl for every ledger endpoint and access rule: the public summary and
# proofs, entries, lots, traces and EPCIS for auditors and admins only,
# passports with the attributes each role may read (public: public;
# recycler or collector member: + legitimate interest; the issuer's own
# organisation, auditor and admin: + authority). The
# inclusion proof is verified against the root with python3 hashlib
# (RFC 9162 2.1.3.2) from the entry's own bytes, and with `junkan ledger
# proof --check`; the server replays the log again after a CLI append.
#
#   e2e_ledger.sh JUNKAN SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"

db=${JK_E2E_DB:-$T/ledger.db} # JK_E2E_DB: another store (tests/pg/run.sh runs this on PostgreSQL)
cp "$SRC"/tests/data/ledger/cli/*.key "$T"/ && chmod 600 "$T"/*.key
D=$SRC/data/ledger
KD=$T
K=(--key "$KD/demo-registry.key" --key "$KD/city-yokohama.key"
   --key "$KD/sorter-kawasaki.key" --key "$KD/maker-kanagawa.key")
AT=(--at 2026-06-30T12:00:00Z)
"$JUNKAN" -q --db "$db" init || exit 1
"$JUNKAN" -q --db "$db" import "$SRC/data/demo" > /dev/null || exit 1
ADMIN=$("$JUNKAN" -q --db "$db" token create --role admin)
AUDIT=$("$JUNKAN" -q --db "$db" token create --role auditor)
MEMBER=$("$JUNKAN" -q --db "$db" token create --role member --org rec-wangan-plastic)
CITY=$("$JUNKAN" -q --db "$db" token create --role member --org city-yokohama)
printf 'id,name,kind\nmaker-kanagawa,Kanagawa Bottling Co.,manufacturer\n' > "$T/maker.csv"
"$JUNKAN" -q --db "$db" import "$T/maker.csv" > /dev/null || exit 1
OWNER=$("$JUNKAN" -q --db "$db" token create --role member --org maker-kanagawa)
A=(-H "Authorization: Bearer $ADMIN")
AU=(-H "Authorization: Bearer $AUDIT")
M=(-H "Authorization: Bearer $MEMBER")
CM=(-H "Authorization: Bearer $CITY")
OW=(-H "Authorization: Bearer $OWNER")

# --- a store without a ledger
start_server "$db"
check "no ledger" 404 "$B/api/v1/ledger"
expect "no ledger code" .error.code not_configured
check "no ledger: passport" 404 "$B/api/v1/passports/urn:jk:dpp:bottles-0410"
expect "no ledger: passport code" .error.code not_configured
check "no ledger: entries" 404 "${AU[@]}" "$B/api/v1/ledger/entries"
stop_server

# --- the demo chain (27 entries) and a checkpoint
"$JUNKAN" -q --db "$db" ledger init --origin test.example/ledger \
    --key "$KD/demo-registry.key" --at 2026-04-01T00:00:00Z || exit 1
"$JUNKAN" --db "$db" ledger append --key "$KD/demo-registry.key" "${AT[@]}" \
    "$SRC/tests/data/ledger/cli/operators.json" > /dev/null || exit 1
"$JUNKAN" --db "$db" ledger append "${K[@]}" "${AT[@]}" "$D/demo/master.json" > /dev/null || exit 1
"$JUNKAN" --db "$db" ledger append --key "$KD/demo-registry.key" "${AT[@]}" "$D/schemes.json" > /dev/null || exit 1
"$JUNKAN" --db "$db" ledger append "${K[@]}" "${AT[@]}" "$D/demo/chain.json" > /dev/null || exit 1
"$JUNKAN" --db "$db" ledger checkpoint --key "$KD/demo-registry.key" > "$T/cp.txt" || exit 1
# the root as the command line verifies it from scratch
ROOT=$("$JUNKAN" --db "$db" ledger verify | grep -o "root [0-9a-f]*" | cut -d" " -f2)
[ ${#ROOT} -eq 64 ] || { echo "e2e_ledger: no root from ledger verify" >&2; exit 1; }
PASS=urn:jk:dpp:bottles-0410
LOT=urn:jk:lot:bottles-0410

start_server "$db"

# --- the summary (public)
check ledger 200 "$B/api/v1/ledger"
expect "origin" .origin test.example/ledger
expect "size" .size 27
expect "root" .root_sha256 $ROOT
expect "checkpoint size" .checkpoint.tree_size 27
expect "checkpoint root" .checkpoint.root_sha256 $ROOT
expect "checkpoint note" .checkpoint.note "$(cat "$T/cp.txt")"
check "POST ledger" 405 -X POST --data '{}' "$B/api/v1/ledger"
check "POST entries" 405 -X POST "${A[@]}" --data '{}' "$B/api/v1/ledger/entries"

# --- entries (auditor, admin)
check "entries without token" 401 "$B/api/v1/ledger/entries"
expect "entries 401 code" .error.code unauthorized
check "entries as member" 403 "${M[@]}" "$B/api/v1/ledger/entries"
expect "entries 403 code" .error.code forbidden
check "entries as auditor" 200 "${AU[@]}" "$B/api/v1/ledger/entries?limit=5&offset=23"
expect "entries page" '[.items[].seq] | join(",")' "23,24,25,26"
expect "entries total" .total 27
expect "entries more" .more false
expect "entry type" '.items[2].type' passport.issue
expect "entry body is canonical" '.items[2].body | fromjson | .seq' 25
check "entries as admin" 200 "${A[@]}" "$B/api/v1/ledger/entries?limit=2"
expect "entries first" '[.items[].type] | join(",")' "log.init,operator.register"
expect "entries more (admin)" .more true
check "entries past the end" 200 "${AU[@]}" "$B/api/v1/ledger/entries?offset=100"
expect "entries past the end: none" '.items | length' 0
check "entries bad limit" 400 "${AU[@]}" "$B/api/v1/ledger/entries?limit=0"
expect "entries bad limit field" .error.field limit
check "entry without token" 401 "$B/api/v1/ledger/entries/23"
check "entry as member" 403 "${M[@]}" "$B/api/v1/ledger/entries/23"
check "entry" 200 "${AU[@]}" "$B/api/v1/ledger/entries/23"
cp "$T/body" "$T/entry23.json"
expect "entry seq" .seq 23
expect "entry actor" .actor jp:maker-kanagawa
expect "entry sig" '.sig | length' 128
check "entry unknown" 404 "${AU[@]}" "$B/api/v1/ledger/entries/27"
expect "entry unknown field" .error.field seq
check "entry bad seq" 400 "${AU[@]}" "$B/api/v1/ledger/entries/x7"
expect "entry bad seq field" .error.field seq

# --- proofs (public, hashes only)
check "proof" 200 "$B/api/v1/ledger/entries/23/proof"
cp "$T/body" "$T/proof23.json"
expect "proof tree size (the checkpoint's)" .treeSize 27
expect "proof index" .leafIdx 23
if jq -e 'has("entry") or has("body") | not' "$T/proof23.json" > /dev/null; then ok; else bad "a proof holds hashes only"; fi
# the leaf from the entry's bytes, the root from the path (RFC 9162
# 2.1.3.2), against the summary's root and the checkpoint note's
if python3 - "$T/entry23.json" "$T/proof23.json" "$ROOT" "$T/cp.txt" <<'EOF'
import base64, hashlib, json, sys
e = json.load(open(sys.argv[1]))
p = json.load(open(sys.argv[2]))
H = lambda b: hashlib.sha256(b).digest()
leaf = H(b"\x00" + e["body"].encode() + bytes.fromhex(e["sig"]))
assert leaf.hex() == e["leaf_sha256"], "leaf_sha256"
assert base64.b64decode(p["leafHash"]) == leaf, "leafHash"
fn, sn, r = p["leafIdx"], p["treeSize"] - 1, leaf
for h in map(base64.b64decode, p["proof"]):
    assert sn != 0, "path too long"
    if fn & 1 or fn == sn:
        r = H(b"\x01" + h + r)
        while not fn & 1 and fn != 0:
            fn >>= 1
            sn >>= 1
    else:
        r = H(b"\x01" + r + h)
    fn >>= 1
    sn >>= 1
assert sn == 0, "path too short"
assert r == base64.b64decode(p["root"]), "root"
assert r.hex() == sys.argv[3], "summary root"
assert open(sys.argv[4]).read().split("\n")[2] == p["root"], "checkpoint root"
EOF
then ok; else bad "the inclusion proof does not verify against the root"; fi
out=$("$JUNKAN" ledger proof --check "$T/proof23.json" 2>&1)
if [ "$out" = "ok: inclusion proof verifies" ]; then ok; else bad "ledger proof --check: $out"; fi
check "proof at a size" 200 "$B/api/v1/ledger/entries/3/proof?size=10"
expect "proof at a size: tree" .treeSize 10
cp "$T/body" "$T/proof3.json"
out=$("$JUNKAN" ledger proof --check "$T/proof3.json" 2>&1)
if [ "$out" = "ok: inclusion proof verifies" ]; then ok; else bad "proof at a size: $out"; fi
check "proof size too small" 400 "$B/api/v1/ledger/entries/23/proof?size=23"
expect "proof size field" .error.field size
check "proof size too large" 400 "$B/api/v1/ledger/entries/23/proof?size=28"
check "proof size not a number" 400 "$B/api/v1/ledger/entries/23/proof?size=ten"
expect "proof size not a number: field" .error.field size
check "proof unknown entry" 404 "$B/api/v1/ledger/entries/27/proof"
check "proof bad seq" 400 "$B/api/v1/ledger/entries/-1/proof"
expect "proof bad seq field" .error.field seq
check consistency 200 "$B/api/v1/ledger/consistency?from=4&to=27"
cp "$T/body" "$T/cons.json"
expect "consistency sizes" '"\(.size1) \(.size2)"' "4 27"
out=$("$JUNKAN" ledger proof --check "$T/cons.json" 2>&1)
if [ "$out" = "ok: consistency proof verifies" ]; then ok; else bad "consistency --check: $out"; fi
# the older root is the root of the tree of 4 in the store's own terms
check "consistency to the log" 200 "$B/api/v1/ledger/consistency?from=26"
expect "consistency to the log: size2" .size2 27
check "consistency without from" 400 "$B/api/v1/ledger/consistency"
expect "consistency without from: field" .error.field from
check "consistency from 0" 400 "$B/api/v1/ledger/consistency?from=0"
check "consistency from > to" 400 "$B/api/v1/ledger/consistency?from=9&to=5"
expect "consistency from > to: field" .error.field from
check "consistency past the log" 400 "$B/api/v1/ledger/consistency?from=4&to=28"
expect "consistency past the log: field" .error.field to

# --- lots (auditor, admin: the ledger does not map its operators to
# the store's organisations, so members do not see lots)
check "lot without token" 401 "$B/api/v1/lots/$LOT"
check "lot as member" 403 "${M[@]}" "$B/api/v1/lots/$LOT"
check "lot" 200 "${AU[@]}" "$B/api/v1/lots/$LOT"
expect "lot produced" .produced_g 29500000
expect "lot post-consumer" .recycled_post_g 10030000
expect "lot claim" .mass_balance_claim_g 10000000
expect "lot passport" .passport $PASS
expect "lot responsible" .responsible jp:maker-kanagawa
check "lot unknown" 404 "${AU[@]}" "$B/api/v1/lots/urn:jk:lot:nothing"
check "trace" 200 "${A[@]}" "$B/api/v1/lots/urn:jk:lot:pet-flakes-0408/trace"
expect "trace links" '[.items[] | "\(.direction) \(.from) \(.mass_g)"] | join(",")' \
    "backward urn:jk:lot:yokohama-pet-2026-04 10200000,forward urn:jk:lot:pet-flakes-0408 10030000"
check "trace backward" 200 "${AU[@]}" "$B/api/v1/lots/$LOT/trace?direction=backward"
expect "trace backward: depths" '[.items[] | "\(.depth):\(.from)"] | join(",")' \
    "1:urn:jk:lot:pet-flakes-0408,1:urn:jk:lot:virgin-resin-0405,2:urn:jk:lot:yokohama-pet-2026-04"
check "trace forward" 200 "${AU[@]}" "$B/api/v1/lots/$LOT/trace?direction=forward"
expect "trace forward: none" .total 0
check "trace page" 200 "${AU[@]}" "$B/api/v1/lots/$LOT/trace?direction=backward&limit=1&offset=2"
expect "trace page: third" '.items[0] | "\(.depth) \(.mass_g)"' "2 10200000"
expect "trace page: more" .more false
check "trace bad direction" 400 "${AU[@]}" "$B/api/v1/lots/$LOT/trace?direction=up"
expect "trace bad direction: field" .error.field direction
check "trace unknown" 404 "${AU[@]}" "$B/api/v1/lots/urn:jk:lot:nothing/trace"
check "trace as member" 403 "${M[@]}" "$B/api/v1/lots/$LOT/trace"
check "epcis" 200 "${AU[@]}" "$B/api/v1/lots/$LOT/epcis"
expect "epcis type" .type EPCISDocument
expect "epcis events of the lineage" \
    '[.epcisBody.eventList[] | select(.type=="TransformationEvent")] | length' 2
check "epcis without token" 401 "$B/api/v1/lots/$LOT/epcis"
check "epcis as member" 403 "${M[@]}" "$B/api/v1/lots/$LOT/epcis"
check "epcis unknown" 404 "${AU[@]}" "$B/api/v1/lots/urn:jk:lot:nothing/epcis"

# --- passports: the attributes each role may read
check "passport public" 200 "$B/api/v1/passports/$PASS"
expect "public: role" '.viewer | "\(.role) \(.access)"' "public public"
expect "public: attributes" '.attributes | length' 4
expect "public: only public" '[.attributes[].access] | unique | join(",")' public
expect "public: no legit-interest value" '[.attributes[].key] | index("recycling.sortingInstructions")' null
expect "public: withheld" '.withheld | "\(.legit_interest) \(.authority)"' "2 1"
expect "public: value and unit" '.attributes[1] | "\(.value) \(.unit)"' "338983 ppm"
expect "public: link" .link "/p/$PASS"
check "passport member" 200 "${M[@]}" "$B/api/v1/passports/$PASS"
expect "member: access" .viewer.access legit_interest
expect "member: attributes" '.attributes | length' 6
expect "member: sorting instructions" \
    '.attributes[] | select(.key=="recycling.sortingInstructions") | .access' legit_interest
expect "member: withheld" '.withheld | "\(.legit_interest) \(.authority)"' "0 1"
# a member of another kind of organisation (a municipality) sees the
# public attributes; the issuer's own organisation sees everything
check "passport city member" 200 "${CM[@]}" "$B/api/v1/passports/$PASS"
expect "city member: access" .viewer.access public
expect "city member: attributes" '.attributes | length' 4
check "passport owner" 200 "${OW[@]}" "$B/api/v1/passports/$PASS"
expect "owner: access" .viewer.access authority
expect "owner: attributes" '.attributes | length' 7
check "untp city member" 200 "${CM[@]}" "$B/api/v1/passports/$PASS/untp"
expect "untp city member: attributes" '.passport.credentialSubject.product.characteristics.attributes | length' 4
check "passport auditor" 200 "${AU[@]}" "$B/api/v1/passports/$PASS"
expect "auditor: access" .viewer.access authority
expect "auditor: attributes" '.attributes | length' 7
expect "auditor: declaration" \
    '.attributes[] | select(.key=="compliance.declarationOfConformity") | .value' urn:jk:doc:doc-0410
check "passport admin" 200 "${A[@]}" "$B/api/v1/passports/$PASS"
expect "admin: attributes" '.attributes | length' 7
check "passport unknown" 404 "$B/api/v1/passports/urn:jk:dpp:nothing"
expect "passport unknown: code" .error.code not_found
check "untp public" 200 "$B/api/v1/passports/$PASS/untp"
expect "untp: a DPP" '.passport.type | index("DigitalProductPassport") != null' true
expect "untp public: role" .ledger.role public
expect "untp public: attributes" '.passport.credentialSubject.product.characteristics.attributes | length' 4
expect "untp public: issuing entry redacted" '.ledger.entries[] | select(.seq==25) | .redacted' true
expect "untp public: no body of the issuing entry" '[.ledger.entries[] | select(.seq==25) | has("entry")] | .[0]' false
check "untp member" 200 "${M[@]}" "$B/api/v1/passports/$PASS/untp"
expect "untp member: attributes" '.passport.credentialSubject.product.characteristics.attributes | length' 6
check "untp auditor" 200 "${AU[@]}" "$B/api/v1/passports/$PASS/untp"
expect "untp auditor: role" .ledger.role authority
expect "untp auditor: issuing entry in full" '.ledger.entries[] | select(.seq==25) | .entry.type' passport.issue
expect "untp root" .ledger.root_sha256 $ROOT
check "untp unknown" 404 "$B/api/v1/passports/urn:jk:dpp:nothing/untp"

# --- the page's QR-code link and the OpenAPI description
check "passport link" 200 "$B/p/$PASS"
if grep -q 'passport-id' "$T/body"; then ok; else bad "/p/ID is not the page"; fi
check openapi 200 "$B/api/v1/openapi.json"
for p in /api/v1/ledger /api/v1/ledger/entries '/api/v1/ledger/entries/{seq}' \
    '/api/v1/ledger/entries/{seq}/proof' /api/v1/ledger/consistency \
    '/api/v1/lots/{upi}' '/api/v1/lots/{upi}/trace' '/api/v1/lots/{upi}/epcis' \
    '/api/v1/passports/{id}' '/api/v1/passports/{id}/untp'; do
    expect "openapi $p" ".paths[\"$p\"].get != null" true
done

# --- the server follows the log: a CLI append and a checkpoint while
# it runs (both worker threads answer from a fresh replay)
cat > "$T/set.json" <<'EOF'
{"type": "passport.set", "actor": "jp:maker-kanagawa", "passport_id": "urn:jk:dpp:bottles-0410",
 "key": "repair.disassembly", "value": "cap unscrews; label perforated", "access": "public",
 "time": "2026-07-01T09:00:00+09:00"}
EOF
"$JUNKAN" --db "$db" ledger append --key "$KD/maker-kanagawa.key" --at 2026-07-01T00:00:00Z "$T/set.json" > /dev/null || exit 1
for i in 1 2 3 4; do
    check "after append $i" 200 "$B/api/v1/passports/$PASS"
    expect "after append $i: new attribute" '.attributes[-1].key' repair.disassembly
done
check "summary after append" 200 "$B/api/v1/ledger"
expect "size after append" .size 28
expect "checkpoint not moved" .checkpoint.tree_size 27
check "proof defaults to the checkpoint" 200 "$B/api/v1/ledger/entries/3/proof"
expect "proof defaults to the checkpoint: size" .treeSize 27
check "new entry's proof: the whole log" 200 "$B/api/v1/ledger/entries/27/proof"
expect "new entry's proof: size" .treeSize 28
"$JUNKAN" --db "$db" ledger checkpoint --key "$KD/demo-registry.key" > /dev/null || exit 1
for i in 1 2 3; do
    check "after checkpoint $i" 200 "$B/api/v1/ledger"
    expect "after checkpoint $i: size" .checkpoint.tree_size 28
done
check "consistency old checkpoint to new" 200 "$B/api/v1/ledger/consistency?from=27&to=28"
cp "$T/body" "$T/cons2.json"
out=$("$JUNKAN" ledger proof --check "$T/cons2.json" 2>&1)
if [ "$out" = "ok: consistency proof verifies" ]; then ok; else bad "checkpoint consistency: $out"; fi
expect "consistency from the old root" .root1 "$(sed -n 3p "$T/cp.txt")"

# --- the market's deliveries from the ledger's receipts (junkan market
# deliver --from-ledger over HTTP): admins only, each receipt once
"$JUNKAN" -q --db "$db" market import "$D/demo/market-listings.csv" || exit 1
"$JUNKAN" -q --db "$db" market agree s-kawasaki-pet-flakes d-kanagawa-pet-flakes --volume 12t || exit 1
S=$B/api/v1/deliveries/sync
check "sync needs a token" 401 -X POST "$S"
check "a member may not sync" 403 "${OW[@]}" -X POST "$S"
check "an auditor may not sync" 403 "${AU[@]}" -X POST "$S"
check "admin syncs" 200 "${A[@]}" -X POST "$S"
expect "sync counts" '"\(.recorded) \(.already) \(.skipped)"' "1 0 1"
expect "sync receipts" '[.receipts[] | "\(.entry):\(.outcome):\(.period)"] | join(",")' "16:not recorded:,19:recorded:2026-04"
expect "sync reason" '.receipts[0].reason' "no agreement from jp:city-yokohama to jp:sorter-kawasaki"
check "sync again" 200 "${A[@]}" -X POST "$S"
expect "sync again counts" '"\(.recorded) \(.already) \(.skipped)"' "0 1 1"
check "shortfall from the ledger" 200 "${A[@]}" "$B/api/v1/agreements/s-kawasaki-pet-flakes/d-kanagawa-pet-flakes/shortfall"
expect "shortfall from the ledger: items" '[.items[] | .period + ":" + .agreed_t + "/" + .delivered_t + "/" + .shortfall_t] | join(",")' "2026-04:12/10.2/1.8"
check "openapi: sync" 200 "$B/api/v1/openapi.json"
expect "openapi: sync path" '.paths["/api/v1/deliveries/sync"].post != null' true

stop_server
finish
