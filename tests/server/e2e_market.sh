#!/usr/bin/env bash
# End-to-end test of the market's API: a store with the demo listings
# (data/demo/market), served with --data data/demo for the rules, member
# tokens of two organisations (a recycler and a car maker), an auditor
# and an admin. Every endpoint and visibility rule: published listings
# for the public, a member's own internal and draft listings for that
# member only (never in another member's listings, matches,
# explanations or gap), writes for one's own organisation, agreements and
# their shortfall, bad bodies and parameters, and the rules directory
# missing (404 not_configured).
#
#   e2e_market.sh JUNKAN SOURCE_DIR
. "$(dirname "$0")/lib.sh" "$@"

db=${JK_E2E_DB:-$T/market.db} # JK_E2E_DB: another store (tests/pg/run.sh runs this on PostgreSQL)
"$JUNKAN" -q --db "$db" init || exit 1
"$JUNKAN" -q --db "$db" import "$SRC/data/demo" > /dev/null || exit 1
# the market's demo organisations are not in the demo directory
cat > "$T/orgs.csv" << 'EOF'
id,name,name_en,kind,corporate_number,lg_code,region
chiba-resin,千葉樹脂（架空）,Chiba Resin (fictional),recycler,,,JP-12
kanto-auto,関東自動車（架空）,Kanto Auto (fictional),manufacturer,,,JP-10
EOF
"$JUNKAN" -q --db "$db" import "$T/orgs.csv" || exit 1
"$JUNKAN" -q --db "$db" market import "$SRC/data/demo/market/listings.csv" || exit 1
ADMIN=$("$JUNKAN" -q --db "$db" token create --role admin)
AUDIT=$("$JUNKAN" -q --db "$db" token create --role auditor)
CHIBA=$("$JUNKAN" -q --db "$db" token create --role member --org chiba-resin)
KANTO=$("$JUNKAN" -q --db "$db" token create --role member --org kanto-auto)

start_server "$db" --data "$SRC/data/demo"
A=(-H "Authorization: Bearer $ADMIN")
AU=(-H "Authorization: Bearer $AUDIT")
C=(-H "Authorization: Bearer $CHIBA")
K=(-H "Authorization: Bearer $KANTO")
J=(-H "Content-Type: application/json" -X POST)

# --- listings: what each caller sees (24 demo listings, one of them
# chiba-resin's internal draft)
check "public listings" 200 "$B/api/v1/listings"
expect "public sees the published" .total 23
expect "no internal listing for the public" '[.items[] | select(.visibility == "internal")] | length' 0
check "member listings" 200 "${C[@]}" "$B/api/v1/listings"
expect "a member sees its own draft too" .total 24
check "other member listings" 200 "${K[@]}" "$B/api/v1/listings"
expect "another member does not" .total 23
check "auditor listings" 200 "${AU[@]}" "$B/api/v1/listings"
expect "auditor sees all" .total 24
check "demands" 200 "$B/api/v1/listings?side=demand"
expect "eight demands" .total 8
check "by material" 200 "$B/api/v1/listings?material=metal.copper&limit=100"
expect "copper and finer codes" '[.items[].id] | join(",")' "d-ibaraki-copper,s-hokkaido-cable,s-osaka-cable,s-tokyo-cable"
check "by prefecture" 200 "$B/api/v1/listings?region=JP-14"
expect "Kanagawa" '[.items[].id] | join(",")' "d-kawasaki-rpf,s-kawasaki-pp,s-yokohama-mixed"
check "by country" 200 "$B/api/v1/listings?region=JP&status=open"
expect "open in Japan" .total 23
check "page" 200 "$B/api/v1/listings?limit=5&offset=20"
expect "page length" '.items | length' 3
expect "page more" .more false
check "bad side" 400 "$B/api/v1/listings?side=both"
expect "bad side field" .error.field side
check "bad status" 400 "$B/api/v1/listings?status=gone"
expect "bad status field" .error.field status
check "bad limit" 400 "$B/api/v1/listings?limit=0"
expect "bad limit field" .error.field limit

check "one listing" 200 "$B/api/v1/listings/s-kawasaki-pp"
expect "its fields" '.quantity + " " + .recurrence + " " + .properties' "40t monthly mfi=4.5;ash=0.29999999999999999"
check "hidden listing, public" 404 "$B/api/v1/listings/s-draft-pp"
hidden=$(jq -c .error "$T/body")
check "missing listing" 404 "$B/api/v1/listings/s-nowhere"
missing=$(jq -c .error "$T/body" | sed 's/s-nowhere/s-draft-pp/')
if [ "$hidden" = "$missing" ]; then ok; else bad "a hidden listing answers unlike a missing one: $hidden / $missing"; fi
check "hidden listing, other member" 404 "${K[@]}" "$B/api/v1/listings/s-draft-pp"
check "own internal listing" 200 "${C[@]}" "$B/api/v1/listings/s-draft-pp"
expect "own draft" .status draft
check "auditor reads it" 200 "${AU[@]}" "$B/api/v1/listings/s-draft-pp"
check "admin reads it" 200 "${A[@]}" "$B/api/v1/listings/s-draft-pp"

# --- adding listings
internal='{"listings": [{"id": "d-chiba-internal", "side": "demand", "org": "chiba-resin", "material": "plastic.pp", "grade": "b", "quantity": "10t", "recurrence": "monthly", "lat": 35.61, "lon": 140.12, "prefecture": "JP-12", "price": 80000, "visibility": "internal", "status": "open"}]}'
check "post needs a token" 401 "${J[@]}" --data-binary "$internal" "$B/api/v1/listings"
check "auditor may not post" 403 "${AU[@]}" "${J[@]}" --data-binary "$internal" "$B/api/v1/listings"
check "member posts for another org" 403 "${K[@]}" "${J[@]}" --data-binary "$internal" "$B/api/v1/listings"
expect "forbidden field" .error.field '$.listings[0].org'
check "malformed body" 400 "${C[@]}" "${J[@]}" --data-binary '{"listings": [' "$B/api/v1/listings"
expect "malformed code" .error.code bad_json
check "not an object" 400 "${C[@]}" "${J[@]}" --data-binary '[1]' "$B/api/v1/listings"
expect "not an object code" .error.code bad_json
check "rules are not posted" 400 "${C[@]}" "${J[@]}" --data-binary '{"listings": [], "grades": []}' "$B/api/v1/listings"
expect "rules field" .error.field '$.grades'
check "no listings" 400 "${C[@]}" "${J[@]}" --data-binary '{"listings": []}' "$B/api/v1/listings"
expect "no listings field" .error.field '$.listings'
check "bad quantity" 400 "${C[@]}" "${J[@]}" --data-binary '{"listings": [{"id": "s-x", "side": "supply", "org": "chiba-resin", "material": "plastic.pp", "quantity": "-3t", "lat": 35.6, "lon": 140.1}]}' "$B/api/v1/listings"
expect "bad quantity field" .error.field '$.listings[0].quantity'
expect "bad quantity message" .error.message 'quantity: must be more than 0, got "-3t"'
check "bad second listing" 400 "${C[@]}" "${J[@]}" --data-binary '{"listings": [{"id": "s-ok", "side": "supply", "org": "chiba-resin", "material": "plastic.pp", "quantity": "3t", "lat": 35.6, "lon": 140.1}, {"id": "s-bad", "side": "supply", "org": "chiba-resin", "material": "plastic.pp", "quantity": "3t", "lat": 95, "lon": 140.1}]}' "$B/api/v1/listings"
expect "bad latitude field" .error.field '$.listings[1].lat'
check "nothing of a bad body stays" 404 "${C[@]}" "$B/api/v1/listings/s-ok"
check "unknown material" 400 "${C[@]}" "${J[@]}" --data-binary '{"listings": [{"id": "s-x", "side": "supply", "org": "chiba-resin", "material": "unobtainium", "quantity": "3t", "lat": 35.6, "lon": 140.1}]}' "$B/api/v1/listings"
expect "unknown material field" .error.field '$.listings[0].material'
check "no organisation" 400 "${A[@]}" "${J[@]}" --data-binary '{"listings": [{"id": "s-x", "side": "supply", "material": "plastic.pp", "quantity": "3t", "lat": 35.6, "lon": 140.1}]}' "$B/api/v1/listings"
expect "no organisation field" .error.field '$.listings[0].org'
check "duplicate id" 409 "${C[@]}" "${J[@]}" --data-binary '{"listings": [{"id": "s-chiba-pp", "side": "supply", "org": "chiba-resin", "material": "plastic.pp", "quantity": "3t", "lat": 35.6, "lon": 140.1}]}' "$B/api/v1/listings"
expect "duplicate field" .error.field '$.listings[0].id'
check "member adds an internal demand" 201 "${C[@]}" "${J[@]}" --data-binary "$internal" "$B/api/v1/listings"
expect "added" '.ids | join(",")' d-chiba-internal
check "the other member cannot see it" 404 "${K[@]}" "$B/api/v1/listings/d-chiba-internal"
check "nor the public" 404 "$B/api/v1/listings/d-chiba-internal"
check "its member can" 200 "${C[@]}" "$B/api/v1/listings/d-chiba-internal"
# a listing as read is a listing to post (admin, for any organisation)
check "read one" 200 "$B/api/v1/listings/d-niigata-alu"
jq '{listings: [. + {id: "d-niigata-alu-2", status: "draft"}]}' "$T/body" > "$T/copy.json"
check "admin posts a read listing back" 201 "${A[@]}" "${J[@]}" --data-binary @"$T/copy.json" "$B/api/v1/listings"
check "a public draft is not published" 404 "$B/api/v1/listings/d-niigata-alu-2"
check "the copy" 200 "${A[@]}" "$B/api/v1/listings/d-niigata-alu-2"
expect "the copy's fields" '.org + " " + .quantity + " " + .material + " " + .status' "echigo-alu 10t metal.aluminium.scrap draft"

# --- matches
check "matches need a token" 401 "$B/api/v1/matches"
check "car maker's matches" 200 "${K[@]}" "$B/api/v1/matches"
expect "only its allocations" '[.items[] | select(.supply_org != "kanto-auto" and .demand_org != "kanto-auto")] | length' 0
expect "its pooled PP" '[.items[] | .supply + ">" + .demand] | sort | join(",")' "s-gunma-pp>d-gunma-auto,s-kawasaki-pp>d-gunma-auto,s-osaka-pp>d-gunma-auto"
expect "explained" '[.items[] | select(.why | length > 20)] | length' 3
expect "routed via a hub" '[.items[] | select(.supply == "s-osaka-pp") | .hub] | join(",")' port-osaka-nanko
if grep -q 'chiba-internal\|s-draft-pp\|s-chiba-new' "$T/body"; then bad "another member's internal listing in the matches"; else ok; fi
check "recycler's matches" 200 "${C[@]}" "$B/api/v1/matches"
expect "its internal demand is matched" '[.items[] | select(.demand == "d-chiba-internal") | .supply] | join(",")' s-chiba-pp
check "auditor's matches" 200 "${AU[@]}" "$B/api/v1/matches?limit=1000"
auditor_total=$(jq .total "$T/body")
if [ "$auditor_total" -gt 4 ]; then ok; else bad "auditor sees $auditor_total allocations"; fi
expect "left with reasons" '[.left[] | select(.reason == "")] | length' 0
expect "grade refusal explained" '[.left[] | select(.listing == "s-kobe-pet") | .reason] | join(",")' grade
check "by listing" 200 "${AU[@]}" "$B/api/v1/matches?listing=d-gunma-auto"
expect "allocations of one listing" '[.items[] | select(.demand != "d-gunma-auto" and .supply != "d-gunma-auto")] | length' 0
check "matches bad limit" 400 "${K[@]}" "$B/api/v1/matches?limit=x"
expect "matches bad limit field" .error.field limit

# --- the gap report (public, aggregated)
check "gap" 200 "$B/api/v1/market/gap"
expect "gap unit" .unit "t per year"
expect "gap rows" '[.gap[] | select(.material == "plastic.pp")] | length > 0' true
if grep -q '"s-\|"d-\|listing' "$T/body"; then bad "the gap names listings"; else ok; fi
public_demand=$(jq '[.gap[] | .demand_t | tonumber] | add' "$T/body")
check "gap for the auditor" 200 "${AU[@]}" "$B/api/v1/market/gap"
auditor_demand=$(jq '[.gap[] | .demand_t | tonumber] | add' "$T/body")
# the internal demand (10 t a month) counts for the auditor only
if [ "$((auditor_demand - public_demand))" = 120 ]; then ok; else bad "internal demand in the public gap: $public_demand vs $auditor_demand"; fi
check "gap for the other member" 200 "${K[@]}" "$B/api/v1/market/gap"
kanto_demand=$(jq '[.gap[] | .demand_t | tonumber] | add' "$T/body")
if [ "$kanto_demand" = "$public_demand" ]; then ok; else bad "another member's internal demand in the gap: $kanto_demand vs $public_demand"; fi
curl -s -D "$T/h" -o /dev/null "$B/api/v1/market/gap"
etag=$(grep -i '^etag:' "$T/h" | cut -d' ' -f2 | tr -d '\r')
check "gap conditional GET" 304 -H "If-None-Match: $etag" "$B/api/v1/market/gap"
check "gap chart" 200 "$B/api/v1/market/gap?format=svg"
if head -c 5 "$T/body" | grep -q '<svg'; then ok; else bad "the chart is not SVG: $(head -c 80 "$T/body")"; fi
ctype=$(curl -s -o /dev/null -w '%{content_type}' "$B/api/v1/market/gap?format=svg")
if [ "$ctype" = image/svg+xml ]; then ok; else bad "chart type $ctype"; fi
check "gap bad format" 400 "$B/api/v1/market/gap?format=pdf"
expect "gap bad format field" .error.field format

# --- agreements
agree='{"supply": "s-kawasaki-pp", "demand": "d-gunma-auto", "volume": "20t", "note": "trial year"}'
check "agreements need a token" 401 "${J[@]}" --data-binary "$agree" "$B/api/v1/agreements"
check "auditor may not agree" 403 "${AU[@]}" "${J[@]}" --data-binary "$agree" "$B/api/v1/agreements"
check "member outside the pair" 403 "${C[@]}" "${J[@]}" --data-binary "$agree" "$B/api/v1/agreements"
check "agreement malformed" 400 "${K[@]}" "${J[@]}" --data-binary '{"supply":' "$B/api/v1/agreements"
expect "agreement malformed code" .error.code bad_json
check "agreement without demand" 400 "${K[@]}" "${J[@]}" --data-binary '{"supply": "s-kawasaki-pp", "volume": "20t"}' "$B/api/v1/agreements"
expect "without demand field" .error.field demand
check "agreement without volume" 400 "${K[@]}" "${J[@]}" --data-binary '{"supply": "s-kawasaki-pp", "demand": "d-gunma-auto"}' "$B/api/v1/agreements"
expect "without volume field" .error.field volume
check "agreement bad volume" 400 "${K[@]}" "${J[@]}" --data-binary '{"supply": "s-kawasaki-pp", "demand": "d-gunma-auto", "volume": "lots"}' "$B/api/v1/agreements"
expect "bad volume field" .error.field volume
check "agreement over the supply" 400 "${K[@]}" "${J[@]}" --data-binary '{"supply": "s-kawasaki-pp", "demand": "d-gunma-auto", "volume": "41t"}' "$B/api/v1/agreements"
expect "over the supply field" .error.field volume
check "agreement bad decision" 400 "${K[@]}" "${J[@]}" --data-binary '{"supply": "s-kawasaki-pp", "demand": "d-gunma-auto", "volume": "2t", "decision": "maybe"}' "$B/api/v1/agreements"
expect "bad decision field" .error.field decision
check "agreement unknown key" 400 "${K[@]}" "${J[@]}" --data-binary '{"supply": "s-kawasaki-pp", "demand": "d-gunma-auto", "volume": "2t", "price": "1"}' "$B/api/v1/agreements"
expect "unknown key field" .error.field price
check "agreement sides swapped" 400 "${K[@]}" "${J[@]}" --data-binary '{"supply": "d-gunma-auto", "demand": "s-kawasaki-pp", "volume": "2t"}' "$B/api/v1/agreements"
check "agreement with a hidden listing" 404 "${K[@]}" "${J[@]}" --data-binary '{"supply": "s-draft-pp", "demand": "d-gunma-auto", "volume": "2t"}' "$B/api/v1/agreements"
expect "hidden listing field" .error.field supply
check "member confirms its pair" 201 "${K[@]}" "${J[@]}" --data-binary "$agree" "$B/api/v1/agreements"
expect "the agreement" '.decision + " " + .volume + " " + .per + " " + .shortfall' "confirmed 20t monthly /api/v1/agreements/s-kawasaki-pp/d-gunma-auto/shortfall"
expect "the agreement's material and grade" '.material + " " + .grade' "plastic.pp a"
check "a pair is decided once" 409 "${K[@]}" "${J[@]}" --data-binary "$agree" "$B/api/v1/agreements"
check "member rejects a pair" 201 "${C[@]}" "${J[@]}" --data-binary '{"supply": "s-chiba-pp", "demand": "d-kyoto-crates", "decision": "rejected"}' "$B/api/v1/agreements"
check "car maker's agreements" 200 "${K[@]}" "$B/api/v1/agreements"
expect "its own only" '[.items[] | .supply + ">" + .demand] | join(",")' "s-kawasaki-pp>d-gunma-auto"
check "recycler's agreements" 200 "${C[@]}" "$B/api/v1/agreements"
expect "its rejection only" '[.items[] | .decision] | join(",")' rejected
check "auditor's agreements" 200 "${AU[@]}" "$B/api/v1/agreements"
expect "all decisions" .total 2
check "confirmed only" 200 "${A[@]}" "$B/api/v1/agreements?decision=confirmed"
expect "one confirmed" .total 1
check "agreements bad decision" 400 "${A[@]}" "$B/api/v1/agreements?decision=maybe"
expect "agreements bad decision field" .error.field decision
check "agreements public" 401 "$B/api/v1/agreements"
# an agreed pair is not proposed again; a rejected one is refused
check "matches after the decisions" 200 "${AU[@]}" "$B/api/v1/matches?limit=1000"
expect "agreed pair not proposed" '[.items[] | select(.supply == "s-kawasaki-pp" and .demand == "d-gunma-auto")] | length' 0
expect "rejected pair not proposed" '[.items[] | select(.supply == "s-chiba-pp" and .demand == "d-kyoto-crates")] | length' 0

# --- shortfall (deliveries are recorded with the CLI)
"$JUNKAN" -q --db "$db" market deliver s-kawasaki-pp d-gunma-auto --mass 15t --period 2026-04 || bad "deliver"
D=$B/api/v1/agreements/s-kawasaki-pp/d-gunma-auto/deliveries
check "delivery needs a token" 401 "${J[@]}" --data-binary '{"period": "2026-05", "mass": "20t"}' "$D"
check "auditor may not deliver" 403 "${AU[@]}" "${J[@]}" --data-binary '{"period": "2026-05", "mass": "20t"}' "$D"
check "delivery of another org's agreement" 404 "${C[@]}" "${J[@]}" --data-binary '{"period": "2026-05", "mass": "20t"}' "$D"
check "delivery bad period" 400 "${K[@]}" "${J[@]}" --data-binary '{"period": "May", "mass": "20t"}' "$D"
expect "bad period field" .error.field period
check "delivery bad mass" 400 "${K[@]}" "${J[@]}" --data-binary '{"period": "2026-05", "mass": "20"}' "$D"
expect "bad mass field" .error.field mass
check "delivery zero mass" 400 "${K[@]}" "${J[@]}" --data-binary '{"period": "2026-05", "mass": "0t"}' "$D"
expect "zero mass field" .error.field mass
check "delivery without mass" 400 "${K[@]}" "${J[@]}" --data-binary '{"period": "2026-05"}' "$D"
expect "without mass field" .error.field mass
check "delivery unknown key" 400 "${K[@]}" "${J[@]}" --data-binary '{"period": "2026-05", "mass": "20t", "by": "x"}' "$D"
expect "delivery unknown key field" .error.field by
check "delivery malformed" 400 "${K[@]}" "${J[@]}" --data-binary '{' "$D"
check "delivery without agreement" 404 "${K[@]}" "${J[@]}" --data-binary '{"period": "2026-05", "mass": "20t"}' "$B/api/v1/agreements/s-gunma-pp/d-gunma-auto/deliveries"
check "member records a delivery" 201 "${K[@]}" "${J[@]}" --data-binary '{"period": "2026-05", "mass": "20t", "ref": "slip-7"}' "$D"
expect "the delivery" '.mass + " " + .period + " " + .ref' "20t 2026-05 slip-7"
check "shortfall" 200 "${K[@]}" "$B/api/v1/agreements/s-kawasaki-pp/d-gunma-auto/shortfall"
expect "shortfall's agreement" '.material + " " + .volume + " " + .per' "plastic.pp 20t monthly"
expect "per period" '[.items[] | .period + ":" + .agreed_t + "/" + .delivered_t + "/" + .shortfall_t] | join(",")' "2026-04:20/15/5,2026-05:20/20/0"
check "shortfall for the auditor" 200 "${AU[@]}" "$B/api/v1/agreements/s-kawasaki-pp/d-gunma-auto/shortfall"
check "shortfall of another org's agreement" 404 "${C[@]}" "$B/api/v1/agreements/s-kawasaki-pp/d-gunma-auto/shortfall"
check "shortfall of a rejection" 404 "${A[@]}" "$B/api/v1/agreements/s-chiba-pp/d-kyoto-crates/shortfall"
check "shortfall public" 401 "$B/api/v1/agreements/s-kawasaki-pp/d-gunma-auto/shortfall"

check "sync without a ledger" 404 "${A[@]}" -X POST "$B/api/v1/deliveries/sync"
expect "sync without a ledger: code" .error.code not_configured

# --- documented
check "openapi" 200 "$B/api/v1/openapi.json"
expect "market paths" '[.paths | keys[] | select(test("listings|matches|agreements|market"))] | length' 7
stop_server

# --- without the rules directory
start_server "$db"
check "matches not configured" 404 "${A[@]}" "$B/api/v1/matches"
expect "not configured code" .error.code not_configured
check "gap not configured" 404 "$B/api/v1/market/gap"
expect "gap not configured code" .error.code not_configured
check "listings need no rules" 200 "$B/api/v1/listings"
stop_server
# a data directory without market/, then with a broken rules file
mkdir -p "$T/data"
start_server "$db" --data "$T/data"
check "no market directory" 404 "$B/api/v1/market/gap"
expect "no market directory code" .error.code not_configured
stop_server
mkdir -p "$T/data/market"
printf 'material,grade,property,min,max\nplastic.pp,a,mfi,9,3\n' > "$T/data/market/grades.csv"
start_server "$db" --data "$T/data"
check "broken rules" 500 "$B/api/v1/market/gap"
expect "broken rules named" '.error.message | startswith("the market'"'"'s rules do not load: grades.csv:2")' true
if grep -q "$T" "$T/body"; then bad "the server's path in an error"; else ok; fi
stop_server

finish
